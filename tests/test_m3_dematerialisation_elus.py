"""Module 3, parcours des élus : chaque réponse du corrigé est celle que l'écran affiche,
et chaque question se vérifie dans les deux sens (non répondu, erreur plausible, bonne réponse)."""

from __future__ import annotations

import re

import pytest
from ecran import cellules, texte_affiche

from atelier.donnees import charger, parametre
from atelier.erreurs import nombre_fr
from atelier.exercices import ReponseIncorrecte
from atelier.modules.m3_dematerialisation import modele as modele
from atelier.modules.m3_dematerialisation import questions_elus as questions

from conftest import reponses_du_corrige

EXERCICE = "m3_dematerialisation_elus"
CORRIGE = reponses_du_corrige(EXERCICE)
QUESTIONS = {f"reponse_q{n}": getattr(questions, f"q{n}") for n in range(1, 9)}
ETAT_CIVIL = charger("etat_civil").set_index("commune")


def _ecran(cellule: str) -> str:
    return texte_affiche(EXERCICE, cellule)


def test_le_corrige_repond_a_chaque_question_par_une_valeur_en_clair():
    assert set(CORRIGE) == set(QUESTIONS)
    assert all(isinstance(v, (int, float, str)) for v in CORRIGE.values())
    carnet = cellules(EXERCICE)
    for nom, question in QUESTIONS.items():
        assert f"### BEGIN SOLUTION\n{question.solution_code}\n### END SOLUTION" in carnet[nom]


def test_q1_et_q2_se_lisent_dans_le_tableau_de_bord_de_parakou():
    ecran = _ecran("affichage_q1")
    ligne = re.search(r"actes en 72 h \(%\)\s+([\d,]+)\s+([\d,]+)", ecran)
    parakou, mediane = (float(x.replace(",", ".")) for x in ligne.groups())
    assert parakou == CORRIGE["reponse_q1"] == ETAT_CIVIL.loc["Parakou", "pct_72h"]
    assert round(parakou - mediane, 1) == CORRIGE["reponse_q2"]
    assert mediane == round(ETAT_CIVIL["pct_72h"].median(), 1)


def test_q3_est_ecrite_dans_le_titre_du_graphique_des_77_communes():
    assert f"{CORRIGE['reponse_q3']} communes sur 77 délivrent au moins 90 %" in _ecran(
        "affichage_q3"
    )
    assert CORRIGE["reponse_q3"] == (ETAT_CIVIL["pct_72h"] >= parametre("part_72h_e_casier")).sum()


@pytest.mark.parametrize(
    ("cellule", "reponse", "reglage", "calcul"),
    [
        (
            "affichage_q4",
            "reponse_q4",
            "Savalou (10 % en ligne, taux 10,0 %)",
            lambda: modele.van_commune("Savalou", part_en_ligne_pct=10),
        ),
        (
            "affichage_q5",
            "reponse_q5",
            "Comè (30 % en ligne, taux 12,0 %)",
            lambda: modele.van_commune("Comè", taux_pct=12),
        ),
    ],
)
def test_q4_et_q5_sont_la_van_du_titre_du_simulateur_regle(cellule, reponse, reglage, calcul):
    ecran = _ecran(cellule)
    assert reglage in ecran
    assert f"VAN sur 5 ans : {nombre_fr(CORRIGE[reponse], 1)} millions de FCFA" in ecran
    assert round(calcul()["van"] / 1e6, 1) == CORRIGE[reponse]


def test_q5_la_van_de_come_baisse_quand_le_taux_monte_mais_reste_positive():
    assert "VAN sur 5 ans : 1,3 millions" in _ecran("affichage_q5_10")
    assert 0 < CORRIGE["reponse_q5"] < 1.3


def test_q6_et_q7_sont_ecrites_dans_le_titre_de_la_file_d_attente():
    zogbodomey = _ecran("affichage_q6")
    assert f"il en faut {CORRIGE['reponse_q6']} pour rester sous 15 min" in zogbodomey
    djidja = _ecran("affichage_q7")
    assert f"avec 3 guichets, on attend {CORRIGE['reponse_q7']} min en moyenne" in djidja
    ligne = ETAT_CIVIL.loc["Djidja"]
    arrivees = modele.arrivees_par_heure(
        round(ligne["demandes_jour"]), ligne["heures_ouverture"], 30
    )
    assert (
        round(modele.attente_moyenne_min(arrivees, ligne["temps_traitement_min"], 3))
        == CORRIGE["reponse_q7"]
    )


def test_q8_est_le_seul_gain_rapide_du_titre_qui_ne_depend_pas_de_la_mairie():
    ecran = _ecran("affichage_q8")
    titre = re.search(r"3 gains rapides : (.*)", ecran).group(1)
    assert CORRIGE["reponse_q8"] in titre.split(", ")
    services = modele.priorites(charger("services"))
    rapides = services[services["quadrant"] == "gain rapide"]
    assert list(rapides.loc[~rapides["guichet_communal"], "code_service"]) == ["cip"]


@pytest.mark.parametrize(
    ("question", "reponse", "explication"),
    [
        (questions.q1, 85.1, "médiane des 77 communes"),
        (questions.q1, 0.918, "proportion"),
        (questions.q2, -6.7, "signe est inversé"),
        (questions.q2, 1.8, "repère de 90 %"),
        (questions.q3, 50, "barres grises"),
        (questions.q4, 115.5, "30 % des demandes en ligne"),
        (questions.q4, 22_487_214, "millions de FCFA"),
        (questions.q5, 1.3, "taux de 10 %"),
        (questions.q6, 2, "guichets ouverts aujourd'hui"),
        (questions.q6, 23, "nombre de guichets"),
        (questions.q7, 26, "sans demandes en ligne"),
        (questions.q8, "Légalisation", "rond vide"),
        (questions.q8, "CNI", "l'une de ces possibilités"),
    ],
)
def test_une_erreur_plausible_est_expliquee_en_francais(question, reponse, explication):
    with pytest.raises(ReponseIncorrecte, match=explication):
        question.verifier(reponse)


def test_les_ecritures_francaises_sont_acceptees(capsys):
    questions.q1.verifier("91,8")
    questions.q1.verifier("91,8 %")
    questions.q4.verifier("22,5")
    questions.q8.verifier("cip (anip)")
    assert capsys.readouterr().out.count("bonne réponse") == 4
