"""Module 0 — Prise en main : lire un tableau, classer, totaliser, projeter une population.

Fonctions pures (sans widgets ni affichage) sur la table « communes » : les
noms, départements et populations de 2013 sont réels (recensement RGPH4).

    projeter_population(179290, 3.5, 13)     # Kandi en 2026 : 179 290 × 1,035¹³
    classement(10)                           # les 10 communes les plus peuplées
    totaux_par_departement()                 # communes et habitants par département
"""

from __future__ import annotations

import pandas as pd

from atelier.donnees import charger, parametre, trouver_commune
from atelier.socle import ErreurAtelier

ANNEE_RECENSEMENT = 2013
STATUT_PARTICULIER = "statut particulier"


def taux_croissance() -> float:
    """La croissance annuelle de la population entre 2002 et 2013 : 3,5 % par an (INSAE, RGPH4 [70])."""
    return float(parametre("taux_croissance_population"))


def projeter_population(population: float, taux_pct: float, annees: float) -> float:
    """La population après ``annees`` années de croissance à ``taux_pct`` % par an.

    Chaque année, la population est multipliée par (1 + taux ÷ 100) :
    population × (1 + taux ÷ 100) ^ années. Par exemple 100 000 habitants,
    3,5 % par an pendant 2 ans : 100 000 × 1,035 × 1,035 = 107 122,5.
    """
    if annees < 0:
        raise ErreurAtelier(
            f"Le nombre d'années doit être positif ou nul (vous avez donné {annees}) : "
            "comptez les années depuis le recensement, par exemple 2026 − 2013 = 13."
        )
    return float(population * (1 + taux_pct / 100) ** annees)


def population_2013(commune: str) -> int:
    """La population d'une commune au recensement de 2013 (RGPH4)."""
    communes = charger("communes").set_index("commune")
    return int(communes.at[trouver_commune(commune), "population_2013"])


def projection(commune: str, annee_fin: int, taux_pct: float | None = None) -> pd.DataFrame:
    """La population projetée d'une commune, année par année, de 2013 à ``annee_fin``.

    Colonnes : ``annee``, ``population`` (arrondie à l'habitant).
    """
    if annee_fin < ANNEE_RECENSEMENT:
        raise ErreurAtelier(
            f"Choisissez une année à partir de {ANNEE_RECENSEMENT} (année du recensement) ; "
            f"vous avez donné {annee_fin}."
        )
    taux = taux_croissance() if taux_pct is None else taux_pct
    depart = population_2013(commune)
    annees = range(ANNEE_RECENSEMENT, int(annee_fin) + 1)
    return pd.DataFrame(
        {
            "annee": list(annees),
            "population": [
                round(projeter_population(depart, taux, a - ANNEE_RECENSEMENT)) for a in annees
            ],
        }
    )


def classement(n: int = 10, plus_peuplees: bool = True) -> pd.DataFrame:
    """Les ``n`` communes les plus (ou les moins) peuplées en 2013, avec leur rang national (1 = la plus peuplée)."""
    communes = charger("communes")
    communes["rang"] = communes["population_2013"].rank(ascending=False, method="min").astype(int)
    ordonnees = communes.sort_values("population_2013", ascending=not plus_peuplees)
    colonnes = ["rang", "commune", "departement", "population_2013"]
    return ordonnees[colonnes].head(n).reset_index(drop=True)


def totaux_par_departement() -> pd.DataFrame:
    """Par département : nombre de communes, habitants en 2013 et part de la population du pays (%).

    Trié du département le plus peuplé au moins peuplé.
    """
    communes = charger("communes")
    totaux = communes.groupby("departement").agg(
        communes=("commune", "count"), population_2013=("population_2013", "sum")
    )
    totaux["part_du_pays_pct"] = (
        100 * totaux["population_2013"] / totaux["population_2013"].sum()
    ).round(1)
    return totaux.sort_values("population_2013", ascending=False).reset_index()


def communes_statut_particulier() -> list[str]:
    """Les communes à statut particulier (décret du 1er juin 2022 [4])."""
    communes = charger("communes")
    return communes.loc[communes["categorie"] == STATUT_PARTICULIER, "commune"].tolist()


def resume_commune(commune: str) -> dict:
    """Une fiche courte : département, catégorie, population 2013, rang national et place dans le département."""
    nom = trouver_commune(commune)
    communes = charger("communes")
    communes["rang"] = communes["population_2013"].rank(ascending=False, method="min").astype(int)
    ligne = communes.set_index("commune").loc[nom]
    voisines = communes[communes["departement"] == ligne["departement"]]
    return {
        "commune": nom,
        "departement": ligne["departement"],
        "categorie": ligne["categorie"],
        "population_2013": int(ligne["population_2013"]),
        "rang_national": int(ligne["rang"]),
        "communes_du_departement": len(voisines),
        "part_du_departement_pct": round(
            float(100 * ligne["population_2013"] / voisines["population_2013"].sum()), 1
        ),
        "nb_arrondissements": int(ligne["nb_arrondissements"]),
    }
