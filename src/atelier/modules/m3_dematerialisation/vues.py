"""Module 3 — Dématérialisation des services communaux : graphiques et simulateurs.

Des vues minces : chaque simulateur lit les contrôles, appelle le modèle
(``atelier.modules.m3_dematerialisation.modele``), dessine un graphique et renvoie un
petit résumé (``sim.resultat``) que les tests lisent.

    from atelier.modules.m3_dematerialisation.vues import simulateur_van, simulateur_file
    simulateur_van("Lokossa")     # dernière ligne de la cellule : le simulateur s'affiche
    simulateur_file("Djidja")
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from atelier.donnees import (
    MENTION_SYNTHETIQUE,
    charger,
    communes_disponibles,
    parametre,
    trouver_commune,
)
from atelier.erreurs import nombre_fr
from atelier.modules.m3_dematerialisation import modele
from atelier.vues import Simulateur, curseur, figure, menu
from atelier.vues.style import GRIS, MOIS, ORANGE, millions

__all__ = [
    "graphique_72h",
    "graphique_priorites",
    "simulateur_file",
    "simulateur_tableau_de_bord",
    "simulateur_van",
]

BLEU = "#2c5d8f"  # foncé : lisible en noir et blanc
REPERE_72H = parametre("part_72h_e_casier")  # 90 % : e-casier judiciaire [38]


def _guichets(n: int) -> str:
    return f"{n} guichet" + ("s" if n > 1 else "")


# --- Explorer : les 77 communes -------------------------------------------------------
def graphique_72h(etat_civil: pd.DataFrame, surligner: str | None = None):
    """Les 77 communes rangées selon la part des actes délivrés en 72 heures, avec le repère de 90 %."""
    if "commune" not in etat_civil.columns:  # tableau rangé par commune (set_index)
        etat_civil = etat_civil.reset_index()
    tableau = etat_civil.sort_values("pct_72h").reset_index(drop=True)
    au_repere = int((tableau["pct_72h"] >= REPERE_72H).sum())
    fig, ax = figure(9, 4.2)
    couleurs = [BLEU if v >= REPERE_72H else GRIS for v in tableau["pct_72h"]]
    barres = ax.bar(range(len(tableau)), tableau["pct_72h"], color=couleurs, width=0.85)
    if surligner:
        nom = trouver_commune(surligner)
        i = int(tableau.index[tableau["commune"] == nom][0])
        barres[i].set(edgecolor="black", linewidth=2, hatch="///", facecolor=ORANGE)
        ax.annotate(
            nom,
            (i, tableau.at[i, "pct_72h"]),
            xytext=(0, 12),
            textcoords="offset points",
            ha="center",
            fontsize=9,
            fontweight="bold",
            arrowprops={"arrowstyle": "-"},
        )
    ax.axhline(REPERE_72H, color="black", linestyle="--", linewidth=1.2)
    ax.text(
        0.5,
        REPERE_72H + 1,
        f"repère : {nombre_fr(REPERE_72H)} % (e-casier judiciaire [38])",
        fontsize=8,
    )
    ax.set_ylim(0, 105)
    ax.set_xticks([])
    ax.set_xlabel("Les 77 communes, de la plus lente à la plus rapide")
    ax.set_ylabel("Actes délivrés en 72 heures (%)")
    ax.set_title(
        f"{au_repere} communes sur {len(tableau)} délivrent au moins {nombre_fr(REPERE_72H)} % "
        f"des actes en 72 heures\n{MENTION_SYNTHETIQUE}",
        fontsize=11,
    )
    plt.close(fig)
    return fig


def graphique_priorites(services: pd.DataFrame, seuil: float = modele.SEUIL_MATRICE):
    """La matrice impact / effort des services : en haut à gauche, les gains rapides."""
    tableau = modele.priorites(services, seuil)
    rapides = tableau[tableau["quadrant"] == "gain rapide"]
    fig, ax = figure(9, 6.5)
    limite = seuil - 0.5
    ax.axvline(limite, color=GRIS, linewidth=1)
    ax.axhline(limite, color=GRIS, linewidth=1)
    for (x, y), texte in {
        (1.0, 5.4): "GAINS RAPIDES",
        (5.0, 5.4): "GRANDS PROJETS",
        (1.0, 0.0): "PETITS PLUS",
        (5.0, 0.0): "À ÉVITER POUR L'INSTANT",
    }.items():
        ax.text(x, y, texte, ha="center", fontsize=9, color="#555555", fontweight="bold")
    # Plusieurs services peuvent avoir les mêmes scores : on décale les suivants vers le bas.
    vus: dict[tuple, int] = {}
    for _, ligne in tableau.iterrows():
        cle = (ligne["effort_score"], ligne["impact_score"])
        rang = vus.get(cle, 0)
        vus[cle] = rang + 1
        x, y = ligne["effort_score"], ligne["impact_score"] - 0.45 * rang
        mairie = bool(ligne["guichet_communal"])
        ax.scatter(
            x, y, s=70, color=BLEU if mairie else "white", edgecolor=BLEU, linewidth=1.5, zorder=3
        )
        ax.annotate(
            _court(ligne),
            (x, y),
            xytext=(0, -8),
            textcoords="offset points",
            fontsize=8,
            ha="center",
            va="top",
        )
    ax.scatter([], [], s=70, color=BLEU, label="demandé au guichet de la mairie")
    ax.scatter(
        [], [], s=70, color="white", edgecolor=BLEU, label="autre administration (ANIP, Justice)"
    )
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False, fontsize=8)
    ax.set_xlim(0.3, 6.2)
    ax.set_ylim(-0.2, 5.8)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel("Effort d'une mise en ligne (score de 1, facile, à 5, difficile)")
    ax.set_ylabel("Impact pour les usagers (score de 1 à 5)")
    noms = ", ".join(_court(ligne).replace("\n", " ") for _, ligne in rapides.iterrows())
    ax.set_title(f"{len(rapides)} gains rapides : {noms}\n{MENTION_SYNTHETIQUE}", fontsize=11)
    plt.close(fig)
    return fig


NOMS_COURTS = {
    "declaration_naissance": "Déclaration\nde naissance",
    "copie_acte_naissance": "Copie d'acte\nde naissance",
    "acte_mariage": "Mariage",
    "acte_deces": "Déclaration\nde décès",
    "certificat_residence": "Certificat\nde résidence",
    "legalisation": "Légalisation",
    "permis_construire": "Permis\nde construire",
    "autorisation_inhumation": "Autorisation\nd'inhumation",
    "autorisation_manifestation": "Autorisation de\nmanifestation",
    "cip": "CIP (ANIP)",
    "cni": "Carte d'identité\nbiométrique (ANIP)",
    "casier_judiciaire": "Casier judiciaire\n(Justice)",
}


def _court(ligne: pd.Series) -> str:
    """Un nom court pour les graphiques (le nom complet sinon)."""
    return NOMS_COURTS.get(ligne["code_service"], ligne["service"])


# --- Explorer : votre commune -------------------------------------------------------------
def simulateur_tableau_de_bord(commune: str = "Porto-Novo") -> Simulateur:
    """Le tableau de bord de l'état civil d'une commune, mois par mois, face au repère de 72 heures."""
    demandes = charger("demandes_mensuelles")
    etat_civil = charger("etat_civil").set_index("commune")
    actes = demandes[
        demandes["code_service"].isin(
            ["declaration_naissance", "copie_acte_naissance", "acte_mariage", "acte_deces"]
        )
    ]
    medianes = etat_civil[
        ["delai_moyen_jours", "pct_72h", "taux_rejet", "satisfaction_pct"]
    ].median()
    # La part des actes délivrés en 72 h, mois par mois, calculée une fois pour toutes les communes.
    par_mois = (
        actes.assign(dans_72h=actes["pct_72h"] * actes["demandes"])
        .groupby(["commune", "mois"])[["demandes", "dans_72h"]]
        .sum()
    )
    pct_par_commune = par_mois["dans_72h"] / par_mois["demandes"]

    def dessiner(commune):
        pct_mois = pct_par_commune.loc[commune]
        fiche = etat_civil.loc[commune]
        fig, ax = figure(8.5, 3.8)
        mois = [MOIS[m.month - 1] for m in pct_mois.index]
        ax.plot(mois, pct_mois.to_numpy(), marker="o", color=BLEU, linewidth=2, label=commune)
        ax.axhline(
            REPERE_72H,
            color="black",
            linestyle="--",
            linewidth=1.2,
            label=f"repère {nombre_fr(REPERE_72H)} % (e-casier [38])",
        )
        ax.axhline(
            medianes["pct_72h"],
            color=ORANGE,
            linestyle=":",
            linewidth=2,
            label=f"médiane des 77 communes ({nombre_fr(medianes['pct_72h'], 1)} %)",
        )
        ax.set_ylim(min(40, pct_mois.min() - 5), 102)
        ax.set_xlabel("Mois de l'année (2024, fictive)")
        ax.set_ylabel("Actes délivrés en 72 h (%)")
        sous_repere = int((pct_mois < REPERE_72H).sum())
        ax.set_title(
            f"{commune} : {nombre_fr(fiche['pct_72h'], 1)} % des actes en 72 heures sur l'année, "
            f"{sous_repere} mois sur 12 sous le repère\n{MENTION_SYNTHETIQUE}",
            fontsize=10,
        )
        ax.legend(fontsize=8, loc="lower left")
        valeurs = [
            fiche["delai_moyen_jours"],
            fiche["pct_72h"],
            fiche["taux_rejet"],
            fiche["satisfaction_pct"],
        ]
        indicateurs = pd.DataFrame(
            {
                commune: [nombre_fr(v, 1) for v in valeurs],
                "médiane des 77": [nombre_fr(v, 1) for v in medianes],
                "repère": [
                    "",
                    f"{nombre_fr(REPERE_72H)} % [38]",
                    "",
                    f"{nombre_fr(parametre('satisfaction_ccsp_lokossa'))} % [80]",
                ],
            },
            index=[
                "délai moyen (jours)",
                "actes en 72 h (%)",
                "taux de rejet (%)",
                "usagers satisfaits (%)",
            ],
        )
        display(indicateurs)
        return {
            "commune": commune,
            "pct_72h": float(fiche["pct_72h"]),
            "mois_sous_repere": sous_repere,
            "titre": ax.get_title(),
        }

    return Simulateur(
        {"commune": menu("Votre commune", communes_disponibles(), trouver_commune(commune))},
        dessiner,
        titre="Tableau de bord de l'état civil",
        explication=f"Choisissez votre commune ; {MENTION_SYNTHETIQUE}.",
    )


# --- Un simulateur dont les curseurs suivent la commune choisie ------------------------------
class SimulateurCommune(Simulateur):
    """Un simulateur avec un menu « Commune » : choisir une commune remet les curseurs à ses chiffres.

    ``depart(commune)`` renvoie les valeurs de départ des curseurs pour une commune ;
    les curseurs sont mis à jour sans redessiner, puis le graphique est redessiné une fois.
    """

    def __init__(self, controles, dessiner, depart, **options):
        self._depart = depart
        self._en_pause = False
        super().__init__(controles, dessiner, **options)

    def _changement(self, changement=None) -> None:
        if self._en_pause:
            return
        if changement is not None and changement.owner is self.controles["commune"]:
            self._en_pause = True
            try:
                for nom, valeur in self._depart(changement.new).items():
                    self.controles[nom].value = valeur
            finally:
                self._en_pause = False
        self.mettre_a_jour()


def _communes(table: pd.DataFrame | None) -> list[str]:
    """Les communes du tableau (toutes par défaut), dans l'ordre officiel."""
    if table is None:
        return communes_disponibles()
    presentes = set(table["commune"] if "commune" in table.columns else table.index)
    return [c for c in communes_disponibles() if c in presentes]


def _par_commune(table: pd.DataFrame | None) -> pd.DataFrame:
    """La table « etat_civil » (ou ``table``) rangée par commune, lue une fois pour tout le simulateur."""
    table = charger("etat_civil") if table is None else table
    return table.set_index("commune") if "commune" in table.columns else table


def _maximum(valeurs, plancher: float) -> float:
    return max(plancher, *valeurs)


# --- Simulateur 1 : la valeur actuelle nette -------------------------------------------------
def simulateur_van(commune: str = "Lokossa", table: pd.DataFrame | None = None) -> Simulateur:
    """La VAN sur 5 ans de la mise en ligne des actes d'état civil d'une commune.

    Les curseurs partent des chiffres de la commune choisie dans le menu (ceux
    de ``table`` si on la donne) ; on fait varier la part des demandes faites en
    ligne, le taux d'actualisation, le prix du kilomètre et le coût de la plateforme.
    """
    table = _par_commune(table)
    communes = _communes(table)

    def depart(nom):
        hypotheses = modele.hypotheses_commune(nom, table)
        # arrondis au pas des curseurs
        return {
            "cout_km": 5 * round(hypotheses["cout_km"] / 5),
            "plateforme_millions": round(hypotheses["cout_plateforme"] / 1e6, 1),
        }

    tous = [depart(c) for c in communes]
    initial = depart(trouver_commune(commune))

    def dessiner(commune, part_en_ligne, taux, cout_km, plateforme_millions):
        calcul = modele.van_commune(
            commune,
            table,
            cout_km=cout_km,
            cout_plateforme=plateforme_millions * 1e6,
            part_en_ligne_pct=part_en_ligne,
            taux_pct=taux,
        )
        tableau = calcul["tableau"]
        retour = calcul["annee_de_retour"]
        fig, ax = figure(8.5, 4.2)
        couleurs = [BLEU if v >= 0 else GRIS for v in tableau["flux_actualise"]]
        ax.bar(
            tableau["annee"],
            tableau["flux_actualise"] / 1e6,
            color=couleurs,
            label="flux net actualisé de l'année (gris : dépense, bleu : gain)",
        )
        ax.plot(
            tableau["annee"],
            tableau["cumul_actualise"] / 1e6,
            color="black",
            marker="o",
            label="cumul actualisé (le dernier point est la VAN)",
        )
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(tableau["annee"])
        ax.set_xlabel("Année (0 = achat de la plateforme)")
        ax.set_ylabel("Millions de FCFA (valeur d'aujourd'hui)")
        ax.legend(
            fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False
        )
        constat = (
            f"pas rentable en {modele.ANNEES} ans"
            if retour is None
            else f"rentable dès l'année {retour}"
        )
        ax.set_title(
            f"{commune} ({nombre_fr(part_en_ligne)} % en ligne, taux {nombre_fr(taux, 1)} %) : {constat}\n"
            f"VAN sur {modele.ANNEES} ans : {millions(calcul['van'])} — {MENTION_SYNTHETIQUE}",
            fontsize=10,
        )
        demandes = modele.hypotheses_commune(commune, table)["demandes_an"]
        display(
            Markdown(
                f"{nombre_fr(demandes)} demandes d'actes par an. Une visite à la mairie coûte "
                f"**{nombre_fr(calcul['cout_visite'], 0)} FCFA** à l'usager ; les usagers économisent "
                f"**{millions(calcul['gain_annuel'])}** par an ; la commune paie "
                f"**{millions(calcul['cout_fonctionnement_an'])}** de fonctionnement par an."
            )
        )
        return {
            "commune": commune,
            "van": calcul["van"],
            "gain_annuel": calcul["gain_annuel"],
            "annee_de_retour": retour,
            "titre": ax.get_title(),
        }

    return SimulateurCommune(
        {
            "commune": menu("Commune", communes, trouver_commune(commune)),
            "part_en_ligne": curseur("Demandes faites en ligne (%)", 0, 80, 30, pas=5),
            "taux": curseur(
                "Taux d'actualisation (%)",
                4,
                15,
                float(modele.TAUX_ACTUALISATION),
                pas=0.5,
                format_=".1f",
            ),
            "cout_km": curseur(
                "Prix du kilomètre (FCFA/km)",
                0,
                _maximum((d["cout_km"] for d in tous), 250),
                initial["cout_km"],
                pas=5,
            ),
            "plateforme_millions": curseur(
                "Plateforme (millions FCFA)",
                1,
                _maximum((d["plateforme_millions"] for d in tous), 40),
                initial["plateforme_millions"],
                pas=0.1,
                format_=".1f",
            ),
        },
        dessiner,
        depart,
        titre="Mettre les actes d'état civil en ligne : est-ce rentable ?",
        explication=(
            f"Chaque demande faite en ligne évite {modele.DEPLACEMENTS_EVITES} déplacements ; "
            f"fonctionnement : {modele.PART_FONCTIONNEMENT} % du coût de la plateforme par an. "
            f"Choisir une commune remet les curseurs à ses chiffres ; {MENTION_SYNTHETIQUE}."
        ),
    )


# --- Simulateur 2 : la file d'attente au guichet -----------------------------------------------
def simulateur_file(
    commune: str = "Djidja",
    table: pd.DataFrame | None = None,
    attente_max_min: float = modele.ATTENTE_CIBLE_MIN,
) -> Simulateur:
    """L'attente moyenne au guichet de l'état civil selon les arrivées, le temps de traitement et les guichets.

    Les curseurs partent des chiffres de la commune choisie dans le menu (ceux
    de ``table`` si on la donne).
    """
    table = _par_commune(table)
    communes = _communes(table)

    def depart(nom):
        ligne = modele.ligne_etat_civil(nom, table)
        return {
            "demandes_jour": round(float(ligne["demandes_jour"])),
            "temps_min": int(ligne["temps_traitement_min"]),
            "guichets": int(ligne["nb_guichets"]),
        }

    tous = [depart(c) for c in communes]
    initial = depart(trouver_commune(commune))

    def dessiner(commune, demandes_jour, temps_min, guichets, part_en_ligne):
        heures = float(modele.ligne_etat_civil(commune, table)["heures_ouverture"])
        arrivees = modele.arrivees_par_heure(demandes_jour, heures, part_en_ligne)
        file = modele.file_attente(arrivees, temps_min, guichets, attente_max_min)
        besoin = file["guichets_necessaires"]
        choix = list(range(1, max(guichets, besoin) + 3))
        attentes = []
        for c in choix:
            try:
                attentes.append(modele.attente_moyenne_min(arrivees, temps_min, c))
            except modele.FileSaturee:
                attentes.append(np.nan)
        fig, ax = figure(8.5, 4.0)
        plafond = max([a for a in attentes if not np.isnan(a)] + [attente_max_min]) * 1.15
        for c, attente in zip(choix, attentes, strict=True):
            actuel = c == guichets
            if np.isnan(attente):
                ax.bar(
                    c,
                    plafond,
                    color="white",
                    edgecolor="black" if actuel else GRIS,
                    hatch="xx",
                    linewidth=2 if actuel else 1,
                )
                ax.text(
                    c,
                    plafond * 0.8,
                    "saturé",
                    ha="center",
                    va="center",
                    fontsize=8,
                    bbox={"facecolor": "white", "edgecolor": "none"},
                )
            else:
                ax.bar(
                    c,
                    attente,
                    color=ORANGE if actuel else BLEU,
                    edgecolor="black" if actuel else BLEU,
                    linewidth=2 if actuel else 0.5,
                )
                ax.text(c, attente, nombre_fr(attente, 0), ha="center", va="bottom", fontsize=8)
        ax.axhline(
            attente_max_min,
            color="black",
            linestyle="--",
            linewidth=1.2,
            label=f"attente visée : {nombre_fr(attente_max_min)} min",
        )
        ax.set_xticks(choix)
        ax.set_xlabel("Nombre de guichets ouverts (encadré en noir : le nombre choisi)")
        ax.set_ylabel("Attente moyenne (minutes)")
        ax.legend(fontsize=8, loc="upper right")
        if file["stable"]:
            constat = (
                f"avec {_guichets(guichets)}, on attend {nombre_fr(file['attente_min'], 0)} min en moyenne ; "
                f"il en faut {besoin} pour rester sous {nombre_fr(attente_max_min)} min"
            )
            texte = (
                f"Taux d'occupation des agents : **{nombre_fr(file['occupation_pct'], 0)} %** ; "
                f"probabilité d'attendre : **{nombre_fr(100 * file['probabilite_attente'], 0)} %** ; "
                f"personnes qui attendent en moyenne (loi de Little) : "
                f"**{nombre_fr(file['file_moyenne'], 1)}**."
            )
        else:
            constat = (
                f"avec {_guichets(guichets)}, la file est saturée ; il en faut {besoin} "
                f"pour rester sous {nombre_fr(attente_max_min)} min"
            )
            texte = f"⚠️ {file['message']}"
        ax.set_title(f"{commune} : {constat}\n{MENTION_SYNTHETIQUE}", fontsize=10)
        display(
            Markdown(
                f"Ouvert {nombre_fr(heures)} heures par jour : {nombre_fr(arrivees, 1)} usagers "
                f"par heure au guichet. {texte}"
            )
        )
        return {**file, "commune": commune, "titre": ax.get_title()}

    return SimulateurCommune(
        {
            "commune": menu("Commune", communes, trouver_commune(commune)),
            "demandes_jour": curseur(
                "Demandes par jour",
                5,
                _maximum((d["demandes_jour"] for d in tous), 400),
                initial["demandes_jour"],
            ),
            "temps_min": curseur(
                "Temps de traitement (minutes)",
                3,
                _maximum((d["temps_min"] for d in tous), 40),
                initial["temps_min"],
            ),
            "guichets": curseur(
                "Guichets ouverts",
                1,
                _maximum((d["guichets"] for d in tous), 15),
                initial["guichets"],
            ),
            "part_en_ligne": curseur("Demandes faites en ligne (%)", 0, 80, 0, pas=5),
        },
        dessiner,
        depart,
        titre="La file d'attente au guichet de l'état civil",
        explication=(
            "Modèle M/M/c (formule d'Erlang C [48]). Choisir une commune remet les curseurs à ses "
            f"chiffres ; {MENTION_SYNTHETIQUE}."
        ),
    )
