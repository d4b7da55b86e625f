"""Ramasser des copies sans JupyterHub : depuis un dossier ou une archive zip.

Dispositions acceptées (``<id>`` est l'identifiant du participant dans la liste) :

- ``<id>/<carnet>.ipynb`` (un dossier par participant, fichiers d'accompagnement compris) ;
- ``<id>/<exercice>/<carnet>.ipynb`` (le dossier de l'exercice copié tel quel) ;
- ``<id>_<carnet>.ipynb`` ou ``<id>-<carnet>.ipynb`` à plat, ou ``<id>.ipynb``
  quand l'exercice n'a qu'un carnet.

Chaque copie va dans ``submitted/<id>/<exercice>/`` avec son heure
(``timestamp.txt``). Une copie déjà ramassée et identique n'est pas recopiée ;
une copie différente remplace l'ancienne, qui est gardée dans
``correction_atelier/anciennes_copies/``.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from atelier.formateur.cours import ETAT, ErreurFormateur, Participant, carnets, empreinte

IDENTIFIANT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
TAILLE_MAX_ZIP = 500 * 1024 * 1024


def _horodatage(secondes: float) -> str:
    return datetime.datetime.fromtimestamp(secondes, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def _extraire(archive: Path, cible: Path) -> None:
    """Extrait le zip en refusant les chemins qui sortiraient du dossier (« zip slip »)."""
    with zipfile.ZipFile(archive) as z:
        if sum(i.file_size for i in z.infolist()) > TAILLE_MAX_ZIP:
            raise ErreurFormateur(f"{archive.name} : archive trop grosse une fois décompressée.")
        for info in z.infolist():
            nom = Path(info.filename)
            if info.is_dir() or nom.is_absolute() or ".." in nom.parts or nom.parts[0] == "__MACOSX":
                continue
            destination = cible / nom
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(z.read(info))
            horaire = datetime.datetime(*info.date_time).timestamp()
            os.utime(destination, (horaire, horaire))


def _racine(dossier: Path, exercice: str, noms: list[str]) -> Path:
    """Un zip contient souvent un dossier englobant : on y descend, sauf si c'est déjà
    le dossier d'un participant (il contient l'exercice ou ses carnets)."""
    contenu = [p for p in dossier.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if len(contenu) == 1 and contenu[0].is_dir():
        seul = contenu[0]
        if not (seul / exercice).is_dir() and not any((seul / f"{n}.ipynb").exists() for n in noms):
            return seul
    return dossier


def _trouver(dossier: Path, exercice: str, noms: list[str]) -> dict[str, dict[Path, Path]]:
    """Participant -> {fichier trouvé: chemin relatif dans la copie}."""
    trouve: dict[str, dict[Path, Path]] = {}
    for element in sorted(dossier.iterdir()):
        if element.name.startswith("."):
            continue
        if element.is_dir():
            base = element / exercice if (element / exercice).is_dir() else element
            fichiers = {
                f: f.relative_to(base) for f in base.rglob("*")
                if f.is_file() and ".ipynb_checkpoints" not in f.parts and not f.is_symlink()
            }
            trouve[element.name] = fichiers
        elif element.suffix == ".ipynb":
            tige = element.stem
            for nom in sorted(noms, key=len, reverse=True):
                for sep in ("_", "-"):
                    if tige.endswith(sep + nom):
                        trouve.setdefault(tige[: -len(nom) - 1], {})[element] = Path(f"{nom}.ipynb")
                        break
                else:
                    continue
                break
            else:
                if len(noms) == 1:
                    trouve.setdefault(tige, {})[element] = Path(f"{noms[0]}.ipynb")
    return trouve


def ramasser_fichiers(
    cours: Path, exercice: str, source: Path, participants: dict[str, Participant] | None = None
) -> list[str]:
    """Range les copies de ``source`` (dossier ou .zip) dans ``submitted/`` ; renvoie le compte rendu."""
    if not source.exists():
        raise ErreurFormateur(f"Introuvable : {source}")
    noms = carnets(cours, exercice)
    with tempfile.TemporaryDirectory(prefix="atelier-ramassage-") as tmp:
        if source.is_file():
            if not zipfile.is_zipfile(source):
                raise ErreurFormateur(f"{source.name} n'est pas une archive zip.")
            _extraire(source, Path(tmp))
            dossier = _racine(Path(tmp), exercice, noms)
        else:
            dossier = source
        lignes = []
        for ident, fichiers in _trouver(dossier, exercice, noms).items():
            lignes.append(_ranger(cours, exercice, ident, fichiers, noms, participants))
    return lignes


def _ranger(cours, exercice, ident, fichiers, noms, participants) -> str:
    if not IDENTIFIANT.match(ident):
        return f"{ident} : nom de participant invalide, copie ignorée."
    if participants and ident not in participants:
        return f"{ident} : absent de la liste des participants, copie ignorée (vérifiez le nom du fichier)."
    if not any(rel.suffix == ".ipynb" and rel.stem in noms for rel in fichiers.values()):
        remarque = " (aucun carnet de l'exercice trouvé)"
    else:
        remarque = ""
    with tempfile.TemporaryDirectory(prefix="atelier-copie-") as tmp:
        nouvelle = Path(tmp) / exercice
        nouvelle.mkdir()
        for fichier, relatif in fichiers.items():
            (nouvelle / relatif).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fichier, nouvelle / relatif)
        dates = [f.stat().st_mtime for f in fichiers] or [datetime.datetime.now().timestamp()]
        (nouvelle / "timestamp.txt").write_text(_horodatage(max(dates)), encoding="utf-8")
        cible = cours / "submitted" / ident / exercice
        sans_heure = frozenset({"timestamp.txt"})
        if cible.exists() and empreinte(cible, sans_heure) == empreinte(nouvelle, sans_heure):
            return f"{ident} : déjà ramassée, identique{remarque}."
        etat = "ramassée"
        if cible.exists():
            archive = cours / ETAT / "anciennes_copies" / ident / exercice / datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            archive.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(cible), archive)
            etat = "remplacée par la nouvelle version (l'ancienne est gardée)"
        cible.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(nouvelle, cible)
    return f"{ident} : {etat}{remarque}."

