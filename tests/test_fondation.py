"""Le socle du kit : dépendances alignées, carnets propres, style du code."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml

from conftest import RACINE, notebooks_du_depot

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


def _normaliser(spec: str) -> tuple[str, str]:
    spec = spec.split(";")[0]  # environment marker (python_version…)
    match = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", spec)
    nom, bornes = match.group(1).lower().replace("_", "-"), match.group(2)
    return re.sub(r"\[.*\]", "", nom), bornes.replace(" ", "")


def test_environment_yml_suit_pyproject():
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    attendu = dict(_normaliser(s) for s in projet["dependencies"])
    for extra in projet["optional-dependencies"].values():
        attendu.update(_normaliser(s) for s in extra)

    env = yaml.safe_load((RACINE / "environment.yml").read_text(encoding="utf-8"))
    conda = dict(
        _normaliser(s) for s in env["dependencies"] if isinstance(s, str) and _normaliser(s)[0] not in ("python", "pip")
    )
    assert conda == attendu, "environment.yml et pyproject.toml ne listent plus les mêmes paquets et bornes"


def test_chaque_dependance_est_bornee_sous_la_version_majeure_suivante():
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(projet["dependencies"])
    for extra in projet["optional-dependencies"].values():
        specs += extra
    for spec in specs:
        assert "<" in spec, f"{spec} n'a pas de borne supérieure"


def test_aucun_carnet_commite_ne_porte_de_sorties():
    carnets = notebooks_du_depot()
    assert carnets, "aucun carnet trouvé"
    sales = []
    for chemin in carnets:
        nb = json.loads(chemin.read_text(encoding="utf-8"))
        for cellule in nb["cells"]:
            if cellule["cell_type"] == "code" and (cellule.get("outputs") or cellule.get("execution_count")):
                sales.append(str(chemin.relative_to(RACINE)))
                break
    assert not sales, f"carnets commités avec des sorties : {sales}"


def test_ruff():
    resultat = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=RACINE, capture_output=True, text=True
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_le_premier_ecran_du_readme_donne_les_deux_commandes_en_francais():
    premier_ecran = "\n".join((RACINE / "README.md").read_text(encoding="utf-8").splitlines()[:25])
    assert "make lab" in premier_ecran and "make test" in premier_ecran
    assert "communes" in premier_ecran and "français" in premier_ecran


def test_contraintes_fixent_chaque_dependance_dans_ses_bornes():
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    fixees = {}
    for ligne in (RACINE / "contraintes.txt").read_text(encoding="utf-8").splitlines():
        if ligne and not ligne.startswith("#"):
            nom, version = ligne.split("==")
            fixees[canonicalize_name(nom)] = version
    directes = [Requirement(s) for s in [*projet["dependencies"], *projet["optional-dependencies"]["test"],
                                         *projet["optional-dependencies"]["hub"]]]
    for dependance in directes:
        if dependance.marker and not dependance.marker.evaluate():
            continue
        version = fixees.get(canonicalize_name(dependance.name))
        assert version, f"{dependance.name} n'est pas fixée dans contraintes.txt"
        assert dependance.specifier.contains(version), f"{dependance.name}=={version} hors de {dependance.specifier}"
    assert "-c contraintes.txt" in (RACINE / "Makefile").read_text(encoding="utf-8")
