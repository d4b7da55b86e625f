"""Module 5, parcours des élus : chaque réponse du corrigé est celle que l'écran affiche,
et chaque question se vérifie dans les deux sens (non répondu, erreur plausible, bonne réponse)."""

from __future__ import annotations

import re

import pytest
from ecran import cellules, texte_affiche

from atelier.donnees import charger, charger_communes
from atelier.erreurs import nombre_fr
from atelier.exercices import ReponseIncorrecte
from atelier.modules.m5_formation import modele as modele
from atelier.modules.m5_formation import questions_elus as questions

from conftest import reponses_du_corrige

EXERCICE = "m5_formation_elus"
CORRIGE = reponses_du_corrige(EXERCICE)
QUESTIONS = {f"reponse_q{n}": getattr(questions, f"q{n}") for n in range(1, 8)}
ENQUETE = charger("enquete_competences")
EVALUATION = charger("evaluation_formation")


def _ecran(cellule: str) -> str:
    return texte_affiche(EXERCICE, cellule)


def test_le_corrige_repond_a_chaque_question_par_une_valeur_en_clair():
    assert set(CORRIGE) == set(QUESTIONS)
    assert all(isinstance(v, (int, float, str)) for v in CORRIGE.values())
    carnet = cellules(EXERCICE)
    for nom, question in QUESTIONS.items():
        assert f"### BEGIN SOLUTION\n{question.solution_code}\n### END SOLUTION" in carnet[nom]


def test_q1_et_q2_se_lisent_dans_le_profil_de_djougou():
    ecran = _ecran("affichage_q1")
    assert (
        f"Djougou : le domaine le moins maîtrisé est « {CORRIGE['reponse_q1']} » "
        f"({nombre_fr(CORRIGE['reponse_q2'], 1)} % au niveau 1 ou plus)"
    ) in ecran
    profil = modele.profil_domaines(ENQUETE[ENQUETE["commune"] == "Djougou"], 1)
    assert profil.idxmin() == CORRIGE["reponse_q1"]
    assert round(profil[CORRIGE["reponse_q1"]], 1) == CORRIGE["reponse_q2"]


def test_q3_est_l_ecart_du_titre_et_la_difference_des_deux_barres():
    ecran = _ecran("affichage_q3")
    urbain, rural, ecart = re.search(
        r"Milieu urbain (\d+) %, Milieu rural (\d+) %\nsoit (\d+) points d'écart", ecran
    ).groups()
    assert int(ecart) == int(urbain) - int(rural) == CORRIGE["reponse_q3"]
    assert "Sécurité, niveau 1 ou plus (77 communes)" in ecran


def test_q4_et_q5_se_lisent_dans_le_titre_du_plan_de_nikki():
    ecran = _ecran("affichage_q4")
    assert (
        f"demande {CORRIGE['reponse_q5']} formateurs\n{nombre_fr(CORRIGE['reponse_q4'])} sessions"
        in ecran
    )
    assert (
        f"(hypothèse : {nombre_fr(200_000)} FCFA par session)" in ecran and "Cible : 55 %" in ecran
    )
    nikki = charger_communes("connectivite").set_index("commune").loc["Nikki"]
    plan = modele.plan_formation(
        nikki["population_adulte_2024"], nikki["part_competences_base"], 55, 3, 25, 40, 200_000
    )
    assert (plan["sessions"], plan["formateurs"]) == (CORRIGE["reponse_q4"], CORRIGE["reponse_q5"])


def test_q6_est_le_gain_ecrit_sur_la_ligne_des_elus():
    assert f"+{nombre_fr(CORRIGE['reponse_q6'], 1)}" in _ecran("affichage_q6").splitlines()
    gain = modele.resultats_evaluation(EVALUATION).loc["Élus communaux", "gain_moyen"]
    assert round(gain, 1) == CORRIGE["reponse_q6"]


def test_q7_est_la_difference_des_deux_parts_du_titre():
    avant, apres = re.search(
        r"Au seuil de 10/20 : (\d+) % .* avant la formation, (\d+) % après", _ecran("affichage_q7")
    ).groups()
    assert int(apres) - int(avant) == CORRIGE["reponse_q7"]
    ensemble = modele.resultats_evaluation(EVALUATION, par=None, seuil=10).iloc[0]
    assert (
        round(ensemble["reussite_apres_pct"] - ensemble["reussite_avant_pct"])
        == CORRIGE["reponse_q7"]
    )


@pytest.mark.parametrize(
    ("question", "reponse", "explication"),
    [
        (questions.q1, "Information et données", "le mieux maîtrisé"),
        (questions.q1, "Sécurité", "un autre l'est davantage"),
        (questions.q1, "Contenu", "l'une de ces possibilités"),
        (questions.q2, 52.5, "77 communes"),
        (questions.q2, 0.425, "proportion"),
        (questions.q3, 75, "milieu urbain"),
        (questions.q3, -28, "signe est inversé"),
        (questions.q4, 921, "20 personnes"),
        (questions.q4, 18401, "adultes à former"),
        (questions.q5, 8, "sessions de 20 personnes"),
        (questions.q6, 6.3, "Élus communaux"),
        (questions.q7, 73, "retranchez"),
        (questions.q7, 25, "avant la formation"),
    ],
)
def test_une_erreur_plausible_est_expliquee_en_francais(question, reponse, explication):
    with pytest.raises(ReponseIncorrecte, match=explication):
        question.verifier(reponse)


def test_les_ecritures_francaises_sont_acceptees(capsys):
    questions.q1.verifier("creation de contenu")
    questions.q2.verifier("42,5 %")
    questions.q6.verifier("3,7")
    questions.q4.verifier(nombre_fr(737))
    assert capsys.readouterr().out.count("bonne réponse") == 4
