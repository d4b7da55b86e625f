"""Module 2, parcours des élus : chaque réponse du corrigé est celle que l'écran affiche,
et chaque question se vérifie dans les deux sens (non répondu, erreur plausible, bonne réponse)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from atelier.erreurs import nombre_fr  # noqa: E402
from atelier.exercices import ReponseIncorrecte  # noqa: E402
from atelier.modules.m2_centres_numeriques import questions_elus as questions  # noqa: E402
from atelier.modules.m2_centres_numeriques import vues as vues  # noqa: E402

from conftest import cellules_de_code_modifiables, reponses_du_corrige  # noqa: E402

CORRIGE = reponses_du_corrige("m2_centres_numeriques_elus")
QUESTIONS = {f"reponse_q{n}": getattr(questions, f"q{n}") for n in range(1, 6)}


def _ecran(simulateur, **reglages):
    """Règle le simulateur, redessine comme dans le carnet ; renvoie (résumé, figure dessinée)."""
    simulateur.regler(**reglages)
    plt.close("all")
    resultat = simulateur.dessiner(**simulateur.valeurs())
    return resultat, plt.gcf()


def test_le_corrige_repond_a_chaque_question_par_une_valeur_en_clair():
    assert set(CORRIGE) == set(QUESTIONS)
    assert all(isinstance(v, (int, float, str, bool, list)) for v in CORRIGE.values())


def test_les_cellules_qui_affichent_sont_deja_ecrites_et_verrouillees():
    assert cellules_de_code_modifiables("m2_centres_numeriques_elus") == []


def test_q1_est_la_part_ecrite_dans_le_titre_de_la_carte_de_lokossa():
    resultat, figure = _ecran(vues.simulateur_couverture("Lokossa", rayon_km=5, nombre_centres=0))
    assert round(resultat["part_desservie"]) == CORRIGE["reponse_q1"]
    assert f"{nombre_fr(CORRIGE['reponse_q1'])} % des habitants" in figure._suptitle.get_text()


def test_q2_est_la_premiere_barre_de_banikoara_au_dessus_de_la_moitie():
    _, figure = _ecran(vues.simulateur_couverture("Banikoara", rayon_km=15, nombre_centres=3))
    barres = figure.axes[1]
    etiquettes = [
        t.get_text() for t in barres.texts if t.get_text().endswith(" %")
    ]  # les étiquettes des barres
    parts = [float(e.removesuffix(" %").replace(",", ".")) for e in etiquettes]
    assert min(i for i, p in enumerate(parts) if p > 50) == CORRIGE["reponse_q2"]
    assert parts[CORRIGE["reponse_q2"] - 1] < 50


def test_q3_est_le_gain_du_mois_ecrit_dans_le_titre():
    resultat, figure = _ecran(vues.simulateur_marge("Lokossa"))
    assert round(resultat["marge"]) == CORRIGE["reponse_q3"]
    assert f"gagne {nombre_fr(CORRIGE['reponse_q3'])} FCFA par mois" in figure.axes[0].get_title()


def test_q4_est_le_seuil_de_la_legende_arrondi_au_dessus():
    resultat, figure = _ecran(vues.simulateur_marge("Lokossa"), tarif_fcfa=300)
    assert math.ceil(resultat["visites_equilibre"]) == CORRIGE["reponse_q4"]
    legende = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert f"seuil : {nombre_fr(resultat['visites_equilibre'], 1)} visites par jour" in legende


def test_q5_le_titre_dit_que_le_centre_perd_de_l_argent_installation_comprise():
    resultat, figure = _ecran(
        vues.simulateur_marge("Lokossa"), tarif_fcfa=400, compter_installation=True
    )
    assert (resultat["marge"] >= 0) is CORRIGE["reponse_q5"]
    assert "le centre perd" in figure.axes[0].get_title()


@pytest.mark.parametrize(
    ("question", "reponse", "explication"),
    [
        (questions.q1, 41, "plus loin"),
        (questions.q1, 0.59, "proportion"),
        (questions.q2, 3, "barre précédente"),
        (questions.q2, 56, "nombre de nouveaux centres"),
        (questions.q3, 850000, "recettes"),
        (questions.q3, 350, "1 000 fois trop petite"),
        (questions.q4, 66.7, "nombre entier"),
        (questions.q4, 66, "Arrondissez au-dessus"),
        (questions.q4, 50, "tarif de départ"),
        (questions.q5, True, "pas la réponse attendue.*indice"),
        (questions.q5, "peut-être", "True \\(vrai\\) ou False \\(faux\\)"),
    ],
)
def test_une_erreur_plausible_est_expliquee_en_francais(question, reponse, explication):
    with pytest.raises(ReponseIncorrecte, match=explication):
        question.verifier(reponse)


def test_les_ecritures_francaises_sont_acceptees(capsys):
    questions.q1.verifier("59 %")
    questions.q3.verifier("350 000")
    questions.q5.verifier("non")
    assert capsys.readouterr().out.count("bonne réponse") == 3
