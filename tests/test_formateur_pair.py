"""Contrôle par les pairs : sur le cours du guide de nbgrader, « corriger » donne les
mêmes notes, carnet par carnet et cellule par cellule, que « nbgrader autograde ».

Le cours (devoir ps1, participants bitdiddle et hacker) vient du dépôt de nbgrader,
copié dans tests/fixtures/formateur/guide_nbgrader/ (voir son README).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RACINE

GUIDE = RACINE / "tests" / "fixtures" / "formateur" / "guide_nbgrader"


def _nbgrader(*args: str, cwd: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    fini = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert fini.returncode == 0, fini.stdout + fini.stderr


def _notes(cours: Path) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cours / 'gradebook.db'}") as gb:
        return {
            (sub.student.id, nb.name): (
                nb.score,
                nb.max_score,
                sorted((g.name, g.auto_score, g.needs_manual_grade) for g in nb.grades),
            )
            for sub in gb.find_assignment("ps1").submissions
            for nb in sub.notebooks
        }


@pytest.mark.lent
def test_memes_notes_que_nbgrader_autograde(tmp_path):
    base = tmp_path / "base"
    shutil.copytree(GUIDE, base, ignore=shutil.ignore_patterns("README.md"))
    for dossier, _, fichiers in os.walk(base):
        os.chmod(dossier, stat.S_IRWXU)
        for nom in fichiers:
            os.chmod(os.path.join(dossier, nom), stat.S_IRUSR | stat.S_IWUSR)
    _nbgrader("update", ".", cwd=base)  # métadonnées d'une ancienne version de nbgrader
    _nbgrader("generate_assignment", "ps1", "--force", cwd=base)
    nbgrader_seul, commande = tmp_path / "nbgrader", tmp_path / "atelier"
    shutil.copytree(base, nbgrader_seul)
    shutil.copytree(base, commande)

    _nbgrader("autograde", "ps1", cwd=nbgrader_seul)
    fini = subprocess.run(
        [sys.executable, "-m", "atelier.formateur", "corriger", "ps1", "--cours", str(commande)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert fini.returncode == 0, fini.stdout + fini.stderr

    attendu, obtenu = _notes(nbgrader_seul), _notes(commande)
    assert set(attendu) == {
        (e, n) for e in ("bitdiddle", "hacker") for n in ("problem1", "problem2")
    }
    assert obtenu == attendu
    assert any(score for score, _, _ in attendu.values()), (
        "le cours du guide devrait avoir des points"
    )
    # Les copies autocorrigées ont les mêmes sorties dans les cellules notées.
    for etudiant in ("bitdiddle", "hacker"):
        assert (commande / "autograded" / etudiant / "ps1" / "jupyter.png").exists()
