"""Le volet numérique du PDC en trois fichiers : Word (DOCX), PDF et Excel (XLSX).

Le document est d'abord une suite de blocs (titre, paragraphe, liste, tableau,
figure, saut de page) construite une seule fois par ``blocs`` ; Word et PDF les
écrivent chacun à leur façon, avec le même texte. Le PDF est dessiné par
matplotlib (``PdfPages``) : ni navigateur ni LibreOffice, il se fait sur un
portable Windows hors ligne.
"""

from __future__ import annotations

import io
import textwrap
from datetime import date
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages

from atelier.donnees import fiche_commune
from atelier.plan.chiffres import COMMUNE, dire
from atelier.plan.contenu import SYNTHETIQUE, Contenu, fcfa, marque, pct, typographie

SOURCES = (
    "Populations : recensement général de la population et de l'habitation de 2013 (RGPH4, INSAE) ; "
    "population 2024 : projection de l'atelier à partir du recensement. Grille de maturité : grille de "
    "l'atelier inspirée de l'indice LOSI 2022 des Nations unies. Budget, état civil, connectivité, "
    "économie numérique et compétences : données synthétiques (fictives, pour l'exercice), à remplacer "
    "par les chiffres de la commune avant le vote. Coûts unitaires et durées : hypothèses de l'atelier."
)
SOURCES_COMMUNE = (
    f" Les chiffres marqués « {COMMUNE} » ont été donnés par la commune pendant l'atelier (« Mes vrais "
    "chiffres ») et remplacent ceux de l'atelier."
)


def _nom_fichier(commune: str) -> str:
    """« volet_numerique_seme_podji » : sans accent ni espace, lisible sur toute clé USB."""
    ascii_ = str(fiche_commune(commune)["nom_ascii"])
    return "volet_numerique_" + "".join(c if c.isalnum() else "_" for c in ascii_).lower()


def blocs(c: Contenu) -> list[tuple]:
    """Le document, bloc par bloc : (« titre », niveau, texte), (« para », texte), (« puces », [textes]),
    (« table », entêtes, lignes), (« figure », fig, légende), (« saut »,)."""
    b = c.budget
    d = [
        ("titre", 0, c.titre),
        (
            "para",
            f"Note au conseil communal — Département {_du(c.departement)} — préparée pendant "
            f"l'Atelier numérique des communes, le {date.today().strftime('%d/%m/%Y')}.",
        ),
        ("titre", 1, "Synthèse pour le conseil communal"),
        ("puces", c.resume()),
        (
            "para",
            f"Les chiffres marqués « {SYNTHETIQUE} » sont fictifs (exercice de l'atelier) : ils "
            "doivent être remplacés par ceux de la commune avant toute décision."
            + (
                f" Ceux marqués « {COMMUNE} » ont été donnés par la commune."
                if c.nb_chiffres_commune
                else ""
            ),
        ),
        ("saut",),
        ("titre", 1, "La commune en chiffres"),
        (
            "table",
            ["Indicateur", "Valeur", "Origine", "Rang dans le département"],
            [[x["indicateur"], x["valeur"], x["origine"], x["rang"]] for x in c.chiffres],
        ),
    ]
    if "carte" in c.figures:
        d.append(
            ("figure", c.figures["carte"], f"La commune de {c.commune} sur la carte du Bénin.")
        )
    d += [
        ("saut",),
        ("titre", 1, "Maturité numérique de la mairie"),
        (
            "para",
            f"Niveau {c.niveau} : {pct(c.score_global)} des 20 indicateurs de la grille sont remplis"
            f"{'' if c.grille_du_participant else f' ({SYNTHETIQUE})'}. Le critère le plus faible est "
            f"« {c.critere_faible} » ({pct(c.scores[c.critere_faible])}) : la première fiche action "
            "y répond.",
        ),
        (
            "table",
            ["Critère", "Indicateurs remplis"],
            [
                [critere, marque(pct(v), not c.grille_du_participant)]
                for critere, v in c.scores.items()
            ],
        ),
    ]
    if "radar" in c.figures:
        d.append(
            (
                "figure",
                c.figures["radar"],
                "Le radar de maturité : un critère par branche, de 0 à 100 %.",
            )
        )
    d += [("saut",), ("titre", 1, "Fiches actions")]
    for n, fiche in enumerate(c.fiches, 1):
        d += [
            ("titre", 2, f"Fiche {n} : {fiche.titre}"),
            ("table", ["Rubrique", "Contenu"], fiche.lignes()),
        ]
    d += [
        ("titre", 1, "Synthèse budgétaire"),
        (
            "table",
            ["Action", "Coût total", "Par an", "Financement"],
            [[f.titre, f.cout(), fcfa(f.cout_par_an), f.financement] for f in c.fiches]
            + [["Total", fcfa(c.cout_total), fcfa(b["besoin_an_fcfa"]), ""]],
        ),
        ("para", "Le budget annuel de la commune :"),
        (
            "table",
            ["Ligne du budget", "Montant par an", "Origine"],
            [[libelle, fcfa(montant), origine] for libelle, montant, origine in c.lignes_budget()],
        ),
        (
            "para",
            f"PAI de la commune : {dire(fcfa(b['pai_fcfa']), b['pai_origine'])} par an. "
            + c.phrase_enveloppe(),
        ),
        (
            "para",
            f"Le FADeC non affecté représente {dire(pct(b['dependance_fadec_pct']), b['dependance_origine'])} "
            f"du PAI. S'il baisse de {pct(b['baisse_fadec_pct'])}, l'enveloppe numérique tombe à "
            f"{dire(fcfa(b['enveloppe_apres_fcfa']), b['enveloppe_apres_origine'])} par an : les recettes "
            "propres et les partenaires devront prendre le relais, ou le conseil étalera les actions.",
        ),
    ]
    if b["sur_recettes_an_fcfa"] and b["recettes_propres_fcfa"] > 0:
        d.append(
            (
                "para",
                f"Les actions financées sur recettes propres demandent {fcfa(b['sur_recettes_an_fcfa'])} "
                f"par an, soit {pct(100 * b['sur_recettes_an_fcfa'] / b['recettes_propres_fcfa'], 1)} "
                f"des recettes propres ({dire(fcfa(b['recettes_propres_fcfa']), b['recettes_origine'])} "
                "par an).",
            )
        )
    d += [
        ("titre", 1, "Sources et nature des chiffres"),
        ("para", SOURCES + (SOURCES_COMMUNE if c.nb_chiffres_commune else "")),
    ]
    return [tuple(_typo(x) for x in bloc) for bloc in d]


def _typo(x):
    """La typographie française appliquée à tout texte d'un bloc (listes et tableaux compris)."""
    if isinstance(x, str):
        return typographie(x)
    if isinstance(x, (list, tuple)):
        return [_typo(y) for y in x]
    return x


def _du(departement: str) -> str:
    from atelier.fiche_commune.vues import du_departement

    return du_departement(departement)


# --- Word ---------------------------------------------------------------------------
def ecrire_docx(c: Contenu, chemin: Path) -> Path:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.title = c.titre
    doc.core_properties.language = "fr-FR"
    doc.styles["Normal"].font.size = Pt(10.5)
    for bloc in blocs(c):
        genre = bloc[0]
        if genre == "titre":
            doc.add_heading(bloc[2], level=bloc[1])
        elif genre == "para":
            doc.add_paragraph(bloc[1])
        elif genre == "puces":
            for texte in bloc[1]:
                doc.add_paragraph(texte, style="List Bullet")
        elif genre == "table":
            table = doc.add_table(rows=1, cols=len(bloc[1]), style="Table Grid")
            for cellule, texte in zip(table.rows[0].cells, bloc[1], strict=True):
                cellule.text = texte
                cellule.paragraphs[0].runs[0].bold = True
            for ligne in bloc[2]:
                for cellule, texte in zip(table.add_row().cells, ligne, strict=True):
                    cellule.text = str(texte)
            doc.add_paragraph()
        elif genre == "figure":
            doc.add_picture(io.BytesIO(bloc[1].png), width=Cm(14))
            doc.add_paragraph(bloc[2], style="Caption")
        elif genre == "saut":
            doc.add_page_break()
    doc.save(chemin)
    return chemin


# --- PDF ----------------------------------------------------------------------------
class _PagesPdf:
    """Écrit des blocs de texte sur des pages A4 de matplotlib, et change de page quand il le faut."""

    LARGEUR, HAUTEUR = 8.27, 11.69  # pouces (A4)
    # largeur des colonnes (en caractères, 95 pour la page) selon la première colonne du tableau
    LARGEURS = {
        "Rubrique": [22, 73],
        "Indicateur": [36, 22, 22, 15],
        "Action": [32, 22, 16, 25],
        "Ligne du budget": [50, 20, 25],
    }
    MARGE = 0.07  # en fraction de la page

    def __init__(self, pdf: PdfPages, pied: str):
        self.pdf, self.pied, self.numero, self.fig = pdf, pied, 0, None

    def _nouvelle(self):
        self.fermer()
        self.numero += 1
        self.fig = plt.figure(figsize=(self.LARGEUR, self.HAUTEUR))
        self.y = 1 - self.MARGE
        self.fig.text(
            0.5,
            0.03,
            f"{self.pied} — page {self.numero}",
            ha="center",
            fontsize=7.5,
            color="#555555",
        )

    def fermer(self):
        if self.fig is not None:
            self.pdf.savefig(self.fig)
            plt.close(self.fig)
            self.fig = None

    def _place(self, hauteur: float):
        if self.fig is None or self.y - hauteur < self.MARGE:
            self._nouvelle()

    def texte(
        self,
        texte: str,
        taille: float = 10,
        gras: bool = False,
        retrait: float = 0,
        garder: float = 0,
    ):
        """Un paragraphe ; ``garder`` : la place à laisser dessous (un titre ne reste pas seul en bas de page)."""
        points = (1 - 2 * self.MARGE - retrait) * self.LARGEUR * 72
        lignes = textwrap.wrap(texte, width=int(points / (taille * (0.6 if gras else 0.53)))) or [
            ""
        ]
        pas = taille * 1.45 / 72 / self.HAUTEUR
        self._place(pas * len(lignes) + garder)
        for ligne in lignes:
            self._place(pas)
            self.fig.text(
                self.MARGE + retrait,
                self.y,
                ligne,
                fontsize=taille,
                va="top",
                fontweight="bold" if gras else "normal",
            )
            self.y -= pas
        self.y -= pas * 0.5

    def table(self, entetes: list[str], lignes: list[list[str]]):
        largeurs = self.LARGEURS.get(entetes[0]) or (
            [40, 45] if len(entetes) == 2 else [95 // len(entetes)] * len(entetes)
        )
        for ligne, gras in [(entetes, True), *((x, False) for x in lignes)]:
            colonnes = [
                textwrap.wrap(str(t), width=w) or [""] for t, w in zip(ligne, largeurs, strict=True)
            ]
            hauteur = max(map(len, colonnes))
            pas = 8.5 * 1.4 / 72 / self.HAUTEUR
            self._place(pas * (hauteur + 0.4))
            x = self.MARGE
            for morceaux, w in zip(colonnes, largeurs, strict=True):
                self.fig.text(
                    x,
                    self.y,
                    "\n".join(morceaux),
                    fontsize=8.5,
                    va="top",
                    linespacing=1.4,
                    fontweight="bold" if gras else "normal",
                )
                x += w * 0.0091
            self.y -= pas * (hauteur + 0.4)
            self.fig.add_artist(
                plt.Line2D(
                    [self.MARGE, 1 - self.MARGE],
                    [self.y + pas * 0.25] * 2,
                    color="#bbbbbb",
                    linewidth=0.5,
                )
            )
        self.y -= pas

    def figure(self, image, legende: str):
        largeur, hauteur = image.largeur, image.hauteur
        h = min(0.5, 0.8 * (1 - 2 * self.MARGE) * hauteur / largeur * self.LARGEUR / self.HAUTEUR)
        self._place(h + 0.03)
        w = h * largeur / hauteur * self.HAUTEUR / self.LARGEUR
        ax = self.fig.add_axes((0.5 - w / 2, self.y - h, w, h))
        ax.imshow(plt.imread(io.BytesIO(image.png), format="png"))
        ax.axis("off")
        self.y -= h + 0.01
        self.texte(legende, taille=8.5)


def ecrire_pdf(c: Contenu, chemin: Path) -> Path:
    tailles = {0: 16, 1: 13, 2: 11}
    with PdfPages(chemin, metadata={"Title": c.titre, "Subject": "Volet numérique du PDC"}) as pdf:
        pages = _PagesPdf(pdf, f"Commune de {c.commune} — volet numérique du PDC")
        for bloc in blocs(c):
            genre = bloc[0]
            if genre == "titre":
                pages.texte(bloc[2], taille=tailles[bloc[1]], gras=True, garder=0.12)
            elif genre == "para":
                pages.texte(bloc[1])
            elif genre == "puces":
                for texte in bloc[1]:
                    pages.texte("• " + texte, retrait=0.01)
            elif genre == "table":
                pages.table(bloc[1], bloc[2])
            elif genre == "figure":
                pages.figure(bloc[1], bloc[2])
            elif genre == "saut":
                pages._nouvelle()
        pages.fermer()
    return chemin


# --- Excel --------------------------------------------------------------------------
def ecrire_xlsx(c: Contenu, chemin: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Actions"
    feuille.append([c.titre])
    feuille["A1"].font = Font(bold=True, size=13)
    feuille.append(
        [f"Les chiffres marqués « {SYNTHETIQUE} » sont fictifs (exercice de l'atelier)."]
    )
    entetes = [
        "N°",
        "Action",
        "Statut",
        "Constat",
        "Objectif",
        "Indicateur",
        "Valeur de départ",
        "Cible",
        "Unité",
        "Année cible",
        "Jalons",
        "Coût (FCFA)",
        "Financement",
        "Service responsable",
        "Calendrier",
        "Nature des chiffres",
        "Activités prévues",
    ]
    feuille.append(entetes)
    for cellule in feuille[3]:
        cellule.font = Font(bold=True)
    for n, f in enumerate(c.fiches, 1):
        feuille.append(
            [
                n,
                f.titre,
                f.statut,
                f.constat,
                f.objectif,
                f.indicateur,
                round(f.depart, 1),
                round(f.cible, 1),
                f.unite or "—",
                f.annee_cible,
                " ; ".join(f"{a} : {f.valeur(v)}" for a, v in f.jalons),
                round(f.cout_fcfa),
                f.financement,
                f.responsable,
                f.calendrier,
                f.nature,
                " ; ".join(f.activites) or "—",
            ]
        )
    feuille.append([])
    feuille.append(["", "Total", "", "", "", "", "", "", "", "", "", round(c.cout_total)])
    for ligne in feuille.iter_rows():
        for cellule in ligne:
            if isinstance(cellule.value, str):
                cellule.value = typographie(cellule.value)
    for ligne in feuille.iter_rows(min_row=4):
        ligne[11].number_format = "#,##0"
        for cellule in ligne:
            cellule.alignment = Alignment(wrap_text=True, vertical="top")
    for lettre, largeur in zip(
        "ABCDEFGHIJKLMNOPQ",
        [5, 40, 18, 40, 40, 30, 12, 10, 8, 10, 30, 16, 30, 25, 25, 22, 40],
        strict=True,
    ):
        feuille.column_dimensions[lettre].width = largeur
    chiffres = classeur.create_sheet("Chiffres clés")
    chiffres.append(["Indicateur", "Valeur", "Origine", "Rang dans le département"])
    for x in c.chiffres:
        chiffres.append([x["indicateur"], x["valeur"], x["origine"], x["rang"]])
    for lettre, largeur in zip("ABCD", [45, 18, 25, 22], strict=True):
        chiffres.column_dimensions[lettre].width = largeur
    budget = classeur.create_sheet("Budget")
    budget.append(["Ligne du budget", "Montant par an (FCFA)", "Origine"])
    for libelle, montant, origine in c.lignes_budget():
        budget.append([typographie(libelle), round(montant), origine])
        budget.cell(budget.max_row, 2).number_format = "#,##0"
    for cellule in [*chiffres[1], *budget[1]]:
        cellule.font = Font(bold=True)
    for lettre, largeur in zip("ABC", [60, 22, 25], strict=True):
        budget.column_dimensions[lettre].width = largeur
    classeur.save(chemin)
    return chemin


def ecrire_tout(c: Contenu, dossier) -> dict[str, Path]:
    """Écrit les trois fichiers dans ``dossier`` (créé s'il manque) : {"docx": …, "pdf": …, "xlsx": …}."""
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    base = dossier / _nom_fichier(c.commune)
    return {
        "docx": ecrire_docx(c, base.with_suffix(".docx")),
        "pdf": ecrire_pdf(c, base.with_suffix(".pdf")),
        "xlsx": ecrire_xlsx(c, base.with_suffix(".xlsx")),
    }
