"""L'application « Mon plan numérique communal » sans navigateur : menu, résumé, bouton, liens."""

from __future__ import annotations

import base64
import io
import re

import pytest

from atelier.plan import Plan, appli


@pytest.fixture
def fichier(tmp_path, monkeypatch):
    chemin = tmp_path / "maison" / "mon_plan_numerique.json"
    monkeypatch.setenv("ATELIER_PLAN", str(chemin))
    return chemin


def _fichiers(liens: str) -> dict[str, bytes]:
    return {
        nom: base64.b64decode(donnees)
        for nom, donnees in re.findall(
            r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', liens
        )
    }


def test_sans_plan_l_application_attend_la_commune_et_n_ecrit_rien(fichier):
    boite = appli.mon_plan_interactif()
    assert boite.menu.value == appli.CHOISIR and boite.bouton.disabled
    assert "Choisissez votre commune" in boite.resume.value
    assert not fichier.exists()


@pytest.mark.lent
def test_choisir_sa_commune_la_note_et_le_bouton_donne_les_trois_fichiers(fichier):
    Plan.ouvrir("Dassa-Zoumè").noter("m4", "relais", 7)
    boite = appli.mon_plan_interactif()
    assert boite.menu.value == "Dassa-Zoumè"  # l'application s'ouvre sur la commune du participant
    assert "relais : 7" in boite.resume.value and "rien de noté" in boite.resume.value
    boite.menu.value = "Kandi"
    assert Plan.ouvrir().commune == "Kandi"  # le choix de commune est gardé
    boite.ecrire()
    assert "Votre document est prêt" in boite.message.value, boite.message.value
    fichiers = _fichiers(boite.liens.value)
    assert sorted(fichiers) == [
        "volet_numerique_kandi.docx",
        "volet_numerique_kandi.pdf",
        "volet_numerique_kandi.xlsx",
    ]
    assert fichiers["volet_numerique_kandi.pdf"].startswith(b"%PDF")
    from docx import Document

    texte = "\n".join(
        p.text for p in Document(io.BytesIO(fichiers["volet_numerique_kandi.docx"])).paragraphs
    )
    assert "Commune de Kandi" in texte
    assert (fichier.parent / "mon_plan_numerique" / "volet_numerique_kandi.pdf").exists()


@pytest.mark.lent
def test_sur_l_application_partagee_de_la_salle_rien_n_est_lu_ni_garde(fichier, monkeypatch):
    # le plan d'un autre, que le compte partagé verrait
    Plan.ouvrir("Kandi").noter("m4", "relais", 7)
    avant = fichier.read_bytes()
    monkeypatch.setattr(appli, "plan_personnel_possible", lambda: False)
    boite = appli.mon_plan_interactif()
    assert boite.menu.value == appli.CHOISIR and "ne sont pas gardés" in boite.children[0].value
    boite.menu.value = "Kandi"
    assert "relais : 7" not in boite.resume.value
    boite.ecrire()
    fichiers = _fichiers(boite.liens.value)
    from docx import Document

    doc = Document(io.BytesIO(fichiers["volet_numerique_kandi.docx"]))
    tout = " ".join(c.text for t in doc.tables for ligne in t.rows for c in ligne.cells)
    assert "Installer 7 relais" not in tout
    assert fichier.read_bytes() == avant


def test_le_voila_partage_de_la_salle_est_reconnu(monkeypatch):
    import getpass

    monkeypatch.delenv("ATELIER_APPLIS_NOYAUX_MAX", raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "awa")
    assert appli.plan_personnel_possible()
    monkeypatch.setattr(getpass, "getuser", lambda: appli.COMPTE_PARTAGE)
    assert not appli.plan_personnel_possible()
    monkeypatch.setattr(getpass, "getuser", lambda: "awa")
    # posée par la salle pour son Voilà partagé
    monkeypatch.setenv("ATELIER_APPLIS_NOYAUX_MAX", "20")
    assert not appli.plan_personnel_possible()
    hub = pytest.importorskip("atelier.salle.hub")
    assert appli.COMPTE_PARTAGE == hub.COMPTE_APPLIS


def test_un_plan_abime_est_signale_dans_l_application(fichier):
    fichier.parent.mkdir(parents=True)
    fichier.write_text("{ coupé", encoding="utf-8")
    boite = appli.mon_plan_interactif()
    assert (
        "gardé tel quel" in boite.children[0].value and "Traceback" not in boite.children[0].value
    )
    boite.menu.value = "Kandi"
    assert Plan.ouvrir().commune == "Kandi"
    assert len(list(fichier.parent.glob("*.illisible-*"))) == 1
