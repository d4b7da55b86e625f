"""« Noter dans mon plan » sous les simulateurs des modules 1 à 5, et « Mes vrais chiffres »."""

from __future__ import annotations

import html
import json

import pytest

from atelier.erreurs import ErreurAtelier
from atelier.modules.m1_planification.vues import baisse_fadec_interactive, grille_interactive
from atelier.modules.m2_centres_numeriques.vues import simulateur_couverture
from atelier.modules.m3_dematerialisation.vues import simulateur_van
from atelier.modules.m4_entreprises_relais.vues import simulateur_relais
from atelier.modules.m5_formation.vues import simulateur_plan
from atelier.plan import Plan, appli, contenu
from atelier.plan.noter import (
    lire_mon_chiffre,
    mes_vrais_chiffres,
    noter_dans_mon_plan,
    noter_mon_chiffre,
)


@pytest.fixture
def fichier(tmp_path, monkeypatch):
    chemin = tmp_path / "maison" / "mon_plan_numerique.json"
    monkeypatch.setenv("ATELIER_PLAN", str(chemin))
    return chemin


def _notes(fichier, commune: str, module: str) -> dict:
    entrees = json.loads(fichier.read_text(encoding="utf-8"))["communes"][commune]["modules"][
        module
    ]
    return {cle: e["valeur"] for cle, e in entrees.items()}


def _texte(html_: str) -> str:
    """Le texte d'un message HTML, espaces insécables comme des espaces."""
    return html.unescape(html_).replace("\u202f", " ").replace("\u00a0", " ")


def _fiche(commune: str, module: str) -> contenu.Fiche:
    document = contenu.construire(commune, Plan.ouvrir(commune), figures=False)
    return next(f for f in document.fiches if f.module == module)


def test_m1_grille_cochee_par_la_commune(fichier):
    sim = grille_interactive("Kandi")
    sim.regler(
        **{code: True for code in ("losi_services_1", "losi_services_2", "losi_services_3")},
        losi_inst_1=False,
        losi_inst_2=False,
        losi_inst_3=False,
        losi_inst_4=False,
    )
    noter_dans_mon_plan(sim).bouton.click()
    grille = _notes(fichier, "Kandi", "m1")["grille"]
    assert (
        len(grille) == 20 and grille["losi_services_3"] is True and grille["losi_inst_1"] is False
    )
    assert Plan.ouvrir().lire("m1", "grille") == grille  # relu depuis le fichier
    document = contenu.construire("Kandi", Plan.ouvrir("Kandi"), figures=False)
    assert document.grille_du_participant and document.critere_faible == "Cadre institutionnel"
    assert document.scores["Cadre institutionnel"] == 0


def test_m1_part_du_pai_et_baisse_du_fadec(fichier):
    sim = baisse_fadec_interactive("Kandi")
    sim.regler(part=3.5, baisse=40)
    boite = noter_dans_mon_plan(sim)
    boite.bouton.click()
    assert _notes(fichier, "Kandi", "m1") == {"part_pai_numerique": 3.5, "baisse_fadec": 40}
    assert "Noté dans votre plan pour Kandi" in boite.message.value and "3,5" in boite.message.value
    budget = contenu.construire("Kandi", Plan.ouvrir("Kandi"), figures=False).budget
    assert budget["part_choisie"] and budget["part_pct"] == pytest.approx(3.5)
    assert budget["baisse_fadec_pct"] == 40


def test_m2_les_sites_choisis_deviennent_la_fiche_des_centres(fichier):
    sim = simulateur_couverture("Kandi")
    sim.regler(rayon_km=15, nombre_centres=3)
    sites = list(sim.resultat["nouveaux_sites"])
    assert len(sites) == 3
    noter_dans_mon_plan(sim).noter()
    assert _notes(fichier, "Kandi", "m2") == {"sites": sites, "rayon_km": 15}
    fiche = _fiche("Kandi", "m2")
    assert not fiche.proposition and all(site in fiche.titre for site in sites), fiche.titre
    assert "15\u00a0km" in fiche.indicateur


def test_m3_le_service_en_ligne_avec_sa_van_et_son_compteur(fichier):
    sim = simulateur_van("Kandi")
    sim.regler(part_en_ligne=50)
    noter_dans_mon_plan(sim).noter()
    notes = _notes(fichier, "Kandi", "m3")
    service = notes["services"][0]
    assert notes["part_en_ligne_cible"] == 50 and service["cible"] == 50
    assert service["van_fcfa"] == round(sim.resultat["van"]) and service["compteur"]
    fiche = _fiche("Kandi", "m3")
    assert not fiche.proposition and fiche.cible == 50 and service["service"] in fiche.titre


def test_m4_relais_et_actions(fichier):
    sim = simulateur_relais("Kandi")
    sim.regler(nb_relais=25)
    boite = noter_dans_mon_plan(sim)
    boite.champs[
        "actions"
    ].value = "Un kiosque au marché central\n\n  Former les jeunes du quartier  "
    boite.bouton.click()
    assert _notes(fichier, "Kandi", "m4") == {
        "relais": 25,
        "actions": ["Un kiosque au marché central", "Former les jeunes du quartier"],
    }
    fiche = _fiche("Kandi", "m4")
    assert not fiche.proposition and "25 relais" in fiche.titre


def test_m5_cible_et_duree_de_la_formation(fichier):
    sim = simulateur_plan("Kandi")
    sim.regler(part_cible=70, annees=4)
    noter_dans_mon_plan(sim).noter()
    assert _notes(fichier, "Kandi", "m5") == {"part_cible": 70, "annees": 4}
    fiche = _fiche("Kandi", "m5")
    assert not fiche.proposition and fiche.cible == 70


def test_rouvrir_le_module_reprend_les_choix_notes(fichier):
    sim = simulateur_plan("Kandi")
    sim.regler(part_cible=70, annees=4)
    noter_dans_mon_plan(sim).noter()
    neuf = simulateur_plan("Kandi")
    assert neuf.controles["part_cible"].value != 70
    boite = noter_dans_mon_plan(neuf)
    assert neuf.valeurs()["part_cible"] == 70 and neuf.valeurs()["annees"] == 4
    # redessiné avec les choix notés
    assert neuf.resultat["trajectoire_pct"][-1] == pytest.approx(70)
    assert len(neuf.resultat["trajectoire_pct"]) == 5  # aujourd'hui et 4 ans
    assert "Déjà noté dans votre plan pour Kandi" in boite.message.value


def test_un_simulateur_ouvert_ailleurs_passe_sur_la_commune_du_plan(fichier):
    sim = simulateur_couverture("Kandi")
    sim.regler(rayon_km=12, nombre_centres=2)
    noter_dans_mon_plan(sim).noter()
    autre = simulateur_couverture("Djougou")  # l'application s'ouvre sur une commune par défaut
    boite = noter_dans_mon_plan(autre)
    assert autre.valeurs()["commune"] == "Kandi" and autre.valeurs()["rayon_km"] == 12
    assert autre.resultat["nouveaux_sites"] == sim.resultat["nouveaux_sites"]
    autre.controles[
        "commune"
    ].value = "Nikki"  # rien de noté pour Nikki : le simulateur reste libre
    assert "Rien n'est encore noté pour Nikki" in _texte(boite.message.value)
    autre.controles["commune"].value = "Kandi"  # revenir sur Kandi reprend ses choix
    assert autre.valeurs()["rayon_km"] == 12


def test_sans_argument_le_widget_prend_le_dernier_simulateur_a_noter(fichier):
    from atelier.modules.m2_centres_numeriques.vues import simulateur_marge

    couverture = simulateur_couverture("Kandi")
    simulateur_marge("Kandi")  # affiché après, mais sans choix pour le plan
    assert noter_dans_mon_plan().sim is couverture


def test_un_plan_abime_est_mis_de_cote_et_le_dit_en_francais(fichier):
    fichier.parent.mkdir(parents=True)
    fichier.write_text("{ pas du json", encoding="utf-8")
    boite = noter_dans_mon_plan(simulateur_plan("Kandi"))
    assert "n'a pas pu être relu" in _texte(boite.message.value)
    assert list(fichier.parent.glob("*.illisible-*.json"))  # gardé, pas écrasé
    boite.noter()
    assert _notes(fichier, "Kandi", "m5")


def test_des_choix_modifies_a_la_main_ne_donnent_pas_de_trace(fichier):
    Plan.ouvrir("Kandi").noter("m5", "part_cible", "beaucoup")
    Plan.ouvrir("Kandi").noter("m5", "annees", [3])
    sim = simulateur_plan("Kandi")
    boite = noter_dans_mon_plan(sim)
    message = _texte(boite.message.value)
    assert "ne sait pas relire" in message and "n'ont pas pu être remis" in message
    sim.regler(part_cible=70, annees=4)
    boite.noter()  # noter de nouveau remplace les valeurs abîmées
    assert _notes(fichier, "Kandi", "m5") == {"part_cible": 70, "annees": 4}


def test_sur_l_application_partagee_rien_n_est_note(fichier, monkeypatch):
    monkeypatch.setattr(appli, "plan_personnel_possible", lambda: False)
    boite = noter_dans_mon_plan(simulateur_plan("Kandi"))
    assert boite.bouton.disabled and "rien n'est gardé" in _texte(boite.message.value)
    assert not fichier.exists()


# --- Mes vrais chiffres ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("1 140 000", 1_140_000),
        ("1\u202f140\u202f000", 1_140_000),
        ("210000", 210_000),
    ],
)
def test_un_chiffre_ecrit_a_la_francaise_est_compris(texte, attendu):
    assert lire_mon_chiffre("Kandi", "population_2024", texte) == attendu


def test_pourcentages_a_la_francaise():
    assert lire_mon_chiffre("Kandi", "taux_usage_internet", "64,7") == pytest.approx(64.7)
    assert lire_mon_chiffre("Kandi", "taux_usage_internet", "12 %") == pytest.approx(12.0)


@pytest.mark.parametrize(
    ("colonne", "texte", "message"),
    [
        ("taux_usage_internet", "140", "entre 0 et 100"),
        ("nb_relais", "60", "entre 0 et 50"),
        ("population_2024", "12,5", "nombre entier"),
        ("population_2024", "beaucoup", "ne se lit pas comme un nombre"),
    ],
)
def test_un_chiffre_hors_des_bornes_est_refuse_et_rien_n_est_ecrit(
    fichier, colonne, texte, message
):
    with pytest.raises(ErreurAtelier) as erreur:
        noter_mon_chiffre("Kandi", colonne, texte)
    assert message in str(erreur.value) and f"« {texte} »" in str(erreur.value)
    assert not fichier.exists()


def test_le_formulaire_note_vos_chiffres_et_le_document_les_reprend(fichier):
    Plan.ouvrir("Kandi").noter("m5", "part_cible", 60)
    boite = mes_vrais_chiffres()
    assert boite.menu.value == "Kandi"  # la commune du plan
    boite.quel.value = "population_2024"
    boite.saisie.value = "abc"
    boite.bouton.click()
    assert "Rien n'a été noté" in _texte(boite.message.value)
    assert Plan.ouvrir().mes_chiffres() == {}
    boite.saisie.value = "310 000"
    boite.bouton.click()
    assert "✓ Noté pour Kandi" in boite.message.value and "310 000" in _texte(boite.liste.value)
    chiffre = Plan.ouvrir().mes_chiffres()["population_2024"]
    assert chiffre["valeur"] == 310_000 and chiffre["origine"] == "vos chiffres"
    ligne = next(
        c
        for c in contenu.chiffres_cles("Kandi", Plan.ouvrir("Kandi"))
        if c["indicateur"] == "Population estimée en 2024"
    )
    assert _texte(ligne["valeur"]) == "310 000"
    assert ligne["origine"] == "chiffre de la commune"
