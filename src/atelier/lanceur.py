"""Le lanceur de l'atelier, le même sous Windows, macOS et Linux.

    python -m atelier lab          ouvre l'atelier dans JupyterLab, en français
    python -m atelier applis       ouvre les applications sans code (Voilà)
    python -m atelier exercices    prépare les exercices et les copies de travail
    python -m atelier guide        construit le guide du formateur imprimable
    python -m atelier plan         écrit le volet numérique du PDC d'une commune (Word, PDF, Excel)
    python -m atelier paquet       construit le paquet hors ligne (clé USB) : voir atelier.paquet

Le Makefile n'est qu'un raccourci vers ces commandes. Ici, rien ne dépend du
système : chemins par ``pathlib``, séparateur de ``PATH`` par ``os.pathsep``,
aucun shell. Le seul appel propre à Unix (ne pas refuser root, ``--allow-root``)
passe par ``_est_root``. La salle (JupyterHub) et le bac à sable de correction
restent réservés à Linux : ``python -m atelier salle`` le dit ailleurs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from atelier.chemins import RACINE
from atelier.ligne_de_commande import traduire_argparse

ACCUEIL = "notebooks/00_accueil.ipynb"


def environnement(racine: Path = RACINE, base: dict[str, str] | None = None) -> dict[str, str]:
    """Les réglages du kit pour Jupyter : dans le dépôt, jamais dans le dossier personnel."""
    env = dict(os.environ if base is None else base)
    etat = racine / ".etat" / "lab"
    env.update(
        JUPYTER_CONFIG_DIR=str(racine / "config" / "jupyter"),
        JUPYTERLAB_SETTINGS_DIR=str(etat / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(etat / "workspaces"),
        # L'onglet des devoirs de nbgrader en français (atelier.nbgrader_fr), puis le noyau et
        # les gabarits du kit.
        JUPYTER_PATH=os.pathsep.join(
            [str(racine / ".etat" / "jupyter-fr"), str(racine / "config" / "jupyter-data")]
        ),
    )
    # nbgrader appelle « alembic », installé à côté de Python : ce dossier passe en tête du PATH.
    dossier_python = str(Path(sys.executable).parent)
    chemins = [c for c in env.get("PATH", "").split(os.pathsep) if c and c != dossier_python]
    env["PATH"] = os.pathsep.join([dossier_python, *chemins])
    return env


def _est_root() -> bool:
    """Vrai sous Unix en root (Windows n'a pas d'identifiant d'utilisateur numérique)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def commande_lab(racine: Path = RACINE, options: list[str] | None = None) -> list[str]:
    commande = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={racine}",
        f"--LabApp.default_url=/lab/tree/{ACCUEIL}",
    ]
    if _est_root():
        commande.append("--allow-root")
    return commande + list(options or [])


def commande_applis(racine: Path = RACINE, options: list[str] | None = None) -> list[str]:
    return [
        sys.executable,
        "-m",
        "voila",
        str(racine / "notebooks" / "applications"),
        *(options or []),
    ]


def _lancer(commande: list[str], racine: Path, role: str | None = None) -> int:
    env = environnement(racine)
    if role:
        env["ATELIER_ROLE"] = role
    try:
        return subprocess.call(commande, env=env, cwd=racine)
    except KeyboardInterrupt:
        print("\nAtelier arrêté. Vos carnets enregistrés sont gardés.")
        return 0


def _exercices() -> int:
    from atelier import preparation

    try:
        return preparation.main()
    except RuntimeError as erreur:
        print(erreur, file=sys.stderr)
        return 1


def _salle(options: list[str]) -> int:
    if not sys.platform.startswith("linux"):
        print(
            "La salle d'atelier (JupyterHub, comptes par personne, correction isolée) ne tourne que "
            "sur un serveur Linux. Sur cet ordinateur, utilisez « python -m atelier lab » : "
            "leçons, exercices et correction immédiate marchent sans la salle.",
            file=sys.stderr,
        )
        return 2
    from atelier.salle.__main__ import main

    return main(options)


def analyseur() -> argparse.ArgumentParser:
    traduire_argparse()
    a = argparse.ArgumentParser(
        prog="python -m atelier",
        description="Atelier numérique des communes : ouvrir l'atelier, les applications, préparer les exercices.",
    )
    etapes = a.add_subparsers(dest="etape", metavar="ÉTAPE", required=True)
    etapes.add_parser(
        "lab",
        help="ouvre l'atelier dans JupyterLab, en français (prépare d'abord les exercices) ; "
        "--formateur : avec les outils de correction",
    )
    etapes.add_parser(
        "applis", help="ouvre les applications sans code (fiche commune, simulateurs)"
    )
    etapes.add_parser("exercices", help="prépare les exercices et vos copies dans mes_exercices/")
    etapes.add_parser("guide", help="construit le guide du formateur (HTML et PDF)")
    etapes.add_parser("salle", help="JupyterHub d'une salle (serveur Linux, en root)")
    etapes.add_parser(
        "plan",
        help="écrit le volet numérique du PDC d'une commune : --commune Kandi --sortie DOSSIER",
    )
    etapes.add_parser(
        "paquet", help="construit le paquet hors ligne à copier sur une clé USB (réseau nécessaire)"
    )
    return a


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "aide"):
        analyseur().print_help()
        return 0 if argv else 2
    # Ce qui suit l'étape va tel quel à JupyterLab, Voilà, au guide ou à la salle.
    options = analyseur().parse_args(argv[:1])
    suite = argv[1:]
    if options.etape == "lab":
        # --formateur : le formgrader et la création d'exercices, pour noter sur son portable.
        role = "formateur" if "--formateur" in suite else None
        suite = [o for o in suite if o != "--formateur"]
        code = _exercices()
        if not code:
            from atelier.nbgrader_fr import preparer

            preparer(RACINE / ".etat" / "jupyter-fr")
        return code or _lancer(commande_lab(RACINE, suite), RACINE, role)
    if options.etape == "applis":
        return _lancer(commande_applis(RACINE, suite), RACINE)
    if options.etape == "exercices":
        return _exercices()
    if options.etape == "guide":
        from atelier.guide import main as guide

        return guide(suite)
    if options.etape == "plan":
        from atelier.plan.__main__ import main as plan

        return plan(suite)
    if options.etape == "paquet":
        from atelier.paquet import main as paquet

        return paquet(suite)
    return _salle(suite)
