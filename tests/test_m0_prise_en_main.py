"""Module 0 — prise en main : calculs, simulateurs, fichiers exportés et questions (dans les deux sens)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from atelier.donnees import charger  # noqa: E402
from atelier.erreurs import ErreurAtelier  # noqa: E402
from atelier.exercices import NonRepondu, ReponseIncorrecte  # noqa: E402
from atelier.modules.m0_prise_en_main import modele as modele  # noqa: E402
from atelier.modules.m0_prise_en_main import questions as questions  # noqa: E402
from atelier.modules.m0_prise_en_main import vues as vues  # noqa: E402
from atelier.vues.style import HACHURE  # noqa: E402


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    return charger("communes").set_index("commune")


@pytest.fixture(autouse=True)
def figures_fermees():
    yield
    assert not plt.get_fignums(), "une figure est restée ouverte (elle s'afficherait deux fois)"


# --- Le modèle ----------------------------------------------------------------------
def test_projeter_population_multiplie_chaque_annee_par_1_035():
    assert modele.projeter_population(100_000, 3.5, 2) == pytest.approx(100_000 * 1.035 * 1.035)
    assert modele.projeter_population(100_000, 3.5, 2) == pytest.approx(107_122.5)
    assert modele.projeter_population(179_290, 3.5, 0) == 179_290
    assert modele.projeter_population(1000, 0, 10) == 1000
    assert isinstance(modele.projeter_population(1000, 3.5, 1), float)


def test_un_nombre_d_annees_negatif_est_explique():
    with pytest.raises(ErreurAtelier, match="2026 − 2013 = 13"):
        modele.projeter_population(1000, 3.5, -1)


def test_le_taux_vient_du_recensement():
    assert modele.taux_croissance() == 3.5


def test_projection_de_kandi_annee_par_annee():
    table = modele.projection("kandi", 2015)
    assert table["annee"].tolist() == [2013, 2014, 2015]
    assert table["population"].tolist() == [
        179_290,
        round(179_290 * 1.035),
        round(179_290 * 1.035**2),
    ]
    assert table["population"].tolist() == [179_290, 185_565, 192_060]
    with pytest.raises(ErreurAtelier, match="à partir de 2013"):
        modele.projection("Kandi", 2010)


def test_la_population_2024_du_tableau_suit_la_meme_projection(communes):
    projetee = modele.projection("Djougou", 2024)["population"].iloc[-1]
    assert projetee == pytest.approx(communes.at["Djougou", "population_2024"], abs=1)


def test_classement_des_plus_et_des_moins_peuplees(communes):
    haut = modele.classement(3)
    attendu = communes["population_2013"].sort_values(ascending=False).head(3)
    assert haut["commune"].tolist() == attendu.index.tolist()
    assert haut["rang"].tolist() == [1, 2, 3]
    assert haut["commune"].iloc[0] == "Cotonou"  # 679 012 habitants en 2013 [70]
    bas = modele.classement(2, plus_peuplees=False)
    assert bas["rang"].tolist() == [77, 76]
    assert bas["population_2013"].iloc[0] == communes["population_2013"].min()


def test_totaux_par_departement(communes):
    totaux = modele.totaux_par_departement().set_index("departement")
    assert len(totaux) == 12
    assert totaux["communes"].sum() == 77
    assert totaux["population_2013"].sum() == 10_008_749  # RGPH4 [70]
    assert totaux.at["Littoral", "communes"] == 1
    assert (
        totaux.at["Plateau", "population_2013"]
        == communes.loc[communes["departement"] == "Plateau", "population_2013"].sum()
    )
    assert totaux["part_du_pays_pct"].sum() == pytest.approx(100, abs=0.2)
    assert totaux["population_2013"].is_monotonic_decreasing


def test_les_quatre_communes_a_statut_particulier():
    assert set(modele.communes_statut_particulier()) == {
        "Cotonou",
        "Porto-Novo",
        "Parakou",
        "Abomey-Calavi",
    }


def test_resume_d_une_commune(communes):
    fiche = modele.resume_commune("KANDI")
    alibori = communes[communes["departement"] == "Alibori"]
    assert fiche["commune"] == "Kandi"
    assert fiche["departement"] == "Alibori"
    assert fiche["population_2013"] == 179_290
    assert fiche["communes_du_departement"] == len(alibori) == 6
    assert fiche["part_du_departement_pct"] == round(
        100 * 179_290 / alibori["population_2013"].sum(), 1
    )
    assert fiche["rang_national"] == 1 + (communes["population_2013"] > 179_290).sum()


# --- Les graphiques et les simulateurs ------------------------------------------------------
def _titre(figure) -> str:
    return figure.axes[0].get_title()


def test_les_titres_disent_ce_qu_il_faut_voir():
    assert _titre(vues.graphique_classement(10)).startswith(
        "Cotonou est la commune la plus peuplée"
    )
    assert "679\u202f012" in _titre(vues.graphique_classement(10))
    assert "Toucountouna" in _titre(vues.graphique_classement(5, plus_peuplees=False))
    assert _titre(vues.graphique_departements()).startswith(
        "Département le plus peuplé : Atlantique"
    )
    assert "seule commune" in _titre(vues.graphique_departement_de("Cotonou"))
    assert "20,7 %" in _titre(vues.graphique_departement_de("Kandi"))
    assert "280\u202f402 habitants en 2026" in _titre(vues.graphique_projection("Kandi", 2026))


def test_la_commune_choisie_est_surlignee():
    figure = vues.graphique_departement_de("Kandi")
    barres = {b.get_hatch(): b for b in figure.axes[0].patches}
    assert HACHURE in barres, "la commune choisie doit être hachurée"


def test_fiche_interactive_suit_le_menu():
    sim = vues.fiche_interactive("Kandi")
    assert sim.resultat["commune"] == "Kandi"
    sim.controles["commune"].value = "Djougou"
    assert sim.resultat["commune"] == "Djougou"
    assert sim.resultat["departement"] == "Donga"
    assert sim.resultat["population_2013"] == 267_812


def test_projection_interactive_suit_l_annee_et_le_taux():
    sim = vues.projection_interactive("Kandi", 2026)
    assert sim.resultat["population"] == round(179_290 * 1.035**13)
    sim.controles["annee"].value = 2030
    assert sim.resultat["population"] == round(179_290 * 1.035**17)
    sim.controles["taux"].value = 0.0
    assert sim.resultat["population"] == 179_290
    sim.controles["commune"].value = "Parakou"
    assert sim.resultat["commune"] == "Parakou"


def test_classement_interactif_suit_le_curseur_et_le_menu(communes):
    sim = vues.classement_interactif()
    assert len(sim.resultat["communes"]) == 10
    sim.controles["n"].value = 5
    assert len(sim.resultat["communes"]) == 5
    sim.controles["ordre"].value = "les moins peuplées"
    assert sim.resultat["premiere"] == communes["population_2013"].idxmin()


def test_tableau_fiche_ecrit_les_nombres_a_la_francaise():
    tableau = vues.tableau_fiche(modele.resume_commune("Cotonou"))
    assert tableau.loc["Population en 2013", "Cotonou"] == "679\u202f012 habitants"
    assert tableau.loc["Rang parmi les 77 communes (population)", "Cotonou"] == "1ʳᵉ"


# --- Enregistrer pour le conseil ------------------------------------------------------------
def test_enregistrer_tableau_pour_un_tableur_francais(tmp_path, capsys):
    tableau = pd.DataFrame({"departement": ["Zou"], "part_pct": [8.5]})
    vues.enregistrer_tableau(tableau, "Part par département", dossier=tmp_path)
    chemin = tmp_path / "part_par_departement.csv"
    brut = chemin.read_bytes()
    assert brut.startswith(b"\xef\xbb\xbf"), "le BOM UTF-8 fait lire les accents par les tableurs"
    assert brut.decode("utf-8-sig").splitlines() == ["departement;part_pct", "Zou;8,5"]
    assert "Télécharger" in capsys.readouterr().out


def test_enregistrer_graphique_en_png(tmp_path):
    vues.enregistrer_graphique(vues.graphique_classement(5), "classement", dossier=tmp_path)
    assert (tmp_path / "classement.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_les_erreurs_d_export_sont_expliquees(tmp_path):
    with pytest.raises(ErreurAtelier, match="Donnez un tableau"):
        vues.enregistrer_tableau(42, "x", dossier=tmp_path)
    with pytest.raises(ErreurAtelier, match="Donnez une figure"):
        vues.enregistrer_graphique("pas une figure", "x", dossier=tmp_path)
    with pytest.raises(ErreurAtelier, match="nom de fichier"):
        vues.enregistrer_tableau(pd.DataFrame({"a": [1]}), "!!!", dossier=tmp_path)


# --- Les questions, dans les deux sens -------------------------------------------------------
def _bonnes_reponses(communes: pd.DataFrame) -> dict:
    return {
        "a1": communes.at["Kandi", "population_2013"],
        "a2": (communes["departement"] == "Zou").sum(),
        "a3": communes.at["Cotonou", "population_2013"] * 1.035 ** (2030 - 2013),
        "a4": communes.index[communes["categorie"] == "statut particulier"].tolist(),
        "q1": communes.at["Djougou", "population_2013"],
        "q2": (communes["departement"] == "Plateau").sum(),
        "q3": communes.at["Parakou", "population_2013"] * 1.035 ** (2026 - 2013),
    }


def _erreurs_typiques(communes: pd.DataFrame) -> dict:
    """Une réponse fausse fréquente par question, et un morceau du message qui doit l'expliquer."""
    return {
        "a1": (communes.at["Kandi", "population_2024"], "2024"),
        "a2": (77, "tout le Bénin"),
        "a3": (communes.at["Cotonou", "population_2013"] * (1 + 0.035 * 17), "multiplier"),
        "a4": (["Cotonou", "Porto-Novo", "Parakou"], "4 élément"),
        "q1": (communes.at["Djougou", "population_2024"], "2024"),
        "q2": (
            communes.loc[communes["departement"] == "Plateau", "population_2013"].sum(),
            "nombre d'habitants",
        ),
        "q3": (communes.at["Parakou", "population_2013"] * 1.035**12, "12 années"),
    }


NOMS = ["a1", "a2", "a3", "a4", "q1", "q2", "q3"]


@pytest.mark.parametrize("nom", NOMS)
def test_le_point_de_depart_n_est_pas_encore_repondu(nom):
    with pytest.raises(NonRepondu, match="pas encore répondu"):
        getattr(questions, nom).verifier(...)


@pytest.mark.parametrize("nom", NOMS)
def test_la_bonne_reponse_passe(nom, communes, capsys):
    getattr(questions, nom).verifier(_bonnes_reponses(communes)[nom])
    assert "bonne réponse" in capsys.readouterr().out


@pytest.mark.parametrize("nom", NOMS)
def test_une_erreur_typique_est_expliquee(nom, communes):
    reponse, explication = _erreurs_typiques(communes)[nom]
    with pytest.raises(ReponseIncorrecte, match=explication):
        getattr(questions, nom).verifier(reponse)


def test_les_projections_acceptent_un_arrondi_a_l_habitant(communes):
    exacte = communes.at["Parakou", "population_2013"] * 1.035**13
    questions.q3.verifier(round(exacte))
    questions.q3.verifier(int(exacte))
    with pytest.raises(ReponseIncorrecte):
        questions.q3.verifier(exacte * 1.01)


def test_la_liste_des_communes_accepte_l_ordre_et_les_majuscules_libres():
    questions.a4.verifier(["parakou", "ABOMEY-CALAVI", "Porto-Novo", "cotonou"])


def test_les_solutions_proposees_sont_justes(communes, capsys):
    """Le code montré par ``solution()`` donne bien la bonne réponse."""
    from atelier.donnees import communes_disponibles, fiche_commune

    espace = {
        "communes": charger("communes"),
        "fiche_commune": fiche_commune,
        "communes_disponibles": communes_disponibles,
        "projeter_population": modele.projeter_population,
    }
    for nom in NOMS:
        question = getattr(questions, nom)
        variables = dict(espace)
        exec(question.solution_code, variables)  # noqa: S102 - code écrit par nous
        nom_variable = question.solution_code.split("=")[0].strip()
        question.verifier(variables[nom_variable])
