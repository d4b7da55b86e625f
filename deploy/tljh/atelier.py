# The Littlest JupyterHub : réglages de l'Atelier numérique des communes.
# À copier dans /opt/tljh/config/jupyterhub_config.d/atelier.py, puis « sudo tljh-config reload ».
# Les limites (mémoire, processeur) et l'arrêt des serveurs inactifs se règlent par
# tljh-config (voir README.md) : TLJH les applique par systemd (cgroups).
import os

KIT = "/opt/atelier-numerique/kit"
CONFIG = f"{KIT}/deploy/config"
COURS_ID = "atelier-numerique"
ECHANGE = "/srv/nbgrader/exchange"
PORT_DEPOT = 8003


def regler_selon_le_role(spawner):
    """Formateurs (administrateurs du hub) : formgrader et terminal ; participants : ni l'un ni l'autre."""
    role = "formateur" if spawner.user.admin else "participant"
    spawner.environment.update(
        {
            "ATELIER_ROLE": role,
            "ATELIER_RACINE": KIT,
            "ATELIER_COURS": COURS_ID,
            "ATELIER_ECHANGE": "/srv/nbgrader/exchange",
            "ATELIER_DEPOT": f"http://127.0.0.1:{PORT_DEPOT}/services/depot/",
            "ATELIER_COURS_DOSSIER": "/srv/nbgrader/atelier-numerique",
            "JUPYTER_CONFIG_PATH": os.pathsep.join(
                [f"{CONFIG}/{role}", f"{CONFIG}/commun", f"{KIT}/config/jupyter"]
            ),
            "PYTHONPATH": f"{KIT}/src",
            # L'onglet des devoirs en français (README.md, étape 2), le noyau et les gabarits du kit.
            "JUPYTER_PATH": f"{KIT}/jupyter-fr:{KIT}/config/jupyter-data",
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MALLOC_ARENA_MAX": "2",
        }
    )


c = get_config()  # noqa: F821
c.Spawner.pre_spawn_hook = regler_selon_le_role
c.Spawner.cmd = ["/opt/tljh/user/bin/python", "-m", "atelier.salle.serveur"]
c.Spawner.default_url = "/lab/tree/notebooks/00_accueil.ipynb"
c.JupyterHub.load_groups = {
    f"formgrade-{COURS_ID}": {"users": []},
    f"nbgrader-{COURS_ID}": {"users": []},
}
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "read:users:name!user",
    "read:users:groups!user",
    "access:services!service=depot",
]

# Le dépôt des copies (atelier.salle.depot) : les participants remettent par lui, reconnus
# par le hub ; personne n'écrit dans l'échange. Il tourne sous le compte système
# « atelier-depot », seul à écrire dans exchange/<cours>/depots (voir README.md).
c.JupyterHub.services = [
    {
        "name": "depot",
        "url": f"http://127.0.0.1:{PORT_DEPOT}",
        "user": "atelier-depot",
        "cwd": f"{ECHANGE}/{COURS_ID}/depots",
        "command": [
            "/opt/tljh/user/bin/python",
            "-m",
            "atelier.salle.depot",
            "--depots",
            f"{ECHANGE}/{COURS_ID}/depots",
            "--outbound",
            f"{ECHANGE}/{COURS_ID}/outbound",
            f"--port={PORT_DEPOT}",
        ],
        "environment": {"PYTHONPATH": f"{KIT}/src"},
    }
]
c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "access:services!service=depot"]}]

# Limites par personne : TLJH lance chaque serveur dans sa propre unité systemd
# (SystemdSpawner). La mémoire de tous ses processus se règle par
# « tljh-config set limits.memory 3G » ; le nombre de processus ici. Quand le
# serveur s'arrête, systemd arrête toute l'unité : rien ne lui survit.
c.SystemdSpawner.unit_extra_properties = {"TasksMax": "256"}
# Les pages du hub (connexion, accueil, erreurs) en français.
c.JupyterHub.template_paths = [f"{KIT}/deploy/templates"]
