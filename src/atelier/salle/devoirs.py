"""« Devoirs » de nbgrader pour les participants, sans charger nbgrader dans leur serveur.

L'extension serveur ``nbgrader.server_extensions.assignment_list`` importe tout
nbgrader (nbconvert, SQLAlchemy, requests, setuptools…) : environ 35 Mo de plus dans
chaque serveur de participant, pour quelques clics par séance. Cette extension sert
les mêmes adresses (l'onglet « Devoirs » de JupyterLab ne voit pas la différence),
mais chaque action tourne dans un processus Python à part, sous le même compte, qui
appelle le code de nbgrader puis s'arrête : 2 à 3 secondes par clic, zéro octet au repos.

``python -m atelier.salle.devoirs <action> <dossier> [cours] [devoir]`` est ce processus.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from importlib.metadata import version

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

ACTIONS = ("lister", "fetch", "submit", "fetch_feedback", "cours")


def _executer(action: str, racine: str, cours: str | None, devoir: str | None) -> object:
    """Dans le processus à part : l'appel nbgrader lui-même."""
    from nbgrader.server_extensions.assignment_list.handlers import AssignmentList

    gestionnaire = AssignmentList()
    gestionnaire.root_dir = racine
    if action == "lister":
        return gestionnaire.list_assignments(course_id=cours)
    if action == "cours":
        return gestionnaire.list_courses()
    if action == "fetch":
        gestionnaire.fetch_assignment(cours, devoir)
        return gestionnaire.list_assignments(course_id=cours)
    if action == "fetch_feedback":
        gestionnaire.fetch_feedback(cours, devoir)
        return gestionnaire.list_assignments(course_id=cours)
    resultat = gestionnaire.submit_assignment(cours, devoir)
    return gestionnaire.list_assignments(course_id=cours) if resultat["success"] else resultat


class _Base(JupyterHandler):
    async def _appeler(
        self, action: str, cours: str | None = None, devoir: str | None = None
    ) -> None:
        processus = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "atelier.salle.devoirs",
            action,
            self.settings["atelier_racine_devoirs"],
            cours or "",
            devoir or "",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        sortie, erreurs = await processus.communicate()
        if processus.returncode != 0:
            self.log.error("devoirs %s : %s", action, erreurs.decode(errors="replace")[-2000:])
            raise web.HTTPError(
                500, "L'opération sur les devoirs a échoué ; prévenez le formateur."
            )
        self.set_header("Content-Type", "application/json")
        self.finish(sortie)


class ListeHandler(_Base):
    @web.authenticated
    async def get(self):
        await self._appeler("lister", self.get_argument("course_id"))


class ActionHandler(_Base):
    @web.authenticated
    async def post(self, action):
        try:
            donnees = {
                "assignment_id": self.get_argument("assignment_id"),
                "course_id": self.get_argument("course_id"),
            }
        except web.MissingArgumentError:
            donnees = self.get_json_body()
        await self._appeler(action, donnees["course_id"], donnees["assignment_id"])


class CoursHandler(_Base):
    @web.authenticated
    async def get(self):
        await self._appeler("cours")


class VersionHandler(JupyterHandler):
    @web.authenticated
    def get(self):
        attendue = version("nbgrader")
        if self.get_argument("version") == attendue:
            self.finish(json.dumps({"success": True}))
        else:
            self.finish(json.dumps({"success": False, "message": f"nbgrader {attendue} attendu"}))


def _jupyter_server_extension_points():
    return [{"module": "atelier.salle.devoirs"}]


def _load_jupyter_server_extension(serverapp):
    webapp = serverapp.web_app
    webapp.settings["atelier_racine_devoirs"] = serverapp.root_dir
    base = webapp.settings["base_url"]
    webapp.add_handlers(
        ".*$",
        [
            (url_path_join(base, "assignments"), ListeHandler),
            (
                url_path_join(base, r"assignments/(?P<action>fetch|submit|fetch_feedback)"),
                ActionHandler,
            ),
            (url_path_join(base, "courses"), CoursHandler),
            (url_path_join(base, "nbgrader_version"), VersionHandler),
        ],
    )


if __name__ == "__main__":
    action, racine, cours, devoir = (sys.argv[1:] + ["", "", "", ""])[:4]
    if action not in ACTIONS:
        sys.exit(f"action inconnue : {action}")
    os.chdir(racine)
    print(json.dumps(_executer(action, racine, cours or None, devoir or None)))
