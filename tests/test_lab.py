"""« make lab » sert JupyterLab en français et s'arrête proprement."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
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


def test_make_lab_sert_jupyterlab_en_francais_puis_s_arrete(tmp_path):
    port, token = port_libre(), "jeton-de-test"
    # Sans les variables d'un « make » parent (make test), qui troubleraient ce make-ci.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    env["HOME"] = str(tmp_path)
    processus = subprocess.Popen(
        ["make", "--no-print-directory", "lab",
         f"LAB_ARGS=--no-browser --port={port} --IdentityProvider.token={token}"],
        cwd=RACINE, env=env, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        attendre_url(f"http://127.0.0.1:{port}/lab", entetes={"Authorization": f"token {token}"})
        _, page = _get(f"http://127.0.0.1:{port}/lab", token)
        config = json.loads(page.split('id="jupyter-config-data" type="application/json">')[1].split("</script>")[0])
        assert config["appName"] == "JupyterLab"
        assert config["news"] == {"disabled": True}, "les annonces en ligne doivent être coupées"

        _, reglage = _get(f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/translation-extension:plugin", token)
        assert json.loads(reglage)["schema"]["properties"]["locale"]["default"] == "fr_FR"

        _, traduction = _get(f"http://127.0.0.1:{port}/lab/api/translations/fr_FR", token)
        assert "Fichier" in traduction, "le paquet de langue français n'est pas servi"

        statut, _ = _get(f"http://127.0.0.1:{port}/api/contents/notebooks/00_accueil.ipynb", token)
        assert statut == 200
    finally:
        os.killpg(processus.pid, signal.SIGTERM)
        sortie, _ = processus.communicate(timeout=60)

    fin = time.monotonic() + 30
    while time.monotonic() < fin:
        restants = subprocess.run(["pgrep", "-g", str(processus.pid)], capture_output=True, text=True).stdout
        if not restants.strip() and not _port_ouvert(port):
            break
        time.sleep(0.5)
    assert not _port_ouvert(port), "JupyterLab écoute encore après l'arrêt"
    assert not restants.strip(), f"processus restants après l'arrêt : {restants}\n{sortie[-2000:]}"
