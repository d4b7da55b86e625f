"""Module 2 — Centres communautaires de ressources numériques : les calculs.

Qui habite à moins de d km d'un centre, quels k arrondissements choisir pour
desservir le plus d'habitants, combien coûte une visite et quel tarif couvre
les frais. Fonctions pures : des tableaux et des nombres en entrée, des
tableaux et des nombres en sortie, rien d'affiché.

La règle de distance, telle qu'on l'explique au conseil communal :

- chaque arrondissement est représenté par **un seul point**, sa position
  (colonnes ``x_km`` et ``y_km``, en km depuis le chef-lieu de la commune) ;
- un centre s'installe toujours **au point d'un arrondissement** ;
- un arrondissement est **desservi** si la distance à vol d'oiseau entre son
  point et le centre le plus proche est d'au plus ``rayon_km`` ; tous ses
  habitants comptent alors comme desservis, sinon aucun.

Les positions des arrondissements sont des données synthétiques (fictives,
pour l'exercice) ; la population est celle du recensement de 2013 projetée en
2024 (colonne ``population_2024``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from atelier.donnees import charger, parametre, trouver_commune
from atelier.socle import ErreurAtelier, normaliser_texte

POPULATION = "population_2024"
# Hypothèse de l'atelier : un centre ouvert 300 jours par an (6 jours sur 7, jours fériés et
# fermetures déduits), soit 25 jours par mois. Le kiosque du module 4 compte 26 jours par mois
# (6 jours sur 7, sans rien déduire) : chaque module garde sa valeur, dont dépendent ses réponses
# notées, sa leçon et son corrigé.
JOURS_PAR_MOIS = 25
MOIS_PAR_AN = 12
JOURS_PAR_AN = JOURS_PAR_MOIS * MOIS_PAR_AN
DUREE_AMORTISSEMENT_ANS = 5  # durée de vie d'un ordinateur : hypothèse de l'atelier
AGENTS_PAR_CENTRE = 2  # hypothèse de l'atelier, payés au SMIG


class ErreurCentres(ErreurAtelier, ValueError):
    """Un tableau ou un nom d'arrondissement ne convient pas ; le message dit quoi faire."""


# --- Les arrondissements d'une commune -----------------------------------------------


def arrondissements_de(commune: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Les arrondissements d'une commune (table « arrondissements »), dans l'ordre du tableau."""
    nom = trouver_commune(commune)
    table = charger("arrondissements") if table is None else table
    return table[table["commune"] == nom].reset_index(drop=True)


def fiche_site(commune: str, arrondissement: str, table: pd.DataFrame | None = None) -> pd.Series:
    """La ligne d'un arrondissement : ``fiche_site("Bembèrèkè", "Gamia")["capex_fcfa"]``."""
    return _ligne(arrondissements_de(commune, table), arrondissement)


def _une_commune(arrondissements: pd.DataFrame) -> pd.DataFrame:
    """Vérifie que le tableau décrit une seule commune (les positions sont comptées depuis son chef-lieu)."""
    if "commune" in arrondissements.columns:
        communes = arrondissements["commune"].unique()
        if len(communes) > 1:
            raise ErreurCentres(
                f"Le tableau contient les arrondissements de {len(communes)} communes. Les positions "
                "sont comptées depuis le chef-lieu de chaque commune : gardez une seule commune, "
                'par exemple arrondissements_de("Kandi").'
            )
    if arrondissements.empty:
        raise ErreurCentres(
            "Le tableau ne contient aucun arrondissement : le nom de la commune est-il bien écrit ?"
        )
    return arrondissements


def _noms(arrondissements: pd.DataFrame, sites: Iterable[str]) -> list[str]:
    """Les noms de sites, écrits comme dans le tableau (majuscules et accents ignorés) ; erreur claire sinon."""
    if isinstance(sites, str):
        sites = [sites]
    connus = {normaliser_texte(n): n for n in arrondissements["arrondissement"]}
    noms = []
    for site in sites:
        trouve = connus.get(normaliser_texte(site))
        if trouve is None:
            raise ErreurCentres(
                f"« {site} » n'est pas un arrondissement de ce tableau. Les arrondissements : "
                + ", ".join(sorted(arrondissements["arrondissement"]))
                + "."
            )
        if trouve not in noms:
            noms.append(trouve)
    return noms


def _ligne(arrondissements: pd.DataFrame, arrondissement: str) -> pd.Series:
    nom = _noms(arrondissements, [arrondissement])[0]
    ligne = arrondissements[arrondissements["arrondissement"] == nom].iloc[0]
    ligne.name = nom
    return ligne


def chef_lieu(arrondissements: pd.DataFrame) -> str:
    """L'arrondissement chef-lieu de la commune (celui de la mairie)."""
    _une_commune(arrondissements)
    return str(
        arrondissements.loc[arrondissements["chef_lieu"].astype(bool), "arrondissement"].iloc[0]
    )


def sites_existants(arrondissements: pd.DataFrame) -> list[str]:
    """Les arrondissements qui ont déjà un point numérique communautaire (PNC) ou un CCSP."""
    _une_commune(arrondissements)
    existe = arrondissements["a_pnc"].astype(bool) | arrondissements["a_ccsp"].astype(bool)
    return sorted(arrondissements.loc[existe, "arrondissement"])


# --- Distances et couverture ---------------------------------------------------------


def distance_km(x1: float, y1: float, x2: float, y2: float) -> float:
    """Distance à vol d'oiseau entre deux points : racine((x1 − x2)² + (y1 − y2)²)."""
    return math.hypot(x1 - x2, y1 - y2)


def distances(arrondissements: pd.DataFrame) -> pd.DataFrame:
    """Le tableau des distances (km) : une ligne par arrondissement habité, une colonne par site possible."""
    arr = _une_commune(arrondissements)
    noms = list(arr["arrondissement"])
    points = list(zip(arr["x_km"], arr["y_km"], strict=True))
    lignes = [[distance_km(x1, y1, x2, y2) for (x2, y2) in points] for (x1, y1) in points]
    return pd.DataFrame(lignes, index=pd.Index(noms, name="arrondissement"), columns=noms)


def couverture(
    arrondissements: pd.DataFrame, sites: Iterable[str], rayon_km: float
) -> pd.DataFrame:
    """Pour chaque arrondissement : le centre le plus proche, sa distance, desservi ou non.

    Colonnes : ``arrondissement``, ``population``, ``centre_le_plus_proche``,
    ``distance_km`` et ``desservi`` (distance ≤ ``rayon_km``). Sans centre, la
    distance est infinie et personne n'est desservi.
    """
    arr = _une_commune(arrondissements)
    sites = _noms(arr, sites)
    table = pd.DataFrame(
        {
            "arrondissement": arr["arrondissement"].to_numpy(),
            "population": arr[POPULATION].to_numpy(),
        }
    )
    if sites:
        d = distances(arr)[sites]
        table["centre_le_plus_proche"] = d.idxmin(axis=1).to_numpy()
        table["distance_km"] = d.min(axis=1).to_numpy()
    else:
        table["centre_le_plus_proche"] = None
        table["distance_km"] = math.inf
    table["desservi"] = table["distance_km"] <= rayon_km
    return table


def population_desservie(
    arrondissements: pd.DataFrame, sites: Iterable[str], rayon_km: float
) -> int:
    """Habitants (2024) des arrondissements situés à au plus ``rayon_km`` d'un des ``sites``."""
    table = couverture(arrondissements, sites, rayon_km)
    return int(table.loc[table["desservi"], "population"].sum())


def part_desservie(arrondissements: pd.DataFrame, sites: Iterable[str], rayon_km: float) -> float:
    """Part des habitants desservis, en % : population desservie ÷ population de la commune × 100."""
    total = int(_une_commune(arrondissements)[POPULATION].sum())
    return 100 * population_desservie(arrondissements, sites, rayon_km) / total


def couverture_par_commune(table: pd.DataFrame, rayon_km: float) -> pd.DataFrame:
    """Pour chaque commune, la part des habitants à au plus ``rayon_km`` du chef-lieu.

    C'est la couverture d'un seul centre installé à la mairie, comme les PNC. On
    lit directement ``dist_centre_km``, la distance de chaque arrondissement au
    chef-lieu : le résultat est le même que ``part_desservie(…, [chef-lieu], rayon_km)``.
    """
    proche = table["dist_centre_km"] <= rayon_km
    resultat = (
        pd.DataFrame(
            {
                "commune": table["commune"],
                "population": table[POPULATION],
                "population_desservie": table[POPULATION].where(proche, 0),
            }
        )
        .groupby("commune", as_index=False, sort=False)
        .sum()
    )
    resultat["part_desservie"] = 100 * resultat["population_desservie"] / resultat["population"]
    return resultat


# --- Choisir k sites : la méthode gloutonne ------------------------------------------


def gains(arrondissements: pd.DataFrame, sites: Iterable[str], rayon_km: float) -> pd.DataFrame:
    """Pour chaque site encore libre : combien d'habitants pas encore desservis il ajouterait.

    Trié du plus grand gain au plus petit ; à gain égal, par nom (ordre alphabétique).
    """
    arr = _une_commune(arrondissements)
    sites = _noms(arr, sites)
    d = distances(arr)
    deja = couverture(arr, sites, rayon_km)["desservi"].to_numpy()
    population = arr[POPULATION].to_numpy()
    lignes = []
    for candidat in arr["arrondissement"]:
        if candidat in sites:
            continue
        nouveaux = (d[candidat].to_numpy() <= rayon_km) & ~deja
        lignes.append(
            {"arrondissement": candidat, "habitants_gagnes": int(population[nouveaux].sum())}
        )
    resultat = pd.DataFrame(lignes, columns=["arrondissement", "habitants_gagnes"])
    return resultat.sort_values(
        ["habitants_gagnes", "arrondissement"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def site_suivant(
    arrondissements: pd.DataFrame, sites: Iterable[str], rayon_km: float
) -> str | None:
    """Le site qui ajoute le plus d'habitants desservis (à égalité, le premier par ordre alphabétique).

    ``None`` si aucun site n'ajoute plus personne.
    """
    table = gains(arrondissements, sites, rayon_km)
    if table.empty or table["habitants_gagnes"].iloc[0] == 0:
        return None
    return str(table["arrondissement"].iloc[0])


def choisir_sites(
    arrondissements: pd.DataFrame, k: int, rayon_km: float, existants: Iterable[str] = ()
) -> pd.DataFrame:
    """Choisit jusqu'à ``k`` nouveaux sites, un par un, par la méthode gloutonne.

    À chaque étape on prend le site qui ajoute le plus d'habitants encore non
    desservis (à égalité, le premier par ordre alphabétique), en partant des
    centres ``existants``. On s'arrête plus tôt si plus aucun site n'ajoute
    d'habitants. Une ligne par étape (l'étape 0 : les centres existants) :
    ``etape``, ``site``, ``habitants_gagnes``, ``population_desservie``,
    ``part_desservie`` (%).
    """
    arr = _une_commune(arrondissements)
    sites = _noms(arr, existants)
    # Le même calcul que gains() et population_desservie() étape par étape, sur un
    # tableau des distances calculé une seule fois (le simulateur répond tout de suite).
    noms = list(arr["arrondissement"])
    proche = distances(arr).to_numpy() <= rayon_km  # proche[i, j] : i à moins de rayon_km de j
    population = arr[POPULATION].to_numpy()

    def desservis(choisis: list[str]) -> np.ndarray:
        return proche[:, [noms.index(s) for s in choisis]].any(axis=1)

    deja = desservis(sites)
    lignes = [
        {
            "etape": 0,
            "site": ", ".join(sites) if sites else "(aucun centre)",
            "habitants_gagnes": 0,
            "population_desservie": int(population[deja].sum()),
        }
    ]
    for etape in range(1, int(k) + 1):
        gains_candidats = {
            nom: int(population[proche[:, j] & ~deja].sum())
            for j, nom in enumerate(noms)
            if nom not in sites
        }
        if not gains_candidats:
            break
        choisi = min(gains_candidats, key=lambda nom: (-gains_candidats[nom], nom))
        if gains_candidats[choisi] == 0:
            break
        sites.append(choisi)
        deja = desservis(sites)
        lignes.append(
            {
                "etape": etape,
                "site": choisi,
                "habitants_gagnes": gains_candidats[choisi],
                "population_desservie": int(population[deja].sum()),
            }
        )
    resultat = pd.DataFrame(lignes)
    resultat["part_desservie"] = 100 * resultat["population_desservie"] / int(arr[POPULATION].sum())
    return resultat


def sites_choisis(etapes: pd.DataFrame) -> list[str]:
    """Les nouveaux sites d'un résultat de ``choisir_sites``, dans l'ordre du choix."""
    return list(etapes.loc[etapes["etape"] > 0, "site"])


# --- Coûts --------------------------------------------------------------------------


def investissement(capex_fcfa: float, cout_solaire_fcfa: float, electrifie: bool) -> float:
    """Coût d'installation : le centre, plus le kit solaire si l'arrondissement n'a pas l'électricité."""
    return capex_fcfa + (0 if electrifie else cout_solaire_fcfa)


def cout_annuel(
    investissement_fcfa: float, opex_annuel_fcfa: float, duree_ans: float = DUREE_AMORTISSEMENT_ANS
) -> float:
    """Coût d'une année : installation ÷ durée d'amortissement + frais de fonctionnement de l'année."""
    return investissement_fcfa / duree_ans + opex_annuel_fcfa


def cout_par_usager(
    investissement_fcfa: float,
    opex_annuel_fcfa: float,
    usagers_jour: float,
    duree_ans: float = DUREE_AMORTISSEMENT_ANS,
    jours_par_an: float = JOURS_PAR_AN,
) -> float:
    """Coût complet d'une visite : coût d'une année ÷ visites d'une année (usagers par jour × jours)."""
    return cout_annuel(investissement_fcfa, opex_annuel_fcfa, duree_ans) / (
        usagers_jour * jours_par_an
    )


def couts_des_sites(
    arrondissements: pd.DataFrame, duree_ans: float = DUREE_AMORTISSEMENT_ANS
) -> pd.DataFrame:
    """Pour chaque arrondissement : installation (kit solaire compris s'il le faut), coût par usager, tarif.

    ``tarif_equilibre`` est le tarif qui couvre juste les frais de fonctionnement
    (installation offerte) ; ``cout_par_usager`` couvre aussi l'installation.
    """
    arr = arrondissements
    inv = [
        investissement(c, s, e)
        for c, s, e in zip(
            arr["capex_fcfa"], arr["cout_solaire_fcfa"], arr["electrifie"].astype(bool), strict=True
        )
    ]
    resultat = pd.DataFrame(
        {
            "arrondissement": arr["arrondissement"].to_numpy(),
            "electrifie": arr["electrifie"].astype(bool).to_numpy(),
            "investissement_fcfa": inv,
            "usagers_jour": arr["usagers_jour"].to_numpy(),
            "tarif_fcfa": arr["tarif_fcfa"].to_numpy(),
        }
    )
    resultat["cout_par_usager"] = [
        cout_par_usager(i, o, u, duree_ans)
        for i, o, u in zip(inv, arr["opex_annuel_fcfa"], arr["usagers_jour"], strict=True)
    ]
    resultat["tarif_equilibre"] = [
        tarif_equilibre(o / MOIS_PAR_AN, u)
        for o, u in zip(arr["opex_annuel_fcfa"], arr["usagers_jour"], strict=True)
    ]
    return resultat


def classer_sites(
    arrondissements: pd.DataFrame, rayon_km: float, sites: Iterable[str] = ()
) -> pd.DataFrame:
    """Les sites libres classés par coût d'installation par habitant gagné (kit solaire compris).

    Colonnes : ``arrondissement``, ``electrifie``, ``habitants_gagnes``,
    ``investissement_fcfa``, ``fcfa_par_habitant_gagne``. Un site qui ne gagne
    personne est classé en dernier. À égalité, ordre alphabétique.
    """
    arr = _une_commune(arrondissements)
    table = gains(arr, sites, rayon_km).merge(
        couts_des_sites(arr)[["arrondissement", "electrifie", "investissement_fcfa"]],
        on="arrondissement",
    )
    gagnes = table["habitants_gagnes"]
    table["fcfa_par_habitant_gagne"] = (
        table["investissement_fcfa"] / gagnes.where(gagnes > 0)
    ).fillna(math.inf)
    return table.sort_values(
        ["fcfa_par_habitant_gagne", "arrondissement"], kind="stable"
    ).reset_index(drop=True)[
        [
            "arrondissement",
            "electrifie",
            "habitants_gagnes",
            "investissement_fcfa",
            "fcfa_par_habitant_gagne",
        ]
    ]


# --- Le compte du mois ---------------------------------------------------------------


def compte_mensuel(
    tarif_fcfa: float,
    visites_jour: float,
    personnel_mois: float,
    autres_frais_mois: float,
    amortissement_mois: float = 0,
    jours_par_mois: float = JOURS_PAR_MOIS,
) -> dict[str, float]:
    """Recettes, charges et marge d'un mois.

    recettes = tarif × visites par jour × jours d'ouverture ;
    charges = personnel + autres frais (connexion, électricité, entretien) + amortissement ;
    marge = recettes − charges (négative : le centre perd de l'argent).
    """
    recettes = tarif_fcfa * visites_jour * jours_par_mois
    charges = personnel_mois + autres_frais_mois + amortissement_mois
    return {
        "recettes": recettes,
        "personnel": personnel_mois,
        "autres_frais": autres_frais_mois,
        "amortissement": amortissement_mois,
        "charges": charges,
        "marge": recettes - charges,
    }


def marge_mensuelle(
    tarif_fcfa: float,
    visites_jour: float,
    personnel_mois: float,
    autres_frais_mois: float,
    amortissement_mois: float = 0,
    jours_par_mois: float = JOURS_PAR_MOIS,
) -> float:
    """Ce qui reste (ou manque) à la fin du mois : recettes − charges."""
    return compte_mensuel(
        tarif_fcfa,
        visites_jour,
        personnel_mois,
        autres_frais_mois,
        amortissement_mois,
        jours_par_mois,
    )["marge"]


def tarif_equilibre(
    charges_mois: float, visites_jour: float, jours_par_mois: float = JOURS_PAR_MOIS
) -> float:
    """Le tarif qui rend la marge nulle : charges du mois ÷ visites du mois."""
    return charges_mois / (visites_jour * jours_par_mois)


def visites_equilibre(
    charges_mois: float, tarif_fcfa: float, jours_par_mois: float = JOURS_PAR_MOIS
) -> float:
    """Les visites par jour qui rendent la marge nulle : charges du mois ÷ (tarif × jours d'ouverture)."""
    return charges_mois / (tarif_fcfa * jours_par_mois)


def hypotheses_du_site(arrondissements: pd.DataFrame, arrondissement: str) -> dict[str, float]:
    """Les chiffres de départ du compte mensuel d'un site, tirés du tableau.

    - tarif et visites : colonnes ``tarif_fcfa`` et ``usagers_jour`` ;
    - personnel : deux agents payés au SMIG (``parametre("smig_fcfa_mois")``) ;
    - autres frais : frais de fonctionnement de l'année ÷ 12, moins ce personnel
      (le tableau compte les salaires dans ``opex_annuel_fcfa``) ;
    - amortissement : installation (kit solaire compris s'il le faut) ÷ 5 ans ÷ 12.
    """
    ligne = _ligne(_une_commune(arrondissements), arrondissement)
    personnel = AGENTS_PAR_CENTRE * parametre("smig_fcfa_mois")
    installation = investissement(
        ligne["capex_fcfa"], ligne["cout_solaire_fcfa"], bool(ligne["electrifie"])
    )
    return {
        "tarif_fcfa": float(ligne["tarif_fcfa"]),
        "visites_jour": float(ligne["usagers_jour"]),
        "personnel_mois": float(personnel),
        "autres_frais_mois": float(max(0.0, ligne["opex_annuel_fcfa"] / MOIS_PAR_AN - personnel)),
        "investissement_fcfa": float(installation),
        "amortissement_mois": float(installation / DUREE_AMORTISSEMENT_ANS / MOIS_PAR_AN),
    }
