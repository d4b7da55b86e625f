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
    os.path.join(
        os.environ.get("ATELIER_RACINE", "/opt/atelier-numerique/kit"),
        "config",
        "jupyter-data",
        "kernels",
    ),
    *jupyter_path("kernels"),
]


# Noyaux reliés par sockets Unix (IPC), pas par ports TCP. En TCP, jupyter_client choisit les ports d'un
# noyau puis les libère pour que le noyau les ouvre : sur une machine où trente serveurs démarrent leurs
# noyaux en même temps, un autre processus prend parfois un de ces ports entre les deux, et le redémarrage
# automatique reprend les mêmes ports : le noyau meurt (bench/salle/charge.md). Les sockets vont dans un
# dossier privé au chemin court (un chemin de socket est limité à 107 caractères) ; si ce dossier n'est
# pas à la personne et fermé aux autres (lien, dossier posé par un autre compte), on reste en TCP.
def _dossier_des_noyaux() -> str | None:
    import stat

    dossier = f"/tmp/atelier-noyaux-{os.getuid()}"
    try:
        os.mkdir(dossier, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    etat = os.lstat(dossier)
    if (
        stat.S_ISDIR(etat.st_mode)
        and etat.st_uid == os.getuid()
        and stat.S_IMODE(etat.st_mode) == 0o700
    ):
        return dossier
    return None


_noyaux = _dossier_des_noyaux()
if _noyaux:
    c.KernelManager.transport = "ipc"
    c.KernelManager.ip = os.path.join(_noyaux, "noyau")
