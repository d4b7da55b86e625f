"""Le guide du formateur en un seul document, imprimable et lisible hors ligne.

    python -m atelier.guide                    # HTML + PDF dans facilitator_guide/_construit/
    python -m atelier.guide --sans-pdf         # HTML seulement (sans Chromium)
    python -m atelier.guide --reduire-images   # alléger les captures d'écran (< 200 Ko)

Les pages Markdown de ``facilitator_guide/`` deviennent :

- ``guide.html`` : un seul fichier autonome (images incluses, table des matières,
  mise en page pour l'impression : chaque chapitre et chaque fiche sur une nouvelle page) ;
- ``guide.pdf`` : le même, imprimé par le Chromium de Debian ;
- ``fiches/<module>.html`` et ``.pdf`` : chaque fiche participant seule, sur une page,
  à imprimer en autant d'exemplaires que de participants.

Le chapitre « Grilles de notation » réunit les sections « Grille de notation des
écrits » des pages de module : une grille n'est écrite qu'à un endroit, la page
de son module.

Un lien vers une autre page du guide devient un lien interne. Un lien vers une page
attendue mais pas encore écrite (page de module, fiche, guide de correction) devient
du texte « (page à paraître) ». Un lien vers un autre fichier du kit devient son
chemin dans le kit. Tout autre lien cassé, ancre inconnue ou image absente arrête
la construction, avec la liste des problèmes.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import unquote, urlsplit

import mistune

from atelier import modules as registre
from atelier.chemins import RACINE

SOURCE = RACINE / "facilitator_guide"
SORTIE = SOURCE / "_construit"


def attendues() -> frozenset[str]:
    """Pages écrites avec d'autres parties du kit (dont celles de chaque module du registre) :
    tant qu'elles manquent, un lien vers elles devient « (page à paraître) » au lieu
    d'arrêter la construction."""
    return frozenset(
        {"salle.md", "correction.md"}
        | {f"{dossier}/{m}.md" for m in registre.noms() for dossier in ("modules", "fiches")}
    )


# L'ordre de lecture ; une page qui n'est dans aucun motif vient avant les fiches.
ORDRE = (
    "README.md",
    "programme.md",
    "preparer.md",
    "salle.md",
    "animer.md",
    "applications.md",
    "mon_plan.md",
    "modules/*.md",
    "correction.md",
    "grilles.md",
    "faq.md",
    None,
    "fiches/*.md",
)
MARQUE_GRILLES = "<!-- grilles des modules -->"
# Ce que GitHub affiche aussi : tableaux (y compris dans une liste ou une citation),
# texte barré, adresses nues, cases à cocher.
EXTENSIONS_MARKDOWN = [
    "table",
    "mistune.plugins.table.table_in_list",
    "mistune.plugins.table.table_in_quote",
    "strikethrough",
    "url",
    "task_lists",
]
POIDS_MAX_IMAGE = 200_000  # octets, par image commitée
TYPES_IMAGES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
# Les options de Chromium des tests dans un vrai navigateur (tests/test_navigateur.py).
ARGUMENTS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHROMIUM_ABSENT = (
    "Chromium est introuvable : le PDF n'a pas été produit (la version HTML, elle, est prête). "
    "Installez le navigateur Chromium (sur Debian ou Ubuntu : « sudo apt-get install chromium »), "
    "ou indiquez son chemin avec --chromium, puis relancez « make guide ». "
    "À défaut, ouvrez guide.html dans un navigateur et imprimez-le en PDF (Ctrl + P)."
)
MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


class ErreurGuide(Exception):
    """La construction s'arrête ; le message dit quoi corriger, en français."""


class ChromiumAbsent(ErreurGuide):
    """Le PDF ne peut pas être produit : Chromium manque."""


# --- Petits outils ------------------------------------------------------------------
def texte_brut(fragment_html: str) -> str:
    """Le texte d'un fragment HTML, sans balises, entités décodées, espaces simplifiés."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment_html)).split())


def ancre(titre: str) -> str:
    """L'ancre d'un titre, calculée comme GitHub : « Déroulé d'une demi-journée » → « déroulé-dune-demi-journée »."""
    texte = html.unescape(re.sub(r"<[^>]+>", "", titre)).strip().lower()
    return re.sub(r"[^\w\- ]", "", texte).replace(" ", "-")


def identifiant(page: str) -> str:
    """L'identifiant HTML d'une page : « modules/m1_planification.md » → « modules-m1_planification »."""
    return page.removesuffix(".md").replace("/", "-").lower()


def _sans_accents(texte: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c)
    ).lower()


def compter_pages(pdf: Path) -> int:
    """Le nombre de pages d'un PDF (objets « /Type /Page »)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", Path(pdf).read_bytes()))


def date_fr(jour: datetime.date) -> str:
    return f"{jour.day} {MOIS[jour.month - 1]} {jour.year}"


# --- Les pages ------------------------------------------------------------------------
def pages_du_guide(source: Path) -> list[str]:
    """Les pages Markdown du guide, dans l'ordre de lecture (chemins relatifs avec « / »)."""
    trouvees = [
        p.relative_to(source).as_posix()
        for p in source.rglob("*.md")
        if not any(partie.startswith(("_", ".")) for partie in p.relative_to(source).parts)
    ]

    def rang(page: str) -> tuple[int, str]:
        for i, motif in enumerate(ORDRE):
            if motif and fnmatch(page, motif):
                return i, page
        return ORDRE.index(None), page

    return sorted(trouvees, key=rang)


def titre_de(texte: str, page: str) -> str:
    """Le titre (premier « # ») d'une page Markdown, sinon son nom de fichier."""
    for ligne in _lignes_hors_code(texte):
        m = re.match(r"^#\s+(.+?)\s*#*\s*$", ligne)
        if m:
            return m.group(1)
    return page


def _lignes_hors_code(texte: str):
    """Les lignes d'un texte Markdown, sans celles des blocs de code délimités."""
    dans_code = False
    for ligne in texte.splitlines():
        if re.match(r"^\s{0,3}(```|~~~)", ligne):
            dans_code = not dans_code
            continue
        if not dans_code:
            yield ligne


def extraire_grille(texte: str) -> tuple[str, str] | None:
    """(titre, contenu) de la section « Grille de notation des écrits » d'une page de module, ou None."""
    lignes = texte.splitlines()
    dans_code, debut, niveau, titre = False, None, 0, ""
    for i, ligne in enumerate(lignes):
        if re.match(r"^\s{0,3}(```|~~~)", ligne):
            dans_code = not dans_code
            continue
        m = None if dans_code else re.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", ligne)
        if not m:
            continue
        if debut is not None and len(m.group(1)) <= niveau:
            return titre, "\n".join(lignes[debut:i]).strip()
        cle = _sans_accents(m.group(2))
        if debut is None and cle.startswith("grille") and "notation" in cle:
            debut, niveau, titre = i + 1, len(m.group(1)), m.group(2)
    return (titre, "\n".join(lignes[debut:]).strip()) if debut is not None else None


# --- Markdown → HTML ------------------------------------------------------------------
@dataclass
class Chapitre:
    page: str  # chemin relatif au guide
    ident: str
    titre: str
    html: str
    titres: list[tuple[int, str, str]]  # (niveau, id, texte) des titres

    @property
    def fiche(self) -> bool:
        return self.page.startswith("fiches/")


class _Rendu(mistune.HTMLRenderer):
    """Rendu HTML d'une page : ancres préfixées, liens réécrits, images incluses."""

    def __init__(self, conversion: _Conversion, page: str, prefixe: str):
        super().__init__(escape=False)
        self.conversion, self.page, self.prefixe = conversion, page, prefixe
        self.ids: dict[str, int] = {}
        self.titres: list[tuple[int, str, str]] = []

    def heading(self, text: str, level: int, **attrs) -> str:
        base = ancre(text)
        vu = self.ids.get(base, 0)
        self.ids[base] = vu + 1
        ident = f"{self.prefixe}--{base}" + (f"-{vu}" if vu else "")
        self.titres.append((level, ident, texte_brut(text)))
        return f'<h{level} id="{ident}">{text}</h{level}>\n'

    def link(self, text: str, url: str, title: str | None = None) -> str:
        return self.conversion.lien(self.page, unquote(url), text)

    def image(self, text: str, url: str, title: str | None = None) -> str:
        src = self.conversion.image(self.page, unquote(url))
        return f'<img src="{src}" alt="{html.escape(texte_brut(text))}">'


class _Conversion:
    """Convertit les pages d'un guide ; garde les problèmes trouvés et les liens internes à vérifier."""

    def __init__(self, source: Path, racine: Path, presentes: set[str], autonome: bool = False):
        self.source, self.racine, self.presentes = source, racine, presentes
        self.autonome = autonome  # une fiche seule : pas de liens vers les autres pages
        self.problemes: list[str] = []
        self.liens_internes: list[tuple[str, str, str]] = []  # (page, lien écrit, ancre visée)

    def markdown(self, texte: str, page: str, prefixe: str) -> tuple[str, list]:
        rendu = _Rendu(self, page, prefixe)
        convertir = mistune.create_markdown(renderer=rendu, plugins=EXTENSIONS_MARKDOWN)
        return convertir(texte), rendu.titres

    def lien(self, page: str, url: str, texte: str) -> str:
        parties = urlsplit(url)
        if parties.scheme in ("http", "https", "mailto"):
            classe = "externe" if texte_brut(texte) == url else "externe adresse"
            return f'<a class="{classe}" href="{html.escape(url)}">{texte}</a>'
        if parties.scheme:
            self.problemes.append(f"{page} : lien « {url} » d'un type inconnu.")
            return texte
        if not parties.path:  # ancre dans la même page
            return self._interne(page, url, identifiant(page), parties.fragment, texte)
        cible = Path(os.path.normpath(self.source / page)).parent / parties.path
        cible = Path(os.path.normpath(cible))
        if cible.is_relative_to(self.source) and cible.suffix == ".md":
            relative = cible.relative_to(self.source).as_posix()
            if relative in self.presentes:
                if self.autonome:
                    return texte
                return self._interne(page, url, identifiant(relative), parties.fragment, texte)
            if relative in attendues():
                return f'<span class="a-paraitre">{texte} (page à paraître)</span>'
        elif cible.exists() and cible.is_relative_to(self.racine):
            chemin = cible.relative_to(self.racine).as_posix() + ("/" if cible.is_dir() else "")
            code = f"<code>{html.escape(chemin)}</code>"
            return (
                code if texte_brut(texte) in (chemin, chemin.rstrip("/")) else f"{texte} ({code})"
            )
        self.problemes.append(f"{page} : lien cassé « {url} » (fichier introuvable).")
        return texte

    def _interne(self, page: str, url: str, ident: str, fragment: str, texte: str) -> str:
        cible = f"{ident}--{fragment}" if fragment else ident
        self.liens_internes.append((page, url, cible))
        return f'<a href="#{html.escape(cible)}">{texte}</a>'

    def image(self, page: str, url: str) -> str:
        if urlsplit(url).scheme:
            self.problemes.append(
                f"{page} : image en ligne « {url} » : le guide doit fonctionner hors ligne."
            )
            return ""
        cible = Path(os.path.normpath(Path(os.path.normpath(self.source / page)).parent / url))
        type_mime = TYPES_IMAGES.get(cible.suffix.lower())
        if not cible.is_file() or type_mime is None:
            raison = (
                "introuvable"
                if not cible.is_file()
                else "format non pris en charge (PNG, JPEG ou SVG)"
            )
            self.problemes.append(f"{page} : image « {url} » {raison}.")
            return ""
        return f"data:{type_mime};base64,{base64.b64encode(cible.read_bytes()).decode('ascii')}"

    def verifier_ancres(self, ids: set[str]) -> None:
        for page, url, cible in self.liens_internes:
            if cible not in ids:
                self.problemes.append(
                    f"{page} : le lien « {url} » vise une ancre qui n'existe pas."
                )


def _chapitre(conversion: _Conversion, page: str, texte: str) -> Chapitre:
    ident = identifiant(page)
    corps, titres = conversion.markdown(texte, page, ident)
    return Chapitre(page, ident, texte_brut(titre_de(texte, page)), corps, titres)


def _chapitre_grilles(conversion: _Conversion, texte: str, modules: dict[str, str]) -> Chapitre:
    """La page grilles.md, où la marque est remplacée par la grille de chaque module présent."""
    avant, _, apres = texte.partition(MARQUE_GRILLES)
    morceaux, titres = [], []
    corps, t = conversion.markdown(avant, "grilles.md", "grilles")
    morceaux.append(corps)
    titres += t
    if not modules:
        morceaux.append(
            '<p class="a-paraitre">Aucune page de module n\'est encore écrite : '
            "les grilles apparaîtront ici.</p>"
        )
    for page, texte_module in modules.items():
        grille = extraire_grille(texte_module)
        if grille is None:
            conversion.problemes.append(
                f"{page} : pas de section « Grille de notation des écrits » (voir DEVELOPPEMENT.md, "
                "« The trainer's page and the handout »)."
            )
            continue
        titre_section, contenu = grille
        nom = Path(page).name
        markdown = (
            f"## {titre_de(texte_module, page)}\n\n{contenu}\n\n"
            f"*Grille tirée de la page du module : [{titre_section}]({nom}#{ancre(titre_section)}).*\n"
        )
        prefixe = f"grilles-{identifiant(page).removeprefix('modules-')}"
        corps, t = conversion.markdown(markdown, page, prefixe)
        morceaux.append(f'<div class="grille" id="{prefixe}">\n{corps}</div>')
        titres += t
    corps, t = conversion.markdown(apres, "grilles.md", "grilles-fin")
    morceaux.append(corps)
    titres += t
    return Chapitre(
        "grilles.md",
        "grilles",
        texte_brut(titre_de(texte, "grilles.md")),
        "\n".join(morceaux),
        titres,
    )


# --- Le document ----------------------------------------------------------------------
def _css() -> str:
    return Path(__file__).with_name("guide.css").read_text(encoding="utf-8")


def _document(titre: str, corps: str, classe: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(titre)}</title>\n<style>\n{_css()}</style>\n</head>\n"
        f'<body class="{classe}">\n{corps}\n</body>\n</html>\n'
    )


def _section(chapitre: Chapitre) -> str:
    classe = "chapitre fiche" if chapitre.fiche else "chapitre"
    return (
        f'<section class="{classe}" id="{chapitre.ident}" data-page="{html.escape(chapitre.page)}">\n'
        f"{chapitre.html}</section>"
    )


def _sommaire(chapitres: list[Chapitre]) -> str:
    # Numéros écrits dans le texte, pas en marge : en PDF, la marge d'une liste coupait
    # le premier chiffre à partir de 10 (« 0. Module 3 »).
    lignes = ['<nav class="sommaire" id="sommaire">', "<h1>Sommaire</h1>", "<ol>"]
    for numero, c in enumerate(chapitres, start=1):
        sous = [f'<a href="#{i}">{html.escape(t)}</a>' for niveau, i, t in c.titres if niveau == 2]
        detail = f'<span class="sous">{" · ".join(sous)}</span>' if sous and not c.fiche else ""
        lignes.append(
            f'<li><span class="numero">{numero}.</span> '
            f'<a href="#{c.ident}">{html.escape(c.titre)}</a>{detail}</li>'
        )
    lignes += ["</ol>", "</nav>"]
    return "\n".join(lignes)


def _couverture(chapitres: list[Chapitre], jour: datetime.date) -> str:
    modules = [c for c in chapitres if c.page.startswith("modules/")]
    fiches = [c for c in chapitres if c.fiche]
    return (
        '<section class="couverture" id="couverture">\n'
        '<p class="surtitre">Atelier numérique des communes</p>\n'
        "<h1>Guide du formateur</h1>\n"
        '<p class="promesse">Préparer, animer et noter un atelier sur la transformation numérique '
        "des communes du Bénin, en salle avec un JupyterHub ou sur des ordinateurs portables hors ligne.</p>\n"
        f"<p>Cette édition contient {_compte(len(chapitres), 'chapitre')}, dont {len(modules)} "
        f"des 6 pages de module et {len(fiches)} des 6 fiches participant.</p>\n"
        f'<p class="edition">Version imprimable construite le {date_fr(jour)} '
        "avec <code>make guide</code>. Textes sous licence CC BY 4.0.</p>\n"
        "</section>"
    )


@dataclass
class Guide:
    """Ce que la construction a produit."""

    html: Path
    chapitres: list[str]  # pages du guide, dans l'ordre
    fiches: list[Path]  # la fiche HTML seule de chaque module présent
    a_paraitre: list[str]  # pages attendues, pas encore écrites
    pdf: Path | None = None
    pages_pdf: int = 0
    pages_fiches: dict[str, int] = field(default_factory=dict)


def construire(
    source: Path = SOURCE,
    sortie: Path = SORTIE,
    racine: Path | None = None,
    jour: datetime.date | None = None,
) -> Guide:
    """Écrit ``guide.html`` et une page HTML par fiche dans ``sortie`` ; lève ``ErreurGuide`` au moindre problème."""
    source, racine = Path(source).resolve(), Path(racine or Path(source).resolve().parent).resolve()
    pages = pages_du_guide(source)
    textes = {p: (source / p).read_text(encoding="utf-8") for p in pages}
    conversion = _Conversion(source, racine, set(pages))
    modules = {p: textes[p] for p in pages if p.startswith("modules/")}
    conversion.problemes += [
        f"{p} : module absent du registre des modules (atelier.modules) : ajoutez-y son entrée"
        for p in pages
        if p.startswith(("modules/", "fiches/")) and Path(p).stem not in registre.noms()
    ]
    chapitres = [
        _chapitre_grilles(conversion, textes[p], modules)
        if p == "grilles.md"
        else _chapitre(conversion, p, textes[p])
        for p in pages
    ]
    ids = {c.ident for c in chapitres} | {i for c in chapitres for _, i, _ in c.titres}
    conversion.verifier_ancres(ids)
    if conversion.problemes:
        raise ErreurGuide(
            "Le guide n'a pas été construit :\n" + "\n".join(f"- {p}" for p in conversion.problemes)
        )

    sortie = Path(sortie)
    (sortie / "fiches").mkdir(parents=True, exist_ok=True)
    for ancien in (sortie / "fiches").glob("*"):
        ancien.unlink()
    corps = "\n".join(
        [
            _couverture(chapitres, jour or datetime.date.today()),
            _sommaire(chapitres),
            *(_section(c) for c in chapitres),
        ]
    )
    fichier = sortie / "guide.html"
    fichier.write_text(
        _document("Guide du formateur — Atelier numérique des communes", corps), encoding="utf-8"
    )

    seule = _Conversion(source, racine, set(pages), autonome=True)
    fiches = []
    for c in chapitres:
        if c.fiche:
            f = _chapitre(seule, c.page, textes[c.page])
            chemin = sortie / "fiches" / f"{Path(c.page).stem}.html"
            chemin.write_text(_document(f.titre, _section(f), "fiche-seule"), encoding="utf-8")
            fiches.append(chemin)
    a_paraitre = sorted(attendues() - set(pages))
    return Guide(fichier, pages, fiches, a_paraitre)


# --- PDF ------------------------------------------------------------------------------
def trouver_chromium() -> str | None:
    """Le navigateur Chromium : ATELIER_CHROMIUM, sinon « chromium » ou « chromium-browser » sur le PATH."""
    choix = os.environ.get("ATELIER_CHROMIUM")
    if choix:
        return choix if Path(choix).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def imprimer_pdf(page_html: Path, pdf: Path, chromium: str | None = None) -> int:
    """Imprime ``page_html`` en PDF avec Chromium (sans en-tête ni pied de page du navigateur) ; renvoie le nombre de pages."""
    navigateur = chromium or trouver_chromium()
    if not navigateur or not Path(navigateur).exists():
        raise ChromiumAbsent(CHROMIUM_ABSENT)
    pdf = Path(pdf).resolve()
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="atelier-guide-") as profil:
        commande = [
            navigateur,
            "--headless",
            *ARGUMENTS_CHROMIUM,
            f"--user-data-dir={profil}",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            f"--print-to-pdf={pdf}",
            Path(page_html).resolve().as_uri(),
        ]
        environnement = {**os.environ, "HOME": profil}
        try:
            resultat = subprocess.run(
                commande, env=environnement, capture_output=True, text=True, timeout=300
            )
        except subprocess.TimeoutExpired:
            raise ErreurGuide(
                f"Chromium n'a pas fini d'imprimer {Path(page_html).name} en 5 minutes."
            ) from None
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise ErreurGuide(f"Chromium n'a pas produit {pdf.name} :\n{resultat.stderr[-1500:]}")
    return compter_pages(pdf)


def imprimer(guide: Guide, chromium: str | None = None) -> Guide:
    """Ajoute au guide construit son PDF et celui de chaque fiche."""
    guide.pdf = guide.html.with_suffix(".pdf")
    guide.pages_pdf = imprimer_pdf(guide.html, guide.pdf, chromium)
    for fiche in guide.fiches:
        guide.pages_fiches[fiche.stem] = imprimer_pdf(fiche, fiche.with_suffix(".pdf"), chromium)
    return guide


# --- Images ---------------------------------------------------------------------------
def reduire_images(
    dossier: Path = SOURCE / "images", poids_max: int = POIDS_MAX_IMAGE
) -> list[str]:
    """Allège les PNG trop lourds (palette de 256 couleurs, puis largeur réduite) ; renvoie ceux qui ont changé."""
    from PIL import Image  # livré avec matplotlib

    reduites = []
    for png in sorted(Path(dossier).glob("*.png")):
        if png.stat().st_size <= poids_max:
            continue
        with Image.open(png) as ouverte:
            image = ouverte.convert("RGB")
        while True:
            image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(png, optimize=True)
            if png.stat().st_size <= poids_max or image.width < 400:
                break
            image = image.resize(
                (int(image.width * 0.85), int(image.height * 0.85)), Image.Resampling.LANCZOS
            )
        reduites.append(f"{png.name} : {png.stat().st_size // 1000} Ko, {image.width} px de large")
    return reduites


# --- La commande ----------------------------------------------------------------------
def _compte(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def _affiche(chemin: Path) -> str:
    try:
        return str(Path(chemin).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(chemin)


def main(argv: list[str] | None = None) -> int:
    analyseur = argparse.ArgumentParser(
        prog="python -m atelier.guide",
        description="Construit le guide du formateur imprimable (HTML et PDF) à partir de facilitator_guide/.",
    )
    analyseur.add_argument(
        "--source",
        type=Path,
        default=SOURCE,
        metavar="DOSSIER",
        help="les pages Markdown du guide (défaut : facilitator_guide)",
    )
    analyseur.add_argument(
        "--sortie",
        type=Path,
        default=SORTIE,
        metavar="DOSSIER",
        help="où écrire le guide (défaut : facilitator_guide/_construit)",
    )
    analyseur.add_argument(
        "--sans-pdf", action="store_true", help="seulement la version HTML (sans Chromium)"
    )
    analyseur.add_argument(
        "--chromium", metavar="CHEMIN", help="le navigateur Chromium à utiliser pour le PDF"
    )
    analyseur.add_argument(
        "--reduire-images",
        action="store_true",
        help="alléger les captures d'écran de facilitator_guide/images/ puis s'arrêter",
    )
    args = analyseur.parse_args(argv)
    if args.reduire_images:
        for ligne in reduire_images() or ["Toutes les images pèsent déjà moins de 200 Ko."]:
            print(ligne)
        return 0
    try:
        guide = construire(args.source, args.sortie)
    except ErreurGuide as erreur:
        print(f"✗ {erreur}", file=sys.stderr)
        return 1
    print(
        f"✓ Guide HTML : {_affiche(guide.html)} ({_compte(len(guide.chapitres), 'chapitre')}, "
        f"{_compte(len(guide.fiches), 'fiche')})"
    )
    if guide.a_paraitre:
        print("  Pages pas encore écrites : " + ", ".join(guide.a_paraitre))
    if args.sans_pdf:
        return 0
    try:
        imprimer(guide, args.chromium)
    except ErreurGuide as erreur:
        print(f"✗ {erreur}", file=sys.stderr)
        return 2
    print(f"✓ Guide PDF : {_affiche(guide.pdf)} ({guide.pages_pdf} pages)")
    trop_longues = {f: n for f, n in guide.pages_fiches.items() if n != 1}
    for fiche in guide.fiches:
        print(f"✓ Fiche à imprimer : {_affiche(fiche.with_suffix('.pdf'))}")
    if trop_longues:
        for nom, n in trop_longues.items():
            print(
                f"✗ La fiche fiches/{nom}.md tient sur {n} pages imprimées au lieu d'une : raccourcissez-la.",
                file=sys.stderr,
            )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
