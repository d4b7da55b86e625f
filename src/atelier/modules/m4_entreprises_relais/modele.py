"""Module 4 — Entreprises, start-ups et relais digitaux : les calculs.

Trois méthodes, en fonctions pures (des nombres en entrée, des nombres ou de
petits tableaux en sortie, sans widgets ni fichiers) :

- l'économie numérique locale rapportée à la population (« pour 10 000 habitants »)
  et la répartition des entreprises par secteur ;
- le seuil de rentabilité d'un kiosque relais : charges fixes ÷ (prix − coût
  variable) ;
- le dimensionnement d'un réseau de relais digitaux : adultes hors ligne ÷
  (citoyens formés par relais et par mois × mois), sur le modèle des
  ambassadeurs numériques du Rwanda (60 citoyens par mois et par ambassadeur [58]).
"""

from __future__ import annotations

import math

import pandas as pd

from atelier.socle import ErreurAtelier, nombre_fr

JOURS_OUVERTURE_MOIS = 26
"""Hypothèse de l'exercice : un kiosque ouvert 6 jours sur 7, soit 26 jours par mois.

Le centre du module 2 compte 25 jours par mois (300 par an, jours fériés déduits) : les réponses
notées de chaque module dépendent de sa valeur."""


# --- L'économie numérique locale --------------------------------------------------


def pour_10000(nombre: float, population: float) -> float:
    """Un nombre rapporté à 10 000 habitants : nombre ÷ population × 10 000."""
    if population <= 0:
        raise ErreurAtelier(
            "La population doit être positive pour calculer un nombre pour 10 000 habitants."
        )
    return float(nombre / population * 10_000)


def indicateurs_economie(communes: pd.DataFrame) -> pd.DataFrame:
    """Ajoute les ratios du module à un tableau d'une ligne par commune.

    Le tableau vient de ``charger_communes("economie_numerique", "connectivite")``.
    Colonnes ajoutées : ``entreprises_pour_10000`` et ``relais_pour_10000``
    (par rapport à la population 2024), ``adultes_par_point_mm`` (adultes pour
    un point de monnaie électronique) et ``adultes_hors_ligne``.
    """
    resultat = communes.copy()
    population = resultat["population_2024"]
    adultes = resultat["population_adulte_2024"]
    resultat["entreprises_pour_10000"] = resultat["nb_entreprises_num"] / population * 10_000
    resultat["relais_pour_10000"] = resultat["nb_relais"] / population * 10_000
    resultat["adultes_par_point_mm"] = adultes / resultat["nb_points_mobile_money"]
    resultat["adultes_hors_ligne"] = adultes * (1 - resultat["taux_usage_internet"] / 100)
    return resultat


def repartition_secteurs(secteurs: pd.DataFrame, commune: str | None = None) -> pd.DataFrame:
    """Entreprises du numérique par secteur (d'une commune, ou du pays), du plus grand au plus petit.

    ``secteurs`` est la table ``entreprises_secteurs``. Colonnes du résultat :
    ``secteur``, ``nb_entreprises`` et ``part_pct`` (part du total, en %).
    """
    lignes = secteurs if commune is None else secteurs[secteurs["commune"] == commune]
    if lignes.empty:
        raise ErreurAtelier(
            f"Aucune entreprise trouvée pour « {commune} » : vérifiez le nom de la commune."
        )
    table = lignes.groupby("secteur", as_index=False)["nb_entreprises"].sum()
    total = table["nb_entreprises"].sum()
    table["part_pct"] = table["nb_entreprises"] / total * 100 if total else 0.0
    return table.sort_values(["nb_entreprises", "secteur"], ascending=[False, True]).reset_index(
        drop=True
    )


# --- Le seuil de rentabilité d'un kiosque relais ----------------------------------


def charges_fixes(loyer: float, salaire: float, autres: float = 0) -> float:
    """Les charges fixes d'un mois : ce que le kiosque paie, qu'il ait des clients ou non."""
    return loyer + salaire + autres


def marge_par_prestation(prix: float, cout_variable: float) -> float:
    """Ce que chaque prestation laisse pour payer les charges fixes : prix − coût variable."""
    return prix - cout_variable


def _verifier_marge(prix: float, cout_variable: float) -> float:
    marge = marge_par_prestation(prix, cout_variable)
    if marge <= 0:
        raise ErreurAtelier(
            f"Avec un prix de {nombre_fr(prix)} FCFA et un coût de {nombre_fr(cout_variable)} FCFA par "
            "prestation, chaque prestation fait perdre de l'argent (ou n'en rapporte pas) : le kiosque ne "
            "peut jamais être rentable. Le prix doit dépasser le coût variable."
        )
    return marge


def seuil_rentabilite(charges_fixes_mois: float, prix: float, cout_variable: float) -> float:
    """Prestations par mois pour couvrir les charges : charges fixes ÷ (prix − coût variable).

    Le résultat n'est pas arrondi (154,3 prestations) : arrondir vers le haut
    pour savoir combien il en faut au moins.
    """
    return float(charges_fixes_mois / _verifier_marge(prix, cout_variable))


def seuil_par_jour(
    charges_fixes_mois: float, prix: float, cout_variable: float, jours: int = JOURS_OUVERTURE_MOIS
) -> int:
    """Visites par jour d'ouverture pour être rentable, arrondies vers le haut (au moins ce nombre)."""
    return math.ceil(seuil_rentabilite(charges_fixes_mois, prix, cout_variable) / jours - 1e-9)


def resultat_mensuel(
    visites_par_jour: float,
    prix: float,
    cout_variable: float,
    charges_fixes_mois: float,
    jours: int = JOURS_OUVERTURE_MOIS,
) -> float:
    """Bénéfice (ou perte, si négatif) d'un mois : prestations × (prix − coût variable) − charges fixes."""
    prestations = visites_par_jour * jours
    return float(prestations * marge_par_prestation(prix, cout_variable) - charges_fixes_mois)


def courbe_rentabilite(
    prix: float,
    cout_variable: float,
    charges_fixes_mois: float,
    visites_max: int = 40,
    jours: int = JOURS_OUVERTURE_MOIS,
) -> pd.DataFrame:
    """Recettes, coûts et résultat du mois pour 0 à ``visites_max`` visites par jour (FCFA)."""
    visites = pd.Series(range(visites_max + 1), name="visites_par_jour")
    prestations = visites * jours
    recettes = prestations * prix
    couts = charges_fixes_mois + prestations * cout_variable
    return pd.DataFrame(
        {
            "visites_par_jour": visites,
            "recettes": recettes,
            "couts_totaux": couts,
            "resultat": recettes - couts,
        }
    )


# --- Dimensionner un réseau de relais digitaux ---------------------------------------


def adultes_hors_ligne(population_adulte: float, taux_usage_internet: float) -> float:
    """Adultes qui n'utilisent pas internet : population adulte × (1 − taux d'usage ÷ 100).

    Le taux d'usage est mesuré sur tous les habitants ; on l'applique aux
    adultes faute de mieux (une approximation, à dire quand on présente le chiffre).
    """
    if not 0 <= taux_usage_internet <= 100:
        raise ErreurAtelier(
            f"Le taux d'usage d'internet doit être un pourcentage entre 0 et 100 (reçu : {nombre_fr(taux_usage_internet)})."
        )
    return float(population_adulte * (1 - taux_usage_internet / 100))


def _verifier_capacite(nb_relais: float, citoyens_par_relais_mois: float) -> float:
    capacite = nb_relais * citoyens_par_relais_mois
    if capacite <= 0:
        raise ErreurAtelier("Il faut au moins un relais qui forme au moins une personne par mois.")
    return capacite


def relais_necessaires(
    adultes_hors_ligne: float, citoyens_par_relais_mois: float, mois: float
) -> int:
    """Relais à recruter pour atteindre tous les adultes hors ligne en ``mois`` mois.

    adultes hors ligne ÷ (citoyens formés par relais et par mois × mois),
    arrondi vers le haut (un relais de plus plutôt qu'un habitant oublié).
    """
    if mois <= 0:
        raise ErreurAtelier("La durée doit être d'au moins un mois.")
    capacite_par_relais = _verifier_capacite(1, citoyens_par_relais_mois) * mois
    return math.ceil(adultes_hors_ligne / capacite_par_relais - 1e-9)


def mois_necessaires(
    nb_relais: float, adultes_hors_ligne: float, citoyens_par_relais_mois: float
) -> int:
    """Mois qu'il faut à ``nb_relais`` relais pour atteindre tous les adultes hors ligne (arrondi vers le haut)."""
    return math.ceil(
        adultes_hors_ligne / _verifier_capacite(nb_relais, citoyens_par_relais_mois) - 1e-9
    )


def part_atteinte(
    nb_relais: float, mois: float, adultes_hors_ligne: float, citoyens_par_relais_mois: float
) -> float:
    """Part (en %) des adultes hors ligne atteints après ``mois`` mois, plafonnée à 100 %.

    relais × citoyens par relais et par mois × mois ÷ adultes hors ligne × 100.
    """
    if adultes_hors_ligne <= 0:
        return 100.0
    atteints = _verifier_capacite(nb_relais, citoyens_par_relais_mois) * mois
    return float(min(100.0, atteints / adultes_hors_ligne * 100))


def atteinte_par_mois(
    nb_relais: float, mois: int, adultes_hors_ligne: float, citoyens_par_relais_mois: float
) -> pd.DataFrame:
    """Mois par mois (de 0 à ``mois``), les personnes atteintes en cumul et leur part (%), plafonnées."""
    capacite = _verifier_capacite(nb_relais, citoyens_par_relais_mois)
    numeros = pd.Series(range(int(mois) + 1), name="mois")
    atteints = (numeros * capacite).clip(upper=adultes_hors_ligne)
    parts = numeros.map(
        lambda m: part_atteinte(nb_relais, m, adultes_hors_ligne, citoyens_par_relais_mois)
    )
    return pd.DataFrame(
        {"mois": numeros, "personnes_atteintes": atteints, "part_atteinte_pct": parts}
    )
