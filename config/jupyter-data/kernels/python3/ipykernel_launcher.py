"""Lance le noyau Python du kit, sans la cause des cellules bloquées côté noyau.

ipykernel 7.0 à 7.3 envoie la réponse d'une cellule (``execute_reply``) directement
sur la socket ROUTER du canal « shell », en contournant le ``ZMQStream`` qui lit les
requêtes sur cette même socket. Cet envoi consomme le réveil de la socket (ZeroMQ ne
réveille qu'une fois, sur front) : une requête arrivée pendant ce temps n'est pas lue
avant un événement ultérieur, et la cellule suivante reste à ``[*]`` jusqu'au délai du
client (ipython/ipykernel#1554, corrigé par ipython/ipykernel#1529 dans ipykernel 7.4).

Ce script, l'``ipykernel_launcher`` du kit, fait passer la réponse par le flux, comme
ipykernel 7.4, quelle que soit la version installée, puis démarre ipykernel comme celui
d'ipykernel (même nom : ce qui reconnaît un noyau à sa ligne de commande le reconnaît). Le noyau « python3 » du kit (kernel.json à
côté, trouvé par ``JUPYTER_PATH``) le lance : JupyterLab, Voilà, nbconvert, nbval,
papermill et la correction l'utilisent sans rien faire. Il n'importe pas ``atelier`` :
le carnet doit l'importer lui-même, une fois IPython prêt. Mesures : bench/blocages/.

Il donne aussi au noyau les réglages ``ipython_kernel_config.py`` des dossiers de réglages
Jupyter (``JUPYTER_CONFIG_DIR``, ``JUPYTER_CONFIG_PATH`` : ``config/jupyter`` du kit, ceux de
la salle dans ``deploy/config``). IPython seul ne les lit que dans son profil (~/.ipython) et
dans ``etc/ipython`` ; le profil de la personne garde le dernier mot.
"""

import sys

MARQUE = "atelier_noyau_sur"


def _envoyer_par_le_flux(gestionnaire, msg):
    flux = getattr(gestionnaire, "_shell_stream", None)
    if flux is None:  # ipykernel 7.0 à 7.3 : le gestionnaire ne connaît que la socket
        from ipykernel.kernelapp import IPKernelApp

        flux = IPKernelApp.instance().kernel.shell_stream
    flux.send_multipart(msg)


def proteger():
    """Installe l'envoi par le flux (rien à faire avec ipykernel 6, qui envoyait déjà par le flux)."""
    try:
        from ipykernel.subshell_manager import SubshellManager
    except ImportError:
        return
    SubshellManager._send_on_shell_channel = _envoyer_par_le_flux
    setattr(SubshellManager, MARQUE, True)


def reglages_du_kit():
    """Les ``ipython_kernel_config.py`` des dossiers de réglages Jupyter, le plus prioritaire en dernier."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    reglages = Config()
    for dossier in reversed(jupyter_config_path()):
        try:
            reglages.merge(
                PyFileConfigLoader("ipython_kernel_config.py", path=dossier).load_config()
            )
        except ConfigFileNotFound:
            continue
    return reglages


if __name__ == "__main__":
    del sys.path[0]  # le dossier de ce script ; IPython ajoute ensuite le dossier du carnet
    proteger()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(config=reglages_du_kit())
