"""Les nombres et les tableaux s'affichent à la française dans les carnets, sans changer les valeurs."""

from __future__ import annotations

import re
from pathlib import Path

import nbclient
import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager

from atelier import affichage, modules
from atelier.client_noyau import ClientVigilant
from atelier.erreurs import nombre_fr

from conftest import RACINE, notebooks_du_depot

FINE = "\u202f"  # espace fine insécable, séparateur des milliers


def _executer(nb, dossier: Path = RACINE):
    """Exécute un carnet dans un vrai noyau (client qui ne manque aucune réponse)."""
    noyau = AsyncKernelManager(kernel_name="python3", client_factory=ClientVigilant)
    client = nbclient.NotebookClient(
        nb, km=noyau, allow_errors=True, timeout=300, resources={"metadata": {"path": str(dossier)}}
    )
    client.execute()
    return nb


def _sorties(*sources: str) -> list[dict]:
    """Pour chaque cellule : {type MIME: texte} de son résultat (et les erreurs éventuelles)."""
    nb = nbformat.v4.new_notebook()
    entete = "import atelier\nimport numpy as np\nimport pandas as pd"
    nb.cells = [nbformat.v4.new_code_cell(s) for s in (entete, *sources)]
    _executer(nb)
    resultats = []
    for cellule in nb.cells[1:]:
        donnees = {}
        for sortie in cellule.outputs:
            if sortie.output_type == "error":
                donnees["erreur"] = f"{sortie.ename}: {sortie.evalue}"
                donnees["traceback"] = "\n".join(sortie.traceback)
            donnees.update(sortie.get("data", {}))
        resultats.append(donnees)
    return resultats


@pytest.fixture(scope="module")
def vu():
    return _sorties(
        "np.float64(1.0964912280701753)",
        "np.int64(2274000000)",
        "tableau = pd.DataFrame({'budget_fcfa': [2274000000, 313000000], 'part': [1.5, np.nan],"
        " 'note': ['à revoir', None], 'annee': [2024, 2025]})\ntableau",
        "serie = pd.Series({'population_2013': 179290, 'densite_2013': 47.36, 'noms_alternatifs': np.nan},"
        " name='Kandi')\nserie",
        "x = 2274000000\nx",
        "type(x).__name__, repr(x), str(x), x + 1 == 2274000001",
        "repr(serie), str(tableau), repr(np.float64(1.5))",
        "True, np.bool_(False)",
        "import enum\nclass Niveau(enum.IntEnum):\n    FAIBLE = 1\nNiveau.FAIBLE",
        "(393.33333333333337, 65.55555555555556)",
        "{'tarif_fcfa': 300, 'autres_frais_mois': 387666.6666666667}",
        "np.nan",
        "pd.DataFrame({'v': range(1000)})",
        "import atelier.affichage\natelier.affichage.installer(), atelier.affichage.installer()",
        "np.float64(2.5)",
        "decrire('connectivite')",
        "fiche_commune('Kandi')",
        "tableau.columns, pd.Series(['Zou', 'Mono', 'Zou']).unique(), np.array([1.5, 2.0]), pd.RangeIndex(3)",
    )


def test_un_nombre_decimal_s_ecrit_avec_une_virgule_et_trois_decimales(vu):
    assert vu[0]["text/plain"] == "1,096"


def test_un_grand_entier_numpy_est_groupe_par_milliers(vu):
    assert vu[1]["text/plain"] == f"2{FINE}274{FINE}000{FINE}000"


def test_un_tableau_est_ecrit_a_la_francaise_en_html_et_en_texte(vu):
    html, texte = vu[2]["text/html"], vu[2]["text/plain"]
    for rendu in (html, texte):
        assert f"2{FINE}274{FINE}000{FINE}000" in rendu and f"313{FINE}000{FINE}000" in rendu
        assert "1,5" in rendu and "NaN" not in rendu and "None" not in rendu
        assert "2024" in rendu, "une année ne prend pas d'espace"
    assert "<td>—</td>" in html, "une case vide s'affiche « — »"
    assert re.search(r"000\s+—\s+—\s+2025", texte)


def test_une_colonne_de_decimaux_a_partout_autant_de_decimales():
    import pandas as pd

    lisible = affichage.tableau_lisible(
        pd.DataFrame({"densite": [53.3, 11.0, float("nan"), 0.000123]})
    )
    assert list(lisible["densite"]) == ["53,3", "11,0", "—", "0,000123"]
    assert list(affichage.tableau_lisible(pd.DataFrame({"pct": [0.0, 25.0]}))["pct"]) == ["0", "25"]


def test_une_serie_s_affiche_sans_ligne_technique(vu):
    texte, html = vu[3]["text/plain"], vu[3]["text/html"]
    assert "dtype" not in texte and "Name:" not in texte
    assert (
        f"179{FINE}290" in texte and "47,36" in texte and re.search(r"noms_alternatifs\s+—", texte)
    )
    assert "<th>Kandi</th>" in html and f"<td>179{FINE}290</td>" in html and "dtype" not in html


def test_seul_l_affichage_change_pas_la_valeur(vu):
    assert vu[4]["text/plain"] == f"2{FINE}274{FINE}000{FINE}000"
    assert vu[5]["text/plain"] == "('int', '2274000000', '2274000000', True)"
    reprs = vu[6]["text/plain"]
    assert "dtype: float64" in reprs or "dtype: object" in reprs, (
        "repr() d'une série reste celui de pandas"
    )
    assert "NaN" in reprs and "np.float64(1.5)" in reprs, "str() et repr() ne changent pas"


def test_les_booleens_et_les_enumerations_restent_lisibles(vu):
    assert vu[7]["text/plain"] == "(True, False)"
    assert vu[8]["text/plain"] == "<Niveau.FAIBLE: 1>"


def test_une_suite_de_decimaux_est_separee_par_des_points_virgules(vu):
    assert vu[9]["text/plain"] == "(393,333 ; 65,556)"
    assert vu[10]["text/plain"] == f"{{'tarif_fcfa': 300 ; 'autres_frais_mois': 387{FINE}666,667}}"


def test_index_et_tableaux_a_une_dimension_s_affichent_comme_des_listes(vu):
    assert vu[17]["text/plain"] == (
        "(['budget_fcfa', 'part', 'note', 'annee'],\n ['Zou', 'Mono'],\n [1,5 ; 2],\n RangeIndex(start=0, stop=3, step=1))"
    )


def test_une_valeur_manquante_seule_est_non_renseignee(vu):
    assert vu[11]["text/plain"] == "non renseigné"


def test_un_long_tableau_dit_sa_taille_en_francais(vu):
    html, texte = vu[12]["text/html"], vu[12]["text/plain"]
    assert "1000 lignes × 1 colonne" in html and "1000 lignes × 1 colonne" in texte
    assert "rows" not in html and "columns" not in texte
    assert "<td>999</td>" in html and "<td>500</td>" not in html, (
        "début et fin seulement, comme pandas"
    )


def test_installer_deux_fois_ne_change_rien(vu):
    assert vu[13]["text/plain"] == "(True, True)"
    assert vu[14]["text/plain"] == "2,5"
    assert all("erreur" not in sortie for sortie in vu[:16])


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        (1.0964912280701753, "1,096"),
        (64.69903508771931, "64,699"),
        (12.0, "12"),
        (955607750.0, f"955{FINE}607{FINE}750"),
        (2024, "2024"),
        (12345, f"12{FINE}345"),
        (-13600000.0, f"-13{FINE}600{FINE}000"),
        (0.000123456, "0,000123"),
        (-0.00001, "-1 × 10⁻⁵"),
        (0.00012345, "0,000123"),
        (0.30000000000000004, "0,3"),
        (1e-9, "1 × 10⁻⁹"),
        (10**20 + 1, FINE.join(["100", "000", "000", "000", "000", "000", "001"])),
        (float("nan"), "non renseigné"),
        (float("inf"), "∞"),
    ],
)
def test_regle_d_ecriture_des_nombres(valeur, attendu):
    assert affichage.nombre(valeur) == attendu


def test_nombre_fr_garde_sa_regle_et_tous_les_chiffres():
    assert nombre_fr(1500) == f"1{FINE}500" and nombre_fr(12.5) == "12,50" and nombre_fr(2.0) == "2"
    assert nombre_fr(2**60) == f"{2**60:,d}".replace(",", FINE)
    assert nombre_fr(2024, milliers=False) == "2024"


def test_hors_d_un_carnet_rien_n_est_installe():
    assert affichage.installer() is False


# --- Les petits blocages du débutant -----------------------------------------------------
def test_decrire_marche_dans_une_cellule_libre_sans_import(vu):
    """Les consignes (M0, question 4 de l'exercice) proposent decrire(...) là où il n'est pas importé."""
    assert "erreur" not in vu[15] and "part_couverture_4g" in vu[15]["text/html"]


DECRIRE = re.compile(r"decrire\(\\?[\"']([^\"'\\]+)\\?[\"']\)")


def test_un_outil_du_kit_non_charge_est_explique_avec_la_ligne_a_ajouter(vu):
    erreur = vu[16]["erreur"]
    assert (
        erreur.startswith("NameError")
        and "from atelier.donnees import fiche_commune" in vu[16]["traceback"]
    )


def test_chaque_decrire_propose_par_un_carnet_nomme_une_table_connue():
    from atelier.donnees import decrire

    proposes = {
        (chemin.name, table)
        for chemin in notebooks_du_depot()
        for table in DECRIRE.findall(chemin.read_text(encoding="utf-8"))
        if table != "nom_de_la_table"  # la forme générale, dans les sources du module 0
    }
    assert len(proposes) >= 8, proposes
    for carnet, table in sorted(proposes):
        assert len(decrire(table)) > 0, f"{carnet} propose decrire({table!r})"


@pytest.mark.parametrize("module", modules.noms())
def test_chaque_lecon_mene_a_son_exercice(module):
    lecon = nbformat.read(RACINE / "notebooks" / f"{module}.ipynb", as_version=4)
    textes = "".join(c.source for c in lecon.cells if c.cell_type == "markdown")
    assert f"](../mes_exercices/{module}/{module}.ipynb)" in textes


def test_le_module_0_montre_comment_ajouter_une_cellule_et_demander_un_indice():
    lecon = nbformat.read(RACINE / "notebooks" / "m0_prise_en_main.ipynb", as_version=4)
    textes = "".join(c.source for c in lecon.cells if c.cell_type == "markdown")
    assert "### Ajouter une cellule" in textes and "Insérer une cellule en-dessous" in textes
    codes = [c.source.strip() for c in lecon.cells if c.cell_type == "code"]
    assert "a1.indice()" in codes
    assert codes.index("a1.indice()") > codes.index("a1.verifier(population_kandi)")


# --- Tous les carnets du kit, exécutés : aucune sortie illisible --------------------------
ILLISIBLE = re.compile(r"np\.(float|int)\d*\(|dtype:|\bNaN\b|\d{7,}")


def _textes(sortie) -> list[str]:
    if sortie.output_type == "stream":
        return [sortie.text]
    return [v for mime, v in sortie.get("data", {}).items() if mime.startswith("text/")]


@pytest.fixture(scope="module")
def carnets_executes():
    """Les leçons et les sources des exercices notés (les applications Voilà n'affichent que des simulateurs)."""
    carnets = [c for c in notebooks_du_depot() if c.parent.name != "applications"]
    return {
        chemin: _executer(nbformat.read(chemin, as_version=4), chemin.parent) for chemin in carnets
    }


@pytest.mark.lent
def test_aucune_sortie_illisible_dans_les_lecons_et_les_exercices(carnets_executes):
    assert carnets_executes, "aucun carnet trouvé"
    trouves = []
    for chemin, nb in carnets_executes.items():
        for numero, cellule in enumerate(nb.cells):
            for sortie in cellule.get("outputs", []):
                for texte in _textes(sortie):
                    if motif := ILLISIBLE.search(texte):
                        extrait = texte[max(0, motif.start() - 40) : motif.end() + 20]
                        trouves.append(
                            f"{chemin.relative_to(RACINE)}, cellule {numero} : …{extrait}…"
                        )
    assert not trouves, "sorties illisibles pour un participant :\n" + "\n".join(trouves)
