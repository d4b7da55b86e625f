# JupyterHub d'une salle de l'Atelier numérique des communes.
# Lancé par « python -m atelier.salle demarrer » (ou « make salle »), qui indique
# l'état de la salle par ATELIER_SALLE (salle.json, écrit par l'installation).
from atelier.salle.hub import configurer

c = get_config()  # noqa: F821
configurer(c)
