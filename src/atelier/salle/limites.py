"""Limites par personne dans la salle : mémoire et processus de TOUS ses processus, disque.

- **Mémoire et processus** : un groupe de contrôle (cgroup) par personne, posé par
  le hub avant le lancement de son serveur ; le serveur, ses noyaux et tout ce
  qu'ils lancent y restent (les fils héritent du groupe, et seul root peut en
  sortir un processus). cgroup v2 (``memory.max``, ``pids.max``, ``cgroup.kill``)
  quand la machine l'offre, sinon cgroup v1 (contrôleurs ``memory`` et ``pids``).
  Au-delà de la mémoire permise, le noyau Linux arrête le processus le plus gros
  de la personne, pas la machine ni les autres participants.
- **Rien ne survit à l'arrêt** : quand le serveur s'arrête (inactivité, arrêt par
  le formateur), tout ce qui reste dans le groupe est tué, même un processus
  détaché (``setsid nohup …``).
- **Disque** : une limite vérifiée (pas un quota du système de fichiers).
  Aucun fichier ne dépasse la limite (``RLIMIT_FSIZE``, posé au démarrage du
  serveur). Le hub mesure le dossier personnel au démarrage et à chaque contrôle ;
  au-delà, il l'écrit dans son journal et aucun processus de la personne ne peut
  plus écrire un fichier de plus de 64 Ko, jusqu'à ce qu'elle repasse sous la
  limite : tout de suite si le hub a le droit de changer les limites d'un processus
  en marche (root ordinaire : CAP_SYS_RESOURCE), sinon au prochain démarrage de son
  espace. Les petits fichiers restent permis (démarrer un noyau, supprimer un
  fichier) ; un gros enregistrement ou un gros fichier écrit par un calcul est refusé.

Sans cgroups modifiables (conteneur, machine sans les contrôleurs), le hub le dit
en français et garde les limites par processus (``setrlimit``).
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from atelier.salle.comptes import processus_du_compte

RACINE_CGROUPS = Path("/sys/fs/cgroup")
NOM_PARENT = "atelier-salle"
MO = 1024 * 1024
# Taille de fichier permise au-delà de la limite de disque.
FICHIER_MAX_SI_PLEIN = 64 * 1024


class LimitesIndisponibles(RuntimeError):
    """Les cgroups ne sont pas modifiables sur cette machine (message en français)."""


@dataclass
class GroupePersonne:
    """Les dossiers de cgroup d'une personne : un seul en v2, un par contrôleur en v1."""

    nom: str
    memoire: Path
    pids: Path
    v2: bool

    @property
    def dossiers(self) -> list[Path]:
        return [self.memoire] if self.v2 else [self.memoire, self.pids]

    def creer(self, memoire_mo: int, processus_max: int) -> None:
        """Crée le groupe (ou le réutilise) et pose les limites."""
        for dossier in self.dossiers:
            dossier.mkdir(parents=True, exist_ok=True)
        octets = str(memoire_mo * MO)
        if self.v2:
            _ecrire(self.memoire / "memory.max", octets)
            if (self.memoire / "memory.swap.max").exists():
                _ecrire(self.memoire / "memory.swap.max", "0")
            _ecrire(self.pids / "pids.max", str(processus_max))
        else:
            _ecrire(self.memoire / "memory.limit_in_bytes", octets)
            if (self.memoire / "memory.memsw.limit_in_bytes").exists():
                _ecrire(self.memoire / "memory.memsw.limit_in_bytes", octets)
            _ecrire(self.pids / "pids.max", str(processus_max))

    def entrer(self) -> None:
        """Place le processus courant dans le groupe (appelé juste avant exec, en root)."""
        for dossier in self.dossiers:
            _ecrire(dossier / "cgroup.procs", "0")

    def processus(self) -> list[int]:
        try:
            texte = (self.pids / "cgroup.procs").read_text()
        except FileNotFoundError:
            return []
        return [int(ligne) for ligne in texte.split()]

    def vider(self, delai: float = 10) -> int:
        """Tue tout ce qui reste dans le groupe ; renvoie le nombre de processus tués."""
        tues = set()
        kill = self.memoire / "cgroup.kill"
        fin = time.monotonic() + delai
        while (restants := self.processus()) and time.monotonic() < fin:
            tues.update(restants)
            if self.v2 and kill.exists():
                _ecrire(kill, "1")
            else:  # v1 : un par un, jusqu'à ce que plus rien ne reste (pids.max borne les fourches)
                for pid in restants:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            time.sleep(0.05)
        return len(tues)

    def memoire_utilisee_mo(self) -> float:
        fichier = self.memoire / ("memory.current" if self.v2 else "memory.usage_in_bytes")
        return int(fichier.read_text()) / MO

    def supprimer(self) -> None:
        self.vider()
        for dossier in self.dossiers:
            for _ in range(50):
                try:
                    dossier.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:  # des processus finissent de mourir
                    time.sleep(0.1)


def _ecrire(fichier: Path, valeur: str) -> None:
    with open(fichier, "w") as f:
        f.write(valeur)


def _controleurs_v2(racine: Path) -> set[str]:
    try:
        return set((racine / "cgroup.controllers").read_text().split())
    except OSError:
        return set()


def groupe_de(nom: str, racine: Path = RACINE_CGROUPS) -> GroupePersonne:
    """Le groupe de la personne ``nom`` ; LimitesIndisponibles si les cgroups manquent.

    Vérifie aussi qu'on peut réellement créer un groupe et y écrire (root, système
    de fichiers non monté en lecture seule).
    """
    if {"memory", "pids"} <= _controleurs_v2(racine):  # cgroup v2 (machines récentes)
        parent = racine / NOM_PARENT
        try:
            parent.mkdir(exist_ok=True)
            actifs = set((parent / "cgroup.subtree_control").read_text().split())
            if not {"memory", "pids"} <= actifs:
                _ecrire(racine / "cgroup.subtree_control", "+memory +pids")
                _ecrire(parent / "cgroup.subtree_control", "+memory +pids")
        except OSError as erreur:
            raise LimitesIndisponibles(
                f"cgroup v2 présent mais non modifiable ({erreur.strerror}) : il faut être root, "
                "hors d'un conteneur qui verrouille /sys/fs/cgroup, ou passer par systemd (SystemdSpawner)."
            ) from erreur
        return GroupePersonne(nom, parent / nom, parent / nom, v2=True)
    memoire, pids = racine / "memory", racine / "pids"
    if (memoire / "memory.limit_in_bytes").exists() and (
        pids / "cgroup.procs"
    ).exists():  # cgroup v1
        try:
            for controleur in (memoire, pids):
                (controleur / NOM_PARENT).mkdir(exist_ok=True)
        except OSError as erreur:
            raise LimitesIndisponibles(
                f"cgroup v1 présent mais non modifiable ({erreur.strerror}) : il faut être root."
            ) from erreur
        return GroupePersonne(nom, memoire / NOM_PARENT / nom, pids / NOM_PARENT / nom, v2=False)
    raise LimitesIndisponibles(
        "pas de contrôleurs « memory » et « pids » dans /sys/fs/cgroup (ni v2, ni v1)."
    )


def retirer_groupes(noms: list[str]) -> None:
    """Retrait de la salle : arrête ce qui reste des personnes et supprime leurs groupes."""
    try:
        for nom in noms:
            groupe_de(nom).supprimer()
    except LimitesIndisponibles:
        return


def message_sans_cgroups(raison: str) -> str:
    return (
        f"Limites par personne indisponibles : {raison} Seules les limites par processus "
        "s'appliquent (mémoire de chaque processus, nombre de processus par compte) ; "
        "un participant peut donc additionner plusieurs processus."
    )


# --------------------------------------------------------------------------- disque


def taille_dossier_mo(dossier: Path) -> float:
    """Place occupée par un dossier (blocs réellement alloués), sans suivre les liens."""
    total = 0
    for racine, dossiers, fichiers in os.walk(dossier, followlinks=False):
        for nom in dossiers + fichiers:
            try:
                total += os.lstat(os.path.join(racine, nom)).st_blocks * 512
            except OSError:
                continue
    return total / MO


def taille_fichier_permise(limite_mo: int, plein: bool) -> int:
    """RLIMIT_FSIZE des processus d'une personne : 64 Ko si son dossier est plein, sinon la limite."""
    return FICHIER_MAX_SI_PLEIN if plein else limite_mo * MO


def bloquer_ecritures(nom: str, octets: int) -> int:
    """Pose la taille de fichier permise sur les processus du compte ; renvoie le nombre de processus changés."""
    valeur = (octets, octets)
    touches = 0
    for processus in processus_du_compte(nom):
        try:
            processus.rlimit(psutil.RLIMIT_FSIZE, valeur)
            touches += 1
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return touches


def texte_mo(valeur: float) -> str:
    return f"{valeur:,.0f}".replace(",", "\u202f") + " Mo"


def controler_disque(nom: str, home: Path, limite_mo: int, deja_bloque: bool) -> tuple[bool, str]:
    """Mesure le dossier de ``nom`` ; bloque ou débloque ses écritures.

    Renvoie l'état (bloqué ?) et, s'il change, un message en français pour le journal du hub.
    """
    taille = taille_dossier_mo(home)
    depasse = taille > limite_mo
    if depasse == deja_bloque:
        return depasse, ""
    quand = (
        "dès maintenant"
        if bloquer_ecritures(nom, taille_fichier_permise(limite_mo, depasse))
        else "au prochain démarrage de son espace"
    )
    return depasse, message_disque(nom, taille, limite_mo, depasse, quand)


def message_disque(nom: str, taille: float, limite_mo: int, depasse: bool, quand: str) -> str:
    if depasse:
        return (
            f"Espace disque : {nom} occupe {texte_mo(taille)} pour {texte_mo(limite_mo)} permis ; "
            f"plus aucun fichier de plus de 64 Ko ne pourra être écrit ({quand}) "
            "jusqu'à ce qu'il libère de la place."
        )
    return f"Espace disque : {nom} est repassé sous la limite ({texte_mo(taille)}) ; écritures rétablies ({quand})."
