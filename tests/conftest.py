"""Outils communs aux tests du kit."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
EN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


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


def commande(nom: str) -> str | None:
    """Chemin d'une commande, en cherchant d'abord à côté de l'interpréteur des tests."""
    venv_bin = Path(os.sys.executable).parent
    candidat = venv_bin / nom
    if candidat.exists():
        return str(candidat)
    return shutil.which(nom)


def notebooks_du_depot() -> list[Path]:
    """Les carnets livrés : leçons et sources des exercices (hors copies générées)."""
    return sorted(
        [*(RACINE / "notebooks").glob("*.ipynb"), *(RACINE / "exercises" / "source").glob("*/*.ipynb")]
    )
collect_ignore_glob = ["fixtures/*", "artefacts/*"]
