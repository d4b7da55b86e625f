"""python -m atelier.plan --commune Kandi --sortie dossier : le volet numérique du PDC, en trois fichiers."""

from __future__ import annotations

import argparse
import sys
import time

from atelier.erreurs import ErreurAtelier, nombre_fr
from atelier.ligne_de_commande import traduire_argparse


def analyseur() -> argparse.ArgumentParser:
    traduire_argparse()
    a = argparse.ArgumentParser(
        prog="python -m atelier.plan",
        description="Écrit le volet numérique du plan de développement communal d'une commune : note au "
        "conseil (Word et PDF) et tableau des actions (Excel), avec les choix notés pendant l'atelier.",
    )
    a.add_argument("--commune", help="la commune (par défaut : celle de votre plan)")
    a.add_argument(
        "--sortie", default=".", help="dossier où écrire les trois fichiers (par défaut : ici)"
    )
    a.add_argument(
        "--plan",
        help="fichier du plan à lire (par défaut : ~/mon_plan_numerique.json ou ATELIER_PLAN)",
    )
    return a


def main(argv: list[str] | None = None) -> int:
    options = analyseur().parse_args(argv)
    from atelier.plan import Plan, produire_document

    debut = time.perf_counter()
    try:
        plan = Plan.ouvrir(None, options.plan)  # sans commune : ouvrir n'écrit rien
        if plan.avertissement:
            print(plan.avertissement, file=sys.stderr)
        fichiers = produire_document(options.commune, options.sortie, plan)
    except ErreurAtelier as erreur:
        print(erreur, file=sys.stderr)
        return 1
    except OSError as erreur:
        print(
            f"Impossible d'écrire dans « {options.sortie} » : {erreur.strerror}.", file=sys.stderr
        )
        return 1
    for chemin in fichiers.values():
        print(f"✓ {chemin}")
    print(f"Écrit en {nombre_fr(time.perf_counter() - debut, 1)} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
