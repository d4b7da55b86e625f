"""Limites par personne, applications derrière la connexion, hub en français : sur un vrai hub.

Un seul hub (vrais comptes Unix, en root) pour toutes les vérifications, avec des
limites réduites pour l'essai : 800 Mo pour tous les processus d'une personne,
un dossier personnel de 30 Mo, deux pages d'applications ouvertes au plus.
Chaque attaque est jouée comme la jouerait un participant : du code lancé dans
son noyau, par le hub, sous son compte.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psutil
import pytest
import requests
from test_navigateur import ARGUMENTS_CHROMIUM, CHROMIUM, Surveillance, _capture
from test_salle_hub import CACHE_VENV, FIXTURES, _arreter, _session

from conftest import RACINE, exiger, ports_de_salle

pytestmark = [pytest.mark.lent, pytest.mark.hub]

MEMOIRE_MO = 800
DISQUE_MO = 30
CONTROLE_S = 2
APPLIS_MAX = 2
PROCESSUS_MAX = 128


@pytest.fixture(scope="module")
def salle():
    exiger(os.geteuid() == 0, "le hub de salle crée de vrais comptes Unix : il faut être root")
    exiger(shutil.which("configurable-http-proxy") is not None, "configurable-http-proxy absent")
    exiger(shutil.which("useradd") is not None, "useradd absent")
    from atelier.salle import installation, limites
    from atelier.salle.client import Hub
    from atelier.salle.liste import lire_liste

    try:
        limites.groupe_de("essai")
        sans_cgroups = ""  # sinon : pourquoi
    except limites.LimitesIndisponibles as erreur:
        sans_cgroups = str(erreur)

    base = Path(tempfile.mkdtemp(prefix="atelier-limites-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    prefixe = f"l{secrets.token_hex(3)}-"
    personnes = lire_liste(FIXTURES / "liste.csv", prefixe=prefixe)
    etat = processus = None
    try:
        etat, mots_de_passe = installation.installer(
            personnes,
            base / "salle",
            base / "kit",
            installation.venv_partage(CACHE_VENV),
            prefixe=prefixe,
            homes=base / "homes",
            ip="127.0.0.1",
            **ports_de_salle(),
            limites=installation.Limites(
                memoire_totale_mo=MEMOIRE_MO,
                disque_mo=DISQUE_MO,
                controle_s=CONTROLE_S,
                noyaux_applis_max=APPLIS_MAX,
                processus_max=PROCESSUS_MAX,
            ),
        )
        journal = base / "hub.log"
        with open(journal, "w") as sortie:
            processus = subprocess.Popen(
                installation.commande_hub(etat),
                env=installation.environnement_hub(etat),
                cwd=etat.hub,
                stdout=sortie,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        hub = Hub(etat.url, etat.jeton_service.read_text().strip())
        hub.attendre(processus, journal)
        yield {
            "etat": etat,
            "hub": hub,
            "mots_de_passe": mots_de_passe,
            "journal": journal,
            "noms": {p.identifiant.removeprefix(prefixe): p.identifiant for p in personnes},
            "sans_cgroups": sans_cgroups,
        }
    finally:
        if processus is not None:
            _arreter(processus)
        if etat is not None:
            installation.retirer(etat)  # arrête ce qui reste et supprime les groupes de limites
        shutil.rmtree(base, ignore_errors=True)
    if not sans_cgroups and etat is not None:
        assert not any(
            limites.groupe_de(nom).memoire.exists() for nom in etat.participants + etat.formateurs
        )


def _html(reponse: requests.Response) -> str:
    # les pages déclarent utf-8 dans <meta>, pas dans l'en-tête
    return reponse.content.decode("utf-8")


def _un(serveur, code: str, delai: float = 120) -> dict:
    """Exécute ``code`` dans un noyau du serveur (sous le compte de la personne)."""
    return serveur.executer([code], delai=delai)[0]


def _noyaux_applis() -> int:
    return sum(
        1
        for p in psutil.process_iter(["username", "cmdline"])
        if p.info["username"] == "nobody"
        and "ipykernel_launcher" in " ".join(p.info["cmdline"] or [])
    )


# --------------------------------------------------------------------------- pages du hub


def test_pages_du_hub_en_francais(salle):
    url = salle["etat"].url
    connexion = requests.get(f"{url}hub/login", timeout=30)
    assert connexion.status_code == 200
    assert '<html lang="fr">' in connexion.text
    for attendu in ("Identifiant", "Mot de passe", "Se connecter", "carte de connexion"):
        assert attendu in connexion.text, attendu
    for anglais in ("Sign in", "Username:", "Password:"):
        assert anglais not in connexion.text, anglais
    # Mauvais mot de passe : message en français.
    session = requests.Session()
    xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', connexion.text)
    refus = requests.post(
        f"{url}hub/login",
        timeout=60,
        cookies=connexion.cookies,
        data={"username": salle["noms"]["awa"], "password": "faux", "_xsrf": xsrf.group(1)},
    )
    assert refus.status_code == 403 and "Identifiant ou mot de passe incorrect" in _html(refus)
    introuvable = session.get(f"{url}hub/cette-page-n-existe-pas", timeout=30)
    assert introuvable.status_code == 404 and "Page introuvable" in _html(introuvable)
    # Connecté : l'accueil du hub en français.
    awa = _session(url, salle["noms"]["awa"], salle["mots_de_passe"][salle["noms"]["awa"]])
    accueil = awa.get(f"{url}hub/home", timeout=30)
    assert "Démarrer mon espace" in _html(accueil) and "Se déconnecter" in _html(accueil)
    assert "Start My Server" not in accueil.text and "Logout" not in accueil.text


@pytest.mark.navigateur
def test_dans_le_navigateur_connexion_accueil_et_applications(salle):
    """Comme un participant : la carte en main, la page de connexion, puis son espace (captures du guide)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    exiger(Path(CHROMIUM).exists(), "Chromium est absent (paquet Debian « chromium »)")
    url, koffi = salle["etat"].url, salle["noms"]["koffi"]
    # Un devoir distribué, pour que l'onglet « Devoirs » montre une liste (posé ici en root, comme
    # le ferait « nbgrader release_assignment » d'un formateur).
    etat = salle["etat"]
    distribue = etat.echange / etat.cours_id / "outbound" / "m0_prise_en_main"
    shutil.copytree(
        RACINE / "exercises" / "source" / "m0_prise_en_main",
        distribue,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
    )
    subprocess.run(["chmod", "-R", "a+rX", str(distribue)], check=True)
    # Navigateur propre à ce test : Playwright garde une boucle asyncio ouverte tant qu'il
    # tourne, et le client du hub des autres tests en lance une à lui.
    with playwright_api.sync_playwright() as p:
        navigateur = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=ARGUMENTS_CHROMIUM
        )
        try:
            _connexion_accueil_applications(navigateur, url, koffi, salle["mots_de_passe"][koffi])
        finally:
            navigateur.close()


def _connexion_accueil_applications(navigateur, url: str, koffi: str, mot_de_passe: str) -> None:
    page = navigateur.new_page(viewport={"width": 1100, "height": 650}, locale="fr-FR")
    surveillance = Surveillance(page)
    try:
        page.goto(f"{url}hub/login")
        page.wait_for_selector("#login_submit")
        _capture(page, "hub_connexion")
        page.fill("#username_input", koffi)
        page.fill("#password_input", mot_de_passe)
        page.click("#login_submit")
        page.wait_for_url(re.compile(rf".*/user/{re.escape(koffi)}/lab.*"), timeout=180_000)
        # L'onglet des devoirs, en français (atelier.nbgrader_fr) : menu Nbgrader → Liste des devoirs.
        page.click("div.lm-MenuBar-itemLabel:text-is('Nbgrader')", timeout=180_000)
        page.click("div.lm-Menu-itemLabel:text-is('Liste des devoirs')")
        page.wait_for_selector("text=Devoirs distribués", timeout=60_000)
        # Listes chargées (le cours de la salle trouvé, chaque liste remplie ou « Aucun devoir… »).
        fin = time.monotonic() + 240
        while (
            "m0_prise_en_main" not in page.inner_text("#released_assignments_list")
            and time.monotonic() < fin
        ):
            page.wait_for_timeout(1000)
        panneau = page.inner_text("#assignments")
        assert "m0_prise_en_main" in panneau and "Récupérer" in panneau, (
            panneau,
            surveillance.console,
        )
        # La page d'accueil s'ouvre en même temps et peut passer devant : l'onglet « Devoirs » au premier plan.
        page.click("li.lm-TabBar-tab:has-text('Devoirs')")
        page.wait_for_selector(
            "#released_assignments_list button:text-is('Récupérer')", state="visible"
        )
        assert page.locator("text=Released assignments").count() == 0
        _capture(page, "hub_devoirs")
        page.goto(f"{url}hub/home")
        assert page.inner_text("#start").strip() == "Ouvrir mon espace"
        _capture(page, "hub_accueil")
        page.goto(f"{url}services/applis/")
        page.wait_for_selector("text=Choisissez une application", timeout=60_000)
        assert not surveillance.externes, surveillance.externes
    finally:
        page.close()


def test_pas_de_bouton_validate_pour_les_participants(salle):
    hub, awa = salle["hub"], salle["noms"]["awa"]
    hub.demarrer(awa)
    serveur = hub.serveur(awa)
    lab = serveur.requete("GET", "lab")
    assert "custom/custom.css" in lab.text
    feuille = serveur.requete("GET", "custom/custom.css")
    assert feuille.status_code == 200 and ".nested_list_item .item_status button" in feuille.text
    reglages = json.loads(
        re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
            lab.text,
            re.S,
        ).group(1)
    )
    desactivees = set(reglages["disabledExtensions"])
    assert {
        "@jupyter/nbgrader:create-assignment",
        "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:validate-assignment",
    } <= desactivees, desactivees


# --------------------------------------------------------------------------- applications


def test_applications_derriere_la_connexion_et_plafonnees(salle):
    url, noms, mots = salle["etat"].url, salle["noms"], salle["mots_de_passe"]
    avant = _noyaux_applis()
    for chemin in ("services/applis/", "services/applis/voila/render/fiche_commune.ipynb"):
        anonyme = requests.get(f"{url}{chemin}", timeout=60)
        assert anonyme.url.startswith(f"{url}hub/login"), anonyme.url
        assert "Se connecter" in anonyme.text and "Choisissez une application" not in anonyme.text
    for chemin in (
        "services/applis/voila/api/contents/",
        "services/applis/voila/files/fiche_commune.ipynb",
        "services/applis/voila/tree/",
    ):
        anonyme = requests.get(f"{url}{chemin}", timeout=60, allow_redirects=False)
        assert anonyme.status_code in (302, 403) and "nbformat" not in anonyme.text, (
            chemin,
            anonyme.status_code,
        )
    assert _noyaux_applis() == avant, "une requête sans connexion a démarré un noyau"

    koffi = _session(url, noms["koffi"], mots[noms["koffi"]])
    liste = koffi.get(f"{url}services/applis/", timeout=60)
    assert liste.status_code == 200 and "Choisissez une application" in _html(liste), salle[
        "journal"
    ].read_text()[-3000:]
    # Deux pages ouvertes (leur noyau reste deux minutes) : la troisième trouve le serveur occupé.
    for _ in range(APPLIS_MAX):
        page = koffi.get(f"{url}services/applis/voila/render/fiche_commune.ipynb", timeout=300)
        assert page.status_code == 200 and "Fiche commune" in _html(page)
    occupee = koffi.get(f"{url}services/applis/voila/render/fiche_commune.ipynb", timeout=300)
    assert occupee.status_code == 503 and "Serveur occupé, réessayez" in _html(occupee), (
        occupee.status_code,
        salle["journal"].read_text()[-4000:],
    )
    assert _noyaux_applis() <= avant + APPLIS_MAX


# --------------------------------------------------------------------------- mémoire, processus, disque


def test_memoire_de_tous_les_processus_plafonnee(salle):
    from atelier.salle import limites

    exiger(not salle["sans_cgroups"], f"cgroups non modifiables : {salle['sans_cgroups']}")
    hub, awa, koffi = salle["hub"], salle["noms"]["awa"], salle["noms"]["koffi"]
    for nom in (awa, koffi):
        hub.demarrer(nom)
    # Quatre processus de 300 Mo chacun, contre 800 Mo pour toute la personne.
    code = (
        "import subprocess, sys\n"
        "gros = \"b = bytearray(b'x') * (300 * 1024 * 1024)\\nimport time\\ntime.sleep(3)\"\n"
        "ps = [subprocess.Popen([sys.executable, '-c', gros]) for _ in range(4)]\n"
        "print([p.wait() for p in ps])"
    )
    sortie = _un(hub.serveur(awa), code, delai=180)
    codes = json.loads(sortie["texte"])
    assert -9 in codes, codes  # au moins un tué par la limite du groupe
    groupe = limites.groupe_de(awa)
    pic = groupe.memoire / ("memory.peak" if groupe.v2 else "memory.max_usage_in_bytes")
    assert int(pic.read_text()) <= MEMOIRE_MO * limites.MO
    print(
        f"\n4 × 300 Mo contre {MEMOIRE_MO} Mo : codes de sortie {codes}, "
        f"pic du groupe {int(pic.read_text()) / limites.MO:.0f} Mo"
    )
    # La personne, les autres et le hub continuent.
    assert _un(hub.serveur(awa), "print(6 * 7)")["texte"].strip() == "42"
    assert _un(hub.serveur(koffi), "print(6 * 7)")["texte"].strip() == "42"
    assert hub.api("GET", "").status_code == 200


def test_processus_plafonnes(salle):
    hub, awa = salle["hub"], salle["noms"]["awa"]
    hub.demarrer(awa)
    code = (
        "import subprocess\n"
        "ps, refus = [], None\n"
        f"for _ in range({PROCESSUS_MAX * 2}):\n"
        "    try:\n"
        "        ps.append(subprocess.Popen(['sleep', '60']))\n"
        "    except OSError as e:\n"
        "        refus = e\n"
        "        break\n"
        "for p in ps:\n"
        "    p.kill()\n"
        "    p.wait()\n"
        "print(len(ps), type(refus).__name__)"
    )
    lances, refus = _un(hub.serveur(awa), code)["texte"].split()
    assert refus == "BlockingIOError" and int(lances) < PROCESSUS_MAX, (lances, refus)
    print(
        f"\n{lances} processus lancés avant le refus (plafond : {PROCESSUS_MAX} processus et fils par personne)"
    )
    assert _un(hub.serveur(awa), "print(6 * 7)")["texte"].strip() == "42"


def test_disque_au_dela_de_la_limite_ecritures_refusees(salle):
    hub, nadia = salle["hub"], salle["noms"]["nadia"]
    hub.demarrer(nadia)
    ecrire = (
        "import errno\n"
        "try:\n"
        "    open({nom!r}, 'wb').write(b'x' * {octets})\n"
        "    print('accepté')\n"
        "except OSError as e:\n"
        "    print(errno.errorcode[e.errno])"
    )
    # Un fichier plus gros que la limite : refusé (il s'arrête à la limite).
    gros = _un(
        hub.serveur(nadia), ecrire.format(nom="gros.bin", octets=(DISQUE_MO + 10) * 1024 * 1024)
    )
    assert gros["texte"].strip() == "EFBIG", gros
    # Le dossier dépasse maintenant la limite : le hub le note à son contrôle suivant…
    fin = time.monotonic() + 10 * CONTROLE_S
    while (
        time.monotonic() < fin
        and f"Espace disque : {nadia} occupe" not in salle["journal"].read_text()
    ):
        time.sleep(0.5)
    assert f"Espace disque : {nadia} occupe" in salle["journal"].read_text()
    # … et au plus tard au redémarrage, plus aucun fichier de plus de 64 Ko ; les petits restent permis.
    hub.arreter(nadia)
    hub.demarrer(nadia)
    serveur = hub.serveur(nadia)
    assert _un(serveur, ecrire.format(nom="encore.bin", octets=100_000))["texte"].strip() == "EFBIG"
    assert _un(serveur, ecrire.format(nom="petit.txt", octets=1000))["texte"].strip() == "accepté"
    # Rien de perdu : les fichiers restent là ; une fois la place libérée, on écrit de nouveau.
    assert {"gros.bin", "petit.txt"} <= set(
        serveur.lister("")
    ) and "00_accueil.ipynb" in serveur.lister("notebooks")
    _un(serveur, "import os\nos.remove('gros.bin')")
    hub.arreter(nadia)
    hub.demarrer(nadia)
    assert (
        _un(hub.serveur(nadia), ecrire.format(nom="encore.bin", octets=100_000))["texte"].strip()
        == "accepté"
    )


def test_rien_ne_survit_a_l_arret_du_serveur(salle):
    exiger(not salle["sans_cgroups"], f"cgroups non modifiables : {salle['sans_cgroups']}")
    hub, awa, koffi = salle["hub"], salle["noms"]["awa"], salle["noms"]["koffi"]
    detache = (
        "import subprocess\nsubprocess.run(['setsid', '-f', 'nohup', 'sleep', '{}'], check=True)"
    )
    for nom, duree in ((awa, 617), (koffi, 619)):
        hub.demarrer(nom)
        _un(hub.serveur(nom), detache.format(duree))
        assert _dormeurs(nom, duree), nom
    # Arrêt par le formateur (API du hub) ; arrêt du serveur de lui-même (comme après inactivité).
    hub.arreter(awa)
    serveur_koffi = [
        p
        for p in psutil.process_iter(["username", "cmdline"])
        if p.info["username"] == koffi
        and "jupyterhub-singleuser" in " ".join(p.info["cmdline"] or [])
    ]
    assert serveur_koffi
    serveur_koffi[0].terminate()
    fin = time.monotonic() + 60
    while time.monotonic() < fin and (
        _dormeurs(awa, 617) or _dormeurs(koffi, 619) or hub.utilisateur(koffi)["servers"]
    ):
        time.sleep(0.5)
    assert not _dormeurs(awa, 617) and not _dormeurs(koffi, 619), (
        "un processus détaché a survécu à l'arrêt"
    )
    assert not hub.utilisateur(koffi)["servers"]
    # Et chacun redémarre normalement.
    hub.demarrer(koffi)
    assert _un(hub.serveur(koffi), "print(6 * 7)")["texte"].strip() == "42"


def _dormeurs(nom: str, duree: int) -> list[psutil.Process]:
    vivants = []
    for p in psutil.process_iter(["username", "cmdline", "status"]):
        if (
            p.info["username"] == nom
            and p.info["cmdline"] == ["sleep", str(duree)]
            and p.info["status"] != psutil.STATUS_ZOMBIE
        ):
            vivants.append(p)
    return vivants


# --------------------------------------------------------------------------- sans hub


def test_groupe_v2_et_v1_sur_une_fausse_arborescence(tmp_path):
    from atelier.salle import limites

    v2 = tmp_path / "v2"
    v2.mkdir()
    (v2 / "cgroup.controllers").write_text("cpu memory pids\n")
    (v2 / "cgroup.subtree_control").write_text("")
    (v2 / limites.NOM_PARENT).mkdir()
    (v2 / limites.NOM_PARENT / "cgroup.subtree_control").write_text("")
    groupe = limites.groupe_de("awa", racine=v2)
    assert groupe.v2 and groupe.dossiers == [v2 / limites.NOM_PARENT / "awa"]
    assert (v2 / "cgroup.subtree_control").read_text() == "+memory +pids"
    groupe.creer(memoire_mo=800, processus_max=64)
    assert (groupe.memoire / "memory.max").read_text() == str(800 * limites.MO)
    assert (groupe.pids / "pids.max").read_text() == "64"

    v1 = tmp_path / "v1"
    for fichier in ("memory/memory.limit_in_bytes", "pids/cgroup.procs"):
        (v1 / fichier).parent.mkdir(parents=True, exist_ok=True)
        (v1 / fichier).write_text("")
    groupe = limites.groupe_de("awa", racine=v1)
    assert not groupe.v2 and groupe.dossiers == [
        v1 / "memory" / limites.NOM_PARENT / "awa",
        v1 / "pids" / limites.NOM_PARENT / "awa",
    ]
    groupe.creer(memoire_mo=800, processus_max=64)
    assert (groupe.memoire / "memory.limit_in_bytes").read_text() == str(800 * limites.MO)

    with pytest.raises(limites.LimitesIndisponibles, match="pas de contrôleurs"):
        limites.groupe_de("awa", racine=tmp_path / "vide")


def test_taille_du_dossier_sans_suivre_les_liens(tmp_path):
    from atelier.salle import limites

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "donnees.bin").write_bytes(os.urandom(2 * limites.MO))
    ailleurs = tmp_path.parent / f"{tmp_path.name}-ailleurs"
    ailleurs.mkdir()
    (ailleurs / "gros.bin").write_bytes(os.urandom(5 * limites.MO))
    (tmp_path / "lien").symlink_to(ailleurs)
    assert 2 <= limites.taille_dossier_mo(tmp_path) < 2.5
    assert "1\u202f130 Mo" in limites.message_disque("awa", 1130, 1024, True, "dès maintenant")
