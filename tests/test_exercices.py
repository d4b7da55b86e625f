"""Le cadre des questions notées : vérification, empreintes, indices, solutions."""

from __future__ import annotations

import ast
import importlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from atelier import erreurs, exercices
from atelier.exercices import (
    Cas,
    ErreurDeCorrige,
    NonRepondu,
    Question,
    ReponseIncorrecte,
    SolutionsGardees,
    _main,
    controler,
    empreinte,
    normaliser_texte,
)


def question_nombre(**options):
    options.setdefault("intitule", "Question 1")
    options.setdefault("unite", "%")
    return Question(
        identifiant="t_q1",
        attendu=empreinte("t_q1", "nombre", 42.5, decimales=1),
        decimales=1,
        proche=empreinte("t_q1", "nombre", 42.5, chiffres=2),
        indices=["Regardez la colonne population.", "Faites la somme."],
        solution_ecrite="reponse = 42.5",
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


@pytest.mark.parametrize("reponse", [42.46, 42.54, "42,5", "42.5 %", "42,50\u202f%", " 42,5 "])
def test_les_nombres_sont_toleres_a_l_arrondi_pres(reponse):
    question_nombre().verifier(reponse)


@pytest.mark.parametrize(
    ("reponse", "message"),
    [
        (43.1, "pas la réponse attendue"),
        (0.425, "proportion"),
        (4250, "100 fois trop grande"),
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
    q = question_nombre(
        pieges={
            empreinte("t_q1", "nombre", 10.0, decimales=1): "Vous avez pris les femmes seulement."
        }
    )
    with pytest.raises(ReponseIncorrecte, match="femmes seulement"):
        q.verifier(10)


def test_la_reponse_n_est_pas_ecrite_en_clair():
    q = question_nombre(intitule="Question sans indice")
    q.solution_ecrite, q.indices = "", ()
    assert "42.5" not in repr(q) and "42,5" not in repr(q)


def test_un_entier_voisin_n_est_pas_accepte():
    q = Question("t_q8", "Q8", attendu=empreinte("t_q8", "nombre", 6, decimales=0), decimales=0)
    q.verifier(6)
    for voisin in (5, 7):
        with pytest.raises(ReponseIncorrecte):
            q.verifier(voisin)


def test_texte_sans_accents_ni_majuscules():
    q = Question(
        "t_q2", "Question 2", genre="texte", attendu=empreinte("t_q2", "texte", "Abomey-Calavi")
    )
    q.verifier("  abomey-calavi ")
    q.verifier("ABOMEY-CALAVI.")
    with pytest.raises(ReponseIncorrecte):
        q.verifier("Abomey")


def test_choix_hors_des_options():
    q = Question(
        "t_q3",
        "Question 3",
        genre="choix",
        options=["A", "B", "C"],
        attendu=empreinte("t_q3", "choix", "B"),
    )
    q.verifier("b")
    with pytest.raises(ReponseIncorrecte, match="l'une de ces possibilités"):
        q.verifier("D")
    with pytest.raises(ReponseIncorrecte, match="pas la réponse attendue"):
        q.verifier("A")


def test_ensemble_sans_ordre_et_liste_ordonnee():
    e = Question(
        "t_q4",
        "Q4",
        genre="ensemble",
        taille=2,
        attendu=empreinte("t_q4", "ensemble", ["Cotonou", "Parakou"]),
    )
    e.verifier(["parakou", "Cotonou"])
    with pytest.raises(ReponseIncorrecte, match="Il faut 2 élément"):
        e.verifier(["Cotonou"])
    li = Question(
        "t_q5", "Q5", genre="liste", attendu=empreinte("t_q5", "liste", ["Cotonou", "Parakou"])
    )
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
    cas = [
        Cas((a, b), empreinte("t_q7", "nombre", a * b, decimales=0)) for a, b in [(2, 3), (10, 7)]
    ]
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


# --- nombres et noms écrits à la française --------------------------------------------


@pytest.mark.parametrize(
    "ecrit", ["1 140 000", "1\xa0140\xa0000", "1\u202f140\u202f000", "1140000", 1_140_000.0]
)
def test_les_milliers_a_la_francaise_sont_lus(ecrit):
    q = Question(
        "t_q9",
        "Q9",
        attendu=empreinte("t_q9", "nombre", 1_140_000, decimales=0),
        decimales=0,
        unite="FCFA",
    )
    q.verifier(ecrit)
    controler(q, ecrit, 1_140_000)


def test_la_virgule_decimale_sans_guillemets_est_expliquee():
    q = question_nombre()
    valeur = 64, 7  # ce qu'un participant écrit : Python y lit deux nombres
    for verification in (q.verifier, lambda r: controler(q, r, 42.5)):
        with pytest.raises(ReponseIncorrecte, match=r"virgule.*64\.7 au lieu de 64,7"):
            verification(valeur)


def test_les_diagnostics_d_unite_suivent_l_unite_de_la_question():
    adultes = Question(
        "t_q10",
        "Q10",
        attendu=empreinte("t_q10", "nombre", 7.9, decimales=1),
        decimales=1,
        unite="millions d'adultes",
    )
    with pytest.raises(ReponseIncorrecte) as refus:
        adultes.verifier(0.079)
    assert "pourcentage" not in str(refus.value) and "proportion" not in str(refus.value)
    with pytest.raises(ReponseIncorrecte, match="1 000 000"):
        adultes.verifier(7_900_000)
    fcfa = Question(
        "t_q11",
        "Q11",
        attendu=empreinte("t_q11", "nombre", 5000, decimales=0),
        decimales=0,
        unite="FCFA",
    )
    with pytest.raises(ReponseIncorrecte, match="milliers de FCFA"):
        fcfa.verifier(5)
    part = Question(
        "t_q12",
        "Q12",
        attendu=empreinte("t_q12", "nombre", 0.42, decimales=2),
        decimales=2,
        unite="proportion",
    )
    with pytest.raises(ReponseIncorrecte, match="attend une proportion"):
        part.verifier(42)


def test_un_compte_entier_n_accepte_que_l_entier_exact():
    q = Question(
        "t_q13",
        "Q13",
        attendu=empreinte("t_q13", "nombre", 65, decimales=0),
        entier=True,
        unite="visites",
    )
    q.verifier(65)
    q.verifier("65")
    for faux in (64, 66, 64.6, 65.4):
        with pytest.raises(ReponseIncorrecte):
            q.verifier(faux)
        with pytest.raises(AssertionError):
            controler(q, faux, 65)
    with pytest.raises(ReponseIncorrecte, match="nombre entier"):
        q.verifier(64.9)


@pytest.mark.parametrize(
    ("ecrit", "officiel"),
    [
        ("Abomey Calavi", "Abomey-Calavi"),
        ("Seme Podji", "Sèmè-Podji"),
        ("dassa zoume", "Dassa-Zoumè"),
        ("GRAND POPO.", "Grand-Popo"),
    ],
)
def test_une_commune_sans_accent_ni_tiret_est_reconnue(ecrit, officiel):
    assert normaliser_texte(ecrit) == normaliser_texte(officiel)
    q = Question("t_q14", "Q14", genre="texte", attendu=empreinte("t_q14", "texte", officiel))
    q.verifier(ecrit)
    controler(q, ecrit, officiel)


def test_une_commune_mal_ecrite_est_nommee_exactement():
    q = Question(
        "t_q15", "Q15", genre="texte", attendu=empreinte("t_q15", "texte", "Abomey-Calavi")
    )
    with pytest.raises(ReponseIncorrecte, match="vouliez-vous écrire « Abomey-Calavi »"):
        q.verifier("Abomey Kalavi")
    choix = Question(
        "t_q16",
        "Q16",
        genre="choix",
        options=["Challa-Ogoi", "Kemon"],
        attendu=empreinte("t_q16", "choix", "Kemon"),
    )
    with pytest.raises(ReponseIncorrecte, match="Vouliez-vous écrire « Challa-Ogoi »"):
        choix.verifier("Chala Ogoi")


# --- controler : le test caché, sous la même spécification que verifier ----------------


@pytest.mark.parametrize(
    "reponse", [42.5, 42.46, "42,5", "42,5 %", 43.1, 0.425, "quarante", True, [1, 2], ...]
)
def test_controler_et_verifier_acceptent_les_memes_reponses(reponse):
    q = question_nombre()
    try:
        q.verifier(reponse)
        accepte_par_verifier = True
    except AssertionError:
        accepte_par_verifier = False
    try:
        controler(q, reponse, 42.5)
        accepte_par_controler = True
    except AssertionError:
        accepte_par_controler = False
    assert accepte_par_verifier == accepte_par_controler


def test_controler_ne_revele_pas_la_reponse_et_n_affiche_rien(capsys):
    with pytest.raises(AssertionError) as refus:
        controler(question_nombre(), 43.1, 42.5)
    assert "42,5" not in str(refus.value) and "42.5" not in str(refus.value)
    controler(question_nombre(), 42.5, 42.5)
    assert capsys.readouterr().out == ""


def test_une_reference_qui_contredit_l_empreinte_est_un_defaut_du_kit():
    with pytest.raises(ErreurDeCorrige, match="Défaut du kit") as defaut:
        controler(question_nombre(), 42.5, 43.5)
    assert not isinstance(defaut.value, AssertionError)
    texte = Question("t_q17", "Q17", genre="texte", attendu=empreinte("t_q17", "texte", "Kandi"))
    with pytest.raises(ErreurDeCorrige):
        controler(texte, "Kandi", "Nikki")


def test_controler_une_fonction_sur_les_cas_et_d_autres_arguments():
    cas = [
        Cas((a, b), empreinte("t_q7", "nombre", a * b, decimales=0)) for a, b in [(2, 3), (10, 7)]
    ]
    q = Question("t_q7", "Q7", genre="fonction", decimales=0, cas=cas)

    def reference(a, b):
        return a * b

    controler(q, lambda a, b: a * b, reference, autres_arguments=[(4, 5)])
    triche = {(2, 3): 6, (10, 7): 70}
    q.verifier(lambda a, b: triche.get((a, b), 0))
    with pytest.raises(ReponseIncorrecte, match=r"avec \(4, 5\)"):
        controler(q, lambda a, b: triche.get((a, b), 0), reference, autres_arguments=[(4, 5)])
    with pytest.raises(NonRepondu):
        controler(q, ..., reference)
    with pytest.raises(ErreurDeCorrige):
        controler(q, lambda a, b: a * b, lambda a, b: a + b)


# --- les solutions : hors du code des questions, lues à la demande ----------------------------


def _modules_de_questions():
    return sorted((Path(exercices.__file__).parent / "modules").glob("m*/questions*.py"))


def _exercice(fichier: Path) -> str:
    """« modules/m2_centres_numeriques/questions_elus.py » → « m2_centres_numeriques_elus »."""
    return fichier.parent.name + fichier.stem.removeprefix("questions")


def test_chaque_question_a_sa_solution_dans_le_fichier_json_et_aucune_dans_le_code():
    vus = {}
    for fichier in _modules_de_questions():
        arbre = ast.parse(fichier.read_text(encoding="utf-8"))
        en_clair = [
            n.lineno
            for n in ast.walk(arbre)
            if isinstance(n, ast.keyword) and n.arg == "solution_code"
        ]
        assert not en_clair, f"{fichier.name} : solution_code écrit en clair, lignes {en_clair}"
        module = importlib.import_module(f"atelier.modules.{fichier.parent.name}.{fichier.stem}")
        questions = {q.identifiant for q in vars(module).values() if isinstance(q, Question)}
        solutions = json.loads(
            (exercices.SOLUTIONS / f"{_exercice(fichier)}.json").read_text(encoding="utf-8")
        )
        assert questions and set(solutions) == questions, fichier.name
        for identifiant, code in solutions.items():
            assert isinstance(code, str) and code.strip(), identifiant
            compile(code, identifiant, "exec")
            assert identifiant not in vus, (
                f"{identifiant} dans {_exercice(fichier)} et {vus.get(identifiant)}"
            )
            vus[identifiant] = _exercice(fichier)
    assert {f.stem for f in exercices.SOLUTIONS.glob("*.json")} == {
        _exercice(f) for f in _modules_de_questions()
    }


def test_une_question_du_kit_montre_la_solution_de_son_fichier(capsys):
    from atelier.modules.m1_planification.questions import q1

    attendu = json.loads(
        (exercices.SOLUTIONS / "m1_planification.json").read_text(encoding="utf-8")
    )["m1_q1"]
    assert q1.solution_code == attendu and attendu not in repr(q1)
    q1.solution()
    assert attendu in capsys.readouterr().out


def test_sans_fichier_de_solutions_un_message_en_francais(tmp_path, monkeypatch, capsys):
    from atelier.modules.m1_planification.questions import q1

    monkeypatch.setenv("ATELIER_SESSION_NOTEE", "0")
    # un dossier : lecture impossible
    (tmp_path / "illisible" / "m1_planification.json").mkdir(parents=True)
    (tmp_path / "abime").mkdir()
    (tmp_path / "abime" / "m1_planification.json").write_text('["m1_q1"', encoding="utf-8")
    (tmp_path / "autre_module").mkdir()
    (tmp_path / "autre_module" / "m2_centres_numeriques.json").write_text(
        '{"m2_q1": "x = 1"}', encoding="utf-8"
    )
    for dossier in ("absent", "illisible", "abime", "autre_module"):
        monkeypatch.setattr(exercices, "SOLUTIONS", tmp_path / dossier)
        q1.solution()
        sortie = capsys.readouterr().out
        assert (
            "gardées par le formateur" in sortie
            and ".indice()" in sortie
            and "budget" not in sortie
        )
        with pytest.raises(SolutionsGardees):
            q1.solution_code  # noqa: B018 - la propriété lit le fichier


def test_un_fichier_de_solutions_reserve_aux_formateurs_est_illisible_pour_un_autre_compte(
    monkeypatch,
):
    dossier = Path(tempfile.mkdtemp(prefix="atelier-solutions-"))
    try:
        os.chmod(dossier, 0o755)
        fichier = dossier / "m1_planification.json"
        fichier.write_text(json.dumps({"m1_q1": "reponse = 1"}), encoding="utf-8")
        os.chmod(fichier, 0o640)
        monkeypatch.setattr(exercices, "SOLUTIONS", dossier)
        assert exercices.solution_enregistree("m1_q1") == "reponse = 1"
        if os.geteuid() != 0:
            os.chmod(fichier, 0o200)
            with pytest.raises(SolutionsGardees):
                exercices.solution_enregistree("m1_q1")
            return
        enfant = os.fork()
        if enfant == 0:  # sous le compte nobody, comme un participant de la salle
            code = 1
            try:
                os.setgid(65534)
                os.setgroups([])
                os.setuid(65534)
                exercices.solution_enregistree("m1_q1")
            except SolutionsGardees:
                code = 0
            finally:
                os._exit(code)
        assert os.waitpid(enfant, 0)[1] == 0, "un autre compte a lu le fichier de solutions"
    finally:
        shutil.rmtree(dossier)
