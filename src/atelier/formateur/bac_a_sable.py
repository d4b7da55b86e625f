"""Isolation du noyau qui exécute le code d'un participant pendant la correction.

nbgrader exécute le code des participants avec les droits du formateur. Ici,
chaque noyau est lancé par ``python -m atelier.formateur.bac_a_sable`` (ce
module), qui prépare une vue privée du système de fichiers, puis remplace son
propre processus par le noyau. La vue privée est montée par bubblewrap
(``bwrap``, paquet Debian ``bubblewrap``) ; sans lui, le kit la monte lui-même
(``unshare`` et mount(2)), solution de repli que le résumé signale. Selon ce
que la machine permet :

- ``compte`` (le formateur est root, ``bwrap`` ou ``unshare`` marche) : le noyau tourne sous
  le compte dédié ``atelier-correction``, dans ses propres espaces de noms
  (montages, processus et réseau) : le cours, l'échange, les autres copies et le
  carnet de notes y sont remplacés par des dossiers vides en lecture seule, et le
  réseau est coupé (le correcteur lui parle par des sockets Unix : transport « ipc ») ;
- ``espaces`` (formateur ordinaire, espaces de noms utilisateur permis) : même
  vue privée et même réseau coupé, mais sous le compte du formateur ; son dossier personnel, le
  dépôt et l'environnement Python y sont en lecture seule ;
- ``compte-seul`` (root sans ``bwrap`` ni ``unshare``) : compte dédié, sans vue privée ;
- ``aucune`` : ni l'un ni l'autre ; seule la surveillance des accès (ci-dessous)
  protège, et le journal le dit.

Dans tous les cas : limites de mémoire, de temps de calcul et de taille de
fichier, environnement réduit (pas de jeton du hub), et un crochet d'audit
Python (``atelier.formateur.noyau``) qui refuse et note les accès aux chemins
protégés. Ce module n'importe que la bibliothèque standard : il démarre vite.
"""

from __future__ import annotations

import json
import os
import pwd
import resource
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

UTILISATEUR = "atelier-correction"

# Variables d'environnement transmises au noyau ; toutes les autres (jetons du
# hub, clés, chemins du formateur) sont retirées.
ENV_GARDEE = (
    "PATH",
    "LANG",
    "LANGUAGE",
    "TZ",
    "PYTHONPATH",
    "ATELIER_RACINE",
    "NBGRADER_EXECUTION",
    "MPLBACKEND",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
)

RESUMES = {
    "compte": (
        f"isolation : compte dédié « {UTILISATEUR} », vue privée des fichiers "
        "(cours, échange, autres copies et carnet de notes invisibles), processus séparés{reseau}"
    ),
    "espaces": (
        "isolation : vue privée des fichiers (cours, échange, autres copies et carnet de notes "
        "invisibles ; dossier personnel, dépôt et Python en lecture seule), processus séparés{reseau} ; "
        "NON isolé : le code corrigé tourne sous votre compte et peut lire vos fichiers personnels"
    ),
    "compte-seul": (
        f"isolation partielle : compte dédié « {UTILISATEUR} », sans vue privée (bwrap et unshare "
        "indisponibles) ; NON isolé : les fichiers lisibles par tous restent lisibles, et les copies "
        "corrigées en même temps partagent ce compte"
    ),
    "aucune": (
        "AUCUNE isolation (ni compte dédié, ni vue privée) : le code corrigé tourne sous votre "
        "compte ; seuls les accès Python aux dossiers du cours sont refusés et notés"
    ),
}
SANS_BWRAP = (
    "bubblewrap absent ou inutilisable (installez le paquet Debian « bubblewrap », version 0.8 "
    "ou plus) : la vue privée est montée par le kit lui-même (unshare), solution de repli moins éprouvée"
)


@dataclass
class Limites:
    """Limites imposées à chaque noyau de participant."""

    memoire_mo: int = 2048
    cpu_s: int = 600
    fichier_mo: int = 64
    sortie_caracteres: int = 200_000


@dataclass
class Isolation:
    mode: str
    uid: int | None = None
    gid: int | None = None
    prefixe: list[str] = field(default_factory=list)
    probleme: str = ""
    avertissement: str = ""

    @property
    def reseau_coupe(self) -> bool:
        return "--net" in self.prefixe or "--unshare-net" in self.prefixe

    @property
    def resume(self) -> str:
        reseau = (
            ", réseau coupé"
            if self.reseau_coupe
            else " (réseau NON coupé : espace de noms réseau indisponible)"
        )
        outil = " ; vue privée montée par bubblewrap" if par_bwrap(self.prefixe) else ""
        avertissement = f" ; {self.avertissement}" if self.avertissement else ""
        return RESUMES[self.mode].format(reseau=reseau) + outil + avertissement


def par_bwrap(prefixe: list[str]) -> bool:
    """Vrai si la vue privée est montée par bubblewrap (sinon par ce module, après ``unshare``)."""
    return bool(prefixe) and Path(prefixe[0]).name == "bwrap"


def prefixe_bwrap(bwrap: str, root: bool) -> list[str]:
    """Début de la commande bubblewrap : tout le système visible (le lanceur ajoute les
    masques), /dev et /proc neufs, processus séparés, session à part, mort avec son parent.

    Root garde de quoi passer ensuite au compte dédié (setpriv, avant le noyau) ; un
    formateur ordinaire passe par un espace de noms utilisateur, sans aucun privilège.
    """
    prefixe = [
        bwrap,
        "--bind",
        "/",
        "/",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        "--unshare-pid",
        "--unshare-ipc",
        "--die-with-parent",
        "--new-session",
    ]
    if root:
        return [
            *prefixe,
            *(x for cap in ("CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP") for x in ("--cap-add", cap)),
        ]
    return [*prefixe, "--unshare-user"]


def _marche(commande: list[str]) -> bool:
    try:
        return subprocess.run(commande, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _compte_dedie() -> tuple[int, int] | None:
    try:
        entree = pwd.getpwnam(UTILISATEUR)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        ok = _marche(
            [
                useradd,
                "--system",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                "--user-group",
                UTILISATEUR,
            ]
        )
        if not ok:
            return None
        entree = pwd.getpwnam(UTILISATEUR)
    return entree.pw_uid, entree.pw_gid


def _python_demarre(prefixe: list[str], uid: int | None = None, gid: int | None = None) -> bool:
    """Vrai si un noyau pourrait démarrer ainsi (Python, ipykernel et le kit lisibles)."""
    commande = list(prefixe)
    setpriv = shutil.which("setpriv")
    if uid is not None and setpriv:
        commande += [setpriv, f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]
    noyau = Path(__file__).resolve().with_name("noyau.py")
    commande += [
        sys.executable,
        "-c",
        f"import ipykernel; open({str(noyau)!r}).close()",
    ]  # kit lisible ?
    return _marche(commande)


def _couper_le_reseau(prefixe: list[str]) -> list[str]:
    """Ajoute un espace de noms réseau vide quand la machine le permet."""
    essai = [*prefixe, "--unshare-net" if par_bwrap(prefixe) else "--net"]
    return essai if _marche([*essai, "true"]) else prefixe


def _base(root: bool) -> tuple[list[str], str]:
    """Le préfixe qui sépare montages et processus (bubblewrap, sinon unshare), et l'avertissement."""
    bwrap, unshare = shutil.which("bwrap"), shutil.which("unshare")
    if bwrap and (shutil.which("setpriv") or not root):
        # Avec un tmpfs borné (--size, bwrap ≥ 0.8) : sinon, la solution de repli.
        base = prefixe_bwrap(bwrap, root)
        if _marche([*base, "--size", "1048576", "--tmpfs", "/tmp", "true"]):
            return base, ""
    base = [unshare, "--mount", "--pid", "--fork", "--mount-proc", "--propagation", "private"]
    if not root:
        base = [unshare, "--user", "--map-root-user", *base[1:]]
    return (base, SANS_BWRAP) if unshare and _marche([*base, "true"]) else ([], "")


def detecter_isolation(autoriser: bool = True) -> Isolation:
    """La meilleure isolation qui permet vraiment de lancer un noyau sur cette machine.

    Pour root, ``Isolation.probleme`` dit pourquoi le compte dédié ne peut pas
    lancer de noyau (kit installé dans un dossier qu'il ne peut pas lire) : la
    correction refuse alors plutôt que de baisser la protection en silence.
    """
    if not autoriser:
        return Isolation("aucune")
    root = os.geteuid() == 0
    base, avertissement = _base(root)
    if root:
        compte = _compte_dedie()
        if compte and base:
            iso = Isolation(
                "compte", *compte, prefixe=_couper_le_reseau(base), avertissement=avertissement
            )
        elif compte:
            iso = Isolation("compte-seul", *compte)
        else:
            return Isolation(
                "aucune", probleme=f"impossible de créer le compte « {UTILISATEUR} » (useradd)"
            )
        if not _python_demarre(iso.prefixe, iso.uid, iso.gid):
            iso.probleme = (
                f"le compte « {UTILISATEUR} » ne peut pas lancer Python ou lire le kit ({sys.prefix}) : "
                "installez le kit dans un dossier lisible par tous (par exemple /opt/atelier), "
                "ou corrigez sans isolation (--sans-isolation, déconseillé)"
            )
        return iso
    if base:
        prefixe = _couper_le_reseau(base)
        if _python_demarre(prefixe):
            return Isolation("espaces", prefixe=prefixe, avertissement=avertissement)
    return Isolation("aucune")


def traversable(chemin: Path) -> bool:
    """Vrai si un autre compte peut traverser tous les dossiers jusqu'à ``chemin``."""
    return all(os.stat(d).st_mode & 0o001 for d in [chemin, *chemin.parents] if d.exists())


@dataclass
class Reglages:
    """Ce que le lanceur du noyau doit savoir, écrit en JSON par le correcteur."""

    mode: str
    uid: int | None
    gid: int | None
    bac: str  # dossier de travail privé du noyau (hors du cours)
    vue: str  # où le noyau voit ce dossier (là où nbgrader l'aurait lancé)
    journal: str  # accès refusés, écrits par le crochet d'audit
    proteges: list[str]  # masqués (vue privée) et refusés (crochet d'audit)
    lecture_seule: list[str]  # rendus non modifiables (mode « espaces »)
    limites: dict
    prefixe: list[str] = field(default_factory=list)
    cache_matplotlib: str | None = None
    # Ce dont le noyau a besoin (Python, le kit) : gardé visible même s'il vit sous
    # /tmp ou /var/tmp, que la vue privée remplace par des dossiers vides.
    visibles: list[str] = field(default_factory=list)
    # Réseau coupé : dossier des sockets Unix du noyau (côté correcteur), que le
    # noyau voit en IPC_VUE.
    ipc: str | None = None

    def ecrire(self, chemin: Path) -> Path:
        chemin.write_text(json.dumps(asdict(self)), encoding="utf-8")
        return chemin


def commande_noyau(prefixe: list[str], reglages: Path, commande: list[str]) -> list[str]:
    """La commande qui lance ``commande`` (le noyau prévu par jupyter_client) isolée.

    Avec unshare, le lanceur tourne déjà dans les espaces de noms et y monte la vue
    privée ; avec bubblewrap, il prépare le bac puis passe la main à ``bwrap``.
    """
    # Par son chemin, sans « site » : le lanceur ne charge que la bibliothèque standard.
    lanceur = [
        sys.executable,
        "-I",
        "-S",
        str(Path(__file__).resolve()),
        str(reglages),
        "--",
        *commande,
    ]
    return lanceur if par_bwrap(prefixe) else [*prefixe, *lanceur]


# --- Ce qui suit tourne dans le processus lanceur, juste avant le noyau. ---------


TEMPORAIRES = ("/tmp", "/var/tmp", "/dev/shm")
IPC_VUE = "/tmp/atelier-ipc"
TAILLE_TMP, TAILLE_MASQUE = 256 * 1024 * 1024, 1024 * 1024


def _temporaires_gardes(r: Reglages) -> list[str]:
    """Ce qu'il faut garder visible sous les dossiers temporaires, que la vue privée vide."""
    return [
        c
        for c in r.visibles
        if os.path.isdir(c) and any(c.startswith(t + os.sep) for t in TEMPORAIRES)
    ]


def _options_bwrap(r: Reglages) -> list[str]:
    """La vue privée, dans l'ordre où bubblewrap la monte (ses sources sont lues
    dans le vrai système de fichiers, même recouvert entre-temps)."""
    options = []
    for chemin in r.lecture_seule:
        if os.path.isdir(chemin):
            options += ["--ro-bind", chemin, chemin]
    for tmp in TEMPORAIRES:
        if os.path.isdir(tmp):
            options += ["--size", str(TAILLE_TMP), "--perms", "1777", "--tmpfs", tmp]
    for chemin in _temporaires_gardes(r):
        options += ["--ro-bind", chemin, chemin]
    if r.ipc:  # le noyau crée ses sockets dans IPC_VUE
        options += ["--bind", r.ipc, IPC_VUE]
    for chemin in r.proteges:
        options += ["--size", str(TAILLE_MASQUE), "--tmpfs", chemin]
        if r.vue.startswith(chemin + os.sep):
            options += ["--dir", r.vue]
        options += ["--remount-ro", chemin]
    # Le dossier de travail réapparaît là où nbgrader aurait lancé le noyau :
    # les chemins relatifs (« ../../../submitted ») tombent dans le cours masqué.
    return [*options, "--bind", r.bac, r.vue, "--chdir", r.vue]


# Solution de repli sans bubblewrap : mount(2) appelé directement (ctypes) après
# unshare, une dizaine de montages par noyau sans lancer autant de commandes « mount ».
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND = 1, 2, 4, 8, 32, 4096
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21
# Drapeaux d'un montage existant qu'un remontage doit garder (sinon EPERM dans un
# espace de noms utilisateur) : statvfs ST_* -> MS_*.
GARDES = {
    2: MS_NOSUID,
    4: MS_NODEV,
    8: MS_NOEXEC,
    1024: MS_NOATIME,
    2048: MS_NODIRATIME,
    4096: MS_RELATIME,
}


def _mount(
    source: str, cible: str, type_: str | None = None, drapeaux: int = 0, options: str | None = None
) -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    code = libc.mount(
        source.encode(),
        cible.encode(),
        type_.encode() if type_ else None,
        ctypes.c_ulong(drapeaux),
        options.encode() if options else None,
    )
    if code != 0:
        erreur = ctypes.get_errno()
        raise OSError(erreur, f"mount {source} -> {cible} : {os.strerror(erreur)}")


def _lecture_seule(cible: str) -> None:
    """Remonte ``cible`` (déjà un point de montage) en lecture seule, sans perdre ses drapeaux."""
    f_flag = os.statvfs(cible).f_flag
    drapeaux = MS_REMOUNT | MS_BIND | MS_RDONLY
    for st, ms in GARDES.items():
        if f_flag & st:
            drapeaux |= ms
    _mount("none", cible, None, drapeaux)


def _masquer(chemin: str, vue: str) -> None:
    """Remplace ``chemin`` par un dossier vide en lecture seule (où ``vue`` peut apparaître)."""
    Path(chemin).mkdir(parents=True, exist_ok=True)
    _mount("atelier-masque", chemin, "tmpfs", 0, f"size={TAILLE_MASQUE},mode=755")
    if vue.startswith(chemin + os.sep):
        Path(vue).mkdir(parents=True, exist_ok=True)
    _lecture_seule(chemin)


def _vue_privee(r: Reglages, bac_fd: int) -> None:
    for chemin in r.lecture_seule:
        if os.path.isdir(chemin):
            _mount(chemin, chemin, None, MS_BIND)
            _lecture_seule(chemin)
    # Poignées sur ce qu'il faut garder avant de recouvrir les dossiers temporaires.
    gardes = {chemin: os.open(chemin, os.O_PATH) for chemin in _temporaires_gardes(r)}
    if r.ipc:
        gardes[IPC_VUE] = os.open(r.ipc, os.O_PATH)
    for tmp in TEMPORAIRES:
        if os.path.isdir(tmp):
            _mount("atelier-tmp", tmp, "tmpfs", 0, f"size={TAILLE_TMP},mode=1777")
    for chemin, fd in gardes.items():
        Path(chemin).mkdir(parents=True, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", chemin, None, MS_BIND)
        if chemin != IPC_VUE:  # le noyau crée ses sockets dans IPC_VUE
            _lecture_seule(chemin)
        os.close(fd)
    for chemin in r.proteges:
        _masquer(chemin, r.vue)
    # Le dossier de travail réapparaît là où nbgrader aurait lancé le noyau :
    # les chemins relatifs (« ../../../submitted ») tombent dans le cours masqué.
    Path(r.vue).mkdir(parents=True, exist_ok=True)
    _mount(f"/proc/self/fd/{bac_fd}", r.vue, None, MS_BIND)


def _limiter(limites: Limites) -> None:
    mo = 1024 * 1024
    reglages = [
        (resource.RLIMIT_AS, limites.memoire_mo * mo),
        (resource.RLIMIT_CPU, limites.cpu_s),
        (resource.RLIMIT_FSIZE, limites.fichier_mo * mo),
        (resource.RLIMIT_CORE, 0),
    ]
    for quoi, souple in reglages:
        # Pour le temps de calcul, la limite dure vient 5 s après la souple (SIGXCPU puis SIGKILL).
        dure = souple + 5 if quoi == resource.RLIMIT_CPU else souple
        plafond = resource.getrlimit(quoi)[1]
        if plafond != resource.RLIM_INFINITY:
            souple, dure = min(souple, plafond), min(dure, plafond)
        resource.setrlimit(quoi, (souple, dure))


def _environnement(r: Reglages, journal_fd: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ENV_GARDEE or k.startswith("LC_")}
    prive = Path(r.vue)
    env.update(
        HOME=str(prive),
        IPYTHONDIR=str(prive / ".ipython"),
        MPLCONFIGDIR=str(prive / ".matplotlib"),
        JUPYTER_RUNTIME_DIR=str(prive / ".jupyter"),
        PYTHONNOUSERSITE="1",
        PYTHONDONTWRITEBYTECODE="1",
        OPENBLAS_NUM_THREADS="1",
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        ATELIER_PROTEGES=json.dumps(r.proteges),
        ATELIER_JOURNAL_FD=str(journal_fd),
    )
    return env


def _preparer_bac(r: Reglages, source: Path) -> None:
    """Copie dans le bac les fichiers d'accompagnement (jamais les carnets : ils
    contiennent les tests cachés restaurés par nbgrader)."""
    bac = Path(r.bac)
    shutil.copytree(
        source, bac, ignore=shutil.ignore_patterns("*.ipynb"), dirs_exist_ok=True, symlinks=False
    )
    if r.cache_matplotlib and os.path.isdir(r.cache_matplotlib):
        for fichier in Path(r.cache_matplotlib).glob("fontlist-*.json"):
            (bac / ".matplotlib").mkdir(exist_ok=True)
            shutil.copy(fichier, bac / ".matplotlib" / fichier.name)
    if r.uid is not None:
        for dossier, _, fichiers in os.walk(bac):
            os.chown(dossier, r.uid, r.gid)
            for nom in fichiers:
                os.chown(os.path.join(dossier, nom), r.uid, r.gid)
        os.chmod(bac, 0o700)


def lancer(argv: list[str]) -> None:
    chemin_reglages, separateur, *commande = argv
    assert separateur == "--", "usage : bac_a_sable REGLAGES -- COMMANDE"
    r = Reglages(**json.loads(Path(chemin_reglages).read_text(encoding="utf-8")))
    _preparer_bac(r, Path.cwd())

    # Fichier de connexion : une copie dans le bac, lisible par le compte dédié.
    i = commande.index("-f") + 1
    connexion = Path(r.bac) / ".connexion.json"
    shutil.copy(commande[i], connexion)
    if r.ipc:  # réseau coupé : les sockets Unix, là où le noyau voit leur dossier
        infos = json.loads(connexion.read_text(encoding="utf-8"))
        infos["ip"] = f"{IPC_VUE}/{Path(infos['ip']).name}"
        connexion.write_text(json.dumps(infos), encoding="utf-8")
    if r.uid is not None:
        os.chown(connexion, r.uid, r.gid)
        if r.ipc:
            os.chown(r.ipc, r.uid, r.gid)
    commande[i] = str(Path(r.vue) / connexion.name)
    # Le noyau Python démarre par le crochet d'audit (noyau.py, à côté de ce fichier).
    if "ipykernel_launcher" in commande:
        i = commande.index("ipykernel_launcher")
        if commande[i - 1] == "-m":
            commande[i - 1 : i + 1] = [str(Path(__file__).resolve().with_name("noyau.py"))]

    journal_fd = os.open(r.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.set_inheritable(journal_fd, True)
    # Les messages du noyau vont dans un fichier privé, pas sur l'écran du formateur.
    sortie = os.open(
        Path(r.journal).with_name("noyau.log"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600
    )
    os.dup2(sortie, 1)
    os.dup2(sortie, 2)
    os.close(sortie)
    prive = r.mode in ("compte", "espaces")
    bwrap = prive and par_bwrap(r.prefixe)
    if prive and not bwrap:
        bac_fd = os.open(r.bac, os.O_RDONLY | os.O_DIRECTORY)
        _vue_privee(r, bac_fd)
        os.close(bac_fd)
        os.chdir(r.vue)
    elif not prive:
        r.vue = r.bac
        os.chdir(r.bac)
    env = _environnement(r, journal_fd)
    _limiter(Limites(**r.limites))

    setpriv = shutil.which("setpriv")
    # Sous bubblewrap, un formateur ordinaire n'a déjà plus aucun privilège ; root y
    # garde juste de quoi passer au compte dédié, ce que fait setpriv.
    if setpriv and r.mode != "aucune" and not (bwrap and r.uid is None):
        droits = (
            [f"--reuid={r.uid}", f"--regid={r.gid}", "--clear-groups"] if r.uid is not None else []
        )
        commande = [
            setpriv,
            "--no-new-privs",
            "--inh-caps=-all",
            "--bounding-set=-all",
            *droits,
            "--",
            *commande,
        ]
    elif r.uid is not None:
        os.setgroups([])
        os.setgid(r.gid)
        os.setuid(r.uid)
    if bwrap:
        commande = [*r.prefixe, *_options_bwrap(r), "--", *commande]
    os.execve(commande[0], commande, env)


if __name__ == "__main__":
    lancer(sys.argv[1:])
