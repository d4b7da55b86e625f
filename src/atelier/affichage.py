"""Des nombres et des tableaux lisibles dans les carnets, écrits à la française.

À l'import du paquet dans un carnet, ``installer()`` change la façon dont
IPython **affiche** les résultats (la dernière ligne d'une cellule, ``display``) :

- un nombre s'écrit ``1,096`` et non ``np.float64(1.0964912280701753)``, et
  ``2 274 000 000`` (espace fine insécable entre les milliers) et non
  ``2274000000`` ; trois décimales au plus, trois chiffres significatifs sous 1
  (sous 0,0001 : ``1,2 × 10⁻⁵``) ;
- dans un tableau (``DataFrame``, ``Series``), les mêmes nombres (autant de décimales
  dans toute une colonne), une case vide s'écrit « — », une série s'affiche sans la
  ligne technique ``dtype:``, et la taille d'un long tableau se lit en français ;
- dans une liste ou un dictionnaire qui contient des décimaux, « ; » sépare les éléments ;
  un index (``tableau.columns``) ou un tableau à une dimension (``.unique()``) s'affiche
  comme une liste ;
- une valeur manquante seule s'écrit « non renseigné ».

Les valeurs ne changent pas : seul l'affichage change. ``str()``, ``repr()``,
``print()`` et les calculs restent ceux de Python (nbgrader et les tests voient
les valeurs exactes).

Les années et autres nombres de quatre chiffres s'écrivent sans espace (2024),
comme le veut l'usage typographique français ; l'espace sépare les milliers à
partir de 10 000.
"""

from __future__ import annotations

import math
import numbers
import re
from typing import Any

from atelier.socle import nombre_fr

# un nombre écrit par ``nombre`` (ni « — » ni « ∞ »)
_DECIMAL = re.compile(r"^-?[\d\u202f]+(,\d+)?$")
_EXPOSANTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
VIDE = "—"  # une case vide dans un tableau
MANQUANT = "non renseigné"  # une valeur manquante affichée seule
SEUIL_MILLIERS = 10_000
# Noms techniques que pandas donne à certains résultats (value_counts…).
NOMS_FR = {"count": "effectif"}


def nombre(valeur: numbers.Real) -> str:
    """Un nombre tel que le carnet l'affiche : 1,096 ; 64,7 ; 2 274 000 000 ; 0,000123."""
    if isinstance(valeur, numbers.Integral):
        return nombre_fr(valeur, 0, milliers=abs(valeur) >= SEUIL_MILLIERS)
    valeur = float(valeur)
    if math.isnan(valeur):
        return MANQUANT
    if math.isinf(valeur):
        return "∞" if valeur > 0 else "-∞"
    if valeur.is_integer():
        return nombre(int(valeur))
    absolu = abs(valeur)
    if absolu < 1e-4:  # 1,23 × 10⁻⁵ plutôt que 0,0000123
        mantisse, exposant = f"{valeur:.2e}".split("e")
        return f"{nombre(float(mantisse))} × 10{str(int(exposant)).translate(_EXPOSANTS)}"
    # Trois décimales au plus ; sous 1, trois chiffres significatifs (0,000123).
    decimales = 3 if absolu >= 1 else 2 - math.floor(math.log10(absolu))
    texte = nombre_fr(valeur, decimales, milliers=absolu >= SEUIL_MILLIERS)
    texte = texte.rstrip("0").rstrip(",")
    return "0" if texte == "-0" else texte


def _est_nombre(valeur: Any) -> bool:
    import numpy as np

    return isinstance(valeur, numbers.Real) and not isinstance(valeur, (bool, np.bool_))


def _manquant(valeur: Any) -> bool:
    import pandas as pd

    return pd.api.types.is_scalar(valeur) and bool(pd.isna(valeur))


def cellule(valeur: Any) -> Any:
    """Le contenu d'une case de tableau : nombre écrit à la française, « — » si vide, sinon inchangé."""
    if _manquant(valeur):
        return VIDE
    if _est_nombre(valeur):
        return nombre(valeur)
    return valeur


# --- Tableaux -------------------------------------------------------------------------
def _borne(tableau, axe: int, limite: int | None):
    """Au plus ``limite`` éléments au début et à la fin : pandas n'en montre pas davantage."""
    import pandas as pd

    taille = tableau.shape[axe]
    if not limite or taille <= 2 * limite:
        return tableau
    if axe == 0:
        return pd.concat([tableau.iloc[:limite], tableau.iloc[-limite:]])
    return pd.concat([tableau.iloc[:, :limite], tableau.iloc[:, -limite:]], axis=1)


def _colonne_lisible(colonne, aligner: bool):
    import pandas as pd

    types = pd.api.types
    if types.is_datetime64_any_dtype(colonne) or types.is_timedelta64_dtype(colonne):
        return colonne
    textes = colonne.astype(object).map(cellule)
    return _decimales_alignees(textes) if aligner and types.is_float_dtype(colonne) else textes


def _decimales_alignees(textes):
    """Dans une colonne de décimaux, autant de décimales partout (11,0 sous 53,3) : on complète, sans arrondir."""
    decimales = {
        t: len(t.partition(",")[2]) for t in textes if isinstance(t, str) and _DECIMAL.match(t)
    }
    # Les valeurs sous 1 (0,000123) gardent leurs chiffres significatifs sans imposer leur longueur aux autres.
    plus = max((d for t, d in decimales.items() if not t.lstrip("-").startswith("0,")), default=0)

    def completer(texte):
        if texte not in decimales or decimales[texte] >= plus:
            return texte
        return texte + ("" if decimales[texte] else ",") + "0" * (plus - decimales[texte])

    return textes.map(completer)


def tableau_lisible(tableau, aligner: bool = True):
    """Une copie du tableau à afficher (les lignes et colonnes visibles), cases écrites en texte.

    ``aligner`` : même nombre de décimales dans chaque colonne de décimaux (pas pour une série,
    dont les lignes sont souvent des grandeurs différentes, comme la fiche d'une commune).
    """
    import pandas as pd

    tableau = _borne(tableau, 0, pd.get_option("display.max_rows"))
    tableau = _borne(tableau, 1, pd.get_option("display.max_columns"))
    lisible = pd.DataFrame(
        {i: _colonne_lisible(tableau.iloc[:, i], aligner) for i in range(tableau.shape[1])},
        index=tableau.index,
    )
    lisible.columns = tableau.columns
    return lisible


def _options(lignes: int) -> dict:
    """Les réglages d'affichage de pandas (``display.max_rows``…) pour un tableau de ``lignes`` lignes."""
    import pandas as pd

    max_lignes, min_lignes = pd.get_option("display.max_rows"), pd.get_option("display.min_rows")
    if max_lignes and lignes > max_lignes and min_lignes:
        # tableau trop long : pandas n'en montre que le début et la fin
        max_lignes = min(max_lignes, min_lignes)
    return {
        "max_rows": max_lignes,
        "max_cols": pd.get_option("display.max_columns"),
        "show_dimensions": False,
    }


def _compte(n: int, mot: str) -> str:
    return f"{nombre(n)} {mot}{'s' if n > 1 else ''}"


def _dimensions(forme: tuple[int, ...]) -> str:
    """« 546 lignes × 12 colonnes » quand le tableau n'est pas montré en entier, sinon rien."""
    import pandas as pd

    lignes, colonnes = (*forme, 0)[:2]
    max_lignes, max_colonnes = (
        pd.get_option("display.max_rows"),
        pd.get_option("display.max_columns"),
    )
    if (max_lignes and lignes > max_lignes) or (max_colonnes and colonnes > max_colonnes):
        texte = _compte(lignes, "ligne")
        return texte + (f" × {_compte(colonnes, 'colonne')}" if len(forme) == 2 else "")
    return ""


def _en_tableau(serie):
    nom = serie.name if serie.name is not None else ""
    return serie.to_frame(name=NOMS_FR.get(nom, nom))


def html_tableau(tableau, forme: tuple[int, ...] | None = None, aligner: bool = True) -> str:
    """Le tableau en HTML, comme pandas l'afficherait, avec les nombres à la française."""
    html = tableau_lisible(tableau, aligner).to_html(notebook=True, **_options(len(tableau)))
    dimensions = _dimensions(forme or tableau.shape)
    return html + (f"\n<p>{dimensions}</p>" if dimensions else "")


def html_serie(serie) -> str:
    """Une série en tableau à une colonne (titre : son nom)."""
    return html_tableau(_en_tableau(serie), serie.shape, aligner=False)


def texte_tableau(tableau) -> str:
    import pandas as pd

    options = _options(len(tableau))
    texte = tableau_lisible(tableau).to_string(line_width=pd.get_option("display.width"), **options)
    dimensions = _dimensions(tableau.shape)
    return texte + (f"\n\n{dimensions}" if dimensions else "")


def texte_serie(serie) -> str:
    """Une série en texte : étiquette et valeur par ligne, sans les lignes « Name: » et « dtype: »."""
    lisible = tableau_lisible(serie.to_frame(), aligner=False).iloc[:, 0]
    texte = lisible.to_string(
        name=False, dtype=False, length=False, max_rows=_options(len(serie))["max_rows"]
    )
    dimensions = _dimensions(serie.shape)
    return texte + (f"\n\n{dimensions}" if dimensions else "")


# --- Nombres seuls et suites de nombres ----------------------------------------------------
def _imprimer_nombre(original):
    def imprimer(valeur, p, cycle):
        if (
            type(valeur) in (int, float)
            or _est_nombre(valeur)
            and type(valeur).__module__ == "numpy"
        ):
            return p.text(nombre(valeur))
        if _manquant(valeur):
            return p.text(MANQUANT)
        return original(valeur, p, cycle)  # énumérations et autres sous-classes : inchangées

    return imprimer


def _decimal(valeur: Any) -> bool:
    return _est_nombre(valeur) and not _manquant(valeur) and not float(valeur).is_integer()


def _imprimer_suite(original):
    """Une liste, un n-uplet ou un dictionnaire : « ; » entre les éléments s'ils portent une virgule décimale."""

    def imprimer(objet, p, cycle):
        dictionnaire = isinstance(objet, dict)
        valeurs = list(objet.values()) if dictionnaire else list(objet)
        if (
            cycle
            or type(objet) not in (list, tuple, dict)
            or len(valeurs) < 2
            or not any(map(_decimal, valeurs))
        ):
            return original(objet, p, cycle)
        debut, fin = {list: "[]", tuple: "()", dict: "{}"}[type(objet)]
        with p.group(1, debut, fin):
            for i, element in enumerate(objet.items() if dictionnaire else objet):
                if i:
                    p.text(" ;")
                    p.breakable()
                if dictionnaire:
                    p.pretty(element[0])
                    p.text(": ")
                    element = element[1]
                p.pretty(element)

    return imprimer


def _imprimer_en_liste(original):
    """Un index, un tableau numpy ou pandas à une dimension : une simple liste, sans ``dtype``."""

    def imprimer(objet, p, cycle):
        import pandas as pd

        limite = pd.get_option("display.max_seq_items") or 100
        if (
            cycle
            or getattr(objet, "ndim", 1) != 1
            or len(objet) > limite
            or isinstance(objet, (pd.MultiIndex, pd.RangeIndex))
        ):
            return original(objet, p, cycle)
        return p.pretty(objet.tolist())

    return imprimer


def _types_numpy() -> list[type]:
    import numpy as np

    return sorted(
        {t for t in np.sctypeDict.values() if issubclass(t, (np.integer, np.floating))}, key=str
    )


def _precedent(formateur, genre: type):
    """L'affichage qu'IPython donnait à ce type (celui de ``repr`` s'il n'en avait pas)."""
    from IPython.lib.pretty import _repr_pprint

    try:
        return formateur.lookup_by_type(genre)
    except KeyError:
        return _repr_pprint


def _ou_sinon(fonction, repli):
    """``fonction(objet)``, ou ``repli(objet)`` si elle échoue : l'affichage ne casse jamais une cellule."""

    def appliquer(objet):
        try:
            return fonction(objet)
        except Exception:  # noqa: BLE001 — un tableau inattendu s'affiche comme pandas l'affiche
            return repli(objet)

    return appliquer


def installer() -> bool:
    """Active l'affichage à la française dans le carnet courant (sans effet hors IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython est toujours là avec Jupyter
        return False
    shell = get_ipython()
    if shell is None or getattr(shell, "_atelier_affichage", False):
        return shell is not None
    import numpy as np
    import pandas as pd

    texte = shell.display_formatter.formatters["text/plain"]
    html = shell.display_formatter.formatters["text/html"]

    for genre in (float, int, *_types_numpy(), type(pd.NA)):
        texte.for_type(genre, _imprimer_nombre(_precedent(texte, genre)))
    for genre in (list, tuple, dict):
        texte.for_type(genre, _imprimer_suite(_precedent(texte, genre)))
    texte.for_type(np.bool_, lambda valeur, p, cycle: p.text(str(bool(valeur))))
    for genre in (pd.Index, pd.api.extensions.ExtensionArray, np.ndarray):
        texte.for_type(genre, _imprimer_en_liste(_precedent(texte, genre)))
    for genre, en_texte, en_html, repli_html in (
        (pd.DataFrame, texte_tableau, html_tableau, lambda tableau: tableau._repr_html_()),
        (pd.Series, texte_serie, html_serie, lambda serie: None),
    ):
        en_texte = _ou_sinon(en_texte, repr)
        texte.for_type(genre, lambda objet, p, cycle, en_texte=en_texte: p.text(en_texte(objet)))
        html.for_type(genre, _ou_sinon(en_html, repli_html))
    shell._atelier_affichage = True
    return True
