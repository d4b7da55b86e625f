"""Module 5 (formation et sensibilisation) : modèle, simulateurs, questions, leçon.

Les valeurs attendues sont calculées à la main dans les tests (l'arithmétique
est écrite en commentaire ou dans l'expression), ou recalculées à partir des
tables avec pandas, sans passer par le modèle.
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
from atelier.modules.m5_formation import modele as m  # noqa: E402
from atelier.modules.m5_formation import questions as questions  # noqa: E402
from atelier.modules.m5_formation import vues as vues  # noqa: E402

from conftest import RACINE  # noqa: E402

LECON = RACINE / "notebooks" / "m5_formation.ipynb"
EXERCICE = RACINE / "exercises" / "source" / "m5_formation" / "m5_formation.ipynb"
DOMAINES = ["niv_info", "niv_comm", "niv_contenu", "niv_securite", "niv_resolution"]


@pytest.fixture(scope="module")
def enquete():
    return charger("enquete_competences")


@pytest.fixture(scope="module")
def communes():
    return charger_communes("connectivite").set_index("commune")


@pytest.fixture(scope="module")
def evaluation():
    return charger("evaluation_formation")


@pytest.fixture(scope="module")
def canaux():
    return charger("canaux_sensibilisation")


@pytest.fixture(autouse=True)
def fermer_figures():
    yield
    plt.close("all")


def petite_enquete() -> pd.DataFrame:
    """Six répondants inventés, niveaux choisis pour un calcul à la main."""
    return pd.DataFrame(
        {
            "commune": ["Kandi"] * 6,
            "sexe": ["femme", "femme", "femme", "homme", "homme", "homme"],
            "milieu": ["rural", "rural", "urbain", "rural", "urbain", "urbain"],
            "tranche_age": ["15-24", "65+", "25-34", "15-24", "35-49", "50-64"],
            "niv_info": [0, 1, 3, 2, 5, 0],
            "niv_comm": [1, 1, 4, 2, 6, 1],
            "niv_contenu": [0, 0, 2, 1, 4, 0],
            "niv_securite": [0, 1, 1, 1, 3, 0],
            "niv_resolution": [1, 0, 2, 1, 3, 0],
        }
    )


# --- Modèle : DigComp et enquête ------------------------------------------------------


@pytest.mark.parametrize(
    ("niveau", "palier"),
    [
        (0, "aucun"),
        (1, "fondamental"),
        (2, "fondamental"),
        (3, "intermédiaire"),
        (4, "intermédiaire"),
        (5, "avancé"),
        (6, "avancé"),
        (7, "hautement spécialisé"),
        (8, "hautement spécialisé"),
    ],
)
def test_palier_digcomp(niveau, palier):
    assert m.palier_digcomp(niveau) == palier


@pytest.mark.parametrize("niveau", [-1, 9, 2.5])
def test_palier_digcomp_refuse_un_niveau_hors_echelle(niveau):
    with pytest.raises(ErreurAtelier, match="entier de 0 à 8"):
        m.palier_digcomp(niveau)


def test_part_au_moins_a_la_main():
    e = petite_enquete()
    # niv_info >= 1 : 1, 3, 2, 5 → 4 répondants sur 6
    assert m.part_au_moins(e, "niv_info", 1) == pytest.approx(4 / 6 * 100)
    # niv_info >= 3 : 3, 5 → 2 sur 6
    assert m.part_au_moins(e, "niv_info", 3) == pytest.approx(2 / 6 * 100)
    # les 5 domaines >= 1 : répondants 3 (3,4,2,1,2) et 4 (2,2,1,1,1) et 5 (5,6,4,3,3) → 3 sur 6
    assert m.part_au_moins(e, "tous", 1) == pytest.approx(3 / 6 * 100)
    # le libellé du domaine est accepté à la place de la colonne
    assert m.part_au_moins(e, "Sécurité", 1) == pytest.approx(4 / 6 * 100)


def test_tableau_par_groupe_a_la_main():
    tableau = m.tableau_par_groupe(petite_enquete(), "niv_securite", "sexe")
    assert list(tableau.index) == ["femme", "homme"]
    # femmes : 0, 1, 1 → 2 sur 3 ; hommes : 1, 3, 0 → 2 sur 3
    assert tableau.loc["femme", "repondants"] == 3 and tableau.loc["femme", "au_niveau"] == 2
    assert tableau.loc["homme", "part_pct"] == pytest.approx(200 / 3)
    milieu = m.tableau_par_groupe(petite_enquete(), "niv_contenu", "milieu")
    # rural : 0, 0, 1 → 1 sur 3 ; urbain : 2, 4, 0 → 2 sur 3 ; écart 66,7 − 33,3 = 33,3 points
    assert milieu["part_pct"].tolist() == pytest.approx([100 / 3, 200 / 3])
    assert m.ecart_points(milieu) == pytest.approx(100 / 3)


def test_les_tranches_d_age_sont_dans_l_ordre():
    tableau = m.tableau_par_groupe(petite_enquete(), "niv_comm", "tranche_age")
    assert list(tableau.index) == ["15-24", "25-34", "35-49", "50-64", "65+"]


def test_profil_domaines_a_la_main():
    profil = m.profil_domaines(petite_enquete(), 1)
    # création de contenu >= 1 : 2, 1, 4 → 3 sur 6
    assert profil["Création de contenu"] == pytest.approx(50)
    assert list(profil.index) == list(m.DOMAINES.values())


def test_domaine_ou_groupe_inconnu_explique_en_francais():
    with pytest.raises(ErreurAtelier, match="Vouliez-vous dire « niv_securite »"):
        m.part_au_moins(petite_enquete(), "niv_secu", 1)
    with pytest.raises(ErreurAtelier, match="comparer que selon"):
        m.tableau_par_groupe(petite_enquete(), "niv_info", "commune")
    with pytest.raises(ErreurAtelier, match="Aucun répondant"):
        m.part_au_moins(petite_enquete().iloc[0:0], "niv_info")


def test_part_competences_base_de_la_table_connectivite_se_retrouve(enquete, communes):
    """La colonne de la table connectivite est bien « au moins 1 dans les 5 domaines »."""
    kandi = enquete[enquete["commune"] == "Kandi"]
    a_la_main = 100 * (kandi[DOMAINES] >= 1).all(axis=1).sum() / len(kandi)
    assert m.part_au_moins(kandi, "tous", 1) == pytest.approx(a_la_main)
    assert round(a_la_main, 1) == communes.at["Kandi", "part_competences_base"]


# --- Modèle : les chiffres d'internet ----------------------------------------------------


def test_denominateur_a_la_main():
    assert m.denominateur(3.8, 28) == pytest.approx(3.8 / 0.28)  # ≈ 13,57 millions
    assert m.denominateur(3.8, 48) == pytest.approx(3.8 / 0.48)  # ≈ 7,92 millions
    with pytest.raises(ErreurAtelier, match="plus grand que 0"):
        m.denominateur(3.8, 0)
    with pytest.raises(ErreurAtelier, match="entre 0 et 100"):
        m.denominateur(3.8, 148)


def test_les_chiffres_d_internet_ont_des_denominateurs_plausibles():
    """Les populations sous-entendues par les sources se tiennent : 12 à 14,5 millions d'habitants,
    moins d'adultes que d'habitants, et la même GSMA sur deux dénominateurs."""
    chiffres = m.chiffres_internet()
    connus = chiffres.dropna(subset=["effectif"])
    populations = connus["effectif"] / (connus["valeur_pct"] / 100)
    totales = populations[connus["sur_quelle_population"] == "population totale"]
    adultes = populations[connus["sur_quelle_population"] == "adultes"]
    assert totales.between(12e6, 14.5e6).all()
    assert (adultes < totales.min()).all()
    gsma = connus[connus["source"] == "GSMA"]
    assert gsma["effectif"].nunique() == 1 and gsma["valeur_pct"].nunique() == 2
    assert chiffres["reference"].str.match(r"\[\d+\]").all()


# --- Modèle : de la cible au plan ------------------------------------------------------


def test_personnes_a_former_a_la_main():
    assert m.personnes_a_former(120_967, 45, 60) == 18_145  # 120 967 × 15 ÷ 100 = 18 145,05
    assert m.personnes_a_former(105_151, 37.5, 55) == 18_401  # 105 151 × 17,5 ÷ 100 = 18 401,4
    assert m.personnes_a_former(1000, 70, 60) == 0  # cible déjà atteinte
    with pytest.raises(ErreurAtelier, match="entre 0 et 100"):
        m.personnes_a_former(1000, 45, 120)


def test_sessions_arrondies_vers_le_haut():
    assert m.sessions_necessaires(18_145, 20) == 908  # 907,25 → 908
    assert m.sessions_necessaires(40, 20) == 2  # tombe juste
    assert m.sessions_necessaires(41, 20) == 3  # 2,05 → 3
    # 0,3 × 100 = 30,000000000000004 en machine : ce n'est pas 4 sessions de 10
    assert m.sessions_necessaires(0.3 * 100, 10) == 3
    with pytest.raises(ErreurAtelier, match="plus grand que 0"):
        m.sessions_necessaires(100, 0)


def test_formateurs_arrondis_vers_le_haut():
    assert m.formateurs_necessaires(908, 3, 40) == 8  # 908 ÷ 3 = 302,7 → 303 ; 303 ÷ 40 = 7,6 → 8
    assert m.formateurs_necessaires(737, 3, 40) == 7  # 737 ÷ 3 = 245,7 → 246 ; 246 ÷ 40 = 6,15 → 7
    assert m.formateurs_necessaires(120, 3, 40) == 1  # 40 par an : un formateur, tout juste
    assert m.formateurs_necessaires(121, 3, 40) == 2  # 41 par an : il en faut deux
    assert m.formateurs_necessaires(0, 3, 40) == 0


def test_budget_a_la_main():
    assert m.budget_formation(908, 200_000) == 181_600_000  # 908 × 200 000
    with pytest.raises(ErreurAtelier, match="négatif"):
        m.budget_formation(10, -1)


def test_plan_formation_kandi_a_la_main():
    plan = m.plan_formation(
        120_967,
        45,
        60,
        annees=3,
        taille_session=20,
        sessions_par_formateur_an=40,
        cout_session_fcfa=200_000,
    )
    assert plan["personnes"] == 18_145
    assert plan["sessions"] == 908
    assert plan["sessions_par_an"] == 303  # 908 ÷ 3 = 302,7
    assert plan["formateurs"] == 8
    assert plan["budget_fcfa"] == 181_600_000
    assert plan["budget_par_an_fcfa"] == 60_533_333  # 181 600 000 ÷ 3
    assert plan["personnes_par_an"] == 6_049  # 18 145 ÷ 3 = 6 048,3
    assert plan["trajectoire_pct"] == pytest.approx([45, 50, 55, 60])


def test_plan_formation_cible_deja_atteinte():
    plan = m.plan_formation(500_000, 72.5, 60)
    assert (plan["personnes"], plan["sessions"], plan["formateurs"], plan["budget_fcfa"]) == (
        0,
        0,
        0,
        0,
    )
    assert plan["trajectoire_pct"] == pytest.approx([72.5] * 4)


# --- Modèle : sensibilisation et évaluation ----------------------------------------------


def test_matrice_impact_effort_a_la_main():
    canaux = pd.DataFrame(
        {
            "action": ["SMS", "Radio", "Affiches", "Caravane"],
            "portee_estimee": [10_000, 20_000, 4_000, 5_000],
            "cout_fcfa": [100_000, 400_000, 200_000, 1_000_000],
            "impact_score": [5, 3, 2, 1],
            "effort_score": [1, 3, 2, 5],
        }
    )
    matrice = m.matrice_impact_effort(canaux)
    assert matrice["quadrant"].tolist() == [
        "gain rapide",
        "grand projet",
        "action d'appoint",
        "à reconsidérer",
    ]
    # 100 000 ÷ 10 000 = 10 ; 400 000 ÷ 20 000 = 20 ; 200 000 ÷ 4 000 = 50 ; 1 000 000 ÷ 5 000 = 200
    assert matrice["cout_par_personne_fcfa"].tolist() == pytest.approx([10, 20, 50, 200])
    assert m.cout_par_personne(canaux)["Radio"] == pytest.approx(20)
    # avec un seuil de 4, la radio (3, 3) devient une action d'appoint
    assert m.matrice_impact_effort(canaux, seuil=4).loc[1, "quadrant"] == "action d'appoint"


def test_resultats_evaluation_a_la_main():
    evaluation = pd.DataFrame(
        {
            "groupe": ["A", "A", "B", "B"],
            "score_pre": [8.0, 12.0, 6.0, 9.0],
            "score_post": [12.0, 11.0, 10.0, 15.0],
        }
    )
    tableau = m.resultats_evaluation(evaluation)
    # A : gains +4 et −1 → 1,5 ; réussite avant : 12 seul → 1 sur 2 ; après : 12 et 11 → 2 sur 2
    assert tableau.loc["A", "gain_moyen"] == pytest.approx(1.5)
    assert tableau.loc["A", "reussite_avant_pct"] == pytest.approx(50)
    assert tableau.loc["A", "reussite_apres_pct"] == pytest.approx(100)
    # B : gains +4 et +6 → 5 ; moyenne après (10 + 15) ÷ 2 = 12,5 ; réussite avant 0, après 2 sur 2
    assert tableau.loc["B", "gain_moyen"] == pytest.approx(5)
    assert tableau.loc["B", "moyenne_apres"] == pytest.approx(12.5)
    assert tableau.loc["B", "reussite_avant_pct"] == 0
    ensemble = m.resultats_evaluation(evaluation, par=None, seuil=12).iloc[0]
    # seuil 12 : avant 12 → 1 sur 4 ; après 12, 15 → 2 sur 4
    assert ensemble["participants"] == 4
    assert (ensemble["reussite_avant_pct"], ensemble["reussite_apres_pct"]) == pytest.approx(
        (25, 50)
    )


def test_kirkpatrick_a_quatre_niveaux_dans_l_ordre():
    assert list(m.NIVEAUX_KIRKPATRICK.values()) == [
        "réaction",
        "apprentissage",
        "comportement",
        "résultats",
    ]


# --- Vues : un changement de contrôle redessine --------------------------------------


def test_simulateur_competences_suit_les_controles(enquete):
    sim = vues.simulateur_competences(enquete)
    femmes = enquete[enquete["sexe"] == "femme"]
    assert sim.resultat["parts"]["femme"] == pytest.approx(
        100 * (femmes["niv_info"] >= 1).mean(), abs=0.05
    )
    assert sim.resultat["repondants"] == 3080 and not sim.resultat["prudence"]

    sim.controles["par"].value = "milieu"
    sim.controles["domaine"].value = "niv_securite"
    rural = enquete[enquete["milieu"] == "rural"]
    urbain = enquete[enquete["milieu"] == "urbain"]
    assert set(sim.resultat["parts"]) == {"rural", "urbain"}
    ecart = 100 * ((urbain["niv_securite"] >= 1).mean() - (rural["niv_securite"] >= 1).mean())
    assert sim.resultat["ecart_points"] == pytest.approx(ecart, abs=0.05)

    sim.controles["commune"].value = "Kandi"
    assert sim.resultat["repondants"] == 40
    assert sim.resultat["prudence"]  # moins de 30 répondants par groupe
    assert not plt.get_fignums()


def test_simulateur_competences_niveau_plus_haut_donne_des_parts_plus_basses(enquete):
    sim = vues.simulateur_competences(enquete)
    avant = sim.resultat["parts"]["homme"]
    sim.controles["niveau_min"].value = 3
    hommes = enquete[enquete["sexe"] == "homme"]
    assert sim.resultat["parts"]["homme"] == pytest.approx(
        100 * (hommes["niv_info"] >= 3).mean(), abs=0.05
    )
    assert sim.resultat["parts"]["homme"] < avant


def test_simulateur_plan_suit_les_controles(communes):
    sim = vues.simulateur_plan("Kandi")
    adultes = communes.at["Kandi", "population_adulte_2024"]
    base = communes.at["Kandi", "part_competences_base"]
    assert sim.resultat["part_actuelle"] == base
    sim.controles["part_cible"].value = 70
    personnes = round(adultes * (70 - base) / 100)
    assert sim.resultat["personnes"] == personnes
    assert sim.resultat["sessions"] == math.ceil(personnes / 20)

    sim.controles["taille_session"].value = 30
    assert sim.resultat["sessions"] == math.ceil(personnes / 30)
    sim.controles["cout_session_milliers"].value = 300
    assert sim.resultat["budget_fcfa"] == math.ceil(personnes / 30) * 300_000

    sim.controles["commune"].value = "Cotonou"
    assert sim.resultat["part_actuelle"] == communes.at["Cotonou", "part_competences_base"]
    sim.controles["part_cible"].value = 50  # sous le niveau actuel de Cotonou (fictif)
    assert sim.resultat["personnes"] == 0 and sim.resultat["formateurs"] == 0


def test_simulateur_profil_suit_la_commune(enquete):
    sim = vues.simulateur_profil("Kandi", enquete)
    kandi = enquete[enquete["commune"] == "Kandi"]
    parts = {d: 100 * (kandi[d] >= 1).mean() for d in DOMAINES}
    assert sim.resultat["domaine_le_plus_faible"] == m.DOMAINES[min(parts, key=parts.get)]
    sim.controles["commune"].value = "Matéri"
    materi = enquete[enquete["commune"] == "Matéri"]
    assert sim.resultat["commune"]["Sécurité"] == pytest.approx(
        100 * (materi["niv_securite"] >= 1).mean(), abs=0.05
    )


def test_simulateur_evaluation_suit_le_seuil(evaluation):
    sim = vues.simulateur_evaluation(evaluation)
    assert sim.resultat["reussite_apres_pct"] == pytest.approx(
        100 * (evaluation["score_post"] >= 10).mean(), abs=0.05
    )
    sim.controles["seuil"].value = 12
    assert sim.resultat["reussite_apres_pct"] == pytest.approx(
        100 * (evaluation["score_post"] >= 12).mean(), abs=0.05
    )
    sim.controles["par"].value = "sexe"
    assert sim.resultat["groupes"] == ["femme", "homme"]


def test_les_titres_des_graphiques_disent_ce_que_montrent_les_donnees(canaux, evaluation):
    rapides = ((canaux["impact_score"] >= 3) & (canaux["effort_score"] <= 2)).sum()
    titre = vues.graphique_impact_effort(canaux).get_suptitle()
    assert titre.startswith(f"{rapides} actions sur {len(canaux)}")
    assert "données synthétiques" in titre

    gains = (
        (evaluation["score_post"] - evaluation["score_pre"]).groupby(evaluation["groupe"]).mean()
    )
    titre = vues.graphique_avant_apres(evaluation).get_suptitle()
    assert f"« {gains.idxmax()} » gagne le plus" in titre
    assert nombre_fr(round(gains.max(), 1), 1) in titre

    titre = vues.graphique_chiffres_internet().get_suptitle()
    assert "28 %" in titre and "70 %" in titre


# --- Questions : chacune dans les deux sens ----------------------------------------------


def _reponses(enquete, communes, canaux, evaluation):
    """Les bonnes réponses, recalculées à partir des tables (sans le modèle du module)."""
    contenu = enquete.groupby("sexe")["niv_contenu"].apply(lambda s: 100 * (s >= 1).mean())
    nikki = communes.loc["Nikki"]
    sessions = math.ceil(
        nikki["population_adulte_2024"] * (55 - nikki["part_competences_base"]) / 100 / 25
    )
    elus = evaluation[evaluation["groupe"] == "Élus communaux"]
    femmes = evaluation[evaluation["groupe"] == "Groupements de femmes"]
    ages = enquete.groupby("tranche_age")["niv_comm"].apply(lambda s: 100 * (s >= 1).mean())
    radio = canaux.set_index("action").loc["Émissions sur la radio communautaire"]
    return {
        "q1": communes.at["Djougou", "part_competences_base"],
        "q2": "intermédiaire",
        "q3": contenu["homme"] - contenu["femme"],
        "q4": 3.8 / 0.48,
        "q5": sessions,
        "q6": math.ceil(math.ceil(sessions / 3) / 40),
        "q7": ((canaux["impact_score"] >= 3) & (canaux["effort_score"] < 3)).sum(),
        "q8": (elus["score_post"] - elus["score_pre"]).mean(),
        "q9": 2,
        "a1": 100 * (enquete["niv_info"] >= 1).mean(),
        "a2": ages["15-24"] - ages["65+"],
        "a3": 16.3 / 8.5,
        "a4": math.ceil(120_967 * (60 - 45) / 100 / 20),
        "a5": radio["cout_fcfa"] / radio["portee_estimee"],
        "a6": 100 * (femmes["score_post"] >= 10).mean(),
    }


NOMS = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "a1", "a2", "a3", "a4", "a5", "a6"]


@pytest.mark.parametrize("nom", NOMS)
def test_la_question_non_repondue_le_dit(nom):
    with pytest.raises(NonRepondu, match="pas encore répondu"):
        getattr(questions, nom).verifier(...)


@pytest.mark.parametrize("nom", NOMS)
def test_la_bonne_reponse_passe(nom, enquete, communes, canaux, evaluation, capsys):
    reponse = _reponses(enquete, communes, canaux, evaluation)[nom]
    getattr(questions, nom).verifier(reponse)
    assert "bonne réponse" in capsys.readouterr().out


def _erreurs(enquete, communes, canaux, evaluation):
    """Une erreur fréquente par question, et le début du message qui doit l'expliquer."""
    nikki = communes.loc["Nikki"]
    a_former_pop = nikki["population_2024"] * (55 - nikki["part_competences_base"]) / 100
    contenu_3 = enquete.groupby("sexe")["niv_contenu"].apply(lambda s: 100 * (s >= 3).mean())
    elus = evaluation[evaluation["groupe"] == "Élus communaux"]
    return {
        "q1": (communes.at["Djougou", "taux_usage_internet"], "taux d'usage d'internet"),
        "q2": ("avancé", "niveaux 5 et 6"),
        "q3": (contenu_3["homme"] - contenu_3["femme"], "niveau 3 ou plus"),
        "q4": (3.8 / 0.28, "population totale"),
        "q5": (math.ceil(a_former_pop / 25), "toute la population"),
        "q6": (math.ceil(737 / 40), "la même année"),
        "q7": ((canaux["impact_score"] >= 3).sum(), "impact fort"),
        "q8": (elus["score_post"].mean(), "note moyenne après"),
        "q9": (1, "réaction"),
        "a1": (100 * (enquete["niv_info"] >= 3).mean(), "niveau 3 ou plus"),
        "a2": (-38.66, "signe est inversé"),
        "a3": (8.5 / 16.3, "inversé"),
        "a4": (math.floor(120_967 * 15 / 100 / 20), "arrondi vers le bas"),
        "a5": (28_500 / 445_000, "inversé"),
        "a6": (
            100
            * (
                evaluation.loc[evaluation["groupe"] == "Groupements de femmes", "score_pre"] >= 10
            ).mean(),
            "AVANT",
        ),
    }


@pytest.mark.parametrize("nom", NOMS)
def test_une_erreur_frequente_recoit_un_message_utile(nom, enquete, communes, canaux, evaluation):
    mauvaise, message = _erreurs(enquete, communes, canaux, evaluation)[nom]
    with pytest.raises(ReponseIncorrecte, match=message):
        getattr(questions, nom).verifier(mauvaise)


@pytest.mark.parametrize(
    ("nom", "mauvaise", "message"),
    [
        ("q5", 736, "arrondi vers le bas"),
        ("q5", 921, "20 personnes par session"),
        ("q6", 6, "arrondi vers le bas"),
        ("q4", 3.8 * 0.48, "multiplié"),
        ("q3", 0.1126, "proportion"),
        ("q2", "moyen", "l'une de ces possibilités"),
        ("q9", 4, "résultats"),
    ],
)
def test_d_autres_erreurs_frequentes(nom, mauvaise, message):
    with pytest.raises(ReponseIncorrecte, match=message):
        getattr(questions, nom).verifier(mauvaise)


def test_chaque_question_a_des_indices_et_une_solution():
    for nom in NOMS:
        question = getattr(questions, nom)
        assert len(question.indices) >= 2, nom
        assert question.solution_code.strip(), nom


# --- La leçon et l'exercice ----------------------------------------------------------------


def _texte(carnet) -> str:
    return "\n".join(
        c.source for c in nbformat.read(carnet, as_version=4).cells if c.cell_type == "markdown"
    )


def test_les_chiffres_cites_dans_la_lecon_sont_ceux_des_donnees(enquete, communes):
    """Les exemples chiffrés écrits dans le texte de la leçon suivent les tables."""
    texte = _texte(LECON)
    kandi = communes.loc["Kandi"]
    adultes = kandi["population_adulte_2024"]
    assert f"{nombre_fr(adultes)} adultes" in texte
    assert f"{nombre_fr(kandi['part_competences_base'], 1)} % avec les compétences de base" in texte
    personnes = round(adultes * (60 - kandi["part_competences_base"]) / 100)
    sessions = math.ceil(personnes / 20)
    assert f"= {nombre_fr(personnes)} personnes" in texte
    assert f"**{sessions} sessions**" in texte
    assert f"{nombre_fr(sessions * 200_000)} FCFA" in texte
    securite = enquete.groupby("milieu")["niv_securite"]
    for milieu in ("rural", "urbain"):
        au_niveau = (securite.get_group(milieu) >= 1).sum()
        total = securite.get_group(milieu).size
        assert f"{nombre_fr(au_niveau)} ÷ {nombre_fr(total)} × 100" in texte
    kandi_rep = enquete[enquete["commune"] == "Kandi"]
    femmes = kandi_rep[kandi_rep["sexe"] == "femme"]
    hommes = kandi_rep[kandi_rep["sexe"] == "homme"]
    assert (femmes["niv_securite"] >= 1).sum() > (hommes["niv_securite"] >= 1).sum()
    assert f"({(femmes['niv_securite'] >= 1).sum()} sur {len(femmes)} contre" in texte
    assert (
        f"{round(100 * enquete['utilise_internet'].mean())} % des répondants ont utilisé internet"
        in texte
    )


def test_les_canaux_cites_comme_les_moins_et_les_plus_chers_le_sont(canaux):
    cout = (canaux["cout_fcfa"] / canaux["portee_estimee"]).set_axis(canaux["action"]).sort_values()
    assert set(cout.index[:2]) == {"Messages sur WhatsApp et Facebook", "SMS de masse"}
    assert set(cout.index[-2:]) == {"Stand les jours de marché", "Caravane motorisée"}
    texte = _texte(LECON)
    assert "les stands de marché et la caravane motorisée, le plus cher" in texte


def test_la_carte_dit_vrai_le_sud_et_les_villes_devant_le_nord(communes):
    par_departement = communes.groupby("departement")["part_competences_base"].mean()
    nord = par_departement[["Alibori", "Atacora", "Donga"]]
    sud = par_departement[["Littoral", "Ouémé", "Atlantique", "Mono", "Couffo", "Plateau"]]
    assert sud.min() > nord.max()


def test_l_exercice_a_au_moins_six_questions_automatiques_et_un_ecrit():
    cellules = nbformat.read(EXERCICE, as_version=4).cells
    notees = [
        c for c in cellules if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    ]
    ecrits = [c for c in cellules if c.metadata.get("nbgrader", {}).get("task")]
    assert len(notees) >= 6 and len(ecrits) == 1
    assert all(f"q{i}.verifier(" in c.source for i, c in enumerate(notees, start=1))
    communes_citees = {nom for nom in ("Djougou", "Nikki", "Kandi") if nom in _texte(EXERCICE)}
    assert len(communes_citees) >= 2


def test_q4_un_nombre_d_adultes_n_est_pas_pris_pour_un_pourcentage():
    """La question compte en millions d'adultes : pas de diagnostic « pourcentage » ou « proportion »."""
    for mauvaise in (3.8 / 48, 3.8 * 100 / 48 / 100):
        with pytest.raises(ReponseIncorrecte) as refus:
            questions.q4.verifier(mauvaise)
        assert "pourcentage" not in str(refus.value) and "proportion" not in str(refus.value)
    with pytest.raises(ReponseIncorrecte, match="millions"):
        questions.q4.verifier(3.8e6 * 100 / 48)
    questions.q4.verifier("7,9")
