"""``python -m atelier.modules`` : récrit le tableau des modules de la page d'accueil d'après le registre."""

from atelier.modules import ecrire_accueil

print("Page d'accueil mise à jour." if ecrire_accueil() else "Page d'accueil déjà à jour.")
