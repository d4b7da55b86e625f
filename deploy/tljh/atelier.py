# The Littlest JupyterHub : réglages de l'Atelier numérique des communes.
# À copier dans /opt/tljh/config/jupyterhub_config.d/atelier.py, puis « sudo tljh-config reload ».
# Les limites (mémoire, processeur) et l'arrêt des serveurs inactifs se règlent par
# tljh-config (voir README.md) : TLJH les applique par systemd (cgroups).
import os

KIT = "/opt/atelier-numerique/kit"
CONFIG = f"{KIT}/deploy/config"
COURS_ID = "atelier-numerique"


def regler_selon_le_role(spawner):
    """Formateurs (administrateurs du hub) : formgrader et terminal ; participants : ni l'un ni l'autre."""
    role = "formateur" if spawner.user.admin else "participant"
    spawner.environment.update({
        "ATELIER_ROLE": role,
        "ATELIER_RACINE": KIT,
        "ATELIER_COURS": COURS_ID,
        "ATELIER_ECHANGE": "/srv/nbgrader/exchange",
        "ATELIER_COURS_DOSSIER": "/srv/nbgrader/atelier-numerique",
        "JUPYTER_CONFIG_PATH": os.pathsep.join([f"{CONFIG}/{role}", f"{CONFIG}/commun", f"{KIT}/config/jupyter"]),
        "PYTHONPATH": f"{KIT}/src",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MALLOC_ARENA_MAX": "2",
    })


c = get_config()  # noqa: F821
c.Spawner.pre_spawn_hook = regler_selon_le_role
c.Spawner.cmd = ["/opt/tljh/user/bin/python", "-m", "atelier.salle.serveur"]
c.Spawner.default_url = "/lab/tree/notebooks/00_accueil.ipynb"
c.JupyterHub.load_groups = {f"formgrade-{COURS_ID}": {"users": []}, f"nbgrader-{COURS_ID}": {"users": []}}
c.Spawner.server_token_scopes = [
    "users:activity!user", "access:servers!server", "read:users:name!user", "read:users:groups!user",
]

# Limites par personne : TLJH lance chaque serveur dans sa propre unité systemd
# (SystemdSpawner). La mémoire de tous ses processus se règle par
# « tljh-config set limits.memory 3G » ; le nombre de processus ici. Quand le
# serveur s'arrête, systemd arrête toute l'unité : rien ne lui survit.
c.SystemdSpawner.unit_extra_properties = {"TasksMax": "256"}
# Les pages du hub (connexion, accueil, erreurs) en français.
c.JupyterHub.template_paths = [f"{KIT}/deploy/templates"]
