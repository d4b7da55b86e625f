"""Comptes Unix de la salle : un compte réel par personne, jamais root.

Ces fonctions appellent les outils standard (groupadd, useradd, chpasswd,
userdel) et doivent tourner en root.
"""

from __future__ import annotations

import grp
import os
import pwd
import secrets
import signal
import subprocess
import time
from pathlib import Path

from atelier.salle.liste import Personne

# Syllabes faciles à lire et à taper, sans caractères ambigus (l, 1, o, 0).
CONSONNES = "bdfgkmnprstvz"
VOYELLES = "aeiu"
CHIFFRES = "23456789"


def mot_de_passe() -> str:
    """Un premier mot de passe lisible : « bazu-kemi-tafe-47 » (environ 40 bits)."""
    syllabes = [
        "".join(secrets.choice(CONSONNES) + secrets.choice(VOYELLES) for _ in range(2))
        for _ in range(3)
    ]
    return "-".join(syllabes) + "-" + "".join(secrets.choice(CHIFFRES) for _ in range(2))


def groupe_existe(nom: str) -> bool:
    try:
        grp.getgrnam(nom)
        return True
    except KeyError:
        return False


def compte_existe(nom: str) -> bool:
    try:
        pwd.getpwnam(nom)
        return True
    except KeyError:
        return False


def creer_groupe(nom: str) -> None:
    if not groupe_existe(nom):
        subprocess.run(["groupadd", nom], check=True)


def creer_compte(personne: Personne, groupe: str, dossier_homes: Path) -> str | None:
    """Crée le compte et son dossier personnel (mode 0700) ; renvoie son premier mot de passe.

    Un compte déjà présent n'est pas modifié (renvoie None) s'il appartient
    déjà au groupe de la salle ; sinon c'est une erreur : on ne touche pas
    aux comptes qui ne sont pas ceux de l'atelier.
    """
    if compte_existe(personne.identifiant):
        if personne.identifiant not in grp.getgrnam(groupe).gr_mem:
            raise RuntimeError(
                f"Le compte « {personne.identifiant} » existe déjà sur cette machine "
                f"et n'appartient pas au groupe {groupe} : choisissez un autre identifiant "
                "ou un préfixe (--prefixe)."
            )
        return None
    # Les participants n'ont pas de shell de connexion : leur mot de passe ouvre
    # le hub, pas une session SSH sur le serveur. Les formateurs gardent bash.
    shell = "/bin/bash" if personne.formateur else "/usr/sbin/nologin"
    commentaire = personne.nom.replace(":", " ").replace(",", " ")
    home = dossier_homes / personne.identifiant
    subprocess.run(
        [
            "useradd",
            "--create-home",
            "--home-dir",
            str(home),
            "--shell",
            shell,
            "--comment",
            commentaire,
            "--groups",
            groupe,
            personne.identifiant,
        ],
        check=True,
    )
    os.chmod(home, 0o700)
    secret = mot_de_passe()
    subprocess.run(["chpasswd"], input=f"{personne.identifiant}:{secret}\n", text=True, check=True)
    return secret


def creer_compte_service(nom: str) -> None:
    """Un compte système sans dossier ni connexion, pour un service de la salle (le dépôt des copies)."""
    if not compte_existe(nom):
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                "--user-group",
                nom,
            ],
            check=True,
        )


def supprimer_compte_service(nom: str) -> None:
    """Supprime un compte créé par ``creer_compte_service`` (et son groupe), processus arrêtés."""
    if not compte_existe(nom):
        return
    for pid in processus_de(nom):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    subprocess.run(["userdel", nom], check=False, capture_output=True)
    supprimer_groupe(nom)


def en_tant_que(nom: str):
    """Une fonction ``preexec_fn`` qui fait tourner un sous-processus sous le compte ``nom``."""
    entree = pwd.getpwnam(nom)

    def preexec():
        os.initgroups(nom, entree.pw_gid)
        os.setgid(entree.pw_gid)
        os.setuid(entree.pw_uid)
        os.chdir(entree.pw_dir)

    return preexec


def lancer_en_tant_que(nom: str, commande: list[str], env: dict[str, str] | None = None, **kwargs):
    """``subprocess.run`` sous le compte ``nom`` (avec son HOME), sortie capturée en texte."""
    entree = pwd.getpwnam(nom)
    env = {
        "PATH": "/usr/bin:/bin",
        **(env or {}),
        "HOME": entree.pw_dir,
        "USER": nom,
        "LOGNAME": nom,
    }
    return subprocess.run(
        commande, env=env, preexec_fn=en_tant_que(nom), capture_output=True, text=True, **kwargs
    )


def processus_du_compte(nom: str) -> list:
    """Les processus (psutil) qui tournent sous ce compte."""
    import psutil

    uid = pwd.getpwnam(nom).pw_uid
    return [
        p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid
    ]


def processus_de(nom: str) -> list[int]:
    """Les numéros des processus qui tournent sous ce compte."""
    return [p.pid for p in processus_du_compte(nom)]


def supprimer_compte(nom: str, groupe: str) -> None:
    """Arrête les processus du compte, puis le supprime avec son dossier personnel.

    Refuse un compte qui n'est pas membre du groupe de la salle.
    """
    if not compte_existe(nom):
        return
    if not groupe_existe(groupe) or nom not in grp.getgrnam(groupe).gr_mem:
        raise RuntimeError(
            f"Le compte « {nom} » n'appartient pas au groupe {groupe} : il n'est pas supprimé."
        )
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = processus_de(nom)
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        fin = time.monotonic() + 5
        while pids and processus_de(nom) and time.monotonic() < fin:
            time.sleep(0.2)
    subprocess.run(["userdel", "--remove", nom], check=False, capture_output=True)
    if compte_existe(nom):
        raise RuntimeError(f"Le compte « {nom} » n'a pas pu être supprimé.")


def supprimer_groupe(nom: str) -> None:
    if groupe_existe(nom):
        subprocess.run(["groupdel", nom], check=False, capture_output=True)
