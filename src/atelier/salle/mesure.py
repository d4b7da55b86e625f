"""Mémoire occupée par chaque compte de la salle (serveur Jupyter + noyaux)."""

from __future__ import annotations

import pwd

import psutil

MO = 1024 * 1024


def memoire_du_compte(nom: str) -> dict:
    """RSS, USS et PSS (en Mo) de tous les processus du compte, et leur nombre.

    - RSS compte aussi les pages partagées (bibliothèques) : il surestime le coût ;
    - USS ne compte que les pages propres au processus : ce qu'un participant de plus ajoute ;
    - PSS partage les pages communes entre les processus qui les utilisent.
    """
    uid = pwd.getpwnam(nom).pw_uid
    total = {"rss": 0.0, "uss": 0.0, "pss": 0.0, "processus": 0, "noyaux": 0, "uss_noyaux": 0.0}
    for processus in psutil.process_iter(["uids", "cmdline"]):
        if not processus.info["uids"] or processus.info["uids"].real != uid:
            continue
        try:
            info = processus.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total["rss"] += info.rss / MO
        total["uss"] += info.uss / MO
        total["pss"] += info.pss / MO
        total["processus"] += 1
        if "ipykernel_launcher" in " ".join(processus.info["cmdline"] or []):
            total["noyaux"] += 1
            total["uss_noyaux"] += info.uss / MO
    return total
