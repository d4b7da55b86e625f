"""Des messages d'erreur en français clair, pour des personnes qui ne programment pas.

``installer()`` remplace l'affichage des erreurs les plus fréquentes (nom
inconnu, colonne absente, faute de frappe…) par une explication en français,
suivie d'une ligne de détail technique. Les erreurs du kit (``ErreurAtelier``)
s'affichent sans trace technique.

C'est une extension IPython (``%load_ext atelier.erreurs``) que le noyau du kit
charge au démarrage. ``import atelier`` l'installe aussi, explicitement : les
noyaux qui ne lisent pas les réglages du kit (correction dans le bac à sable,
nbval, un Jupyter ordinaire) doivent montrer les mêmes messages, et les retours
de correction les reprennent.

L'erreur reste une erreur : une cellule de vérification qui échoue compte
toujours zéro point pour nbgrader.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from atelier.socle import ErreurAtelier, nombre_fr

__all__ = [
    "ErreurAtelier",
    "afficher",
    "expliquer",
    "installer",
    "load_ipython_extension",
    "nombre_fr",
]


def afficher(texte: str) -> None:
    """Affiche un message (Markdown dans un carnet, texte brut ailleurs)."""
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display

        if get_ipython() is not None:
            display(Markdown(texte))
            return
    except ImportError:  # pragma: no cover - IPython est toujours là avec Jupyter
        pass
    print(texte)


def _module_du_kit(nom: str) -> str | None:
    """Le module du kit qui fournit l'outil ``nom`` (charger, fiche_commune…), s'il y en a un."""
    try:
        from atelier import cartes, donnees
    except Exception:  # noqa: BLE001 — pas de suggestion plutôt qu'une seconde erreur
        return None
    return next((m.__name__ for m in (donnees, cartes) if nom in m.__all__), None)


def _explication_nom(exc: NameError, shell: Any) -> str:
    nom = getattr(exc, "name", None) or (re.findall(r"'([^']+)'", str(exc)) or ["?"])[0]
    module = _module_du_kit(nom)
    if module:
        return (
            f"« {nom} » est un outil de l'atelier qui n'est pas encore chargé dans ce carnet. Lancez "
            "d'abord la cellule des outils, en haut du carnet ; s'il n'y en a pas, ajoutez au début "
            f"de votre cellule la ligne : from {module} import {nom}"
        )
    message = (
        f"Le nom « {nom} » n'est pas connu du carnet. Le plus souvent, une cellule au-dessus "
        "n'a pas encore été lancée : lancez les cellules dans l'ordre, de haut en bas "
        "(menu Exécution → Exécuter tout au-dessus de la cellule sélectionnée)."
    )
    connus = [n for n in (shell.user_ns if shell else {}) if not n.startswith("_")]
    proches = difflib.get_close_matches(nom, connus, n=1, cutoff=0.75)
    if proches:
        message += f" Vouliez-vous écrire « {proches[0]} » ? Majuscules et accents comptent."
    return message


def _commune_officielle(nom: Any) -> str | None:
    """Le nom officiel d'une commune écrite approximativement (« Sakete » → « Sakété »), sinon None."""
    if not isinstance(nom, str):
        return None
    try:
        from atelier.donnees import trouver_commune

        officiel = trouver_commune(nom)
    except Exception:  # noqa: BLE001 — pas une commune : pas de suggestion
        return None
    return officiel if officiel != nom else None


def _explication_cle(exc: KeyError) -> str:
    cle = exc.args[0] if exc.args else "?"
    commune = _commune_officielle(cle)
    if commune:
        return (
            f"« {cle} » n'existe pas dans ce tableau. S'il s'agit de la commune, son nom s'écrit "
            f"exactement « {commune} » (accents, majuscules et tirets compris)."
        )
    return (
        f"« {cle} » n'existe pas dans ce tableau, ni comme colonne ni comme ligne. Vérifiez "
        "l'orthographe exacte (majuscules, accents, tirets bas) : `tableau.columns` affiche la "
        "liste des colonnes."
    )


EXPLICATIONS = {
    "ZeroDivisionError": "Le calcul divise par zéro : une des valeurs utilisées vaut 0.",
    "TypeError": (
        "Le calcul mélange des choses qui ne vont pas ensemble (par exemple un texte et un nombre, "
        "ou une fonction appelée avec trop ou pas assez de valeurs)."
    ),
    "ValueError": "Une valeur n'a pas la forme attendue.",
    "AttributeError": (
        "Cet objet n'a pas l'élément demandé après le point : vérifiez l'orthographe de ce qui suit le point."
    ),
    "IndexError": "La position demandée n'existe pas (le tableau ou la liste est plus court).",
    "FileNotFoundError": "Le fichier demandé est introuvable : vérifiez son nom et son dossier.",
}


def expliquer(exc: BaseException, shell: Any = None) -> str:
    """L'explication en français d'une erreur, suivie d'une ligne de détail technique."""
    if isinstance(exc, ErreurAtelier):
        return f"❌ {exc}"
    if isinstance(exc, NameError):
        texte = _explication_nom(exc, shell)
    elif isinstance(exc, KeyError):
        texte = _explication_cle(exc)
    elif isinstance(exc, AssertionError):
        texte = "Une vérification a échoué." + (f" {exc}" if str(exc) else "")
    else:
        texte = EXPLICATIONS.get(type(exc).__name__, "Le calcul s'est arrêté sur une erreur.")
    return f"❌ {texte}\n(Détail technique : {type(exc).__name__}: {exc})"


def _gestionnaire(shell, etype, valeur, tb, tb_offset=None):
    # Une vraie sortie « error » (avec le nom de l'exception) : nbgrader compte zéro point à une
    # cellule de test qui la porte. IPython affiche une exception par sa méthode
    # _render_traceback_ quand elle en a une (protocole documenté de showtraceback).
    message = [expliquer(valeur, shell)]
    try:
        valeur._render_traceback_ = lambda: message
    except AttributeError:  # exception sans __dict__ : la trace habituelle, en anglais
        pass
    shell.showtraceback((etype, valeur, tb), tb_offset=tb_offset)


_TYPES_EXPLIQUES = (
    ErreurAtelier,
    NameError,
    KeyError,
    AssertionError,
    ZeroDivisionError,
    TypeError,
    ValueError,
    AttributeError,
    IndexError,
    FileNotFoundError,
)


def _afficher_erreur_de_syntaxe(shell, original):
    def afficher_syntaxe(*args, **kwargs):
        print(
            "❌ Python ne comprend pas cette ligne (erreur de syntaxe). Vérifiez les parenthèses, "
            "les guillemets et les deux-points ; les décimales s'écrivent avec un point (12.5), pas une virgule."
        )
        return original(*args, **kwargs)

    return afficher_syntaxe


def installer(shell: Any = None) -> bool:
    """Active les messages en français dans ``shell`` ou le carnet courant (sans effet hors IPython)."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython est toujours là avec Jupyter
            return False
        shell = get_ipython()
    if shell is None or getattr(shell, "_atelier_messages", False):
        return shell is not None
    shell.set_custom_exc(_TYPES_EXPLIQUES, _gestionnaire)
    shell.showsyntaxerror = _afficher_erreur_de_syntaxe(shell, shell.showsyntaxerror)
    shell._atelier_messages = True
    return True


def load_ipython_extension(shell) -> None:
    """``%load_ext atelier.erreurs`` : le noyau du kit charge cette extension au démarrage.

    Réglage : ``c.InteractiveShellApp.extensions = ["atelier.erreurs"]`` dans
    ``config/jupyter/ipython_kernel_config.py``, lu par le lanceur du noyau du kit
    (``config/jupyter-data/kernels/python3/ipykernel_launcher.py``).
    """
    installer(shell)
