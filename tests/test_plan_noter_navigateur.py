"""« Noter dans mon plan » et « Mes vrais chiffres » dans Chromium, sur le Voilà du kit."""

from __future__ import annotations

import json

import pytest
from test_navigateur import Surveillance, _attendre_un_controle, _capture, navigateur, voila  # noqa: F401

pytestmark = [pytest.mark.navigateur, pytest.mark.lent]


@pytest.fixture(scope="module", autouse=True)
def plan_neuf(tmp_path_factory):
    """Un plan vide pour ce Voilà (démarré après : autouse passe avant les autres fixtures du module)."""
    chemin = tmp_path_factory.mktemp("plan-voila") / "mon_plan_numerique.json"
    with pytest.MonkeyPatch.context() as m:
        m.setenv("ATELIER_PLAN", str(chemin))
        yield chemin


def _plan(chemin) -> dict:
    return json.loads(chemin.read_text(encoding="utf-8"))


def test_noter_dans_l_application_puis_la_rouvrir(navigateur, voila, plan_neuf):  # noqa: F811
    page = navigateur.new_page(viewport={"width": 1280, "height": 1000}, locale="fr-FR")
    surveillance = Surveillance(page)
    page.goto(f"{voila}/voila/render/m5_formation.ipynb", timeout=180_000)
    _attendre_un_controle(page, voila, surveillance, "m5_formation")
    page.locator("text=Rien n'est encore noté pour Kandi").wait_for(timeout=120_000)
    page.locator("button:has-text('Noter dans mon plan')").click()
    page.locator("text=Noté dans votre plan pour Kandi").wait_for(timeout=60_000)
    notes = _plan(plan_neuf)["communes"]["Kandi"]["modules"]["m5"]
    assert set(notes) == {"part_cible", "annees"} and notes["annees"]["valeur"] == 3
    _capture(page, "appli_m5_noter_dans_mon_plan")
    surveillance.verifier()
    page.close()
    # Rouverte (nouveau noyau), l'application montre ce qui est noté.
    page = navigateur.new_page(viewport={"width": 1280, "height": 1000}, locale="fr-FR")
    surveillance = Surveillance(page)
    page.goto(f"{voila}/voila/render/m5_formation.ipynb", timeout=180_000)
    _attendre_un_controle(page, voila, surveillance, "m5_formation")
    page.locator("text=Déjà noté dans votre plan pour Kandi").wait_for(timeout=120_000)
    surveillance.verifier()
    page.close()


def test_mes_vrais_chiffres_dans_l_application(navigateur, voila, plan_neuf):  # noqa: F811
    page = navigateur.new_page(viewport={"width": 1280, "height": 1000}, locale="fr-FR")
    surveillance = Surveillance(page)
    page.goto(f"{voila}/voila/render/mes_chiffres.ipynb", timeout=180_000)
    _attendre_un_controle(page, voila, surveillance, "mes_chiffres")
    page.locator(".widget-dropdown select").first.select_option("Nikki")
    page.locator(".widget-dropdown select").nth(1).select_option(label="Usage d'internet (%)")
    champ = page.locator(".widget-text input")
    champ.fill("140")
    page.locator("button:has-text('Enregistrer')").click()
    page.locator("text=Rien n'a été noté").wait_for(timeout=60_000)
    assert "entre 0 et 100" in page.inner_text("body")
    champ.fill("37,5 %")
    page.locator("button:has-text('Enregistrer')").click()
    page.locator("text=Noté pour Nikki").wait_for(timeout=60_000)
    chiffre = _plan(plan_neuf)["communes"]["Nikki"]["mes_chiffres"]["taux_usage_internet"]
    assert chiffre["valeur"] == 37.5 and chiffre["origine"] == "vos chiffres"
    _capture(page, "appli_mes_chiffres")
    surveillance.verifier()
    page.close()
