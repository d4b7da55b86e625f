"""« make lab » sert JupyterLab en français et s'arrête proprement."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import RACINE, attendre_url, port_libre

pytestmark = pytest.mark.lent


def _get(url: str, token: str) -> tuple[int, str]:
    requete = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(requete, timeout=10) as reponse:
        return reponse.status, reponse.read().decode("utf-8")


def _port_ouvert(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _statut(url: str, token: str) -> int:
    try:
        return _get(url, token)[0]
    except urllib.error.HTTPError as erreur:
        return erreur.code


def _config_de_la_page(adresse: str, token: str) -> dict:
    _, page = _get(f"{adresse}/lab", token)
    return json.loads(
        page.split('id="jupyter-config-data" type="application/json">')[1].split("</script>")[0]
    )


@contextlib.contextmanager
def _make_lab(tmp_path, **variables):
    """Lance « make lab » sur un port libre ; rend {adresse, token, port}, puis l'arrête (+ sortie, pid)."""
    port, token = port_libre(), "jeton-de-test"
    # Sans les variables d'un « make » parent (make test), qui troubleraient ce make-ci.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "ATELIER_ROLE"}
    }
    env.update(HOME=str(tmp_path), **variables)
    processus = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "lab",
            f"LAB_ARGS=--no-browser --port={port} --IdentityProvider.token={token}",
        ],
        cwd=RACINE,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lab = {
        "adresse": f"http://127.0.0.1:{port}",
        "token": token,
        "port": port,
        "pid": processus.pid,
    }
    try:
        attendre_url(f"{lab['adresse']}/lab", entetes={"Authorization": f"token {token}"})
        yield lab
    finally:
        os.killpg(processus.pid, signal.SIGTERM)
        lab["sortie"], _ = processus.communicate(timeout=60)


OUTILS_DU_FORMATEUR = {
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:validate-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
}


def test_un_participant_ne_voit_ni_creation_d_exercice_ni_bouton_validate(tmp_path):
    with _make_lab(tmp_path) as lab:
        desactivees = set(_config_de_la_page(lab["adresse"], lab["token"])["disabledExtensions"])
        assert OUTILS_DU_FORMATEUR <= desactivees, OUTILS_DU_FORMATEUR - desactivees
        assert "@jupyter/nbgrader:assignment-list" not in desactivees, "l'onglet des devoirs reste"
        assert _statut(f"{lab['adresse']}/formgrader/api/status", lab["token"]) == 404
        assert _statut(f"{lab['adresse']}/assignments/validate", lab["token"]) == 404
        # L'onglet des devoirs servi est la copie en français (atelier.nbgrader_fr).
        extension = (
            RACINE / ".etat" / "jupyter-fr" / "labextensions" / "@jupyter" / "nbgrader" / "static"
        )
        servi = "".join(
            _get(
                f"{lab['adresse']}/lab/extensions/@jupyter/nbgrader/static/{f.name}", lab["token"]
            )[1]
            for f in extension.glob("*.js")
        )
        assert "Devoirs distribués" in servi and "Released assignments" not in servi


def test_un_formateur_garde_le_formgrader(tmp_path):
    with _make_lab(tmp_path, ATELIER_ROLE="formateur") as lab:
        desactivees = set(_config_de_la_page(lab["adresse"], lab["token"])["disabledExtensions"])
        assert not OUTILS_DU_FORMATEUR & desactivees
        assert _statut(f"{lab['adresse']}/formgrader/api/status", lab["token"]) == 200


def test_make_lab_sert_jupyterlab_en_francais_puis_s_arrete(tmp_path):
    with _make_lab(tmp_path) as lab:
        adresse, token = lab["adresse"], lab["token"]
        config = _config_de_la_page(adresse, token)
        assert config["appName"] == "JupyterLab"
        assert config["news"] == {"disabled": True}, "les annonces en ligne doivent être coupées"

        _, reglage = _get(
            f"{adresse}/lab/api/settings/@jupyterlab/translation-extension:plugin", token
        )
        assert json.loads(reglage)["schema"]["properties"]["locale"]["default"] == "fr_FR"

        _, traduction = _get(f"{adresse}/lab/api/translations/fr_FR", token)
        assert "Fichier" in traduction, "le paquet de langue français n'est pas servi"

        statut, _ = _get(f"{adresse}/api/contents/notebooks/00_accueil.ipynb", token)
        assert statut == 200

    port, sortie = lab["port"], lab["sortie"]
    fin = time.monotonic() + 30
    while time.monotonic() < fin:
        restants = subprocess.run(
            ["pgrep", "-g", str(lab["pid"])], capture_output=True, text=True
        ).stdout
        if not restants.strip() and not _port_ouvert(port):
            break
        time.sleep(0.5)
    assert not _port_ouvert(port), "JupyterLab écoute encore après l'arrêt"
    assert not restants.strip(), f"processus restants après l'arrêt : {restants}\n{sortie[-2000:]}"
