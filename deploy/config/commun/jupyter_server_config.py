# Réglages communs à tous les serveurs de la salle (participants et formateurs).
# Les valeurs viennent du hub (variables ATELIER_*), voir src/atelier/salle/hub.py.
import os

from jupyter_core.paths import jupyter_path

c = get_config()  # noqa: F821

# Arrêts pour inactivité, par le serveur lui-même (pas besoin de jupyterhub-idle-culler) :
# un noyau inactif est arrêté, même si l'onglet est resté ouvert ; un serveur
# sans aucune activité s'arrête et le hub le note comme arrêté.
c.MappingKernelManager.cull_idle_timeout = int(os.environ.get("ATELIER_INACTIVITE_NOYAU", "2700"))
c.MappingKernelManager.cull_interval = 120
c.MappingKernelManager.cull_connected = True
c.ServerApp.shutdown_no_activity_timeout = int(os.environ.get("ATELIER_INACTIVITE_SERVEUR", "3600"))

# Extensions serveur dont personne n'a besoin dans la salle : moins de mémoire, départ plus rapide.
c.ServerApp.jpserver_extensions = {
    "jupyter_lsp": False,  # complétion avancée (serveurs de langage) : inutile ici
    "notebook": False,  # l'interface « Notebook 7 » : la salle utilise JupyterLab
    "voila.server_extension": False,  # aperçu Voilà : non utilisé en salle
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.assignment_list": True,
}

# Pas de gestionnaire d'extensions en ligne : rien à installer depuis la salle, moins de mémoire.
c.LabApp.extension_manager = "readonly"

# Le noyau « python3 » du kit avant celui de Python : il renvoie ses réponses sans jamais laisser
# une cellule suivante non lue (config/jupyter-data/kernels/python3, bench/blocages/README.md).
c.KernelSpecManager.kernel_dirs = [
    os.path.join(os.environ.get("ATELIER_RACINE", "/opt/atelier-numerique/kit"), "config", "jupyter-data", "kernels"),
    *jupyter_path("kernels"),
]
