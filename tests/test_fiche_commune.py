"""La fiche commune : chiffres clés, comparaison au département, vue interactive."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import html  # noqa: E402

from atelier.donnees import charger_communes  # noqa: E402
from atelier.fiche_commune.modele import chiffres_cles, comparaison_departement  # noqa: E402
from atelier.fiche_commune.vues import du_departement, fiche_commune_interactive  # noqa: E402


def test_comparaison_de_kandi_avec_l_alibori():
    tableau = charger_communes("connectivite", "etat_civil")
    alibori = tableau[tableau["departement"] == "Alibori"].set_index("commune")["population_2013"]
    ligne = comparaison_departement("kandi").set_index("colonne").loc["population_2013"]
    assert ligne["commune"] == 179290  # RGPH4 2013
    assert ligne["nb_communes_departement"] == len(alibori) == 6
    assert ligne["rang"] == 1 + (alibori > 179290).sum()
    assert ligne["mediane_departement"] == alibori.median()
    assert ligne["nature"] == "réel"
    assert (
        comparaison_departement("Kandi").set_index("colonne").loc["part_couverture_4g", "nature"]
        == "synthétique"
    )


def test_chiffres_cles_et_statuts_reels():
    porto_novo = chiffres_cles("Porto-Novo")
    assert porto_novo["departement"] == "Ouémé" and porto_novo["pilote_ecommune"]
    assert (
        chiffres_cles("Adjarra")["ccsp_mars_2023"] and not chiffres_cles("Kandi")["ccsp_mars_2023"]
    )


def test_la_vue_change_avec_la_commune():
    vue = fiche_commune_interactive("Cotonou")
    assert vue.resultat["departement"] == "Littoral"
    vue.controles["commune"].value = "Parakou"
    assert vue.resultat == {
        "commune": "Parakou",
        "departement": "Borgou",
        "population_2013": 255478,
        "indicateur": "population_2013",
    }
    vue.controles["indicateur"].value = "Usage d'internet"
    assert vue.resultat["indicateur"] == "taux_usage_internet"


def test_la_fiche_s_ouvre_sur_la_commune_du_participant(monkeypatch, tmp_path):
    plan = tmp_path / "plan.json"
    monkeypatch.setenv("ATELIER_PLAN", str(plan))
    monkeypatch.delenv("ATELIER_COMMUNE", raising=False)
    # Rien de connu : une commune d'un département de plusieurs communes, pas Cotonou (rang « 1 / 1 »).
    assert fiche_commune_interactive().resultat["commune"] == "Parakou"
    # La dernière commune choisie dans le plan numérique, lue sans rien écrire.
    plan.write_text('{"version": 1, "commune": "Kandi", "communes": {}}', encoding="utf-8")
    assert fiche_commune_interactive().resultat["commune"] == "Kandi"
    # La commune de la liste de la salle (posée par le hub), écrite sans accent ni tiret.
    monkeypatch.setenv("ATELIER_COMMUNE", "dassa zoume")
    assert fiche_commune_interactive().resultat["commune"] == "Dassa-Zoumè"
    # Une commune inconnue dans la liste ne bloque rien : on passe à la suivante.
    monkeypatch.setenv("ATELIER_COMMUNE", "Mairie centrale")
    assert fiche_commune_interactive().resultat["commune"] == "Kandi"
    assert plan.read_text(encoding="utf-8") == '{"version": 1, "commune": "Kandi", "communes": {}}'


def test_articles_des_departements():
    assert du_departement("Borgou") == "du Borgou"
    assert du_departement("Alibori") == "de l'Alibori"
    assert du_departement("Collines") == "des Collines"


def test_liens_des_applications_en_local_et_en_salle(monkeypatch):
    from atelier.applications import adresse, applications, liens_des_applications

    assert "fiche_commune" in applications() and applications()["fiche_commune"].startswith(
        "Fiche commune"
    )
    monkeypatch.delenv("ATELIER_APPLIS", raising=False)
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/awa/")
    assert (
        adresse("fiche_commune")
        == "/user/awa/voila/render/notebooks/applications/fiche_commune.ipynb"
    )
    monkeypatch.setenv("ATELIER_APPLIS", "/services/applis/voila/render/")
    assert (
        adresse("m2_centres_numeriques")
        == "/services/applis/voila/render/m2_centres_numeriques.ipynb"
    )
    assert liens_des_applications().data.count("<li>") == len(applications())


def test_la_fiche_montre_les_chiffres_de_la_commune_et_ne_relit_le_plan_qu_au_changement_de_commune(
    monkeypatch, tmp_path
):
    from atelier.plan import Plan, chiffres
    from atelier.vues import fiche_commune as vue_fiche

    monkeypatch.setenv("ATELIER_PLAN", str(tmp_path / "plan.json"))
    monkeypatch.delenv("ATELIER_COMMUNE", raising=False)
    plan = Plan.ouvrir("Kandi")
    plan.noter_chiffre("taux_usage_internet", 99.5)  # un indicateur de la fiche
    plan.noter_chiffre("nb_relais", 9)  # un chiffre hors des indicateurs de la fiche
    lectures, pages = [], []
    vraie_lecture = chiffres.lire
    monkeypatch.setattr(
        chiffres, "lire", lambda chemin: lectures.append(chemin) or vraie_lecture(chemin)
    )
    monkeypatch.setattr(vue_fiche, "display", lambda objet: pages.append(html.unescape(objet.data)))

    vue = fiche_commune_interactive()
    assert vue.resultat["commune"] == "Kandi"
    assert vue.resultat["chiffres_de_la_commune"] == {"taux_usage_internet": 99.5, "nb_relais": 9}
    ligne = next(x for x in pages[-1].split("<tr>") if x.startswith("<td>Usage d'internet"))
    # rang recalculé
    assert "99,5 %" in ligne and "1 / 6" in ligne and "chiffre de la commune" in ligne
    ligne = next(x for x in pages[-1].split("<tr>") if x.startswith("<td>Couverture 4G"))
    assert "chiffre de la commune" not in ligne and "données synthétiques" in ligne
    ligne = next(x for x in pages[-1].split("<tr>") if x.startswith("<td>Relais digitaux"))
    assert "9 relais" in ligne and "chiffre de la commune" in ligne

    lu = len(lectures)
    for indicateur in list(vue.controles["indicateur"].options)[:4]:
        vue.controles["indicateur"].value = indicateur
    assert len(lectures) == lu, "le plan est relu à chaque dessin"
    vue.controles["commune"].value = "Parakou"
    assert len(lectures) == lu + 1 and "chiffres_de_la_commune" not in vue.resultat
    assert "chiffre de la commune" not in pages[-1]
    plan.noter_chiffre("delai_moyen_jours", 2.5)  # noté entre-temps, dans « Mes vrais chiffres »
    vue.controles["commune"].value = "Kandi"
    assert vue.resultat["chiffres_de_la_commune"]["delai_moyen_jours"] == 2.5
    assert "2,5 jours" in next(
        x for x in pages[-1].split("<tr>") if x.startswith("<td>Délai moyen")
    )


def test_un_plan_illisible_ne_bloque_pas_la_fiche(monkeypatch, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(
        '{"version": 1, "commune": "Kandi", "communes": {"Kandi": {"mes_chiffres": '
        '{"nb_guichets": {"valeur": "trois"}}}}}',
        encoding="utf-8",
    )
    monkeypatch.setenv("ATELIER_PLAN", str(plan))
    monkeypatch.delenv("ATELIER_COMMUNE", raising=False)
    vue = fiche_commune_interactive()
    assert vue.resultat["commune"] == "Kandi" and "chiffres_de_la_commune" not in vue.resultat
