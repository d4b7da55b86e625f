"""Configuration du JupyterHub de la salle (chargée par deploy/jupyterhub_config.py).

- Authentification PAM (les comptes Unix réels, mots de passe des cartes) ;
  seules les personnes de la liste entrent, les formateurs sont administrateurs.
- Chaque serveur tourne sous le compte de la personne (LocalProcessSpawner),
  jamais en root : nbgrader enregistre donc chaque copie sous le bon nom.
- Réglages Jupyter par rôle (deploy/config/participant ou formateur) : extensions
  utiles seulement, pas de terminal pour les participants, formgrader pour les formateurs.
- Limites par personne : mémoire et processus de tous ses processus ensemble (un
  cgroup par personne, atelier.salle.limites), vidé à l'arrêt du serveur ; disque
  mesuré à chaque contrôle ; plus des limites par processus (setrlimit).
- Le Voilà partagé (/services/applis/) derrière la connexion du hub, noyaux plafonnés.
- Le dépôt des copies (/services/depot/) : les participants remettent par lui, jamais
  en écrivant dans l'échange (atelier.salle.depot).
"""

from __future__ import annotations

import asyncio
import inspect
import os
import pwd
import resource
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner

from atelier.salle import limites as lim
from atelier.salle.installation import Salle, donnees_jupyter


def salle_courante() -> Salle:
    return Salle.charger(os.environ.get("ATELIER_SALLE", "/srv/atelier-salle/salle.json"))


class SpawnerSalle(LocalProcessSpawner):
    """LocalProcessSpawner avec réglages par rôle, umask et limites par compte."""

    salle: Salle | None = None
    # Faux si les cgroups ne sont pas modifiables ici (message en français au démarrage du hub).
    cgroups: bool = True
    _disque_plein: bool = False
    _groupe_actif: lim.GroupePersonne | None = None

    @property
    def role(self) -> str:
        return "formateur" if self.user.name in self.salle.formateurs else "participant"

    def make_preexec_fn(self, name):
        passer_sous_le_compte = super().make_preexec_fn(name)
        limites = self.salle.limites
        # Participants : fichiers privés. Formateurs : partagés avec le groupe du cours
        # (les retours publiés doivent rester lisibles par leur destinataire).
        umask = 0o002 if self.role == "formateur" else 0o077

        groupe = self._groupe_actif
        fichier_max = lim.taille_fichier_permise(limites.disque_mo, self._disque_plein)

        def preexec():
            if groupe is not None:
                groupe.entrer()  # encore root : le serveur et tous ses descendants dans le groupe
            passer_sous_le_compte()
            os.umask(umask)
            memoire = limites.memoire_processus_mo * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_DATA, (memoire, memoire))
            resource.setrlimit(
                resource.RLIMIT_NPROC, (limites.processus_max, limites.processus_max)
            )
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            if limites.disque_mo:
                resource.setrlimit(resource.RLIMIT_FSIZE, (fichier_max, fichier_max))

        return preexec

    def _groupe(self) -> lim.GroupePersonne | None:
        if not self.cgroups:
            return None
        try:
            return lim.groupe_de(self.user.name)
        except lim.LimitesIndisponibles as erreur:
            type(self).cgroups = False
            self.log.warning(lim.message_sans_cgroups(str(erreur)))
            return None

    async def start(self):
        self._groupe_actif = groupe = self._groupe()
        if groupe is not None:
            try:
                restes = await asyncio.to_thread(groupe.vider)  # restes d'un hub arrêté brutalement
                if restes:
                    self.log.warning(
                        "%s : %d processus d'une séance précédente arrêtés", self.user.name, restes
                    )
                groupe.creer(self.salle.limites.memoire_totale_mo, self.salle.limites.processus_max)
            except OSError as erreur:
                self._groupe_actif = None
                self.log.warning(
                    lim.message_sans_cgroups(f"groupe de {self.user.name} non créé ({erreur}).")
                )
        self._disque_plein, message = await self._controler_disque(initial=True)
        if message:
            self.log.warning(message)
        return await super().start()

    async def _controler_disque(self, initial: bool = False) -> tuple[bool, str]:
        """Mesure le dossier personnel (au démarrage : sans toucher aux processus, il n'y en a pas)."""
        limite = self.salle.limites.disque_mo
        if not limite:
            return False, ""
        try:
            home = Path(pwd.getpwnam(self.user.name).pw_dir)
            if initial:
                taille = await asyncio.to_thread(lim.taille_dossier_mo, home)
                if taille <= limite:
                    return False, ""
                return True, lim.message_disque(
                    self.user.name, taille, limite, True, "dès ce démarrage"
                )
            return await asyncio.to_thread(
                lim.controler_disque, self.user.name, home, limite, self._disque_plein
            )
        except (KeyError, OSError) as erreur:
            return (
                self._disque_plein,
                f"Contrôle du disque de {self.user.name} impossible : {erreur}",
            )

    async def progress(self):
        # Affiché sur la page d'attente du hub (deploy/templates/spawn_pending.html).
        yield {"progress": 50, "message": "Démarrage de votre espace…"}

    async def poll(self):
        statut = await super().poll()
        if statut is None:
            self._disque_plein, message = await self._controler_disque()
            if message:
                self.log.warning(message)
        return statut

    async def run_post_stop_hook(self):
        # Serveur arrêté (inactivité, formateur, hub) : rien de la personne ne lui survit.
        groupe = self._groupe()
        if groupe is not None:
            tues = await asyncio.to_thread(groupe.vider)
            if tues:
                self.log.info(
                    "%s : %d processus restants arrêtés avec le serveur", self.user.name, tues
                )
        # Le crochet de JupyterHub est synchrone et peut rendre une coroutine (post_stop_hook asynchrone).
        resultat = super().run_post_stop_hook()
        return await resultat if inspect.isawaitable(resultat) else resultat

    def get_env(self):
        env = super().get_env()
        salle, kit = self.salle, Path(self.salle.kit)
        config = kit / "deploy" / "config"
        if self.user.name in salle.sans_reglages:
            # Serveur « par défaut » pour la mesure comparative (bench/salle) : toutes les
            # extensions installées, aucun réglage du kit, mais toujours sous le compte de la personne.
            env.update(
                ATELIER_ROLE="participant",
                ATELIER_RACINE=str(kit),
                PYTHONPATH=str(kit / "src"),
                PATH=os.pathsep.join([str(Path(salle.venv) / "bin"), "/usr/bin", "/bin"]),
            )
            return env
        env.update(
            ATELIER_ROLE=self.role,
            ATELIER_RACINE=str(kit),
            ATELIER_COURS=salle.cours_id,
            ATELIER_ECHANGE=str(salle.echange),
            ATELIER_DEPOT=adresse_depot(salle),
            ATELIER_COURS_DOSSIER=str(salle.cours),
            ATELIER_INACTIVITE_NOYAU=str(salle.limites.inactivite_noyau_s),
            ATELIER_INACTIVITE_SERVEUR=str(salle.limites.inactivite_serveur_s),
            # Pas d'ATELIER_SESSION_NOTEE : un participant peut changer la variable dans son noyau.
            # Les solutions sont gardées par les droits des fichiers (installation.proteger_solutions).
            # Les liens « applications » de l'accueil mènent au Voilà partagé de la salle.
            ATELIER_APPLIS="/services/applis/voila/render/",
            # La commune de la personne, d'après la liste de la salle : la fiche commune et le plan
            # numérique s'ouvrent sur elle.
            ATELIER_COMMUNE=next(
                (p["commune"] for p in salle.personnes if p["identifiant"] == self.user.name), ""
            ),
            # L'onglet des devoirs en français, le noyau et les gabarits du kit.
            JUPYTER_PATH=os.pathsep.join(str(d) for d in donnees_jupyter(salle)),
            # Réglages du rôle d'abord, puis les réglages communs, puis ceux du kit (français).
            JUPYTER_CONFIG_PATH=os.pathsep.join(
                [str(config / self.role), str(config / "commun"), str(kit / "config" / "jupyter")]
            ),
            PYTHONPATH=str(kit / "src"),
            # Les commandes du kit (atelier-formateur), puis Python, nbgrader et jupyter de la salle.
            PATH=os.pathsep.join(
                [
                    str(salle.commandes),
                    str(Path(salle.venv) / "bin"),
                    "/usr/local/bin",
                    "/usr/bin",
                    "/bin",
                ]
            ),
            # Un fil de calcul par noyau : trente participants sur quelques cœurs.
            OMP_NUM_THREADS="1",
            OPENBLAS_NUM_THREADS="1",
            MKL_NUM_THREADS="1",
            # glibc : deux arènes de mémoire par processus au lieu de huit par cœur.
            MALLOC_ARENA_MAX="2",
        )
        return env


COMPTE_APPLIS = "nobody"


def service_applis(salle: Salle) -> dict:
    """Les applications sans code (Voilà) pour toute la salle, à /services/applis/.

    Un seul serveur Voilà pour la salle plutôt qu'une extension dans chaque serveur
    de participant : chaque page ouverte a son noyau, arrêté deux minutes après la
    fermeture de la page, et au plus ``Limites.noyaux_applis_max`` en même temps.
    Il tourne sous « nobody », qui ne lit que le kit (lisible par tous) : ni les
    dossiers personnels, ni le cours, ni l'échange. Seules les personnes connectées
    au hub l'ouvrent (OAuth, voir atelier.salle.applis et deploy/config/applis).
    """
    kit, venv = Path(salle.kit), Path(salle.venv)
    dossier = Path(salle.dossier) / "applis"
    return {
        "name": "applis",
        "display": True,
        "url": f"http://127.0.0.1:{salle.port_applis}",
        "user": COMPTE_APPLIS,
        "oauth_no_confirm": True,
        "cwd": str(dossier),
        "command": [
            str(venv / "bin" / "voila"),
            str(kit / "notebooks" / "applications"),
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--port={salle.port_applis}",
            "--Voila.base_url=/services/applis/",
        ],
        "environment": {
            "HOME": str(dossier),
            "MPLCONFIGDIR": str(dossier / "matplotlib"),
            "JUPYTER_RUNTIME_DIR": str(dossier / "runtime"),
            # Le dossier personnel de nobody n'existe pas : tout ce que Jupyter écrit va ici.
            "JUPYTER_DATA_DIR": str(dossier / "data"),
            "IPYTHONDIR": str(dossier / "ipython"),
            "JUPYTER_CONFIG_DIR": str(kit / "config" / "jupyter"),
            "JUPYTER_CONFIG_PATH": str(kit / "deploy" / "config" / "applis"),
            "ATELIER_APPLIS_NOYAUX_MAX": str(salle.limites.noyaux_applis_max),
            "JUPYTER_PATH": str(kit / "config" / "jupyter-data"),
            "ATELIER_RACINE": str(kit),
            "PYTHONPATH": str(kit / "src"),
            "PATH": os.pathsep.join([str(venv / "bin"), "/usr/bin", "/bin"]),
            "OMP_NUM_THREADS": "1",
            "MALLOC_ARENA_MAX": "2",
        },
    }


def service_depot(salle: Salle) -> dict:
    """Le dépôt des copies remises (atelier.salle.depot), à /services/depot/.

    Il tourne sous son propre compte système, seul à écrire dans ``echange/<cours>/depots`` ;
    le hub lui donne son jeton pour reconnaître le participant qui remet une copie.
    """
    venv = Path(salle.venv)
    return {
        "name": "depot",
        "display": False,
        "url": f"http://127.0.0.1:{salle.port_depot}",
        "user": salle.compte_depot,
        "cwd": str(salle.depots),
        "command": [
            str(venv / "bin" / "python"),
            "-m",
            "atelier.salle.depot",
            "--depots",
            str(salle.depots),
            "--outbound",
            str(salle.echange / salle.cours_id / "outbound"),
            f"--port={salle.port_depot}",
        ],
        "environment": {
            "HOME": str(salle.depots),
            "PYTHONPATH": str(Path(salle.kit) / "src"),
            "PATH": os.pathsep.join([str(venv / "bin"), "/usr/bin", "/bin"]),
        },
    }


def adresse_depot(salle: Salle) -> str:
    """Où le serveur d'un participant remet ses copies (sur la même machine que le hub)."""
    return f"http://127.0.0.1:{salle.port_depot}/services/depot/"


def configurer(c, salle: Salle | None = None) -> None:
    """Remplit la configuration JupyterHub ``c`` pour la salle."""
    salle = salle or salle_courante()
    SpawnerSalle.salle = salle
    hub, venv = Path(salle.hub), Path(salle.venv)

    c.JupyterHub.ip = salle.ip
    c.JupyterHub.port = salle.port
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = salle.port_hub
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{salle.port_api_proxy}"
    c.ConfigurableHTTPProxy.pid_file = str(hub / "proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{hub / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(hub / "jupyterhub_cookie_secret")
    c.JupyterHub.cleanup_servers = True
    # Les pages du hub (connexion, accueil, attente, erreurs) en français.
    c.JupyterHub.template_paths = [str(Path(salle.kit) / "deploy" / "templates")]

    # Comptes Unix réels ; JupyterHub >= 5 n'admet personne sans règle d'accès.
    c.JupyterHub.authenticator_class = "pam"
    c.Authenticator.allowed_users = set(salle.formateurs + salle.participants)
    c.Authenticator.admin_users = set(salle.formateurs)
    c.LocalAuthenticator.create_system_users = False

    c.JupyterHub.spawner_class = SpawnerSalle
    c.Spawner.cmd = [str(venv / "bin" / "python"), "-m", "atelier.salle.serveur"]
    c.Spawner.default_url = "/lab/tree/notebooks/00_accueil.ipynb"
    c.Spawner.notebook_dir = "~"
    c.Spawner.start_timeout = 180
    c.Spawner.http_timeout = 120
    c.Spawner.mem_limit = f"{salle.limites.memoire_processus_mo}M"
    c.JupyterHub.concurrent_spawn_limit = salle.limites.demarrages_simultanes
    c.JupyterHub.active_server_limit = len(salle.personnes)
    # Contrôle régulier de chaque serveur : arrêté ? dossier personnel trop gros ?
    c.Spawner.poll_interval = salle.limites.controle_s
    try:
        lim.groupe_de("essai-du-hub")  # crée seulement le groupe parent de la salle
    except lim.LimitesIndisponibles as erreur:
        SpawnerSalle.cgroups = False
        print(lim.message_sans_cgroups(str(erreur)), file=sys.stderr)

    # Groupes de cours de nbgrader (JupyterHubAuthPlugin) : « nbgrader-<cours> » pour
    # les participants, « formgrade-<cours> » pour les formateurs. Le jeton de chaque
    # serveur doit pouvoir lire les groupes de son propriétaire.
    c.JupyterHub.load_groups = {
        f"formgrade-{salle.cours_id}": {"users": salle.formateurs},
        f"nbgrader-{salle.cours_id}": {"users": salle.participants},
    }
    c.Spawner.server_token_scopes = [
        "users:activity!user",
        "access:servers!server",
        "read:users:name!user",
        "read:users:groups!user",
        # Le jeton du serveur remet les copies au dépôt de la salle (greffon nbgrader du kit).
        "access:services!service=depot",
    ]

    c.JupyterHub.services = [service_applis(salle), service_depot(salle)]
    # Chaque personne connectée peut ouvrir les applications et remettre ses copies (rien de plus).
    c.JupyterHub.load_roles = [
        {
            "name": "user",
            "scopes": ["self", "access:services!service=applis", "access:services!service=depot"],
        }
    ]
    # Un service d'administration de la salle (tests, mesures, suivi) : son jeton
    # est dans hub/jeton-service, lisible par root seul.
    if salle.jeton_service.exists():
        c.JupyterHub.services.append(
            {
                "name": "atelier-salle",
                "api_token": salle.jeton_service.read_text(encoding="utf-8").strip(),
            }
        )
        c.JupyterHub.load_roles.append(
            {
                "name": "atelier-salle-admin",
                "services": ["atelier-salle"],
                "scopes": [
                    "admin:users",
                    "admin:servers",
                    "access:servers",
                    "list:users",
                    "read:users",
                    "tokens",
                ],
            }
        )
