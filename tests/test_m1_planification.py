"""Module 1 — planification : cycle, grille de maturité, PAI et FADeC, indicateur SMART,
simulateurs et questions (dans les deux sens)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from atelier.donnees import MENTION_SYNTHETIQUE, charger  # noqa: E402
from atelier.erreurs import ErreurAtelier  # noqa: E402
from atelier.exercices import NonRepondu, ReponseIncorrecte  # noqa: E402
from atelier.modules.m1_planification import modele as modele  # noqa: E402
from atelier.modules.m1_planification import questions as questions  # noqa: E402
from atelier.modules.m1_planification import vues as vues  # noqa: E402

CODES = [
    f"losi_{c}_{i}"
    for c in ("inst", "contenu", "services", "participation", "tech")
    for i in range(1, 5)
]


@pytest.fixture(scope="module")
def budget() -> pd.DataFrame:
    return charger("budget").set_index("commune")


@pytest.fixture(scope="module")
def maturite() -> pd.DataFrame:
    return charger("maturite_losi").set_index("commune")


@pytest.fixture(scope="module")
def etat_civil() -> pd.DataFrame:
    return charger("etat_civil").set_index("commune")


@pytest.fixture(autouse=True)
def figures_fermees():
    yield
    assert not plt.get_fignums(), "une figure est restée ouverte (elle s'afficherait deux fois)"


# --- Le cycle ---------------------------------------------------------------------------
def test_le_cycle_va_de_septembre_n_moins_1_a_mai_n_plus_1():
    etapes = modele.etapes_du_cycle()
    assert len(etapes) == 5
    assert (etapes["debut"] < etapes["fin"]).all()
    assert etapes["debut"].is_monotonic_increasing
    assert etapes["debut"].min() == -4  # septembre de l'année précédente [8]
    assert etapes["fin"].max() == 17  # fin mai de l'année suivante [7]
    sans_reference = etapes.loc[~etapes["source"].str.contains(r"\[\d+\]"), "etape"].tolist()
    assert sans_reference == ["Exécution du budget et du PAI"]
    assert "21 mois" in vues.graphique_cycle().axes[0].get_title()


# --- La grille de maturité ------------------------------------------------------------------
def test_la_grille_a_20_indicateurs_4_par_critere():
    grille = modele.grille()
    assert grille["code"].tolist() == CODES
    assert grille.groupby("critere").size().to_dict() == dict.fromkeys(modele.CRITERES, 4)


def test_scores_par_critere_comptent_sur_4():
    assert modele.scores_par_critere(dict.fromkeys(CODES, True)).tolist() == [100.0] * 5
    un_seul = modele.scores_par_critere({"losi_inst_1": True})
    assert un_seul["Cadre institutionnel"] == 1 / 4 * 100
    assert un_seul.drop("Cadre institutionnel").tolist() == [0.0] * 4
    trois = {"losi_services_1": 1, "losi_services_3": 1, "losi_tech_2": True, "losi_tech_3": False}
    scores = modele.scores_par_critere(trois)
    assert scores["Services en ligne"] == 2 / 4 * 100
    assert scores["Technologie"] == 1 / 4 * 100
    assert modele.score_global(trois) == 3 / 20 * 100
    assert list(scores.index) == list(modele.CRITERES)


def test_la_grille_refuse_un_code_inconnu_ou_une_valeur_qui_n_est_pas_une_grille():
    with pytest.raises(ErreurAtelier, match="losi_inst_9"):
        modele.scores_par_critere({"losi_inst_9": True})
    with pytest.raises(ErreurAtelier, match="reponses_commune"):
        modele.scores_par_critere([True, False])


@pytest.mark.parametrize(
    ("score", "niveau"),
    [
        (0, "faible"),
        (24.9, "faible"),
        (25, "moyen"),
        (49.9, "moyen"),
        (50, "élevé"),
        (75, "élevé"),
        (75.1, "très élevé"),
        (100, "très élevé"),
    ],
)
def test_niveaux_aux_seuils_de_l_egdi(score, niveau):
    assert modele.niveau_maturite(score) == niveau


def test_un_score_hors_bornes_est_refuse():
    with pytest.raises(ErreurAtelier, match="entre 0 et 100"):
        modele.niveau_maturite(120)


def test_reponses_et_scores_d_une_commune_suivent_la_table(maturite):
    reponses = modele.reponses_commune("abomey calavi")
    assert reponses == {code: bool(maturite.at["Abomey-Calavi", code]) for code in CODES}
    table = modele.maturite_des_communes().set_index("commune")
    assert len(table) == 77
    remplis = maturite[CODES].sum(axis=1)
    assert table["score_global"].tolist() == pytest.approx((remplis / 20 * 100).tolist())
    services = maturite[[c for c in CODES if "services" in c]].sum(axis=1)
    assert table["Services en ligne"].tolist() == pytest.approx((services / 4 * 100).tolist())


# --- Le numérique dans le PAI et le FADeC -----------------------------------------------------
def test_part_numerique_et_dependance_fadec_a_la_main():
    assert modele.part_numerique(12_500_000, 1_140_000_000) == pytest.approx(12.5 / 1140 * 100)
    assert modele.dependance_fadec(737_569_000, 1_140_000_000) == pytest.approx(64.699, abs=1e-3)
    with pytest.raises(ErreurAtelier, match="plus grand que zéro"):
        modele.part_numerique(1, 0)


def test_pai_apres_une_baisse_du_fadec():
    # 1 140 000 000 − 25 % × 737 569 000 = 1 140 000 000 − 184 392 250
    assert modele.pai_apres_baisse(1_140_000_000, 737_569_000, 25) == 955_607_750
    assert modele.pai_apres_baisse(1_000, 400, 0) == 1_000
    assert modele.pai_apres_baisse(1_000, 400, 100) == 600
    with pytest.raises(ErreurAtelier, match="entre 0 et 100"):
        modele.pai_apres_baisse(1_000, 400, 130)


def test_tableau_budget_ajoute_part_mediane_et_dependance(budget):
    tableau = modele.tableau_budget().set_index("commune")
    parts = budget["pai_numerique_fcfa"] / budget["pai_total_fcfa"] * 100
    pd.testing.assert_series_equal(tableau["part_numerique_pct"], parts, check_names=False)
    assert tableau.at["Kandi", "mediane_departement_pct"] == pytest.approx(
        parts[budget["departement"] == "Alibori"].median()
    )
    # seule du Littoral
    assert tableau.at["Cotonou", "mediane_departement_pct"] == pytest.approx(parts["Cotonou"])


def test_simuler_baisse_fadec_sur_kandi(budget):
    r = modele.simuler_baisse_fadec("Kandi", 25, 2.0)
    pai, fadec = budget.at["Kandi", "pai_total_fcfa"], budget.at["Kandi", "fadec_non_affecte_fcfa"]
    assert r["pai_avant_fcfa"] == pai == 1_140_000_000
    assert r["pai_apres_fcfa"] == pai - fadec / 4
    assert r["numerique_avant_fcfa"] == pytest.approx(1_140_000_000 * 0.02)
    assert r["numerique_apres_fcfa"] == pytest.approx(955_607_750 * 0.02)
    assert r["part_pour_garder_pct"] == pytest.approx(22_800_000 / 955_607_750 * 100)
    sans_part = modele.simuler_baisse_fadec("Kandi", 0)
    assert sans_part["part_numerique_pct"] == pytest.approx(12_500_000 / 1_140_000_000 * 100)
    assert sans_part["part_pour_garder_pct"] == pytest.approx(sans_part["part_numerique_pct"])


# --- L'indicateur SMART ----------------------------------------------------------------------
def test_jalons_reguliers_de_la_valeur_de_depart_a_la_cible():
    table = modele.jalons(1.4, 25, 2024, 2029)
    assert table["annee"].tolist() == [2024, 2025, 2026, 2027, 2028, 2029]
    pas = (25 - 1.4) / 5  # 4,72 points par an
    assert table["valeur"].tolist() == pytest.approx([1.4 + k * pas for k in range(6)])
    assert table["valeur"].iloc[2] == pytest.approx(10.84)
    with pytest.raises(ErreurAtelier, match="après l'année de départ"):
        modele.jalons(1, 2, 2024, 2024)


def test_valeur_de_depart(etat_civil):
    assert (
        modele.valeur_de_depart("parakou")
        == etat_civil.at["Parakou", "part_actes_demandes_en_ligne"]
    )
    with pytest.raises(ErreurAtelier, match="pas de colonne"):
        modele.valeur_de_depart("Kandi", "colonne_inexistante")


# --- Les graphiques et les simulateurs ------------------------------------------------------
def test_les_graphiques_de_donnees_synthetiques_le_disent():
    for figure in (
        vues.graphique_part_numerique("Djougou"),
        vues.graphique_maturite_criteres(),
        vues.carte_part_numerique("Djougou"),
    ):
        assert MENTION_SYNTHETIQUE in figure.axes[0].get_title()


def test_le_critere_le_moins_rempli_est_dans_le_titre(maturite):
    moyennes = {
        c: maturite[[k for k in CODES if k.startswith(f"losi_{c}_")]].to_numpy().mean()
        for c in ("inst", "contenu", "services", "participation", "tech")
    }
    assert min(moyennes, key=moyennes.get) == "services"
    assert (
        "« Services en ligne » est le critère le moins rempli"
        in vues.graphique_maturite_criteres().axes[0].get_title()
    )


def test_titre_du_radar():
    scores = pd.Series([75.0, 25.0, 75.0, 0.0, 50.0], index=modele.CRITERES)
    assert vues.titre_radar("Ouidah", scores) == (
        "Ouidah : niveau moyen (45 % des indicateurs)\ncritère le plus faible : Participation (0 %)"
    )
    egaux = pd.Series([0.0, 0.0, 0.0, 0.0, 25.0], index=modele.CRITERES)
    assert vues.titre_radar("Kandi", egaux).endswith("4 critères à 0 % seulement")


def test_grille_interactive_cocher_une_case_met_a_jour_le_radar(maturite):
    sim = vues.grille_interactive("Kandi")
    depart = maturite.loc["Kandi", CODES]
    assert sim.resultat["score_global"] == depart.sum() / 20 * 100
    case_vide = next(code for code in CODES if "services" in code and not depart[code])
    avant = sim.resultat["scores"]["Services en ligne"]
    sim.controles[case_vide].value = True
    assert sim.resultat["scores"]["Services en ligne"] == avant + 25
    assert sim.resultat["score_global"] == (depart.sum() + 1) / 20 * 100
    assert sim.resultat["cochees"] == depart.sum() + 1


def test_grille_interactive_changer_de_commune_recharge_les_cases_en_un_seul_dessin(
    maturite, monkeypatch
):
    sim = vues.grille_interactive("Kandi")
    dessins = []
    original = vues.graphique_radar
    monkeypatch.setattr(
        vues, "graphique_radar", lambda *a, **k: dessins.append(1) or original(*a, **k)
    )
    sim.controles["commune"].value = "Cotonou"
    assert len(dessins) == 1, (
        "changer de commune doit redessiner une seule fois, pas une fois par case"
    )
    assert all(sim.controles[code].value == bool(maturite.at["Cotonou", code]) for code in CODES)
    assert sim.resultat["commune"] == "Cotonou"
    assert sim.resultat["niveau"] == modele.niveau_maturite(
        maturite.loc["Cotonou", CODES].sum() * 5
    )


def test_baisse_fadec_interactive(budget):
    sim = vues.baisse_fadec_interactive("Djougou")
    part_djougou = (
        budget.at["Djougou", "pai_numerique_fcfa"] / budget.at["Djougou", "pai_total_fcfa"] * 100
    )
    assert sim.controles["part"].value == pytest.approx(round(part_djougou, 2))
    assert sim.resultat["baisse_pct"] == 25
    sim.controles["baisse"].value = 0
    assert sim.resultat["pai_apres_fcfa"] == sim.resultat["pai_avant_fcfa"]
    sim.controles["part"].value = 5.0
    assert sim.resultat["numerique_avant_fcfa"] == pytest.approx(
        budget.at["Djougou", "pai_total_fcfa"] * 0.05
    )
    sim.controles["commune"].value = "Parakou"
    part_parakou = (
        budget.at["Parakou", "pai_numerique_fcfa"] / budget.at["Parakou", "pai_total_fcfa"] * 100
    )
    assert sim.controles["part"].value == pytest.approx(round(part_parakou, 2))
    assert sim.resultat["commune"] == "Parakou"
    assert sim.resultat["part_numerique_pct"] == pytest.approx(round(part_parakou, 2))


def test_jalons_interactive(etat_civil):
    sim = vues.jalons_interactive("Kandi")
    depart = etat_civil.at["Kandi", "part_actes_demandes_en_ligne"]
    assert sim.resultat["pas_annuel"] == pytest.approx((30 - depart) / 5)
    sim.controles["cible"].value = 50
    assert sim.resultat["jalons"][2029] == pytest.approx(50)
    sim.controles["annee_cible"].value = 2034
    assert sim.resultat["pas_annuel"] == pytest.approx((50 - depart) / 10)
    assert (
        "points de pourcentage de plus par an"
        in vues.graphique_jalons(modele.jalons(depart, 50, 2024, 2034), "Kandi").axes[0].get_title()
    )


# --- Les questions, dans les deux sens -------------------------------------------------------
def _niveau_a_la_main(remplis: int) -> str:
    score = remplis / 20 * 100
    return (
        "très élevé"
        if score > 75
        else "élevé"
        if score >= 50
        else "moyen"
        if score >= 25
        else "faible"
    )


def _bonnes_reponses(budget, maturite, etat_civil) -> dict:
    def part(c):
        return budget.at[c, "pai_numerique_fcfa"] / budget.at[c, "pai_total_fcfa"] * 100

    def dependance(c):
        return budget.at[c, "fadec_non_affecte_fcfa"] / budget.at[c, "pai_total_fcfa"] * 100

    parts = budget["pai_numerique_fcfa"] / budget["pai_total_fcfa"] * 100
    participation = [c for c in CODES if "participation" in c]
    par_critere = {
        critere: maturite.loc[
            "Ouidah", [c for c in CODES if c.startswith(f"losi_{prefixe}_")]
        ].sum()
        for critere, prefixe in zip(
            modele.CRITERES, ("inst", "contenu", "services", "participation", "tech"), strict=True
        )
    }
    assert maturite.loc["Ouidah", participation].sum() == min(par_critere.values())
    nikki, parakou = (
        etat_civil.at[c, "part_actes_demandes_en_ligne"] for c in ("Nikki", "Parakou")
    )
    return {
        "a1": part("Bohicon"),
        "a2": dependance("Abomey"),
        "a3": _niveau_a_la_main(maturite.loc["Allada", CODES].sum()),
        "a4": nikki + 3 * (20 - nikki) / 5,
        "q1": budget.at["Natitingou", "fadec_non_affecte_fcfa"],
        "q2": part("Djougou"),
        "q3": parts[budget["departement"] == "Borgou"].median(),
        "q4": dependance("Kandi"),
        "q5": budget.at["Lokossa", "pai_total_fcfa"]
        - 0.25 * budget.at["Lokossa", "fadec_non_affecte_fcfa"],
        "q6": min(par_critere, key=par_critere.get),
        "q7": _niveau_a_la_main(maturite.loc["Abomey-Calavi", CODES].sum()),
        "q8": parakou + 2 * (30 - parakou) / 5,
    }


def _erreurs_typiques(budget, etat_civil) -> dict:
    parts = budget["pai_numerique_fcfa"] / budget["pai_total_fcfa"] * 100
    parakou = etat_civil.at["Parakou", "part_actes_demandes_en_ligne"]
    nikki = etat_civil.at["Nikki", "part_actes_demandes_en_ligne"]
    return {
        "a1": (
            budget.at["Bohicon", "pai_numerique_fcfa"]
            / budget.at["Bohicon", "budget_total_fcfa"]
            * 100,
            "budget total",
        ),
        "a2": (
            budget.at["Abomey", "fadec_non_affecte_fcfa"] / budget.at["Abomey", "pai_total_fcfa"],
            "pourcentage",
        ),
        "a3": ("très élevé", "pas la réponse attendue"),
        "a4": (3 * (20 - nikki) / 5, "valeur de départ"),
        "q1": (budget.at["Natitingou", "fadec_affecte_fcfa"], "FADeC affecté"),
        "q2": (
            budget.at["Djougou", "pai_numerique_fcfa"]
            / budget.at["Djougou", "budget_total_fcfa"]
            * 100,
            "budget total",
        ),
        "q3": (parts[budget["departement"] == "Borgou"].mean(), "moyenne"),
        "q4": (
            (
                budget.at["Kandi", "fadec_non_affecte_fcfa"]
                + budget.at["Kandi", "fadec_affecte_fcfa"]
            )
            / budget.at["Kandi", "pai_total_fcfa"]
            * 100,
            "FADeC affecté",
        ),
        "q5": (0.75 * budget.at["Lokossa", "pai_total_fcfa"], "tout le PAI"),
        "q6": ("Services en ligne", "pas à Ouidah"),
        "q7": ("faible", "pas la réponse attendue"),
        "q8": ((30 - parakou) / 5, "pas annuel"),
    }


NOMS = ["a1", "a2", "a3", "a4", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]


@pytest.mark.parametrize("nom", NOMS)
def test_le_point_de_depart_n_est_pas_encore_repondu(nom):
    with pytest.raises(NonRepondu, match="pas encore répondu"):
        getattr(questions, nom).verifier(...)


@pytest.mark.parametrize("nom", NOMS)
def test_la_bonne_reponse_passe(nom, budget, maturite, etat_civil, capsys):
    getattr(questions, nom).verifier(_bonnes_reponses(budget, maturite, etat_civil)[nom])
    assert "bonne réponse" in capsys.readouterr().out


@pytest.mark.parametrize("nom", NOMS)
def test_une_erreur_typique_est_expliquee(nom, budget, etat_civil):
    reponse, explication = _erreurs_typiques(budget, etat_civil)[nom]
    with pytest.raises(ReponseIncorrecte, match=explication):
        getattr(questions, nom).verifier(reponse)


def test_un_arrondi_raisonnable_passe_et_un_arrondi_trop_fort_est_signale(budget):
    part = budget.at["Djougou", "pai_numerique_fcfa"] / budget.at["Djougou", "pai_total_fcfa"] * 100
    questions.q2.verifier(round(part, 2))
    with pytest.raises(ReponseIncorrecte, match="proche"):
        questions.q2.verifier(round(part, 1))
    pai = (
        budget.at["Lokossa", "pai_total_fcfa"]
        - 0.25 * budget.at["Lokossa", "fadec_non_affecte_fcfa"]
    )
    questions.q5.verifier(round(pai))
    with pytest.raises(ReponseIncorrecte):  # l'énoncé demande le montant au franc près
        questions.q5.verifier(round(pai, -3))
    with pytest.raises(ReponseIncorrecte, match="million"):
        questions.q5.verifier(pai / 1e6)


def test_les_choix_acceptent_accents_et_majuscules_libres():
    questions.q7.verifier("ELEVE")
    questions.q6.verifier("participation")
    with pytest.raises(ReponseIncorrecte, match="l'une de ces possibilités"):
        questions.q6.verifier("Internet")


def test_les_solutions_proposees_sont_justes(capsys):
    """Le code montré par ``solution()`` donne bien la bonne réponse."""
    espace = {
        "budget": modele.tableau_budget().set_index("commune"),
        "etat_civil": charger("etat_civil").set_index("commune"),
        "reponses_commune": modele.reponses_commune,
        "scores_par_critere": modele.scores_par_critere,
        "score_global": modele.score_global,
        "niveau_maturite": modele.niveau_maturite,
    }
    for nom in NOMS:
        question = getattr(questions, nom)
        variables = dict(espace)
        exec(question.solution_code, variables)  # noqa: S102 - code écrit par nous
        nom_variable = question.solution_code.splitlines()[-1].split("=")[0].strip()
        question.verifier(variables[nom_variable])


def test_le_departement_de_la_commune_est_surligne(budget):
    axes = vues.graphique_part_numerique("Djougou").axes[0]
    hachurees = [barre for barre in axes.patches if barre.get_hatch()]
    assert len(hachurees) == 1
    parts = budget["pai_numerique_fcfa"] / budget["pai_total_fcfa"] * 100
    donga = parts[budget["departement"] == "Donga"].median()
    assert hachurees[0].get_width() == pytest.approx(donga)
    assert any(texte.get_text() == f"{donga:.2f} %".replace(".", ",") for texte in axes.texts)
