"""Extension serveur : la feuille de style du rôle (deploy/config/<rôle>/custom/custom.css).

JupyterLab sert ``custom/custom.css`` quand ``LabApp.custom_css`` est vrai, mais le
cherche seulement dans le dossier de configuration de la personne (``~/.jupyter``).
Cette extension place d'abord le dossier du rôle, dans le kit (lisible par tous,
modifiable par root seul) : les participants n'ont pas le bouton « Validate » de nbgrader.
"""

from __future__ import annotations

import os
from pathlib import Path


def dossier_du_role() -> Path:
    from atelier.chemins import RACINE

    return RACINE / "deploy" / "config" / os.environ.get("ATELIER_ROLE", "participant") / "custom"


def _jupyter_server_extension_points():
    return [{"module": "atelier.salle.apparence"}]


def _load_jupyter_server_extension(serverapp) -> None:
    # La liste est celle que le gestionnaire de « custom/ » de JupyterLab consulte à chaque requête.
    serverapp.web_app.settings["static_custom_path"].insert(0, str(dossier_du_role()))
