"""L'application « Mon plan » dans Chromium : choisir sa commune, écrire le document, le télécharger."""

from __future__ import annotations

import pytest
from test_navigateur import Surveillance, _attendre_un_controle, _capture, navigateur, voila  # noqa: F401

pytestmark = [pytest.mark.navigateur, pytest.mark.lent]


def test_mon_plan_choisir_ecrire_telecharger(navigateur, voila, tmp_path):  # noqa: F811
    page = navigateur.new_page(
        viewport={"width": 1280, "height": 1000}, locale="fr-FR", accept_downloads=True
    )
    surveillance = Surveillance(page)
    page.goto(f"{voila}/voila/render/mon_plan.ipynb", timeout=180_000)
    _attendre_un_controle(page, voila, surveillance, "mon_plan")
    bouton = page.locator("button:has-text('Écrire mon document')")
    assert bouton.is_disabled()  # rien à écrire tant que la commune n'est pas choisie
    page.locator(".widget-dropdown select").select_option("Kandi")
    page.locator("text=Noté pour Kandi").wait_for(timeout=60_000)
    assert bouton.is_enabled()
    bouton.click()
    liens = page.locator("a.atelier-telecharger")
    liens.first.wait_for(timeout=180_000)
    assert liens.count() == 3
    debuts = {".docx": b"PK", ".xlsx": b"PK", ".pdf": b"%PDF"}
    for i in range(3):
        with page.expect_download(timeout=60_000) as attente:
            liens.nth(i).click()
        telechargement = attente.value
        nom = telechargement.suggested_filename
        chemin = tmp_path / nom
        telechargement.save_as(chemin)
        extension = chemin.suffix
        assert nom.startswith("volet_numerique_kandi") and chemin.read_bytes().startswith(
            debuts[extension]
        )
    _capture(page, "appli_mon_plan_document")
    surveillance.verifier()
    page.close()
