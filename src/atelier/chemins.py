"""Où se trouvent les dossiers du kit.

Par défaut, la racine est le dépôt qui contient ce paquet (installation
« pip install -e . »). Une installation ailleurs (image de JupyterHub, par
exemple) indique la racine par la variable d'environnement ATELIER_RACINE.
"""

import os
from pathlib import Path

RACINE = Path(os.environ.get("ATELIER_RACINE") or Path(__file__).resolve().parents[2])
DONNEES = RACINE / "datasets"
CARNETS = RACINE / "notebooks"
COURS = RACINE / "exercises"
MES_EXERCICES = RACINE / "mes_exercices"
