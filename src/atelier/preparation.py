"""Prépare les versions participant des exercices notés.

``python -m atelier.preparation`` (lancé par ``make lab``) :

1. produit, avec nbgrader, la version participant de chaque exercice de
   ``exercises/source/`` dans ``exercises/release/`` (solutions et tests
   cachés retirés), seulement quand la source a changé ;
2. copie chaque exercice dans ``mes_exercices/`` s'il n'y est pas encore.
   Une copie existante n'est jamais remplacée : c'est le travail du participant.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from atelier.chemins import COURS, MES_EXERCICES


def identifiants_exercices(cours: Path = COURS) -> list[str]:
    """Les exercices présents dans ``source/`` (un dossier par exercice)."""
    source = cours / "source"
    if not source.is_dir():
        return []
    return sorted(
        d.name for d in source.iterdir() if d.is_dir() and any(d.glob("*.ipynb"))
    )


def _date_plus_recente(dossier: Path) -> float:
    dates = [f.stat().st_mtime for f in dossier.rglob("*") if f.is_file()]
    return max(dates, default=0.0)


def a_jour(identifiant: str, cours: Path = COURS) -> bool:
    """Vrai si la version participant est plus récente que sa source."""
    release = cours / "release" / identifiant
    if not release.is_dir():
        return False
    return _date_plus_recente(release) >= _date_plus_recente(cours / "source" / identifiant)


def _api_nbgrader(cours: Path):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    # nbgrader appelle la commande « alembic » installée à côté de Python.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    config = PyFileConfigLoader("nbgrader_config.py", path=str(cours)).load_config()
    config.CourseDirectory.root = str(cours)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def generer(identifiants: list[str] | None = None, cours: Path = COURS, forcer: bool = False) -> list[str]:
    """Produit la version participant des exercices ; renvoie ceux qui ont été (re)générés.

    Lève ``RuntimeError`` avec le journal de nbgrader si un exercice échoue.
    """
    identifiants = identifiants or identifiants_exercices(cours)
    a_faire = [i for i in identifiants if forcer or not a_jour(i, cours)]
    if not a_faire:
        return []
    api = _api_nbgrader(cours)
    for identifiant in a_faire:
        resultat = api.generate_assignment(identifiant, force=True)
        if not resultat["success"]:
            raise RuntimeError(
                f"La préparation de l'exercice « {identifiant} » a échoué :\n"
                f"{resultat.get('log', '')}\n{resultat.get('error', '')}"
            )
    return a_faire


def copier_pour_le_participant(
    identifiants: list[str] | None = None, cours: Path = COURS, destination: Path = MES_EXERCICES
) -> list[str]:
    """Copie les exercices absents de ``destination`` ; ne remplace jamais une copie existante."""
    copies = []
    for identifiant in identifiants or identifiants_exercices(cours):
        cible = destination / identifiant
        if cible.exists():
            continue
        shutil.copytree(cours / "release" / identifiant, cible)
        copies.append(identifiant)
    return copies


def main() -> int:
    identifiants = identifiants_exercices()
    if not identifiants:
        print("Aucun exercice dans exercises/source/ pour l'instant.")
        return 0
    generes = generer(identifiants)
    for identifiant in generes:
        print(f"Exercice préparé : {identifiant}")
    for identifiant in copier_pour_le_participant(identifiants):
        print(f"Votre copie de travail : mes_exercices/{identifiant}/")
    print("Exercices prêts. Votre travail se trouve dans le dossier mes_exercices/.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
