# Réglages du serveur Jupyter pour l'atelier (chargés via JUPYTER_CONFIG_DIR,
# que le Makefile fait pointer sur ce dossier).
c = get_config()  # noqa: F821

# Hors ligne : ni annonces ni recherche de mises à jour de JupyterLab.
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"

# Applications Voilà ouvertes depuis JupyterLab : même gabarit hors ligne.
c.VoilaConfiguration.template = "atelier"
c.VoilaConfiguration.extension_denylist = ["@jupyter/nbgrader", "@jupyter-notebook/lab-extension"]
