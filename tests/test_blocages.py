"""Aucune cellule ne reste bloquée (issue 17) : la cause côté noyau est écartée pour tout noyau
que le kit démarre, et une courte endurance par nbclient ne voit aucun blocage.

Reproduction, analyse et mesures longues : bench/blocages/.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from atelier.lanceur import environnement

from conftest import RACINE, exiger

BANC = RACINE / "bench" / "blocages"
sys.path.insert(0, str(BANC))
import fenetre  # noqa: E402

NOYAU = RACINE / "config" / "jupyter-data" / "kernels" / "python3"
SONDE = (
    "import ipykernel.subshell_manager as m\n"
    "print('protégé' if getattr(m.SubshellManager, 'atelier_noyau_sur', False) else 'non protégé')"
)


def _noyau_sur():
    spec = importlib.util.spec_from_file_location("noyau_sur", NOYAU / "ipykernel_launcher.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_une_reponse_envoyee_hors_du_flux_laisse_la_requete_suivante_non_lue():
    """Le défaut d'ipykernel 7.0 à 7.3, rendu certain (voir bench/blocages/fenetre.py)."""
    assert not fenetre.requete_lue(fenetre.envoi_brut)
    assert fenetre.requete_lue(fenetre.envoi_par_le_flux)


def test_le_noyau_du_kit_envoie_par_le_flux_dans_cette_fenetre():
    module = _noyau_sur()

    def envoi_du_kit(flux, msg):
        return module._envoyer_par_le_flux(SimpleNamespace(_shell_stream=flux), msg)

    assert fenetre.requete_lue(envoi_du_kit)


def test_le_noyau_python3_du_kit_est_celui_de_ipykernel_plus_le_lanceur():
    spec = json.loads((NOYAU / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"] == [
        "python",
        "{resource_dir}/ipykernel_launcher.py",
        "-f",
        "{connection_file}",
    ]
    assert spec["language"] == "python"
    for logo in ("logo-32x32.png", "logo-64x64.png"):
        assert (NOYAU / logo).stat().st_size > 0


def _carnet_sonde(dossier: Path) -> Path:
    carnet = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(SONDE), nbformat.v4.new_code_cell("import atelier")]
    )
    carnet.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    chemin = dossier / "sonde.ipynb"
    nbformat.write(carnet, chemin)
    return chemin


def _sorties(carnet: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for c in carnet.cells for o in c.get("outputs", []))


@pytest.mark.lent
def test_jupyter_nbconvert_dans_l_environnement_du_kit_lance_le_noyau_protege(tmp_path):
    """Ce que tape un formateur : « jupyter nbconvert --execute », rien d'autre."""
    env = environnement(RACINE) | {"HOME": str(tmp_path)}
    sortie = subprocess.run(
        [
            str(Path(sys.executable).parent / "jupyter"),
            "nbconvert",
            "--execute",
            "--to",
            "notebook",
            "--stdout",
            str(_carnet_sonde(tmp_path)),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert sortie.returncode == 0, sortie.stderr[-2000:]
    assert _sorties(nbformat.reads(sortie.stdout, as_version=4)).strip() == "protégé"


@pytest.mark.lent
def test_nbclient_ordinaire_dans_l_environnement_du_kit_lance_le_noyau_protege(
    tmp_path, monkeypatch
):
    from nbclient import NotebookClient

    for cle, valeur in environnement(RACINE).items():
        if cle.startswith("JUPYTER"):
            monkeypatch.setenv(cle, valeur)
    carnet = nbformat.read(_carnet_sonde(tmp_path), as_version=4)
    NotebookClient(carnet, timeout=120).execute(cwd=str(tmp_path))
    assert _sorties(carnet).strip() == "protégé"


@pytest.mark.lent
def test_endurance_courte_sans_aucun_blocage(tmp_path):
    """Deux leçons, douze fois chacune, par nbclient dans l'environnement du kit : aucune cellule
    plus lente que 10 × sa médiane et 5 s, aucune réponse restée en plan chez le client ni requête
    restée non lue dans le noyau (diagnostic à 10 s ; une cellule que le noyau calcule encore, sur
    une machine chargée, n'est pas un blocage)."""
    resume = tmp_path / "soak.json"
    subprocess.run(
        [
            sys.executable,
            str(BANC / "soak.py"),
            "--executions",
            "24",
            "--configs",
            "kit",
            "--carnets",
            "m0_prise,m5",
            "--plancher",
            "5",
            "--delai",
            "120",
            "--duree-max",
            "900",
            "--sans-historique",
            "--sortie",
            str(resume),
        ],
        cwd=RACINE,
        check=True,
        capture_output=True,
        timeout=1200,
    )
    resultat = json.loads(resume.read_text(encoding="utf-8"))
    kit = resultat["par_config"]["kit"]
    assert kit["executions"] == 24, resultat
    assert kit["erreurs"] == 0, resultat["erreurs"]
    assert [d for d in kit["diagnostics"] if not d["cote"].startswith("aucun")] == []
    assert kit["plus_de_10x_mediane_et_5.0s"] == 0, resultat["cellules_lentes_plancher"]


def test_nbconvert_dans_l_environnement_du_kit_attend_par_le_client_vigilant(tmp_path):
    """La cause côté client (réponse arrivée, attente jamais réveillée) : nbconvert prend ClientVigilant."""
    code = (
        "from nbconvert.nbconvertapp import NbConvertApp\n"
        "from jupyter_client.manager import AsyncKernelManager\n"
        "app = NbConvertApp()\n"
        "app.initialize([])\n"
        "print(AsyncKernelManager(config=app.config).client_factory.__name__)"
    )
    env = environnement(RACINE) | {"HOME": str(tmp_path)}
    sortie = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert sortie.stdout.split() == ["ClientVigilant"]


@pytest.mark.navigateur
@pytest.mark.lent
def test_jupyterlab_executer_toutes_les_cellules_sans_blocage(tmp_path):
    """Deux leçons ouvertes dans JupyterLab par Chromium, Exécution › « Exécuter toutes les cellules »
    (bench/blocages/lab_tout_executer.py, état lu dans le modèle du carnet) : chaque cellule de code
    reçoit son compteur, aucune requête n'attend dans un noyau au repos et aucune réponse ne reste en
    route plus de 10 s (un vrai blocage dure jusqu'au délai)."""
    from test_navigateur import CHROMIUM

    pytest.importorskip("playwright.sync_api")
    exiger(
        Path(CHROMIUM).exists(),
        "Chromium est absent (paquet Debian « chromium ») : test navigateur sauté",
    )
    resume = tmp_path / "lab.json"
    lecons = [
        RACINE / "notebooks" / "m0_prise_en_main.ipynb",
        RACINE / "notebooks" / "m5_formation.ipynb",
    ]
    subprocess.run(
        [
            sys.executable,
            str(BANC / "lab_tout_executer.py"),
            "--executions",
            "2",
            "--lecons",
            "m0_prise,m5",
            "--delai",
            "300",
            "--duree-max",
            "900",
            "--sans-historique",
            "--sortie",
            str(resume),
        ],
        cwd=RACINE,
        check=True,
        capture_output=True,
        timeout=1200,
    )
    resultat = json.loads(resume.read_text(encoding="utf-8"))
    assert resultat["executions"] == 2 and resultat["finies"] == 2, resultat["erreurs"]
    assert resultat["cellules"] == sum(
        1
        for lecon in lecons
        for c in nbformat.read(lecon, as_version=4).cells
        if c.cell_type == "code"
    )
    assert resultat["attente_max_s"] < 10, resultat
    assert resultat["remise_max_s"] < 10, resultat
