# Réglages du serveur Jupyter pour l'atelier (chargés via JUPYTER_CONFIG_DIR,
# que le Makefile fait pointer sur ce dossier).
import os

c = get_config()  # noqa: F821

# Hors ligne : ni annonces ni recherche de mises à jour de JupyterLab.
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"

# Applications Voilà ouvertes depuis JupyterLab : même gabarit hors ligne.
c.VoilaConfiguration.template = "atelier"
c.VoilaConfiguration.extension_denylist = ["@jupyter/nbgrader", "@jupyter-notebook/lab-extension"]

# Participants (« make lab », réglage par défaut) : pas d'outils du formateur. Ni panneau
# « Create Assignment », ni formgrader, ni bouton « Validate » (en anglais) : les
# vérifications du kit donnent déjà un retour en français dans le carnet. Un formateur
# qui note les écrits sur son portable lance « ATELIER_ROLE=formateur make lab ».
# (Sur le hub, les réglages de deploy/config/ passent avant ceux-ci.)
OUTILS_DU_FORMATEUR = [
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:validate-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
]


def _sans_outils_du_formateur(handler, page_config):
    page_config["disabledExtensions"] = sorted(
        {*page_config.get("disabledExtensions", []), *OUTILS_DU_FORMATEUR}
    )
    return page_config


if os.environ.get("ATELIER_ROLE", "participant") != "formateur":
    c.ServerApp.jpserver_extensions = {
        "nbgrader.server_extensions.formgrader": False,
        "nbgrader.server_extensions.course_list": False,
        "nbgrader.server_extensions.validate_assignment": False,
    }
    c.ServerApp.tornado_settings = {"page_config_hook": _sans_outils_du_formateur}
