# Réglages des noyaux Python du kit, lus par son lanceur
# (config/jupyter-data/kernels/python3/ipykernel_launcher.py) dans chaque dossier de réglages
# Jupyter : celui-ci (make lab, le lanceur, Voilà, la salle) et ceux de la salle (deploy/config/…).
c = get_config()  # noqa: F821

# Les erreurs fréquentes expliquées en français dès la première cellule, avant tout import.
c.InteractiveShellApp.extensions = ["atelier.erreurs"]
