"""Configuration nbgrader du cours « Atelier numérique des communes ».

Fonctionne depuis un clone neuf : la racine du cours est ce dossier, quel que
soit le dossier courant. Variables d'environnement reconnues :

- ATELIER_COURS         identifiant du cours (défaut : atelier-numerique)
- ATELIER_ECHANGE       dossier d'échange nbgrader (défaut : <dépôt>/.etat/echange ;
                        sur un JupyterHub, un dossier partagé créé par l'installation)
- ATELIER_DELAI_CELLULE délai maximal d'exécution d'une cellule, en secondes (défaut : 30)
"""

import os
from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, GetGrades

from atelier.nbgrader_ext import RaccourcirErreurs

c = get_config()  # noqa: F821

ICI = Path(__file__).resolve().parent

c.CourseDirectory.root = str(ICI)
c.CourseDirectory.course_id = os.environ.get("ATELIER_COURS", "atelier-numerique")
c.Exchange.root = os.environ.get("ATELIER_ECHANGE", str(ICI.parent / ".etat" / "echange"))
c.Exchange.path_includes_course = True

# Une cellule qui tourne en boucle est interrompue au bout de ce délai ;
# la correction continue avec la cellule et la copie suivantes.
c.Execute.timeout = int(os.environ.get("ATELIER_DELAI_CELLULE", "30"))

# Ce que reçoivent les participants à la place des solutions.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = (
    "Écrivez votre réponse ici (double-cliquez sur cette cellule pour la modifier)."
)

# Une cellule notée supprimée par un participant est remise depuis la source
# (sinon elle resterait sans note).
c.OverwriteCells.add_missing_cells = True

# Retours aux participants : jamais le texte des tests cachés, ni des traces
# d'erreur qui le citeraient (nbgrader les montre par défaut, jupyter/nbgrader#917),
# ni la grille de notation des questions rédigées.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ClearHiddenTests,
    ClearMarkScheme,
    RaccourcirErreurs,
    CSSHTMLHeaderPreprocessor,
]
