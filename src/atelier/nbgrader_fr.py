"""L'onglet des devoirs de nbgrader en français.

L'extension JupyterLab de nbgrader n'est pas traduisible (ses textes sont écrits en dur,
en anglais). ``preparer`` en fait une copie dont les textes que voient les participants
sont en français, dans un dossier de données Jupyter placé en tête de ``JUPYTER_PATH`` :
JupyterLab charge la première extension d'un nom donné qu'il trouve, donc cette copie.

Chaque remplacement doit trouver son texte : si une version de nbgrader les change, le
texte qui n'est plus trouvé reste en anglais et ``preparer`` le signale (un test le
vérifie pour la version épinglée dans contraintes.txt).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

EXTENSION = Path("labextensions") / "@jupyter" / "nbgrader"

# Texte exact dans le code de l'extension -> texte affiché en français.
TRADUCTIONS = {
    'title.label="Assignments"': 'title.label="Devoirs"',
    'title.label="Courses"': 'title.label="Cours"',
    '"Assignment List"': '"Liste des devoirs"',
    "Released, downloaded, and submitted assignments for course:": "Devoirs distribués, récupérés et remis, cours :",
    "Released assignments": "Devoirs distribués",
    "Downloaded assignments": "Devoirs récupérés",
    "Submitted assignments": "Devoirs remis",
    "There are no assignments to fetch.": "Aucun devoir à récupérer pour l’instant.",
    "There are no downloaded assignments.": "Aucun devoir récupéré.",
    "There are no submitted assignments.": "Aucun devoir remis.",
    "Loading, please wait...": "Chargement, patientez…",
    'title="Refresh assignments list"': 'title="Actualiser la liste des devoirs"',
    'innerText="Fetch"': 'innerText="Récupérer"',
    '"Fetching..."': '"Récupération…"',
    'innerText="Submit"': 'innerText="Remettre"',
    '"submitting..."': '"Envoi…"',
    '"Fetch Feedback"': '"Récupérer les retours"',
    '"Fetching Feedback..."': '"Récupération des retours…"',
    '" (view feedback)"': '" (voir les retours)"',
    '" (feedback available to fetch)"': '" (retours à récupérer)"',
    '"Error fetching assignment."': '"Le devoir n’a pas pu être récupéré. Réessayez ; si cela se répète, prévenez le formateur."',
    '"Error submitting assignment."': '"Le devoir n’a pas pu être remis. Réessayez ; si cela se répète, prévenez le formateur."',
    '"Error fetching feedback."': '"Les retours n’ont pas pu être récupérés. Réessayez dans un instant."',
    '"No courses found."': '"Aucun cours trouvé."',
    '"Error fetching courses!"': '"Impossible de lister les cours."',
}
MARQUE = ".atelier-fr.json"


def source_installee() -> Path | None:
    """L'extension de nbgrader installée avec ce Python."""
    chemin = Path(sys.prefix) / "share" / "jupyter" / EXTENSION
    return chemin if (chemin / "package.json").is_file() else None


def preparer(donnees: Path, source: Path | None = None) -> list[str]:
    """Écrit dans ``donnees/labextensions/@jupyter/nbgrader`` l'extension en français.

    Renvoie les textes anglais non trouvés (liste vide : tout est traduit). Ne refait rien
    si la copie en place vient déjà de la même version de l'extension.
    """
    source = source or source_installee()
    if source is None or not (source / "package.json").is_file():
        return list(TRADUCTIONS)
    version = json.loads((source / "package.json").read_text(encoding="utf-8"))["version"]
    cible = donnees / EXTENSION
    marque = cible / MARQUE
    deja = json.loads(marque.read_text(encoding="utf-8")) if marque.is_file() else {}
    if deja.get("version") == version:
        return deja["non_traduits"]
    temporaire = cible.with_name(cible.name + ".tmp")
    shutil.rmtree(temporaire, ignore_errors=True)
    shutil.copytree(source, temporaire)
    trouves = set()
    for fichier in (temporaire / "static").glob("*.js"):
        texte = fichier.read_text(encoding="utf-8")
        for anglais, francais in TRADUCTIONS.items():
            if anglais in texte:
                texte = texte.replace(anglais, francais)
                trouves.add(anglais)
        fichier.write_text(texte, encoding="utf-8")
    non_traduits = [t for t in TRADUCTIONS if t not in trouves]
    (temporaire / MARQUE).write_text(
        json.dumps({"version": version, "non_traduits": non_traduits}), encoding="utf-8"
    )
    shutil.rmtree(cible, ignore_errors=True)
    temporaire.rename(cible)
    return non_traduits


if __name__ == "__main__":
    # python -m atelier.nbgrader_fr DOSSIER : pour une image ou un hub monté à la main (TLJH).
    import argparse

    analyse = argparse.ArgumentParser(
        prog="python -m atelier.nbgrader_fr", description=__doc__.splitlines()[0]
    )
    analyse.add_argument(
        "dossier", type=Path, help="dossier de données Jupyter à mettre en tête de JUPYTER_PATH"
    )
    restes = preparer(analyse.parse_args().dossier)
    print(
        "Onglet des devoirs en français" + (f" (sauf {len(restes)} texte(s))." if restes else ".")
    )
