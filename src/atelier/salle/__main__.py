"""Commande de la salle : ``python -m atelier.salle installer|demarrer|retirer``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from atelier.salle import cartes, installation
from atelier.salle.liste import ListeInvalide, lire_liste

DOSSIER = "/srv/atelier-salle"
KIT = "/opt/atelier-numerique"


def _installer(args) -> int:
    personnes = lire_liste(Path(args.liste), prefixe=args.prefixe)
    salle, mots_de_passe = installation.installer(
        personnes, Path(args.dossier), Path(args.kit) / "kit", Path(args.venv or Path(args.kit) / "venv"),
        sources_exercices=Path(args.exercices) if args.exercices else None,
        prefixe=args.prefixe, homes=Path(args.homes), cours_id=args.cours, ip=args.ip,
        port=args.port, port_hub=args.port_hub, port_api_proxy=args.port_api, port_applis=args.port_applis, url=args.url,
        solutions=args.solutions,
    )
    planche = cartes.ecrire_cartes(salle.personnes, mots_de_passe, salle.url, salle.cartes / "cartes-connexion.html")
    nouveaux = sum(1 for v in mots_de_passe.values() if v)
    print(f"Salle prête dans {salle.dossier} : {len(salle.participants)} participants, "
          f"{len(salle.formateurs)} formateurs ({nouveaux} comptes créés).")
    print(f"Cartes de connexion à imprimer : {planche}")
    print(f"Adresse du hub : {salle.url}")
    return 0


def _demarrer(args) -> int:
    salle = installation.Salle.charger(Path(args.dossier) / "salle.json")
    os.chdir(salle.hub)
    commande = installation.commande_hub(salle)
    print(f"JupyterHub de la salle sur {salle.url} (Ctrl + C pour arrêter).", flush=True)
    os.execve(commande[0], commande, installation.environnement_hub(salle))


def _retirer(args) -> int:
    salle = installation.Salle.charger(Path(args.dossier) / "salle.json")
    installation.retirer(salle, garder_dossier=args.garder_dossier)
    print(f"Comptes et dossiers de la salle {salle.dossier} supprimés.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m atelier.salle", description="Le JupyterHub d'une salle d'atelier (à lancer en root)."
    )
    sous = parser.add_subparsers(dest="commande", required=True)

    p = sous.add_parser("installer", help="crée les comptes, le cours, l'échange et les cartes de connexion")
    p.add_argument("--liste", required=True, help="fichier CSV : id,nom,commune,role")
    p.add_argument("--dossier", default=DOSSIER, help=f"dossier de la salle (défaut : {DOSSIER})")
    p.add_argument("--kit", default=KIT, help=f"où installer le kit, lisible par tous (défaut : {KIT})")
    p.add_argument("--venv", help="environnement Python déjà prêt à réutiliser (défaut : <kit>/venv)")
    p.add_argument("--exercices", help="dossier des sources d'exercices (défaut : exercises/source du kit)")
    p.add_argument("--prefixe", default="", help="préfixe ajouté aux identifiants (plusieurs salles sur une machine)")
    p.add_argument("--homes", default="/home", help="où créer les dossiers personnels (défaut : /home)")
    p.add_argument("--cours", default="atelier-numerique", help="identifiant du cours nbgrader")
    p.add_argument("--ip", default="0.0.0.0", help="adresse d'écoute du hub (défaut : toutes)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--port-hub", type=int, default=8081)
    p.add_argument("--port-api", type=int, default=8001)
    p.add_argument("--port-applis", type=int, default=8002, help="port local du Voilà partagé (applications)")
    p.add_argument("--url", default="", help="adresse imprimée sur les cartes (ex. http://192.168.1.10:8000/)")
    p.add_argument("--solutions", action="store_true",
                   help="montrer les solutions aux participants qui les demandent (par défaut : séance notée, "
                        "indices seulement)")
    p.set_defaults(fonction=_installer)

    p = sous.add_parser("demarrer", help="lance le JupyterHub de la salle")
    p.add_argument("--dossier", default=DOSSIER)
    p.set_defaults(fonction=_demarrer)

    p = sous.add_parser("retirer", help="supprime les comptes de la salle et leurs dossiers")
    p.add_argument("--dossier", default=DOSSIER)
    p.add_argument("--garder-dossier", action="store_true", help="garder le dossier de la salle (copies, notes)")
    p.set_defaults(fonction=_retirer)

    args = parser.parse_args(argv)
    try:
        return args.fonction(args)
    except (ListeInvalide, RuntimeError) as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
