"""Le socle du kit : dépendances alignées, carnets propres, style du code."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
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
        _normaliser(s)
        for s in env["dependencies"]
        if isinstance(s, str) and _normaliser(s)[0] not in ("python", "pip")
    )
    assert conda == attendu, (
        "environment.yml et pyproject.toml ne listent plus les mêmes paquets et bornes"
    )


def _dependances_declarees() -> list[str]:
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(projet["dependencies"])
    for extra in projet["optional-dependencies"].values():
        specs += extra
    return specs


def _versions_fixees() -> dict[str, str]:
    from packaging.utils import canonicalize_name

    fixees = {}
    for ligne in (RACINE / "contraintes.txt").read_text(encoding="utf-8").splitlines():
        if ligne and not ligne.startswith("#"):
            nom, version = ligne.split("==")
            fixees[canonicalize_name(nom)] = version
    return fixees


def test_chaque_dependance_est_bornee_sous_la_version_majeure_suivante():
    """Borne haute = version majeure qui suit celle de contraintes.txt (pour une 0.x : la mineure suivante)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import Version

    fixees = _versions_fixees()
    for spec in _dependances_declarees():
        dependance = Requirement(spec)
        hautes = [s for s in dependance.specifier if s.operator == "<"]
        assert len(hautes) == 1, f"{spec} n'a pas de borne supérieure « < »"
        if dependance.marker and not dependance.marker.evaluate():
            continue
        fixee = Version(fixees[canonicalize_name(dependance.name)])
        suivante = Version(f"{fixee.major + 1}") if fixee.major else Version(f"0.{fixee.minor + 1}")
        assert Version(hautes[0].version) == suivante, (
            f"{spec} : contraintes.txt fixe {fixee}, la borne doit être < {suivante}"
        )


def test_chaque_paquet_importe_par_le_kit_est_declare():
    """Tout paquet tiers importé par src/atelier (même dans une fonction) est dans pyproject.toml."""
    import ast
    from importlib.metadata import packages_distributions

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    declares = {canonicalize_name(Requirement(s).name) for s in _dependances_declarees()}
    distributions = packages_distributions()
    oublies = set()
    for chemin in (RACINE / "src" / "atelier").rglob("*.py"):
        for noeud in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.Import):
                racines = [a.name.split(".")[0] for a in noeud.names]
            elif isinstance(noeud, ast.ImportFrom) and not noeud.level and noeud.module:
                racines = [noeud.module.split(".")[0]]
            else:
                continue
            for racine in racines:
                if racine in sys.stdlib_module_names or racine in ("atelier", "__future__"):
                    continue
                # repli de tomllib sous Python 3.10, déclaré avec son marqueur
                if racine == "tomli":
                    noms = ["tomli"]
                else:
                    noms = distributions.get(racine)
                    assert noms, (
                        f"{chemin.relative_to(RACINE)} importe « {racine} », qu'aucun paquet installé ne fournit"
                    )
                if not {canonicalize_name(n) for n in noms} & declares:
                    oublies.add(
                        f"{racine} ({', '.join(noms)}, importé par {chemin.relative_to(RACINE)})"
                    )
    assert not oublies, f"paquets importés mais absents de pyproject.toml : {sorted(oublies)}"


def test_aucun_carnet_commite_ne_porte_de_sorties():
    carnets = notebooks_du_depot()
    assert carnets, "aucun carnet trouvé"
    sales = []
    for chemin in carnets:
        nb = json.loads(chemin.read_text(encoding="utf-8"))
        for cellule in nb["cells"]:
            if cellule["cell_type"] == "code" and (
                cellule.get("outputs") or cellule.get("execution_count")
            ):
                sales.append(str(chemin.relative_to(RACINE)))
                break
    assert not sales, f"carnets commités avec des sorties : {sales}"


@pytest.mark.parametrize(
    "commande", [["check", "."], ["format", "--check", "."]], ids=["check", "format"]
)
def test_ruff(commande):
    resultat = subprocess.run(
        [sys.executable, "-m", "ruff", *commande], cwd=RACINE, capture_output=True, text=True
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_le_premier_ecran_du_readme_donne_les_deux_commandes_en_francais():
    premier_ecran = "\n".join((RACINE / "README.md").read_text(encoding="utf-8").splitlines()[:25])
    assert "make lab" in premier_ecran and "make test" in premier_ecran
    assert "communes" in premier_ecran and "français" in premier_ecran


def test_contraintes_fixent_chaque_dependance_dans_ses_bornes():
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    fixees = _versions_fixees()
    for dependance in map(Requirement, _dependances_declarees()):
        if dependance.marker and not dependance.marker.evaluate():
            continue
        version = fixees.get(canonicalize_name(dependance.name))
        assert version, f"{dependance.name} n'est pas fixée dans contraintes.txt"
        assert dependance.specifier.contains(version), (
            f"{dependance.name}=={version} hors de {dependance.specifier}"
        )
    assert "-c contraintes.txt" in (RACINE / "Makefile").read_text(encoding="utf-8")


def test_le_guide_a_son_extra_installe_par_make_ci_et_le_paquet():
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(s.startswith("mistune") for s in projet["dependencies"]), (
        "mistune ne sert qu'au guide"
    )
    assert any(s.startswith("mistune") for s in projet["optional-dependencies"]["guide"])
    makefile = (RACINE / "Makefile").read_text(encoding="utf-8")
    assert "guide: $(VENV)/.installe-guide" in makefile and '-e ".[test,hub,guide]"' in makefile
    from atelier import paquet

    assert any(s.startswith("mistune") for s in paquet.dependances())
    assert (
        '-e "atelier[guide]"' in paquet.INSTALLER_SH
        and '-e "atelier[guide]"' in paquet.INSTALLER_BAT
    )
