"""Module 5 — les simulateurs et les graphiques de la leçon (vues minces sur le modèle).

    simulateur_profil()        votre commune : ses 5 domaines DigComp à côté des 77 communes
    simulateur_competences()   un domaine DigComp → barres par sexe, milieu ou âge
    simulateur_plan()          une cible → personnes, sessions, formateurs, budget
    simulateur_evaluation()    un seuil de réussite → part qui réussit avant / après
    graphique_chiffres_internet(), graphique_impact_effort(), graphique_avant_apres()

Chaque simulateur renvoie un ``Simulateur`` ; son ``resultat`` est un petit
dictionnaire (utilisé par les tests). Chaque graphique renvoie sa figure.
"""

from __future__ import annotations

import math
import textwrap
from functools import cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from atelier.donnees import MENTION_SYNTHETIQUE, charger, charger_communes, communes_disponibles
from atelier.erreurs import nombre_fr
from atelier.modules.m5_formation import modele
from atelier.vues import Simulateur, curseur, figure, menu
from atelier.vues.style import BLEU, ORANGE
from atelier.vues.style import GRIS_FONCE as GRIS

TOUTES = "Toutes les communes"
PETIT_GROUPE = 30
"""En dessous de 30 répondants dans un groupe, une part se lit avec prudence."""

LIBELLES_GROUPES = {
    "femme": "Femmes",
    "homme": "Hommes",
    "rural": "Milieu rural",
    "urbain": "Milieu urbain",
    **{t: f"{t} ans" for t in ("15-24", "25-34", "35-49", "50-64", "65+")},
}


def _arrondi(x: float, decimales: int = 0) -> float:
    """Arrondi « à la française » : 52,5 → 53 (et non 52, l'arrondi au pair de Python)."""
    return math.floor(x * 10**decimales + 0.5) / 10**decimales


def _pct(x: float, decimales: int = 0) -> str:
    return f"{nombre_fr(_arrondi(x, decimales), decimales)} %"


def _millions(fcfa: float) -> str:
    return f"{nombre_fr(_arrondi(fcfa / 1e6, 1), 1)} millions de FCFA"


def _au_dessus(ax, x: float, y: float, texte: str) -> None:
    """Écrit la valeur juste au-dessus d'une barre."""
    ax.annotate(
        texte,
        (x, y),
        ha="center",
        va="bottom",
        fontsize=9,
        xytext=(0, 2),
        textcoords="offset points",
    )


def _libelle_domaine(domaine: str) -> str:
    if domaine == modele.TOUS_LES_DOMAINES:
        return "Les 5 domaines à la fois"
    return modele.DOMAINES[domaine]


# --- Votre commune : le profil des 5 domaines -----------------------------------------


def dessiner_profil(
    enquete: pd.DataFrame, commune: str, niveau_min: int, *, pays: pd.Series | None = None
) -> dict:
    """Barres horizontales : part au niveau ``niveau_min`` ou plus dans chaque domaine, la commune
    à côté de l'ensemble des 77 communes (``pays`` : ce profil, s'il est déjà calculé)."""
    repondants = enquete[enquete["commune"] == commune]
    pays = modele.profil_domaines(enquete, niveau_min) if pays is None else pays
    locale = modele.profil_domaines(repondants, niveau_min)
    fig, ax = figure(8, 4.2)
    y = np.arange(len(pays))[::-1]
    ax.barh(y + 0.2, locale, 0.4, color=BLEU, edgecolor="black", label=commune)
    ax.barh(y - 0.2, pays, 0.4, color="white", edgecolor="black", hatch="//", label="77 communes")
    for yi, valeur in zip(y, locale, strict=True):
        ax.annotate(
            _pct(valeur, 1),
            (valeur, yi + 0.2),
            va="center",
            xytext=(3, 0),
            textcoords="offset points",
            fontsize=9,
        )
    ax.set_yticks(y, pays.index)
    ax.set_xlim(0, 105)
    ax.set_xlabel(f"Répondants au niveau {niveau_min} ou plus (%)")
    ax.legend(loc="lower right", frameon=False)
    faible = locale.idxmin()
    fig.suptitle(
        f"{commune} : le domaine le moins maîtrisé est « {faible} » ({_pct(locale[faible], 1)} "
        f"au niveau {niveau_min} ou plus)\n{len(repondants)} répondants, {MENTION_SYNTHETIQUE}",
        fontsize=10,
    )
    return {
        "commune": {d: round(float(v), 1) for d, v in locale.items()},
        "pays": {d: round(float(v), 1) for d, v in pays.items()},
        "domaine_le_plus_faible": faible,
    }


def simulateur_profil(commune: str = "Kandi", enquete: pd.DataFrame | None = None) -> Simulateur:
    """Votre commune : ses 5 domaines DigComp à côté de l'ensemble des communes."""
    enquete = charger("enquete_competences") if enquete is None else enquete
    controles = {
        "commune": menu("Commune", communes_disponibles(), valeur=commune),
        "niveau_min": curseur("Niveau minimal (1 à 8)", 1, 8, 1),
    }
    # un par niveau
    profil_du_pays = cache(lambda niveau_min: modele.profil_domaines(enquete, niveau_min))
    return Simulateur(
        controles,
        lambda commune, niveau_min: dessiner_profil(
            enquete, commune, niveau_min, pays=profil_du_pays(niveau_min)
        ),
        titre="Votre commune : quels domaines DigComp sont les moins maîtrisés ?",
    )


# --- Simulateur 1 : les compétences par groupe --------------------------------------


def dessiner_competences(
    enquete: pd.DataFrame, domaine: str, par: str, niveau_min: int, commune: str = TOUTES
) -> dict:
    """Barres : part des répondants au moins au ``niveau_min`` dans ``domaine``, par groupe."""
    if commune != TOUTES:
        enquete = enquete[enquete["commune"] == commune]
    tableau = modele.tableau_par_groupe(enquete, domaine, par, niveau_min)
    parts = tableau["part_pct"]
    haut, bas = parts.idxmax(), parts.idxmin()
    ecart = modele.ecart_points(tableau)
    prudence = bool((tableau["repondants"] < PETIT_GROUPE).any())

    fig, ax = figure(8, 4.2)
    etiquettes = [LIBELLES_GROUPES.get(g, g) for g in tableau.index]
    barres = ax.bar(etiquettes, parts, color=BLEU, edgecolor="black")
    for barre, (_, ligne) in zip(barres, tableau.iterrows(), strict=True):
        _au_dessus(
            ax,
            barre.get_x() + barre.get_width() / 2,
            barre.get_height(),
            f"{_pct(ligne['part_pct'])}\n({nombre_fr(ligne['repondants'])} rép.)",
        )
    ax.set_ylim(0, 110)
    ax.set_ylabel(f"Répondants au niveau {niveau_min} ou plus (%)")
    ax.set_xlabel(modele.GROUPES[par].capitalize())
    lieu = "77 communes" if commune == TOUTES else commune
    fig.suptitle(
        f"{_libelle_domaine(domaine)}, niveau {niveau_min} ou plus ({lieu}) : "
        f"{LIBELLES_GROUPES.get(haut, haut)} {_pct(parts[haut])}, "
        f"{LIBELLES_GROUPES.get(bas, bas)} {_pct(parts[bas])}\n"
        f"soit {nombre_fr(_arrondi(ecart))} points d'écart — enquête : {MENTION_SYNTHETIQUE}",
        fontsize=10,
    )
    if prudence:
        ax.text(
            0.01,
            0.97,
            f"Prudence : moins de {PETIT_GROUPE} répondants dans un groupe",
            transform=ax.transAxes,
            va="top",
            fontsize=9,
            color=GRIS,
        )
    return {
        "parts": {g: round(float(v), 1) for g, v in parts.items()},
        "ecart_points": round(ecart, 1),
        "repondants": int(tableau["repondants"].sum()),
        "prudence": prudence,
    }


def simulateur_competences(
    enquete: pd.DataFrame | None = None, commune: str = TOUTES
) -> Simulateur:
    """Choisissez un domaine DigComp, un critère de comparaison, un niveau et une commune."""
    enquete = charger("enquete_competences") if enquete is None else enquete
    domaines = [(libelle, colonne) for colonne, libelle in modele.DOMAINES.items()]
    domaines.append(("Les 5 domaines à la fois", modele.TOUS_LES_DOMAINES))
    controles = {
        "domaine": menu("Domaine DigComp", domaines, valeur="niv_info"),
        "par": menu(
            "Comparer selon",
            [(g.capitalize(), c) for c, g in modele.GROUPES.items()],
            valeur="sexe",
        ),
        "niveau_min": curseur("Niveau minimal (1 à 8)", 1, 8, 1),
        "commune": menu("Commune", [TOUTES, *communes_disponibles()], valeur=commune),
    }
    return Simulateur(
        controles,
        lambda **valeurs: dessiner_competences(enquete, **valeurs),
        titre="Qui a quelles compétences numériques ?",
        explication="Niveau 1 ou 2 : fondamental ; 3 ou 4 : intermédiaire ; 5 ou 6 : avancé ; "
        "7 ou 8 : hautement spécialisé (DigComp 2.2). Une commune seule ne compte que 40 répondants.",
    )


# --- Simulateur 2 : de la cible au plan de formation ----------------------------------


def dessiner_plan(
    communes: pd.DataFrame,
    commune: str,
    part_cible: float,
    annees: int,
    taille_session: int,
    sessions_par_formateur_an: int,
    cout_session_fcfa: float,
) -> dict:
    """Barres de la part visée année par année, et les chiffres du plan dans le titre."""
    ligne = communes.set_index("commune").loc[commune]
    actuelle = float(ligne["part_competences_base"])
    adultes = int(ligne["population_adulte_2024"])
    plan = modele.plan_formation(
        adultes,
        actuelle,
        part_cible,
        annees,
        taille_session,
        sessions_par_formateur_an,
        cout_session_fcfa,
    )

    fig, ax = figure(8, 4.2)
    noms = ["Aujourd'hui", *(f"Année {a}" for a in range(1, annees + 1))]
    couleurs = [GRIS, *([BLEU] * annees)]
    ax.bar(noms, plan["trajectoire_pct"], color=couleurs, edgecolor="black")
    ax.axhline(
        part_cible, color=ORANGE, linestyle="--", linewidth=2, label=f"Cible : {_pct(part_cible)}"
    )
    for x, valeur in enumerate(plan["trajectoire_pct"]):
        _au_dessus(ax, x, valeur, _pct(valeur))
    ax.set_ylim(0, 110)
    ax.set_ylabel("Adultes avec les compétences de base (%)")
    ax.legend(loc="upper left", frameon=False)
    if plan["personnes"] == 0:
        titre = f"{commune} : la cible ({_pct(part_cible)}) est déjà atteinte ({_pct(actuelle, 1)} aujourd'hui)"
    else:
        titre = (
            f"{commune} : former {nombre_fr(plan['personnes'])} adultes en {annees} an{'s' if annees > 1 else ''} "
            f"demande {plan['formateurs']} formateur{'s' if plan['formateurs'] > 1 else ''}\n"
            f"{nombre_fr(plan['sessions'])} sessions, {_millions(plan['budget_fcfa'])} "
            f"(hypothèse : {nombre_fr(cout_session_fcfa)} FCFA par session)"
        )
    fig.suptitle(titre + f"\nPoint de départ : enquête, {MENTION_SYNTHETIQUE}", fontsize=10)
    return {"commune": commune, "part_actuelle": actuelle, "adultes": adultes, **plan}


def simulateur_plan(commune: str = "Kandi", communes: pd.DataFrame | None = None) -> Simulateur:
    """Choisissez une commune et une cible : le plan (sessions, formateurs, budget) se recalcule."""
    communes = charger_communes("connectivite") if communes is None else communes
    actuelle = float(communes.set_index("commune").at[commune, "part_competences_base"])
    controles = {
        "commune": menu("Commune", communes_disponibles(), valeur=commune),
        "part_cible": curseur("Part visée (%)", 0, 100, min(100, 5 * round(actuelle / 5) + 15)),
        "annees": curseur("Durée du plan (années)", 1, 5, 3),
        "taille_session": curseur("Personnes par session", 10, 40, modele.TAILLE_SESSION, pas=5),
        "sessions_par_formateur_an": curseur(
            "Sessions par formateur/an", 10, 80, modele.SESSIONS_PAR_FORMATEUR_AN, pas=5
        ),
        # En milliers de FCFA : le curseur n'écrit pas les milliers à la française.
        "cout_session_milliers": curseur(
            "Coût session (milliers FCFA)",
            50,
            500,
            modele.COUT_SESSION_FCFA // 1000,
            pas=25,
        ),
    }

    def dessiner(cout_session_milliers: int, **valeurs) -> dict:
        return dessiner_plan(communes, cout_session_fcfa=1000 * cout_session_milliers, **valeurs)

    return Simulateur(
        controles,
        dessiner,
        titre="De la cible au plan de formation",
        explication="Personnes = adultes × (part visée − part actuelle) ÷ 100 ; sessions = personnes ÷ "
        "taille d'une session ; formateurs = sessions par an ÷ sessions d'un formateur par an. "
        "Sessions et formateurs s'arrondissent vers le haut. Le coût d'une session se règle en milliers "
        "de FCFA (200 = 200 000 FCFA).",
    )


# --- Simulateur 3 : le seuil de réussite avant / après --------------------------------


def dessiner_evaluation(evaluation: pd.DataFrame, seuil: float, par: str) -> dict:
    """Barres groupées : part des participants qui atteignent ``seuil`` avant et après."""
    tableau = modele.resultats_evaluation(evaluation, par=par, seuil=seuil)
    fig, ax = figure(8, 4.2)
    x = np.arange(len(tableau))
    ax.bar(
        x - 0.2, tableau["reussite_avant_pct"], 0.4, color=GRIS, edgecolor="black", label="Avant"
    )
    ax.bar(
        x + 0.2,
        tableau["reussite_apres_pct"],
        0.4,
        color=BLEU,
        edgecolor="black",
        hatch="//",
        label="Après",
    )
    ax.set_xticks(x, [textwrap.fill(LIBELLES_GROUPES.get(g, str(g)), 16) for g in tableau.index])
    ax.set_ylim(0, 110)
    ax.set_ylabel(f"Participants à {nombre_fr(seuil)}/20 ou plus (%)")
    ax.legend(loc="upper left", frameon=False, ncols=2)
    ensemble = modele.resultats_evaluation(evaluation, par=None, seuil=seuil).iloc[0]
    fig.suptitle(
        f"Au seuil de {nombre_fr(seuil)}/20 : {_pct(ensemble['reussite_avant_pct'])} des participants "
        f"réussissent avant la formation, {_pct(ensemble['reussite_apres_pct'])} après\n"
        f"Scores : {MENTION_SYNTHETIQUE}",
        fontsize=10,
    )
    return {
        "reussite_avant_pct": round(float(ensemble["reussite_avant_pct"]), 1),
        "reussite_apres_pct": round(float(ensemble["reussite_apres_pct"]), 1),
        "groupes": list(tableau.index),
    }


def simulateur_evaluation(evaluation: pd.DataFrame | None = None) -> Simulateur:
    """Faites varier le seuil de réussite : la progression dépend-elle du seuil choisi ?"""
    evaluation = charger("evaluation_formation") if evaluation is None else evaluation
    controles = {
        "seuil": curseur("Seuil de réussite (sur 20)", 0, 20, modele.SEUIL_REUSSITE),
        "par": menu(
            "Comparer selon",
            [("Public de la session", "groupe"), ("Sexe", "sexe")],
            valeur="groupe",
        ),
    }
    return Simulateur(
        controles,
        lambda **valeurs: dessiner_evaluation(evaluation, **valeurs),
        titre="Évaluer une formation : qui réussit le test, avant et après ?",
    )


# --- Graphiques -------------------------------------------------------------------------


def graphique_chiffres_internet():
    """Les chiffres publiés sur l'usage d'internet (2023), côte à côte, avec ce qu'ils comptent."""
    chiffres = modele.chiffres_internet()
    fig, ax = figure(9, 4.2)
    etiquettes = [
        textwrap.fill(f"{s} {r} : {c} ; sur : {p}", 52)
        for s, r, c, p in zip(
            chiffres["source"],
            chiffres["reference"],
            chiffres["ce_qui_est_compte"],
            chiffres["sur_quelle_population"],
            strict=True,
        )
    ]
    y = np.arange(len(chiffres))[::-1]
    ax.barh(y, chiffres["valeur_pct"], color=[BLEU, ORANGE, ORANGE, GRIS], edgecolor="black")
    for yi, valeur, effectif in zip(y, chiffres["valeur_pct"], chiffres["effectif"], strict=True):
        texte = _pct(valeur, 1) if pd.notna(effectif) else f"plus de {_pct(valeur)}"
        if pd.notna(effectif):
            texte += f" ({nombre_fr(effectif / 1e6, 1)} millions de personnes)"
        ax.annotate(
            texte, (valeur, yi), va="center", xytext=(3, 0), textcoords="offset points", fontsize=9
        )
    ax.set_yticks(y, etiquettes, fontsize=8)
    ax.set_xlim(0, 115)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("Valeur publiée (%)")
    fig.suptitle(
        "Usage d'internet au Bénin en 2023 : de 28 % à plus de 70 % selon ce que l'on compte\n"
        "(chiffres publiés, sources [28] [36] [63])",
        fontsize=10,
    )
    plt.close(fig)
    return fig


def _decaler_doublons(points: pd.DataFrame) -> pd.DataFrame:
    """Écarte un peu les actions qui ont exactement les mêmes scores, pour qu'elles restent lisibles."""
    points = points.copy()
    rang = points.groupby(["effort_score", "impact_score"]).cumcount()
    nombre = points.groupby(["effort_score", "impact_score"])["action"].transform("size")
    points["x"] = points["effort_score"]
    points["y"] = points["impact_score"] - 0.4 * (rang - (nombre - 1) / 2)
    return points


def graphique_impact_effort(canaux: pd.DataFrame | None = None, seuil: int = 3):
    """La matrice impact / effort des actions de sensibilisation (taille du point : portée)."""
    canaux = charger("canaux_sensibilisation") if canaux is None else canaux
    matrice = _decaler_doublons(modele.matrice_impact_effort(canaux, seuil))
    fig, ax = figure(9, 6.5)
    ax.axvline(seuil - 0.5, color=GRIS, linewidth=1)
    ax.axhline(seuil - 0.5, color=GRIS, linewidth=1)
    tailles = 40 + 600 * matrice["portee_estimee"] / matrice["portee_estimee"].max()
    ax.scatter(
        matrice["x"], matrice["y"], s=tailles, color=BLEU, edgecolor="black", alpha=0.8, zorder=3
    )
    for (_, ligne), taille in zip(matrice.iterrows(), tailles, strict=True):
        ax.annotate(
            textwrap.fill(ligne["action"], 30),
            (ligne["x"], ligne["y"]),
            fontsize=7.5,
            xytext=(4 + np.sqrt(taille) / 2, 0),
            textcoords="offset points",
            va="center",
            zorder=4,
        )
    coins = {
        "gain rapide": (0.6, 5.65),
        "grand projet": (seuil - 0.4, 5.65),
        "action d'appoint": (0.6, 0.55),
        "à reconsidérer": (seuil - 0.4, 0.55),
    }
    for nom, (x, y) in coins.items():
        ax.text(x, y, nom.upper(), fontsize=9, color=GRIS, fontweight="bold", va="center")
    ax.set_xlim(0.5, 5.9)
    ax.set_ylim(0.3, 5.9)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel("Effort d'organisation (score de 1, facile, à 5, difficile)")
    ax.set_ylabel("Impact (score de 1, faible, à 5, fort)")
    rapides = matrice.loc[matrice["quadrant"] == "gain rapide", "action"].tolist()
    fig.suptitle(
        f"{len(rapides)} action{'s' if len(rapides) > 1 else ''} sur {len(matrice)} "
        f"{'sont des gains rapides' if len(rapides) > 1 else 'est un gain rapide'} : "
        + " ; ".join(rapides)
        + f"\nTaille du point : personnes touchées — {MENTION_SYNTHETIQUE}",
        fontsize=10,
    )
    plt.close(fig)
    return fig


def graphique_avant_apres(evaluation: pd.DataFrame | None = None):
    """Note moyenne avant et après la formation, par public, avec le gain moyen."""
    evaluation = charger("evaluation_formation") if evaluation is None else evaluation
    tableau = modele.resultats_evaluation(evaluation, par="groupe").sort_values("gain_moyen")
    fig, ax = figure(8.5, 3.8)
    y = np.arange(len(tableau))
    ax.hlines(y, tableau["moyenne_avant"], tableau["moyenne_apres"], color=GRIS, linewidth=2)
    ax.scatter(
        tableau["moyenne_avant"], y, color="white", edgecolor="black", s=70, zorder=3, label="Avant"
    )
    ax.scatter(
        tableau["moyenne_apres"], y, color=BLEU, edgecolor="black", s=70, zorder=3, label="Après"
    )
    for yi, (_, ligne) in zip(y, tableau.iterrows(), strict=True):
        ax.annotate(
            f"+{nombre_fr(_arrondi(ligne['gain_moyen'], 1), 1)}",
            (ligne["moyenne_apres"], yi),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    ax.set_yticks(y, tableau.index)
    ax.set_xlim(0, 20)
    ax.set_xticks(range(0, 21, 2))
    ax.set_xlabel("Note moyenne au test (sur 20)")
    ax.legend(loc="lower right", frameon=False)
    meilleur = tableau.index[-1]
    debut = (
        "Tous les publics progressent en moyenne"
        if (tableau["gain_moyen"] > 0).all()
        else "Les publics progressent inégalement"
    )
    fig.suptitle(
        f"{debut} ; « {meilleur} » gagne le plus "
        f"(+{nombre_fr(_arrondi(tableau['gain_moyen'].iloc[-1], 1), 1)} points sur 20)\n"
        f"Scores : {MENTION_SYNTHETIQUE}",
        fontsize=10,
    )
    plt.close(fig)
    return fig
