"""Module 4 — entreprises, start-ups et relais digitaux.

Le modèle contre des valeurs calculées à la main, les simulateurs (un contrôle
change, le résumé suit), chaque question dans les deux sens, et les exemples
chiffrés de la leçon contre les données.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from atelier.donnees import charger, charger_communes  # noqa: E402
from atelier.erreurs import ErreurAtelier, nombre_fr  # noqa: E402
from atelier.exercices import NonRepondu, ReponseIncorrecte  # noqa: E402
from atelier.modules.m4_entreprises_relais import modele as m  # noqa: E402
from atelier.modules.m4_entreprises_relais import questions as questions  # noqa: E402
from atelier.modules.m4_entreprises_relais import vues as vues  # noqa: E402

from conftest import RACINE  # noqa: E402

SLUG = "m4_entreprises_relais"


@pytest.fixture(scope="module")
def economie() -> pd.DataFrame:
    return charger_communes("economie_numerique", "connectivite").set_index("commune")


@pytest.fixture(scope="module")
def secteurs() -> pd.DataFrame:
    return charger("entreprises_secteurs")


# --- Le modèle, contre des calculs faits à la main ---------------------------------------


def test_pour_10000():
    assert m.pour_10000(5, 50_000) == pytest.approx(1.0)  # 5 ÷ 50 000 × 10 000
    assert m.pour_10000(458, 991_337) == pytest.approx(4.620, abs=1e-3)  # 0,000462 × 10 000
    with pytest.raises(ErreurAtelier, match="population"):
        m.pour_10000(3, 0)


def test_charges_marge_et_seuil_de_rentabilite():
    assert m.charges_fixes(41_000, 83_000) == 124_000
    assert m.charges_fixes(41_000, 83_000, autres=6_000) == 130_000
    assert m.marge_par_prestation(600, 175) == 425
    # 124 000 ÷ 425 = 291,76… prestations par mois ; ÷ 26 jours = 11,2… → 12 visites par jour
    assert m.seuil_rentabilite(124_000, 600, 175) == pytest.approx(291.7647, abs=1e-4)
    assert m.seuil_par_jour(124_000, 600, 175) == 12
    # Un compte rond n'est pas arrondi au-dessus : 26 000 ÷ 100 = 260 ; 260 ÷ 26 = 10 exactement
    assert m.seuil_par_jour(26_000, 200, 100) == 10
    assert m.seuil_par_jour(26_000, 200, 100, jours=20) == 13  # 260 ÷ 20


@pytest.mark.parametrize("prix", [150, 175])
def test_un_prix_qui_ne_depasse_pas_le_cout_variable_est_explique(prix):
    with pytest.raises(ErreurAtelier, match="jamais être rentable"):
        m.seuil_rentabilite(124_000, prix, 175)


def test_resultat_mensuel():
    # 15 visites × 26 jours = 390 prestations ; 390 × (550 − 150) = 156 000 ; − 93 000 de charges
    assert m.resultat_mensuel(15, 550, 150, 93_000) == 63_000
    assert m.resultat_mensuel(0, 550, 150, 93_000) == -93_000
    # Au seuil (12 visites à Parakou), le kiosque ne perd plus d'argent ; à 11, il en perd
    assert m.resultat_mensuel(12, 600, 175, 124_000) == 12 * 26 * 425 - 124_000 == 8_600
    assert m.resultat_mensuel(11, 600, 175, 124_000) < 0


def test_courbe_de_rentabilite():
    courbe = m.courbe_rentabilite(600, 175, 124_000, visites_max=2)
    assert courbe["visites_par_jour"].tolist() == [0, 1, 2]
    assert courbe["recettes"].tolist() == [0, 26 * 600, 52 * 600]
    assert courbe["couts_totaux"].tolist() == [124_000, 124_000 + 26 * 175, 124_000 + 52 * 175]
    assert courbe["resultat"].tolist() == [-124_000, 15_600 - 128_550, 31_200 - 133_100]


def test_adultes_hors_ligne():
    assert m.adultes_hors_ligne(1_000, 30) == pytest.approx(700)
    assert m.adultes_hors_ligne(168_283, 31.3) == pytest.approx(168_283 * 0.687)
    with pytest.raises(ErreurAtelier, match="entre 0 et 100"):
        m.adultes_hors_ligne(1_000, 130)


def test_relais_et_mois_necessaires():
    # 115 610,4 ÷ (60 × 12 = 720) = 160,57 → 161 relais
    assert m.relais_necessaires(115_610.421, 60, 12) == 161
    # 7 200 ÷ 720 = 10 tout rond : 10 relais, pas 11
    assert m.relais_necessaires(7_200, 60, 12) == 10
    # 50 relais × 60 = 3 000 personnes par mois ; 115 610,4 ÷ 3 000 = 38,5 → 39 mois
    assert m.mois_necessaires(50, 115_610.421, 60) == 39
    with pytest.raises(ErreurAtelier, match="au moins un mois"):
        m.relais_necessaires(1_000, 60, 0)
    with pytest.raises(ErreurAtelier, match="au moins un relais"):
        m.mois_necessaires(0, 1_000, 60)


def test_part_atteinte_plafonnee_a_100():
    # 50 × 60 × 12 = 36 000 personnes ; 36 000 ÷ 115 610,4 = 31,14 %
    assert m.part_atteinte(50, 12, 115_610.421, 60) == pytest.approx(31.139, abs=1e-3)
    assert m.part_atteinte(10, 12, 1_000, 60) == 100  # 7 200 personnes pour 1 000 : plafond
    assert m.part_atteinte(1, 1, 0, 60) == 100  # personne à atteindre


def test_atteinte_mois_par_mois():
    # 2 relais × 60 = 120 personnes par mois, pour 500 adultes hors ligne
    table = m.atteinte_par_mois(2, 5, 500, 60)
    assert table["mois"].tolist() == [0, 1, 2, 3, 4, 5]
    assert table["personnes_atteintes"].tolist() == [0, 120, 240, 360, 480, 500]
    assert table["part_atteinte_pct"].tolist() == pytest.approx([0, 24, 48, 72, 96, 100])


def test_repartition_des_secteurs():
    table = pd.DataFrame(
        {
            "commune": ["A", "A", "A", "B", "B"],
            "secteur": ["Cyber", "Vente", "Agri", "Cyber", "Vente"],
            "nb_entreprises": [6, 3, 1, 2, 8],
        }
    )
    a = m.repartition_secteurs(table, "A")
    assert a["secteur"].tolist() == ["Cyber", "Vente", "Agri"]
    assert a["part_pct"].tolist() == pytest.approx([60, 30, 10])  # 6, 3 et 1 sur 10
    pays = m.repartition_secteurs(table)
    assert pays["secteur"].tolist() == ["Vente", "Cyber", "Agri"]  # 11, 8, 1
    assert pays["nb_entreprises"].tolist() == [11, 8, 1]
    with pytest.raises(ErreurAtelier, match="Aucune entreprise"):
        m.repartition_secteurs(table, "C")


def test_indicateurs_economie():
    table = pd.DataFrame(
        {
            "commune": ["A"],
            "population_2024": [20_000],
            "population_adulte_2024": [10_000],
            "nb_entreprises_num": [8],
            "nb_relais": [3],
            "nb_points_mobile_money": [40],
            "taux_usage_internet": [25.0],
        }
    )
    ligne = m.indicateurs_economie(table).iloc[0]
    assert ligne["entreprises_pour_10000"] == pytest.approx(4)  # 8 ÷ 20 000 × 10 000
    assert ligne["relais_pour_10000"] == pytest.approx(1.5)  # 3 ÷ 20 000 × 10 000
    assert ligne["adultes_par_point_mm"] == pytest.approx(250)  # 10 000 ÷ 40
    assert ligne["adultes_hors_ligne"] == pytest.approx(7_500)  # 10 000 × 0,75
    assert "entreprises_pour_10000" not in table.columns, "le tableau d'origine ne doit pas changer"


# --- Les simulateurs : un contrôle change, le résumé suit -----------------------------------


def test_explorer_secteurs(secteurs):
    sim = vues.explorer_secteurs("Cotonou")
    cotonou = secteurs[secteurs["commune"] == "Cotonou"]
    assert sim.resultat["total"] == cotonou["nb_entreprises"].sum()
    sim.controles["commune"].value = "Aplahoué"
    aplahoue = secteurs[secteurs["commune"] == "Aplahoué"]
    assert sim.resultat["commune"] == "Aplahoué"
    assert sim.resultat["total"] == aplahoue["nb_entreprises"].sum()
    assert (
        sim.resultat["premier_secteur"]
        == aplahoue.sort_values("nb_entreprises").iloc[-1]["secteur"]
    )
    assert not plt.get_fignums()


def test_simulateur_rentabilite(economie):
    parakou = economie.loc["Parakou"]
    fixes = parakou["loyer_fcfa"] + parakou["salaire_fcfa"]
    marge = parakou["prix_prestation_fcfa"] - parakou["cout_variable_fcfa"]
    sim = vues.simulateur_rentabilite("Parakou")
    assert sim.controles["prix"].value == parakou["prix_prestation_fcfa"]
    assert sim.resultat["charges_fixes"] == fixes
    assert sim.resultat["seuil_par_jour"] == math.ceil(fixes / marge / 26)
    assert sim.resultat["resultat_mensuel"] == 10 * 26 * marge - fixes

    sim.controles["visites_par_jour"].value = 30
    assert sim.resultat["resultat_mensuel"] == 30 * 26 * marge - fixes
    assert sim.resultat["rentable"]

    sim.controles["salaire"].value = 52_000  # le SMIG : le seuil baisse
    nouveau_seuil = math.ceil((parakou["loyer_fcfa"] + 52_000) / marge / 26)
    assert sim.resultat["seuil_par_jour"] == nouveau_seuil < math.ceil(fixes / marge / 26)

    sim.controles["prix"].value = 150  # moins que le coût variable : jamais rentable, sans planter
    assert sim.resultat["seuil_par_jour"] is None
    assert not sim.resultat["rentable"]
    assert not plt.get_fignums()


def test_simulateur_relais(economie):
    sim = vues.simulateur_relais("Banikoara")
    ligne = economie.loc["Banikoara"]
    hors_ligne = ligne["population_adulte_2024"] * (1 - ligne["taux_usage_internet"] / 100)
    assert sim.controles["nb_relais"].value == ligne["nb_relais"]
    assert sim.controles["citoyens_par_relais_mois"].value == 60
    assert sim.resultat["adultes_hors_ligne"] == pytest.approx(hors_ligne)
    assert sim.resultat["part_atteinte_pct"] == pytest.approx(
        ligne["nb_relais"] * 60 * 12 / hors_ligne * 100
    )
    assert sim.resultat["relais_necessaires"] == math.ceil(hors_ligne / 720)

    sim.controles["mois"].value = 24
    assert sim.resultat["relais_necessaires"] == math.ceil(hors_ligne / (60 * 24))
    sim.controles["nb_relais"].value = 400
    assert sim.resultat["part_atteinte_pct"] == 100

    sim.controles["commune"].value = "Cotonou"
    cotonou = economie.loc["Cotonou"]
    assert sim.resultat["commune"] == "Cotonou"
    assert sim.resultat["adultes_hors_ligne"] == pytest.approx(
        cotonou["population_adulte_2024"] * (1 - cotonou["taux_usage_internet"] / 100)
    )
    assert not plt.get_fignums()


# --- Les questions, dans les deux sens ------------------------------------------------------


def _hors_ligne(ligne):
    return ligne["population_adulte_2024"] * (1 - ligne["taux_usage_internet"] / 100)


def _seuil(ligne):
    return (ligne["loyer_fcfa"] + ligne["salaire_fcfa"]) / (
        ligne["prix_prestation_fcfa"] - ligne["cout_variable_fcfa"]
    )


def _par_10000(ligne, population="population_2024"):
    return ligne["nb_entreprises_num"] / ligne[population] * 10_000


def _premier_secteur(secteurs, commune):
    lignes = secteurs[secteurs["commune"] == commune]
    return lignes.sort_values("nb_entreprises").iloc[-1]["secteur"]


def _lokossa(economie, jours=26, visites=15, avec_cout=True, avec_fixes=True):
    ligne = economie.loc["Lokossa"]
    marge = ligne["prix_prestation_fcfa"] - (ligne["cout_variable_fcfa"] if avec_cout else 0)
    fixes = ligne["loyer_fcfa"] + ligne["salaire_fcfa"] if avec_fixes else 0
    return visites * jours * marge - fixes


# question → (bonne réponse, [(erreur typique, morceau du message attendu)]), calculées ici à partir des données
CAS = {
    "q1": (
        lambda e, s: e.loc["Djougou", "nb_points_mobile_money"],
        [(lambda e, s: e.loc["Djougou", "comptes_mobile_money"], "nombre de comptes")],
    ),
    "q2": (
        lambda e, s: _par_10000(e.loc["Bohicon"]),
        [
            (lambda e, s: _par_10000(e.loc["Bohicon"], "population_2013"), "population de 2013"),
            (lambda e, s: _par_10000(e.loc["Bohicon"], "population_adulte_2024"), "seuls adultes"),
            (lambda e, s: _par_10000(e.loc["Bohicon"]) / 10, "pour 1 000 habitants"),
        ],
    ),
    "q3": (
        lambda e, s: _premier_secteur(s, "Aplahoué"),
        [
            (
                lambda e, s: "Vente et réparation de téléphones et d'ordinateurs",
                "la plupart des communes",
            )
        ],
    ),
    "q4": (
        lambda e, s: math.ceil(_seuil(e.loc["Dangbo"])),
        [
            (
                lambda e, s: (
                    (e.loc["Dangbo", "loyer_fcfa"] + e.loc["Dangbo", "salaire_fcfa"])
                    / e.loc["Dangbo", "prix_prestation_fcfa"]
                ),
                "divisé par le prix",
            ),
            (
                lambda e, s: (
                    e.loc["Dangbo", "salaire_fcfa"]
                    / (
                        e.loc["Dangbo", "prix_prestation_fcfa"]
                        - e.loc["Dangbo", "cout_variable_fcfa"]
                    )
                ),
                "loyer",
            ),
            (lambda e, s: _seuil(e.loc["Dangbo"]) / 26, "par jour"),
            (lambda e, s: math.floor(_seuil(e.loc["Dangbo"])), "vers le haut"),
            (lambda e, s: _seuil(e.loc["Dangbo"]), "vers le haut"),
        ],
    ),
    "q5": (
        lambda e, s: _lokossa(e),
        [
            (lambda e, s: _lokossa(e, avec_cout=False), "coût variable"),
            (lambda e, s: _lokossa(e, avec_fixes=False), "charges fixes"),
            (lambda e, s: _lokossa(e, jours=1), "un seul jour"),
            (lambda e, s: _lokossa(e, avec_cout=False, avec_fixes=False), "recettes"),
        ],
    ),
    "q6": (
        lambda e, s: _hors_ligne(e.loc["Natitingou"]),
        [
            (
                lambda e, s: (
                    e.loc["Natitingou", "population_adulte_2024"]
                    * e.loc["Natitingou", "taux_usage_internet"]
                    / 100
                ),
                "qui utilisent internet",
            ),
            (
                lambda e, s: (
                    e.loc["Natitingou", "population_2024"]
                    * (1 - e.loc["Natitingou", "taux_usage_internet"] / 100)
                ),
                "toute la population",
            ),
            (
                lambda e, s: (
                    e.loc["Natitingou", "population_adulte_2024"]
                    * e.loc["Natitingou", "part_sans_smartphone"]
                    / 100
                ),
                "sans smartphone",
            ),
        ],
    ),
    "q7": (
        lambda e, s: math.ceil(_hors_ligne(e.loc["Savalou"]) / (60 * 12)),
        [
            (lambda e, s: math.floor(_hors_ligne(e.loc["Savalou"]) / (60 * 12)), "vers le haut"),
            (lambda e, s: _hors_ligne(e.loc["Savalou"]) / 60, "en un mois"),
            (lambda e, s: math.ceil(_hors_ligne(e.loc["Savalou"]) / 60), "en un mois"),
            (
                lambda e, s: math.ceil(
                    e.loc["Savalou", "population_adulte_2024"]
                    * e.loc["Savalou", "taux_usage_internet"]
                    / 100
                    / 720
                ),
                "utilisent déjà internet",
            ),
            (
                lambda e, s: math.ceil(
                    e.loc["Savalou", "population_2024"]
                    * (1 - e.loc["Savalou", "taux_usage_internet"] / 100)
                    / 720
                ),
                "toute la population",
            ),
        ],
    ),
    "q8": (
        lambda e, s: min(
            100, e.loc["Sakété", "nb_relais"] * 60 * 12 / _hors_ligne(e.loc["Sakété"]) * 100
        ),
        [
            (
                lambda e, s: e.loc["Sakété", "nb_relais"] * 60 / _hors_ligne(e.loc["Sakété"]) * 100,
                "un seul mois",
            ),
            (
                lambda e, s: (
                    e.loc["Sakété", "nb_relais"]
                    * 720
                    / e.loc["Sakété", "population_adulte_2024"]
                    * 100
                ),
                "tous les adultes",
            ),
            (
                lambda e, s: (
                    e.loc["Sakété", "nb_relais"]
                    * 720
                    / (
                        e.loc["Sakété", "population_adulte_2024"]
                        * e.loc["Sakété", "taux_usage_internet"]
                        / 100
                    )
                    * 100
                ),
                "utilisent internet",
            ),
            (
                lambda e, s: e.loc["Sakété", "nb_relais"] * 720 / _hors_ligne(e.loc["Sakété"]),
                "proportion",
            ),
        ],
    ),
    "a1": (
        lambda e, s: _par_10000(e.loc["Abomey-Calavi"]),
        [
            (
                lambda e, s: _par_10000(e.loc["Abomey-Calavi"], "population_2013"),
                "population de 2013",
            )
        ],
    ),
    "a2": (
        lambda e, s: math.ceil(_seuil(e.loc["Banikoara"])),
        [
            (lambda e, s: math.floor(_seuil(e.loc["Banikoara"])), "vers le haut"),
            (lambda e, s: _seuil(e.loc["Banikoara"]), "vers le haut"),
            (
                lambda e, s: (
                    (e.loc["Banikoara", "loyer_fcfa"] + e.loc["Banikoara", "salaire_fcfa"])
                    / e.loc["Banikoara", "prix_prestation_fcfa"]
                ),
                "divisé par le prix",
            ),
        ],
    ),
    "a3": (
        lambda e, s: math.ceil(_hors_ligne(e.loc["Akpro-Missérété"]) / 720),
        [
            (lambda e, s: _hors_ligne(e.loc["Akpro-Missérété"]) / 720, "vers le haut"),
            (
                lambda e, s: math.ceil(
                    e.loc["Akpro-Missérété", "population_adulte_2024"]
                    * e.loc["Akpro-Missérété", "taux_usage_internet"]
                    / 100
                    / 720
                ),
                "utilisent déjà internet",
            ),
        ],
    ),
}


def test_chaque_question_du_module_est_couverte():
    definies = {n for n in dir(questions) if n[:1] in "qa" and n[1:].isdigit()}
    assert definies == set(CAS)
    assert sum(n.startswith("q") for n in definies) >= 6


@pytest.mark.parametrize("nom", sorted(CAS))
def test_le_point_de_depart_n_est_pas_une_reponse(nom):
    with pytest.raises(NonRepondu, match="pas encore répondu"):
        getattr(questions, nom).verifier(...)


@pytest.mark.parametrize("nom", sorted(CAS))
def test_la_bonne_reponse_passe(nom, economie, secteurs, capsys):
    bonne, _ = CAS[nom]
    getattr(questions, nom).verifier(bonne(economie, secteurs))
    assert "bonne réponse" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("nom", "i"),
    [(nom, i) for nom, (_, erreurs) in sorted(CAS.items()) for i in range(len(erreurs))],
)
def test_une_erreur_typique_recoit_un_message_qui_aide(nom, i, economie, secteurs):
    fausse, morceau = CAS[nom][1][i]
    with pytest.raises(ReponseIncorrecte, match=morceau):
        getattr(questions, nom).verifier(fausse(economie, secteurs))


def test_une_reponse_eloignee_est_refusee_sans_piege(economie):
    with pytest.raises(ReponseIncorrecte, match="pas la réponse attendue"):
        questions.q7.verifier(7)
    with pytest.raises(ReponseIncorrecte, match="répondez par l'une"):
        questions.q3.verifier("Boulangerie")


@pytest.mark.parametrize("nom", sorted(CAS))
def test_la_solution_proposee_est_juste(nom, economie, secteurs, capsys):
    """Le code montré par ``solution()`` passe la vérification, avec les noms des carnets."""
    question = getattr(questions, nom)
    espace = {
        "math": math,
        "economie": economie,
        "secteurs": secteurs,
        "citoyens_par_mois": 60,
        "jours_ouverture": 26,
    }
    exec(question.solution_code, espace)  # noqa: S102 - notre propre code de solution
    affectations = [
        ligne
        for ligne in question.solution_code.splitlines()
        if " = " in ligne and not ligne[0].isspace()
    ]
    variable = affectations[-1].split(" = ")[0]
    question.verifier(espace[variable])
    assert "bonne réponse" in capsys.readouterr().out


# --- La leçon : ses exemples chiffrés suivent les données -------------------------------------


def _texte_lecon() -> str:
    nb = nbformat.read(RACINE / "notebooks" / f"{SLUG}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_les_exemples_de_la_lecon_correspondent_aux_donnees(economie):
    texte = _texte_lecon().replace("\u202f", " ")

    def present(valeur, decimales=0):
        ecrit = nombre_fr(valeur, decimales).replace("\u202f", " ")
        assert ecrit in texte, f"la leçon devrait citer {ecrit}"

    cotonou = economie.loc["Cotonou"]
    present(cotonou["nb_entreprises_num"])
    present(cotonou["population_2024"])
    present(_par_10000(cotonou), 1)

    parakou = economie.loc["Parakou"]
    for colonne in ("loyer_fcfa", "salaire_fcfa", "prix_prestation_fcfa", "cout_variable_fcfa"):
        present(parakou[colonne])
    present(_seuil(parakou), 1)
    present(math.ceil(_seuil(parakou)))
    present(math.ceil(_seuil(parakou) / 26))

    banikoara = economie.loc["Banikoara"]
    hors_ligne = _hors_ligne(banikoara)
    present(banikoara["population_adulte_2024"])
    present(round(hors_ligne))
    present(math.ceil(hors_ligne / 720))
    present(round(banikoara["nb_relais"] * 720 / hors_ligne * 100))
    present(math.ceil(hors_ligne / (banikoara["nb_relais"] * 60)))


def test_la_lecon_suit_le_plan_commun():
    texte = _texte_lecon()
    for titre in (
        "## Objectifs",
        "## Le contexte",
        "## Explorer",
        "## Comprendre la méthode",
        "## À vous",
        "## À retenir",
        "## Glossaire",
        "## Sources",
    ):
        assert titre in texte, f"section manquante : {titre}"
    assert "données synthétiques (fictives, pour l'exercice)" in texte


def test_le_guide_du_formateur_et_la_fiche():
    page = (RACINE / "facilitator_guide" / "modules" / f"{SLUG}.md").read_text(encoding="utf-8")
    for titre in (
        "Objectifs",
        "Déroulé d'une demi-journée",
        "À préparer",
        "La partie notée",
        "Grille de notation des écrits",
        "Difficultés fréquentes et comment débloquer",
        "Pour aller plus loin",
    ):
        assert f"## {titre}" in page, f"rubrique manquante dans le guide : {titre}"
    for exemple in ("faible", "moyenne", "forte"):
        assert f"Réponse {exemple}" in page
    fiche = (RACINE / "facilitator_guide" / "fiches" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert len(fiche.splitlines()) <= 60, "la fiche doit tenir sur une page imprimée"


def test_les_exemples_du_guide_correspondent_aux_donnees(economie):
    """Les copies d'exemple du guide citent Dassa-Zoumè : leurs chiffres suivent les données."""
    page = (RACINE / "facilitator_guide" / "modules" / f"{SLUG}.md").read_text(encoding="utf-8")
    ligne = economie.loc["Dassa-Zoumè"]
    fixes = ligne["loyer_fcfa"] + ligne["salaire_fcfa"]
    marge = ligne["prix_prestation_fcfa"] - ligne["cout_variable_fcfa"]
    attendus = [
        nombre_fr(ligne["population_adulte_2024"]),
        nombre_fr(ligne["taux_usage_internet"], 1),
        nombre_fr(round(_hors_ligne(ligne))),
        f"{ligne['nb_points_mobile_money']} points",
        f"{nombre_fr(fixes)} ÷ {nombre_fr(marge)} = {nombre_fr(math.ceil(fixes / marge))} prestations",
        f"{math.ceil(fixes / marge / 26)} visites par jour",
        f"{nombre_fr(fixes)} ÷ {nombre_fr(ligne['prix_prestation_fcfa'])}",  # l'erreur de la copie moyenne
        f"à partir de {nombre_fr(fixes / ligne['prix_prestation_fcfa'])} visites",
    ]
    texte = page.replace("\u202f", " ")
    for attendu in attendus:
        assert attendu.replace("\u202f", " ") in texte, f"le guide devrait citer « {attendu} »"
    exercice = (RACINE / "exercises" / "source" / SLUG / f"{SLUG}.ipynb").read_text(
        encoding="utf-8"
    )
    assert "Dassa-Zoum" not in exercice, (
        "les exemples du guide ne doivent donner la réponse d'aucune question notée"
    )


def test_l_arrondi_vers_le_haut_est_exige_par_l_autocontrole_et_par_le_correcteur(economie):
    """Q4 : le seuil se lit « au minimum » ; seul l'entier supérieur est juste, des deux côtés."""
    from atelier.exercices import controler

    seuil = _seuil(economie.loc["Dangbo"])
    assert not float(seuil).is_integer()
    questions.q4.verifier(math.ceil(seuil))
    controler(questions.q4, math.ceil(seuil), math.ceil(seuil))
    for trop_bas in (math.floor(seuil), seuil, round(seuil, 1)):
        with pytest.raises(ReponseIncorrecte):
            questions.q4.verifier(trop_bas)
        with pytest.raises(AssertionError):
            controler(questions.q4, trop_bas, math.ceil(seuil))
