"""Module 0, parcours des élus : chaque réponse du corrigé est celle que l'écran affiche,
et chaque question se vérifie dans les deux sens (non répondu, erreur plausible, bonne réponse)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from atelier.erreurs import nombre_fr  # noqa: E402
from atelier.exercices import ReponseIncorrecte  # noqa: E402
from atelier.modules.m0_prise_en_main import modele as modele  # noqa: E402
from atelier.modules.m0_prise_en_main import questions_elus as questions  # noqa: E402
from atelier.modules.m0_prise_en_main import vues as vues  # noqa: E402

from conftest import cellules_de_code_modifiables, reponses_du_corrige  # noqa: E402

CORRIGE = reponses_du_corrige("m0_prise_en_main_elus")
QUESTIONS = {f"reponse_q{n}": getattr(questions, f"q{n}") for n in (1, 2, 3)}


def test_le_corrige_repond_a_chaque_question_par_une_valeur_en_clair():
    assert set(CORRIGE) == set(QUESTIONS)
    assert all(isinstance(v, (int, float, str, bool, list)) for v in CORRIGE.values())


def test_les_cellules_qui_affichent_sont_deja_ecrites_et_verrouillees():
    assert cellules_de_code_modifiables("m0_prise_en_main_elus") == []


def test_q1_est_la_population_affichee_par_la_fiche_de_bohicon():
    fiche = vues.fiche_interactive("Bohicon").resultat
    assert CORRIGE["reponse_q1"] == fiche["population_2013"]
    tableau = vues.tableau_fiche(fiche)
    assert f"{nombre_fr(CORRIGE['reponse_q1'])} habitants" in tableau["Bohicon"].tolist()


def test_q2_est_le_nombre_de_communes_affiche_pour_les_collines():
    totaux = modele.totaux_par_departement().set_index("departement")
    assert CORRIGE["reponse_q2"] == totaux.at["Collines", "communes"]


def test_q3_est_le_nombre_du_titre_du_simulateur_regle_sur_2030_et_3_pourcent():
    projection = vues.projection_interactive("Parakou")
    assert projection.regler(annee=2030, taux=3.0)["population"] == CORRIGE["reponse_q3"]
    titre = vues.graphique_projection("Parakou", 2030, 3.0).axes[0].get_title()
    assert f"environ {nombre_fr(CORRIGE['reponse_q3'])} habitants en 2030" in titre


@pytest.mark.parametrize(
    ("question", "reponse", "explication"),
    [
        (
            questions.q1,
            171718,
            r"pas la réponse attendue \(vous avez donné 171.718 habitants\).*indice",
        ),
        (questions.q2, 77, "tout le Bénin"),
        (questions.q3, 399556, "réglage de départ"),
    ],
)
def test_une_erreur_plausible_est_expliquee_en_francais(question, reponse, explication):
    with pytest.raises(ReponseIncorrecte, match=explication):
        question.verifier(reponse)


def test_les_nombres_ecrits_a_la_francaise_sont_acceptes(capsys):
    questions.q1.verifier("171 781")
    questions.q3.verifier("422\u202f266")
    assert capsys.readouterr().out.count("bonne réponse") == 2
