"""Le cadre des questions notées : vérification, empreintes, indices, solutions."""

from __future__ import annotations

import pytest

from atelier import erreurs
from atelier.exercices import Cas, NonRepondu, Question, ReponseIncorrecte, _main, empreinte


def question_nombre(**options):
    options.setdefault("intitule", "Question 1")
    return Question(
        identifiant="t_q1",
        attendu=empreinte("t_q1", "nombre", 42.5, decimales=1),
        decimales=1,
        proche=empreinte("t_q1", "nombre", 42.5, chiffres=2),
        indices=["Regardez la colonne population.", "Faites la somme."],
        solution_code="reponse = 42.5",
        **options,
    )


@pytest.fixture(autouse=True)
def sans_ipython(monkeypatch, capsys):
    """Les messages s'impriment en texte brut hors d'un carnet."""
    yield


def test_le_point_de_depart_est_signale_comme_non_repondu():
    with pytest.raises(NonRepondu, match="pas encore répondu.*trois points"):
        question_nombre().verifier(...)


def test_la_bonne_reponse_passe(capsys):
    question_nombre().verifier(42.5)
    assert "bonne réponse" in capsys.readouterr().out


@pytest.mark.parametrize("reponse", [42.46, 42.54, "42,5", "42.5 %"])
def test_les_nombres_sont_toleres_a_l_arrondi_pres(reponse):
    question_nombre().verifier(reponse)


@pytest.mark.parametrize(
    ("reponse", "message"),
    [
        (43.1, "pas la réponse attendue"),
        (0.425, "proportion"),
        (4250, "pourcentage"),
        (42500, "1 000 fois trop grande"),
        (-42.5, "signe"),
        (42.1, "proche"),
        ("quarante", "attend un nombre"),
        (True, "pas Vrai/Faux"),
        ([1, 2], "seul nombre"),
        (float("nan"), "nan"),
    ],
)
def test_les_erreurs_frequentes_sont_expliquees(reponse, message):
    with pytest.raises(ReponseIncorrecte, match=message):
        question_nombre().verifier(reponse)


def test_une_valeur_pandas_d_une_seule_ligne_est_acceptee():
    pd = pytest.importorskip("pandas")
    question_nombre().verifier(pd.Series([42.5]))


def test_le_message_d_erreur_propose_un_indice():
    with pytest.raises(ReponseIncorrecte, match=r"indice\(\)"):
        question_nombre().verifier(1)


def test_un_piege_connu_a_son_propre_message():
    q = question_nombre(pieges={empreinte("t_q1", "nombre", 10.0, decimales=1): "Vous avez pris les femmes seulement."})
    with pytest.raises(ReponseIncorrecte, match="femmes seulement"):
        q.verifier(10)


def test_la_reponse_n_est_pas_ecrite_en_clair():
    q = question_nombre(intitule="Question sans indice")
    q.solution_code, q.indices = "", ()
    assert "42.5" not in repr(q) and "42,5" not in repr(q)


def test_un_entier_voisin_n_est_pas_accepte():
    q = Question("t_q8", "Q8", attendu=empreinte("t_q8", "nombre", 6, decimales=0), decimales=0)
    q.verifier(6)
    for voisin in (5, 7):
        with pytest.raises(ReponseIncorrecte):
            q.verifier(voisin)


def test_texte_sans_accents_ni_majuscules():
    q = Question("t_q2", "Question 2", genre="texte", attendu=empreinte("t_q2", "texte", "Abomey-Calavi"))
    q.verifier("  abomey-calavi ")
    q.verifier("ABOMEY-CALAVI.")
    with pytest.raises(ReponseIncorrecte):
        q.verifier("Abomey")


def test_choix_hors_des_options():
    q = Question("t_q3", "Question 3", genre="choix", options=["A", "B", "C"], attendu=empreinte("t_q3", "choix", "B"))
    q.verifier("b")
    with pytest.raises(ReponseIncorrecte, match="l'une de ces possibilités"):
        q.verifier("D")
    with pytest.raises(ReponseIncorrecte, match="pas la réponse attendue"):
        q.verifier("A")


def test_ensemble_sans_ordre_et_liste_ordonnee():
    e = Question("t_q4", "Q4", genre="ensemble", taille=2, attendu=empreinte("t_q4", "ensemble", ["Cotonou", "Parakou"]))
    e.verifier(["parakou", "Cotonou"])
    with pytest.raises(ReponseIncorrecte, match="Il faut 2 élément"):
        e.verifier(["Cotonou"])
    li = Question("t_q5", "Q5", genre="liste", attendu=empreinte("t_q5", "liste", ["Cotonou", "Parakou"]))
    li.verifier(["Cotonou", "Parakou"])
    with pytest.raises(ReponseIncorrecte):
        li.verifier(["Parakou", "Cotonou"])


def test_booleen_accepte_oui_et_non():
    q = Question("t_q6", "Q6", genre="booleen", attendu=empreinte("t_q6", "booleen", True))
    q.verifier("Oui")
    q.verifier(True)
    with pytest.raises(ReponseIncorrecte):
        q.verifier(False)


def test_fonction_essayee_sur_plusieurs_cas():
    cas = [Cas((a, b), empreinte("t_q7", "nombre", a * b, decimales=0)) for a, b in [(2, 3), (10, 7)]]
    q = Question("t_q7", "Q7", genre="fonction", decimales=0, cas=cas)
    q.verifier(lambda a, b: a * b)
    with pytest.raises(ReponseIncorrecte, match=r"avec \(10, 7\).*70|avec \(2, 3\)"):
        q.verifier(lambda a, b: a + b)
    with pytest.raises(ReponseIncorrecte, match="s'arrête sur une erreur"):
        q.verifier(lambda a, b: a / 0)
    with pytest.raises(NonRepondu):
        q.verifier(lambda a, b: ...)
    with pytest.raises(ReponseIncorrecte, match="attend une fonction"):
        q.verifier(6)


def test_indices_gradues(capsys):
    q = question_nombre()
    q.indice()
    q.indice()
    q.indice()
    sortie = capsys.readouterr().out
    assert "Indice 1/2" in sortie and sortie.count("Indice 2/2") == 2
    q.indice(1)
    assert "colonne population" in capsys.readouterr().out


def test_solution_masquee_en_seance_notee(monkeypatch, capsys):
    q = question_nombre()
    q.solution()
    assert "reponse = 42.5" in capsys.readouterr().out
    monkeypatch.setenv("ATELIER_SESSION_NOTEE", "1")
    q.solution()
    sortie = capsys.readouterr().out
    assert "reponse = 42.5" not in sortie and "séance notée" in sortie


def test_commande_d_empreinte(capsys):
    _main(["t_q1", "nombre", "42.5", "--decimales", "1"])
    assert capsys.readouterr().out.strip() == empreinte("t_q1", "nombre", 42.5, decimales=1)


def test_nombre_a_la_francaise():
    assert erreurs.nombre_fr(10008749) == "10\u202f008\u202f749"
    assert erreurs.nombre_fr(12.5) == "12,50"
    assert erreurs.nombre_fr(12.5, 1) == "12,5"
