"""Les chiffres d'une commune : ceux de l'atelier, remplacés par ceux qu'elle a notés dans « Mes vrais chiffres ».

Le document du plan (``atelier.plan.contenu``) et la fiche commune
(``atelier.fiche_commune.vues``) lisent ici, une fois, les chiffres notés dans le
plan du participant, et disent pour chaque chiffre d'où il vient : chiffre de la
commune, recensement ou donnée synthétique.
"""

from __future__ import annotations

import math
import numbers

import pandas as pd

from atelier.donnees import champ, charger_communes
from atelier.erreurs import ErreurAtelier
from atelier.plan.stockage import Plan, chemin_par_defaut, lire

SYNTHETIQUE = "donnée synthétique"
COMMUNE = "chiffre de la commune"
# nature d'une colonne dans datapackage.json → origine dite dans le document
ORIGINE = {
    "réel": "recensement",
    "calculé": "calcul sur le recensement",
    "synthétique": SYNTHETIQUE,
}
# origine notée dans le plan (atelier.plan.stockage.ORIGINES) → origine dite dans le document
ORIGINE_NOTEE = {"vos chiffres": COMMUNE, "recensement": "recensement", "synthétique": SYNTHETIQUE}
# les tables à une ligne par commune dont « Mes vrais chiffres » peut remplacer une colonne
TABLES = ("connectivite", "etat_civil", "budget", "economie_numerique")


def tableau_des_communes() -> pd.DataFrame:
    """Une ligne par commune, toutes les colonnes des tables que la commune peut corriger."""
    return charger_communes(*TABLES)


def mes_chiffres(plan: Plan | None, colonnes) -> dict[str, tuple[float, str]]:
    """Les chiffres notés pour la commune du plan : {colonne: (valeur, origine dite)}.

    Seules les colonnes de ``colonnes`` comptent ; un chiffre modifié à la main qui
    n'est pas un nombre est laissé de côté (le document se fait quand même)."""
    if plan is None or plan.commune is None:
        return {}
    miens = {}
    for colonne, entree in plan.mes_chiffres().items():
        valeur = entree.get("valeur") if isinstance(entree, dict) else None
        if (
            colonne in colonnes
            and isinstance(valeur, numbers.Real)
            and not isinstance(valeur, bool)
            and math.isfinite(valeur)
        ):
            miens[colonne] = (valeur, ORIGINE_NOTEE.get(entree.get("origine"), COMMUNE))
    return miens


def mes_chiffres_notes(commune: str, colonnes, chemin=None) -> dict[str, tuple[float, str]]:
    """Comme ``mes_chiffres``, en lisant le plan du participant sans rien écrire ({} s'il est illisible)."""
    try:
        donnees = lire(chemin if chemin is not None else chemin_par_defaut())[0]
    except (ErreurAtelier, OSError):
        return {}
    return mes_chiffres(Plan(None, donnees, commune), colonnes)


def remplacer(
    tableau: pd.DataFrame, commune: str, miens: dict[str, tuple[float, str]]
) -> pd.DataFrame:
    """Une copie de ``tableau`` où la ligne de ``commune`` porte les chiffres de la commune."""
    tableau = tableau.copy()
    ligne = tableau["commune"] == commune
    for colonne, (valeur, _) in miens.items():
        if colonne not in tableau.columns:
            continue
        if pd.api.types.is_integer_dtype(tableau[colonne]) and not float(valeur).is_integer():
            tableau[colonne] = tableau[colonne].astype(float)
        elif pd.api.types.is_integer_dtype(tableau[colonne]):
            valeur = int(valeur)
        tableau.loc[ligne, colonne] = valeur
    return tableau


class Chiffres:
    """La ligne d'une commune, ses chiffres à la place de ceux de l'atelier, et l'origine de chacun.

    ``chiffres["nb_relais"]`` → la valeur ; ``chiffres.origine("nb_relais")`` → « chiffre de la
    commune », « recensement » ou « donnée synthétique »."""

    def __init__(self, commune: str, plan: Plan | None = None, tableau: pd.DataFrame | None = None):
        tableau = tableau_des_communes() if tableau is None else tableau
        self.commune = commune
        self.miens = mes_chiffres(plan, set(tableau.columns) - {"commune"})
        self.tableau = remplacer(tableau, commune, self.miens)
        self.ligne = self.tableau.set_index("commune").loc[commune]

    def __getitem__(self, colonne: str):
        return self.ligne[colonne]

    def origine(self, colonne: str) -> str:
        if colonne in self.miens:
            return self.miens[colonne][1]
        nature = (champ(colonne) or {}).get("atelier:nature", "synthétique")
        return ORIGINE.get(nature, SYNTHETIQUE)

    def origine_de(self, *colonnes: str) -> str:
        """L'origine d'un calcul fait sur ces chiffres : synthétique dès que l'un l'est, sinon
        chiffre de la commune dès que l'un l'est, sinon celle du premier."""
        origines = [self.origine(c) for c in colonnes]
        return next((o for o in (SYNTHETIQUE, COMMUNE) if o in origines), origines[0])

    def synthetique(self, *colonnes: str) -> bool:
        """Vrai si l'un de ces chiffres est synthétique (un calcul qui en dépend l'est aussi)."""
        return self.origine_de(*colonnes) == SYNTHETIQUE


def dire(texte: str, origine: str) -> str:
    """Le texte d'un chiffre suivi de son origine quand elle compte : « (donnée synthétique) »,
    « (chiffre de la commune) » ; un chiffre du recensement n'est pas marqué dans le texte."""
    return f"{texte} ({origine})" if origine in (SYNTHETIQUE, COMMUNE) else texte
