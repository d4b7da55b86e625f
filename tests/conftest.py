"""Outils communs aux tests du kit."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
EN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Le plan numérique que les leçons et les applications enregistrent (atelier.plan) : pendant
# les tests, jamais dans le dossier personnel de la personne qui les lance. Les noyaux des
# carnets exécutés par nbval héritent de cette variable.
os.environ["ATELIER_PLAN"] = str(
    Path(tempfile.mkdtemp(prefix="atelier-tests-plan-")) / "mon_plan_numerique.json"
)


def exiger(condition: bool, raison: str) -> None:
    """Saute le test sur un poste qui n'a pas un composant système ; échoue en CI.

    En CI (CI=true), un test sauté est une panne : le composant doit être installé
    par .ci/run.
    """
    if condition:
        return
    if EN_CI:
        pytest.fail(f"{raison} (CI=true : ce composant doit être installé par .ci/run)")
    pytest.skip(raison)


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ports_de_salle() -> dict[str, int]:
    """Les cinq ports libres d'une salle de test, à passer à ``installation.installer(**…)`` :
    l'adresse des participants, le hub, l'API du proxy, les applications, le dépôt des devoirs."""
    return {
        nom: port_libre()
        for nom in ("port", "port_hub", "port_api_proxy", "port_applis", "port_depot")
    }


def commande(nom: str) -> str | None:
    """Chemin d'une commande, en cherchant d'abord à côté de l'interpréteur des tests."""
    venv_bin = Path(os.sys.executable).parent
    candidat = venv_bin / nom
    if candidat.exists():
        return str(candidat)
    return shutil.which(nom)


def notebooks_du_depot() -> list[Path]:
    """Les carnets livrés : leçons, applications Voilà et sources des exercices (hors copies générées)."""
    return sorted(
        [
            *(RACINE / "notebooks").glob("*.ipynb"),
            *(RACINE / "notebooks" / "applications").glob("*.ipynb"),
            *(RACINE / "exercises" / "source").glob("*/*.ipynb"),
        ]
    )


collect_ignore_glob = ["fixtures/*", "artefacts/*"]


def environnement_jupyter(home: Path) -> dict[str, str]:
    """Les variables que le Makefile donne à JupyterLab et Voilà, avec un HOME isolé."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    env.update(
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(RACINE / "config" / "jupyter"),
        JUPYTER_PATH=str(RACINE / "config" / "jupyter-data"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "lab" / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "lab" / "workspaces"),
        PATH=str(Path(os.sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    )
    return env


def attendre_url(url: str, delai: float = 180, entetes: dict | None = None) -> None:
    """Attend qu'une adresse locale réponde 200."""
    import time
    import urllib.request

    fin = time.monotonic() + delai
    while True:
        try:
            with urllib.request.urlopen(
                urllib.request.Request(url, headers=entetes or {}), timeout=10
            ) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > fin:
            raise TimeoutError(f"{url} ne répond pas après {delai} s")
        time.sleep(1)


def reponses_du_corrige(exercice: str) -> dict[str, object]:
    """Les réponses du corrigé d'un exercice des élus : ``{"reponse_q1": 171781, …}``.

    Chaque bloc de solution doit tenir en une ligne ``reponse_qN = <valeur écrite en clair>``
    (nombre, texte, liste, True/False) : sinon, erreur.
    """
    import ast
    import re

    import nbformat

    carnet = RACINE / "exercises" / "source" / exercice / f"{exercice}.ipynb"
    reponses = {}
    for cellule in nbformat.read(carnet, as_version=4).cells:
        if not cellule.metadata.get("nbgrader", {}).get("solution"):
            continue
        bloc = re.search(r"### BEGIN SOLUTION\n(.*?)\n### END SOLUTION", cellule.source, re.S)
        assert bloc and "\n" not in bloc.group(1), f"{exercice} : une solution tient en une ligne"
        nom, _, valeur = bloc.group(1).partition(" = ")
        reponses[nom.strip()] = ast.literal_eval(valeur.strip())
    return reponses


def cellules_de_code_modifiables(exercice: str) -> list[str]:
    """Les cellules de code d'un exercice que le participant peut modifier, hors cellules réponse."""
    import nbformat

    carnet = RACINE / "exercises" / "source" / exercice / f"{exercice}.ipynb"
    return [
        cellule.source
        for cellule in nbformat.read(carnet, as_version=4).cells
        if cellule.cell_type == "code"
        and not cellule.metadata.get("nbgrader", {}).get("solution")
        and not cellule.metadata.get("nbgrader", {}).get("locked")
    ]
