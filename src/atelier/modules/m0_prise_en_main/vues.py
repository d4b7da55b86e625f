"""Module 0 — les graphiques et simulateurs de la prise en main.

Chaque fonction ``graphique_…`` renvoie une figure (elle s'affiche si l'appel est
la dernière ligne de la cellule) ; chaque fonction ``…_interactive`` renvoie un
``Simulateur`` dont ``resultat`` résume ce qui est affiché. Les deux fonctions
``enregistrer_…`` préparent un fichier pour une réunion du conseil.

Les petits outils de dessin (couleurs, nombres à la française sur les axes) sont
dans ``atelier.vues.style``, communs à tous les modules.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
from IPython.display import display

from atelier.donnees import communes_disponibles, trouver_commune
from atelier.erreurs import ErreurAtelier, afficher, nombre_fr
from atelier.modules.m0_prise_en_main import modele
from atelier.vues import Simulateur, curseur, menu, montrer
from atelier.vues.style import (
    BLEU,
    VERMILLON,
    axe_des_annees,
    barres_horizontales,
    format_fr,
    legende_source,
    nouvelle_figure,
    terminer,
)

DOSSIER_EXPORTS = "mes_exports"
SOURCE_RGPH4 = "Source : INSAE, recensement RGPH4 (2013)."


def _graphique_population(noms, valeurs, titre: str, surlignee: str | None = None):
    """Un graphique en barres de populations de 2013, avec sa source."""
    noms = list(noms)
    fig, ax = nouvelle_figure(8.5, max(2.2, 0.9 + 0.33 * len(noms)))
    barres_horizontales(ax, noms, valeurs, surlignee)
    ax.set_title(titre, fontsize=11)
    ax.set_xlabel("Population en 2013 (habitants)")
    legende_source(fig, SOURCE_RGPH4)
    return terminer(fig)


# --- Les graphiques du module ----------------------------------------------------
def graphique_classement(n: int = 10, plus_peuplees: bool = True, surlignee: str | None = None):
    """Les ``n`` communes les plus (ou les moins) peuplées en 2013, en barres."""
    tableau = modele.classement(n, plus_peuplees)
    premiere = tableau.iloc[0]
    qualite = "la plus peuplée" if plus_peuplees else "la moins peuplée"
    titre = (
        f"{premiere['commune']} est la commune {qualite} du Bénin "
        f"({nombre_fr(premiere['population_2013'])} habitants en 2013)"
    )
    return _graphique_population(tableau["commune"], tableau["population_2013"], titre, surlignee)


def graphique_departements():
    """La population de chaque département en 2013, en barres, du plus peuplé au moins peuplé."""
    totaux = modele.totaux_par_departement()
    premier, dernier = totaux.iloc[0], totaux.iloc[-1]
    rapport = premier["population_2013"] / dernier["population_2013"]
    titre = (
        f"Département le plus peuplé : {premier['departement']}, {nombre_fr(rapport, 1)} fois plus "
        f"d'habitants que le moins peuplé ({dernier['departement']}) en 2013"
    )
    return _graphique_population(totaux["departement"], totaux["population_2013"], titre)


def graphique_departement_de(commune: str):
    """Les communes du département de ``commune``, la commune choisie en orange hachuré."""
    fiche = modele.resume_commune(commune)
    communes = modele.classement(77)
    voisines = communes[communes["departement"] == fiche["departement"]]
    if fiche["communes_du_departement"] == 1:
        titre = (
            f"{fiche['commune']} est la seule commune de son département ({fiche['departement']})"
        )
    else:
        titre = (
            f"{fiche['commune']} regroupe {nombre_fr(fiche['part_du_departement_pct'], 1)} % des "
            f"habitants du département ({fiche['departement']}, 2013)"
        )
    return _graphique_population(
        voisines["commune"], voisines["population_2013"], titre, fiche["commune"]
    )


def graphique_projection(commune: str, annee: int, taux_pct: float | None = None):
    """La population projetée de ``commune`` de 2013 à ``annee`` (courbe), la dernière valeur écrite."""
    taux = modele.taux_croissance() if taux_pct is None else taux_pct
    serie = modele.projection(commune, annee, taux)
    nom = trouver_commune(commune)
    fin = serie.iloc[-1]
    fig, ax = nouvelle_figure(8.0, 4.2)
    ax.plot(serie["annee"], serie["population"], color=BLEU, marker="o", markersize=3, linewidth=2)
    ax.plot([fin["annee"]], [fin["population"]], marker="o", markersize=9, color=VERMILLON)
    ax.annotate(
        nombre_fr(fin["population"]),
        (fin["annee"], fin["population"]),
        textcoords="offset points",
        xytext=(-10, 10),
        ha="right",
        fontsize=10,
        color=VERMILLON,
    )
    ax.set_ylim(0, max(serie["population"]) * 1.15)
    ax.yaxis.set_major_formatter(format_fr())
    axe_des_annees(ax)
    ax.set_ylabel("Population (habitants)")
    ax.grid(alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(
        f"{nom} : environ {nombre_fr(fin['population'])} habitants en {int(fin['annee'])} "
        f"si la croissance reste de {nombre_fr(taux, 1)} % par an",
        fontsize=11,
    )
    legende_source(
        fig, "Point de départ : recensement RGPH4 (2013). Au-delà : projection, pas un recensement."
    )
    return terminer(fig)


def _rang(rang: int) -> str:
    return "1ʳᵉ" if rang == 1 else f"{rang}ᵉ"


def tableau_fiche(fiche: dict) -> pd.DataFrame:
    """La fiche d'une commune présentée en deux colonnes lisibles (nombres à la française)."""
    lignes = [
        ("Département", fiche["departement"]),
        ("Catégorie", fiche["categorie"]),
        ("Population en 2013", f"{nombre_fr(fiche['population_2013'])} habitants"),
        ("Rang parmi les 77 communes (population)", _rang(fiche["rang_national"])),
        ("Arrondissements", str(fiche["nb_arrondissements"])),
        ("Communes du département", str(fiche["communes_du_departement"])),
        (
            "Part des habitants du département",
            f"{nombre_fr(fiche['part_du_departement_pct'], 1)} %",
        ),
    ]
    return pd.DataFrame(lignes, columns=["", fiche["commune"]]).set_index("")


# --- Les simulateurs ------------------------------------------------------------
def fiche_interactive(commune: str = "Kandi") -> Simulateur:
    """Choisissez une commune dans le menu : sa fiche et son département s'affichent."""

    def dessiner(commune):
        fiche = modele.resume_commune(commune)
        display(tableau_fiche(fiche))
        montrer(graphique_departement_de(commune))
        return fiche

    return Simulateur(
        {"commune": menu("Votre commune", communes_disponibles(), trouver_commune(commune))},
        dessiner,
        titre="La fiche de votre commune",
        explication="Choisissez une commune dans le menu déroulant : la fiche et le graphique changent.",
    )


def projection_interactive(commune: str = "Kandi", annee: int = 2026) -> Simulateur:
    """Une commune, une année et un taux de croissance : la courbe de population se redessine."""

    def dessiner(commune, annee, taux):
        montrer(graphique_projection(commune, annee, taux))
        depart = modele.population_2013(commune)
        return {
            "commune": trouver_commune(commune),
            "annee": annee,
            "taux_pct": taux,
            "population": round(
                modele.projeter_population(depart, taux, annee - modele.ANNEE_RECENSEMENT)
            ),
        }

    return Simulateur(
        {
            "commune": menu("Commune", communes_disponibles(), trouver_commune(commune)),
            "annee": curseur("Année", 2013, 2040, annee),
            "taux": curseur(
                "Croissance (% par an)",
                0.0,
                6.0,
                round(modele.taux_croissance(), 1),
                pas=0.1,
                format_=".1f",
            ),
        },
        dessiner,
        titre="Projeter la population",
        explication="Déplacez le curseur de l'année (ou du taux) : la courbe et le chiffre se mettent à jour.",
    )


def classement_interactif() -> Simulateur:
    """Un curseur (combien de communes) et un menu (les plus ou les moins peuplées)."""
    choix = {"les plus peuplées": True, "les moins peuplées": False}

    def dessiner(n, ordre):
        montrer(graphique_classement(n, choix[ordre]))
        tableau = modele.classement(n, choix[ordre])
        return {"communes": tableau["commune"].tolist(), "premiere": tableau["commune"].iloc[0]}

    return Simulateur(
        {"n": curseur("Nombre de communes", 3, 20, 10), "ordre": menu("Afficher", list(choix))},
        dessiner,
        titre="Classer les communes par population (2013)",
    )


# --- Enregistrer pour une réunion ------------------------------------------------
def _nom_de_fichier(nom: str) -> str:
    sans_accents = "".join(
        c for c in unicodedata.normalize("NFKD", str(nom)) if not unicodedata.combining(c)
    )
    propre = re.sub(r"[^A-Za-z0-9_-]+", "_", sans_accents).strip("_").lower()
    if not propre:
        raise ErreurAtelier('Donnez un nom de fichier, par exemple "population_alibori".')
    return propre


def _dossier(dossier) -> Path:
    chemin = Path(dossier or DOSSIER_EXPORTS)
    chemin.mkdir(parents=True, exist_ok=True)
    return chemin


def enregistrer_tableau(tableau, nom: str, dossier=None) -> None:
    """Enregistre un tableau en CSV lisible par un tableur français (point-virgule, virgule décimale).

    Le fichier ``<nom>.csv`` va dans le dossier ``mes_exports/`` à côté du carnet
    (ou dans ``dossier``) ; un message dit où le trouver.
    """
    if isinstance(tableau, pd.Series):
        tableau = tableau.to_frame()
    if not isinstance(tableau, pd.DataFrame):
        raise ErreurAtelier(
            "Donnez un tableau (par exemple le résultat de charger(...)), pas un nombre ou un texte."
        )
    chemin = _dossier(dossier) / f"{_nom_de_fichier(nom)}.csv"
    garder_index = not isinstance(tableau.index, pd.RangeIndex)
    tableau.to_csv(chemin, sep=";", decimal=",", index=garder_index, encoding="utf-8-sig")
    afficher(
        f"📄 Tableau enregistré : `{chemin}` ({len(tableau)} lignes). Pour le récupérer : panneau de "
        "gauche (dossiers), clic droit sur le fichier → **Télécharger**. Il s'ouvre dans un tableur."
    )


def enregistrer_graphique(figure, nom: str, dossier=None) -> None:
    """Enregistre un graphique ou une carte en image PNG ``<nom>.png`` (nette à l'impression), dans ``mes_exports/``."""
    if not hasattr(figure, "savefig"):
        raise ErreurAtelier(
            "Donnez une figure, par exemple : figure = graphique_classement(10), puis "
            'enregistrer_graphique(figure, "classement").'
        )
    chemin = _dossier(dossier) / f"{_nom_de_fichier(nom)}.png"
    figure.savefig(chemin, dpi=200)
    afficher(
        f"🖼️ Graphique enregistré : `{chemin}`. Pour le récupérer : panneau de gauche (dossiers), "
        "clic droit sur le fichier → **Télécharger**. Il se colle dans un document ou une présentation."
    )
