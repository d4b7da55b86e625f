"""Le hub de la salle comme un service : démarrer (au premier plan ou en arrière-plan),
arrêter, redémarrer, état.

En arrière-plan, le hub tourne dans sa propre session (il survit à la fermeture du
terminal) ; son numéro de processus est dans ``<salle>/hub/hub.pid`` et son journal
dans ``<salle>/hub/hub.log`` (root seul). Au premier plan, Ctrl + C l'arrête proprement,
avec un message en français au lieu d'une trace Python.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import psutil

from atelier.salle.installation import Salle, commande_hub, environnement_hub

DELAI_DEMARRAGE = 120  # secondes pour que le hub réponde
DELAI_ARRET = 60  # secondes pour que le hub arrête les serveurs et le proxy


class Arret(Exception):
    """Signal d'arrêt reçu (Ctrl + C, fermeture du terminal, kill)."""


def fichier_pid(salle: Salle) -> Path:
    return salle.hub / "hub.pid"


def journal(salle: Salle) -> Path:
    return salle.hub / "hub.log"


def processus_du_hub(salle: Salle) -> psutil.Process | None:
    """Le hub de cette salle s'il tourne (le numéro du fichier pid, vérifié : pas un autre programme)."""
    try:
        pid = int(fichier_pid(salle).read_text(encoding="utf-8").strip())
        processus = psutil.Process(pid)
        ligne = " ".join(processus.cmdline())
        if processus.status() == psutil.STATUS_ZOMBIE:
            return None
    except (OSError, ValueError, psutil.Error):
        return None
    return processus if "jupyterhub" in ligne and str(Path(salle.kit) / "deploy") in ligne else None


def repond(salle: Salle) -> bool:
    """Vrai si le hub répond sur son port (page publique de l'API, sans jeton)."""
    hote = "127.0.0.1" if salle.ip in ("0.0.0.0", "") else salle.ip
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # jamais par un proxy web
    try:
        with direct.open(f"http://{hote}:{salle.port}/hub/api", timeout=5) as reponse:
            return reponse.status == 200
    except OSError:
        return False


def fin_du_journal(salle: Salle, lignes: int = 15) -> str:
    try:
        return "\n".join(
            journal(salle).read_text(encoding="utf-8", errors="replace").splitlines()[-lignes:]
        )
    except OSError:
        return "(journal vide)"


def _lancer(salle: Salle, **sorties) -> subprocess.Popen:
    deja = processus_du_hub(salle)
    if deja:
        raise RuntimeError(
            f"Le hub de la salle tourne déjà (processus {deja.pid}) sur {salle.url}. "
            "Pour le relancer : python -m atelier.salle redemarrer."
        )
    processus = subprocess.Popen(
        commande_hub(salle),
        env=environnement_hub(salle),
        cwd=salle.hub,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # ni Ctrl + C ni la fermeture du terminal ne le tuent sans nous
        **sorties,
    )
    fichier_pid(salle).write_text(f"{processus.pid}\n", encoding="utf-8")
    return processus


def demarrer_en_fond(salle: Salle, delai: float = DELAI_DEMARRAGE) -> int:
    """Lance le hub en arrière-plan et attend qu'il réponde ; renvoie son numéro de processus."""
    with open(journal(salle), "ab") as sortie:
        os.chmod(journal(salle), 0o600)
        processus = _lancer(salle, stdout=sortie, stderr=subprocess.STDOUT)
    fin = time.monotonic() + delai
    while not repond(salle):
        if processus.poll() is not None:
            fichier_pid(salle).unlink(missing_ok=True)
            raise RuntimeError(
                f"Le hub s'est arrêté au démarrage (code {processus.returncode}). "
                f"Fin du journal {journal(salle)} :\n{fin_du_journal(salle)}"
            )
        if time.monotonic() > fin:
            raise RuntimeError(
                f"Le hub ne répond pas après {delai:.0f} s (il tourne peut-être encore : "
                f"python -m atelier.salle etat). Fin du journal {journal(salle)} :\n{fin_du_journal(salle)}"
            )
        time.sleep(0.5)
    return processus.pid


def _signal_en_arret(*_):
    raise Arret()


def demarrer_au_premier_plan(salle: Salle) -> int:
    """Lance le hub, journal dans le terminal, jusqu'à Ctrl + C ; renvoie le code de sortie."""
    processus = _lancer(salle)
    anciens = {
        sig: signal.signal(sig, _signal_en_arret)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    }
    try:
        return processus.wait()
    except (Arret, KeyboardInterrupt):
        for sig in anciens:
            signal.signal(sig, signal.SIG_IGN)  # un second Ctrl + C n'interrompt pas l'arrêt propre
        print("\nArrêt du hub demandé : fermeture des serveurs en cours…", flush=True)
        arreter_processus(processus.pid)
        print("Hub de la salle arrêté.", flush=True)
        return 0
    finally:
        for sig, ancien in anciens.items():
            signal.signal(sig, ancien)
        fichier_pid(salle).unlink(missing_ok=True)


def arreter_processus(pid: int, delai: float = DELAI_ARRET) -> None:
    """SIGTERM au hub (il arrête lui-même les serveurs et le proxy), puis SIGKILL à tout
    ce qui resterait de son groupe de processus."""
    try:
        hub = psutil.Process(pid)
        hub.terminate()
        hub.wait(timeout=delai)
    except (psutil.NoSuchProcess, psutil.TimeoutExpired):
        pass
    try:
        # le hub est chef de sa session : son groupe porte son numéro
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        psutil.Process(pid).wait(timeout=10)
    except psutil.Error:
        pass


def arreter(salle: Salle) -> bool:
    """Arrête le hub lancé en arrière-plan ; renvoie False s'il ne tournait pas."""
    processus = processus_du_hub(salle)
    if processus is not None:
        arreter_processus(processus.pid)
    fichier_pid(salle).unlink(missing_ok=True)
    _arreter_proxy_orphelin(salle)
    return processus is not None


def _arreter_proxy_orphelin(salle: Salle) -> None:
    """Le proxy (sa propre session) reste si le hub a dû être tué : on l'arrête aussi."""
    try:
        proxy = psutil.Process(int((salle.hub / "proxy.pid").read_text(encoding="utf-8").strip()))
        if "configurable-http-proxy" in " ".join(proxy.cmdline()):
            proxy.terminate()
            proxy.wait(timeout=10)
    except (OSError, ValueError, psutil.Error):
        pass
