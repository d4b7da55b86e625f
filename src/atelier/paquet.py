"""Le paquet hors ligne : l'atelier et toutes ses roues sur une clé USB.

    python -m atelier paquet [--sortie DOSSIER] [--pythons 3.11,3.12] [--sans-zip]

construit ``DOSSIER/atelier-hors-ligne/`` et ``DOSSIER/atelier-hors-ligne.zip`` :

- ``atelier/`` : le kit, les fichiers du dépôt que .gitignore ne met pas de côté, sans les tests, les bancs
  d'essai ni l'intégration continue. Il est installé en mode modifiable (``pip install -e``) : le
  kit lit ses carnets, données et réglages à côté de son code (``atelier.chemins.RACINE``) ;
- ``roues/`` : les roues (wheels) des dépendances d'exécution, aux versions de ``contraintes.txt``,
  pour Windows x86-64, macOS arm64 et x86-64, Linux x86-64, et pour chaque version de Python ;
  plus setuptools, qui sert à installer le kit lui-même sans réseau ;
- ``LISEZMOI.txt``, ``installer.bat`` et ``installer.sh``.

Construire le paquet télécharge les roues (réseau nécessaire) ; l'installer n'en a pas besoin.
pip évalue les marqueurs d'environnement (``sys_platform == "win32"``…) sur la machine qui
télécharge, pas sur la cible : ``pip download --platform win_amd64`` depuis Linux oublie colorama,
pywin32 ou pywinpty. ``manques`` refait donc la fermeture des dépendances avec les marqueurs de
chaque cible, à partir des seules roues du paquet, et le paquet télécharge ce qui manque.
Un dossier de sortie déjà construit avec la même empreinte (contraintes, dépendances, cibles)
garde ses roues : seuls le kit, les installeurs et le zip sont refaits.
"""

from __future__ import annotations

import argparse
import email.parser
import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.tags import Tag, compatible_tags, cpython_tags, mac_platforms
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

from atelier.chemins import RACINE

NOM = "atelier-hors-ligne"
PYTHONS = ("3.11", "3.12")
# Les roues sont choisies pour la dernière version corrective (3.11.x) ; minimum_requis dit
# ensuite quel correctif les roues retenues demandent au moins (Requires-Python), et les
# installeurs le vérifient.
DERNIER_CORRECTIF = 99
# Outil de construction du kit lui-même (pip install -e hors ligne) ; pyproject.toml demande >= 77.
CONSTRUCTION = ["setuptools==84.2.1"]
# Versions de contraintes.txt (relevé sous Linux) sans roue pour un système : la plus récente
# qui en a une. argon2-cffi-bindings 26.2.0 n'a de roue macOS que pour arm64 (relevé du 2026-12-04).
DEROGATIONS = {"macos-x86_64": {"argon2-cffi-bindings": "25.1.0"}}
# Dossiers de premier niveau du dépôt qui ne servent pas à un participant ni à un formateur.
HORS_PAQUET = {"tests", "bench", ".ci", ".github"}
# Linux : glibc 2.28 au moins (Debian 10, Ubuntu 20.04 et suivants).
_MANYLINUX = [f"manylinux_2_{m}_x86_64" for m in range(28, 4, -1)] + [
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
]


class ErreurPaquet(Exception):
    """Le paquet ne peut pas être construit ; le message dit pourquoi, en français."""


@dataclass(frozen=True)
class Cible:
    nom: str
    libelle: str  # pour le LISEZMOI
    plateformes: tuple[str, ...]  # étiquettes passées à pip download --platform
    marqueurs: dict  # environnement des marqueurs (PEP 508) de la cible

    def etiquettes(self, python: str) -> set[Tag]:
        version = tuple(int(x) for x in python.split("."))
        plateformes = list(self.plateformes)
        if self.nom.startswith("macos"):  # une roue macOS 10.13 va aussi sur macOS 11
            _, major, minor, arch = self.plateformes[0].split("_", 3)
            plateformes = list(mac_platforms((int(major), int(minor)), arch))
        return set(cpython_tags(version, platforms=plateformes)) | set(
            compatible_tags(version, "cp" + python.replace(".", ""), plateformes)
        )

    def environnement(self, python: str) -> dict:
        return {
            **self.marqueurs,
            "python_version": python,
            "python_full_version": f"{python}.{DERNIER_CORRECTIF}",
            "implementation_name": "cpython",
            "implementation_version": f"{python}.{DERNIER_CORRECTIF}",
            "platform_python_implementation": "CPython",
            "platform_release": "",
            "platform_version": "",
        }


def _marqueurs(os_name: str, sys_platform: str, system: str, machine: str) -> dict:
    return {
        "os_name": os_name,
        "sys_platform": sys_platform,
        "platform_system": system,
        "platform_machine": machine,
    }


CIBLES = {
    c.nom: c
    for c in [
        Cible(
            "linux-x86_64",
            "Linux 64 bits",
            tuple(_MANYLINUX),
            _marqueurs("posix", "linux", "Linux", "x86_64"),
        ),
        Cible(
            "windows-x86_64",
            "Windows 64 bits",
            ("win_amd64",),
            _marqueurs("nt", "win32", "Windows", "AMD64"),
        ),
        Cible(
            "macos-arm64",
            "macOS 11 ou plus récent, puce Apple",
            ("macosx_11_0_arm64",),
            _marqueurs("posix", "darwin", "Darwin", "arm64"),
        ),
        Cible(
            "macos-x86_64",
            "macOS 11 ou plus récent, Intel",
            ("macosx_11_0_x86_64",),
            _marqueurs("posix", "darwin", "Darwin", "x86_64"),
        ),
    ]
}


def dependances(racine: Path = RACINE) -> list[str]:
    """Les dépendances d'exécution du kit (pyproject.toml) et celles du guide, sans les extras test et hub."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    with open(racine / "pyproject.toml", "rb") as f:
        projet = tomllib.load(f)["project"]
    return [*projet["dependencies"], *projet.get("optional-dependencies", {}).get("guide", [])]


def texte_des_contraintes(cible: Cible, racine: Path = RACINE) -> str:
    """contraintes.txt, avec les dérogations de la cible (versions fixées sans roue pour elle)."""
    lignes = (racine / "contraintes.txt").read_text(encoding="utf-8").splitlines()
    for nom, version in DEROGATIONS.get(cible.nom, {}).items():
        avant = [ligne for ligne in lignes if _nom_fixe(ligne) == nom]
        if not avant:
            raise ErreurPaquet(f"Dérogation pour {nom}, que contraintes.txt ne fixe pas.")
        lignes = [
            f"{nom}=={version}  # {cible.nom} : {avant[0]} n'a pas de roue pour ce système"
            if _nom_fixe(ligne) == nom
            else ligne
            for ligne in lignes
        ]
    return "\n".join(lignes) + "\n"


def _nom_fixe(ligne: str) -> str | None:
    ligne = ligne.split("#")[0].strip()
    return canonicalize_name(Requirement(ligne).name) if ligne else None


def contraintes(cible: Cible, racine: Path = RACINE) -> dict[str, Requirement]:
    lignes = [
        ligne.split("#")[0].strip() for ligne in texte_des_contraintes(cible, racine).splitlines()
    ]
    reqs = [Requirement(ligne) for ligne in lignes if ligne]
    return {canonicalize_name(r.name): r for r in reqs}


def ecrire_contraintes(dossier: Path, cibles=tuple(CIBLES), racine: Path = RACINE) -> None:
    """Un fichier de contraintes par cible, dans le paquet : les installeurs prennent le leur."""
    shutil.rmtree(dossier, ignore_errors=True)
    dossier.mkdir(parents=True)
    for cible in (CIBLES[nom] for nom in cibles):
        (dossier / f"{cible.nom}.txt").write_text(
            texte_des_contraintes(cible, racine), encoding="utf-8"
        )


def empreinte(racine: Path = RACINE, pythons=PYTHONS, cibles=tuple(CIBLES)) -> str:
    """Ce qui décide des roues : si elle ne change pas, les roues déjà téléchargées servent."""
    contenu = json.dumps(
        [
            (racine / "contraintes.txt").read_text(encoding="utf-8"),
            dependances(racine),
            CONSTRUCTION,
            DEROGATIONS,
            list(pythons),
            [(n, CIBLES[n].plateformes) for n in cibles],
        ]
    )
    return hashlib.sha256(contenu.encode()).hexdigest()[:16]


def _metadonnees(roue: Path):
    with zipfile.ZipFile(roue) as z:
        nom = next(
            n for n in z.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1
        )
        return email.parser.BytesParser().parsebytes(z.read(nom), headersonly=True)


def _dependances_de_la_roue(roue: Path) -> list[str]:
    return _metadonnees(roue).get_all("Requires-Dist") or []


def minimum_requis(roues: Path, python: str) -> str:
    """Le plus petit correctif de cette version de Python que toutes les roues acceptent."""
    exigences = [
        SpecifierSet(m["Requires-Python"])
        for m in map(_metadonnees, roues.glob("*.whl"))
        if m["Requires-Python"]
    ]
    for correctif in range(DERNIER_CORRECTIF + 1):
        version = f"{python}.{correctif}"
        if all(e.contains(version, prereleases=True) for e in exigences):
            return version
    raise ErreurPaquet(f"Aucune version de Python {python} n'accepte toutes les roues du paquet.")


def manques(roues: Path, cible: Cible, python: str, racine: Path = RACINE) -> list[str]:
    """Les dépendances que la cible demande et qu'aucune roue du dossier ne fournit.

    Fermeture faite comme pip la ferait sur la machine cible : marqueurs de la cible, roues
    compatibles avec ses étiquettes, versions fixées par contraintes.txt.
    """
    etiquettes, env = cible.etiquettes(python), cible.environnement(python)
    fixees = contraintes(cible, racine)
    disponibles: dict[str, list[tuple[Version, Path]]] = {}
    for roue in roues.glob("*.whl"):
        nom, version, _, tags = parse_wheel_filename(roue.name)
        if tags & etiquettes:
            disponibles.setdefault(nom, []).append((version, roue))
    a_voir = [(Requirement(r), ("",)) for r in dependances(racine)]
    vues, absentes = set(), []
    while a_voir:
        req, extras = a_voir.pop()
        if req.marker and not any(req.marker.evaluate({**env, "extra": e}) for e in extras):
            continue
        nom = canonicalize_name(req.name)
        fixe = fixees.get(nom)
        candidates = [
            (v, r)
            for v, r in disponibles.get(nom, [])
            if req.specifier.contains(v, prereleases=True)
            and (fixe is None or fixe.specifier.contains(v, prereleases=True))
        ]
        if not candidates:
            absentes.append(f"{req.name}{req.specifier}" if not fixe else str(fixe))
            continue
        cle = (nom, frozenset(req.extras))
        if cle in vues:
            continue
        vues.add(cle)
        _, roue = max(candidates)
        suivants = tuple(sorted(req.extras)) or ("",)
        a_voir += [(Requirement(r), suivants) for r in _dependances_de_la_roue(roue)]
    return sorted(set(absentes))


_BAVARD = (
    "WARNING",
    "Collecting",
    "  Downloading",
    "  Using cached",
    "Saved",
    "File was",
    "Processing",
    "Looking in",
    "Requirement",
)


def _pip_download(roues: Path, cible: Cible, python: str, exigences: list[str]) -> None:
    """Télécharge pour la cible, avec son fichier de contraintes (écrit à côté de roues/)."""
    commande = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        f"{python}.{DERNIER_CORRECTIF}",
        "-c",
        str(roues.parent / "contraintes" / f"{cible.nom}.txt"),
        "-d",
        str(roues),
        *[a for p in cible.plateformes for a in ("--platform", p)],
        *exigences,
    ]
    resultat = subprocess.run(commande, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if resultat.returncode:
        raise ErreurPaquet(
            f"Téléchargement impossible pour {cible.nom}, Python {python} "
            f"(réseau coupé, ou une version fixée sans roue pour cette cible) :\n"
            + "\n".join(
                [ligne for ligne in resultat.stdout.splitlines() if not ligne.startswith(_BAVARD)][
                    -25:
                ]
            )
        )


def telecharger_roues(
    roues: Path, pythons=PYTHONS, cibles=tuple(CIBLES), racine: Path = RACINE
) -> None:
    roues.mkdir(parents=True, exist_ok=True)
    for nom in cibles:
        cible = CIBLES[nom]
        for python in pythons:
            print(f"  roues pour {nom}, Python {python}…", flush=True)
            _pip_download(roues, cible, python, dependances(racine) + CONSTRUCTION)
            for _ in range(5):  # ce que les marqueurs de la cible demandent en plus
                absentes = manques(roues, cible, python, racine)
                if not absentes:
                    break
                print(f"    en plus pour {nom} : {', '.join(absentes)}", flush=True)
                _pip_download(roues, cible, python, absentes)
            else:
                raise ErreurPaquet(
                    f"{nom}, Python {python} : il manque encore {', '.join(absentes)}"
                )


def fichiers_du_kit(racine: Path = RACINE) -> list[str]:
    """Les fichiers du dépôt que git ne néglige pas (.gitignore), hors tests, bancs et CI."""
    try:
        sortie = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=racine,
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as erreur:
        raise ErreurPaquet(
            "Le paquet se construit depuis un clone git du dépôt (git ls-files a échoué)."
        ) from erreur
    noms = [n for n in sortie.stdout.decode().split("\0") if n]
    return [n for n in noms if n.split("/")[0] not in HORS_PAQUET and (racine / n).is_file()]


def copier_le_kit(destination: Path, racine: Path = RACINE) -> None:
    if destination.exists():
        shutil.rmtree(destination)
    for nom in fichiers_du_kit(racine):
        cible = destination / nom
        cible.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(racine / nom, cible)


LISEZMOI = """\
Atelier numérique des communes — installation sans internet
==========================================================

Ce dossier contient l'atelier et tout ce qu'il faut pour l'installer sur un
ordinateur sans connexion, avec Python {pythons}, sur :
{systemes}

1. Copiez tout le dossier « {nom} » de la clé USB vers l'ordinateur
   (par exemple dans Documents). Ne lancez pas l'atelier depuis la clé :
   vos carnets et vos exercices sont enregistrés dans ce dossier.

2. Il faut Python {pythons} sur l'ordinateur.
   Windows : l'installeur de python.org (cochez « Add python.exe to PATH »).
   macOS : l'installeur de python.org. Linux : le paquet python3 et python3-venv.
   Si Python n'est pas installé, demandez l'installeur au formateur : il ne
   se trouve pas dans ce dossier.

3. Lancez l'installation :
   Windows : double-cliquez sur « installer.bat ».
   macOS et Linux : ouvrez un terminal dans ce dossier et tapez
       sh installer.sh
   La première fois, l'installation prend quelques minutes, sans internet.
   Ensuite, l'atelier s'ouvre dans le navigateur, en français, sur la page
   d'accueil.

4. Les fois suivantes, relancez le même fichier : il ouvre directement
   l'atelier. Pour l'arrêter, fermez la fenêtre noire (ou Ctrl+C deux fois).

En cas de problème, le message affiché dit quoi faire ; gardez-le pour le
formateur. Rien de ce que vous avez écrit n'est effacé par une nouvelle
installation.

Contenu : atelier/ (leçons, exercices, données, guide du formateur),
roues/ (les bibliothèques Python, {taille}), contraintes/ (leurs versions
pour chaque système), les deux installeurs.
"""

INSTALLER_SH = """\
#!/bin/sh
# Installe l'atelier sans internet (la première fois), puis l'ouvre dans JupyterLab.
# Les options sont passées à JupyterLab (par exemple --no-browser --port=8890).
# PYTHON=/chemin/vers/python3.12 sh installer.sh choisit l'interpréteur.
set -e
cd "$(dirname "$0")"
if [ ! -f atelier/.venv/installe.txt ]; then
  INTERPRETE=""
  for essai in ${{PYTHON:-}} {commandes}; do
    if command -v "$essai" >/dev/null 2>&1 && "$essai" -c "{verification}" 2>/dev/null; then
      INTERPRETE="$essai"; break
    fi
  done
  if [ -z "$INTERPRETE" ]; then
    echo "Il faut Python {pythons} pour installer l'atelier (voir LISEZMOI.txt)."
    exit 1
  fi
  CIBLE=$("$INTERPRETE" -c "{detection}")
  if [ ! -f "contraintes/$CIBLE.txt" ]; then
    echo "Ce paquet ne couvre pas ce système ($CIBLE) : voir LISEZMOI.txt."
    exit 1
  fi
  echo "Installation de l'atelier avec $INTERPRETE, sans internet ; cela prend quelques minutes…"
  "$INTERPRETE" -m venv atelier/.venv
  atelier/.venv/bin/python -m pip install --quiet --no-index --find-links roues \\
    -c "contraintes/$CIBLE.txt" -e "atelier[guide]" || {{
    echo "L'installation a échoué : gardez ce message pour le formateur."; exit 1; }}
  echo "installé" > atelier/.venv/installe.txt
  echo "Installation terminée."
fi
if [ -n "$ATELIER_INSTALLER_SEULEMENT" ]; then exit 0; fi
exec atelier/.venv/bin/python -m atelier lab "$@"
"""

INSTALLER_BAT = """\
@echo off
rem Installe l'atelier sans internet (la premiere fois), puis l'ouvre dans JupyterLab.
chcp 65001 >nul
cd /d "%~dp0"
if exist "atelier\\.venv\\installe.txt" goto lancer
if not exist "contraintes\\windows-x86_64.txt" (
  echo Ce paquet ne couvre pas Windows : voir LISEZMOI.txt.
  pause
  exit /b 1
)
set "PYTHON="
{essais}
echo Il faut Python {pythons} pour installer l'atelier (voir LISEZMOI.txt).
pause
exit /b 1
:creer
echo Installation de l'atelier, sans internet ; cela prend quelques minutes...
%PYTHON% -m venv atelier\\.venv
if errorlevel 1 goto echec
"atelier\\.venv\\Scripts\\python.exe" -m pip install --quiet --no-index --find-links roues -c contraintes\\windows-x86_64.txt -e "atelier[guide]"
if errorlevel 1 goto echec
echo installé> "atelier\\.venv\\installe.txt"
echo Installation terminée.
:lancer
if defined ATELIER_INSTALLER_SEULEMENT exit /b 0
"atelier\\.venv\\Scripts\\python.exe" -m atelier lab %*
exit /b %errorlevel%
:echec
echo L'installation a échoué : gardez ce message pour le formateur.
if exist "atelier\\.venv" rmdir /s /q "atelier\\.venv"
pause
exit /b 1
"""


# Le nom de la cible (linux-x86_64…) pour l'interpréteur qui installe (celui de Rosetta compris).
DETECTION = (
    "import platform, sys; print({'linux': 'linux', 'darwin': 'macos', 'win32': 'windows'}"
    ".get(sys.platform, sys.platform) + '-' + {'AMD64': 'x86_64'}.get(platform.machine(), "
    "platform.machine()))"
)


def ecrire_installeurs(
    dossier: Path, minimums: dict[str, str], taille_roues: str = "", cibles=tuple(CIBLES)
) -> None:
    """minimums : pour chaque version couverte (3.11), le plus petit correctif accepté (3.11.5)."""
    pythons = list(minimums)
    liste = " ou ".join(
        p if minimums[p].endswith(".0") else f"{p} ({minimums[p]} ou plus récent)" for p in pythons
    )
    versions = ", ".join("(" + minimums[p].replace(".", ", ") + ")" for p in pythons)
    verification = (
        f"import sys; v = sys.version_info[:3]; "
        f"sys.exit(not any(v[:2] == m[:2] and v >= m for m in [{versions}]))"
    )
    commandes = " ".join([f"python{p}" for p in reversed(pythons)] + ["python3"])
    essais = "\n".join(
        f'{commande} -c "{verification}" >nul 2>&1\n'
        f'if not errorlevel 1 (set "PYTHON={commande}" & goto creer)'
        for commande in [f"py -{p}" for p in reversed(pythons)] + ["python"]
    )
    (dossier / "LISEZMOI.txt").write_text(
        LISEZMOI.format(
            pythons=liste,
            nom=dossier.name,
            taille=taille_roues,
            systemes="\n".join(f"  - {CIBLES[c].libelle}" for c in cibles),
        ),
        encoding="utf-8",
        newline="\r\n",
    )
    sh = dossier / "installer.sh"
    sh.write_text(
        INSTALLER_SH.format(
            commandes=commandes, verification=verification, pythons=liste, detection=DETECTION
        ),
        encoding="utf-8",
        newline="\n",
    )
    sh.chmod(0o755)
    (dossier / "installer.bat").write_text(
        INSTALLER_BAT.format(essais=essais, pythons=liste), encoding="utf-8", newline="\r\n"
    )


def zipper(dossier: Path) -> Path:
    archive = dossier.with_suffix(".zip")
    provisoire = archive.with_suffix(".zip.partiel")
    with zipfile.ZipFile(provisoire, "w") as z:
        for chemin in sorted(dossier.rglob("*")):
            if chemin.is_dir() or ".venv" in chemin.relative_to(dossier).parts:
                continue
            info = zipfile.ZipInfo.from_file(
                chemin, Path(dossier.name) / chemin.relative_to(dossier)
            )
            info.compress_type = (
                zipfile.ZIP_STORED if chemin.suffix == ".whl" else zipfile.ZIP_DEFLATED
            )
            with open(chemin, "rb") as f:
                z.writestr(info, f.read())
    provisoire.replace(archive)
    return archive


def tailles(roues: Path, pythons=PYTHONS, cibles=tuple(CIBLES)) -> dict[str, int]:
    """Octets par cible (roues utilisables par la cible, toutes versions de Python confondues)."""
    resultat = {}
    for nom, cible in ((n, CIBLES[n]) for n in cibles):
        etiquettes = set().union(*(cible.etiquettes(p) for p in pythons))
        resultat[nom] = sum(
            r.stat().st_size
            for r in roues.glob("*.whl")
            if parse_wheel_filename(r.name)[3] & etiquettes
        )
    return resultat


def _mo(octets: int) -> str:
    return f"{octets / 1e6:.0f} Mo"


def construire(
    sortie: Path,
    pythons=PYTHONS,
    cibles=tuple(CIBLES),
    avec_zip: bool = True,
    racine: Path = RACINE,
) -> Path:
    dossier = sortie / NOM
    roues = dossier / "roues"
    marque = roues / "empreinte.txt"
    attendue = empreinte(racine, pythons, cibles)
    ecrire_contraintes(dossier / "contraintes", cibles, racine)
    if not (marque.exists() and marque.read_text().strip() == attendue):
        print(f"Téléchargement des roues dans {roues} (réseau nécessaire)…", flush=True)
        # roues d'autres contraintes ; sans marque, un téléchargement interrompu
        if marque.exists():
            shutil.rmtree(roues)
        telecharger_roues(roues, pythons, cibles, racine)
        marque.write_text(attendue + "\n")
    else:
        print(f"Roues déjà téléchargées pour ces contraintes : {roues}")
    copier_le_kit(dossier / "atelier", racine)
    poids_roues = sum(r.stat().st_size for r in roues.glob("*.whl"))
    ecrire_installeurs(
        dossier, {p: minimum_requis(roues, p) for p in pythons}, _mo(poids_roues), cibles
    )
    poids_kit = sum(f.stat().st_size for f in (dossier / "atelier").rglob("*") if f.is_file())
    print(f"Paquet prêt : {dossier}")
    print(f"  kit : {_mo(poids_kit)} ; roues : {_mo(poids_roues)} en tout, dont par cible :")
    for nom, octets in tailles(roues, pythons, cibles).items():
        print(f"    {nom:16} {_mo(octets)}")
    lourdes = sorted(roues.glob("*.whl"), key=lambda r: r.stat().st_size, reverse=True)
    par_projet: dict[str, int] = {}
    for r in lourdes:
        projet = parse_wheel_filename(r.name)[0]
        par_projet[projet] = par_projet.get(projet, 0) + r.stat().st_size
    plus_lourds = sorted(par_projet.items(), key=lambda p: p[1], reverse=True)[:5]
    print("  les plus lourdes : " + ", ".join(f"{n} {_mo(o)}" for n, o in plus_lourds))
    if avec_zip:
        archive = zipper(dossier)
        print(f"  zip : {archive} ({_mo(archive.stat().st_size)})")
    return dossier


def main(argv: list[str] | None = None) -> int:
    from atelier.ligne_de_commande import traduire_argparse

    traduire_argparse()
    a = argparse.ArgumentParser(
        prog="python -m atelier paquet",
        description="Construit le paquet hors ligne (dossier et zip) à copier sur une clé USB.",
    )
    a.add_argument(
        "--sortie",
        type=Path,
        default=RACINE.parent,
        help=f"dossier où écrire {NOM}/ et {NOM}.zip (par défaut : à côté du dépôt)",
    )
    a.add_argument(
        "--pythons",
        default=",".join(PYTHONS),
        help="versions de Python couvertes, séparées par des virgules",
    )
    a.add_argument(
        "--cibles", default=",".join(CIBLES), help="systèmes couverts, parmi : " + ", ".join(CIBLES)
    )
    a.add_argument("--sans-zip", action="store_true", help="ne pas construire le zip")
    options = a.parse_args(argv)
    pythons = tuple(p.strip() for p in options.pythons.split(",") if p.strip())
    cibles = tuple(c.strip() for c in options.cibles.split(",") if c.strip())
    inconnues = [c for c in cibles if c not in CIBLES]
    if inconnues:
        a.error(f"cible inconnue : {', '.join(inconnues)} (possibles : {', '.join(CIBLES)})")
    try:
        construire(options.sortie.resolve(), pythons, cibles, not options.sans_zip)
    except ErreurPaquet as erreur:
        print(f"Paquet non construit : {erreur}", file=sys.stderr)
        return 1
    return 0
