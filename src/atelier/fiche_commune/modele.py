"""La fiche d'une commune : ses chiffres clés et sa place dans son département."""

from __future__ import annotations

import pandas as pd

from atelier.donnees import champ, charger_communes, trouver_commune

# (colonne, table d'origine) des indicateurs montrés sur la fiche, dans l'ordre.
INDICATEURS = (
    ("population_2013", "communes"),
    ("population_2024", "communes"),
    ("superficie_km2", "communes"),
    ("densite_2013", "communes"),
    ("nb_arrondissements", "communes"),
    ("part_couverture_4g", "connectivite"),
    ("taux_usage_internet", "connectivite"),
    ("part_menages_electricite", "connectivite"),
    ("demandes_actes_an", "etat_civil"),
    ("delai_moyen_jours", "etat_civil"),
)


def _tableau() -> pd.DataFrame:
    return charger_communes("connectivite", "etat_civil")


def comparaison_departement(commune: str, tableau: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pour chaque indicateur : la valeur de la commune, la médiane, le minimum et le maximum
    des communes de son département, et son rang (1 = la valeur la plus haute du département).
    """
    commune = trouver_commune(commune)
    tableau = _tableau() if tableau is None else tableau
    departement = tableau.loc[tableau["commune"] == commune, "departement"].item()
    voisines = tableau[tableau["departement"] == departement]
    lignes = []
    for colonne, table in INDICATEURS:
        description = champ(colonne, table) or {}
        valeurs = voisines.set_index("commune")[colonne].astype(float)
        lignes.append(
            {
                "indicateur": description.get("title", colonne),
                "colonne": colonne,
                "unite": description.get("atelier:unite", ""),
                "nature": description.get("atelier:nature", ""),
                "commune": valeurs[commune],
                "mediane_departement": valeurs.median(),
                "minimum_departement": valeurs.min(),
                "maximum_departement": valeurs.max(),
                "rang": int(valeurs.rank(ascending=False, method="min")[commune]),
                "nb_communes_departement": len(valeurs),
            }
        )
    return pd.DataFrame(lignes)


def chiffres_cles(commune: str, tableau: pd.DataFrame | None = None) -> dict:
    """Département, catégorie et statut (pilote e-Commune, centre de services publics) d'une commune."""
    commune = trouver_commune(commune)
    tableau = _tableau() if tableau is None else tableau
    ligne = tableau.set_index("commune").loc[commune]
    return {
        "commune": commune,
        "departement": ligne["departement"],
        "categorie": ligne["categorie"],
        "pilote_ecommune": bool(ligne["pilote_ecommune"]),
        "ccsp_mars_2023": bool(ligne["ccsp_mars_2023"]),
        "population_2013": int(ligne["population_2013"]),
    }
