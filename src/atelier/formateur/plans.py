"""Ramasser les plans numériques d'une salle (``atelier-formateur plans``).

Sur le hub, chaque participant garde son plan dans ``~/mon_plan_numerique.json``,
dans un dossier personnel que seul root lit (0700) : la commande se lance donc en
root (``sudo atelier-formateur plans --sortie DOSSIER``). Le dossier personnel et
le fichier sont contrôlés par le participant ; ils sont ouverts comme les copies
rendues (``atelier.formateur.ramassage``) : sans suivre de lien (``O_NOFOLLOW``),
relativement au dossier parent, et vérifiés après ouverture (fichier ordinaire,
appartenant au participant). Rien n'est modifié chez le participant : un plan
illisible est signalé, pas mis de côté.

Sans hub (portables), ``--depuis DOSSIER`` lit les fichiers ``*.json`` rapportés sur
clé USB, un par participant (le nom du fichier tient lieu de compte).

Résultat, dans le dossier de sortie : ``plans/<compte>.json`` (les plans lus),
``plans_par_commune.csv`` (et ``…_excel.csv`` : « ; », virgule décimale, BOM) et
``plans_par_commune.xlsx`` : une ligne par commune et par participant.
"""

from __future__ import annotations

import json
import os
import pwd
import stat
from pathlib import Path

from atelier.formateur.bilan import _ecrire
from atelier.formateur.cours import Participant
from atelier.formateur.ramassage import _lisible, _ouvrir, _Refus
from atelier.plan.stockage import MODULES, NOM_FICHIER, probleme_du_plan

TAILLE_MAX_PLAN = 1024 * 1024  # un plan fait quelques Ko
ENTETES = [
    "commune",
    "compte",
    "nom",
    "commune_de_la_liste",
    "choix_notes",
    "modules",
    "part_pai_numerique_pct",
    "baisse_fadec_pct",
    "sites_m2",
    "services_m3",
    "relais_m4",
    "part_cible_m5_pct",
    "mes_chiffres",
    "modifie_le",
]


def _lire_fd(fd: int) -> dict:
    """Le plan du fichier ouvert ``fd`` ; ``_Refus`` s'il est trop gros ou n'est pas un plan de l'atelier."""
    morceaux, lu = [], 0
    while morceau := os.read(fd, 65536):
        lu += len(morceau)
        if lu > TAILLE_MAX_PLAN:
            raise _Refus(
                f"plus de {TAILLE_MAX_PLAN // 1024} Ko : ce n'est pas un plan de l'atelier"
            )
        morceaux.append(morceau)
    try:
        donnees = json.loads(b"".join(morceaux).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _Refus("contenu illisible (pas du JSON complet)") from None
    probleme = probleme_du_plan(donnees)
    if probleme:
        raise _Refus(probleme)
    return donnees


def lire_plan_du_compte(compte: str) -> dict | None:
    """Le plan du dossier personnel de ``compte`` (None s'il n'en a pas) ; ``_Refus`` si on ne peut pas le lire sans risque."""
    try:
        entree = pwd.getpwnam(compte)
    except KeyError:
        raise _Refus("pas de compte de ce nom sur cette machine") from None
    home = Path(entree.pw_dir)
    # /home : à l'administrateur, pas au participant
    parent = os.open(home.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        dossier = _ouvrir(parent, home.name, entree.pw_uid, repertoire=True)
    finally:
        os.close(parent)
    try:
        try:
            etat = os.stat(NOM_FICHIER, dir_fd=dossier, follow_symlinks=False)
        except FileNotFoundError:
            return None
        except PermissionError:
            raise _Refus(
                "dossier personnel illisible : lancez la commande en root (sudo)"
            ) from None
        if stat.S_ISLNK(etat.st_mode):
            raise _Refus(f"{NOM_FICHIER} est un lien symbolique : il n'est pas suivi")
        fd = _ouvrir(dossier, NOM_FICHIER, entree.pw_uid, repertoire=False)
        try:
            return _lire_fd(fd)
        finally:
            os.close(fd)
    finally:
        os.close(dossier)


def lire_plan_fichier(chemin: Path) -> dict:
    """Un plan rapporté sur clé USB (sans hub) : fichier ordinaire, jamais un lien."""
    try:
        fd = os.open(chemin, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        raise _Refus("lien symbolique ou fichier illisible") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _Refus("pas un fichier ordinaire")
        return _lire_fd(fd)
    finally:
        os.close(fd)


def _texte(valeur) -> str:
    if isinstance(valeur, list):
        return ", ".join(
            str(v.get("service", "?")) if isinstance(v, dict) else str(v) for v in valeur
        )
    return "" if valeur is None else str(valeur)


def lignes_du_plan(compte: str, plan: dict, participant: Participant | None) -> list[list]:
    """Une ligne par commune du plan, aux colonnes ``ENTETES``."""
    lignes = []
    for commune, section in sorted(plan.get("communes", {}).items()):
        modules = {
            m: {cle: e.get("valeur") if isinstance(e, dict) else None for cle, e in entrees.items()}
            for m, entrees in section.get("modules", {}).items()
            if isinstance(entrees, dict)
        }

        def choix(m, cle, modules=modules):
            return modules.get(m, {}).get(cle)

        def nombre(v):
            return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None

        lignes.append(
            [
                _lisible(str(commune)),
                compte,
                participant.nom if participant else "",
                participant.commune if participant else "",
                sum(len(v) for v in modules.values()),
                " ".join(m for m in MODULES if modules.get(m)),
                nombre(choix("m1", "part_pai_numerique")),
                nombre(choix("m1", "baisse_fadec")),
                _lisible(_texte(choix("m2", "sites"))),
                _lisible(_texte(choix("m3", "services"))),
                nombre(choix("m4", "relais")),
                nombre(choix("m5", "part_cible")),
                len(section.get("mes_chiffres", {})),
                _lisible(str(plan.get("modifie_le") or "")),
            ]
        )
    return lignes


def ramasser_plans(
    sortie: Path, participants: dict[str, Participant], depuis: Path | None = None
) -> list[str]:
    """Lit le plan de chaque participant, le copie dans ``sortie/plans`` et écrit le tableau par commune.

    Renvoie une ligne de compte rendu par participant (« ✓ … », « — … », « ALERTE … »).
    """
    dossier_plans = sortie / "plans"
    dossier_plans.mkdir(parents=True, exist_ok=True)
    if depuis is not None:
        sources = {p.stem: p for p in sorted(depuis.glob("*.json"))}
        comptes = list(sources)
    else:
        comptes = sorted(participants)
    lignes, rapport = [], []
    for compte in comptes:
        nom = _lisible(compte)
        try:
            plan = (
                lire_plan_fichier(sources[compte])
                if depuis is not None
                else lire_plan_du_compte(compte)
            )
        except _Refus as raison:
            rapport.append(f"ALERTE {nom} : plan non ramassé ({raison})")
            continue
        if plan is None:
            rapport.append(f"— {nom} : pas encore de plan")
            continue
        (dossier_plans / f"{nom.replace('/', '_')}.json").write_text(
            json.dumps(plan, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        nouvelles = lignes_du_plan(nom, plan, participants.get(compte))
        lignes += nouvelles
        rapport.append(f"✓ {nom} : {len(nouvelles)} commune(s)")
    lignes.sort(key=lambda ligne: (ligne[0], ligne[1]))
    _ecrire(sortie / "plans_par_commune.csv", ENTETES, lignes, excel=False)
    _ecrire(sortie / "plans_par_commune_excel.csv", ENTETES, lignes, excel=True)
    _ecrire_xlsx(sortie / "plans_par_commune.xlsx", lignes)
    return rapport


def _ecrire_xlsx(chemin: Path, lignes: list[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Plans par commune"
    feuille.append(ENTETES)
    for cellule in feuille[1]:
        cellule.font = Font(bold=True)
    for ligne in lignes:
        feuille.append(ligne)
    classeur.save(chemin)
