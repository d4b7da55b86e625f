"""Commande de la salle : ``python -m atelier.salle installer|demarrer|arreter|redemarrer|etat|retirer``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atelier.ligne_de_commande import traduire_argparse
from atelier.salle import cartes, installation, service
from atelier.salle.liste import ListeInvalide, lire_liste

DOSSIER = "/srv/atelier-salle"
KIT = "/opt/atelier-numerique"


def _installer(args) -> int:
    personnes = lire_liste(Path(args.liste), prefixe=args.prefixe)
    salle, mots_de_passe = installation.installer(
        personnes,
        Path(args.dossier),
        Path(args.kit) / "kit",
        Path(args.venv or Path(args.kit) / "venv"),
        sources_exercices=Path(args.exercices) if args.exercices else None,
        prefixe=args.prefixe,
        homes=Path(args.homes),
        cours_id=args.cours,
        ip=args.ip,
        port=args.port,
        port_hub=args.port_hub,
        port_api_proxy=args.port_api,
        port_applis=args.port_applis,
        port_depot=args.port_depot,
        url=args.url,
        solutions=args.solutions,
        venv_a_retirer=not args.venv,
    )
    planche = cartes.ecrire_cartes(
        salle.personnes, mots_de_passe, salle.url, salle.cartes / "cartes-connexion.html"
    )
    nouveaux = sum(1 for v in mots_de_passe.values() if v)
    print(
        f"Salle prête dans {salle.dossier} : {len(salle.participants)} participants, "
        f"{len(salle.formateurs)} formateurs ({nouveaux} comptes créés)."
    )
    print(f"Cartes de connexion à imprimer : {planche}")
    print(f"Adresse du hub : {salle.url}")
    _avertir_si_locale(salle.url)
    return 0


def _avertir_si_locale(url: str, verifier_machine: bool = False) -> None:
    avertissement = cartes.avertissement_adresse(url, verifier_machine=verifier_machine)
    if avertissement:
        print(f"\n{'!' * 72}\n{avertissement}\n{'!' * 72}\n", file=sys.stderr, flush=True)


def _salle(args) -> installation.Salle:
    fichier = Path(args.dossier) / "salle.json"
    if not fichier.exists():
        raise RuntimeError(
            f"Aucune salle installée dans {args.dossier} (pas de salle.json) : "
            "lancez d'abord « python -m atelier.salle installer --liste ma-salle.csv »."
        )
    return installation.Salle.charger(fichier)


def _demarrer(args) -> int:
    salle = _salle(args)
    _avertir_si_locale(salle.url, verifier_machine=True)
    if args.fond:
        pid = service.demarrer_en_fond(salle)
        print(f"JupyterHub de la salle démarré en arrière-plan sur {salle.url} (processus {pid}).")
        print(f"Journal : {service.journal(salle)} · arrêt : python -m atelier.salle arreter")
        return 0
    print(f"JupyterHub de la salle sur {salle.url} (Ctrl + C pour arrêter).", flush=True)
    return service.demarrer_au_premier_plan(salle)


def _arreter(args) -> int:
    salle = _salle(args)
    if service.arreter(salle):
        print("Hub de la salle arrêté.")
    else:
        print("Le hub de la salle ne tournait pas.")
    return 0


def _redemarrer(args) -> int:
    _arreter(args)
    args.fond = True
    return _demarrer(args)


def _etat(args) -> int:
    salle = _salle(args)
    processus = service.processus_du_hub(salle)
    if processus is None:
        print(
            "Le hub de la salle est arrêté. Pour le lancer : python -m atelier.salle demarrer --fond"
        )
        return 3
    reponse = "répond" if service.repond(salle) else "NE RÉPOND PAS (voir le journal)"
    print(f"Le hub de la salle tourne (processus {processus.pid}) et {reponse} sur {salle.url}")
    print(
        f"{len(salle.participants)} participants, {len(salle.formateurs)} formateurs · "
        f"journal : {service.journal(salle)}"
    )
    return 0


def _retirer(args) -> int:
    salle = _salle(args)
    if service.arreter(salle):
        print("Hub de la salle arrêté.")
    installation.retirer(salle, garder_dossier=args.garder_dossier, garder_kit=args.garder_kit)
    retires = ["comptes et dossiers personnels", "groupes", f"script de connexion ({salle.profil})"]
    if not args.garder_kit:
        retires.append(f"kit ({salle.kit})")
        if salle.venv_a_retirer:
            retires.append(f"environnement Python ({salle.venv})")
    if not args.garder_dossier:
        retires.append(f"dossier de la salle ({salle.dossier})")
    print("Salle retirée. Supprimés : " + ", ".join(retires) + ".")
    return 0


def main(argv: list[str] | None = None) -> int:
    traduire_argparse()
    parser = argparse.ArgumentParser(
        prog="python -m atelier.salle",
        description="Le JupyterHub d'une salle d'atelier (à lancer en root).",
    )
    sous = parser.add_subparsers(dest="commande", required=True)

    p = sous.add_parser(
        "installer", help="crée les comptes, le cours, l'échange et les cartes de connexion"
    )
    p.add_argument("--liste", required=True, help="fichier CSV : id,nom,commune,role")
    p.add_argument("--dossier", default=DOSSIER, help=f"dossier de la salle (défaut : {DOSSIER})")
    p.add_argument(
        "--kit", default=KIT, help=f"où installer le kit, lisible par tous (défaut : {KIT})"
    )
    p.add_argument(
        "--venv", help="environnement Python déjà prêt à réutiliser (défaut : <kit>/venv)"
    )
    p.add_argument(
        "--exercices", help="dossier des sources d'exercices (défaut : exercises/source du kit)"
    )
    p.add_argument(
        "--prefixe",
        default="",
        help="préfixe ajouté aux identifiants (plusieurs salles sur une machine)",
    )
    p.add_argument(
        "--homes", default="/home", help="où créer les dossiers personnels (défaut : /home)"
    )
    p.add_argument("--cours", default="atelier-numerique", help="identifiant du cours nbgrader")
    p.add_argument("--ip", default="0.0.0.0", help="adresse d'écoute du hub (défaut : toutes)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--port-hub", type=int, default=8081)
    p.add_argument("--port-api", type=int, default=8001)
    p.add_argument(
        "--port-applis", type=int, default=8002, help="port local du Voilà partagé (applications)"
    )
    p.add_argument(
        "--port-depot", type=int, default=8003, help="port local du dépôt des copies remises"
    )
    p.add_argument(
        "--url", default="", help="adresse imprimée sur les cartes (ex. http://192.168.1.10:8000/)"
    )
    p.add_argument(
        "--solutions",
        action="store_true",
        help="montrer les solutions aux participants qui les demandent (par défaut : séance notée, "
        "indices seulement)",
    )
    p.set_defaults(fonction=_installer)

    p = sous.add_parser(
        "demarrer", help="lance le JupyterHub de la salle (Ctrl + C pour l'arrêter)"
    )
    p.add_argument("--dossier", default=DOSSIER)
    p.add_argument(
        "--fond",
        action="store_true",
        help="en arrière-plan : rend la main, survit à la fermeture du terminal (journal : <dossier>/hub/hub.log)",
    )
    p.set_defaults(fonction=_demarrer)

    for nom, aide, fonction in (
        ("arreter", "arrête le hub lancé avec --fond", _arreter),
        ("redemarrer", "arrête le hub s'il tourne, puis le relance en arrière-plan", _redemarrer),
        ("etat", "dit si le hub tourne et répond (code 0), ou non (code 3)", _etat),
    ):
        p = sous.add_parser(nom, help=aide)
        p.add_argument("--dossier", default=DOSSIER)
        p.set_defaults(fonction=fonction)

    p = sous.add_parser("retirer", help="arrête le hub et supprime tout ce que la salle a installé")
    p.add_argument("--dossier", default=DOSSIER)
    p.add_argument(
        "--garder-dossier",
        action="store_true",
        help="garder le dossier de la salle (copies, notes)",
    )
    p.add_argument(
        "--garder-kit",
        action="store_true",
        help="garder le kit et son environnement Python (d'autres salles s'en servent)",
    )
    p.set_defaults(fonction=_retirer)

    args = parser.parse_args(argv)
    try:
        return args.fonction(args)
    except (ListeInvalide, RuntimeError) as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
