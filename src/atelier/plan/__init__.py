"""« Mon plan numérique communal » : les choix d'un participant, et le volet numérique du PDC de sa commune.

- ``Plan`` (``atelier.plan.stockage``) : les choix notés module après module,
  dans un fichier JSON du dossier personnel ;
- ``produire_document("Kandi", "dossier")`` : la note au conseil communal en
  Word, en PDF et le tableau des actions en Excel ;
- en ligne de commande : ``python -m atelier.plan --commune Kandi --sortie dossier``.
"""

from __future__ import annotations

from pathlib import Path

from atelier.plan.stockage import ErreurPlan, Plan

__all__ = ["ErreurPlan", "Plan", "produire_document"]


def produire_document(
    commune: str | None = None, sortie=".", plan: Plan | None = None
) -> dict[str, Path]:
    """Écrit le DOCX, le PDF et le XLSX du volet numérique du PDC de ``commune`` dans ``sortie``.

    Les choix notés dans le plan du participant (``plan``, par défaut son fichier)
    sont repris ; sans choix, les fiches sont des propositions à discuter.
    """
    from atelier.plan.contenu import construire
    from atelier.plan.formats import ecrire_tout

    plan = plan or Plan.ouvrir()  # sans commune : ouvrir n'écrit rien
    commune = commune or plan.commune
    if commune is None:
        raise ErreurPlan(
            "Dites pour quelle commune écrire le document, par exemple --commune Kandi."
        )
    if plan.commune != commune:
        # lecture seule : le choix de commune n'est pas noté
        plan = Plan(plan.chemin, plan.donnees, commune)
    return ecrire_tout(construire(commune, plan), sortie)
