"""Le dossier du cours nbgrader : configuration, exercices, copies, liste des participants."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Sous-dossier du cours où la commande garde l'état des corrections (statuts, journaux).
ETAT = "correction_atelier"


class ErreurFormateur(Exception):
    """Une erreur à montrer telle quelle au formateur (message en français)."""


def preparer_path() -> None:
    """nbgrader appelle la commande « alembic » installée à côté de Python."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def charger_config(cours: Path):
    """La configuration nbgrader, comme la commande « nbgrader » la lit : les
    ``nbgrader_config.py`` des dossiers de configuration de Jupyter (sur le hub de la
    salle : dossier partagé par les formateurs, échange, groupes), puis celui du cours,
    qui l'emporte."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    preparer_path()
    config = Config()
    dossiers = [*reversed(jupyter_config_path()), str(cours)]  # du moins au plus prioritaire
    for dossier in dict.fromkeys(dossiers):
        if (Path(dossier) / "nbgrader_config.py").exists():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=dossier).load_config())
    config.CourseDirectory.root = str(cours)
    return config


def api(cours: Path, config=None):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = config if config is not None else charger_config(cours)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def exercices_dans(source: Path) -> list[str]:
    """Les exercices d'un dossier de sources : chaque sous-dossier qui contient au moins un carnet."""
    if not source.is_dir():
        return []
    return sorted(d.name for d in source.iterdir() if d.is_dir() and any(d.glob("*.ipynb")))


def exercices(cours: Path) -> list[str]:
    """Les exercices du cours (son dossier ``source/``)."""
    return exercices_dans(cours / "source")


def carnets(cours: Path, exercice: str) -> list[str]:
    """Noms (sans .ipynb) des carnets notés d'un exercice, d'après la source."""
    return sorted(p.stem for p in (cours / "source" / exercice).glob("*.ipynb"))


def verifier_exercice(cours: Path, exercice: str) -> None:
    if exercice not in exercices(cours):
        connus = ", ".join(exercices(cours)) or "aucun"
        raise ErreurFormateur(f"Exercice inconnu : « {exercice} » (exercices du cours : {connus}).")


@dataclass(frozen=True)
class Copie:
    participant: str
    exercice: str

    def dossier(self, cours: Path) -> Path:
        return cours / "submitted" / self.participant / self.exercice


def copies(cours: Path, exercice: str | None = None, participant: str | None = None) -> list[Copie]:
    """Les copies ramassées dans ``submitted/<participant>/<exercice>/``."""
    racine = cours / "submitted"
    if not racine.is_dir():
        return []
    trouvees = []
    for dossier in sorted(racine.glob("*/*")):
        if not dossier.is_dir():
            continue
        copie = Copie(dossier.parent.name, dossier.name)
        if (exercice and copie.exercice != exercice) or (
            participant and copie.participant != participant
        ):
            continue
        trouvees.append(copie)
    return trouvees


def empreinte(dossier: Path, ignorer: frozenset[str] = frozenset()) -> str:
    """Empreinte SHA-256 de tout le contenu d'un dossier (noms et octets)."""
    h = hashlib.sha256()
    if not dossier.exists():
        return ""
    for fichier in sorted(p for p in dossier.rglob("*") if p.is_file() and p.name not in ignorer):
        h.update(str(fichier.relative_to(dossier)).encode())
        h.update(b"\0")
        h.update(fichier.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class Participant:
    id: str
    nom: str
    commune: str
    role: str
    departement: str = ""


def lire_participants(chemin: Path | None) -> dict[str, Participant]:
    """Les participants de la liste de la salle (le même fichier que pour ``make salle``).

    Lue par ``atelier.salle.liste`` (export Excel accepté : « ; », Windows-1252, BOM) ;
    les formateurs de la liste sont laissés de côté : ce ne sont pas des participants.
    """
    from atelier.salle.liste import ListeInvalide, lire_liste

    if chemin is None:
        return {}
    try:
        personnes = lire_liste(chemin, exiger_formateur=False)
    except ListeInvalide as erreur:
        raise ErreurFormateur(str(erreur)) from None
    return {
        p.identifiant: Participant(p.identifiant, p.nom, p.commune, p.role, p.departement)
        for p in personnes
        if not p.formateur
    }
