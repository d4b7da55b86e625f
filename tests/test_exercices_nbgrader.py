"""Chaque exercice noté de exercises/source/, passé dans la vraie chaîne nbgrader.

Pour chaque exercice : la version participant se génère ; elle ne contient ni
solution, ni test caché, ni grille de notation ; la solution obtient tous les
points automatiques ; la version de départ, non modifiée, obtient zéro sans
faire planter la correction, et chaque cellule de test y échoue avec le message
« pas encore répondu » ; les retours aux participants ne citent pas les tests
cachés.
"""

from __future__ import annotations

import html as html_module
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import RACINE

pytestmark = pytest.mark.lent

SOURCE = RACINE / "exercises" / "source"
IDENTIFIANTS = (
    sorted(d.name for d in SOURCE.glob("*") if any(d.glob("*.ipynb"))) if SOURCE.is_dir() else []
)
BLOCS_SECRETS = {
    "solution": ("BEGIN SOLUTION", "END SOLUTION"),
    "test caché": ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"),
    "grille": ("BEGIN MARK SCHEME", "END MARK SCHEME"),
}


def _nbgrader(cours: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["ATELIER_ECHANGE"] = str(cours / "echange")
    resultat = subprocess.run(
        [str(Path(sys.executable).parent / "nbgrader"), *arguments],
        cwd=cours,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert resultat.returncode == 0, (
        f"nbgrader {' '.join(arguments)} a échoué :\n{resultat.stdout}\n{resultat.stderr}"
    )
    return resultat


def _lignes_secretes(carnet: Path) -> dict[str, list[str]]:
    """Les lignes, non triviales, de chaque bloc secret du carnet source."""
    trouvees: dict[str, list[str]] = {genre: [] for genre in BLOCS_SECRETS}
    for cellule in nbformat.read(carnet, as_version=4).cells:
        for genre, (debut, fin) in BLOCS_SECRETS.items():
            dedans = False
            for ligne in cellule.source.splitlines():
                if debut in ligne:
                    dedans = True
                elif fin in ligne:
                    dedans = False
                elif dedans and len(ligne.strip()) > 12:
                    trouvees[genre].append(ligne.strip())
    return trouvees


def _cellules_notees_auto(carnet: Path) -> dict[str, float]:
    """grade_id → points des cellules de test (notées automatiquement)."""
    cellules = {}
    for cellule in nbformat.read(carnet, as_version=4).cells:
        meta = cellule.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution") and cellule.cell_type == "code":
            cellules[meta["grade_id"]] = float(meta["points"])
    return cellules


@pytest.fixture(
    scope="module",
    params=IDENTIFIANTS or [pytest.param(None, marks=pytest.mark.skip("aucun exercice"))],
)
def cours_corrige(request, tmp_path_factory):
    """Un cours temporaire : l'exercice généré, deux copies remises et corrigées."""
    identifiant = request.param
    cours = tmp_path_factory.mktemp(identifiant)
    shutil.copy(RACINE / "exercises" / "nbgrader_config.py", cours)
    shutil.copytree(SOURCE / identifiant, cours / "source" / identifiant)
    _nbgrader(cours, "generate_assignment", identifiant, "--force")

    for participant, dossier in (("solution", cours / "source"), ("depart", cours / "release")):
        shutil.copytree(dossier / identifiant, cours / "submitted" / participant / identifiant)
    _nbgrader(cours, "autograde", identifiant, "--create")
    _nbgrader(cours, "generate_feedback", identifiant)
    return identifiant, cours


def _carnets(cours: Path, dossier: str, identifiant: str) -> list[Path]:
    return sorted((cours / dossier / identifiant).glob("*.ipynb"))


def test_la_version_participant_ne_livre_aucun_secret(cours_corrige):
    identifiant, cours = cours_corrige
    for source in sorted((cours / "source" / identifiant).glob("*.ipynb")):
        release = (cours / "release" / identifiant / source.name).read_text(encoding="utf-8")
        for genre, (debut, _) in BLOCS_SECRETS.items():
            assert debut not in release, (
                f"{source.name} : un bloc « {genre} » reste dans la version participant"
            )
        for genre, lignes in _lignes_secretes(source).items():
            fuites = [ligne for ligne in lignes if ligne in release]
            assert not fuites, (
                f"{source.name} : lignes de {genre} visibles dans la version participant : {fuites}"
            )


def _notes(
    cours: Path, identifiant: str, participant: str, carnet: str
) -> dict[str, tuple[float, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cours / 'gradebook.db'}") as gb:
        soumis = gb.find_submission_notebook(carnet, identifiant, participant)
        return {
            g.name: (g.auto_score, g.max_score) for g in soumis.grades if g.cell.cell_type == "code"
        }


def _sorties_erreur(
    cours: Path, identifiant: str, participant: str, carnet: str
) -> dict[str, list]:
    nb = nbformat.read(cours / "autograded" / participant / identifiant / carnet, as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: [
            o for o in c.get("outputs", []) if o.output_type == "error"
        ]
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    }


def test_la_solution_obtient_tous_les_points_automatiques(cours_corrige):
    identifiant, cours = cours_corrige
    for source in _carnets(cours, "source", identifiant):
        attendu = _cellules_notees_auto(source)
        assert len(attendu) >= 1, f"{source.name} n'a pas de question notée automatiquement"
        notes = _notes(cours, identifiant, "solution", source.stem)
        perdus = {k: v for k, v in notes.items() if k in attendu and v[0] != v[1]}
        assert not perdus, f"{source.name} : la solution perd des points sur {perdus}"


def test_la_version_de_depart_obtient_zero_avec_le_message_pas_encore_repondu(cours_corrige):
    identifiant, cours = cours_corrige
    for source in _carnets(cours, "source", identifiant):
        attendu = _cellules_notees_auto(source)
        notes = _notes(cours, identifiant, "depart", source.stem)
        gagnes = {k: v for k, v in notes.items() if k in attendu and v[0] != 0}
        assert not gagnes, f"{source.name} : la version de départ gagne des points sur {gagnes}"
        erreurs = _sorties_erreur(cours, identifiant, "depart", source.name)
        for grade_id in attendu:
            noms = [o.ename for o in erreurs[grade_id]]
            assert noms == ["NonRepondu"], (
                f"{source.name}, cellule {grade_id} : la version de départ doit échouer avec "
                f"« pas encore répondu », pas {noms}"
            )
            assert "pas encore répondu" in erreurs[grade_id][0].evalue


def _texte_visible(page: str) -> str:
    """Le texte du corps de la page, sans balises (le code coloré y est découpé en balises)."""
    corps = page.split("<body", 1)[1]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", corps)).split())


def test_les_retours_ne_citent_ni_tests_caches_ni_grilles(cours_corrige):
    identifiant, cours = cours_corrige
    for participant in ("solution", "depart"):
        for source in _carnets(cours, "source", identifiant):
            page = (
                cours / "feedback" / participant / identifiant / f"{source.stem}.html"
            ).read_text(encoding="utf-8")
            html = _texte_visible(page)
            assert "pas encore répondu" in html or participant == "solution"
            secrets = _lignes_secretes(source)
            for genre in ("test caché", "grille"):
                fuites = [ligne for ligne in secrets[genre] if " ".join(ligne.split()) in html]
                assert not fuites, (
                    f"retour de {participant} : lignes de {genre} visibles : {fuites}"
                )
            assert not re.search(r"Traceback|----&gt;|---->", html), (
                "une trace technique complète est visible"
            )


def test_les_ecrits_ont_une_grille_de_notation(cours_corrige):
    """Chaque question rédigée (tâche notée à la main) porte une grille (mark scheme)."""
    identifiant, cours = cours_corrige
    for source in _carnets(cours, "source", identifiant):
        nb = json.loads(source.read_text(encoding="utf-8"))
        taches = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("task")]
        for tache in taches:
            texte = "".join(tache["source"])
            assert "BEGIN MARK SCHEME" in texte, (
                f"{source.name} : la tâche {tache['metadata']['nbgrader']['grade_id']} n'a pas de grille"
            )
