"""Atelier numérique des communes : outils appelés par les carnets du kit."""

from atelier import affichage, erreurs

__version__ = "0.1.0"

# Dans un carnet, les erreurs fréquentes s'expliquent en français,
# et les nombres et les tableaux s'affichent à la française.
erreurs.installer()
affichage.installer()
