# Noyaux de la salle : pas d'historique SQLite (un fil et une base de moins par noyau).
# IPython ne cherche ses réglages que dans son profil et dans etc/ipython : ce fichier est lu par
# le lanceur du noyau du kit (config/jupyter-data/kernels/python3/ipykernel_launcher.py), qui
# parcourt les dossiers de réglages Jupyter (JUPYTER_CONFIG_PATH, posé par atelier.salle.hub).
c = get_config()  # noqa: F821
c.HistoryManager.enabled = False
