"""Les erreurs des participants s'expliquent en français, et restent des erreurs pour nbgrader."""

from __future__ import annotations

import nbclient
import nbformat
import pytest

from atelier import erreurs


def _executer(*sources: str) -> list:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in ("import atelier", *sources)]
    nbclient.NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=60).execute()
    return [c.outputs for c in nb.cells[1:]]


@pytest.fixture(scope="module")
def sorties():
    return _executer(
        "communes",
        "import pandas as pd\ntableau = pd.DataFrame({'population': [1]})\ntableau['popultion']",
        "x = (1,",
        "from atelier.exercices import Question\nQuestion('q', 'Question 1', attendu='0').verifier(...)",
        "1 / 0",
        "tableau = 3\ntablaeu",
        "from atelier.donnees import charger\ncharger('communes').set_index('commune').loc['Sakete']",
    )


def _erreur(sorties_cellule):
    erreurs_vues = [o for o in sorties_cellule if o.output_type == "error"]
    assert len(erreurs_vues) == 1, "la cellule doit porter une vraie sortie d'erreur (zéro point pour nbgrader)"
    return erreurs_vues[0]


def test_nom_inconnu(sorties):
    erreur = _erreur(sorties[0])
    assert erreur.ename == "NameError"
    assert "n'est pas connu du carnet" in erreur.traceback[0] and "dans l'ordre" in erreur.traceback[0]


def test_colonne_absente(sorties):
    erreur = _erreur(sorties[1])
    assert erreur.ename == "KeyError" and "« popultion » n'existe pas" in erreur.traceback[0]


def test_erreur_de_syntaxe(sorties):
    texte = "".join(o.get("text", "") for o in sorties[2])
    assert "erreur de syntaxe" in texte
    assert _erreur(sorties[2]).ename == "SyntaxError"


def test_question_non_repondue_sans_trace_technique(sorties):
    erreur = _erreur(sorties[3])
    assert erreur.ename == "NonRepondu"
    assert erreur.traceback == [f"❌ {erreur.evalue}"]


def test_division_par_zero(sorties):
    assert "divise par zéro" in _erreur(sorties[4]).traceback[0]


def test_faute_de_frappe_sur_un_nom_suggere_le_bon(sorties):
    assert "Vouliez-vous écrire « tableau »" in _erreur(sorties[5]).traceback[0]


def test_commune_mal_ecrite_en_ligne_de_tableau(sorties):
    erreur = _erreur(sorties[6])
    assert erreur.ename == "KeyError" and "s'écrit exactement « Sakété »" in erreur.traceback[0]


def test_hors_d_un_carnet_rien_n_est_installe():
    assert erreurs.installer() is False
