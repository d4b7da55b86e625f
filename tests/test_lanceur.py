"""Le lanceur « python -m atelier » : le même sous Windows, macOS et Linux.

La logique est testée ici sous Linux en simulant Windows (séparateur « ; »,
pas d'identifiant d'utilisateur numérique) ; les modules que suit un participant
sont relus pour n'y trouver aucun appel propre à Unix.
"""

from __future__ import annotations

import ast
import json
import os
import re
import signal
import subprocess
import sys

import pytest

from atelier import lanceur

from conftest import RACINE, attendre_url, port_libre

SRC = RACINE / "src" / "atelier"
# La salle (JupyterHub) et la correction isolée sont réservées à Linux ; tout le reste
# est sur le chemin d'un participant ou d'un formateur sur son portable.
RESERVES_A_LINUX = ("salle", "formateur")
IMPORTS_UNIX = {"fcntl", "pwd", "grp", "resource", "termios", "pty", "posix"}
APPELS_UNIX = {
    "geteuid",
    "getuid",
    "getgid",
    "fork",
    "setsid",
    "killpg",
    "chown",
    "setuid",
    "setgid",
    "getpgid",
    "setpgid",
    "mkfifo",
    "sync",
}
SIGNAUX_UNIX = {
    "SIGKILL",
    "SIGHUP",
    "SIGUSR1",
    "SIGUSR2",
    "SIGCHLD",
    "SIGALRM",
    "SIGQUIT",
    "SIGTSTP",
}


def _modules_du_participant():
    for chemin in sorted(SRC.rglob("*.py")):
        if chemin.relative_to(SRC).parts[0] not in RESERVES_A_LINUX:
            yield chemin


def _appels_unix(chemin) -> list[str]:
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    trouves = []
    # Seule exception : la frontière _est_root du lanceur, qui teste hasattr(os, "geteuid").
    permises = {
        id(n)
        for f in ast.walk(arbre)
        if isinstance(f, ast.FunctionDef) and f.name == "_est_root"
        for n in ast.walk(f)
    }
    for noeud in ast.walk(arbre):
        if id(noeud) in permises:
            continue
        if isinstance(noeud, ast.Import | ast.ImportFrom):
            noms = (
                [a.name.split(".")[0] for a in noeud.names]
                if isinstance(noeud, ast.Import)
                else [(noeud.module or "").split(".")[0]]
            )
            trouves += [f"import {n}" for n in noms if n in IMPORTS_UNIX]
        elif isinstance(noeud, ast.Attribute) and noeud.attr in APPELS_UNIX | SIGNAUX_UNIX:
            trouves.append(f"{ast.unparse(noeud)} (ligne {noeud.lineno})")
        elif (
            isinstance(noeud, ast.keyword)
            and noeud.arg == "shell"
            and getattr(noeud.value, "value", False)
        ):
            trouves.append(f"shell=True (ligne {noeud.lineno})")
    return trouves


def test_aucun_appel_propre_a_unix_sur_le_chemin_du_participant():
    modules = list(_modules_du_participant())
    assert any(m.name == "lanceur.py" for m in modules) and len(modules) > 20
    fautes = {str(m.relative_to(SRC)): f for m in modules if (f := _appels_unix(m))}
    assert not fautes, f"appels propres à Unix hors de la salle et de la correction : {fautes}"


def test_le_detecteur_trouve_bien_un_appel_unix(tmp_path):
    essai = tmp_path / "essai.py"
    essai.write_text(
        "import fcntl\nimport os, subprocess\nos.setsid()\nsubprocess.run('ls', shell=True)\n"
    )
    assert len(_appels_unix(essai)) == 3


def test_environnement_sous_windows_simule(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "pathsep", ";")
    dossier_python = os.path.dirname(sys.executable)
    env = lanceur.environnement(tmp_path, base={"PATH": rf"C:\Windows;{dossier_python};C:\Outils"})
    chemins = env["PATH"].split(";")
    assert chemins[0] == dossier_python and chemins.count(dossier_python) == 1
    assert chemins[1:] == [r"C:\Windows", r"C:\Outils"]
    assert env["JUPYTER_CONFIG_DIR"] == str(tmp_path / "config" / "jupyter")
    assert env["JUPYTERLAB_SETTINGS_DIR"] == str(tmp_path / ".etat" / "lab" / "user-settings")


def test_le_makefile_pose_les_memes_reglages_que_le_lanceur():
    makefile = (RACINE / "Makefile").read_text(encoding="utf-8")
    exports = dict(re.findall(r"^export (JUPYTER\w*) := (\S+)$", makefile, re.M))
    env = lanceur.environnement(RACINE, base={})
    assert len(exports) == 4
    for variable, valeur in exports.items():
        chemins = [str(RACINE / c.removeprefix("$(CURDIR)/")) for c in valeur.split(":")]
        assert env[variable].split(os.pathsep) == chemins, variable


def test_pas_de_allow_root_sans_identifiant_unix(monkeypatch):
    monkeypatch.delattr(os, "geteuid")
    commande = lanceur.commande_lab(RACINE, ["--no-browser"])
    assert "--allow-root" not in commande and commande[-1] == "--no-browser"
    assert commande[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--LabApp.default_url=/lab/tree/{lanceur.ACCUEIL}" in commande
    assert (RACINE / lanceur.ACCUEIL).exists()


def test_la_salle_ailleurs_que_sous_linux_le_dit_en_francais(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "win32")
    assert lanceur.main(["salle", "installer"]) == 2
    assert "ne tourne que sur un serveur Linux" in capsys.readouterr().err


def test_aide_et_etape_inconnue_en_francais(capsys):
    assert lanceur.main([]) == 2
    assert "ouvre l'atelier dans JupyterLab" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        lanceur.main(["inconnue"])
    assert "choix invalide" in capsys.readouterr().err


@pytest.mark.lent
def test_python_m_atelier_lab_sert_l_atelier_en_francais_sans_make(tmp_path):
    """Comme sous Windows : ni make ni variables JUPYTER_* héritées, le lanceur pose tout."""
    port, token = port_libre(), "jeton-du-lanceur"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "MAKE", "MFLAGS"))}
    env["HOME"] = str(tmp_path)
    processus = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "atelier",
            "lab",
            "--no-browser",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
        ],
        cwd=tmp_path,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    entetes = {"Authorization": f"token {token}"}
    try:
        attendre_url(f"http://127.0.0.1:{port}/lab", entetes=entetes)
        import urllib.request

        def lire(chemin):
            requete = urllib.request.Request(f"http://127.0.0.1:{port}{chemin}", headers=entetes)
            with urllib.request.urlopen(requete, timeout=10) as reponse:
                return reponse.read().decode("utf-8")

        reglage = json.loads(lire("/lab/api/settings/@jupyterlab/translation-extension:plugin"))
        assert reglage["schema"]["properties"]["locale"]["default"] == "fr_FR"
        assert '"path": "notebooks/00_accueil.ipynb"' in lire(
            "/api/contents/notebooks/00_accueil.ipynb?content=0"
        )
    finally:
        os.killpg(processus.pid, signal.SIGTERM)
        sortie, _ = processus.communicate(timeout=60)
    assert "Exercices prêts" in sortie, sortie[-2000:]


def test_lab_formateur_pose_le_role_sans_le_passer_a_jupyterlab(monkeypatch):
    lances = []
    monkeypatch.setattr(lanceur, "_exercices", lambda: 0)
    monkeypatch.setattr(
        lanceur.subprocess, "call", lambda commande, env, cwd: lances.append((commande, env)) or 0
    )
    assert lanceur.main(["lab", "--formateur", "--no-browser"]) == 0
    assert lanceur.main(["lab", "--no-browser"]) == 0
    (formateur, env_formateur), (participant, env_participant) = lances
    assert "--formateur" not in formateur and formateur[-1] == "--no-browser"
    assert env_formateur["ATELIER_ROLE"] == "formateur"
    assert env_participant.get("ATELIER_ROLE") != "formateur"
