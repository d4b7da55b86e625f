"""Vérifications avant de distribuer un exercice (« atelier-formateur preparer »).

Chaque refus est une ligne en français qui nomme le carnet et la cellule.
Deux temps : ``verifier_source`` lit les carnets source (identifiants,
verrous, points, marqueurs mal placés) ; ``verifier_release`` relit la
version participant produite par nbgrader et refuse si une ligne de solution,
de test caché ou de barème s'y retrouve.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from atelier.formateur.cours import SLUG

# « ## Question 2 (3 points) », « ## Question 9 (5 points, lue par le formateur) »
TITRE_POINTS = re.compile(
    r"^#+ .*\(\s*(\d+(?:[.,]\d+)?)\s*points?\b[^)]*\)", re.MULTILINE | re.IGNORECASE
)
# Un titre de niveau 1 ou 2 sans points clôt la question en cours (« ## Pour finir »).
TITRE_SECTION = re.compile(r"^#{1,2} ", re.MULTILINE)
# « Total : 8 points », « **Comment cet exercice est noté** (18 points) »
TOTAL = re.compile(
    r"(?:total|noté(?:\s+sur)?)[\s*:]*\(?\s*(\d+(?:[.,]\d+)?)\s*points?", re.IGNORECASE
)
ZONES = {
    "solution": ("BEGIN SOLUTION", "END SOLUTION"),
    "tests cachés": ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"),
    "barème": ("BEGIN MARK SCHEME", "END MARK SCHEME"),
}


def _nbg(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _etiquette(cell: dict, index: int) -> str:
    gid = _nbg(cell).get("grade_id")
    return f"cellule « {gid} » (n° {index + 1})" if gid else f"cellule n° {index + 1}"


def _nombre(texte: str) -> float:
    return float(texte.replace(",", "."))


def _zones(texte: str, debut: str, fin: str) -> list[str]:
    """Les lignes comprises entre les marqueurs ``debut`` et ``fin``."""
    lignes, dedans = [], False
    for ligne in texte.splitlines():
        if debut in ligne:
            dedans = True
        elif fin in ligne:
            dedans = False
        elif dedans:
            lignes.append(ligne)
    return lignes


def _verifier_points(cells: list[dict], nom: str) -> list[str]:
    refus = []
    section, declare, somme = None, None, 0.0

    def clore():
        if declare is not None and abs(somme - declare) > 1e-9:
            refus.append(
                f"{nom}, {section} : la question annonce {declare:g} point(s) mais ses cellules "
                f"notées en valent {somme:g}."
            )

    total = None
    for i, cell in enumerate(cells):
        meta = _nbg(cell)
        if cell.get("cell_type") == "markdown":
            if total is None and (m := TOTAL.search(_source(cell))):
                total = (_nombre(m.group(1)), i)
            if m := TITRE_POINTS.search(_source(cell)):
                clore()
                section, declare, somme = _etiquette(cell, i), _nombre(m.group(1)), 0.0
            elif TITRE_SECTION.search(_source(cell)):
                clore()
                section, declare, somme = None, None, 0.0
        if meta.get("grade") or meta.get("task"):
            points = meta.get("points")
            if not isinstance(points, (int, float)) or isinstance(points, bool) or points < 0:
                refus.append(
                    f"{nom}, {_etiquette(cell, i)} : points absents ou invalides ({points!r})."
                )
            else:
                somme += points
    clore()
    if total is not None:
        somme_totale = sum(
            _nbg(c).get("points") or 0 for c in cells if _nbg(c).get("grade") or _nbg(c).get("task")
        )
        if abs(somme_totale - total[0]) > 1e-9:
            refus.append(
                f"{nom}, {_etiquette(cells[total[1]], total[1])} : le total annoncé est de {total[0]:g} "
                f"point(s) mais les cellules notées en valent {somme_totale:g}."
            )
    return refus


def verifier_source(cours: Path, exercice: str) -> list[str]:
    """Refus trouvés dans les carnets source d'un exercice (liste vide : tout va bien)."""
    if not SLUG.match(exercice):
        return [
            f"{exercice} : identifiant d'exercice invalide ; utilisez seulement des minuscules sans "
            "accent, des chiffres, « _ » ou « - » (par exemple m1_planification)."
        ]
    refus = []
    carnets = sorted((cours / "source" / exercice).glob("*.ipynb"))
    if not carnets:
        return [f"{exercice} : aucun carnet dans source/{exercice}/."]
    for chemin in carnets:
        nom = f"{exercice}/{chemin.name}"
        try:
            cells = json.loads(chemin.read_text(encoding="utf-8"))["cells"]
        except (ValueError, KeyError, UnicodeDecodeError):
            refus.append(f"{nom} : fichier illisible (ce n'est pas un carnet Jupyter valide).")
            continue
        vus: dict[str, int] = {}
        for i, cell in enumerate(cells):
            meta, texte = _nbg(cell), _source(cell)
            gid = meta.get("grade_id")
            if gid and (
                meta.get("grade") or meta.get("solution") or meta.get("locked") or meta.get("task")
            ):
                if gid in vus:
                    refus.append(
                        f"{nom}, {_etiquette(cell, i)} : identifiant de cellule notée en double "
                        f"(déjà utilisé par la cellule n° {vus[gid] + 1})."
                    )
                else:
                    vus[gid] = i
            if (
                meta.get("grade")
                and not meta.get("solution")
                and cell.get("cell_type") == "code"
                and not meta.get("locked")
            ):
                refus.append(
                    f"{nom}, {_etiquette(cell, i)} : cellule de test non verrouillée (cochez « locked »)."
                )
            if "BEGIN SOLUTION" in texte and not meta.get("solution"):
                refus.append(
                    f"{nom}, {_etiquette(cell, i)} : une zone « BEGIN SOLUTION » hors d'une cellule "
                    "réponse serait distribuée aux participants."
                )
            if "BEGIN HIDDEN TESTS" in texte and not meta.get("grade"):
                refus.append(
                    f"{nom}, {_etiquette(cell, i)} : des tests cachés hors d'une cellule de test "
                    "seraient distribués aux participants."
                )
            if "BEGIN MARK SCHEME" in texte and not meta.get("task"):
                refus.append(
                    f"{nom}, {_etiquette(cell, i)} : un barème (« BEGIN MARK SCHEME ») hors d'une "
                    "cellule tâche serait distribué aux participants."
                )
        refus += _verifier_points(cells, nom)
    return refus


def _secrets(cells: list[dict]) -> dict[str, str]:
    """Lignes secrètes de la source (solutions, tests cachés, barèmes) -> nature du secret.

    Une ligne qui figure aussi dans la partie publique du carnet (énoncé, code
    fourni) n'est pas un secret.
    """
    secrets, publiques = {}, set()
    for cell in cells:
        meta, texte = _nbg(cell), _source(cell)
        secretes = set()
        if meta.get("solution") and cell.get("cell_type") == "markdown":
            secrets.update({ligne.strip(): "solution" for ligne in texte.splitlines()})
            secretes.update(texte.splitlines())
        for nature, (debut, fin) in ZONES.items():
            for ligne in _zones(texte, debut, fin):
                secrets[ligne.strip()] = nature
                secretes.add(ligne)
        publiques.update(ligne.strip() for ligne in texte.splitlines() if ligne not in secretes)
    return {
        ligne: nature
        for ligne, nature in secrets.items()
        if len(ligne) >= 6 and ligne not in publiques
    }


def verifier_release(cours: Path, exercice: str) -> list[str]:
    """Refus si une ligne secrète de la source se retrouve dans la version participant."""
    refus = []
    for chemin in sorted((cours / "source" / exercice).glob("*.ipynb")):
        release = cours / "release" / exercice / chemin.name
        if not release.exists():
            refus.append(
                f"{exercice}/{chemin.name} : version participant absente après la préparation."
            )
            continue
        secrets = _secrets(json.loads(chemin.read_text(encoding="utf-8"))["cells"])
        nb = json.loads(release.read_text(encoding="utf-8"))
        morceaux = [
            (_etiquette(c, i), json.dumps(c, ensure_ascii=False)) for i, c in enumerate(nb["cells"])
        ]
        morceaux.append(
            ("métadonnées du carnet", json.dumps(nb.get("metadata", {}), ensure_ascii=False))
        )
        for ou, texte in morceaux:
            for ligne, nature in secrets.items():
                if json.dumps(ligne, ensure_ascii=False)[1:-1] in texte:
                    refus.append(
                        f"{exercice}/{chemin.name}, {ou} de la version participant : "
                        f"le texte de {nature} « {ligne[:60]} » serait distribué."
                    )
                    break
    return refus
