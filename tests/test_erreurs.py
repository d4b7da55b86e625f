"""Les erreurs des participants s'expliquent en français, et restent des erreurs pour nbgrader."""

from __future__ import annotations

import os

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
    assert len(erreurs_vues) == 1, (
        "la cellule doit porter une vraie sortie d'erreur (zéro point pour nbgrader)"
    )
    return erreurs_vues[0]


def test_nom_inconnu(sorties):
    erreur = _erreur(sorties[0])
    assert erreur.ename == "NameError"
    assert (
        "n'est pas connu du carnet" in erreur.traceback[0] and "dans l'ordre" in erreur.traceback[0]
    )


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


# --- L'extension IPython, chargée par le noyau du kit ------------------------------------
def _executer_dans_le_noyau_du_kit(
    monkeypatch, tmp_path, *sources: str, salle: bool = False
) -> list:
    """Exécute des cellules dans le noyau « python3 » du kit, avec ses réglages, sans ``import atelier``.

    ``salle`` : les dossiers de réglages d'un participant de la salle, comme les pose
    ``atelier.salle.hub`` (rôle, commun, puis ceux du kit ; pas de JUPYTER_CONFIG_DIR du kit).
    """
    from conftest import RACINE, environnement_jupyter

    for nom, valeur in environnement_jupyter(tmp_path).items():
        monkeypatch.setenv(nom, valeur)
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", "")
    if salle:
        monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "jupyter"))
        reglages = RACINE / "deploy" / "config"
        monkeypatch.setenv(
            "JUPYTER_CONFIG_PATH",
            os.pathsep.join(
                [
                    str(reglages / "participant"),
                    str(reglages / "commun"),
                    str(RACINE / "config" / "jupyter"),
                ]
            ),
        )
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nbclient.NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=60).execute()
    return [c.outputs for c in nb.cells]


@pytest.mark.parametrize("salle", [False, True], ids=["portable", "salle"])
def test_le_noyau_du_kit_explique_les_erreurs_sans_import_atelier(monkeypatch, tmp_path, salle):
    sorties_ = _executer_dans_le_noyau_du_kit(
        monkeypatch,
        tmp_path,
        "import sys\nprint('atelier.affichage' in sys.modules)",
        "charger",
        salle=salle,
    )
    assert "True" in sorties_[0][0]["text"], (
        "l'extension atelier.erreurs n'est pas chargée au démarrage"
    )
    erreur = _erreur(sorties_[1])
    assert erreur.ename == "NameError" and "outil de l'atelier" in erreur.traceback[0]


def test_les_reglages_de_noyau_de_la_salle_sont_lus(monkeypatch, tmp_path):
    """deploy/config/commun/ipython_kernel_config.py (historique coupé) s'applique aux noyaux de la salle."""
    code = "print(get_ipython().history_manager.enabled)"
    salle = _executer_dans_le_noyau_du_kit(monkeypatch, tmp_path, code, salle=True)
    portable = _executer_dans_le_noyau_du_kit(monkeypatch, tmp_path, code)
    assert salle[0][0]["text"].strip() == "False" and portable[0][0]["text"].strip() == "True"


def test_l_extension_se_charge_avec_load_ext():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_line_magic("load_ext", "atelier.erreurs")
        assert shell._atelier_messages and erreurs.ErreurAtelier in shell.custom_exceptions
    finally:
        InteractiveShell.clear_instance()
