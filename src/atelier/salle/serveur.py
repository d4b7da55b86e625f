"""Lancé sous le compte de la personne, juste avant son serveur Jupyter.

1. Copie les leçons du kit dans ``~/notebooks/`` quand elles n'y sont pas encore
   (une copie existante n'est jamais remplacée : ce sont les notes de la personne).
2. Pour un formateur, relie ``~/cours`` au dossier du cours (formgrader).
3. Remplace ce processus par ``jupyterhub-singleuser`` (aucun coût mémoire).

Tout se fait avec les droits de la personne, jamais ceux de root.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

IGNORES = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")


def copier_lecons(kit: Path, home: Path) -> list[str]:
    source, cible = kit / "notebooks", home / "notebooks"
    copiees = []
    if not source.is_dir():
        return copiees
    for fichier in sorted(source.rglob("*")):
        if not fichier.is_file() or ".ipynb_checkpoints" in fichier.parts:
            continue
        destination = cible / fichier.relative_to(source)
        if destination.exists() or destination.is_symlink():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fichier, destination)
        copiees.append(str(destination.relative_to(home)))
    return copiees


def main() -> None:
    home = Path.home()
    kit = Path(os.environ["ATELIER_RACINE"])
    copier_lecons(kit, home)
    if os.environ.get("ATELIER_ROLE") == "formateur":
        lien = home / "cours"
        if not lien.exists() and not lien.is_symlink():
            lien.symlink_to(os.environ["ATELIER_COURS_DOSSIER"])
    executable = Path(sys.executable).parent / "jupyterhub-singleuser"
    os.execv(str(executable), [str(executable), *sys.argv[1:]])


if __name__ == "__main__":
    main()
