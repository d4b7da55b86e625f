"""Ce que le participant lit à l'écran quand il lance une cellule d'affichage d'un exercice des élus.

``texte_affiche("m3_dematerialisation_elus", "affichage_q4")`` exécute la cellule
d'import puis la cellule d'affichage du carnet source, telles quelles, et renvoie
tout le texte qui s'affiche : titres, légendes, étiquettes et valeurs écrites sur
les graphiques, tableaux et phrases imprimés. Les tests y cherchent la valeur du
corrigé, écrite à la française.
"""

from __future__ import annotations

import contextlib
import io
from unittest import mock

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from atelier import vues  # noqa: E402

from conftest import RACINE  # noqa: E402


def _textes_figure(figure: Figure) -> list[str]:
    textes = [figure._suptitle.get_text()] if figure._suptitle else []
    for ax in figure.axes:
        textes.append(ax.get_title())
        textes += [t.get_text() for t in (*ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels())]
        if ax.get_legend():
            textes += [t.get_text() for t in ax.get_legend().get_texts()]
    return textes


def cellules(exercice: str) -> dict[str, str]:
    """grade_id → code, pour les cellules identifiées du carnet source."""
    carnet = nbformat.read(
        RACINE / "exercises" / "source" / exercice / f"{exercice}.ipynb", as_version=4
    )
    return {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in carnet.cells
        if c.metadata.get("nbgrader", {}).get("grade_id")
    }


def texte_affiche(exercice: str, cellule: str) -> str:
    """Le texte affiché par la cellule ``cellule`` (grade_id) du carnet, lancée après l'import.

    Un simulateur se redessine à chaque réglage et efface l'affichage précédent :
    seul compte le dernier dessin (son graphique et ce qui s'est imprimé avec lui).
    """
    code = cellules(exercice)
    *corps, derniere = code[cellule].strip().splitlines()
    espace: dict = {}
    sortie = io.StringIO()
    dernier_dessin: list[str] = []

    def montrer(figure: Figure | None = None, *_args, **_kwargs):
        figure = figure if isinstance(figure, Figure) else plt.gcf()
        dernier_dessin[:] = [sortie.getvalue(), *_textes_figure(figure)]
        sortie.seek(0)
        sortie.truncate()
        plt.close(figure)

    # Un simulateur montre sa figure par plt.show(), ou par atelier.vues.montrer(figure) s'il existe.
    with (
        mock.patch.object(plt, "show", montrer),
        contextlib.redirect_stdout(sortie),
        mock.patch.object(vues, "montrer", montrer, create=True),
    ):
        exec(code["import"], espace)  # noqa: S102 — le code du carnet, tel que le participant le lance
        exec("\n".join(corps), espace)  # noqa: S102
        objet = eval(derniere, espace)  # noqa: S307 — la dernière ligne est ce que la cellule affiche
    plt.close("all")
    if isinstance(objet, Figure):
        return "\n".join([*_textes_figure(objet), sortie.getvalue()])
    return "\n".join(dernier_dessin)
