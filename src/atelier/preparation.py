"""Prépare les versions participant des exercices notés.

``python -m atelier.preparation`` (lancé par ``make lab``) :

1. produit, avec nbgrader, la version participant de chaque exercice de
   ``exercises/source/`` dans ``exercises/release/`` (solutions et tests
   cachés retirés), seulement quand la source a changé ;
2. copie chaque exercice dans ``mes_exercices/`` s'il n'y est pas encore.
   Une copie existante n'est jamais remplacée : c'est le travail du participant.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from atelier.chemins import COURS, MES_EXERCICES
from atelier.formateur.cours import api, exercices


def _date_plus_recente(dossier: Path) -> float:
    dates = [f.stat().st_mtime for f in dossier.rglob("*") if f.is_file()]
    return max(dates, default=0.0)


def a_jour(identifiant: str, cours: Path = COURS) -> bool:
    """Vrai si la version participant est plus récente que sa source."""
    release = cours / "release" / identifiant
    if not release.is_dir():
        return False
    return _date_plus_recente(release) >= _date_plus_recente(cours / "source" / identifiant)


def generer(
    identifiants: list[str] | None = None, cours: Path = COURS, forcer: bool = False
) -> list[str]:
    """Produit la version participant des exercices ; renvoie ceux qui ont été (re)générés.

    Lève ``RuntimeError`` avec le journal de nbgrader si un exercice échoue.
    """
    identifiants = identifiants or exercices(cours)
    a_faire = [i for i in identifiants if forcer or not a_jour(i, cours)]
    if not a_faire:
        return []
    api_nbgrader = api(cours)
    for identifiant in a_faire:
        resultat = api_nbgrader.generate_assignment(identifiant, force=True)
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
    for identifiant in identifiants or exercices(cours):
        cible = destination / identifiant
        if cible.exists():
            continue
        shutil.copytree(cours / "release" / identifiant, cible)
        copies.append(identifiant)
    return copies


def main() -> int:
    identifiants = exercices(COURS)
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
