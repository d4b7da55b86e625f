"""``atelier-formateur`` : la commande du formateur, en français, au-dessus de nbgrader.

atelier-formateur preparer [EXERCICE ...]     vérifier puis produire la version participant
atelier-formateur distribuer EXERCICE         publier sur le JupyterHub (échange nbgrader)
atelier-formateur ramasser EXERCICE [--depuis DOSSIER_OU_ZIP]
atelier-formateur corriger [EXERCICE] [--participant ID] [--forcer]
atelier-formateur retours EXERCICE [--forcer] produire et rendre les retours (copies entièrement notées)
atelier-formateur bilan --participants liste.csv
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from atelier.formateur.cours import (
    ErreurFormateur,
    Participant,
    api,
    exercices,
    lire_participants,
    verifier_exercice,
)
from atelier.formateur.progression import Progression
from atelier.ligne_de_commande import traduire_argparse

# argparse écrit ses propres messages en anglais : on les traduit.
traduire_argparse()


def _cours_par_defaut() -> Path:
    """Sur le hub de la salle, le cours partagé des formateurs (ATELIER_COURS_DOSSIER, posé
    par le hub et par le script de connexion du terminal) ; ailleurs, exercises/ du kit."""
    from atelier.chemins import COURS

    return Path(os.environ.get("ATELIER_COURS_DOSSIER") or COURS)


def _verifier_cours(cours: Path) -> None:
    if not (cours / "source").is_dir():
        raise ErreurFormateur(
            f"Dossier du cours introuvable : {cours} n'a pas de dossier source/. Sur le hub de la salle, "
            "le cours est dans ~/cours ; ailleurs, indiquez-le avec --cours DOSSIER."
        )


def _afficher_api(resultat: dict, quoi: str) -> None:
    if not resultat.get("success"):
        raise ErreurFormateur(
            f"{quoi} a échoué :\n{resultat.get('log', '')}\n{resultat.get('error', '')}"
        )


def _preparer_un(cours: Path, exercice: str, nbgrader) -> list[str]:
    """Vérifie puis produit la version participant ; renvoie les refus (rien n'est laissé prêt si refus)."""
    from atelier.formateur.verification import verifier_release, verifier_source

    if not (cours / "source" / exercice).is_dir():
        return [f"{exercice} : dossier source/{exercice}/ introuvable."]
    refus = verifier_source(cours, exercice)
    if refus:
        return refus
    resultat = nbgrader.generate_assignment(exercice, force=True, create=True)
    if not resultat.get("success"):
        refus = [
            f"{exercice} : nbgrader refuse de produire la version participant :\n{resultat.get('log', '')}"
        ]
    else:
        refus = verifier_release(cours, exercice)
    if refus:
        shutil.rmtree(cours / "release" / exercice, ignore_errors=True)
    return refus


def cmd_preparer(args) -> int:
    cours = args.cours
    ids = args.exercices or exercices(cours)
    if not ids:
        print(f"Aucun exercice dans {cours / 'source'}.")
        return 0
    nbgrader = api(cours)
    barre = Progression(len(ids), "Préparation")
    refus_total = 0
    for exercice in ids:
        refus = _preparer_un(cours, exercice, nbgrader)
        for ligne in refus:
            print(f"REFUS {ligne}")
        if refus:
            print(
                f"✗ {exercice} : non préparé ({len(refus)} problème(s) à corriger dans la source)."
            )
        else:
            print(f"✓ {exercice} : version participant prête dans {cours / 'release' / exercice}")
        refus_total += len(refus)
        barre.avancer(exercice)
    barre.fermer()
    return 1 if refus_total else 0


def cmd_distribuer(args) -> int:
    verifier_exercice(args.cours, args.exercice)
    if not (args.cours / "release" / args.exercice).is_dir():
        raise ErreurFormateur(f"Lancez d'abord « atelier-formateur preparer {args.exercice} ».")
    _afficher_api(api(args.cours).release_assignment(args.exercice), "La distribution")
    print(
        f"✓ {args.exercice} distribué : les participants le trouvent dans l'onglet « Assignments » du hub."
    )
    print(
        f"  Sans hub : copiez le dossier {args.cours / 'release' / args.exercice} sur les postes (clé USB)."
    )
    return 0


def cmd_ramasser(args) -> int:
    verifier_exercice(args.cours, args.exercice)
    if args.depuis:
        from atelier.formateur.ramassage import ramasser_fichiers

        participants = lire_participants(args.participants)
        for ligne in ramasser_fichiers(args.cours, args.exercice, args.depuis, participants):
            print(ligne)
    else:
        from atelier.formateur.ramassage import ALERTE, dossier_depots, ramasser_echange

        lignes = ramasser_echange(args.cours, args.exercice, dossier_depots(args.cours))
        for ligne in lignes or [
            f"Aucune copie de {args.exercice} déposée sur le hub pour l'instant."
        ]:
            print(ligne)
        alertes = sum(ligne.startswith(ALERTE) for ligne in lignes)
        if alertes:
            print(
                f"{ALERTE} : {alertes} incident(s) ci-dessus, gardés pour le bilan. Rien n'a été suivi ni ouvert "
                "hors des copies ; les autres copies sont ramassées."
            )
        print(
            f"{len(lignes) - alertes} copie(s) ramassée(s) sans incident dans {args.cours / 'submitted'}"
        )
    print("Suite : atelier-formateur corriger " + args.exercice)
    return 0


def cmd_corriger(args) -> int:
    from atelier.formateur.bac_a_sable import Limites
    from atelier.formateur.correction import CORRIGE, DEJA, ECHEC, corriger

    if args.exercice:
        verifier_exercice(args.cours, args.exercice)
    limites = Limites(memoire_mo=args.memoire, cpu_s=args.temps_calcul)
    resultats = corriger(
        args.cours,
        args.exercice,
        args.participant,
        forcer=args.forcer,
        paralleles=args.paralleles,
        delai=args.delai,
        limites=limites,
        isoler=not args.sans_isolation,
    )
    if not resultats:
        print("Aucune copie à corriger (lancez d'abord « atelier-formateur ramasser »).")
        return 0
    for r in resultats:
        note = "   –   " if r.score is None else f"{r.score:g}/{r.max_score:g}".rjust(7)
        print(f"{r.participant:<12} {r.exercice:<20} {note}  {r.statut}")
    problemes = [
        r for r in resultats if r.statuts[:1] not in ([CORRIGE], [DEJA]) or len(r.statuts) > 1
    ]
    print(
        f"{len(resultats)} copie(s), {len(problemes)} avec une remarque. Journaux : {args.cours / 'correction_atelier'}"
    )
    echecs = [r for r in resultats if ECHEC in r.statuts]
    if echecs:
        # Une copie cassée est notée (zéro, avec sa remarque) ; un échec de la correction
        # elle-même laisse une copie sans note : le formateur doit le savoir.
        print(
            f"{len(echecs)} copie(s) n'ont pas pu être corrigées : voir les journaux, puis relancer."
        )
        return 1
    print("Suite : notez les réponses écrites dans formgrader, puis « atelier-formateur retours ».")
    return 0


def cmd_retours(args) -> int:
    from atelier.formateur.retours import rendre_retours

    verifier_exercice(args.cours, args.exercice)
    for ligne in rendre_retours(
        args.cours,
        args.exercice,
        args.participant,
        distribuer=not args.sans_hub,
        forcer=args.forcer,
    ):
        print(ligne)
    return 0


def _participants_de_la_salle() -> dict[str, Participant]:
    """Sur le hub, sans --participants : les participants de la liste de la salle (salle.json,
    lisible par les formateurs, que leur script de connexion indique par ATELIER_SALLE)."""
    import json

    chemin = os.environ.get("ATELIER_SALLE")
    if not chemin:
        return {}
    try:
        personnes = json.loads(Path(chemin).read_text(encoding="utf-8"))["personnes"]
    except (OSError, ValueError, KeyError) as erreur:
        raise ErreurFormateur(
            f"Liste de la salle illisible ({chemin} : {erreur}) ; donnez-la avec --participants."
        ) from None
    return {
        p["identifiant"]: Participant(
            p["identifiant"], p["nom"], p["commune"], p["role"], p.get("departement", "")
        )
        for p in personnes
        if p["role"] == "participant"
    }


def cmd_bilan(args) -> int:
    from atelier.formateur.bilan import faire_bilan

    participants = (
        lire_participants(args.participants) if args.participants else _participants_de_la_salle()
    )
    sortie = args.sortie or args.cours / "bilan"
    for fichier in faire_bilan(args.cours, participants, sortie):
        print(f"✓ {fichier}")
    return 0


def cmd_plans(args) -> int:
    from atelier.formateur.plans import ramasser_plans

    participants = (
        lire_participants(args.participants) if args.participants else _participants_de_la_salle()
    )
    if not participants and args.depuis is None:
        raise ErreurFormateur(
            "Donnez la liste de la salle (--participants CSV) ou le dossier des plans "
            "rapportés sur clé USB (--depuis DOSSIER)."
        )
    if args.depuis is not None and not args.depuis.is_dir():
        raise ErreurFormateur(f"Dossier introuvable : {args.depuis}")
    for ligne in ramasser_plans(args.sortie, participants, args.depuis):
        print(ligne)
    print(f"✓ {args.sortie / 'plans_par_commune.xlsx'} (et .csv)")
    return 0


def construire_analyseur() -> argparse.ArgumentParser:
    commun = argparse.ArgumentParser(add_help=False)
    commun.add_argument(
        "--cours",
        type=Path,
        default=None,
        metavar="DOSSIER",
        help="dossier du cours nbgrader (par défaut : le cours de la salle sur le hub, "
        "sinon exercises/ du kit)",
    )
    analyseur = argparse.ArgumentParser(
        prog="atelier-formateur",
        description="La commande du formateur : préparer, distribuer, ramasser, corriger, "
        "rendre les retours et faire le bilan d'une salle, au-dessus de nbgrader.",
        epilog="Aide d'une étape : atelier-formateur ÉTAPE --help. Guide : facilitator_guide/correction.md",
    )
    etapes = analyseur.add_subparsers(dest="etape", metavar="ÉTAPE", title="étapes, dans l'ordre")
    etapes.required = True

    p = etapes.add_parser(
        "preparer",
        parents=[commun],
        help="vérifier puis produire la version participant",
        description="Vérifie chaque exercice (identifiants, verrous, points, fuites de "
        "solutions) puis produit la version participant. Refuse au moindre problème.",
    )
    p.add_argument(
        "exercices", nargs="*", metavar="EXERCICE", help="exercice(s) ; par défaut : tous"
    )
    p.set_defaults(fonction=cmd_preparer)

    p = etapes.add_parser(
        "distribuer",
        parents=[commun],
        help="publier un exercice sur le hub",
        description="Publie la version participant dans l'échange nbgrader du JupyterHub.",
    )
    p.add_argument("exercice", metavar="EXERCICE")
    p.set_defaults(fonction=cmd_distribuer)

    p = etapes.add_parser(
        "ramasser",
        parents=[commun],
        help="ramasser les copies (hub, dossier ou zip)",
        description="Ramasse les copies rendues sur le hub, ou, sans hub, depuis un dossier "
        "ou une archive zip (un dossier ou un fichier par participant).",
    )
    p.add_argument("exercice", metavar="EXERCICE")
    p.add_argument(
        "--depuis",
        type=Path,
        metavar="DOSSIER_OU_ZIP",
        help="dossier ou .zip des copies (salle sans hub)",
    )
    p.add_argument(
        "--participants",
        type=Path,
        metavar="CSV",
        help="liste des participants, pour vérifier les noms",
    )
    p.set_defaults(fonction=cmd_ramasser)

    p = etapes.add_parser(
        "corriger",
        parents=[commun],
        help="noter automatiquement les copies, en parallèle",
        description="Note les copies nouvelles ou modifiées avec nbgrader, en parallèle, chaque "
        "copie isolée des autres. Les originaux ne sont jamais modifiés ; les notes "
        "données à la main sont gardées.",
    )
    p.add_argument(
        "exercice", nargs="?", metavar="EXERCICE", help="un seul exercice (par défaut : tous)"
    )
    p.add_argument("--participant", metavar="ID", help="un seul participant")
    p.add_argument("--forcer", action="store_true", help="recorriger même les copies inchangées")
    p.add_argument(
        "--paralleles",
        type=int,
        metavar="N",
        help="copies corrigées en même temps (défaut : nombre de cœurs)",
    )
    p.add_argument(
        "--delai",
        type=int,
        metavar="SECONDES",
        help="temps maximal par cellule (défaut : ATELIER_DELAI_CELLULE ou 30)",
    )
    p.add_argument(
        "--memoire",
        type=int,
        default=2048,
        metavar="Mo",
        help="mémoire maximale par copie (défaut : 2048)",
    )
    p.add_argument(
        "--temps-calcul",
        type=int,
        default=600,
        metavar="SECONDES",
        help="temps de calcul maximal par copie (défaut : 600)",
    )
    p.add_argument(
        "--sans-isolation",
        action="store_true",
        help="ne pas isoler le code des participants (déconseillé)",
    )
    p.set_defaults(fonction=cmd_corriger)

    p = etapes.add_parser(
        "retours",
        parents=[commun],
        help="produire et rendre les retours aux participants",
        description="Produit les retours (HTML) sans le texte des tests cachés ni des barèmes, "
        "puis les rend aux participants par le hub. Une copie dont des réponses "
        "écrites ne sont pas encore notées n'est pas rendue (sauf --forcer).",
    )
    p.add_argument("exercice", metavar="EXERCICE")
    p.add_argument("--participant", metavar="ID", help="un seul participant")
    p.add_argument(
        "--sans-hub",
        action="store_true",
        help="seulement produire les fichiers (à imprimer ou copier)",
    )
    p.add_argument(
        "--forcer",
        action="store_true",
        help="rendre aussi les copies dont des réponses écrites ne sont pas encore notées",
    )
    p.set_defaults(fonction=cmd_retours)

    p = etapes.add_parser(
        "bilan",
        parents=[commun],
        help="tableaux et tableau de bord de la salle",
        description="Écrit les notes par participant, par question et par commune (CSV, et CSV "
        "pour Excel) et un tableau de bord HTML avec graphiques.",
    )
    p.add_argument(
        "--participants",
        type=Path,
        metavar="CSV",
        help="liste de la salle : id, nom, commune, role, departement (sur le hub : par défaut, celle de la salle)",
    )
    p.add_argument(
        "--sortie", type=Path, metavar="DOSSIER", help="où écrire (défaut : <cours>/bilan)"
    )
    p.set_defaults(fonction=cmd_bilan)

    p = etapes.add_parser(
        "plans",
        parents=[commun],
        help="ramasser les plans numériques des participants",
        description="Copie le plan numérique (mon_plan_numerique.json) de chaque participant "
        "dans un dossier et écrit un tableau par commune (CSV et Excel). Sur le hub, "
        "à lancer en root : les dossiers personnels ne sont lisibles que par root.",
    )
    p.add_argument(
        "--sortie",
        type=Path,
        required=True,
        metavar="DOSSIER",
        help="où écrire les plans et le tableau",
    )
    p.add_argument(
        "--participants",
        type=Path,
        metavar="CSV",
        help="liste de la salle (sur le hub : par défaut, celle de la salle)",
    )
    p.add_argument(
        "--depuis",
        type=Path,
        metavar="DOSSIER",
        help="sans hub : dossier des plans rapportés (*.json)",
    )
    p.set_defaults(fonction=cmd_plans)

    for sous in etapes.choices.values():
        sous._positionals.title, sous._optionals.title = "arguments", "options"
    analyseur._optionals.title = "options"
    return analyseur


def main(argv: list[str] | None = None) -> int:
    args = construire_analyseur().parse_args(argv)
    args.cours = (args.cours or _cours_par_defaut()).resolve()
    try:
        _verifier_cours(args.cours)
        return args.fonction(args)
    except ErreurFormateur as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
