# Serveur d'un formateur : formgrader du cours, terminal (sous son propre compte).
c = get_config()  # noqa: F821

c.ServerApp.jpserver_extensions = {
    "jupyter_lsp": False,
    "notebook": False,
    "voila.server_extension": False,
    "jupyter_server_terminals": True,
    "nbgrader.server_extensions.formgrader": True,
    "nbgrader.server_extensions.course_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.assignment_list": True,
}
# Le formgrader s'ouvre dans un cadre (iframe) de JupyterLab. Depuis JupyterHub 4.1,
# les serveurs envoient « frame-ancestors 'none' » et le cadre reste blanc
# (jupyter/nbgrader#1870). On autorise le cadre venant de la même origine, pour
# les seuls serveurs des formateurs. Autre voie : ouvrir /user/<formateur>/formgrader
# dans un onglet à part.
c.ServerApp.tornado_settings = {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}
