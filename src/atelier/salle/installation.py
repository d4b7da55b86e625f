"""Installation d'une salle : le kit lisible par tous, les comptes, le cours, l'échange.

Disposition sur la machine (chemins par défaut, tous réglables) :

    /opt/atelier-numerique/venv    Python et les dépendances du kit, lisibles par tous
    /opt/atelier-numerique/kit     le kit (code, leçons, données, réglages) SANS les sources
                                   des exercices : rien de ce dossier ne contient de solution
    /srv/atelier-salle/salle.json  l'état de la salle (chemins, ports, personnes ; aucun secret)
    /srv/atelier-salle/hub/        base et secrets du hub (root seul, 0700)
    /srv/atelier-salle/cours/      le cours nbgrader : sources avec solutions, carnet de notes
                                   (groupe des formateurs seul, 2770)
    /srv/atelier-salle/echange/    l'échange nbgrader (1777, sous-dossiers aux droits de nbgrader)
    /srv/atelier-salle/cartes/     les cartes de connexion à imprimer (root seul, 0700)
    /home/<id>                     un dossier personnel par personne, 0700
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from atelier.salle import comptes
from atelier.salle.liste import Personne

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

DEPOT = Path(__file__).resolve().parents[3]
# Ce qui est copié dans le kit déployé. Les sources des exercices n'y sont pas.
PARTIES_DU_KIT = ("src", "notebooks", "datasets", "config", "deploy")
IGNORES = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc", "*.egg-info")


@dataclass
class Limites:
    """Limites par personne (voir facilitator_guide/salle.md)."""

    memoire_processus_mo: int = 2048  # par processus (serveur, chaque noyau) : RLIMIT_DATA
    processus_max: int = 256  # processus et fils d'exécution par compte : RLIMIT_NPROC
    inactivite_noyau_s: int = 2700  # un noyau inactif 45 min est arrêté
    inactivite_serveur_s: int = 3600  # un serveur sans activité 1 h s'arrête
    demarrages_simultanes: int = 40


@dataclass
class Salle:
    dossier: str
    kit: str
    venv: str
    cours_id: str = "atelier-numerique"
    # Faux (défaut) : séance notée, `solution()` ne montre pas les solutions aux participants.
    solutions: bool = False
    prefixe: str = ""
    homes: str = "/home"
    ip: str = "0.0.0.0"
    port: int = 8000
    port_hub: int = 8081
    port_api_proxy: int = 8001
    port_applis: int = 8002  # le Voilà partagé de la salle (applications sans code)
    url: str = ""
    personnes: list[dict] = field(default_factory=list)
    limites: Limites = field(default_factory=Limites)
    # Comptes servis avec les réglages par défaut de JupyterHub (mesure comparative seulement).
    sans_reglages: list[str] = field(default_factory=list)

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

    def enregistrer(self) -> None:
        self.fichier.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.chmod(self.fichier, 0o644)

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
    courant = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    if courant.exists() and lisible_par_tous(courant):
        return str(courant)
    for candidat in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if Path(candidat).exists():
            return candidat
    raise RuntimeError("Aucun Python lisible par tous : installez python3 et python3-venv (apt-get).")


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
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *dependances(depot)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "uninstall", "--quiet", "-y", *ALLEGEMENTS], check=True)
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
    exercices = sorted(d.name for d in Path(sources).iterdir() if d.is_dir() and any(d.glob("*.ipynb")))
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
    """L'échange nbgrader, aux droits que nbgrader donne lui-même en mode « groupshared ».

    - echange/                 1777 root        tout le monde y écrit, sticky (comme /tmp)
    - echange/<cours>/         2775 formateurs  lisible par tous
    - .../outbound             2775 formateurs  les devoirs distribués, lisibles par tous
    - .../inbound              3773 formateurs  chacun y dépose sa copie mais personne ne peut
                                                lister ni effacer celles des autres (sticky)
    - .../feedback             2771 formateurs  les retours, lisibles seulement par qui connaît
                                                leur nom (une empreinte propre à chaque copie)
    """
    groupe = salle.groupe_formateurs
    salle.echange.mkdir(parents=True, exist_ok=True)
    _droits(salle.echange, "root:root", 0o1777)
    cours = salle.echange / salle.cours_id
    for chemin, mode in ((cours, 0o2775), (cours / "outbound", 0o2775),
                         (cours / "inbound", 0o3773), (cours / "feedback", 0o2771)):
        chemin.mkdir(exist_ok=True)
        _droits(chemin, f"root:{groupe}", mode)


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
    url: str = "",
    solutions: bool = False,
    limites: Limites | None = None,
    sans_reglages: list[str] | None = None,
    python: str | None = None,
    depot: Path = DEPOT,
) -> tuple[Salle, dict[str, str | None]]:
    """Prépare toute la salle ; renvoie la salle et les premiers mots de passe (None : compte déjà là)."""
    if os.geteuid() != 0:
        raise RuntimeError("L'installation de la salle crée des comptes : lancez-la en root (sudo).")
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    os.chmod(dossier, 0o755)
    salle = Salle(
        dossier=str(dossier), kit=str(kit), venv=str(venv), cours_id=cours_id, prefixe=prefixe,
        homes=str(homes), ip=ip, port=port, port_hub=port_hub, port_api_proxy=port_api_proxy,
        port_applis=port_applis,
        url=url or f"http://{'127.0.0.1' if ip in ('0.0.0.0', '') else ip}:{port}/",
        personnes=[asdict(p) for p in personnes], limites=limites or Limites(),
        sans_reglages=list(sans_reglages or []), solutions=solutions,
    )
    creer_venv(Path(venv), python=python, depot=depot)
    installer_kit(Path(kit), depot=depot)

    comptes.creer_groupe(salle.groupe_formateurs)
    comptes.creer_groupe(salle.groupe_participants)
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

    preparer_cours(salle, sources_exercices or depot / "exercises" / "source",
                   depot / "exercises" / "nbgrader_config.py")
    inscrire_participants(salle)
    preparer_echange(salle)
    salle.enregistrer()
    verifier_acces_participant(salle)
    return salle, mots_de_passe


def verifier_acces_participant(salle: Salle) -> None:
    """Vérifie, sous le compte d'un participant, que le kit se charge (sinon : erreur claire)."""
    if not salle.participants:
        return
    resultat = comptes.lancer_en_tant_que(
        salle.participants[0],
        [str(Path(salle.venv) / "bin" / "python"), "-c", "import atelier.salle, jupyterhub, nbgrader"],
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
    return [str(Path(salle.venv) / "bin" / "jupyterhub"), "-f",
            str(Path(salle.kit) / "deploy" / "jupyterhub_config.py")]


def retirer(salle: Salle, garder_dossier: bool = False) -> None:
    """Supprime les comptes de la salle (et leurs dossiers), ses groupes et son dossier."""
    erreurs = []
    for identifiant in [p["identifiant"] for p in salle.personnes]:
        groupe = salle.groupe_formateurs if identifiant in salle.formateurs else salle.groupe_participants
        try:
            comptes.supprimer_compte(identifiant, groupe)
        except RuntimeError as erreur:
            erreurs.append(str(erreur))
    comptes.supprimer_groupe(salle.groupe_formateurs)
    comptes.supprimer_groupe(salle.groupe_participants)
    if not garder_dossier:
        shutil.rmtree(salle.dossier, ignore_errors=True)
    if erreurs:
        raise RuntimeError("\n".join(erreurs))


def membres(groupe: str) -> list[str]:
    return list(grp.getgrnam(groupe).gr_mem)
