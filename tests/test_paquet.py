"""Le paquet hors ligne (python -m atelier paquet).

Les tests rapides vérifient la logique sur de fausses roues. Les tests lents utilisent le paquet
construit par .ci/run avant make test (le construire télécharge les roues, et aucun test ne touche
au réseau) : ATELIER_PAQUET, par défaut /var/tmp/atelier-paquet/atelier-hors-ligne.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from atelier import paquet
from atelier.chemins import RACINE

from conftest import exiger, port_libre

PAQUET = Path(os.environ.get("ATELIER_PAQUET", "/var/tmp/atelier-paquet/atelier-hors-ligne"))


# --- logique, sur de fausses roues ------------------------------------------------------------


def _roue(
    dossier: Path,
    nom: str,
    version: str,
    etiquette: str = "py3-none-any",
    *,
    dependances=(),
    requires_python: str | None = None,
) -> None:
    meta = ["Metadata-Version: 2.1", f"Name: {nom}", f"Version: {version}"]
    meta += [f"Requires-Dist: {d}" for d in dependances]
    if requires_python:
        meta.append(f"Requires-Python: {requires_python}")
    with zipfile.ZipFile(dossier / f"{nom}-{version}-{etiquette}.whl", "w") as z:
        z.writestr(f"{nom}-{version}.dist-info/METADATA", "\n".join(meta) + "\n")


@pytest.fixture
def faux_depot(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "kit"\nversion = "1"\ndependencies = ["outil>=1", "calcul"]\n'
        '[project.optional-dependencies]\ntest = ["pytest"]\n'
    )
    (tmp_path / "contraintes.txt").write_text(
        "# versions\noutil==1.2\ncalcul==2.0\npytest==9\nargon2-cffi-bindings==26.2.0\n"
    )
    roues = tmp_path / "roues"
    roues.mkdir()
    _roue(
        roues,
        "outil",
        "1.2",
        dependances=[
            'couleurs>=0.4; sys_platform == "win32"',
            'terminal; sys_platform != "win32"',
            'extra-seul; extra == "jolie"',
        ],
    )
    _roue(roues, "outil", "1.3")  # plus récente, mais contraintes.txt fixe 1.2
    _roue(roues, "terminal", "1.0")
    _roue(
        roues,
        "calcul",
        "2.0",
        "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64",
        requires_python=">=3.11.5",
    )
    _roue(roues, "calcul", "2.0", "cp311-cp311-macosx_10_13_x86_64")
    _roue(roues, "calcul", "2.0", "cp312-abi3-macosx_11_0_arm64")
    return tmp_path


def test_la_fermeture_suit_les_marqueurs_et_les_etiquettes_de_chaque_cible(faux_depot):
    roues, C = faux_depot / "roues", paquet.CIBLES
    assert paquet.manques(roues, C["linux-x86_64"], "3.11", faux_depot) == []
    # Windows : la dépendance réservée à win32 manque, et calcul n'a pas de roue win_amd64 ;
    # la dépendance d'un extra non demandé et celle réservée aux autres systèmes ne comptent pas.
    assert paquet.manques(roues, C["windows-x86_64"], "3.11", faux_depot) == [
        "calcul==2.0",
        "couleurs>=0.4",
    ]
    # macOS x86-64 10.13 : compatible ; arm64 : roue cp312-abi3, donc pas pour 3.11, mais pour 3.12.
    assert paquet.manques(roues, C["macos-x86_64"], "3.11", faux_depot) == []
    assert paquet.manques(roues, C["macos-arm64"], "3.11", faux_depot) == ["calcul==2.0"]
    assert paquet.manques(roues, C["macos-arm64"], "3.12", faux_depot) == []
    # La roue fixée (1.2) est celle qu'on lit : sans terminal, Linux ne serait plus complet.
    (roues / "terminal-1.0-py3-none-any.whl").unlink()
    assert paquet.manques(roues, C["linux-x86_64"], "3.11", faux_depot) == ["terminal"]


def test_une_derogation_ne_change_que_son_systeme(faux_depot):
    fixe = {
        nom: str(paquet.contraintes(c, faux_depot)["argon2-cffi-bindings"].specifier)
        for nom, c in paquet.CIBLES.items()
    }
    assert fixe == {
        "linux-x86_64": "==26.2.0",
        "windows-x86_64": "==26.2.0",
        "macos-arm64": "==26.2.0",
        "macos-x86_64": "==25.1.0",
    }
    paquet.ecrire_contraintes(faux_depot / "contraintes", racine=faux_depot)
    texte = (faux_depot / "contraintes" / "macos-x86_64.txt").read_text()
    assert "argon2-cffi-bindings==25.1.0" in texte and "outil==1.2" in texte
    # Un paquet pour un seul système n'a que son fichier : les installeurs des autres refusent.
    paquet.ecrire_contraintes(faux_depot / "contraintes", ("windows-x86_64",), faux_depot)
    assert [f.name for f in (faux_depot / "contraintes").iterdir()] == ["windows-x86_64.txt"]
    (faux_depot / "contraintes.txt").write_text("outil==1.2\n")
    with pytest.raises(paquet.ErreurPaquet, match="Dérogation pour argon2-cffi-bindings"):
        paquet.contraintes(paquet.CIBLES["macos-x86_64"], faux_depot)


def test_le_correctif_minimum_vient_des_roues(faux_depot):
    assert paquet.minimum_requis(faux_depot / "roues", "3.11") == "3.11.5"
    assert paquet.minimum_requis(faux_depot / "roues", "3.12") == "3.12.0"
    assert paquet.dependances(faux_depot) == ["outil>=1", "calcul"]  # sans l'extra test


def test_les_installeurs_verifient_la_version_de_python(tmp_path):
    ici = sys.version_info
    accepte = {f"{ici.major}.{ici.minor}": f"{ici.major}.{ici.minor}.{ici.micro}"}
    trop_recent = {
        f"{ici.major}.{ici.minor}": f"{ici.major}.{ici.minor}.{ici.micro + 1}",
        "3.99": "3.99.0",
    }
    for minimums, code in ((accepte, 0), (trop_recent, 1)):
        paquet.ecrire_installeurs(tmp_path, minimums, "1 Mo", ("windows-x86_64", "macos-arm64"))
        sh = (tmp_path / "installer.sh").read_text(encoding="utf-8")
        verification = sh.split(' -c "', 1)[1].split('"', 1)[0]
        assert subprocess.run([sys.executable, "-c", verification]).returncode == code
        assert verification in (tmp_path / "installer.bat").read_text(encoding="utf-8")
    assert subprocess.run(["sh", "-n", str(tmp_path / "installer.sh")]).returncode == 0
    bat = (tmp_path / "installer.bat").read_bytes()
    assert b"\r\n" in bat and b"--find-links roues -c contraintes\\windows-x86_64.txt" in bat
    assert b"py -3.99" in bat
    lisezmoi = (tmp_path / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert f"{ici.major}.{ici.minor}.{ici.micro + 1} ou plus récent" in lisezmoi
    assert "installer.bat" in lisezmoi and "sh installer.sh" in lisezmoi
    assert (
        "Windows 64 bits" in lisezmoi
        and "puce Apple" in lisezmoi
        and "Linux 64 bits" not in lisezmoi
    )


def test_le_kit_copie_est_celui_du_depot_sans_tests_ni_bancs():
    fichiers = set(paquet.fichiers_du_kit())
    for attendu in (
        "pyproject.toml",
        "contraintes.txt",
        "src/atelier/chemins.py",
        "notebooks/00_accueil.ipynb",
        "config/jupyter/jupyter_server_config.py",
        "datasets/datapackage.json",
    ):
        assert attendu in fichiers
    assert any(f.startswith("exercises/source/") for f in fichiers)
    assert not any(
        f.split("/")[0] in {"tests", "bench", ".ci", ".git", ".venv", ".etat"} for f in fichiers
    )


def test_cible_inconnue_refusee_en_francais(capsys):
    with pytest.raises(SystemExit):
        paquet.main(["--cibles", "amiga"])
    assert "cible inconnue : amiga" in capsys.readouterr().err


# --- le paquet construit par .ci/run ------------------------------------------------------------


def _paquet_construit() -> Path:
    marque = PAQUET / "roues" / "empreinte.txt"
    exiger(
        marque.exists() and marque.read_text().strip() == paquet.empreinte(),
        f"paquet hors ligne absent ou périmé dans {PAQUET} "
        f"(python -m atelier paquet --sortie {PAQUET.parent})",
    )
    return PAQUET


def _sans_reseau_ni_reglages_pip(home: Path) -> dict[str, str]:
    """Rien ne doit venir d'ailleurs que du paquet : ni index, ni find-links de la machine."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "JUPYTER", "VIRTUAL_ENV"))
    }
    env.update(PIP_CONFIG_FILE=os.devnull, HOME=str(home), PYTHONNOUSERSITE="1")
    return env


def _unshare_possible() -> bool:
    return (
        shutil.which("unshare") is not None
        and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    )


@pytest.mark.lent
def test_le_zip_contient_les_installeurs_et_rien_de_local():
    dossier = _paquet_construit()
    with zipfile.ZipFile(dossier.with_suffix(".zip")) as z:
        noms = z.namelist()
    racine = paquet.NOM + "/"
    for attendu in (
        "LISEZMOI.txt",
        "installer.bat",
        "installer.sh",
        "atelier/pyproject.toml",
        *(f"contraintes/{c}.txt" for c in paquet.CIBLES),
        "atelier/contraintes.txt",
        "atelier/notebooks/00_accueil.ipynb",
    ):
        assert racine + attendu in noms
    assert all(n.startswith(racine) for n in noms)
    interdits = {
        ".git",
        ".venv",
        ".etat",
        "__pycache__",
        ".pytest_cache",
        ".ruff_cache",
        "tests",
        "bench",
        ".ipynb_checkpoints",
        "mes_exercices",
        "_construit",
        "release",
    }
    assert not [n for n in noms if interdits & set(n.split("/"))]
    assert sum(n.endswith(".whl") for n in noms) > 50


@pytest.mark.lent
@pytest.mark.parametrize("cible", ["windows-x86_64", "macos-arm64", "macos-x86_64", "linux-x86_64"])
def test_chaque_systeme_se_resout_avec_les_seules_roues_du_paquet(cible, tmp_path):
    dossier = _paquet_construit()
    exiger(_unshare_possible(), "unshare -n (espace réseau vide) indisponible")
    roues, kit = dossier / "roues", dossier / "atelier"
    for python in paquet.PYTHONS:
        # 1. Avec les marqueurs de la cible (pip, lui, évalue ceux de la machine qui le lance).
        assert paquet.manques(roues, paquet.CIBLES[cible], python, kit) == []
        # 2. pip lui-même, sans index ni réseau, pour les étiquettes de la cible.
        plateformes = [a for p in paquet.CIBLES[cible].plateformes for a in ("--platform", p)]
        resultat = subprocess.run(
            [
                "unshare",
                "-n",
                sys.executable,
                "-m",
                "pip",
                "install",
                "--dry-run",
                "--no-index",
                "--find-links",
                str(roues),
                "--only-binary=:all:",
                *plateformes,
                "--python-version",
                paquet.minimum_requis(roues, python),
                "--implementation",
                "cp",
                "--target",
                str(tmp_path / python),
                "-c",
                str(dossier / "contraintes" / f"{cible}.txt"),
                *paquet.dependances(kit),
            ],
            capture_output=True,
            text=True,
            env=_sans_reseau_ni_reglages_pip(tmp_path),
        )
        assert resultat.returncode == 0, resultat.stderr[-3000:]
        assert "Would install" in resultat.stdout and "jupyterlab-4" in resultat.stdout


VERIFICATION = r'''
"""Lancé dans l'espace réseau vide, avec le Python du venv installé par installer.sh."""
import json, os, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path

import nbformat
from nbclient import NotebookClient

port, jeton = sys.argv[1], "jeton-hors-ligne"
try:
    socket.create_connection(("1.1.1.1", 443), timeout=3)
    sys.exit("le réseau est joignable : le test ne prouverait rien")
except OSError:
    pass
kit = Path("atelier").resolve()
lab = subprocess.Popen(
    [sys.executable, "-m", "atelier", "lab", "--no-browser", f"--port={port}",
     f"--IdentityProvider.token={jeton}"],
    cwd=kit, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
)

def lire(chemin):
    requete = urllib.request.Request(f"http://127.0.0.1:{port}{chemin}",
                                     headers={"Authorization": f"token {jeton}"})
    with urllib.request.urlopen(requete, timeout=10) as reponse:
        return reponse.read().decode("utf-8")

try:
    for _ in range(240):
        try:
            lire("/api/status")
            break
        except OSError:
            time.sleep(0.5)
    reglage = json.loads(lire("/lab/api/settings/@jupyterlab/translation-extension:plugin"))
    assert reglage["schema"]["properties"]["locale"]["default"] == "fr_FR", reglage
    francais = json.loads(lire("/lab/api/translations/fr_FR"))
    assert francais["data"]["jupyterlab"]["Settings"] == ["Paramètres"], str(francais)[:300]
    assert '"path": "notebooks/00_accueil.ipynb"' in lire("/api/contents/notebooks/00_accueil.ipynb?content=0")
    assert "JupyterLab" in lire("/lab/tree/notebooks/00_accueil.ipynb")
finally:
    os.killpg(lab.pid, signal.SIGTERM)
    sortie, _ = lab.communicate(timeout=60)
assert "Exercices prêts" in sortie, sortie[-2000:]

lecon = kit / "notebooks" / "m0_prise_en_main.ipynb"
carnet = nbformat.read(lecon, as_version=4)
NotebookClient(carnet, timeout=300, kernel_name="python3",
               resources={"metadata": {"path": str(lecon.parent)}}).execute()
sorties = sum(len(c.get("outputs", [])) for c in carnet.cells if c.cell_type == "code")
assert sorties > 5, sorties
print("VERIFICATION REUSSIE", sorties)
'''


@pytest.mark.lent
def test_installation_sans_reseau_puis_lab_en_francais_et_une_lecon(tmp_path):
    dossier = _paquet_construit()
    exiger(_unshare_possible(), "unshare -n (espace réseau vide) indisponible")
    # Ce que le formateur copie : le zip décompressé (les roues, lourdes, par un lien).
    with zipfile.ZipFile(dossier.with_suffix(".zip")) as z:
        z.extractall(tmp_path, [n for n in z.namelist() if "/roues/" not in n])
    ici = tmp_path / paquet.NOM
    (ici / "roues").symlink_to(dossier / "roues")
    (ici / "verification.py").write_text(VERIFICATION, encoding="utf-8")
    env = _sans_reseau_ni_reglages_pip(tmp_path)
    # L'interpréteur de base des tests (pas celui du venv), comme un Python installé à part.
    env["PYTHON"] = str(
        Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    )
    env["ATELIER_INSTALLER_SEULEMENT"] = "1"
    try:
        resultat = subprocess.run(
            [
                "unshare",
                "-n",
                "sh",
                "-c",
                f"ip link set lo up && sh installer.sh && atelier/.venv/bin/python verification.py {port_libre()}",
            ],
            cwd=ici,
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        sortie = resultat.stdout + resultat.stderr
        assert resultat.returncode == 0, sortie[-4000:]
        assert "Installation terminée." in sortie and "VERIFICATION REUSSIE" in sortie, sortie[
            -4000:
        ]
        # Le kit installé est la copie du paquet (modifiable), pas le dépôt de ces tests.
        chemin = subprocess.run(
            [
                str(ici / "atelier/.venv/bin/python"),
                "-c",
                "from atelier.chemins import RACINE; print(RACINE)",
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
        ).stdout.strip()
        assert Path(chemin) == (ici / "atelier").resolve() != RACINE
    finally:
        shutil.rmtree(ici / "atelier" / ".venv", ignore_errors=True)  # plusieurs centaines de Mo
