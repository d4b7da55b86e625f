"""« atelier-formateur preparer » refuse de distribuer un exercice douteux, une ligne par problème."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from atelier.formateur.cli import main

from conftest import RACINE

FIXTURES = RACINE / "tests" / "fixtures" / "formateur"
EXERCICE = "essai_correction"
CARNET = f"{EXERCICE}/{EXERCICE}.ipynb"


def cours_avec(tmp_path: Path, modifier=None, exercice: str = EXERCICE) -> Path:
    cours = tmp_path / "cours"
    shutil.copytree(FIXTURES / "cours" / "source" / EXERCICE, cours / "source" / exercice)
    shutil.copy(RACINE / "exercises" / "nbgrader_config.py", cours)
    if modifier:
        chemin = cours / "source" / exercice / f"{EXERCICE}.ipynb"
        nb = json.loads(chemin.read_text(encoding="utf-8"))
        modifier(nb)
        chemin.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return cours


def cellule(nb: dict, grade_id: str) -> dict:
    return next(
        c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id
    )


def _doublon(nb):
    cellule(nb, "q2_visible")["metadata"]["nbgrader"]["grade_id"] = "q1_visible"


def _non_verrouille(nb):
    cellule(nb, "q1_visible")["metadata"]["nbgrader"]["locked"] = False


def _solution_hors_reponse(nb):
    cellule(nb, "donnees")["source"] += "\n### BEGIN SOLUTION\nreponse_q1 = 60\n### END SOLUTION"


def _tests_caches_dans_l_enonce(nb):
    nb["cells"][6]["source"] += (
        "\n### BEGIN HIDDEN TESTS\nassert part(2, 3) == 66.7\n### END HIDDEN TESTS"
    )


def _points_faux(nb):
    cellule(nb, "q2_cache")["metadata"]["nbgrader"]["points"] = 3


def _points_absents(nb):
    del cellule(nb, "q1_cache")["metadata"]["nbgrader"]["points"]


CAS = {
    "doublon": (
        _doublon,
        [
            "cellule « q1_visible » (n° 9) : identifiant de cellule notée en double (déjà utilisé par la cellule n° 5)"
        ],
    ),
    "test non verrouillé": (
        _non_verrouille,
        ["cellule « q1_visible » (n° 5) : cellule de test non verrouillée"],
    ),
    "solution hors réponse": (
        _solution_hors_reponse,
        ["cellule « donnees » (n° 2) : une zone « BEGIN SOLUTION »"],
    ),
    "tests cachés dans l'énoncé": (
        _tests_caches_dans_l_enonce,
        ["cellule n° 7 : des tests cachés hors d'une cellule de test"],
    ),
    "points faux": (
        _points_faux,
        [
            "cellule n° 7 : la question annonce 3 point(s) mais ses cellules notées en valent 4.",
            "cellule « consignes » (n° 1) : le total annoncé est de 8 point(s) mais les cellules notées en valent 9.",
        ],
    ),
    "points absents": (
        _points_absents,
        [
            "cellule « q1_cache » (n° 6) : points absents ou invalides (None).",
            "cellule n° 3 : la question annonce 2 point(s) mais ses cellules notées en valent 1.",
            "cellule « consignes » (n° 1) : le total annoncé est de 8 point(s) mais les cellules notées en valent 7.",
        ],
    ),
}


@pytest.mark.parametrize("cas", sorted(CAS))
def test_preparer_refuse_une_ligne_par_probleme(tmp_path, capsys, cas):
    modifier, attendues = CAS[cas]
    cours = cours_avec(tmp_path, modifier)
    assert main(["preparer", EXERCICE, "--cours", str(cours)]) == 1
    sortie = capsys.readouterr().out
    refus = [ligne for ligne in sortie.splitlines() if ligne.startswith("REFUS ")]
    assert len(refus) == len(attendues), sortie
    assert all(ligne.startswith(f"REFUS {CARNET}, ") for ligne in refus)
    for attendue in attendues:
        assert any(attendue in ligne for ligne in refus), (attendue, refus)
    assert not (cours / "release" / EXERCICE).exists()


def test_preparer_refuse_un_identifiant_qui_n_est_pas_un_slug(tmp_path, capsys):
    cours = cours_avec(tmp_path, exercice="Module 1 été")
    assert main(["preparer", "Module 1 été", "--cours", str(cours)]) == 1
    assert "REFUS Module 1 été : identifiant d'exercice invalide" in capsys.readouterr().out


@pytest.mark.lent
def test_preparer_relit_la_version_participant(tmp_path, capsys):
    """Un test caché recopié dans les métadonnées passerait nbgrader : la relecture le trouve."""

    def fuite(nb):
        nb["metadata"]["aide_auteur"] = 'assert part(1, 3) == 33.3, "Arrondi attendu : 33.3."'

    cours = cours_avec(tmp_path, fuite)
    assert main(["preparer", EXERCICE, "--cours", str(cours)]) == 1
    sortie = capsys.readouterr().out
    assert (
        f"REFUS {CARNET}, métadonnées du carnet de la version participant : le texte de tests cachés "
        "« assert part(1, 3) == 33.3"
    ) in sortie
    assert not (cours / "release" / EXERCICE).exists()


@pytest.mark.lent
def test_preparer_accepte_l_exercice_d_essai(tmp_path, capsys):
    cours = cours_avec(tmp_path)
    assert main(["preparer", "--cours", str(cours)]) == 0
    assert f"✓ {EXERCICE} : version participant prête" in capsys.readouterr().out
    release = (cours / "release" / EXERCICE / f"{EXERCICE}.ipynb").read_text(encoding="utf-8")
    for secret in ("BEGIN", "33.3", "sum(habitants", "Barème", "round(100"):
        assert secret not in release


def test_les_exercices_du_kit_passent_preparer(tmp_path, capsys):
    """Chaque exercice de exercises/source/ pourrait être distribué tel quel (relecture comprise)."""
    cours = tmp_path / "cours"
    shutil.copytree(RACINE / "exercises" / "source", cours / "source")
    shutil.copy(RACINE / "exercises" / "nbgrader_config.py", cours)
    assert main(["preparer", "--cours", str(cours)]) == 0, capsys.readouterr().out
    assert sorted(p.name for p in (cours / "release").iterdir()) == sorted(
        d.name for d in (RACINE / "exercises" / "source").iterdir() if d.is_dir()
    )
