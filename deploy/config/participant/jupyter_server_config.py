# Serveur d'un participant : ni correction, ni terminal.
import os

c = get_config()  # noqa: F821

c.ServerApp.jpserver_extensions = {
    "jupyter_lsp": False,
    "notebook": False,
    # Les applications sans code : dans la salle de « make salle », le Voilà partagé
    # (ATELIER_APPLIS) ; ailleurs (TLJH, Zero to JupyterHub), le Voilà de ce serveur.
    "voila.server_extension": not os.environ.get("ATELIER_APPLIS"),
    "jupyter_server_terminals": False,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
    # « Devoirs » (récupérer, remettre, retours) sans charger nbgrader dans le serveur :
    # même interface, un processus à part par clic (voir src/atelier/salle/devoirs.py).
    # Le bouton « Valider » est retiré : les vérifications du kit donnent déjà
    # un retour immédiat dans le carnet.
    "nbgrader.server_extensions.validate_assignment": False,
    "nbgrader.server_extensions.assignment_list": False,
    "atelier.salle.devoirs": True,
    # Feuille de style des participants : sans le bouton « Validate » (deploy/config/participant/custom).
    "atelier.salle.apparence": True,
}
c.LabApp.custom_css = True
# Pas de terminal : le public n'en a pas besoin, et un shell lancé à la main
# échapperait aux arrêts pour inactivité. (Ce ne serait pas une faille :
# le serveur tourne sous le compte du participant, pas en root.)
c.ServerApp.terminals_enabled = False
# Une suppression libère vraiment la place (pas de corbeille dans le dossier personnel,
# qui compte dans la limite de disque) ; JupyterLab demande confirmation avant.
c.FileContentsManager.delete_to_trash = False
