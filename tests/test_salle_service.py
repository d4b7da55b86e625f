"""La journée du formateur dans la salle : adresse des cartes, hub en service (démarrer, arrêter,
redémarrer, Ctrl + C), commande du formateur dans son shell de connexion, salle.json privé, retrait complet.

Les tests marqués « hub » installent une vraie petite salle (comptes Unix réels, en root, sur 127.0.0.1).
"""

from __future__ import annotations

import csv
import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

from atelier.salle import cartes, installation, service
from atelier.salle.liste import lire_liste

from conftest import RACINE, exiger, ports_de_salle

CACHE_VENV = Path("/var/tmp/atelier-salle-venv")  # le même que test_salle_hub.py


# --------------------------------------------------------------------------- l'adresse des cartes


def test_l_adresse_des_cartes_est_celle_de_la_machine_sur_le_reseau():
    ip = cartes.adresse_reseau()
    exiger(ip is not None, "machine sans réseau : aucune adresse autre que 127.0.0.1")
    adresses = {a.address for liste in psutil.net_if_addrs().values() for a in liste}
    assert ip in adresses and not ip.startswith("127.")
    assert cartes.adresse_du_hub("0.0.0.0", 8123) == f"http://{ip}:8123/"
    assert cartes.avertissement_adresse(cartes.adresse_du_hub("0.0.0.0", 8123)) is None
    # Au démarrage : l'adresse des cartes est-elle toujours celle de la machine (réseau changé) ?
    assert cartes.avertissement_adresse(f"http://{ip}:8123/", verifier_machine=True) is None
    assert (
        cartes.avertissement_adresse("http://salle.mairie.bj:8000/", verifier_machine=True) is None
    )
    ailleurs = next(f"10.{i}.{i}.{i}" for i in range(1, 250) if f"10.{i}.{i}.{i}" not in adresses)
    assert "n'est plus celle de cette machine" in cartes.avertissement_adresse(
        f"http://{ailleurs}:8000/", verifier_machine=True
    )


def test_url_l_emporte_et_127_0_0_1_est_signale_haut_et_fort(tmp_path):
    assert (
        cartes.adresse_du_hub("0.0.0.0", 8000, "http://salle.mairie.bj:8000")
        == "http://salle.mairie.bj:8000/"
    )
    assert cartes.adresse_du_hub("10.0.0.5", 8000) == "http://10.0.0.5:8000/"
    for locale in ("http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]:8000/"):
        assert "ne marche que sur cette machine" in cartes.avertissement_adresse(locale)
    personnes = [
        {"identifiant": "awa", "nom": "Awa Fictive", "commune": "Abomey", "role": "participant"}
    ]
    locale = cartes.ecrire_cartes(
        personnes, {"awa": "bazu-kemi-tafe-47"}, "http://127.0.0.1:8000/", tmp_path / "locale.html"
    ).read_text(encoding="utf-8")
    reseau = cartes.ecrire_cartes(
        personnes, {"awa": "bazu-kemi-tafe-47"}, "http://10.0.0.5:8000/", tmp_path / "reseau.html"
    ).read_text(encoding="utf-8")
    assert (
        'class="alerte"' in locale and "--url http://&lt;adresse de la machine&gt;:8000/" in locale
    )
    assert 'class="alerte"' not in reseau


# --------------------------------------------------------------------------- la commande du formateur


def test_sans_cours_la_commande_dit_que_le_cours_est_introuvable(tmp_path):
    env = {**os.environ, "ATELIER_COURS_DOSSIER": str(tmp_path / "pas-de-cours")}
    fini = subprocess.run(
        [sys.executable, "-m", "atelier.formateur", "ramasser", "m1_planification"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert fini.returncode == 2 and "Dossier du cours introuvable" in fini.stderr, fini.stderr
    assert str(tmp_path / "pas-de-cours") in fini.stderr and "Traceback" not in fini.stderr


def test_retirer_supprime_le_kit_l_environnement_et_le_script_de_connexion(tmp_path, monkeypatch):
    monkeypatch.setattr(installation, "PROFILS", tmp_path / "profile.d")
    opt = tmp_path / "opt" / "atelier-numerique"
    salle = installation.Salle(
        dossier=str(tmp_path / "srv"),
        kit=str(opt / "kit"),
        venv=str(opt / "venv"),
        prefixe="z9-",
        venv_a_retirer=True,
    )
    for dossier in (salle.commandes, Path(salle.venv) / "bin", Path(salle.dossier)):
        dossier.mkdir(parents=True)
    salle.profil.parent.mkdir()
    salle.profil.write_text("# essai\n")
    assert salle.profil.name == "atelier-salle-z9.sh"
    installation.retirer(salle)
    assert not opt.exists() and not salle.profil.exists() and not Path(salle.dossier).exists()
    assert (tmp_path / "opt").is_dir()  # seulement ce que la salle a créé
    # Un environnement fourni (--venv, partagé) reste.
    partage = tmp_path / "partage"
    (partage / "bin").mkdir(parents=True)
    installation.retirer(
        installation.Salle(
            dossier=str(tmp_path / "srv2"), kit=str(tmp_path / "kit2"), venv=str(partage)
        )
    )
    assert (partage / "bin").is_dir()


# --------------------------------------------------------------------------- une vraie salle


def _salle_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "atelier.salle", *args],
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


@pytest.fixture(scope="module")
def petite_salle():
    exiger(os.geteuid() == 0, "la salle crée de vrais comptes Unix : il faut être root")
    exiger(shutil.which("configurable-http-proxy") is not None, "configurable-http-proxy absent")
    exiger(shutil.which("useradd") is not None, "useradd absent")
    base = Path(tempfile.mkdtemp(prefix="atelier-service-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    prefixe = f"v{secrets.token_hex(3)}-"
    liste = base / "liste.csv"
    liste.write_bytes(
        "ID;Nom;Commune;Rôle\nform;Estelle Formatrice;Porto-Novo;Formatrice\n"
        "ntcha;N'Tcha Fictive;Boukoumbé;participante\n".encode("cp1252")
    )
    salle = None
    try:
        salle, _ = installation.installer(
            lire_liste(liste, prefixe=prefixe),
            base / "salle",
            base / "kit",
            installation.venv_partage(CACHE_VENV),
            sources_exercices=RACINE / "exercises" / "source",
            prefixe=prefixe,
            homes=base / "homes",
            ip="127.0.0.1",
            **ports_de_salle(),
        )
        yield salle
    finally:
        if salle is not None:
            service.arreter(salle)
            installation.retirer(salle)
        shutil.rmtree(base, ignore_errors=True)


def _processus_de_la_salle(salle) -> list[psutil.Process]:
    trouves = []
    for p in psutil.process_iter():
        try:
            if str(Path(salle.kit) / "deploy") in " ".join(p.cmdline()) or str(
                salle.hub
            ) in " ".join(p.cmdline()):
                trouves.append(p)
        except psutil.Error:
            pass
    return trouves


@pytest.mark.lent
@pytest.mark.hub
def test_le_hub_demarre_s_arrete_et_redemarre_proprement(petite_salle):
    salle, dossier = petite_salle, petite_salle.dossier
    arrete = _salle_cli("etat", "--dossier", dossier)
    assert arrete.returncode == 3 and "arrêté" in arrete.stdout

    lance = _salle_cli("demarrer", "--fond", "--dossier", dossier)
    assert lance.returncode == 0, lance.stdout + lance.stderr
    assert "arrière-plan" in lance.stdout and "ne marche que sur cette machine" in lance.stderr
    pid = service.processus_du_hub(salle).pid
    etat = _salle_cli("etat", "--dossier", dossier)
    assert etat.returncode == 0 and "répond" in etat.stdout and str(pid) in etat.stdout
    assert stat.S_IMODE(service.journal(salle).stat().st_mode) == 0o600

    deux_fois = _salle_cli("demarrer", "--fond", "--dossier", dossier)
    assert deux_fois.returncode == 1 and "tourne déjà" in deux_fois.stderr

    relance = _salle_cli("redemarrer", "--dossier", dossier)
    assert relance.returncode == 0, relance.stdout + relance.stderr
    nouveau = service.processus_du_hub(salle).pid
    assert nouveau != pid and not psutil.pid_exists(pid) and service.repond(salle)

    fin = _salle_cli("arreter", "--dossier", dossier)
    assert fin.returncode == 0 and "arrêté" in fin.stdout
    assert not service.repond(salle) and not service.fichier_pid(salle).exists()
    assert _processus_de_la_salle(salle) == [], _processus_de_la_salle(salle)
    assert "ne tournait pas" in _salle_cli("arreter", "--dossier", dossier).stdout


@pytest.mark.lent
@pytest.mark.hub
def test_ctrl_c_arrete_le_hub_avec_un_message_en_francais(petite_salle):
    salle = petite_salle
    # Comme dans un terminal : Ctrl + C envoie SIGINT au groupe de processus au premier plan.
    commande = subprocess.Popen(
        [sys.executable, "-m", "atelier.salle", "demarrer", "--dossier", salle.dossier],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        fin = time.monotonic() + service.DELAI_DEMARRAGE
        while not service.repond(salle):
            assert commande.poll() is None and time.monotonic() < fin, commande.stdout.read()
            time.sleep(0.5)
        os.killpg(commande.pid, signal.SIGINT)
        sortie, _ = commande.communicate(timeout=service.DELAI_ARRET + 30)
    finally:
        if commande.poll() is None:
            os.killpg(commande.pid, signal.SIGKILL)
    assert commande.returncode == 0, sortie
    assert (
        "Hub de la salle arrêté." in sortie
        and "Traceback" not in sortie
        and "KeyboardInterrupt" not in sortie
    )
    assert not service.repond(salle) and _processus_de_la_salle(salle) == []


@pytest.mark.lent
@pytest.mark.hub
def test_le_formateur_trouve_sa_commande_et_son_cours_et_lui_seul_lit_salle_json(petite_salle):
    from atelier.salle.comptes import lancer_en_tant_que

    salle = petite_salle
    formateur, participant = salle.formateurs[0], salle.participants[0]
    fichier = os.stat(salle.fichier)
    assert stat.S_IMODE(fichier.st_mode) == 0o640 and fichier.st_uid == 0
    lire = ["cat", str(salle.fichier)]
    assert "Boukoumbé" in lancer_en_tant_que(formateur, lire).stdout
    assert "Permission denied" in lancer_en_tant_que(participant, lire).stderr

    # Le shell de connexion (celui du terminal du hub : « bash -l ») remet le PATH à zéro ;
    # le script de connexion de la salle y remet les commandes du kit, pour les formateurs seulement.
    shell = (
        "command -v atelier-formateur nbgrader python; cd && atelier-formateur distribuer inconnu"
    )
    chez_le_formateur = lancer_en_tant_que(formateur, ["bash", "-l", "-c", shell], timeout=300)
    commandes = chez_le_formateur.stdout.split()
    assert commandes == [
        str(salle.commandes / "atelier-formateur"),
        str(Path(salle.venv) / "bin" / "nbgrader"),
        str(Path(salle.venv) / "bin" / "python"),
    ], chez_le_formateur
    # Le cours trouvé sans --cours : la commande liste ses exercices.
    assert "Exercice inconnu : « inconnu »" in chez_le_formateur.stderr
    assert "m0_prise_en_main" in chez_le_formateur.stderr, chez_le_formateur.stderr
    chez_le_participant = lancer_en_tant_que(
        participant, ["bash", "-l", "-c", "command -v atelier-formateur"]
    )
    assert chez_le_participant.stdout == "", chez_le_participant

    # Le bilan, sans --participants : la liste de la salle (noms, communes), formateurs laissés de côté.
    bilan = lancer_en_tant_que(
        formateur,
        [
            "bash",
            "-l",
            "-c",
            "cd && atelier-formateur preparer m0_prise_en_main && atelier-formateur bilan",
        ],
        timeout=600,
    )
    assert bilan.returncode == 0, bilan.stdout + bilan.stderr
    with open(salle.cours / "bilan" / "notes_participants.csv", encoding="utf-8") as f:
        lignes = list(csv.DictReader(f))
    assert [(ligne["id"], ligne["commune"], ligne["rendu"]) for ligne in lignes] == [
        (participant, "Boukoumbé", "non")
    ]


async def _taper_dans_le_terminal(
    serveur, terminal: str, ligne: str, fin: str, delai: float = 300
) -> str:
    """Tape ``ligne`` dans un terminal du hub (comme le navigateur, par son websocket) ;
    renvoie ce qu'il affiche jusqu'à ``fin``."""
    import asyncio
    import json

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    url = serveur.base.replace("http", "ws", 1) + f"terminals/websocket/{terminal}"
    ws = await websocket_connect(
        HTTPRequest(url, headers={"Authorization": f"token {serveur.hub.jeton}"})
    )
    affiche = ""
    try:
        await ws.write_message(json.dumps(["stdin", ligne + "\r"]))
        limite = time.monotonic() + delai
        while fin not in affiche:
            message = await asyncio.wait_for(ws.read_message(), max(1, limite - time.monotonic()))
            assert message is not None, affiche
            genre, *contenu = json.loads(message)
            if genre == "stdout":
                affiche += contenu[0]
    finally:
        ws.close()
    return affiche


@pytest.mark.lent
@pytest.mark.hub
def test_dans_le_terminal_du_hub_le_formateur_tape_atelier_formateur(petite_salle):
    import asyncio

    from atelier.salle.client import Hub

    salle = petite_salle
    formateur = salle.formateurs[0]
    try:
        service.demarrer_en_fond(salle)
        hub = Hub(salle.url, salle.jeton_service.read_text(encoding="utf-8").strip())
        hub.demarrer(formateur)
        serveur = hub.serveur(formateur)
        terminal = serveur.requete("POST", "api/terminals").json()["name"]
        # Le marqueur de fin est calculé par le shell : l'écho de la ligne tapée ne le contient pas.
        affiche = asyncio.run(
            _taper_dans_le_terminal(
                serveur,
                terminal,
                "atelier-formateur distribuer inconnu; echo FIN-$((6*7))",
                "FIN-42",
            )
        )
        assert "Exercice inconnu : « inconnu »" in affiche and "m0_prise_en_main" in affiche, (
            affiche
        )
        assert "command not found" not in affiche and "introuvable" not in affiche, affiche
    finally:
        service.arreter(salle)


@pytest.mark.lent
@pytest.mark.hub
def test_zz_retirer_supprime_tout_ce_que_la_salle_a_installe(petite_salle):
    import pwd

    salle = petite_salle
    assert salle.profil.exists() and Path(salle.kit).is_dir()
    retrait = _salle_cli("retirer", "--dossier", salle.dossier)
    assert retrait.returncode == 0, retrait.stdout + retrait.stderr
    for nom in salle.formateurs + salle.participants:
        with pytest.raises(KeyError):
            pwd.getpwnam(nom)
    assert (
        not salle.profil.exists()
        and not Path(salle.kit).exists()
        and not Path(salle.dossier).exists()
    )
    assert Path(salle.venv).is_dir()  # environnement partagé fourni par le test : pas à la salle
