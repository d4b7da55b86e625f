"""Retours aux participants : nbgrader generate_feedback puis release_feedback.

Les retours montrent à chacun ses notes et les messages en français des
vérifications, jamais le texte des tests cachés ni des barèmes
(jupyter/nbgrader#917). La configuration du cours s'en charge ; la commande
l'impose aussi pour un cours qui ne l'aurait pas, puis relit chaque fichier
produit : un retour qui citerait un test caché est supprimé, pas rendu.

Une copie dont des réponses écrites (cellules notées à la main) ne sont pas encore
notées dans formgrader n'est pas rendue : le formateur en est averti, et ``forcer``
la rend quand même.
"""

from __future__ import annotations

import json
from pathlib import Path

from atelier.formateur.cours import ErreurFormateur, api, charger_config
from atelier.formateur.progression import Progression


def _config_retours(cours: Path):
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, GetGrades

    from atelier.nbgrader_ext import RaccourcirErreurs

    config = charger_config(cours)
    actuels = list(
        config.GenerateFeedback.get("preprocessors", [GetGrades, CSSHTMLHeaderPreprocessor])
    )
    for necessaire in (ClearHiddenTests, ClearMarkScheme, RaccourcirErreurs):
        if necessaire not in actuels:
            actuels.insert(1, necessaire)
    config.GenerateFeedback.preprocessors = actuels
    return config


def _secrets_caches(cours: Path, exercice: str) -> set[str]:
    from atelier.formateur.verification import _secrets

    lignes = set()
    for source in (cours / "source" / exercice).glob("*.ipynb"):
        cells = json.loads(source.read_text(encoding="utf-8"))["cells"]
        lignes |= {
            ligne
            for ligne, nature in _secrets(cells).items()
            if nature in ("tests cachés", "barème")
        }
    return lignes


def _fuites(fichier: Path, secrets: set[str]) -> list[str]:
    import html

    texte = html.unescape(fichier.read_text(encoding="utf-8", errors="replace"))
    return [ligne for ligne in secrets if ligne in texte]


def reponses_a_noter(nbgrader, exercice: str, idents: list[str]) -> dict[str, int]:
    """Par participant, le nombre de réponses écrites pas encore notées à la main (0 omis)."""
    a_noter = {}
    with nbgrader.gradebook as carnet:
        for ident in idents:
            copie = carnet.find_submission(exercice, ident)
            n = sum(
                1
                for carnet_remis in copie.notebooks
                for note in carnet_remis.grades
                if note.needs_manual_grade
            )
            if n:
                a_noter[ident] = n
    return a_noter


def rendre_retours(
    cours: Path,
    exercice: str,
    participant: str | None = None,
    distribuer: bool = True,
    forcer: bool = False,
) -> list[str]:
    nbgrader = api(cours, _config_retours(cours))
    corrigees = sorted(
        d.parent.name for d in (cours / "autograded").glob(f"{participant or '*'}/{exercice}")
    )
    if not corrigees:
        raise ErreurFormateur(
            f"Aucune copie corrigée pour {exercice} : lancez d'abord « atelier-formateur corriger »."
        )
    barre = Progression(len(corrigees), "Retours")
    for ident in corrigees:
        resultat = nbgrader.generate_feedback(exercice, ident, force=True)
        if not resultat.get("success"):
            raise ErreurFormateur(
                f"La production du retour de {ident} a échoué :\n{resultat.get('log', '')}{resultat.get('error', '')}"
            )
        barre.avancer(ident)
    barre.fermer()
    secrets = _secrets_caches(cours, exercice)
    lignes, retenus = [], []
    for dossier in sorted((cours / "feedback").glob(f"{participant or '*'}/{exercice}")):
        ident = dossier.parent.name
        fuites = [f for fichier in dossier.glob("*.html") for f in _fuites(fichier, secrets)]
        if fuites:
            for fichier in dossier.glob("*.html"):
                fichier.unlink()
            lignes.append(
                f"REFUS {ident} : le retour citait un test caché (« {fuites[0][:50]} ») ; supprimé, non rendu."
            )
        else:
            retenus.append(ident)
            lignes.append(f"✓ {ident} : retour prêt ({dossier.relative_to(cours)})")
    a_noter = reponses_a_noter(nbgrader, exercice, retenus)
    retenir = distribuer and not forcer
    for ident, n in a_noter.items():
        quoi = f"{n} réponse(s) écrite(s) pas encore notée(s)"
        lignes.append(
            f"⚠ {ident} : {quoi} : retour prêt mais PAS rendu."
            if retenir
            else f"⚠ {ident} : {quoi} ; le retour ne compte pas encore leurs points."
        )
    if a_noter:
        lignes.append(
            "  Notez-les dans Formgrader (menu Nbgrader → Formgrader → Manual Grading), puis relancez "
            f"« atelier-formateur retours {exercice} »"
            + (" ; --forcer rend ces retours sans attendre." if retenir else ".")
        )
    a_rendre = [ident for ident in retenus if not (retenir and ident in a_noter)]
    if distribuer and a_rendre:
        echecs = {}
        for ident in a_rendre:
            rendus = nbgrader.release_feedback(exercice, ident)
            if not rendus.get("success"):
                echecs[ident] = rendus
        if not echecs:
            lignes.append(
                f"✓ Retours rendus par le hub : chacun les voit dans l'onglet « Assignments » ({len(a_rendre)})."
            )
        else:
            rendus = next(iter(echecs.values()))
            detail = "\n".join(
                ((rendus.get("log") or "") + (rendus.get("error") or "")).strip().splitlines()[-8:]
            )
            raise ErreurFormateur(
                "\n".join(lignes)
                + f"\nLes retours sont prêts, mais le hub n'a pas pu rendre ceux de "
                f"{', '.join(echecs)} (échange nbgrader) : "
                f"distribuez les fichiers HTML de {cours / 'feedback'}, ou corrigez l'échange puis relancez.\n"
                f"Détail de nbgrader :\n{detail}"
            )
    return lignes
