"""Module 4, parcours des élus : chaque réponse du corrigé est celle que l'écran affiche,
et chaque question se vérifie dans les deux sens (non répondu, erreur plausible, bonne réponse)."""

from __future__ import annotations

import re

import pytest
from ecran import cellules, texte_affiche

from atelier.donnees import charger, charger_communes, parametre
from atelier.erreurs import nombre_fr
from atelier.exercices import ReponseIncorrecte
from atelier.modules.m4_entreprises_relais import modele as modele
from atelier.modules.m4_entreprises_relais import questions_elus as questions

from conftest import reponses_du_corrige

EXERCICE = "m4_entreprises_relais_elus"
CORRIGE = reponses_du_corrige(EXERCICE)
QUESTIONS = {f"reponse_q{n}": getattr(questions, f"q{n}") for n in range(1, 7)}
ECONOMIE = charger_communes("economie_numerique", "connectivite").set_index("commune")
PAR_RELAIS = parametre("citoyens_formes_par_relais_mois")


def _ecran(cellule: str) -> str:
    return texte_affiche(EXERCICE, cellule)


def _hors_ligne(commune: str) -> float:
    ligne = ECONOMIE.loc[commune]
    return modele.adultes_hors_ligne(ligne["population_adulte_2024"], ligne["taux_usage_internet"])


def test_le_corrige_repond_a_chaque_question_par_une_valeur_en_clair():
    assert set(CORRIGE) == set(QUESTIONS)
    assert all(isinstance(v, (int, float)) for v in CORRIGE.values())
    carnet = cellules(EXERCICE)
    for nom, question in QUESTIONS.items():
        assert f"### BEGIN SOLUTION\n{question.solution_code}\n### END SOLUTION" in carnet[nom]


def test_q1_et_q2_se_lisent_dans_le_titre_des_secteurs_d_aplahoue():
    premier, total = re.search(
        r"Aplahoué : « .* » en tête,\s+(\d+) entreprises sur (\d+)", _ecran("affichage_q1")
    ).groups()
    assert int(total) == CORRIGE["reponse_q1"]
    assert round(int(premier) / int(total) * 100) == CORRIGE["reponse_q2"]
    secteurs = modele.repartition_secteurs(charger("entreprises_secteurs"), "Aplahoué")
    assert secteurs["nb_entreprises"].sum() == CORRIGE["reponse_q1"]


def test_q3_est_le_seuil_du_titre_du_kiosque_de_kandi():
    assert f"rentable dès {CORRIGE['reponse_q3']} visites par jour" in _ecran("affichage_q3")
    kandi = ECONOMIE.loc["Kandi"]
    fixes = modele.charges_fixes(kandi["loyer_fcfa"], kandi["salaire_fcfa"])
    seuil = modele.seuil_par_jour(fixes, kandi["prix_prestation_fcfa"], kandi["cout_variable_fcfa"])
    assert seuil == CORRIGE["reponse_q3"]


def test_q4_est_la_perte_du_titre_du_kiosque_de_parakou_ecrite_avec_un_signe_moins():
    assert CORRIGE["reponse_q4"] < 0
    assert f"à 10 visites, perte de {nombre_fr(-CORRIGE['reponse_q4'])} FCFA par mois" in _ecran(
        "affichage_q4"
    )
    parakou = ECONOMIE.loc["Parakou"]
    fixes = modele.charges_fixes(parakou["loyer_fcfa"], parakou["salaire_fcfa"])
    resultat = modele.resultat_mensuel(
        10, parakou["prix_prestation_fcfa"], parakou["cout_variable_fcfa"], fixes
    )
    assert resultat == CORRIGE["reponse_q4"]


def test_q5_et_q6_se_lisent_dans_le_titre_du_reseau_de_relais():
    savalou = _ecran("affichage_q5")
    assert f"(il en faudrait {CORRIGE['reponse_q5']} pour tous les atteindre)" in savalou
    assert (
        modele.relais_necessaires(_hors_ligne("Savalou"), PAR_RELAIS, 12) == CORRIGE["reponse_q5"]
    )
    sakete = _ecran("affichage_q6")
    relais = int(ECONOMIE.loc["Sakété", "nb_relais"])
    assert f"avec {relais} relais, {CORRIGE['reponse_q6']} % des" in sakete
    assert "atteints en 12 mois" in sakete and f"{relais} relais × 60 personnes par mois" in sakete
    part = modele.part_atteinte(relais, 12, _hors_ligne("Sakété"), PAR_RELAIS)
    assert round(part) == CORRIGE["reponse_q6"]


@pytest.mark.parametrize(
    ("question", "reponse", "explication"),
    [
        (questions.q1, 18, "premier secteur seulement"),
        (questions.q2, 18, "nombre d'entreprises"),
        (questions.q2, 0.36, "proportion"),
        (questions.q2, 64, "autres secteurs"),
        (questions.q3, 10, "position du curseur"),
        (questions.q3, 154, "prestations par mois"),
        (questions.q3, 6.5, "nombre entier"),
        (questions.q4, 13500, "signe moins"),
        (questions.q4, 124000, "charges fixes"),
        (questions.q5, 38, "relais actifs aujourd'hui"),
        (questions.q5, 35, "part des adultes hors ligne"),
        (questions.q6, 33, "nombre de relais actifs"),
        (questions.q6, 66, "relais qu'il faudrait"),
    ],
)
def test_une_erreur_plausible_est_expliquee_en_francais(question, reponse, explication):
    with pytest.raises(ReponseIncorrecte, match=explication):
        question.verifier(reponse)


def test_les_ecritures_francaises_sont_acceptees(capsys):
    questions.q4.verifier("-13 500")
    questions.q4.verifier(f"{nombre_fr(-13500)}")
    questions.q6.verifier("50 %")
    questions.q2.verifier("36,0")
    assert capsys.readouterr().out.count("bonne réponse") == 4
