"""Les applications sans code (Voilà) de l'atelier, et leurs liens depuis JupyterLab."""

from __future__ import annotations

import html
import os

from atelier import modules
from atelier.chemins import CARNETS

# Les applications qui ne sont pas celles d'un module (celles-ci sont dans le registre).
AUTRES = {
    "fiche_commune": "Fiche commune : chiffres clés et place dans le département",
    "mon_plan": "Mon plan numérique communal : le volet numérique du PDC (Word, PDF, Excel)",
    "mes_chiffres": "Mes vrais chiffres : remplacer les chiffres fictifs par ceux de votre commune",
}


def titres() -> dict[str, str]:
    return {**AUTRES, **{m.nom: m.application for m in modules.MODULES}}


def applications() -> dict[str, str]:
    """Nom de fichier → titre, pour chaque application présente dans notebooks/applications/."""
    presentes = sorted(p.stem for p in (CARNETS / "applications").glob("*.ipynb"))
    tous = titres()
    return {nom: tous.get(nom, nom.replace("_", " ")) for nom in presentes}


def adresse(nom: str) -> str:
    """L'adresse d'une application.

    Sur le JupyterHub de la salle, ATELIER_APPLIS désigne le Voilà partagé de la
    salle (``/services/applis/voila/render/``) ; sur un ordinateur, l'application
    s'ouvre dans le Voilà intégré à JupyterLab.
    """
    partage = os.environ.get("ATELIER_APPLIS")
    if partage:
        return f"{partage.rstrip('/')}/{nom}.ipynb"
    prefixe = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
    return f"{prefixe.rstrip('/')}/voila/render/notebooks/applications/{nom}.ipynb"


def liens_des_applications():
    """Les liens vers chaque application, à afficher dans un carnet (s'ouvrent dans un nouvel onglet)."""
    from IPython.display import HTML

    elements = "".join(
        f'<li><a href="{html.escape(adresse(nom))}" target="_blank" rel="noopener">{html.escape(titre)}</a></li>'
        for nom, titre in applications().items()
    )
    return HTML(f"<ul>{elements}</ul>")
