"""Module 1 — Intégrer le numérique dans la planification communale.

Fonctions pures, sans widgets ni affichage :

- le cycle de planification et de budget (dates et sources) ;
- la grille de maturité numérique à 20 indicateurs, inspirée de l'indice LOSI
  des Nations unies : pourcentage par critère, score global, niveau ;
- la place du numérique dans le plan annuel d'investissement (PAI) et la
  dépendance au FADeC, avec une baisse du FADeC comme en 2024 ;
- un indicateur SMART : de la valeur de départ à la cible, jalon par jalon.

Les budgets, la grille remplie et les demandes d'actes sont des données
synthétiques (fictives, pour l'exercice) ; voir ``decrire("budget")``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from atelier.donnees import charger, trouver_commune
from atelier.socle import ErreurAtelier, nombre_fr

CRITERES = ("Cadre institutionnel", "Contenu", "Services en ligne", "Participation", "Technologie")

# Seuils des groupes de l'indice EGDI des Nations unies [22] (0,25 / 0,50 / 0,75),
# appliqués ici à un pourcentage d'indicateurs remplis.
SEUILS_NIVEAUX = ((75, "très élevé"), (50, "élevé"), (25, "moyen"), (0, "faible"))
NIVEAUX = tuple(nom for _, nom in reversed(SEUILS_NIVEAUX))  # du plus bas au plus haut

BAISSE_FADEC_2024_PCT = 25  # ≈ −24,9 % entre 2023 et 2024 selon [14] (base 2023 à confirmer)


# --- Le cycle de planification ------------------------------------------------------
def etapes_du_cycle() -> pd.DataFrame:
    """Les étapes d'un budget communal, de sa préparation à sa clôture.

    Colonnes : ``etape``, ``debut`` et ``fin`` (mois comptés depuis janvier de
    l'année du budget : −4 = septembre de l'année précédente, 17 = mai de
    l'année suivante), ``quand`` (en clair) et ``source``.
    """
    lignes = [
        (
            "Débat d'orientation budgétaire",
            -4,
            -3,
            "septembre de l'année précédente",
            "news.acotonou.com [8] (art. 68)",
        ),
        (
            "Vote du budget primitif et du PAD / PAI",
            -2,
            -1,
            "novembre de l'année précédente (4e session ordinaire)",
            "lanouvelletribune.info [9]",
        ),
        ("Exécution du budget et du PAI", 0, 12, "de janvier à décembre", "année budgétaire"),
        (
            "Préparation du compte administratif",
            12,
            15,
            "au plus tard le 31 mars de l'année suivante",
            "lanation.bj [7]",
        ),
        (
            "Vote du compte administratif",
            15,
            17,
            "au plus tard le 31 mai de l'année suivante",
            "lanation.bj [7]",
        ),
    ]
    return pd.DataFrame(lignes, columns=["etape", "debut", "fin", "quand", "source"])


# --- La grille de maturité ------------------------------------------------------------
def grille() -> pd.DataFrame:
    """Les 20 indicateurs de la grille : ``code``, ``critere``, ``intitule`` (4 par critère)."""
    return charger("grille_losi")


def reponses_commune(commune: str) -> dict[str, bool]:
    """La grille remplie d'une commune (données synthétiques) : code de l'indicateur → rempli ou non."""
    nom = trouver_commune(commune)
    ligne = charger("maturite_losi").set_index("commune").loc[nom]
    return {code: bool(ligne[code]) for code in grille()["code"]}


def _verifier_codes(reponses: Mapping) -> None:
    if not isinstance(reponses, Mapping):
        raise ErreurAtelier(
            "Donnez la grille sous la forme {code: vrai ou faux}, par exemple "
            'reponses_commune("Kandi").'
        )
    connus = set(grille()["code"])
    inconnus = [c for c in reponses if c not in connus]
    if inconnus:
        raise ErreurAtelier(
            f"Indicateur inconnu : « {inconnus[0]} ». Les codes vont de « losi_inst_1 » à "
            "« losi_tech_4 » (voir grille())."
        )


def scores_par_critere(reponses: Mapping) -> pd.Series:
    """Le pourcentage d'indicateurs remplis dans chacun des 5 critères (0 à 100).

    Un indicateur absent de ``reponses`` compte comme non rempli.
    Exemple : 1 indicateur rempli sur les 4 du critère « Contenu » → 25 %.
    """
    _verifier_codes(reponses)
    table = grille()
    table["rempli"] = table["code"].map(lambda code: bool(reponses.get(code, False)))
    scores = 100 * table.groupby("critere")["rempli"].mean()
    return scores.reindex(list(CRITERES)).rename("score_pct")


def score_global(reponses: Mapping) -> float:
    """Le pourcentage des 20 indicateurs remplis : indicateurs remplis ÷ 20 × 100."""
    _verifier_codes(reponses)
    codes = grille()["code"]
    return 100 * sum(bool(reponses.get(code, False)) for code in codes) / len(codes)


def niveau_maturite(pourcentage: float) -> str:
    """Le niveau selon les seuils de l'EGDI [22] : plus de 75 % « très élevé », 50 à 75 % « élevé »,
    25 à 50 % « moyen », moins de 25 % « faible »."""
    if not 0 <= pourcentage <= 100:
        raise ErreurAtelier(
            f"Un score se donne entre 0 et 100 % ; vous avez donné {nombre_fr(pourcentage)}."
        )
    if pourcentage > SEUILS_NIVEAUX[0][0]:
        return SEUILS_NIVEAUX[0][1]
    for seuil, nom in SEUILS_NIVEAUX[1:]:
        if pourcentage >= seuil:
            return nom
    return SEUILS_NIVEAUX[-1][1]  # pragma: no cover - le seuil 0 attrape tout


def maturite_des_communes() -> pd.DataFrame:
    """Pour les 77 communes : le score de chaque critère, le score global et le niveau."""
    table = charger("maturite_losi")
    codes = list(grille()["code"])
    lignes = []
    for _, ligne in table.iterrows():
        reponses = {code: bool(ligne[code]) for code in codes}
        scores = scores_par_critere(reponses)
        global_ = score_global(reponses)
        lignes.append(
            {
                "commune": ligne["commune"],
                "departement": ligne["departement"],
                **scores.to_dict(),
                "score_global": global_,
                "niveau": niveau_maturite(global_),
            }
        )
    return pd.DataFrame(lignes)


# --- Le numérique dans le PAI et le FADeC -------------------------------------------------
def _positif(valeur: float, nom: str) -> None:
    if valeur <= 0:
        raise ErreurAtelier(
            f"{nom} doit être plus grand que zéro (vous avez donné {nombre_fr(valeur)})."
        )


def part_numerique(pai_numerique: float, pai_total: float) -> float:
    """La part du PAI consacrée au numérique, en % : numérique ÷ PAI total × 100."""
    _positif(pai_total, "Le PAI total")
    return 100 * pai_numerique / pai_total


def dependance_fadec(fadec_non_affecte: float, pai_total: float) -> float:
    """Le FADeC non affecté rapporté au PAI, en % : FADeC non affecté ÷ PAI total × 100.

    À comparer aux ≈ 72 % de l'investissement communal financés par le FADeC
    non affecté [13].
    """
    _positif(pai_total, "Le PAI total")
    return 100 * fadec_non_affecte / pai_total


def pai_apres_baisse(pai_total: float, fadec_non_affecte: float, baisse_pct: float) -> float:
    """Le PAI si le FADeC non affecté baisse de ``baisse_pct`` % et que les autres ressources ne changent pas.

    PAI après = PAI − FADeC non affecté × baisse ÷ 100.
    """
    if not 0 <= baisse_pct <= 100:
        raise ErreurAtelier(
            f"Une baisse se donne entre 0 et 100 % ; vous avez donné {nombre_fr(baisse_pct)}."
        )
    return pai_total - fadec_non_affecte * baisse_pct / 100


def tableau_budget() -> pd.DataFrame:
    """La table « budget » avec trois colonnes calculées (en %) : ``part_numerique_pct``,
    ``mediane_departement_pct`` (médiane de la part numérique des communes du même
    département) et ``dependance_fadec_pct``."""
    budget = charger("budget")
    budget["part_numerique_pct"] = 100 * budget["pai_numerique_fcfa"] / budget["pai_total_fcfa"]
    budget["mediane_departement_pct"] = budget.groupby("departement")[
        "part_numerique_pct"
    ].transform("median")
    budget["dependance_fadec_pct"] = (
        100 * budget["fadec_non_affecte_fcfa"] / budget["pai_total_fcfa"]
    )
    return budget


def simuler_baisse_fadec(
    commune: str, baisse_pct: float, part_numerique_pct: float | None = None
) -> dict:
    """Le PAI d'une commune avant et après une baisse du FADeC non affecté, et son volet numérique.

    ``part_numerique_pct`` : la part du PAI réservée au numérique (par défaut, celle
    de la commune dans les données). Renvoie les montants (FCFA) avant et après,
    et la part qu'il faudrait réserver après la baisse pour garder le même montant
    numérique.
    """
    nom = trouver_commune(commune)
    ligne = tableau_budget().set_index("commune").loc[nom]
    part = (
        float(ligne["part_numerique_pct"])
        if part_numerique_pct is None
        else float(part_numerique_pct)
    )
    if not 0 <= part <= 100:
        raise ErreurAtelier(
            f"Une part se donne entre 0 et 100 % ; vous avez donné {nombre_fr(part)}."
        )
    pai_avant = float(ligne["pai_total_fcfa"])
    pai_apres = pai_apres_baisse(pai_avant, float(ligne["fadec_non_affecte_fcfa"]), baisse_pct)
    numerique_avant = pai_avant * part / 100
    return {
        "commune": nom,
        "departement": ligne["departement"],
        "baisse_pct": float(baisse_pct),
        "part_numerique_pct": part,
        "mediane_departement_pct": float(ligne["mediane_departement_pct"]),
        "dependance_fadec_pct": float(ligne["dependance_fadec_pct"]),
        "pai_avant_fcfa": pai_avant,
        "pai_apres_fcfa": pai_apres,
        "numerique_avant_fcfa": numerique_avant,
        "numerique_apres_fcfa": pai_apres * part / 100,
        "part_pour_garder_pct": part_numerique(numerique_avant, pai_apres),
    }


# --- L'indicateur SMART ---------------------------------------------------------------
def jalons(depart: float, cible: float, annee_depart: int, annee_cible: int) -> pd.DataFrame:
    """Les jalons annuels d'un indicateur qui va de ``depart`` à ``cible`` en progressant chaque année du même pas.

    Pas annuel = (cible − départ) ÷ (année cible − année de départ).
    Colonnes : ``annee``, ``valeur``.
    """
    duree = int(annee_cible) - int(annee_depart)
    if duree <= 0:
        raise ErreurAtelier(
            f"L'année cible ({annee_cible}) doit venir après l'année de départ ({annee_depart})."
        )
    pas = (cible - depart) / duree
    annees = range(int(annee_depart), int(annee_cible) + 1)
    return pd.DataFrame(
        {"annee": list(annees), "valeur": [depart + pas * (a - annee_depart) for a in annees]}
    )


def valeur_de_depart(commune: str, colonne: str = "part_actes_demandes_en_ligne") -> float:
    """La valeur actuelle d'un indicateur d'état civil d'une commune (table « etat_civil », synthétique)."""
    nom = trouver_commune(commune)
    table = charger("etat_civil").set_index("commune")
    if colonne not in table.columns:
        raise ErreurAtelier(
            f'La table « etat_civil » n\'a pas de colonne « {colonne} » ; voir decrire("etat_civil").'
        )
    return float(table.at[nom, colonne])
