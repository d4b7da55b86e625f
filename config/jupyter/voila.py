# Réglages de Voilà pour les applications de l'atelier (chargés via JUPYTER_CONFIG_DIR).
c = get_config()  # noqa: F821

# Gabarit sans ressource externe (config/jupyter-data/voila/templates/atelier) :
# Voilà charge sinon ses icônes depuis un CDN, ce qui échoue hors ligne.
c.VoilaConfiguration.template = "atelier"
# Les extensions de nbgrader et de Notebook 7 ne servent à rien dans une application
# et y provoquent des erreurs de chargement (« The getter for the shared module… »)
# qui, parfois, empêchent les widgets de s'afficher.
c.VoilaConfiguration.extension_denylist = ["@jupyter/nbgrader", "@jupyter-notebook/lab-extension"]
c.VoilaConfiguration.show_tracebacks = False
# Liste des applications rendue par le serveur, en français (tree.html du gabarit).
c.VoilaConfiguration.classic_tree = True

# Voilà ne ferme pas le noyau d'une page refermée (voila-dashboards/voila#849) :
# les noyaux sans page ouverte sont arrêtés après deux minutes d'inactivité.
c.MappingKernelManager.cull_interval = 30
c.MappingKernelManager.cull_idle_timeout = 120
c.MappingKernelManager.cull_connected = False

# Voilà attend la réponse de chaque cellule sans délai ; sur cette pile, le réveil
# de cette attente se perd parfois et la page reste figée (3 pages sur 70 dans
# un essai au navigateur, 0 sur 70 avec ce client) : voir atelier/client_noyau.py.
c.KernelManager.client_factory = "atelier.client_noyau.ClientVigilant"
