"""Le kit dans un vrai navigateur (Chromium de Debian piloté par Playwright).

JupyterLab : une leçon s'ouvre, « Exécuter toutes les cellules » fonctionne,
un curseur déplacé change le résultat, l'interface est en français.
Voilà : la fiche commune et un simulateur réagissent à leurs contrôles.
Partout : aucune requête ne sort de la machine et la console reste sans erreur.

Les captures d'écran de chaque étape vont dans tests/artefacts/ (non commité).
Avec ATELIER_CAPTURES=1, la capture de chaque application est aussi copiée
dans facilitator_guide/images/ (celles que montre le guide).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import warnings
from pathlib import Path
from urllib.parse import urlparse

import pytest

from atelier.guide import ARGUMENTS_CHROMIUM as ARGUMENTS_DU_GUIDE

from conftest import RACINE, attendre_url, environnement_jupyter, exiger, port_libre

pytestmark = [pytest.mark.navigateur, pytest.mark.lent]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGUMENTS_CHROMIUM = [
    *ARGUMENTS_DU_GUIDE,
    # Aucun nom d'hôte ne se résout, sauf la machine elle-même : rien ne peut sortir.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
ARTEFACTS = RACINE / "tests" / "artefacts"
IMAGES_DU_GUIDE = RACINE / "facilitator_guide" / "images"
HOTES_LOCAUX = {"127.0.0.1", "localhost"}
# Erreurs de console connues et sans effet pour l'utilisateur, avec leur raison (aucune aujourd'hui).
CONSOLE_TOLEREE: tuple[str, ...] = ()

LECON_AVEC_CURSEUR = os.environ.get("ATELIER_LECON_NAVIGATEUR", "notebooks/m0_prise_en_main.ipynb")


@pytest.fixture(scope="module")
def navigateur():
    playwright_api = pytest.importorskip("playwright.sync_api")
    exiger(
        Path(CHROMIUM).exists(),
        "Chromium est absent (paquet Debian « chromium ») : tests navigateur sautés",
    )
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=ARGUMENTS_CHROMIUM
        )
        yield chromium
        chromium.close()


class Surveillance:
    """Enregistre les requêtes vers l'extérieur et les erreurs de console d'une page.

    Les requêtes ne sont pas interceptées (l'interception de Playwright bloquait le
    chargement de certaines applications Voilà) : Chromium est lancé avec une règle
    de résolution qui ne connaît que la machine elle-même, et chaque requête est notée.
    """

    def __init__(self, page):
        self.externes: list[str] = []
        self.console: list[str] = []
        page.on("request", self._noter)
        page.on(
            "response",
            lambda r: self.console.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        page.on(
            "console", lambda msg: self.console.append(msg.text) if msg.type == "error" else None
        )
        page.on("pageerror", lambda exc: self.console.append(str(exc)))

    def _noter(self, requete):
        adresse = requete.url
        if (
            not adresse.startswith(("data:", "blob:"))
            and urlparse(adresse).hostname not in HOTES_LOCAUX
        ):
            self.externes.append(adresse)

    def verifier(self):
        assert not self.externes, f"requêtes vers l'extérieur : {self.externes}"
        inattendues = [m for m in self.console if not any(t in m for t in CONSOLE_TOLEREE)]
        assert not inattendues, f"erreurs dans la console : {inattendues}"


def _capture(page, nom: str) -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    chemin = ARTEFACTS / f"{nom}.png"
    page.screenshot(path=str(chemin), full_page=False)
    if os.environ.get("ATELIER_CAPTURES") == "1":
        IMAGES_DU_GUIDE.mkdir(parents=True, exist_ok=True)
        shutil.copy(chemin, IMAGES_DU_GUIDE / chemin.name)
    return chemin


class Serveur(str):
    """L'adresse d'un serveur lancé par un test, avec son journal."""

    def __new__(cls, url: str, journal: Path):
        serveur = super().__new__(cls, url)
        serveur.journal = journal
        return serveur


def _attendre_un_controle(page, serveur: Serveur, surveillance: Surveillance, nom: str) -> None:
    """Attend le premier menu ou curseur ; sinon, échoue avec de quoi comprendre pourquoi.

    Voilà 0.5 reste parfois figé (voila#1395, #1428) : la page propose alors de la
    recharger, et une personne le ferait aussi devant une page figée sans message.
    Le test recharge donc une fois, avec un avertissement qui dit lequel des deux cas
    s'est produit ; une seconde page figée fait échouer le test.
    """
    controle = ".widget-dropdown:visible, .widget-slider:visible"
    for essai in (1, 2):
        try:
            page.locator(f"{controle}, #atelier-alerte").first.wait_for(timeout=150_000)
            if page.locator(controle).count():
                return
            cas = "la page proposait de la recharger"
        except Exception as exc:  # noqa: BLE001 - délai dépassé
            cas = f"page figée sans message ({type(exc).__name__})"
        if essai == 2:
            _capture(page, f"echec_{nom}")
            raise AssertionError(
                f"{nom} : aucun contrôle affiché, deux fois de suite ({cas}).\n"
                f"Page : {page.inner_text('body')[:1500]!r}\nConsole : {surveillance.console}\n"
                f"Journal du serveur (fin) :\n{serveur.journal.read_text(errors='replace')[-4000:]}"
            )
        warnings.warn(f"{nom} : chargement bloqué ({cas}), page rechargée une fois", stacklevel=2)
        page.reload(timeout=180_000)


def _demarrer(commande: list[str], home: Path, url_pret: str, entetes: dict | None = None):
    """Lance le serveur ; son journal va dans ``home/serveur.log`` (lu quand un test échoue)."""
    with open(home / "serveur.log", "wb") as journal:
        processus = subprocess.Popen(
            commande,
            cwd=RACINE,
            env=environnement_jupyter(home),
            start_new_session=True,
            stdout=journal,
            stderr=subprocess.STDOUT,
        )
    try:
        attendre_url(url_pret, entetes=entetes)
    except TimeoutError:
        os.killpg(processus.pid, signal.SIGTERM)
        raise
    return processus


def _arreter(processus) -> None:
    os.killpg(processus.pid, signal.SIGTERM)
    try:
        processus.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(processus.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    port = port_libre()
    commande = [
        str(Path(os.sys.executable).parent / "voila"),
        "notebooks/applications",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
    ]
    home = tmp_path_factory.mktemp("home-voila")
    processus = _demarrer(commande, home, f"http://127.0.0.1:{port}/")
    yield Serveur(f"http://127.0.0.1:{port}", home / "serveur.log")
    _arreter(processus)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    # JupyterLab enregistre les carnets ouverts : il travaille sur une copie, jamais sur le dépôt.
    copie = tmp_path_factory.mktemp("copie-du-kit")
    shutil.copytree(RACINE / "notebooks", copie / "notebooks")
    port, jeton = port_libre(), "jeton-navigateur"
    commande = [
        str(Path(os.sys.executable).parent / "jupyter"),
        "lab",
        "--no-browser",
        "--allow-root",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={jeton}",
        f"--ServerApp.root_dir={copie}",
    ]
    processus = _demarrer(
        commande,
        tmp_path_factory.mktemp("home-lab"),
        f"http://127.0.0.1:{port}/api/status",
        {"Authorization": f"token {jeton}"},
    )
    yield f"http://127.0.0.1:{port}", jeton
    _arreter(processus)


def _sorties(page) -> str:
    """Le contenu des zones de sortie (texte et images), pour voir s'il change."""
    return page.eval_on_selector_all(
        ".jp-OutputArea-output",
        "els => els.map(e => e.innerText + e.querySelectorAll('img').length"
        " + Array.from(e.querySelectorAll('img')).map(i => i.src.length).join(',')).join('|')",
    )


def test_voila_liste_des_applications_en_francais(navigateur, voila):
    page = navigateur.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    surveillance = Surveillance(page)
    page.goto(voila + "/", wait_until="networkidle")
    assert page.locator("text=Choisissez une application").is_visible()
    assert page.locator("a:has-text('Fiche commune')").count() == 1
    _capture(page, "voila_liste_applications")
    surveillance.verifier()
    page.close()


def test_voila_fiche_commune_change_avec_la_commune(navigateur, voila):
    page = navigateur.new_page(viewport={"width": 1280, "height": 1000}, locale="fr-FR")
    surveillance = Surveillance(page)
    page.goto(voila + "/voila/render/fiche_commune.ipynb", timeout=120_000)
    _attendre_un_controle(page, voila, surveillance, "fiche_commune")
    # Sans commune connue (ni liste de salle, ni plan), la fiche s'ouvre sur Parakou : un
    # département de plusieurs communes, où le rang a un sens (pas « 1 / 1 » comme à Cotonou).
    page.wait_for_selector("text=Département : Borgou", timeout=60_000)
    assert page.locator("h3:has-text('Parakou')").count() == 1
    assert page.locator("td:has-text('/ 8')").count() >= 1
    avant = _sorties(page)
    page.locator(".widget-dropdown select").first.select_option("Kandi")
    page.wait_for_selector("h3:has-text('Kandi')", timeout=60_000)
    page.wait_for_selector("text=Département : Alibori", timeout=60_000)
    page.wait_for_timeout(1000)
    assert _sorties(page) != avant
    assert page.locator("text=données synthétiques (fictives, pour l'exercice)").count() >= 1
    _capture(page, "fiche_commune")
    surveillance.verifier()
    page.close()


def test_jupyterlab_en_francais_executer_tout_et_deplacer_un_curseur(navigateur, lab):
    lecon = RACINE / LECON_AVEC_CURSEUR  # servie depuis la copie faite par la fixture « lab »
    exiger(
        lecon.exists() or os.environ.get("CI") != "true", f"leçon absente : {LECON_AVEC_CURSEUR}"
    )
    if not lecon.exists():
        pytest.skip(f"leçon {LECON_AVEC_CURSEUR} pas encore écrite")
    url, jeton = lab
    page = navigateur.new_page(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    surveillance = Surveillance(page)
    page.goto(f"{url}/lab/tree/{LECON_AVEC_CURSEUR}?token={jeton}", timeout=120_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
    # L'interface est en français : les menus s'appellent « Exécution », « Noyau »…
    menus = page.eval_on_selector_all(".lm-MenuBar-itemLabel", "els => els.map(e => e.innerText)")
    assert {"Fichier", "Exécution", "Noyau"} <= set(menus), menus
    # Juste après l'ouverture, JupyterLab peut encore se relier au noyau : une exécution
    # demandée à cet instant est perdue. On redemande, trois fois au plus.
    for _ in range(3):
        page.locator(".lm-MenuBar-itemLabel", has_text="Exécution").click()
        page.locator(".lm-Menu-itemLabel", has_text="Exécuter toutes les cellules").first.click()
        try:
            page.wait_for_selector(".jp-OutputArea-output .widget-slider", timeout=90_000)
            break
        except Exception:  # noqa: BLE001 - nouvel essai
            page.keyboard.press("Escape")
    page.wait_for_selector(".jp-OutputArea-output .widget-slider", timeout=1_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=180_000)
    _capture(page, "lab_lecon_executee")
    curseur = page.locator(".widget-slider .noUi-handle").first
    curseur.scroll_into_view_if_needed()
    avant = _sorties(page)
    curseur.focus()
    for _ in range(3):
        curseur.press("ArrowRight")
    page.wait_for_timeout(3000)
    assert _sorties(page) != avant, "déplacer le curseur n'a rien changé"
    _capture(page, "lab_curseur_deplace")
    surveillance.verifier()
    page.close()


@pytest.mark.parametrize(
    "application", sorted(p.stem for p in (RACINE / "notebooks" / "applications").glob("*.ipynb"))
)
def test_chaque_application_voila_s_affiche_et_repond(navigateur, voila, application):
    """Chaque application s'affiche sans code ; sur un simulateur, un curseur déplacé change le résultat."""
    page = navigateur.new_page(viewport={"width": 1280, "height": 1000}, locale="fr-FR")
    surveillance = Surveillance(page)
    page.goto(f"{voila}/voila/render/{application}.ipynb", timeout=180_000)
    # Le premier widget de la page peut être une zone de sortie encore vide : on attend un contrôle.
    _attendre_un_controle(page, voila, surveillance, application)
    page.wait_for_timeout(1500)
    assert "from atelier" not in page.inner_text("body"), "du code est visible dans l'application"
    curseurs = page.locator(".widget-slider .noUi-handle")
    if curseurs.count():
        avant = _sorties(page)
        curseur = curseurs.first
        curseur.scroll_into_view_if_needed()
        curseur.focus()
        for _ in range(3):
            curseur.press("ArrowRight")
        page.wait_for_timeout(3000)
        assert _sorties(page) != avant, f"{application} : déplacer le curseur n'a rien changé"
        page.evaluate("window.scrollTo(0, 0)")
    _capture(page, f"appli_{application}")
    surveillance.verifier()
    page.close()


def test_voila_arrete_le_noyau_d_une_page_refermee(navigateur, tmp_path):
    """Voilà ne ferme pas le noyau d'une page refermée (voila#849) : la configuration
    du kit les arrête après un délai d'inactivité (ici raccourci à quelques secondes)."""
    import psutil
    from traitlets.config.loader import PyFileConfigLoader

    reglages = PyFileConfigLoader("voila.py", path=str(RACINE / "config" / "jupyter")).load_config()
    assert 0 < reglages.MappingKernelManager.cull_idle_timeout <= 600
    assert reglages.MappingKernelManager.cull_connected is False

    port = port_libre()
    commande = [
        str(Path(os.sys.executable).parent / "voila"),
        "notebooks/applications",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--MappingKernelManager.cull_idle_timeout=4",
        "--MappingKernelManager.cull_interval=2",
    ]
    processus = _demarrer(commande, tmp_path, f"http://127.0.0.1:{port}/")
    try:

        def noyaux() -> int:
            vivants = 0
            for p in psutil.Process(processus.pid).children(recursive=True):
                try:  # un noyau arrêté peut être zombie un instant
                    vivants += (
                        "ipykernel" in " ".join(p.cmdline()) and p.status() != psutil.STATUS_ZOMBIE
                    )
                except psutil.Error:
                    pass
            return vivants

        page = navigateur.new_page()
        surveillance = Surveillance(page)
        page.goto(f"http://127.0.0.1:{port}/voila/render/fiche_commune.ipynb", timeout=180_000)
        _attendre_un_controle(
            page,
            Serveur(f"http://127.0.0.1:{port}", tmp_path / "serveur.log"),
            surveillance,
            "fiche_commune",
        )
        assert noyaux() >= 1  # deux si la page a dû être rechargée
        page.close()
        fin = time.monotonic() + 60
        while noyaux() and time.monotonic() < fin:
            time.sleep(1)
        assert noyaux() == 0, "le noyau de la page refermée tourne encore"
    finally:
        _arreter(processus)


def test_voila_parle_francais_pendant_le_chargement_et_propose_de_recharger(navigateur, tmp_path):
    """Le chargement dit « étape 1 sur 3 » ; une étape qui ne finit pas fait proposer de recharger
    la page (Voilà 0.5 reste parfois bloqué : voila#1395). Ici, la deuxième étape dure 20 s et
    Voilà donne signe de vie chaque seconde : l'alerte vient après 9 signes de vie, puis s'efface."""
    import nbformat

    applis = tmp_path / "applis"
    applis.mkdir()
    carnet = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import time"),
            nbformat.v4.new_code_cell("time.sleep(20)"),
            nbformat.v4.new_code_cell("print('Calcul terminé')"),
        ]
    )
    carnet.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(carnet, applis / "lente.ipynb")
    port = port_libre()
    commande = [
        str(Path(os.sys.executable).parent / "voila"),
        str(applis),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--VoilaConfiguration.http_keep_alive_timeout=1",
    ]
    processus = _demarrer(commande, tmp_path, f"http://127.0.0.1:{port}/")
    try:
        page = navigateur.new_page(locale="fr-FR")
        page.goto(
            f"http://127.0.0.1:{port}/voila/render/lente.ipynb", wait_until="commit", timeout=60_000
        )
        page.wait_for_selector("#loading_text:has-text('étape 1 sur 3')", timeout=60_000)
        assert "Executing" not in page.inner_text("#loading")
        page.wait_for_selector(
            "#atelier-alerte button:has-text('Recharger la page')", timeout=30_000
        )
        assert "prend plus de temps que prévu" in page.inner_text("#atelier-alerte")
        page.wait_for_selector("text=Calcul terminé", timeout=60_000)
        assert page.locator("#atelier-alerte").count() == 0
        page.close()
    finally:
        _arreter(processus)
