"""Module 1 — les graphiques et simulateurs de la planification communale.

    graphique_cycle()                  # le calendrier d'un budget communal
    graphique_part_numerique()         # la part du PAI consacrée au numérique, par département
    grille_interactive("Kandi")        # 20 cases à cocher → radar de maturité et niveau
    baisse_fadec_interactive("Djougou")  # baisse du FADeC et part du numérique → PAI avant / après
    jalons_interactive("Kandi")        # valeur de départ, cible, échéance → jalons annuels

Les calculs sont dans ``atelier.modules.m1_planification.modele`` ; ici, on dessine.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
from ipywidgets import HTML, HBox, Layout, VBox

from atelier.cartes import carte_choroplethe
from atelier.donnees import MENTION_SYNTHETIQUE, communes_disponibles, trouver_commune
from atelier.erreurs import afficher, nombre_fr
from atelier.modules.m1_planification import modele
from atelier.vues import Simulateur, case, curseur, figure, menu, montrer
from atelier.vues.style import (
    BLEU,
    GRIS,
    HACHURE,
    MOIS,
    ORANGE,
    VERMILLON,
    axe_des_annees,
    barres_horizontales,
    format_fr,
    legende_source,
    millions,
    nouvelle_figure,
    terminer,
)

SYNTHETIQUE = MENTION_SYNTHETIQUE[0].upper() + MENTION_SYNTHETIQUE[1:] + "."


# --- Le cycle de planification ------------------------------------------------------
def graphique_cycle():
    """Le calendrier d'un budget communal, de septembre de l'année précédente à mai de l'année suivante."""
    etapes = modele.etapes_du_cycle()
    fig, ax = nouvelle_figure(9.5, 3.6)
    couleurs = [BLEU, BLEU, GRIS, ORANGE, ORANGE]
    positions = list(range(len(etapes)))[::-1]  # la première étape en haut
    for y, (i, etape) in zip(positions, etapes.iterrows(), strict=True):
        ax.barh(
            y,
            etape["fin"] - etape["debut"],
            left=etape["debut"],
            color=couleurs[i],
            edgecolor="black",
            linewidth=0.5,
            hatch=HACHURE if couleurs[i] == ORANGE else None,
        )
    ax.set_yticks(positions, etapes["etape"], fontsize=9)
    debut, fin = etapes["debut"].min(), etapes["fin"].max()
    graduations = list(range(debut, fin + 1, 2))
    ax.set_xticks(graduations)
    ax.set_xticklabels(
        [f"{MOIS[m % 12]}\n{['N−1', 'N', 'N+1'][m // 12 + 1]}" for m in graduations], fontsize=8
    )
    ax.set_xlim(debut - 0.5, fin + 0.5)
    for annee in (0, 12):
        ax.axvline(annee, color="black", linewidth=0.8, linestyle=":")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel("Mois (N = l'année du budget)")
    ax.set_title(
        f"Un budget communal se prépare dès septembre N−1 et se clôt en mai N+1 : {fin - debut} mois",
        fontsize=11,
    )
    legende_source(
        fig,
        "Sources : débat d'orientation [8], budget primitif et PAD [9], compte administratif [7].",
    )
    return terminer(fig)


# --- Le numérique dans le PAI ---------------------------------------------------------
def graphique_part_numerique(surlignee: str | None = None):
    """La part médiane du PAI consacrée au numérique dans chaque département (données synthétiques)."""
    budget = modele.tableau_budget()
    medianes = (
        budget.groupby("departement")["part_numerique_pct"].median().sort_values(ascending=False)
    )
    nationale = budget["part_numerique_pct"].median()
    fig, ax = nouvelle_figure(8.5, 4.6)
    dep_surligne = None
    if surlignee:
        dep_surligne = budget.set_index("commune").at[trouver_commune(surlignee), "departement"]
    barres_horizontales(
        ax, medianes.index, medianes.values, dep_surligne, decimales=2, suffixe=" %"
    )
    ax.axvline(
        nationale,
        color=VERMILLON,
        linestyle="--",
        linewidth=1.5,
        label=f"médiane des 77 communes : {nombre_fr(nationale, 2)} %",
    )
    ax.legend(loc="lower right", fontsize=8)
    ax.set_xlabel("Part médiane du PAI consacrée au numérique (%)")
    ax.set_title(
        f"Le numérique pèse peu dans les PAI : {nombre_fr(nationale, 1)} % pour la commune médiane\n"
        f"({MENTION_SYNTHETIQUE})",
        fontsize=11,
    )
    legende_source(fig, SYNTHETIQUE)
    return terminer(fig)


def carte_part_numerique(surligner: str | None = None):
    """Carte des 77 communes selon la part du PAI consacrée au numérique (données synthétiques)."""
    libelle = "Part du PAI pour le numérique"
    budget = modele.tableau_budget().rename(columns={"part_numerique_pct": libelle})
    return carte_choroplethe(
        budget[["commune", libelle]],
        libelle,
        unite="%",
        surligner=surligner,
        titre=f"Part du PAI consacrée au numérique\n({MENTION_SYNTHETIQUE})",
    )


# --- La grille de maturité et son radar -------------------------------------------------
def graphique_radar(
    scores: pd.Series,
    reference: pd.Series | None = None,
    titre: str = "",
    libelle: str = "Grille cochée",
    libelle_reference: str = "Données de la commune",
):
    """Un radar à 5 branches (une par critère), de 0 à 100 %, avec les seuils des niveaux."""
    angles = np.linspace(0, 2 * np.pi, len(scores), endpoint=False)
    boucle = np.append(angles, angles[0])
    fig, ax = figure(6.4, 5.6, subplot_kw={"projection": "polar"})
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    if reference is not None:
        ax.plot(
            boucle,
            np.append(reference.values, reference.values[0]),
            color="black",
            linestyle="--",
            linewidth=1.4,
            label=libelle_reference,
        )
    valeurs = np.append(scores.values, scores.values[0])
    ax.plot(boucle, valeurs, color=BLEU, linewidth=2.2, marker="o", label=libelle)
    ax.fill(boucle, valeurs, color=BLEU, alpha=0.25)
    ax.set_xticks(angles)
    ax.set_xticklabels([c.replace(" ", "\n", 1) for c in scores.index], fontsize=11)
    ax.set_ylim(0, 100)
    # Les cercles 25, 50 et 75 % sont les seuils des niveaux (EGDI [22]).
    seuils = sorted(seuil for seuil, _ in modele.SEUILS_NIVEAUX if seuil > 0)
    noms = {seuil: nom for seuil, nom in modele.SEUILS_NIVEAUX}
    ax.set_yticks(
        [*seuils, 100],
        [*(f"{'>' if s == seuils[-1] else '≥'} {s} % : {noms[s]}" for s in seuils), "100 %"],
        fontsize=8.5,
        color="#444444",
    )
    ax.set_rlabel_position(180 / len(scores))
    ax.legend(loc="upper left", bbox_to_anchor=(-0.12, -0.02), fontsize=9, ncols=2, frameon=False)
    ax.set_title(titre, fontsize=12, pad=24)
    legende_source(fig, f"Grille de l'atelier d'après LOSI 2022 [16] ; {MENTION_SYNTHETIQUE}.")
    return terminer(fig)


def graphique_maturite_criteres():
    """Le score moyen des 77 communes dans chaque critère de la grille (données synthétiques)."""
    maturite = modele.maturite_des_communes()
    moyennes = maturite[list(modele.CRITERES)].mean().sort_values(ascending=False)
    fig, ax = nouvelle_figure(8.0, 3.8)
    barres_horizontales(
        ax, moyennes.index, moyennes.values, moyennes.index[-1], suffixe=" %", maximum=100
    )
    ax.set_xlabel("Indicateurs remplis, en moyenne sur les 77 communes (%)")
    ax.set_title(
        f"« {moyennes.index[-1]} » est le critère le moins rempli ({nombre_fr(moyennes.iloc[-1], 0)} % en moyenne)\n"
        f"({MENTION_SYNTHETIQUE})",
        fontsize=11,
    )
    legende_source(fig, f"Grille de l'atelier d'après LOSI 2022 [16] ; {MENTION_SYNTHETIQUE}.")
    return terminer(fig)


def titre_radar(commune: str, scores: pd.Series) -> str:
    """« Kandi : niveau faible (5 % des indicateurs) » et le ou les critères les plus faibles."""
    global_ = float(scores.mean())
    minimum = float(scores.min())
    faibles = scores[scores == minimum].index.tolist()
    if len(faibles) == 1:
        detail = f"critère le plus faible : {faibles[0]} ({nombre_fr(minimum, 0)} %)"
    elif len(faibles) == 2:
        detail = (
            f"critères les plus faibles : {faibles[0]} et {faibles[1]} ({nombre_fr(minimum, 0)} %)"
        )
    else:
        detail = f"{len(faibles)} critères à {nombre_fr(minimum, 0)} % seulement"
    return f"{commune} : niveau {modele.niveau_maturite(global_)} ({nombre_fr(global_, 0)} % des indicateurs)\n{detail}"


def grille_interactive(commune: str = "Kandi") -> Simulateur:
    """Les 20 indicateurs en cases à cocher, préremplies avec la commune choisie ; le radar suit les cases."""
    grille = modele.grille()
    nom = trouver_commune(commune)
    depart = modele.reponses_commune(nom)
    controles = {"commune": menu("Commune de départ", communes_disponibles(), nom)}
    for code in grille["code"]:
        controles[code] = case("", depart[code])
        controles[code].layout = Layout(width="2.2em")

    @cache  # les scores de la commune dans les données : recalculés seulement quand elle change
    def scores_de_la_commune(commune):
        return modele.scores_par_critere(modele.reponses_commune(commune))

    def dessiner(commune, **reponses):
        scores = modele.scores_par_critere(reponses)
        reference = scores_de_la_commune(commune)
        montrer(
            graphique_radar(
                scores,
                reference,
                titre_radar(commune, scores),
                libelle_reference=f"{commune} dans les données",
            )
        )
        global_ = modele.score_global(reponses)
        return {
            "commune": commune,
            "scores": scores.to_dict(),
            "score_global": global_,
            "niveau": modele.niveau_maturite(global_),
            "cochees": sum(bool(v) for v in reponses.values()),
        }

    sim = Simulateur(controles, dessiner)
    sim.lier("commune", modele.reponses_commune)
    colonne = []
    for critere in modele.CRITERES:
        colonne.append(HTML(f"<b>{critere}</b>"))
        for _, ligne in grille[grille["critere"] == critere].iterrows():
            colonne.append(
                HBox(
                    [controles[ligne["code"]], HTML(ligne["intitule"], layout=Layout(width="100%"))]
                )
            )
    sim.children = (
        HTML("<h4 style='margin:0.2em 0'>Grille de maturité numérique (20 indicateurs)</h4>"),
        HTML(
            "<p style='margin:0.2em 0'>Choisissez une commune, puis cochez ou décochez les indicateurs : "
            f"le radar et le niveau se mettent à jour. Grille remplie : {MENTION_SYNTHETIQUE}.</p>"
        ),
        controles["commune"],
        HBox(
            [
                VBox(colonne, layout=Layout(width="52%")),
                VBox([sim.sortie], layout=Layout(width="48%")),
            ]
        ),
    )
    return sim


# --- La baisse du FADeC ---------------------------------------------------------------
def graphique_baisse_fadec(resultat: dict):
    """Deux barres empilées (PAI avant et après la baisse), le numérique en orange hachuré."""
    numerique = [resultat["numerique_avant_fcfa"], resultat["numerique_apres_fcfa"]]
    total = [resultat["pai_avant_fcfa"], resultat["pai_apres_fcfa"]]
    autres = [t - n for t, n in zip(total, numerique, strict=True)]
    etiquettes = [
        "PAI prévu",
        f"PAI après une baisse\nde {nombre_fr(resultat['baisse_pct'], 0)} % du FADeC",
    ]
    fig, ax = nouvelle_figure(7.5, 4.6)
    ax.bar(
        etiquettes,
        [a / 1e6 for a in autres],
        color=BLEU,
        edgecolor="black",
        linewidth=0.5,
        label="autres investissements",
        width=0.55,
    )
    ax.bar(
        etiquettes,
        [n / 1e6 for n in numerique],
        bottom=[a / 1e6 for a in autres],
        color=ORANGE,
        hatch=HACHURE,
        edgecolor="black",
        linewidth=0.5,
        label="numérique",
        width=0.55,
    )
    for x, (t, n) in enumerate(zip(total, numerique, strict=True)):
        ax.text(
            x,
            t / 1e6 * 1.02,
            f"{nombre_fr(t / 1e6, 0)} M\ndont numérique {nombre_fr(n / 1e6, 1)} M",
            ha="center",
            va="bottom",
            fontsize=8.5,
        )
    ax.set_ylim(0, resultat["pai_avant_fcfa"] / 1e6 * 1.25)
    ax.yaxis.set_major_formatter(format_fr())
    ax.set_ylabel("Millions de FCFA")
    ax.legend(loc="upper right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    perte = resultat["pai_avant_fcfa"] - resultat["pai_apres_fcfa"]
    ax.set_title(
        f"{resultat['commune']} : la baisse retire {nombre_fr(perte / 1e6, 0)} millions de FCFA au PAI "
        f"({nombre_fr(100 * perte / resultat['pai_avant_fcfa'], 1)} %)\n({MENTION_SYNTHETIQUE})",
        fontsize=10.5,
    )
    legende_source(
        fig,
        f"Montants : {MENTION_SYNTHETIQUE}. Hypothèse : les autres ressources du PAI ne changent pas.",
    )
    return terminer(fig)


def _phrase_baisse(r: dict) -> str:
    comparaison = (
        "au-dessus" if r["part_numerique_pct"] > r["mediane_departement_pct"] else "en dessous"
    )
    if abs(r["part_numerique_pct"] - r["mediane_departement_pct"]) < 0.005:
        comparaison = "au niveau"
    return (
        f"**{r['commune']}** : le FADeC non affecté représente {nombre_fr(r['dependance_fadec_pct'], 1)} % "
        f"du PAI (repère national : environ 72 % de l'investissement communal [13]). "
        f"Avec {nombre_fr(r['part_numerique_pct'], 2)} % du PAI pour le numérique, la commune est {comparaison} "
        f"de la médiane de son département ({r['departement']} : {nombre_fr(r['mediane_departement_pct'], 2)} %). "
        f"Après la baisse, garder {millions(r['numerique_avant_fcfa'])} pour le numérique demanderait "
        f"**{nombre_fr(r['part_pour_garder_pct'], 2)} %** du PAI."
    )


def baisse_fadec_interactive(commune: str = "Djougou") -> Simulateur:
    """Une commune, une baisse du FADeC non affecté et une part du PAI pour le numérique → PAI avant / après."""
    nom = trouver_commune(commune)

    def part_actuelle(commune):
        return round(modele.simuler_baisse_fadec(commune, 0)["part_numerique_pct"], 2)

    def dessiner(commune, baisse, part):
        resultat = modele.simuler_baisse_fadec(commune, baisse, part)
        montrer(graphique_baisse_fadec(resultat))
        afficher(_phrase_baisse(resultat))
        return resultat

    sim = Simulateur(
        {
            "commune": menu("Commune", communes_disponibles(), nom),
            "baisse": curseur("Baisse du FADeC (%)", 0, 50, modele.BAISSE_FADEC_2024_PCT),
            "part": curseur(
                "Part numérique du PAI (%)",
                0.0,
                10.0,
                part_actuelle(nom),
                pas=0.01,
                format_=".2f",
            ),
        },
        dessiner,
        titre="Le numérique dans le PAI, et si le FADeC baisse ?",
        explication=(
            "Le curseur « part » démarre à la part actuelle de la commune (données synthétiques). "
            "Changer de commune remet ce curseur à la part de la nouvelle commune."
        ),
    )
    sim.lier("commune", lambda commune: {"part": part_actuelle(commune)})
    return sim


# --- L'indicateur SMART -----------------------------------------------------------------
def graphique_jalons(
    table: pd.DataFrame,
    commune: str,
    libelle: str = "Actes demandés en ligne (%)",
    unite: str = "%",
):
    """Les jalons annuels d'un indicateur, de la valeur de départ à la cible."""
    fig, ax = nouvelle_figure(8.0, 4.2)
    ax.plot(table["annee"], table["valeur"], color=BLEU, marker="o", linewidth=2)
    for _, ligne in table.iterrows():
        ax.annotate(
            nombre_fr(ligne["valeur"], 1),
            (ligne["annee"], ligne["valeur"]),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            fontsize=8.5,
        )
    depart, cible = table.iloc[0], table.iloc[-1]
    ax.axhline(depart["valeur"], color=GRIS, linestyle="--", linewidth=1, label="valeur de départ")
    ax.set_ylim(0, max(table["valeur"].max(), depart["valeur"]) * 1.2 + 1)
    axe_des_annees(ax)
    ax.set_ylabel(libelle)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    pas = (cible["valeur"] - depart["valeur"]) / (len(table) - 1)
    points = "points de pourcentage" if unite == "%" else unite
    ax.set_title(
        f"{commune} : de {nombre_fr(depart['valeur'], 1)} {unite} à {nombre_fr(cible['valeur'], 1)} {unite} "
        f"en {int(cible['annee'])}, soit {nombre_fr(pas, 2)} {points} de plus par an",
        fontsize=11,
    )
    legende_source(
        fig, f"Valeur de départ : {MENTION_SYNTHETIQUE}. La cible et l'échéance sont les vôtres."
    )
    return terminer(fig)


def jalons_interactive(commune: str = "Kandi", annee_depart: int = 2024) -> Simulateur:
    """Valeur de départ (part des actes demandés en ligne), cible et échéance → jalons annuels."""

    def dessiner(commune, cible, annee_cible):
        depart = modele.valeur_de_depart(commune)
        table = modele.jalons(depart, cible, annee_depart, annee_cible)
        montrer(graphique_jalons(table, trouver_commune(commune)))
        return {
            "commune": trouver_commune(commune),
            "depart": depart,
            "pas_annuel": (cible - depart) / (annee_cible - annee_depart),
            "jalons": dict(zip(table["annee"], table["valeur"], strict=True)),
        }

    return Simulateur(
        {
            "commune": menu("Commune", communes_disponibles(), trouver_commune(commune)),
            "cible": curseur("Cible (% d'actes en ligne)", 0, 100, 30),
            "annee_cible": curseur(
                "Échéance (année)", annee_depart + 1, annee_depart + 10, annee_depart + 5
            ),
        },
        dessiner,
        titre="Un indicateur SMART : la part des actes d'état civil demandés en ligne",
        explication=(
            f"Point de départ : la valeur de {annee_depart} de la commune (données synthétiques). "
            "Choisissez une cible et une échéance : les jalons de chaque année s'affichent."
        ),
    )
