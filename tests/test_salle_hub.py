"""Le JupyterHub de la salle, de bout en bout, avec de vrais comptes Unix (en root, sur 127.0.0.1).

Un formateur et trois participants (plus dix pour l'essai de charge) sont créés
depuis une liste CSV, sous un préfixe propre à ce lancement, puis supprimés avec
leurs dossiers, même en cas d'échec.

Le devoir utilisé est un paramètre (``SCENARIO``) : l'exercice noté du module 0,
tel que les participants le reçoivent.
Côté formateur, tout tourne dans un noyau du serveur du formateur, donc sous son
compte (pas en root) : nbgrader génère et distribue le devoir, puis la commande du
formateur ramasse, corrige (code des participants isolé) et rend les retours.
"""

from __future__ import annotations

import concurrent.futures
import copy
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
import requests

from conftest import RACINE, exiger, ports_de_salle

pytestmark = [pytest.mark.lent, pytest.mark.hub]

FIXTURES = RACINE / "tests" / "fixtures" / "salle"
CACHE_VENV = Path("/var/tmp/atelier-salle-venv")
NB_CHARGE = 10


@dataclass
class Scenario:
    devoir: str  # identifiant nbgrader (nom du dossier)
    sources: Path  # dossier qui contient <devoir>/
    carnet: str  # le carnet noté dans le devoir
    note_max: float  # points notés automatiquement
    points_du_devoir: float  # total affiché dans les retours, questions rédigées comprises
    # réponses fausses du participant « partiel » (grade_id -> code) ; ses autres
    # réponses sont celles de la solution
    reponses_fausses: dict[str, str] = field(default_factory=dict)
    note_partielle: float = 0.0
    # bouts de code des tests cachés qui ne doivent paraître ni dans le devoir ni dans les retours
    extraits_caches: tuple[str, ...] = ("BEGIN HIDDEN",)


SCENARIO = Scenario(
    devoir="m0_prise_en_main",
    sources=RACINE / "exercises" / "source",
    carnet="m0_prise_en_main.ipynb",
    note_max=4.0,  # points automatiques
    points_du_devoir=6.0,  # avec la question rédigée (2 points), notée à la main
    reponses_fausses={"reponse_q3": "parakou_2026 = 400000"},
    note_partielle=2.0,  # questions 1 et 2 justes (1 + 1), question 3 fausse (0 sur 2)
    extraits_caches=(
        "BEGIN HIDDEN",
        "_reference = charger",
        "_effectifs = charger",
        "BEGIN MARK SCHEME",
    ),
)


def _verifier_applications_partagees(etat, journal: Path, session: requests.Session) -> None:
    """Le Voilà partagé de la salle : derrière la connexion au hub, liste en français, une
    application rendue, sous « nobody »."""
    anonyme = requests.get(f"{etat.url}services/applis/", timeout=60)
    assert "Choisissez une application" not in anonyme.text, "applications servies sans connexion"
    liste = session.get(f"{etat.url}services/applis/", timeout=60)
    assert liste.status_code == 200 and "Choisissez une application" in liste.text, (
        journal.read_text()[-4000:]
    )
    fiche = session.get(f"{etat.url}services/applis/voila/render/fiche_commune.ipynb", timeout=300)
    assert fiche.status_code == 200 and "Fiche commune" in fiche.text, journal.read_text()[-4000:]
    # process_iter(attrs) : un processus qui se termine pendant le parcours (zombie, disparu) est
    # rendu sans ses attributs au lieu de lever une exception.
    proprietaires = {
        p.info["username"]
        for p in psutil.process_iter(["username", "cmdline"])
        if "voila" in " ".join((p.info["cmdline"] or [])[:3])
        and etat.kit in " ".join(p.info["cmdline"] or [])
    }
    assert proprietaires == {"nobody"}, proprietaires


def solution(source: str) -> str:
    """Le code de la solution, sans les marqueurs nbgrader."""
    return "\n".join(
        ligne
        for ligne in source.splitlines()
        if ligne.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")
    )


def texte(cellule) -> str:
    return "".join(cellule["source"]) if isinstance(cellule["source"], list) else cellule["source"]


# --------------------------------------------------------------------------- la salle


@pytest.fixture(scope="module")
def salle():
    exiger(os.geteuid() == 0, "le hub de salle crée de vrais comptes Unix : il faut être root")
    exiger(shutil.which("configurable-http-proxy") is not None, "configurable-http-proxy absent")
    exiger(shutil.which("useradd") is not None, "useradd absent")

    from atelier.salle import cartes, installation
    from atelier.salle.client import Hub
    from atelier.salle.liste import lire_liste

    base = Path(tempfile.mkdtemp(prefix="atelier-salle-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    prefixe = f"t{secrets.token_hex(3)}-"
    liste = base / "liste.csv"
    lignes = (FIXTURES / "liste.csv").read_text(encoding="utf-8").rstrip("\n").splitlines()
    lignes += [
        f"charge{i:02d},Personne Fictive {i},Commune fictive,participant"
        for i in range(1, NB_CHARGE + 1)
    ]
    liste.write_text("\n".join(lignes) + "\n", encoding="utf-8")

    etat = None
    processus = None
    try:
        venv = installation.venv_partage(CACHE_VENV)
        etat, mots_de_passe = installation.installer(
            lire_liste(liste, prefixe=prefixe),
            base / "salle",
            base / "kit",
            venv,
            sources_exercices=SCENARIO.sources,
            prefixe=prefixe,
            homes=base / "homes",
            ip="127.0.0.1",
            **ports_de_salle(),
        )
        cartes.ecrire_cartes(
            etat.personnes, mots_de_passe, etat.url, etat.cartes / "cartes-connexion.html"
        )
        journal = open(base / "hub.log", "w")
        processus = subprocess.Popen(
            installation.commande_hub(etat),
            env=installation.environnement_hub(etat),
            cwd=etat.hub,
            stdout=journal,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        hub = Hub(etat.url, etat.jeton_service.read_text().strip())
        hub.attendre(processus, base / "hub.log")
        yield {
            "etat": etat,
            "hub": hub,
            "mots_de_passe": mots_de_passe,
            "prefixe": prefixe,
            "journal": base / "hub.log",
            "base": base,
        }
    finally:
        if processus is not None:
            _arreter(processus)
        if etat is not None:
            installation.retirer(etat)
        else:  # l'installation a échoué en route : on retire ce qui a pu être créé
            from atelier.salle.comptes import supprimer_compte, supprimer_groupe

            for p in lire_liste(liste, prefixe=prefixe):
                groupe = f"{prefixe}atelier-{'formateurs' if p.formateur else 'participants'}"
                try:
                    supprimer_compte(p.identifiant, groupe)
                except RuntimeError:
                    pass
            supprimer_groupe(f"{prefixe}atelier-formateurs")
            supprimer_groupe(f"{prefixe}atelier-participants")
        shutil.rmtree(base, ignore_errors=True)


def _arreter(processus) -> None:
    import signal

    try:
        os.killpg(processus.pid, signal.SIGTERM)
        processus.wait(timeout=60)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(processus.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        processus.wait(timeout=10)


def _nbgrader(serveur, *commandes: str) -> list[dict]:
    """Lance des commandes (nbgrader, atelier-formateur) dans un noyau du serveur du formateur,
    donc sous son compte."""
    codes = [
        "import subprocess, os\n"
        f"r = subprocess.run({c!r}, shell=True, cwd=os.path.expanduser('~/cours'), capture_output=True, text=True)\n"
        "print(r.returncode)\nprint(r.stdout[-3000:])\nprint(r.stderr[-3000:])"
        for c in commandes
    ]
    resultats = serveur.executer(codes, delai=600)
    journal = "\n".join(f"$ {c}\n{r['texte']}" for c, r in zip(commandes, resultats, strict=True))
    print(journal)
    for commande, resultat in zip(commandes, resultats, strict=True):
        assert resultat["statut"] == "ok" and resultat["texte"].startswith("0\n"), (
            commande,
            journal,
        )
    return resultats


# --------------------------------------------------------------------------- de bout en bout


def test_salle_de_bout_en_bout(salle):
    etat, hub, prefixe = salle["etat"], salle["hub"], salle["prefixe"]
    formateur = f"{prefixe}form"
    correct, partiel, vide = (f"{prefixe}{nom}" for nom in ("awa", "koffi", "nadia"))
    participants = [correct, partiel, vide]
    cours, devoir = etat.cours_id, SCENARIO.devoir

    # Les comptes : réels, dossiers personnels privés, cartes de connexion imprimables.
    for nom in [formateur, *participants]:
        home = Path(etat.homes) / nom
        assert home.is_dir() and (home.stat().st_mode & 0o777) == 0o700
    planche = (etat.cartes / "cartes-connexion.html").read_text(encoding="utf-8")
    assert salle["mots_de_passe"][correct] in planche and "Awa Fictive" in planche
    assert (etat.cartes / "cartes-connexion.html").stat().st_mode & 0o077 == 0

    # Connexion par le formulaire avec le mot de passe de la carte (PAM), et refus d'un mauvais.
    assert _se_connecter(etat.url, correct, salle["mots_de_passe"][correct]) == 302
    assert _se_connecter(etat.url, correct, "pas-le-bon-mot-de-passe") == 403

    # Le formateur prépare et distribue le devoir (nbgrader, sous son compte).
    hub.demarrer(formateur)
    srv_formateur = hub.serveur(formateur)
    _nbgrader(
        srv_formateur,
        f"nbgrader generate_assignment {devoir} --force",
        f"nbgrader release_assignment {devoir} --force",
    )

    # Le formgrader des formateurs : servi, et affichable dans le cadre de JupyterLab.
    page = srv_formateur.requete("GET", "formgrader")
    assert page.status_code == 200
    assert "frame-ancestors 'self'" in page.headers["Content-Security-Policy"]

    # Les participants démarrent en parallèle.
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        list(pool.map(hub.demarrer, participants))
    srv = {nom: hub.serveur(nom) for nom in participants}

    # Jamais root : chaque processus d'un serveur tourne sous le compte de son propriétaire.
    _verifier_proprietaires([formateur, *participants])
    # Pas de terminal pour un participant ; celui du formateur est sous son compte.
    assert srv[correct].requete("POST", "api/terminals").status_code == 404
    assert srv[correct].requete("GET", "formgrader").status_code == 404
    _verifier_terminal_formateur(srv_formateur, formateur)
    assert (
        "frame-ancestors 'none'"
        in srv[correct].requete("GET", "lab").headers["Content-Security-Policy"]
    )
    # L'onglet des devoirs servi à un participant est la copie en français (atelier.nbgrader_fr).
    statique = Path(etat.kit) / "jupyter-fr" / "labextensions" / "@jupyter" / "nbgrader" / "static"
    servi = "".join(
        srv[correct].requete("GET", f"lab/extensions/@jupyter/nbgrader/static/{f.name}").text
        for f in statique.glob("*.js")
    )
    assert "Devoirs distribués" in servi and "Released assignments" not in servi
    _verifier_applications_partagees(
        etat, salle["journal"], _session(etat.url, correct, salle["mots_de_passe"][correct])
    )

    # Chaque participant voit le devoir, le récupère, le fait, l'exécute et le remet.
    source = json.loads((SCENARIO.sources / devoir / SCENARIO.carnet).read_text(encoding="utf-8"))
    solutions = {
        c["metadata"]["nbgrader"]["grade_id"]: solution(texte(c))
        for c in source["cells"]
        if c.get("metadata", {}).get("nbgrader", {}).get("solution")
    }
    remis = {}

    def faire_le_devoir(nom):
        s = srv[nom]
        devoirs = s.devoirs("lister", cours)["value"]
        assert [d["assignment_id"] for d in devoirs if d["status"] == "released"] == [devoir]
        s.devoirs("recuperer", cours, devoir)
        chemin = f"{cours}/{devoir}/{SCENARIO.carnet}"
        carnet = s.lire(chemin)
        for cache in SCENARIO.extraits_caches:
            assert cache not in json.dumps(carnet), f"test caché dans le devoir distribué : {cache}"
        if nom != vide:
            reponses = dict(solutions)
            if nom == partiel:
                reponses.update(SCENARIO.reponses_fausses)
            for cellule in carnet["cells"]:
                grade_id = cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                if grade_id in reponses:
                    cellule["source"] = reponses[grade_id]
        s.executer_carnet(carnet)
        s.ecrire_carnet(chemin, carnet)
        remis[nom] = copy.deepcopy(carnet)
        liste = s.devoirs("remettre", cours, devoir)
        assert liste["success"], liste

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        list(pool.map(faire_le_devoir, participants))

    # Ce qu'un participant ne peut pas lire, essayé sous son compte (dans son noyau).
    autre_home = Path(etat.homes) / partiel
    interdits = {
        "dossier d'un autre participant": f"os.listdir({str(autre_home)!r})",
        "devoir d'un autre participant": f"open({str(autre_home / cours / devoir / SCENARIO.carnet)!r}).read()",
        "sources avec solutions": f"open({str(etat.cours / 'source' / devoir / SCENARIO.carnet)!r}).read()",
        "carnet de notes": f"open({str(etat.cours / 'gradebook.db')!r}, 'rb').read()",
        "copies remises": f"os.listdir({str(etat.depots)!r})",
        "retours des autres": f"os.listdir({str(etat.echange / cours / 'feedback')!r})",
    }
    resultats = srv[correct].executer(["import os"] + list(interdits.values()))[1:]
    for (quoi, _), resultat in zip(interdits.items(), resultats, strict=True):
        assert resultat["erreur"] and resultat["erreur"].startswith("PermissionError"), (
            quoi,
            resultat,
        )
    # … ni par l'API du hub avec son propre jeton.
    jeton = hub.api("POST", f"users/{correct}/tokens", json={"note": "essai"}).json()["token"]
    reponse = requests.get(
        f"{etat.url}user/{partiel}/api/contents/",
        headers={"Authorization": f"token {jeton}"},
        timeout=30,
        allow_redirects=False,
    )
    assert reponse.status_code in (302, 403, 404), reponse.status_code
    # Limites par compte, vues depuis le noyau d'un participant.
    limites = srv[correct].executer(
        [
            "import resource; print(resource.getrlimit(resource.RLIMIT_NPROC)[0])",
            "b = bytearray(3 * 1024 ** 3)",
            # La commune de la liste de la salle (Abomey pour awa) : la fiche commune s'ouvre sur elle.
            "from atelier.fiche_commune.vues import fiche_commune_interactive\n"
            "print(fiche_commune_interactive().resultat['commune'])",
        ]
    )
    assert limites[0]["texte"].strip() == str(etat.limites.processus_max)
    assert limites[1]["erreur"].startswith("MemoryError")
    assert limites[2]["texte"].strip().endswith("Abomey"), limites[2]
    # Séance notée : un participant qui demande la solution reçoit un refus poli.
    from atelier.modules import questions_de

    solution_demandee = srv[correct].executer(
        [f"from {questions_de(devoir)} import q1\nq1.solution()"]
    )
    assert "séance notée" in json.dumps(solution_demandee, ensure_ascii=False), solution_demandee

    # Le formateur ramasse, corrige et publie les retours.
    # … avec la commande du formateur (correction isolée, originaux intacts), sous son compte,
    # telle que le guide la montre : dans un shell de connexion comme celui du terminal du hub
    # (qui remet le PATH à zéro), depuis son dossier personnel, sans chemin ni --cours.
    terminal = "bash -l -c 'cd && atelier-formateur {}'"
    _, correction, retenus, _ = _nbgrader(
        srv_formateur,
        terminal.format(f"ramasser {devoir}"),
        terminal.format(f"corriger {devoir}"),
        terminal.format(f"retours {devoir}"),
        terminal.format(f"retours {devoir} --forcer"),
    )
    # La question rédigée n'est pas encore notée : sans --forcer, rien n'est rendu, et le formateur le lit.
    assert retenus["texte"].count("retour prêt mais PAS rendu") == len(participants), retenus[
        "texte"
    ]
    assert "Retours rendus" not in retenus["texte"]
    # Sous le compte du formateur : vue privée et réseau coupé par les espaces de noms utilisateur.
    assert (
        "vue privée des fichiers" in correction["texte"] and "réseau coupé" in correction["texte"]
    )
    soumissions = srv_formateur.requete("GET", f"formgrader/api/submissions/{devoir}").json()
    notes = {s["student"]: s["score"] for s in soumissions}
    assert notes == {correct: SCENARIO.note_max, partiel: SCENARIO.note_partielle, vide: 0.0}, notes

    # Rien de perdu : chaque copie ramassée porte le nom de son auteur et son contenu exact.
    lecture = srv_formateur.executer(
        [
            "import json, os, glob\n"
            f"d = os.path.expanduser('~/cours/submitted')\n"
            f"print(json.dumps({{n: json.load(open(f'{{d}}/{{n}}/{devoir}/{SCENARIO.carnet}')) for n in os.listdir(d)}}))"
        ]
    )[0]
    ramasses = json.loads(lecture["texte"])
    assert sorted(ramasses) == sorted(participants)
    for nom in participants:
        assert [texte(c) for c in ramasses[nom]["cells"]] == [
            texte(c) for c in remis[nom]["cells"]
        ], nom

    # Chacun récupère son propre retour, sans les tests cachés.
    for nom, note in (
        (correct, SCENARIO.note_max),
        (partiel, SCENARIO.note_partielle),
        (vide, 0.0),
    ):
        srv[nom].devoirs("retours", cours, devoir)
        dossier = f"{cours}/{devoir}/feedback"
        horodatages = srv[nom].lister(dossier)
        assert len(horodatages) == 1, horodatages
        html = (
            srv[nom]
            .requete(
                "GET",
                f"api/contents/{dossier}/{horodatages[0]}/{SCENARIO.carnet.replace('.ipynb', '.html')}",
                params={"content": 1, "format": "text", "type": "file"},
            )
            .json()["content"]
        )
        assert re.search(rf"{note:g}(\.0)?\s*/\s*{SCENARIO.points_du_devoir:g}", html), (nom, note)
        for cache in SCENARIO.extraits_caches:
            assert cache not in html, (nom, cache)


def _connexion(url: str, nom: str, mot_de_passe: str) -> tuple[requests.Session, int]:
    """Le formulaire de connexion du hub, comme dans un navigateur : la session et le code HTTP."""
    session = requests.Session()
    page = session.get(f"{url}hub/login", timeout=30)
    xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text)
    donnees = {"username": nom, "password": mot_de_passe}
    if xsrf:
        donnees["_xsrf"] = xsrf.group(1)
    return session, session.post(
        f"{url}hub/login", data=donnees, allow_redirects=False, timeout=60
    ).status_code


def _se_connecter(url: str, nom: str, mot_de_passe: str) -> int:
    return _connexion(url, nom, mot_de_passe)[1]


def _session(url: str, nom: str, mot_de_passe: str) -> requests.Session:
    """Une personne connectée au hub."""
    session, statut = _connexion(url, nom, mot_de_passe)
    assert statut == 302, statut
    return session


def _verifier_proprietaires(noms: list[str]) -> None:
    import pwd

    vus = set()
    for processus in psutil.process_iter(["uids"]):
        try:
            proprietaire = processus.environ().get("JUPYTERHUB_USER")
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
        if proprietaire in noms:
            assert processus.info["uids"].real == pwd.getpwnam(proprietaire).pw_uid, (
                proprietaire,
                processus,
            )
            assert processus.info["uids"].effective != 0
            vus.add(proprietaire)
    assert vus == set(noms), vus


def _verifier_terminal_formateur(serveur, formateur: str) -> None:
    import pwd

    reponse = serveur.requete("POST", "api/terminals")
    assert reponse.status_code == 200, reponse.text
    try:
        uid = pwd.getpwnam(formateur).pw_uid
        shells = [
            p
            for p in psutil.process_iter(["uids", "name"])
            if p.info["name"] in ("bash", "sh") and p.info["uids"].real == uid
        ]
        assert shells, "le terminal du formateur ne tourne pas sous son compte"
    finally:
        serveur.requete("DELETE", f"api/terminals/{reponse.json()['name']}")


# --------------------------------------------------------------------------- charge


def test_dix_participants_en_meme_temps(salle):
    from atelier.salle.mesure import memoire_du_compte

    etat, hub = salle["etat"], salle["hub"]
    noms = [p for p in etat.participants if "charge" in p]
    assert len(noms) >= 10
    lecon = json.loads((FIXTURES / "lecon_charge.ipynb").read_text(encoding="utf-8"))

    def suivre_la_lecon(nom):
        duree = hub.demarrer(nom)
        s = hub.serveur(nom)
        s.ecrire_carnet("notebooks/lecon_charge.ipynb", lecon)
        carnet = s.executer_carnet(copy.deepcopy(lecon), garder_noyau=True)
        erreurs = [
            o
            for c in carnet["cells"]
            if c["cell_type"] == "code"
            for o in c["outputs"]
            if o["output_type"] == "error"
        ]
        assert not erreurs, (nom, erreurs)
        assert "notebooks" in s.lister("") and "00_accueil.ipynb" in s.lister("notebooks")
        return duree

    with concurrent.futures.ThreadPoolExecutor(len(noms)) as pool:
        durees = list(pool.map(suivre_la_lecon, noms))

    memoires = [memoire_du_compte(nom) for nom in noms]
    for nom, m in zip(noms, memoires, strict=True):
        assert m["noyaux"] == 1, (nom, m)
    pss = sorted(m["pss"] for m in memoires)
    print(
        f"\n{len(noms)} participants prêts en {max(durees):.1f} s au plus ; "
        f"PSS par participant (serveur + noyau) : médiane {pss[len(pss) // 2]:.0f} Mo, max {pss[-1]:.0f} Mo"
    )
