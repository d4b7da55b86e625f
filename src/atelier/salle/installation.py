"""Installation d'une salle : le kit lisible par tous, les comptes, le cours, l'échange.

Disposition sur la machine (chemins par défaut, tous réglables) :

    /opt/atelier-numerique/venv    Python et les dépendances du kit, lisibles par tous
    /opt/atelier-numerique/kit     le kit (code, leçons, données, réglages) SANS les sources
                                   des exercices ; les solutions des questions (src/atelier/
                                   solutions/*.json) : root et groupe des formateurs
                                   seuls (0640), lisibles par tous avec --solutions ;
                                   kit/bin : les commandes du kit (atelier-formateur)
    /etc/profile.d/atelier-salle.sh  pour les formateurs : ces commandes, nbgrader et python
                                   dans le PATH du terminal, le cours trouvé sans --cours
    /srv/atelier-salle/salle.json  l'état de la salle (chemins, ports, noms et communes ;
                                   aucun secret) : root et groupe des formateurs (0640)
    /srv/atelier-salle/hub/        base et secrets du hub, pid et journal (root seul, 0700)
    /srv/atelier-salle/cours/      le cours nbgrader : sources avec solutions, carnet de notes
                                   (groupe des formateurs seul, 2770)
    /srv/atelier-salle/echange/    l'échange nbgrader : exercices distribués et retours, écrits par
                                   les formateurs seuls ; echange/<cours>/depots/ : les copies
                                   remises, écrites par le service de dépôt seul (compte
                                   <prefixe>atelier-depot), lues par les formateurs seuls
    /srv/atelier-salle/cartes/     les cartes de connexion à imprimer (root seul, 0700)
    /home/<id>                     un dossier personnel par personne, 0700
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import secrets
import shlex
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from atelier.formateur.cours import exercices_dans
from atelier.salle import cartes, comptes
from atelier.salle.liste import Personne

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

DEPOT = Path(__file__).resolve().parents[3]
# Les scripts de connexion (shell de connexion : terminal du hub, SSH).
PROFILS = Path("/etc/profile.d")
# Ce qui est copié dans le kit déployé. Les sources des exercices n'y sont pas.
PARTIES_DU_KIT = ("src", "notebooks", "datasets", "config", "deploy")
IGNORES = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc", "*.egg-info")


@dataclass
class Limites:
    """Limites par personne (voir facilitator_guide/salle.md)."""

    memoire_processus_mo: int = 2048  # par processus (serveur, chaque noyau) : RLIMIT_DATA
    processus_max: int = 256  # processus et fils d'exécution par compte : RLIMIT_NPROC et pids.max
    memoire_totale_mo: int = 3072  # tous les processus d'une personne ensemble : cgroup memory
    disque_mo: int = (
        1024  # dossier personnel, mesuré à chaque contrôle (au-delà : écritures refusées)
    )
    controle_s: int = 30  # intervalle des contrôles du hub (serveur arrêté ? disque ?)
    noyaux_applis_max: int = 20  # pages d'applications (Voilà partagé) ouvertes en même temps
    inactivite_noyau_s: int = 2700  # un noyau inactif 45 min est arrêté
    inactivite_serveur_s: int = 3600  # un serveur sans activité 1 h s'arrête
    demarrages_simultanes: int = 40


@dataclass
class Salle:
    dossier: str
    kit: str
    venv: str
    cours_id: str = "atelier-numerique"
    # Faux (défaut) : séance notée, les fichiers des solutions sont illisibles par les participants.
    solutions: bool = False
    prefixe: str = ""
    homes: str = "/home"
    ip: str = "0.0.0.0"
    port: int = 8000
    port_hub: int = 8081
    port_api_proxy: int = 8001
    port_applis: int = 8002  # le Voilà partagé de la salle (applications sans code)
    port_depot: int = 8003  # le dépôt des copies (service du hub, atelier.salle.depot)
    url: str = ""
    personnes: list[dict] = field(default_factory=list)
    limites: Limites = field(default_factory=Limites)
    # Comptes servis avec les réglages par défaut de JupyterHub (mesure comparative seulement).
    sans_reglages: list[str] = field(default_factory=list)
    # Vrai si l'environnement Python a été créé pour cette salle (« retirer » le supprime alors) ;
    # faux pour un environnement fourni (--venv) et partagé.
    venv_a_retirer: bool = False

    # --- chemins dérivés
    @property
    def fichier(self) -> Path:
        return Path(self.dossier) / "salle.json"

    @property
    def cours(self) -> Path:
        return Path(self.dossier) / "cours"

    @property
    def echange(self) -> Path:
        return Path(self.dossier) / "echange"

    @property
    def depots(self) -> Path:
        """Les copies remises, rangées par le service de dépôt."""
        return self.echange / self.cours_id / "depots"

    @property
    def compte_depot(self) -> str:
        return f"{self.prefixe}atelier-depot"

    @property
    def hub(self) -> Path:
        return Path(self.dossier) / "hub"

    @property
    def cartes(self) -> Path:
        return Path(self.dossier) / "cartes"

    @property
    def groupe_formateurs(self) -> str:
        return f"{self.prefixe}atelier-formateurs"

    @property
    def groupe_participants(self) -> str:
        return f"{self.prefixe}atelier-participants"

    @property
    def formateurs(self) -> list[str]:
        return [p["identifiant"] for p in self.personnes if p["role"] == "formateur"]

    @property
    def participants(self) -> list[str]:
        return [p["identifiant"] for p in self.personnes if p["role"] == "participant"]

    @property
    def jeton_service(self) -> Path:
        return self.hub / "jeton-service"

    @property
    def commandes(self) -> Path:
        """Les commandes du kit (atelier-formateur)."""
        return Path(self.kit) / "bin"

    @property
    def profil(self) -> Path:
        suffixe = f"-{self.prefixe.strip('-_')}" if self.prefixe.strip("-_") else ""
        return PROFILS / f"atelier-salle{suffixe}.sh"

    def enregistrer(self) -> None:
        """Écrit salle.json : noms et communes, lisibles par root et les formateurs seulement."""
        self.fichier.touch(mode=0o600, exist_ok=True)
        os.chmod(self.fichier, 0o600)
        self.fichier.write_text(
            json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        _droits(self.fichier, f"root:{self.groupe_formateurs}", 0o640)

    @classmethod
    def charger(cls, fichier: Path | str) -> Salle:
        donnees = json.loads(Path(fichier).read_text(encoding="utf-8"))
        donnees["limites"] = Limites(**donnees.get("limites", {}))
        return cls(**donnees)


# --------------------------------------------------------------------------- le kit


def dependances(depot: Path = DEPOT) -> list[str]:
    """Les dépendances du kit et du hub, telles que pyproject.toml les borne."""
    projet = tomllib.loads((depot / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return sorted([*projet["dependencies"], *projet["optional-dependencies"]["hub"]])


def python_pour_tous() -> str:
    """Un interpréteur que tous les comptes peuvent lancer.

    Celui qui lance l'installation convient s'il n'est pas caché dans un dossier
    privé (pyenv sous /root, par exemple) ; sinon, le Python du système.
    """
    courant = (
        Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    )
    if courant.exists() and lisible_par_tous(courant):
        return str(courant)
    for candidat in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if Path(candidat).exists():
            return candidat
    raise RuntimeError(
        "Aucun Python lisible par tous : installez python3 et python3-venv (apt-get)."
    )


def lisible_par_tous(chemin: Path) -> bool:
    """Vrai si « autres » peut traverser chaque dossier parent et lire le fichier."""
    chemin = Path(chemin).resolve()
    for parent in chemin.parents:
        if not os.stat(parent).st_mode & 0o001:
            return False
    return bool(os.stat(chemin).st_mode & 0o004)


# Extra facultatif de jsonschema tiré par jupyter_events : il valide le format « IRI »
# dans les schémas d'événements, ce dont la salle n'a pas besoin, et coûte environ
# 25 Mo de mémoire dans chaque serveur de participant (mesuré : bench/salle/).
# Sans lui, jsonschema ignore simplement ce format.
ALLEGEMENTS = ("rfc3987-syntax", "lark")


def creer_venv(venv: Path, python: str | None = None, depot: Path = DEPOT) -> bool:
    """Crée (ou réutilise) l'environnement Python partagé ; renvoie True s'il a été (re)fait."""
    venv = Path(venv)
    temoin = venv / ".atelier-dependances"
    voulues = "\n".join([*dependances(depot), *(f"sans {nom}" for nom in ALLEGEMENTS)]) + "\n"
    if temoin.exists() and temoin.read_text(encoding="utf-8") == voulues:
        return False
    python = python or python_pour_tous()
    subprocess.run([python, "-m", "venv", "--clear", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *dependances(depot)],
        check=True,
    )
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "uninstall", "--quiet", "-y", *ALLEGEMENTS],
        check=True,
    )
    temoin.write_text(voulues, encoding="utf-8")
    subprocess.run(["chmod", "-R", "a+rX", str(venv)], check=True)
    return True


def venv_partage(cache: Path, python: str | None = None, depot: Path = DEPOT) -> Path:
    """Un environnement réutilisable d'une salle à l'autre (tests, mesures) : un par jeu de dépendances.

    Plusieurs lancements simultanés se partagent la construction grâce à un verrou.
    """
    import fcntl
    import hashlib

    recette = "\n".join([*dependances(depot), *ALLEGEMENTS, python or python_pour_tous()])
    cle = hashlib.sha256(recette.encode()).hexdigest()[:12]
    cache = Path(cache)
    cache.mkdir(parents=True, exist_ok=True)
    os.chmod(cache, 0o755)
    with open(cache / f"{cle}.verrou", "w") as verrou:
        fcntl.flock(verrou, fcntl.LOCK_EX)
        creer_venv(cache / cle, python=python, depot=depot)
    return cache / cle


def installer_kit(kit: Path, depot: Path = DEPOT) -> None:
    """Copie les parties publiques du kit (sans sources d'exercices) dans un dossier lisible par tous."""
    kit = Path(kit)
    kit.mkdir(parents=True, exist_ok=True)
    for partie in PARTIES_DU_KIT:
        if (kit / partie).exists():
            shutil.rmtree(kit / partie)
        if (depot / partie).exists():
            shutil.copytree(depot / partie, kit / partie, ignore=IGNORES)
    subprocess.run(["chown", "-R", "root:root", str(kit)], check=True)
    subprocess.run(["chmod", "-R", "u+rwX,go+rX,go-w", str(kit)], check=True)
    os.chmod(kit, 0o755)


def donnees_jupyter(salle: Salle) -> list[Path]:
    """Le ``JUPYTER_PATH`` des serveurs de la salle : l'onglet des devoirs en français, puis le
    noyau et les gabarits du kit."""
    return [Path(salle.kit) / "jupyter-fr", Path(salle.kit) / "config" / "jupyter-data"]


def traduire_onglet_devoirs(salle: Salle) -> None:
    """L'onglet des devoirs de nbgrader, en français (atelier.nbgrader_fr), lisible par tous."""
    from atelier.nbgrader_fr import EXTENSION, preparer

    manquants = preparer(
        donnees_jupyter(salle)[0], Path(salle.venv) / "share" / "jupyter" / EXTENSION
    )
    if manquants:
        print(
            f"Onglet des devoirs : {len(manquants)} texte(s) laissé(s) en anglais (version de nbgrader "
            "différente de celle du kit).",
            file=sys.stderr,
        )


def dossier_des_solutions(salle: Salle) -> Path:
    return Path(salle.kit) / "src" / "atelier" / "solutions"


def proteger_solutions(salle: Salle) -> None:
    """Les solutions des questions : root et formateurs seuls (0640) en séance notée, tous avec --solutions.

    C'est ce qui garde les solutions dans la salle : ``q1.solution()`` d'un participant ne peut pas
    lire le fichier, quelle que soit la variable qu'il pose dans son noyau. Le dossier reste
    traversable (0755) : les participants importent les questions normalement.
    """
    dossier = dossier_des_solutions(salle)
    os.chmod(dossier, 0o755)
    groupe, mode = ("root", 0o644) if salle.solutions else (salle.groupe_formateurs, 0o640)
    for fichier in dossier.glob("*.json"):
        _droits(fichier, f"root:{groupe}", mode)


def installer_commandes(salle: Salle, depot: Path = DEPOT) -> list[Path]:
    """Les commandes du kit (``[project.scripts]`` de pyproject.toml) dans ``<kit>/bin``.

    Chacune lance le Python de la salle sur le kit installé : ``atelier-formateur``
    marche dans le terminal du hub sans chemin à taper. Elles sont écrites à côté du
    kit plutôt que dans l'environnement Python, que plusieurs salles peuvent partager.
    """
    projet = tomllib.loads((depot / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    salle.commandes.mkdir(parents=True, exist_ok=True)
    ecrites = []
    for nom, cible in projet.get("scripts", {}).items():
        module, fonction = cible.split(":")
        script = salle.commandes / nom
        script.write_text(
            f"#!{Path(salle.venv) / 'bin' / 'python'}\n"
            "# Commande du kit, écrite par « python -m atelier.salle installer ».\n"
            f"import sys\nsys.path.insert(0, {str(Path(salle.kit) / 'src')!r})\n"
            f"from {module} import {fonction}\nsys.exit({fonction}())\n",
            encoding="utf-8",
        )
        _droits(script, "root:root", 0o755)
        ecrites.append(script)
    os.chmod(salle.commandes, 0o755)
    return ecrites


def ecrire_profil(salle: Salle) -> Path:
    """Le script de connexion des formateurs : commandes du kit, nbgrader et python dans le
    PATH (le shell de connexion du terminal le remet à zéro), le cours trouvé sans --cours,
    la liste de la salle trouvée par le bilan sans --participants."""
    chemin = os.pathsep.join([str(salle.commandes), str(Path(salle.venv) / "bin")])
    salle.profil.parent.mkdir(parents=True, exist_ok=True)
    salle.profil.write_text(
        f"# Salle de l'Atelier numérique des communes ({salle.dossier}).\n"
        "# Écrit par « python -m atelier.salle installer », supprimé par « retirer ».\n"
        f'case " $(id -Gn 2>/dev/null) " in\n'
        f'  *" {salle.groupe_formateurs} "*)\n'
        f'    PATH={shlex.quote(chemin)}:"$PATH"\n'
        f"    ATELIER_COURS_DOSSIER={shlex.quote(str(salle.cours))}\n"
        f"    PYTHONPATH={shlex.quote(str(Path(salle.kit) / 'src'))}\n"
        f"    ATELIER_SALLE={shlex.quote(str(salle.fichier))}\n"
        "    export PATH ATELIER_COURS_DOSSIER PYTHONPATH ATELIER_SALLE\n"
        "    ;;\n"
        "esac\n",
        encoding="utf-8",
    )
    _droits(salle.profil, "root:root", 0o644)
    return salle.profil


# --------------------------------------------------------------------------- le cours et l'échange


def _droits(chemin: Path, proprietaire: str, mode: int) -> None:
    shutil.chown(chemin, *proprietaire.split(":"))
    os.chmod(chemin, mode)


def preparer_cours(salle: Salle, sources: Path, config_nbgrader: Path) -> list[str]:
    """Copie les sources des exercices dans le dossier du cours, réservé aux formateurs.

    Renvoie les identifiants des exercices. Le carnet de notes, les copies
    ramassées et les retours déjà présents ne sont jamais touchés.
    """
    cours, groupe = salle.cours, salle.groupe_formateurs
    cours.mkdir(parents=True, exist_ok=True)
    shutil.copy2(config_nbgrader, cours / "nbgrader_config.py")
    exercices = exercices_dans(Path(sources))
    for identifiant in exercices:
        cible = cours / "source" / identifiant
        if cible.exists():
            shutil.rmtree(cible)
        shutil.copytree(Path(sources) / identifiant, cible, ignore=IGNORES)
    # Le groupe des formateurs seul ; setgid pour que tout ce qui est créé dedans
    # (par nbgrader, par chaque formateur) reste au groupe.
    for racine, _dossiers, fichiers in os.walk(cours):
        _droits(Path(racine), f"root:{groupe}", 0o2770)
        for nom in fichiers:
            _droits(Path(racine) / nom, f"root:{groupe}", 0o660)
    return exercices


def inscrire_participants(salle: Salle) -> None:
    """Inscrit les participants dans le carnet de notes nbgrader (nom complet compris)."""
    from nbgrader.api import Gradebook

    bin_dir = str(Path(sys.executable).parent)  # nbgrader appelle « alembic »
    os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    base = salle.cours / "gradebook.db"
    with Gradebook(f"sqlite:///{base}") as carnet:
        for p in salle.personnes:
            if p["role"] == "participant":
                carnet.update_or_create_student(p["identifiant"], last_name=p["nom"] or None)
    _droits(base, f"root:{salle.groupe_formateurs}", 0o660)


def preparer_echange(salle: Salle) -> None:
    """L'échange nbgrader, où aucun participant n'écrit.

    - echange/                 0755 root        lisible par tous
    - echange/<cours>/         2775 formateurs  lisible par tous
    - .../outbound             2775 formateurs  les devoirs distribués, lisibles par tous
    - .../feedback             2771 formateurs  les retours, lisibles seulement par qui connaît
                                                leur nom (une empreinte propre à chaque copie)
    - .../depots               2750 service de dépôt, groupe formateurs : les copies remises, écrites
                                                par le service seul (atelier.salle.depot), jamais
                                                lisibles par les participants

    L'ancien ``inbound`` de nbgrader (où chacun écrivait) est retiré s'il est vide, sinon gardé
    fermé (0750) pour que le formateur ramasse encore ce qui y a été remis.
    """
    groupe = salle.groupe_formateurs
    comptes.creer_compte_service(salle.compte_depot)
    salle.echange.mkdir(parents=True, exist_ok=True)
    _droits(salle.echange, "root:root", 0o755)
    cours = salle.echange / salle.cours_id
    for chemin, mode in (
        (cours, 0o2775),
        (cours / "outbound", 0o2775),
        (cours / "feedback", 0o2771),
    ):
        chemin.mkdir(exist_ok=True)
        _droits(chemin, f"root:{groupe}", mode)
    salle.depots.mkdir(exist_ok=True)
    _droits(salle.depots, f"{salle.compte_depot}:{groupe}", 0o2750)
    ancien = cours / "inbound"
    if ancien.is_dir():
        if any(ancien.iterdir()):
            _droits(ancien, f"root:{groupe}", 0o2750)
        else:
            ancien.rmdir()


# --------------------------------------------------------------------------- la salle entière


def installer(
    personnes: list[Personne],
    dossier: Path,
    kit: Path,
    venv: Path,
    *,
    sources_exercices: Path | None = None,
    prefixe: str = "",
    homes: Path = Path("/home"),
    cours_id: str = "atelier-numerique",
    ip: str = "0.0.0.0",
    port: int = 8000,
    port_hub: int = 8081,
    port_api_proxy: int = 8001,
    port_applis: int = 8002,
    port_depot: int = 8003,
    url: str = "",
    solutions: bool = False,
    limites: Limites | None = None,
    sans_reglages: list[str] | None = None,
    venv_a_retirer: bool = False,
    python: str | None = None,
    depot: Path = DEPOT,
) -> tuple[Salle, dict[str, str | None]]:
    """Prépare toute la salle ; renvoie la salle et les premiers mots de passe (None : compte déjà là)."""
    if os.geteuid() != 0:
        raise RuntimeError(
            "L'installation de la salle crée des comptes : lancez-la en root (sudo)."
        )
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    os.chmod(dossier, 0o755)
    salle = Salle(
        dossier=str(dossier),
        kit=str(kit),
        venv=str(venv),
        cours_id=cours_id,
        prefixe=prefixe,
        homes=str(homes),
        ip=ip,
        port=port,
        port_hub=port_hub,
        port_api_proxy=port_api_proxy,
        port_applis=port_applis,
        port_depot=port_depot,
        url=cartes.adresse_du_hub(ip, port, url),
        personnes=[asdict(p) for p in personnes],
        limites=limites or Limites(),
        sans_reglages=list(sans_reglages or []),
        solutions=solutions,
        venv_a_retirer=venv_a_retirer,
    )
    comptes.creer_groupe(salle.groupe_formateurs)
    comptes.creer_groupe(salle.groupe_participants)
    creer_venv(Path(venv), python=python, depot=depot)
    installer_kit(Path(kit), depot=depot)
    traduire_onglet_devoirs(salle)
    proteger_solutions(salle)
    installer_commandes(salle, depot=depot)

    Path(homes).mkdir(parents=True, exist_ok=True)
    mots_de_passe = {}
    for p in personnes:
        groupe = salle.groupe_formateurs if p.formateur else salle.groupe_participants
        mots_de_passe[p.identifiant] = comptes.creer_compte(p, groupe, Path(homes))

    for chemin in (salle.hub, salle.cartes):
        chemin.mkdir(exist_ok=True)
        _droits(chemin, "root:root", 0o700)
    # Dossier de travail du Voilà partagé (service « applis », sous le compte nobody).
    applis = Path(salle.dossier) / "applis"
    applis.mkdir(exist_ok=True)
    _droits(applis, f"nobody:{grp.getgrgid(pwd.getpwnam('nobody').pw_gid).gr_name}", 0o700)
    if not salle.jeton_service.exists():
        salle.jeton_service.write_text(secrets.token_hex(32), encoding="utf-8")
    os.chmod(salle.jeton_service, 0o600)

    preparer_cours(
        salle,
        sources_exercices or depot / "exercises" / "source",
        depot / "exercises" / "nbgrader_config.py",
    )
    inscrire_participants(salle)
    preparer_echange(salle)
    salle.enregistrer()
    ecrire_profil(salle)
    verifier_acces_participant(salle)
    return salle, mots_de_passe


def verifier_acces_participant(salle: Salle) -> None:
    """Vérifie, sous le compte d'un participant, que le kit se charge (sinon : erreur claire)."""
    if not salle.participants:
        return
    resultat = comptes.lancer_en_tant_que(
        salle.participants[0],
        [
            str(Path(salle.venv) / "bin" / "python"),
            "-c",
            "import atelier.salle, jupyterhub, nbgrader",
        ],
        env={"PYTHONPATH": str(Path(salle.kit) / "src")},
    )
    if resultat.returncode != 0:
        raise RuntimeError(
            "Un participant ne peut pas lancer le kit installé ; vérifiez que "
            f"{salle.venv} et {salle.kit} sont lisibles par tous.\n{resultat.stderr}"
        )


def environnement_hub(salle: Salle) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV"))}
    env.update(
        ATELIER_SALLE=str(salle.fichier),
        PYTHONPATH=str(Path(salle.kit) / "src"),
        PATH=f"{Path(salle.venv) / 'bin'}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
    )
    return env


def commande_hub(salle: Salle) -> list[str]:
    return [
        str(Path(salle.venv) / "bin" / "jupyterhub"),
        "-f",
        str(Path(salle.kit) / "deploy" / "jupyterhub_config.py"),
    ]


def _retirer_sockets_des_noyaux(identifiant: str) -> None:
    """Le dossier des sockets des noyaux de la personne (deploy/config/commun/jupyter_server_config.py),
    s'il est bien à elle."""
    try:
        uid = pwd.getpwnam(identifiant).pw_uid
    except KeyError:
        return
    dossier = Path(f"/tmp/atelier-noyaux-{uid}")
    if dossier.is_dir() and not dossier.is_symlink() and dossier.stat().st_uid == uid:
        shutil.rmtree(dossier, ignore_errors=True)


def retirer(salle: Salle, garder_dossier: bool = False, garder_kit: bool = False) -> None:
    """Supprime tout ce que la salle a installé : comptes (et leurs dossiers), groupes,
    script de connexion, kit et environnement Python qu'elle a créés, dossier de la salle.

    Le hub doit être arrêté avant (``python -m atelier.salle retirer`` s'en charge).
    """
    from atelier.salle.limites import retirer_groupes

    erreurs = []
    # Plus aucun processus des personnes (sinon userdel refuse), plus de groupe de limites.
    retirer_groupes([p["identifiant"] for p in salle.personnes])
    for identifiant in [p["identifiant"] for p in salle.personnes]:
        _retirer_sockets_des_noyaux(identifiant)
        groupe = (
            salle.groupe_formateurs
            if identifiant in salle.formateurs
            else salle.groupe_participants
        )
        try:
            comptes.supprimer_compte(identifiant, groupe)
        except RuntimeError as erreur:
            erreurs.append(str(erreur))
    comptes.supprimer_groupe(salle.groupe_formateurs)
    comptes.supprimer_groupe(salle.groupe_participants)
    comptes.supprimer_compte_service(salle.compte_depot)
    salle.profil.unlink(missing_ok=True)
    if not garder_kit:
        a_retirer = [Path(salle.kit), *([Path(salle.venv)] if salle.venv_a_retirer else [])]
        for dossier in a_retirer:
            shutil.rmtree(dossier, ignore_errors=True)
        for parent in {
            d.parent for d in a_retirer
        }:  # /opt/atelier-numerique, s'il ne reste rien dedans
            if parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
    if not garder_dossier:
        shutil.rmtree(salle.dossier, ignore_errors=True)
    if erreurs:
        raise RuntimeError("\n".join(erreurs))


def membres(groupe: str) -> list[str]:
    return list(grp.getgrnam(groupe).gr_mem)
