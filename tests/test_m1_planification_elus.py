"""Module 1, parcours des élus : chaque réponse du corrigé est celle que l'écran affiche,
et chaque question se vérifie dans les deux sens (non répondu, erreur plausible, bonne réponse)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from atelier.erreurs import nombre_fr  # noqa: E402
from atelier.exercices import ReponseIncorrecte  # noqa: E402
from atelier.modules.m1_planification import modele as modele  # noqa: E402
from atelier.modules.m1_planification import questions_elus as questions  # noqa: E402
from atelier.modules.m1_planification import vues as vues  # noqa: E402

from conftest import cellules_de_code_modifiables, reponses_du_corrige  # noqa: E402

CORRIGE = reponses_du_corrige("m1_planification_elus")
QUESTIONS = {f"reponse_q{n}": getattr(questions, f"q{n}") for n in range(1, 7)}


@pytest.fixture(scope="module")
def fadec_kandi():
    return vues.baisse_fadec_interactive("Kandi")


def test_le_corrige_repond_a_chaque_question_par_une_valeur_en_clair():
    assert set(CORRIGE) == set(QUESTIONS)
    assert all(isinstance(v, (int, float, str, bool, list)) for v in CORRIGE.values())


def test_les_cellules_qui_affichent_sont_deja_ecrites_et_verrouillees():
    assert cellules_de_code_modifiables("m1_planification_elus") == []


def test_q1_et_q2_sont_ecrites_dans_le_titre_du_radar_de_ouidah():
    grille = vues.grille_interactive("Ouidah").resultat
    titre = vues.titre_radar("Ouidah", pd.Series(grille["scores"]))
    assert grille["niveau"] == CORRIGE["reponse_q1"]
    assert f"niveau {CORRIGE['reponse_q1']} " in titre
    assert f"critère le plus faible : {CORRIGE['reponse_q2']} " in titre


def test_q3_est_le_niveau_affiche_apres_les_deux_cases_cochees():
    grille = vues.grille_interactive("Ouidah")
    avant = grille.resultat["niveau"]
    apres = grille.regler(losi_participation_1=True, losi_participation_2=True)
    assert apres["cochees"] == 11
    assert apres["niveau"] == CORRIGE["reponse_q3"] != avant


def test_q4_est_le_nombre_de_la_phrase_sous_le_graphique_de_kandi(fadec_kandi, capsys):
    fadec_kandi.regler(baisse=25)
    phrase = capsys.readouterr().out
    assert round(fadec_kandi.resultat["dependance_fadec_pct"], 1) == CORRIGE["reponse_q4"]
    assert f"représente {nombre_fr(CORRIGE['reponse_q4'], 1)} %" in phrase


def test_q5_est_le_montant_du_titre_avec_une_baisse_de_40_pourcent(fadec_kandi):
    resultat = fadec_kandi.regler(baisse=40)
    retire = (resultat["pai_avant_fcfa"] - resultat["pai_apres_fcfa"]) / 1e6
    assert round(retire) == CORRIGE["reponse_q5"]
    titre = vues.graphique_baisse_fadec(resultat).axes[0].get_title()
    assert f"retire {nombre_fr(CORRIGE['reponse_q5'])} millions de FCFA" in titre


def test_q6_est_la_valeur_ecrite_au_point_2026_des_jalons_de_parakou():
    jalons = vues.jalons_interactive("Parakou").regler(cible=30, annee_cible=2029)["jalons"]
    assert round(jalons[2026], 1) == CORRIGE["reponse_q6"]
    table = modele.jalons(modele.valeur_de_depart("Parakou"), 30, 2024, 2029)
    textes = [t.get_text() for t in vues.graphique_jalons(table, "Parakou").axes[0].texts]
    assert nombre_fr(CORRIGE["reponse_q6"], 1) in textes


@pytest.mark.parametrize(
    ("question", "reponse", "explication"),
    [
        (questions.q1, "eleve", "pas la réponse attendue.*indice"),
        (questions.q1, "bon", "l'une de ces possibilités"),
        (questions.q2, "Cadre institutionnel", "plus proche du centre"),
        (questions.q3, "moyen", "avant les deux cases cochées"),
        (questions.q4, 1.1, "part du PAI consacrée au numérique"),
        (questions.q4, 72, "repère national"),
        (questions.q5, 184, "baisse de 25 %"),
        (questions.q5, 295_027_600, "million de fois trop grande"),
        (questions.q5, 845, "PAI qui reste"),
        (questions.q6, 4.5, "pas annuel"),
        (questions.q6, 11.8, "jalon de 2025"),
    ],
)
def test_une_erreur_plausible_est_expliquee_en_francais(question, reponse, explication):
    with pytest.raises(ReponseIncorrecte, match=explication):
        question.verifier(reponse)


def test_les_ecritures_francaises_sont_acceptees(capsys):
    questions.q4.verifier("64,7")
    questions.q6.verifier("16,4 %")
    questions.q1.verifier("MOYEN")
    questions.q3.verifier("eleve")
    assert capsys.readouterr().out.count("bonne réponse") == 4
