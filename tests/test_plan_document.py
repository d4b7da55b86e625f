"""Le volet numérique du PDC : Word, PDF et Excel pour trois communes, dont une avec des choix notés."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from atelier.plan import Plan, produire_document
from atelier.plan.contenu import PROPOSITION, SYNTHETIQUE

from conftest import RACINE, exiger

ARTEFACTS = RACINE / "tests" / "artefacts" / "plan"
CHOIX_SEME = {
    ("m1", "grille"): {
        code: True
        for code in (
            "losi_inst_1",
            "losi_inst_2",
            "losi_contenu_1",
            "losi_services_1",
            "losi_tech_1",
            "losi_tech_2",
        )
    },
    ("m1", "part_pai_numerique"): 6.5,
    ("m1", "baisse_fadec"): 30,
    ("m2", "sites"): ["Ekpe", "Djeregbe", "Inconnu"],
    ("m3", "services"): [
        {
            "service": "Certificat de résidence",
            "van_fcfa": 12_500_000,
            "depart": 0,
            "cible": 40,
            "cout_fcfa": 4_000_000,
            "compteur": "Certificats demandés en ligne",
        }
    ],
    ("m4", "relais"): 9,
    ("m5", "part_cible"): 70,
}


def _texte(chemin) -> str:
    return " ".join(
        subprocess.run(
            ["pdftotext", str(chemin), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


def _pages_pdf(chemin) -> list[str]:
    brut = subprocess.run(
        ["pdftotext", str(chemin), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(p.split()) for p in brut.split("\f") if p.strip()]


def _docx(chemin) -> tuple[str, list[list[str]]]:
    from docx import Document

    doc = Document(chemin)
    texte = "\n".join(p.text for p in doc.paragraphs)
    tables = [[c.text for ligne in t.rows for c in ligne.cells] for t in doc.tables]
    return texte, tables


@pytest.fixture
def plan_vide(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_PLAN", str(tmp_path / "plan.json"))


@pytest.mark.lent
@pytest.mark.parametrize("commune", ["Kandi", "Cotonou", "Toucountouna"])
def test_sans_choix_les_fiches_sont_des_propositions_marquees(commune, tmp_path, plan_vide):
    fichiers = produire_document(commune, tmp_path)
    assert sorted(fichiers) == ["docx", "pdf", "xlsx"]
    texte, tables = _docx(fichiers["docx"])
    assert f"Volet numérique du plan de développement communal — Commune de {commune}" in texte
    assert "Synthèse pour le conseil communal" in texte and "Fiches actions" in texte
    fiches = [t for t in tables if t[:2] == ["Rubrique", "Contenu"]]
    assert 3 <= len(fiches) <= 7
    for fiche in fiches:
        rubriques = fiche[2::2]
        assert rubriques[:4] == ["Action", "Statut", "Constat", "Objectif"]
        assert {
            "Indicateur",
            "Valeur de départ",
            "Cible",
            "Jalons",
            "Coût estimé",
            "Financement",
            "Service responsable",
            "Calendrier",
        } <= set(rubriques)
        assert fiche[fiche.index("Statut") + 1] == PROPOSITION
    tout = texte + " ".join(" ".join(t) for t in tables)
    assert tout.count(SYNTHETIQUE) >= 10
    assert not re.search(r"\d\.\d", tout), "un nombre écrit à l'anglaise (point décimal)"
    assert not re.search(r"\b(inf|nan|None)\b", tout), (
        "une valeur manquante est écrite telle quelle"
    )
    assert not re.search(r" [;:!?%»]|« ", tout), "une espace sécable avant ; : ! ? % ou dans « »"

    from openpyxl import load_workbook

    classeur = load_workbook(fichiers["xlsx"])
    actions = classeur["Actions"]
    assert f"Commune de {commune}" in actions["A1"].value
    lignes = [r for r in actions.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert len(lignes) == len(fiches)
    assert all(r[2] == PROPOSITION and r[15] == SYNTHETIQUE and r[11] >= 0 for r in lignes)
    assert "Chiffres clés" in classeur.sheetnames


@pytest.mark.lent
def test_les_choix_notes_passent_dans_le_document(tmp_path, plan_vide):
    plan = Plan.ouvrir("Sèmè-Podji")
    for (module, cle), valeur in CHOIX_SEME.items():
        plan.noter(module, cle, valeur)
    plan.noter_chiffre("population_2024", 300_000)
    fichiers = produire_document(None, tmp_path)  # la commune du plan
    texte, tables = _docx(fichiers["docx"])
    assert "Commune de Sèmè-Podji" in texte
    tout = texte + " | ".join(" | ".join(t) for t in tables)
    assert "Mettre en ligne\u00a0: Certificat de résidence" in tout  # espace insécable avant « : »
    # « Inconnu » laissé de côté
    assert "Ouvrir 2 centre(s) numérique(s)\u00a0: Ekpe, Djeregbe" in tout
    assert "Installer 9 relais digitaux" in tout
    assert "70\u00a0% (donnée synthétique), fin" in tout
    assert "6,5\u00a0% du PAI, choix de la commune" in tout
    assert "baisse de 30\u00a0%" in tout
    assert "300\u202f000 | chiffre de la commune" in tout
    assert "grille remplie par la commune" in tout
    assert tout.count("choix de la commune") >= 4  # statut des fiches choisies
    from openpyxl import load_workbook

    actions = load_workbook(fichiers["xlsx"])["Actions"]
    titres = [r[1] for r in actions.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert "Mettre en ligne\u00a0: Certificat de résidence" in titres


@pytest.mark.lent
def test_le_pdf_page_par_page(tmp_path, plan_vide):
    exiger(
        shutil.which("pdftotext") and shutil.which("pdftoppm"),
        "poppler-utils (pdftotext, pdftoppm) absent",
    )
    fichiers = produire_document("Kandi", tmp_path)
    pages = _pages_pdf(fichiers["pdf"])
    assert 4 <= len(pages) <= 12
    assert pages[0].startswith(
        "Volet numérique du plan de développement communal — Commune de Kandi"
    )
    assert "Synthèse pour le conseil communal" in pages[0] and "Fiche 1" not in pages[0]
    # pdftotext peut lire une colonne de tableau après le pied de page
    for n, page in enumerate(pages, 1):
        assert f"Commune de Kandi — volet numérique du PDC — page {n}" in page, (
            f"pied de la page {n}"
        )
    tout = " ".join(pages)
    for titre in (
        "La commune en chiffres",
        "Maturité numérique de la mairie",
        "Fiches actions",
        "Synthèse budgétaire",
        "Sources et nature des chiffres",
    ):
        assert titre in tout
    assert len(re.findall(r"Fiche \d : ", tout)) >= 3
    assert tout.count(SYNTHETIQUE) >= 10
    assert "«\u00a0" in tout or "« " in tout
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for ancien in ARTEFACTS.glob("kandi-*.png"):
        ancien.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(fichiers["pdf"]), str(ARTEFACTS / "kandi")], check=True
    )
    images = sorted(ARTEFACTS.glob("kandi-*.png"))
    assert len(images) == len(pages)
    from PIL import Image

    for image in images:  # chaque page a de l'encre : rien de blanc ni de coupé
        gris = Image.open(image).convert("L")
        assert gris.getextrema()[0] < 100, f"{image.name} est vide"


def test_la_ligne_de_commande(tmp_path):
    env_plan = tmp_path / "plan.json"
    resultat = subprocess.run(
        [
            sys.executable,
            "-m",
            "atelier.plan",
            "--commune",
            "kandy",
            "--sortie",
            str(tmp_path / "sortie"),
            "--plan",
            str(env_plan),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resultat.returncode == 1 and "Commune inconnue : « kandy »" in resultat.stderr
    assert "Kandi" in resultat.stderr and "Traceback" not in resultat.stderr
    assert not env_plan.exists()  # lire un plan n'en crée pas
