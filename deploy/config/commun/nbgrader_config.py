# Réglages nbgrader communs : le cours de la salle et son dossier d'échange.
import os

from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821

c.CourseDirectory.course_id = os.environ.get("ATELIER_COURS", "atelier-numerique")
c.Exchange.root = os.environ.get("ATELIER_ECHANGE", "/srv/atelier-salle/echange")
c.Exchange.path_includes_course = True
# Qui suit quel cours : les groupes JupyterHub « nbgrader-<cours> » et « formgrade-<cours> ».
c.Authenticator.plugin_class = JupyterHubAuthPlugin
