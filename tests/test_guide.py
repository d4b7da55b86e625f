"""Le guide du formateur imprimable : construit d'une commande, liens, ancres et images
vérifiés dans le résultat, grilles reprises des pages de module, PDF, fiches d'une page."""

from __future__ import annotations

import base64
import datetime
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_navigateur import IMAGES_DU_GUIDE, Surveillance, _capture, lab, navigateur  # noqa: F401

from atelier import guide

from conftest import RACINE, exiger

SOURCE = RACINE / "facilitator_guide"
IMAGES = SOURCE / "images"
SIGNATURES_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"<svg", b"<?xml")


class Analyse(HTMLParser):
    """Les identifiants, liens, images et pages (sections) d'un document HTML."""

    def __init__(self, texte: str):
        super().__init__()
        self.ids: list[str] = []
        self.liens: list[str] = []
        self.images: list[str] = []
        self.pages: dict[str, str] = {}  # page source → identifiant de sa section
        self.feed(texte)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.liens.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag == "section" and "data-page" in attrs:
            self.pages[attrs["data-page"]] = attrs["id"]


def pages_presentes(source: Path = SOURCE) -> list[str]:
    return sorted(
        p.relative_to(source).as_posix()
        for p in source.rglob("*.md")
        if "_construit" not in p.parts
    )


def verifier_document(texte: str, *chemins_interdits: str) -> Analyse:
    """Chaque lien interne vise une ancre qui existe, chaque image est incluse et lisible,
    aucun chemin de la machine ne reste."""
    analyse = Analyse(texte)
    doublons = {i for i in analyse.ids if analyse.ids.count(i) > 1}
    assert not doublons, f"identifiants en double : {sorted(doublons)[:5]}"
    ids = set(analyse.ids)
    for lien in analyse.liens:
        if lien.startswith("#"):
            assert lien[1:] in ids, f"ancre inconnue : {lien}"
        else:
            assert re.match(r"^(https?:|mailto:)", lien), (
                f"lien qui ne marcherait pas hors du dossier : {lien}"
            )
    for src in analyse.images:
        entete, _, donnees = src.partition(",")
        assert entete.startswith("data:image/") and entete.endswith(";base64"), (
            f"image non incluse : {src[:80]}"
        )
        assert base64.b64decode(donnees).lstrip()[:8].startswith(SIGNATURES_IMAGES), (
            "image illisible"
        )
    for interdit in ("file:", str(RACINE), *chemins_interdits):
        assert interdit not in texte, f"chemin de la machine dans le guide : {interdit}"
    return analyse


def copie_du_guide(tmp_path: Path) -> Path:
    """Une copie des pages du guide, à compléter par un test, dans un kit dont le reste
    (leçons, exercices, données…) est un lien vers le vrai : les liens vers le kit résolvent."""
    kit = tmp_path / "kit"
    kit.mkdir()
    for element in RACINE.iterdir():
        if element.name != "facilitator_guide" and not element.name.startswith("."):
            (kit / element.name).symlink_to(element)
    copie = kit / "facilitator_guide"
    shutil.copytree(SOURCE, copie, ignore=shutil.ignore_patterns("_construit"))
    return copie


PAGE_MODULE = """# Module 1 — Essai de planification

## Objectifs

- Lire un budget.

## Déroulé d'une demi-journée

| heure | quoi |
|---|---|
| 0:00 | accueil |

## À préparer

Rien. Voir le [guide des données](../../datasets/README.md) et la [FAQ](../faq.md#le-noyau).

## La partie notée

Six questions automatiques, une réponse rédigée.

## Grille de notation des écrits

**Question rédigée 1 (4 points).** Une bonne réponse cite le chiffre et propose une action.

| critère | points |
|---|---|
| le chiffre juste | 1 |
| une action chiffrée | 3 |

### Exemples

- Réponse faible : GRILLE-ESSAI-FAIBLE.

  > | bloc | réponse |
  > |---|---|
  > | segments | TABLEAU-CITE |

- Réponse moyenne : GRILLE-ESSAI-MOYENNE.
- Réponse forte : GRILLE-ESSAI-FORTE, voir [plus haut](#objectifs).

```
## Un titre dans un bloc de code ne termine pas la grille
```

## Difficultés fréquentes et comment débloquer

HORS-GRILLE : ce texte n'est pas dans la grille.

## Pour aller plus loin

Rien.
"""


def _html(chemin: Path) -> str:
    return chemin.read_text(encoding="utf-8")


def _section(texte: str, ident: str) -> str:
    debut = texte.index(f'id="{ident}"')
    return texte[debut : texte.index("</section>", debut)]


def _texte_de_la_grille_dans_le_module(texte: str, page: str) -> str:
    section = _section(texte, guide.identifiant(page))
    titre = re.search(r'<h([1-6]) id="[^"]*--grille[^"]*">.*?</h\1>', section)
    assert titre, f"{page} : pas de titre « Grille de notation des écrits » dans le guide construit"
    suivant = re.compile(rf"<h[1-{titre.group(1)}][ >]").search(section, titre.end())
    return guide.texte_brut(section[titre.end() : suivant.start() if suivant else None])


def _texte_de_la_grille_reunie(texte: str, page: str) -> str:
    ident = "grilles-" + Path(page).stem
    debut = texte.index(f'<div class="grille" id="{ident}">')
    bloc = texte[debut : texte.index("<p><em>Grille tirée", debut)]
    return guide.texte_brut(bloc[bloc.index("</h2>") + 5 :])


# --- Le guide du dépôt ------------------------------------------------------------------
@pytest.fixture(scope="module")
def construit(tmp_path_factory):
    sortie = tmp_path_factory.mktemp("guide")
    return guide.construire(SOURCE, sortie), sortie


def test_le_guide_se_construit_et_chaque_lien_et_image_du_resultat_resout(construit):
    resultat, sortie = construit
    analyse = verifier_document(_html(resultat.html), str(sortie))
    assert "sommaire" in analyse.ids
    internes = [lien for lien in analyse.liens if lien.startswith("#")]
    assert len(internes) > 30, "le guide devrait contenir des renvois entre ses pages"
    assert len(analyse.images) >= 2


def test_chaque_page_presente_est_dans_le_guide_dans_l_ordre(construit):
    resultat, _ = construit
    analyse = Analyse(_html(resultat.html))
    assert sorted(analyse.pages) == pages_presentes()
    ordre = list(analyse.pages)
    assert ordre[:3] == ["README.md", "programme.md", "preparer.md"]
    assert ordre.index("grilles.md") < ordre.index("faq.md")
    fiches = [p for p in ordre if p.startswith("fiches/")]
    assert ordre[len(ordre) - len(fiches) :] == fiches, "les fiches viennent à la fin du guide"
    sommaire = _html(resultat.html).split('<nav class="sommaire"', 1)[1].split("</nav>", 1)[0]
    for page, ident in analyse.pages.items():
        assert f'href="#{ident}"' in sommaire, f"{page} absente du sommaire"


def test_le_sommaire_ecrit_chaque_numero_en_entier_dans_le_texte(construit):
    # En PDF, les numéros en marge d'une liste perdaient leur premier chiffre dès 10.
    resultat, _ = construit
    sommaire = _html(resultat.html).split('<nav class="sommaire"', 1)[1].split("</nav>", 1)[0]
    numeros = re.findall(r'<li><span class="numero">(\d+)\.</span> <a href="#', sommaire)
    assert len(numeros) >= 10 and numeros == [str(n) for n in range(1, len(numeros) + 1)]
    assert sommaire.count("<li>") == len(numeros)


def test_les_grilles_de_chaque_module_present_sont_reunies_sans_retouche(construit):
    resultat, _ = construit
    texte = _html(resultat.html)
    modules = [p for p in pages_presentes() if p.startswith("modules/")]
    for page in modules:
        dans_le_module = _texte_de_la_grille_dans_le_module(texte, page)
        assert len(dans_le_module) > 200, (
            f"{page} : grille trop courte pour contenir trois exemples"
        )
        assert dans_le_module == _texte_de_la_grille_reunie(texte, page)
    if not modules:
        assert "les grilles apparaîtront ici" in _section(texte, "grilles")


def test_les_pages_attendues_absentes_sont_annoncees_et_non_liees(construit):
    resultat, _ = construit
    texte = _html(resultat.html)
    for page in resultat.a_paraitre:
        assert f'href="#{guide.identifiant(page)}"' not in texte
    if resultat.a_paraitre:
        assert "(page à paraître)" in texte
    else:
        assert "(page à paraître)" not in texte


def test_les_deux_facons_de_faire_tourner_un_atelier_sont_decrites(construit):
    resultat, _ = construit
    accueil = guide.texte_brut(_section(_html(resultat.html), "readme"))
    for attendu in ("make salle", "make lab", "JupyterHub", "hors ligne", "make guide"):
        assert attendu in accueil


def test_les_images_du_guide_sont_legeres_et_toutes_utilisees():
    textes = "\n".join((SOURCE / p).read_text(encoding="utf-8") for p in pages_presentes())
    images = sorted(IMAGES.glob("*"))
    assert images, "le guide montre au moins une capture d'écran"
    for image in images:
        assert image.stat().st_size < guide.POIDS_MAX_IMAGE, (
            f"{image.name} pèse {image.stat().st_size // 1000} Ko : python -m atelier.guide --reduire-images"
        )
        assert f"images/{image.name}" in textes, f"{image.name} n'est utilisée par aucune page"


# --- Avec des pages de module (une copie du guide) --------------------------------------
def test_une_page_de_module_ajoutee_entre_dans_le_guide_et_dans_les_grilles(tmp_path):
    copie = copie_du_guide(tmp_path)
    (copie / "modules").mkdir(exist_ok=True)
    (copie / "modules" / "m1_planification.md").write_text(PAGE_MODULE, encoding="utf-8")
    (copie / "fiches").mkdir(exist_ok=True)
    (copie / "fiches" / "m1_planification.md").write_text(
        "# Fiche du module 1\n\nUne page.\n", encoding="utf-8"
    )
    resultat = guide.construire(copie, tmp_path / "sortie", jour=datetime.date(2026, 12, 1))
    texte = _html(resultat.html)
    verifier_document(texte, str(tmp_path))
    grilles = _section(texte, "grilles")
    for exemple in (
        "GRILLE-ESSAI-FAIBLE",
        "GRILLE-ESSAI-MOYENNE",
        "GRILLE-ESSAI-FORTE",
        "une action chiffrée",
    ):
        assert exemple in grilles
    assert "HORS-GRILLE" not in grilles and "Un titre dans un bloc de code" in grilles
    assert re.search(r"<blockquote>\s*<table>.*TABLEAU-CITE", grilles, re.S), (
        "tableau dans une citation"
    )
    assert "Module 1 — Essai de planification" in grilles
    page = "modules/m1_planification.md"
    assert "GRILLE-ESSAI-FORTE" in _texte_de_la_grille_dans_le_module(texte, page)
    assert _texte_de_la_grille_dans_le_module(texte, page) == _texte_de_la_grille_reunie(
        texte, page
    )
    # Les liens de la grille reprise visent la page du module ; les liens vers le kit deviennent des chemins.
    assert 'href="#modules-m1_planification--objectifs"' in grilles
    assert 'href="#modules-m1_planification--grille-de-notation-des-écrits"' in grilles
    module = _section(texte, "modules-m1_planification")
    assert "<code>datasets/README.md</code>" in module and 'href="#faq--le-noyau"' in module
    # Le sommaire et l'accueil lient maintenant la page du module ; les autres restent à paraître.
    accueil = _section(texte, "readme")
    assert 'href="#modules-m1_planification"' in accueil
    if "modules/m2_centres_numeriques.md" in resultat.a_paraitre:
        assert (
            "Module 2 — Centres communautaires de ressources numériques (page à paraître)"
            in accueil
        )
    assert "1 décembre 2026" in texte
    fiche = _html(next(f for f in resultat.fiches if f.name == "m1_planification.html"))
    verifier_document(fiche, str(tmp_path))
    assert "Fiche du module 1" in fiche and "Guide du formateur</h1>" not in fiche


def test_une_page_de_module_sans_grille_arrete_la_construction(tmp_path):
    copie = copie_du_guide(tmp_path)
    (copie / "modules").mkdir(exist_ok=True)
    sans_grille = PAGE_MODULE.replace("## Grille de notation des écrits", "## Notation")
    (copie / "modules" / "m3_dematerialisation.md").write_text(sans_grille, encoding="utf-8")
    with pytest.raises(
        guide.ErreurGuide, match=r"modules/m3_dematerialisation\.md : pas de section « Grille"
    ):
        guide.construire(copie, tmp_path / "sortie")


def test_liens_casses_ancres_inconnues_et_images_absentes_sont_tous_signales(tmp_path):
    copie = copie_du_guide(tmp_path)
    (copie / "annexe.md").write_text(
        "# Annexe\n\n[une page](inexistante.md) · [une ancre](faq.md#ancre-inconnue) · "
        "[ici](#nulle-part) · [un fichier](../absent.csv)\n\n"
        "![absente](images/absente.png)\n\n![en ligne](https://exemple.org/carte.png)\n",
        encoding="utf-8",
    )
    with pytest.raises(guide.ErreurGuide) as erreur:
        guide.construire(copie, tmp_path / "sortie")
    message = str(erreur.value)
    for attendu in (
        "inexistante.md",
        "faq.md#ancre-inconnue",
        "#nulle-part",
        "../absent.csv",
        "images/absente.png",
        "hors ligne",
    ):
        assert attendu in message
    assert not (tmp_path / "sortie" / "guide.html").exists()


def test_sans_chromium_le_html_est_produit_et_le_pdf_dit_ce_qui_manque(tmp_path, capsys):
    code = guide.main(["--sortie", str(tmp_path), "--chromium", str(tmp_path / "pas-de-chromium")])
    assert code == 2
    erreur = capsys.readouterr().err
    assert "Chromium est introuvable" in erreur and "apt-get install chromium" in erreur
    assert (tmp_path / "guide.html").exists() and not (tmp_path / "guide.pdf").exists()


# --- Outils --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("titre", "attendu"),
    [
        ("Déroulé d'une demi-journée", "déroulé-dune-demi-journée"),
        ("Grille de notation des écrits", "grille-de-notation-des-écrits"),
        ("Le formgrader reste blanc ?", "le-formgrader-reste-blanc-"),
        ("<code>make lab</code> et « make test »", "make-lab-et--make-test-"),
    ],
)
def test_les_ancres_sont_celles_de_github(titre, attendu):
    assert guide.ancre(titre) == attendu


def test_extraire_grille_s_arrete_au_titre_suivant_de_meme_niveau():
    titre, contenu = guide.extraire_grille(PAGE_MODULE)
    assert titre == "Grille de notation des écrits"
    assert contenu.startswith("**Question rédigée 1") and contenu.rstrip().endswith("```")
    assert "HORS-GRILLE" not in contenu and "### Exemples" in contenu
    assert guide.extraire_grille("# Module\n\n## Objectifs\n") is None


# --- PDF (Chromium) --------------------------------------------------------------------
def _chromium() -> str | None:
    chemin = guide.trouver_chromium()
    exiger(
        chemin is not None,
        "Chromium est absent (paquet Debian « chromium ») : PDF du guide non vérifié",
    )
    return chemin


@pytest.mark.navigateur
@pytest.mark.lent
def test_le_pdf_du_guide_et_une_page_par_fiche(construit):
    resultat, _ = construit
    guide.imprimer(resultat, _chromium())
    assert resultat.pdf.read_bytes().startswith(b"%PDF")
    chapitres = len(resultat.chapitres)
    # Couverture, sommaire, puis chaque chapitre sur une nouvelle page.
    assert max(10, chapitres + 2) < resultat.pages_pdf < 40 * chapitres, resultat.pages_pdf
    assert b"file:" not in resultat.pdf.read_bytes()
    fiches = [p for p in resultat.chapitres if p.startswith("fiches/")]
    assert sorted(resultat.pages_fiches) == sorted(Path(p).stem for p in fiches)
    trop_longues = {f: n for f, n in resultat.pages_fiches.items() if n != 1}
    assert not trop_longues, f"fiches sur plus d'une page imprimée : {trop_longues}"


@pytest.mark.navigateur
@pytest.mark.lent
def test_une_fiche_trop_longue_est_refusee(tmp_path, capsys):
    chromium = _chromium()
    copie = copie_du_guide(tmp_path)
    (copie / "fiches").mkdir(exist_ok=True)
    longue = "# Fiche trop longue\n\n" + "\n".join(
        f"- point numéro {i} à retenir" for i in range(120)
    )
    (copie / "fiches" / "m4_entreprises_relais.md").write_text(longue + "\n", encoding="utf-8")
    (copie / "fiches" / "m5_formation.md").write_text(
        "# Fiche courte\n\nUne ligne.\n", encoding="utf-8"
    )
    code = guide.main(
        ["--source", str(copie), "--sortie", str(tmp_path / "sortie"), "--chromium", chromium]
    )
    assert code == 1
    sortie = capsys.readouterr()
    assert "La fiche fiches/m4_entreprises_relais.md tient sur" in sortie.err
    assert "m5_formation" not in sortie.err
    assert guide.compter_pages(tmp_path / "sortie" / "fiches" / "m5_formation.pdf") == 1
    assert guide.compter_pages(tmp_path / "sortie" / "fiches" / "m4_entreprises_relais.pdf") > 1


# --- La capture d'écran de la page d'accueil ------------------------------------------------
@pytest.mark.navigateur
@pytest.mark.lent
def test_la_page_d_accueil_s_ouvre_en_francais_et_sa_premiere_cellule_repond(navigateur, lab):  # noqa: F811
    url, jeton = lab
    page = navigateur.new_page(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    surveillance = Surveillance(page)
    page.goto(f"{url}/lab/tree/notebooks/00_accueil.ipynb?token={jeton}", timeout=120_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
    assert page.locator(".lm-MenuBar-itemLabel", has_text="Noyau").count() == 1
    cellule = page.locator(".jp-CodeCell").first
    sortie = ".jp-OutputArea-output:has-text('Bonjour ! Le carnet fonctionne.')"
    # Juste après l'ouverture, JupyterLab peut encore redessiner le carnet ou se relier au
    # noyau : une exécution demandée à cet instant est perdue (la cellule reste « [ ] »).
    for _ in range(5):
        try:
            cellule.scroll_into_view_if_needed(timeout=10_000)
            cellule.locator(".cm-content").click(timeout=10_000)
            page.locator(".lm-MenuBar-itemLabel", has_text="Exécution").click()
            page.locator(
                ".lm-Menu-itemLabel", has_text="Exécuter la cellule sélectionnée"
            ).first.click()
            page.wait_for_selector(sortie, timeout=15_000)
            break
        except Exception:  # noqa: BLE001 - nouvel essai
            page.keyboard.press("Escape")
            page.wait_for_timeout(1000)
    page.wait_for_selector(sortie, timeout=1_000)
    _capture(page, "lab_accueil")
    if os.environ.get("ATELIER_CAPTURES") == "1":
        guide.reduire_images(IMAGES_DU_GUIDE)
    surveillance.verifier()
    page.close()
