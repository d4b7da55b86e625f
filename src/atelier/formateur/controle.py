"""Contrôle d'une copie avant que nbgrader ne la voie.

Travaille toujours sur une copie : l'original, dans ``submitted/``, n'est
jamais ouvert en écriture. Chaque anomalie donne une ligne en français.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat

MANQUANT = "carnet manquant"
JSON_INVALIDE = "fichier illisible (JSON invalide)"
PAS_UN_CARNET = "fichier illisible (ce n'est pas un carnet Jupyter)"
DOUBLON = "cellule notée dupliquée : première copie gardée"
SUPPRIMEE = "cellule notée supprimée : remise depuis la source"
MODIFIEE = "cellule verrouillée modifiée : remise depuis la source"
LIEN = "lien symbolique ignoré"


def _nbg(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _est_notee(meta: dict) -> bool:
    return bool(meta.get("grade") or meta.get("solution") or meta.get("locked") or meta.get("task"))


def _lire_reference(chemin: Path):
    try:
        return nbformat.read(chemin, as_version=4) if chemin.exists() else None
    except Exception:  # une référence abîmée n'empêche pas la correction
        return None


def _dedoublonner(nb) -> list[str]:
    """Retire les métadonnées nbgrader des copies suivantes d'une cellule notée."""
    vus, doublons = set(), []
    for cell in nb.cells:
        meta = _nbg(cell)
        if not _est_notee(meta) or "grade_id" not in meta:
            continue
        if meta["grade_id"] in vus:
            cell.metadata.pop("nbgrader")
            doublons.append(meta["grade_id"])
        else:
            vus.add(meta["grade_id"])
    return doublons


def _comparer(nb, source, release) -> tuple[list[str], list[str]]:
    """Cellules notées supprimées, cellules verrouillées modifiées (par rapport à ce qui a été distribué)."""
    presentes = {_nbg(c).get("grade_id"): c for c in nb.cells if _est_notee(_nbg(c))}
    supprimees = [
        _nbg(c)["grade_id"]
        for c in (source.cells if source else [])
        if (_nbg(c).get("grade") or _nbg(c).get("task"))
        and _nbg(c).get("grade_id") not in presentes
    ]
    modifiees = []
    for ref in release.cells if release else []:
        meta = _nbg(ref)
        cell = presentes.get(meta.get("grade_id"))
        if meta.get("locked") and not meta.get("solution") and cell is not None:
            if cell.source.rstrip() != ref.source.rstrip():
                modifiees.append(meta["grade_id"])
    return supprimees, modifiees


def controler(
    original: Path, cours: Path, exercice: str, carnets: list[str], destination: Path
) -> list[str]:
    """Copie ``original`` dans ``destination`` en corrigeant ce qui arrêterait nbgrader.

    Renvoie les remarques (une par anomalie). Un carnet illisible n'est pas
    copié : nbgrader le traite alors comme manquant (0 point), sans arrêter
    les autres copies.
    """
    remarques = []
    destination.mkdir(parents=True, exist_ok=True)
    for fichier in sorted(original.rglob("*")):
        relatif = fichier.relative_to(original)
        if fichier.is_symlink():
            remarques.append(f"{LIEN} : {relatif}")
            continue
        if fichier.is_dir() or (
            fichier.suffix == ".ipynb" and fichier.stem in carnets and fichier.parent == original
        ):
            continue
        (destination / relatif).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fichier, destination / relatif)

    for nom in carnets:
        fichier = original / f"{nom}.ipynb"
        if fichier.is_symlink() or not fichier.is_file():
            remarques.append(f"{MANQUANT} : {nom}.ipynb")
            continue
        octets = fichier.read_bytes()
        try:
            json.loads(octets)
        except (ValueError, UnicodeDecodeError):
            remarques.append(f"{JSON_INVALIDE} : {nom}.ipynb")
            continue
        try:
            nb = nbformat.reads(octets.decode("utf-8"), as_version=4)
            nb.cells  # noqa: B018 - un « {} » n'a pas de cellules
        except Exception:
            remarques.append(f"{PAS_UN_CARNET} : {nom}.ipynb")
            continue
        doublons = _dedoublonner(nb)
        supprimees, modifiees = _comparer(
            nb,
            _lire_reference(cours / "source" / exercice / f"{nom}.ipynb"),
            _lire_reference(cours / "release" / exercice / f"{nom}.ipynb"),
        )
        for liste, message in ((doublons, DOUBLON), (supprimees, SUPPRIMEE), (modifiees, MODIFIEE)):
            if liste:
                remarques.append(
                    f"{message} ({nom}.ipynb, cellule {', '.join(sorted(set(liste)))})"
                )
        cible = destination / f"{nom}.ipynb"
        if doublons:
            nbformat.write(nb, cible)
        else:
            cible.write_bytes(octets)  # octet pour octet, comme nbgrader l'aurait lu
    return remarques
