"""Chaque choix qu'un participant peut noter (leçons, applications, « Mes vrais chiffres ») se
retrouve dans le document, à sa place, avec son origine ; un choix absent laisse un document propre."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from atelier.plan import Plan, contenu, produire_document
from atelier.plan.chiffres import COMMUNE, SYNTHETIQUE, tableau_des_communes
from atelier.plan.formats import ecrire_docx, ecrire_xlsx
from atelier.plan.noter import CHIFFRES, GENRES, _champ

from conftest import exiger

ACTIONS = [
    "Signer une convention avec les opérateurs de monnaie électronique",
    "Former 12 jeunes relais au guichet de la mairie",
]


@pytest.fixture
def plan(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_PLAN", str(tmp_path / "plan.json"))
    return Plan.ouvrir("Kandi")


def _vos_chiffres(plan: Plan) -> dict:
    """Un chiffre différent de celui de l'atelier pour chaque colonne de « Mes vrais chiffres »."""
    atelier = tableau_des_communes().set_index("commune").loc[plan.commune]
    notes = {}
    for n, colonne in enumerate(CHIFFRES, 1):
        valeur = float(atelier[colonne])
        if _champ(colonne)[1]["type"] == "integer":
            notes[colonne] = int(valeur) + (1000 * n + 7 if valeur > 100 else n)
        else:
            notes[colonne] = round(valeur / 2 + n / 10, 1)
        plan.noter_chiffre(colonne, notes[colonne])
    return notes


def _nf(v) -> str:
    """Un chiffre comme le document l'écrit : sans décimale s'il est entier ou grand, sinon une."""
    return contenu.nombre_fr(v, 0 if float(v).is_integer() or abs(v) >= 100 else 1)


def _ecrire(plan: Plan, dossier):
    c = contenu.construire(plan.commune, plan, figures=False)
    return c, ecrire_docx(c, dossier / "plan.docx"), ecrire_xlsx(c, dossier / "plan.xlsx")


def _docx(chemin) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    """Les blocs du document dans l'ordre, (style, texte) — « Table » pour un tableau — et les
    tableaux (lignes de cellules)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(chemin)
    blocs, tables = [], []
    for element in doc.element.body.iterchildren():
        if element.tag.endswith("}p"):
            paragraphe = Paragraph(element, doc)
            blocs.append((paragraphe.style.name, paragraphe.text))
        elif element.tag.endswith("}tbl"):
            tables.append([[c.text for c in ligne.cells] for ligne in Table(element, doc).rows])
            blocs.append(("Table", " ".join(" ".join(ligne) for ligne in tables[-1])))
    return blocs, tables


def _fiche(tables, debut: str) -> dict[str, str]:
    return next(
        dict(t[1:]) for t in tables if t[0] == ["Rubrique", "Contenu"] and t[1][1].startswith(debut)
    )


def test_les_cles_notees_par_les_simulateurs_sont_celles_que_le_document_lit():
    assert {(g.module, cle) for g in GENRES for cle in g.cles} == {
        ("m1", "grille"),
        ("m1", "part_pai_numerique"),
        ("m1", "baisse_fadec"),
        ("m2", "sites"),
        ("m2", "rayon_km"),
        ("m3", "services"),
        ("m3", "part_en_ligne_cible"),
        ("m4", "relais"),
        ("m4", "actions"),
        ("m5", "part_cible"),
        ("m5", "annees"),
    }


@pytest.mark.lent
def test_relais_actions_duree_de_formation_et_vos_chiffres_dans_word_et_excel(plan, tmp_path):
    plan.noter("m4", "relais", 12)
    plan.noter("m4", "actions", ACTIONS)
    plan.noter("m5", "part_cible", 55)
    plan.noter("m5", "annees", 5)
    notes = _vos_chiffres(plan)
    c, docx, xlsx = _ecrire(plan, tmp_path)
    paragraphes, tables = _docx(docx)
    texte = " ".join(t for _, t in paragraphes)

    relais = _fiche(tables, "Installer 12 relais digitaux")
    assert relais["Statut"] == "choix de la commune"
    assert relais["Activités prévues"] == contenu.typographie(" ; ".join(ACTIONS))
    nf = contenu.nombre_fr
    vus = f"{nf(notes['nb_relais'])} relais digitaux et {nf(notes['nb_points_mobile_money'])} points de monnaie"
    assert vus in relais["Constat"] and f"({COMMUNE})" in relais["Constat"]

    formation = _fiche(tables, "Former les habitants")
    annee = c.annee
    assert formation["Calendrier"] == f"de janvier {annee} à décembre {annee + 4}"
    assert "en 5 ans" in formation["Objectif"] and formation["Cible"].endswith(f"fin {annee + 4}")
    assert len(formation["Jalons"].split(";")) == 3  # 4 années entre le départ et la cible
    assert (
        formation["Valeur de départ"] == f"{_nf(notes['part_competences_base'])}\u00a0% ({COMMUNE})"
    )
    assert f"{annee} à {annee + 4}" in texte  # la synthèse couvre la formation sur 5 ans

    etat_civil = _fiche(tables, "Mettre en ligne")
    assert (
        etat_civil["Valeur de départ"]
        == f"{_nf(notes['part_actes_demandes_en_ligne'])}\u00a0% ({COMMUNE})"
    )
    assert f"avec {nf(notes['nb_guichets'])} guichet(s) ({COMMUNE})" in etat_civil["Constat"]
    # le coût reste une hypothèse de l'atelier
    assert etat_civil["Coût estimé"].endswith(f"({SYNTHETIQUE})")

    budget = next(t for t in tables if t[0] == ["Ligne du budget", "Montant par an", "Origine"])
    assert [ligne[2] for ligne in budget[1:6]] == [COMMUNE] * 5
    # PAI et part de la commune
    assert budget[6][0] == "Volet numérique du PAI retenu" and budget[6][2] == COMMUNE
    assert budget[4][1] == contenu.fcfa(notes["pai_total_fcfa"])
    assert f"PAI de la commune\u00a0: {contenu.fcfa(notes['pai_total_fcfa'])} ({COMMUNE})" in texte
    assert (
        f"des recettes propres ({contenu.fcfa(notes['recettes_propres_fcfa'])} ({COMMUNE})" in texte
    )
    assert f"{len(CHIFFRES)} chiffre(s) donné(s) par la commune" in texte

    cles = {ligne[0]: ligne[1:] for ligne in tables[0][1:]}  # la commune en chiffres
    for colonne in CHIFFRES:
        titre = _champ(colonne)[1]["title"]
        assert cles[titre][1] == COMMUNE, colonne
        assert cles[titre][0].startswith(_nf(notes[colonne])), colonne
    assert cles["Population en 2013"][1] == "recensement"

    from openpyxl import load_workbook

    classeur = load_workbook(xlsx)
    actions = classeur["Actions"]
    assert actions.cell(3, 17).value == "Activités prévues"
    lignes = {
        r[1]: r for r in actions.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)
    }
    assert lignes["Installer 12 relais digitaux dans les arrondissements"][
        16
    ] == contenu.typographie(" ; ".join(ACTIONS))
    assert lignes["Former les habitants aux compétences numériques de base"][9] == annee + 4
    assert (
        "départ\u00a0: chiffre de la commune"
        in lignes["Former les habitants aux compétences numériques de base"][15]
    )
    feuille = classeur["Budget"]
    montants = {r[0]: r[1:] for r in feuille.iter_rows(min_row=2, values_only=True)}
    assert montants["Recettes propres"] == (notes["recettes_propres_fcfa"], COMMUNE)
    assert montants["Plan annuel d'investissement (PAI)"] == (notes["pai_total_fcfa"], COMMUNE)
    chiffres = {
        r[0]: r[2] for r in classeur["Chiffres clés"].iter_rows(min_row=2, values_only=True)
    }
    assert all(chiffres[_champ(c)[1]["title"]] == COMMUNE for c in CHIFFRES)


def _propre(paragraphes, tables) -> str:
    """Vérifie qu'aucun titre n'est vide ni sans contenu (texte, tableau ou sous-titre), et rend tout le texte."""
    titres = [
        (n, int(style.rsplit(" ", 1)[1]) if style[-1].isdigit() else 0, texte)
        for n, (style, texte) in enumerate(paragraphes)
        if style.startswith(("Heading", "Title"))
    ]
    for (n, niveau, texte), suivant in zip(
        titres, [*titres[1:], (len(paragraphes), 0, "")], strict=True
    ):
        assert texte.strip(), "un titre vide"
        apres = [t for _, t in paragraphes[n + 1 : suivant[0]] if t.strip()]
        assert apres or suivant[1] > niveau, f"titre sans contenu : {texte}"
    tout = " ".join(t for _, t in paragraphes)
    assert not re.search(r"\b(None|nan|inf|null)\b", tout)
    assert not re.search(r"\(\s*\)|: *;|; *$", tout), "une parenthèse ou une liste vide"
    return tout


@pytest.mark.lent
def test_sans_choix_un_document_propre_sans_activites_ni_chiffres_de_la_commune(plan, tmp_path):
    c, docx, xlsx = _ecrire(plan, tmp_path)
    paragraphes, tables = _docx(docx)
    tout = _propre(paragraphes, tables)
    assert "Activités prévues" not in tout and COMMUNE not in tout
    assert c.nb_chiffres_commune == 0 and not any(f.activites for f in c.fiches)
    assert all(f.duree_ans == contenu.DUREE_ANS for f in c.fiches)
    from openpyxl import load_workbook

    classeur = load_workbook(xlsx)
    valeurs = [
        v
        for r in classeur["Actions"].iter_rows(min_row=4, values_only=True)
        if isinstance(r[0], int)
        for v in r
    ]
    assert None not in valeurs and "—" in valeurs  # pas d'activité : un tiret, pas une case vide
    assert all(
        r[2] == SYNTHETIQUE
        for r in classeur["Budget"].iter_rows(min_row=2, max_row=8, values_only=True)
    )


@pytest.mark.lent
def test_des_choix_partiels_ou_abimes_laissent_des_valeurs_par_defaut_propres(plan, tmp_path):
    plan.noter("m4", "relais", 5)  # sans actions
    plan.noter("m5", "annees", 1)  # une formation d'un an, sans cible
    plan.noter("m4", "actions", ["  ", ""])  # des lignes vides
    plan.noter_chiffre("nb_relais", 3)
    # un fichier modifié à la main : un chiffre qui n'est pas un nombre, une colonne inconnue
    donnees = plan.donnees
    donnees["communes"]["Kandi"]["mes_chiffres"]["budget_total_fcfa"] = {
        "valeur": "beaucoup",
        "origine": "vos chiffres",
    }
    donnees["communes"]["Kandi"]["mes_chiffres"]["colonne_inconnue"] = {
        "valeur": 4,
        "origine": "vos chiffres",
    }
    from atelier.plan.stockage import ecrire

    ecrire(plan.chemin, donnees)
    c, docx, _ = _ecrire(Plan.ouvrir("Kandi"), tmp_path)
    paragraphes, tables = _docx(docx)
    tout = _propre(paragraphes, tables)
    assert "Activités prévues" not in tout and "colonne_inconnue" not in tout
    formation = _fiche(tables, "Former les habitants")
    assert (
        formation["Calendrier"] == f"de janvier {c.annee} à décembre {c.annee}"
        and formation["Jalons"] == "—"
    )
    assert "en 1 an\u00a0:" in formation["Objectif"]
    assert "aujourd'hui 3 relais digitaux" in _fiche(tables, "Installer 5 relais")["Constat"]
    assert c.nb_chiffres_commune == 1
    budget = next(t for t in tables if t[0] == ["Ligne du budget", "Montant par an", "Origine"])
    assert budget[1][2] == SYNTHETIQUE  # « beaucoup » laissé de côté : le chiffre de l'atelier


@pytest.mark.lent
def test_le_pdf_reprend_les_actions_et_les_chiffres_de_la_commune(plan, tmp_path):
    exiger(shutil.which("pdftotext"), "poppler-utils (pdftotext) absent")
    plan.noter("m4", "actions", ACTIONS)
    plan.noter_chiffre("recettes_propres_fcfa", 400_000_000)
    fichiers = produire_document("Kandi", tmp_path)
    texte = " ".join(
        subprocess.run(
            ["pdftotext", str(fichiers["pdf"]), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Activités prévues" in texte and "Signer une convention" in texte
    assert "Ligne du budget" in texte and "400 000 000 FCFA" in texte.replace(
        "\u202f", " "
    ).replace("\u00a0", " ")
    assert COMMUNE in texte
