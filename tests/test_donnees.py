"""Les données de l'atelier : dictionnaire, recensement, générateur, chargeurs et leurs erreurs."""

from __future__ import annotations

import ast
import filecmp
import hashlib
import json
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from atelier.donnees import (
    ErreurDonnees,
    charger,
    charger_communes,
    charger_fichier,
    communes_disponibles,
    decrire,
    departements,
    fiche_commune,
    integrer_mes_chiffres,
    parametre,
    tables_disponibles,
    trouver_commune,
)

from conftest import RACINE

DATASETS = RACINE / "datasets"
FIXTURES = RACINE / "tests" / "fixtures" / "donnees"
PAQUET = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
TABLES = [r["name"] for r in PAQUET["resources"] if r.get("type") == "table"]
GENEREES = [
    r["name"]
    for r in PAQUET["resources"]
    if r.get("type") == "table" and not r["path"].startswith("sources/")
]

# Totaux publiés du recensement de 2013 (RGPH4), repris de datasets/sources/PROVENANCE.md.
TOTAUX_DEPARTEMENTS = {
    "Alibori": 867_463,
    "Atacora": 772_262,
    "Atlantique": 1_398_229,
    "Borgou": 1_214_249,
    "Collines": 717_477,
    "Couffo": 745_328,
    "Donga": 543_130,
    "Littoral": 679_012,
    "Mono": 497_243,
    "Ouémé": 1_100_404,
    "Plateau": 622_372,
    "Zou": 851_580,
}


def _schema(nom: str) -> dict:
    return next(r for r in PAQUET["resources"] if r["name"] == nom)["schema"]


# --- Le dictionnaire et les tables ------------------------------------------------
@pytest.mark.parametrize("nom", TABLES)
def test_chaque_table_suit_son_dictionnaire(nom):
    table = charger(nom)
    champs = _schema(nom)["fields"]
    assert list(table.columns) == [c["name"] for c in champs]
    assert len(table) > 0
    for c in champs:
        serie = table[c["name"]]
        if c["type"] == "integer":
            assert str(serie.dtype) in ("int64", "Int64"), (nom, c["name"], serie.dtype)
        elif c["type"] == "number":
            assert serie.dtype == "float64", (nom, c["name"], serie.dtype)
        elif c["type"] == "boolean":
            assert str(serie.dtype) in ("bool", "boolean"), (nom, c["name"], serie.dtype)
        elif c["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(serie), (nom, c["name"], serie.dtype)
        contraintes = c.get("constraints", {})
        if contraintes.get("required"):
            assert serie.notna().all(), (nom, c["name"])
        if "minimum" in contraintes:
            assert (serie.dropna() >= contraintes["minimum"]).all(), (nom, c["name"])
        if "maximum" in contraintes:
            assert (serie.dropna() <= contraintes["maximum"]).all(), (nom, c["name"])
        if "enum" in contraintes:
            assert set(serie.dropna()) <= set(contraintes["enum"]), (nom, c["name"])


def test_le_dictionnaire_dit_la_nature_l_unite_et_la_source_de_chaque_colonne():
    for ressource in PAQUET["resources"]:
        assert ressource["title"] and ressource["description"] and ressource["licenses"]
        assert (DATASETS / ressource["path"]).is_file(), ressource["path"]
        for c in ressource.get("schema", {}).get("fields", []):
            quoi = f"{ressource['name']}.{c['name']}"
            assert c.get("title") and c.get("description"), quoi
            assert c["atelier:nature"] in {"réel", "calculé", "synthétique"}, quoi
            assert c.get("atelier:source"), quoi
            if c["type"] in ("integer", "number") and not c["name"].startswith(("code", "annee")):
                assert "atelier:unite" in c or c["name"] == "valeur", f"{quoi} n'a pas d'unité"
    # Chaque CSV livré est décrit, et rien n'est décrit qui n'existe pas.
    decrits = {r["path"] for r in PAQUET["resources"]}
    livres = {str(p.relative_to(DATASETS)) for p in DATASETS.rglob("*.csv")}
    livres |= {str(p.relative_to(DATASETS)) for p in DATASETS.rglob("*.geojson")}
    assert livres == decrits


def test_les_tables_synthetiques_le_disent_et_les_contours_gardent_leur_licence():
    for nom in (
        "connectivite",
        "budget",
        "maturite_losi",
        "etat_civil",
        "demandes_mensuelles",
        "economie_numerique",
        "enquete_competences",
        "evaluation_formation",
    ):
        ressource = next(r for r in PAQUET["resources"] if r["name"] == nom)
        assert "synthétiques (fictives, pour l'exercice)" in ressource["description"], nom
    contours = next(r for r in PAQUET["resources"] if r["name"] == "contours_communes")
    assert contours["licenses"][0]["name"] == "GPL-3.0-or-later"
    licences = (DATASETS / "LICENCES.md").read_text(encoding="utf-8")
    assert "GPL-3.0-or-later" in licences and "benin_communes.geojson" in licences


def test_tables_disponibles_et_decrire():
    liste = tables_disponibles()
    assert set(liste["table"]) == set(TABLES)
    assert liste.set_index("table").at["connectivite", "contenu"] == "réel, synthétique"
    dico = decrire("connectivite").set_index("colonne")
    assert dico.at["part_couverture_4g", "unite"] == "%"
    assert dico.at["part_couverture_4g", "nature"] == "synthétique"
    assert dico.at["commune", "nature"] == "réel"
    with pytest.raises(ErreurDonnees, match="connectivite"):
        charger("conectivite")


# --- Le recensement (données réelles) ----------------------------------------------
def test_recensement_77_communes_12_departements_et_totaux_publies():
    communes = charger("communes")
    assert len(communes) == 77 and communes["commune"].is_unique
    assert communes["departement"].nunique() == 12
    assert communes["population_2013"].sum() == 10_008_749
    assert communes["population_2013_hommes"].sum() == 4_887_820
    assert communes["population_2013_femmes"].sum() == 5_120_929
    assert communes["menages_2013"].sum() == 1_803_123
    assert communes.groupby("departement")["population_2013"].sum().to_dict() == TOTAUX_DEPARTEMENTS
    assert communes.set_index("commune").at["Cotonou", "population_2013"] == 679_012
    assert (
        communes["population_2013_hommes"] + communes["population_2013_femmes"]
        == communes["population_2013"]
    ).all()


def test_arrondissements_546_et_sommes_egales_aux_communes():
    arr = charger("arrondissements")
    communes = charger("communes").set_index("commune")
    assert len(arr) == 546
    assert not arr.duplicated(["commune", "arrondissement"]).any()
    par_commune = arr.groupby("commune")[["population_2013", "menages_2013"]].sum()
    assert (
        par_commune["population_2013"] == communes["population_2013"].reindex(par_commune.index)
    ).all()
    assert (
        par_commune["menages_2013"] == communes["menages_2013"].reindex(par_commune.index)
    ).all()
    assert (
        arr.groupby("commune").size() == communes["nb_arrondissements"].reindex(par_commune.index)
    ).all()


def test_les_fichiers_reels_sont_copies_intacts():
    provenance = (DATASETS / "sources" / "PROVENANCE.md").read_text(encoding="utf-8")
    # présent seulement sur la machine de l'équipe
    origine = RACINE.parent.parent / "shared" / "datasets-src"
    for nom in (
        "communes_reference.csv",
        "benin_communes.geojson",
        "communes_name_crosswalk.csv",
        "arrondissements_reference.csv",
    ):
        empreinte = hashlib.sha256((DATASETS / "sources" / nom).read_bytes()).hexdigest()
        ligne = next(lg for lg in provenance.splitlines() if lg.startswith(f"| `{nom}`"))
        attendue = re.findall(r"`([0-9a-f]{8,})(?:…([0-9a-f]+))?`", ligne)[-1]
        assert empreinte.startswith(attendue[0]) and empreinte.endswith(attendue[1]), nom
        if origine.is_dir():
            assert filecmp.cmp(DATASETS / "sources" / nom, origine / nom, shallow=False), nom


# --- Les faits sourcés et les calages des données synthétiques --------------------------
def test_faits_sources_par_commune():
    communes = charger("communes").set_index("commune")
    particulier = set(communes.index[communes["categorie"] == "statut particulier"])
    assert particulier == {"Cotonou", "Porto-Novo", "Parakou", "Abomey-Calavi"}
    assert set(communes.index[communes["pilote_ecommune"]]) == {"Porto-Novo", "Lokossa", "Djougou"}
    ccsp_2023 = set(communes.index[communes["ccsp_mars_2023"]])
    assert ccsp_2023 == {"Ouèssè", "Covè", "Adjarra", "Sèmè-Podji", "Lokossa"}
    connect = charger("connectivite").set_index("commune")
    assert connect["a_ccsp"].sum() == 20 and ccsp_2023 <= set(connect.index[connect["a_ccsp"]])
    assert connect["a_pnc"].sum() == 43
    assert connect["fibre_backbone"].sum() == 50
    tarifs = charger("services").set_index("code_service")["tarif_fcfa"].dropna().to_dict()
    assert tarifs == {
        "certificat_residence": 2000,
        "cip": 2800,
        "cni": 6000,
        "casier_judiciaire": 1900,
    }


def test_les_donnees_synthetiques_sont_calees_sur_les_chiffres_nationaux():
    communes = charger("communes")
    assert (communes["population_2024"] == np.round(communes["population_2013"] * 1.035**11)).all()
    budget = charger("budget")
    assert abs(budget["fadec_non_affecte_fcfa"].sum() - 38.6e9) < 77 * 1_000
    assert abs(budget["fadec_affecte_fcfa"].sum() - 15.1e9) < 77 * 1_000
    assert (budget["recettes_propres_fcfa"] < budget["budget_total_fcfa"]).all()
    assert (budget["pai_numerique_fcfa"] <= 0.05 * budget["pai_total_fcfa"] + 100_000).all()
    connect = charger_communes("connectivite")
    electricite = np.average(
        connect["part_menages_electricite"], weights=connect["population_2024"]
    )
    assert abs(electricite - 40) < 1
    economie = charger("economie_numerique")
    assert economie["nb_startups_labellisees"].sum() == 15
    assert abs(economie["comptes_mobile_money"].sum() - 11.1e6) < 77 * 100
    # Les campagnes et la grille LOSI : les grandes villes sont plus avancées que les communes rurales.
    losi = charger_communes("maturite_losi")
    score = losi.filter(like="losi_").mean(axis=1)
    urbaine = losi["part_population_urbaine"] > 60
    assert score[urbaine].mean() > score[~urbaine].mean() + 0.15


def test_les_tables_synthetiques_sont_coherentes_entre_elles():
    mensuel = charger("demandes_mensuelles")
    etat_civil = charger("etat_civil").set_index("commune")
    actes = mensuel[
        mensuel["code_service"].isin(
            ["declaration_naissance", "copie_acte_naissance", "acte_mariage", "acte_deces"]
        )
    ]
    somme = actes.groupby("commune")["demandes"].sum()
    assert (
        len(somme) == 77 and (somme == etat_civil["demandes_actes_an"].reindex(somme.index)).all()
    )
    assert (mensuel["demandes_en_ligne"] <= mensuel["demandes"]).all()
    assert (mensuel["rejets"] <= mensuel["demandes"]).all()
    assert mensuel["mois"].dt.year.eq(2024).all() and mensuel["mois"].dt.month.nunique() == 12
    services = charger("services").set_index("code_service")
    volumes = mensuel.groupby("code_service")["demandes"].sum()
    assert (services.loc[volumes.index, "volume_an"] == volumes).all()
    # Files d'attente stables : demandes par heure × temps de traitement < nombre de guichets.
    occupation = (
        etat_civil["demandes_jour"]
        / etat_civil["heures_ouverture"]
        * etat_civil["temps_traitement_min"]
        / 60
        / etat_civil["nb_guichets"]
    )
    assert (occupation < 1).all()
    secteurs = charger("entreprises_secteurs").groupby("commune")["nb_entreprises"].sum()
    economie = charger("economie_numerique").set_index("commune")
    assert (secteurs == economie["nb_entreprises_num"].reindex(secteurs.index)).all()
    enquete = charger("enquete_competences")
    assert len(enquete) == 77 * 40
    base = enquete.filter(like="niv_").ge(1).all(axis=1).groupby(enquete["commune"]).mean() * 100
    connect = charger("connectivite").set_index("commune")
    assert np.allclose(connect["part_competences_base"].reindex(base.index), base.round(1))
    assert (
        enquete.groupby("milieu")["niv_info"].mean()["urbain"]
        > enquete.groupby("milieu")["niv_info"].mean()["rural"]
    )


def test_arrondissements_positions_et_equipements():
    from matplotlib.path import Path as Chemin

    arr = charger("arrondissements")
    assert np.allclose(arr["dist_centre_km"], np.hypot(arr["x_km"], arr["y_km"]), atol=0.02)
    assert (arr.groupby("commune")["chef_lieu"].sum() == 1).all()
    assert (arr.loc[arr["chef_lieu"], "dist_centre_km"] == 0).all()
    geo = json.loads((DATASETS / "sources" / "benin_communes.geojson").read_text(encoding="utf-8"))
    contours = {
        f["properties"]["commune"]: Chemin(f["geometry"]["coordinates"][0]) for f in geo["features"]
    }
    dedans = [
        contours[c].contains_point((x, y))
        for c, x, y in zip(arr["commune"], arr["longitude"], arr["latitude"], strict=True)
    ]
    assert all(dedans)
    connect = charger("connectivite").set_index("commune")
    # Les PNC et les CCSP sont au chef-lieu des communes qui en ont un.
    for colonne in ("a_pnc", "a_ccsp"):
        par_commune = arr.groupby("commune")[colonne].any()
        assert (par_commune == connect[colonne].reindex(par_commune.index)).all()
        assert not (arr[colonne] & ~arr["chef_lieu"]).any()


# --- Le générateur ------------------------------------------------------------------
def test_le_generateur_redonne_exactement_les_fichiers_commites(tmp_path):
    sorties = []
    for essai in ("a", "b"):
        dossier = tmp_path / essai
        resultat = subprocess.run(
            [sys.executable, str(DATASETS / "generer.py"), "--sortie", str(dossier)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert resultat.returncode == 0, resultat.stderr
        sorties.append(dossier)
    produits = sorted(p.name for p in sorties[0].glob("*.csv"))
    assert produits == sorted(f"{nom}.csv" for nom in GENEREES)
    for nom in produits:
        premier = (sorties[0] / nom).read_bytes()
        assert premier == (sorties[1] / nom).read_bytes(), f"{nom} change d'un lancement à l'autre"
        assert premier == (DATASETS / nom).read_bytes(), (
            f"{nom} diffère du fichier commité : relancez generer.py"
        )


def test_le_generateur_n_utilise_que_numpy_pandas_et_des_tirages_uniformes():
    source = (DATASETS / "generer.py").read_text(encoding="utf-8")
    arbre = ast.parse(source)
    modules = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            modules |= {a.name.split(".")[0] for a in noeud.names}
        elif isinstance(noeud, ast.ImportFrom):
            modules.add(noeud.module.split(".")[0])
    tiers = modules - set(sys.stdlib_module_names) - {"__future__"}
    assert tiers == {"numpy", "pandas"}
    appels = set(re.findall(r"self\._rng\.(\w+)\(", source))
    assert appels == {"random"}
    assert "default_rng" not in source and "np.random.seed" not in source


def test_le_dossier_datasets_pese_moins_de_5_mo():
    taille = sum(
        p.stat().st_size
        for p in DATASETS.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert taille < 5 * 1024 * 1024


# --- Trouver une commune -----------------------------------------------------------
@pytest.mark.parametrize(
    ("ecrit", "officiel"),
    [
        ("abomey calavi", "Abomey-Calavi"),
        ("ABOMEY-CALAVI", "Abomey-Calavi"),
        ("Seme-Kpodji", "Sèmè-Podji"),
        ("sèmè podji", "Sèmè-Podji"),
        ("Kobli", "Cobly"),
        ("Ouassa-Péhunco", "Péhunco"),
        ("n'dali", "N'Dali"),
        ("Abomey", "Abomey"),
        ("so ava", "Sô-Ava"),
    ],
)
def test_trouver_commune_tolere_accents_casse_et_autres_orthographes(ecrit, officiel):
    assert trouver_commune(ecrit) == officiel


def test_une_faute_de_frappe_propose_le_nom_proche():
    with pytest.raises(ErreurDonnees) as erreur:
        trouver_commune("Abomey-Calavy")
    assert (
        str(erreur.value)
        == "Commune inconnue : « Abomey-Calavy ». Vouliez-vous dire « Abomey-Calavi » ?"
    )
    with pytest.raises(ErreurDonnees, match="Tchaourou"):
        trouver_commune("Tchaouru")
    with pytest.raises(ErreurDonnees, match="communes_disponibles"):
        trouver_commune("Paris")
    assert isinstance(erreur.value, ValueError)


def test_listes_de_communes_et_de_departements():
    assert len(communes_disponibles()) == 77
    assert communes_disponibles("oueme") == communes_disponibles("Ouémé")
    assert len(communes_disponibles("Ouémé")) == 9 and "Porto-Novo" in communes_disponibles("Ouémé")
    assert len(departements()) == 12
    with pytest.raises(ErreurDonnees, match="Atacora"):
        communes_disponibles("Atakora ouest")
    fiche = fiche_commune("cotonou")
    assert fiche.name == "Cotonou" and fiche["population_2013"] == 679_012


def test_parametres_et_jointures():
    assert parametre("smig_fcfa_mois") == 52_000
    assert parametre("valeur_temps_fcfa_h") == round(0.3 * 52_000 / 173.33)
    with pytest.raises(ErreurDonnees, match="smig_fcfa_mois"):
        parametre("smig")
    jointe = charger_communes("connectivite", "budget")
    assert len(jointe) == 77 and {"population_2013", "part_couverture_4g", "pai_total_fcfa"} <= set(
        jointe.columns
    )
    with pytest.raises(ErreurDonnees, match="une ligne par commune"):
        charger_communes("arrondissements")


# --- Fichiers du formateur : ce qui passe et ce qui est refusé -----------------------------
def _etat_civil(tmp_path, modifier=None, nom="mon_etat_civil.csv", **options):
    table = pd.read_csv(DATASETS / "etat_civil.csv", dtype=str, keep_default_na=False).head(6)
    if modifier:
        table = modifier(table)
    chemin = tmp_path / nom
    table.to_csv(chemin, index=False, **options)
    return chemin


def _refus(chemin, table="etat_civil") -> ErreurDonnees:
    with pytest.raises(ErreurDonnees) as erreur:
        charger_fichier(chemin, table=table)
    message = str(erreur.value)
    assert chemin.name in message, message
    assert "Traceback" not in message
    return erreur.value


def test_un_fichier_correct_est_accepte_et_type(tmp_path):
    table = charger_fichier(_etat_civil(tmp_path), table="etat_civil")
    assert len(table) == 6 and table["demandes_actes_an"].dtype == "int64"
    assert table["commune"].iloc[0] == "Banikoara"


def test_fichier_introuvable(tmp_path):
    erreur = _refus(tmp_path / "etat_civl.csv")
    assert "introuvable" in str(erreur)
    _etat_civil(tmp_path, nom="etat_civil.csv")
    # le fichier voisin est proposé
    assert "« etat_civil.csv »" in str(_refus(tmp_path / "etat_civl.csv"))


def test_colonne_absente(tmp_path):
    erreur = _refus(_etat_civil(tmp_path, lambda t: t.drop(columns=["pct_72h"])))
    assert "colonne « pct_72h » : colonne absente du fichier" in str(erreur)
    assert [p.colonne for p in erreur.problemes][0] == "pct_72h"


def test_colonne_mal_orthographiee(tmp_path):
    erreur = _refus(
        _etat_civil(tmp_path, lambda t: t.rename(columns={"satisfaction_pct": "satisfation_pct"}))
    )
    assert "colonne « satisfaction_pct »" in str(erreur)
    assert "Une colonne s'appelle « satisfation_pct » : faute de frappe ?" in str(erreur)


def test_mauvais_type_montre_les_lignes_en_cause(tmp_path):
    def abimer(t):
        t.loc[2, "demandes_actes_an"] = "douze mille"
        t.loc[4, "demandes_actes_an"] = "n/a"
        return t

    erreur = _refus(_etat_civil(tmp_path, abimer))
    message = str(erreur)
    assert "colonne « demandes_actes_an » : il faut un nombre entier" in message
    assert (
        "ligne 4 (Kandi) : « douze mille »" in message
        and "ligne 6 (Malanville) : « n/a »" in message
    )


def test_valeur_hors_intervalle(tmp_path):
    def abimer(t):
        t.loc[1, "pct_72h"] = "120"
        return t

    message = str(_refus(_etat_civil(tmp_path, abimer)))
    assert (
        "colonne « pct_72h » : valeur hors de l'intervalle permis (il faut entre 0 et 100 %)"
        in message
    )
    assert "ligne 3 (Gogounou) : « 120 »" in message


def test_commune_en_double(tmp_path):
    message = str(
        _refus(_etat_civil(tmp_path, lambda t: pd.concat([t, t.iloc[[0]]], ignore_index=True)))
    )
    assert "la commune « Banikoara » apparaît 2 fois (lignes 2, 8)" in message


def test_commune_inconnue_avec_suggestion(tmp_path):
    def abimer(t):
        t.loc[0, "commune"] = "Abomey-Calavy"
        t.loc[0, "departement"] = "Atlantique"
        return t

    message = str(_refus(_etat_civil(tmp_path, abimer)))
    assert (
        "colonne « commune » : commune inconnue « Abomey-Calavy » (ligne 2). Vouliez-vous dire « Abomey-Calavi » ?"
        in message
    )


def test_commune_dans_le_mauvais_departement(tmp_path):
    def abimer(t):
        t.loc[2, "departement"] = "Borgou"
        return t

    assert "ligne 4 : Kandi est dans le département « Alibori », pas « Borgou »" in str(
        _refus(_etat_civil(tmp_path, abimer))
    )


def test_valeur_manquante_et_valeur_non_permise(tmp_path):
    chemin = tmp_path / "enquete.csv"
    table = pd.read_csv(
        DATASETS / "enquete_competences.csv", dtype=str, keep_default_na=False
    ).head(4)
    table.loc[1, "sexe"] = "F"
    table.loc[2, "age"] = ""
    table.loc[3, "smartphone"] = "peut-être"
    table.to_csv(chemin, index=False)
    erreur = _refus(chemin, table="enquete_competences")
    message = str(erreur)
    assert (
        "colonne « sexe » : valeur non permise : ligne 3 (Banikoara) : « F ». Valeurs permises : femme, homme."
        in message
    )
    assert "colonne « age » : valeur manquante : ligne 4 (Banikoara)" in message
    assert "colonne « smartphone » : il faut « oui » ou « non »" in message
    assert len(erreur.problemes) == 3


def test_csv_mal_forme_virgule_sans_guillemets(tmp_path):
    chemin = _etat_civil(tmp_path)
    lignes = chemin.read_text(encoding="utf-8").splitlines()
    lignes[3] = lignes[3] + ",en trop"
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    message = str(_refus(chemin))
    assert "ligne 4 :" in message and "valeurs au lieu de" in message and "guillemets" in message


def test_csv_mal_forme_guillemet_non_ferme(tmp_path):
    chemin = _etat_civil(tmp_path)
    lignes = chemin.read_text(encoding="utf-8").splitlines()
    lignes[2] = lignes[2].replace("Gogounou", '"Gogounou', 1)
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    assert "guillemet" in str(_refus(chemin))


def test_separateur_inconnu(tmp_path):
    chemin = _etat_civil(tmp_path, sep="|")
    assert "Une seule colonne a été lue" in str(_refus(chemin))


def test_fichier_vide(tmp_path):
    chemin = tmp_path / "vide.csv"
    chemin.write_text("\n", encoding="utf-8")
    assert "est vide" in str(_refus(chemin))


def test_export_de_tableur_francais_accepte():
    """Point-virgule, virgule décimale, espaces dans les milliers, encodage Windows, en-têtes libres."""
    chemin = FIXTURES / "etat_civil_tableur_fr.csv"
    assert b";" in chemin.read_bytes().splitlines()[0]
    with pytest.raises(UnicodeDecodeError):
        chemin.read_bytes().decode("utf-8")
    table = charger_fichier(chemin, table="etat_civil")
    officiel = charger("etat_civil").set_index("commune")
    assert list(table["commune"]) == [
        "Kandi",
        "Sèmè-Podji",
        "Abomey-Calavi",
    ]  # noms remis en forme officielle
    ligne = table.set_index("commune").loc["Kandi"]
    assert ligne["demandes_actes_an"] == 12_345 and ligne["delai_moyen_jours"] == 4.5
    assert (
        ligne["pct_72h"] == 61.5
        and ligne["heures_ouverture"] == officiel.at["Kandi", "heures_ouverture"]
    )


def test_en_tetes_ecrits_librement(tmp_path):
    chemin = _etat_civil(
        tmp_path,
        lambda t: t.rename(
            columns={"demandes_actes_an": "Demandes actes an", "pct_72h": "PCT_72H"}
        ),
    )
    assert {"demandes_actes_an", "pct_72h"} <= set(
        charger_fichier(chemin, table="etat_civil").columns
    )


def test_nom_de_table_deduit_du_fichier_ou_demande(tmp_path):
    assert len(charger_fichier(_etat_civil(tmp_path, nom="etat_civil.csv"))) == 6
    with pytest.raises(ErreurDonnees, match="table=") as erreur:
        charger_fichier(_etat_civil(tmp_path, nom="mes_chiffres.csv"))
    assert "mes_chiffres.csv" in str(erreur.value)


def test_integrer_mes_chiffres_remplace_seulement_ma_commune():
    resultat = integrer_mes_chiffres("etat_civil", FIXTURES / "mes_chiffres_kandi.csv")
    officiel = charger("etat_civil")
    assert len(resultat) == 77 and list(resultat.columns) == [*officiel.columns, "mes_chiffres"]
    kandi = resultat.set_index("commune").loc["Kandi"]
    assert kandi["mes_chiffres"] and kandi["nb_guichets"] == 2 and kandi["satisfaction_pct"] == 74.0
    autres = (
        resultat[resultat["commune"] != "Kandi"].drop(columns="mes_chiffres").reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(
        autres, officiel[officiel["commune"] != "Kandi"].reset_index(drop=True)
    )


def test_integrer_mes_chiffres_refuse_une_colonne_inconnue(tmp_path):
    chemin = tmp_path / "kandi.csv"
    chemin.write_text("commune,nb_guichet\nKandi,2\n", encoding="utf-8")
    with pytest.raises(ErreurDonnees, match="nb_guichets") as erreur:
        integrer_mes_chiffres("etat_civil", chemin)
    assert "kandi.csv" in str(erreur.value) and "n'existe pas" in str(erreur.value)


@pytest.mark.lent
def test_dans_un_carnet_l_erreur_s_affiche_sans_trace_et_la_cellule_echoue(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    carnet = nbformat.v4.new_notebook()
    carnet.cells = [
        nbformat.v4.new_code_cell("from atelier.donnees import charger_fichier, trouver_commune"),
        nbformat.v4.new_code_cell('trouver_commune("Abomey-Calavy")'),
        nbformat.v4.new_code_cell('charger_fichier("absent.csv", table="etat_civil")'),
    ]
    client = nbclient.NotebookClient(
        carnet,
        kernel_name="python3",
        timeout=60,
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    for cellule, attendu in (
        (carnet.cells[1], "Vouliez-vous dire « Abomey-Calavi » ?"),
        (carnet.cells[2], "Fichier introuvable : « absent.csv »"),
    ):
        erreurs = [o for o in cellule.outputs if o["output_type"] == "error"]
        assert len(erreurs) == 1  # une vraie sortie d'erreur : zéro point pour nbgrader
        assert erreurs[0]["ename"] == "ErreurDonnees"
        assert erreurs[0]["traceback"] == [
            f"❌ {erreurs[0]['evalue']}"
        ]  # pas de trace du code de l'atelier
        assert attendu in erreurs[0]["evalue"]


def _nombre_fr(texte: str) -> float:
    return float(texte.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", "."))


def _plages_documentees():
    """Les champs numériques dont la description annonce une plage « (a à b …) »."""
    motif = re.compile(
        r"\((-?\d[\d\u202f\xa0 ]*(?:,\d+)?)\s*(?:%|km|ans|FCFA)?\s*à\s*(-?\d[\d\u202f\xa0 ]*(?:,\d+)?)"
    )
    for ressource in PAQUET["resources"]:
        if ressource.get("type") != "table":
            continue
        for champ in ressource["schema"]["fields"]:
            trouve = motif.search(champ.get("description", ""))
            if champ["type"] in ("number", "integer") and trouve:
                yield ressource["name"], champ["name"], _nombre_fr(trouve[1]), _nombre_fr(trouve[2])


def test_les_plages_documentees_contiennent_les_donnees_et_collent_a_elles():
    plages = list(_plages_documentees())
    assert len(plages) >= 5, plages
    ecarts = []
    for table, colonne, bas, haut in plages:
        valeurs = charger(table)[colonne]
        marge = 0.1 * (haut - bas)  # la plage dite ne dépasse pas les données de plus de 10 %
        if not (bas <= valeurs.min() <= bas + marge and haut - marge <= valeurs.max() <= haut):
            ecarts.append(
                f"{table}.{colonne} : dit {bas} à {haut}, données {valeurs.min()} à {valeurs.max()}"
            )
    assert not ecarts, ecarts


@pytest.mark.parametrize("nom", TABLES)
def test_les_bornes_du_dictionnaire_contiennent_les_donnees(nom):
    table = charger(nom)
    for champ in _schema(nom)["fields"]:
        contraintes = champ.get("constraints", {})
        if champ["type"] in ("number", "integer") and champ["name"] in table:
            valeurs = table[champ["name"]].dropna()
            if "minimum" in contraintes:
                assert valeurs.min() >= contraintes["minimum"], champ["name"]
            if "maximum" in contraintes:
                assert valeurs.max() <= contraintes["maximum"], champ["name"]


def test_categories_du_decret_de_2022():
    communes = charger("communes")
    assert communes["categorie"].value_counts().to_dict() == {
        "ordinaire": 54,
        "intermédiaire": 19,
        "statut particulier": 4,
    }
    intermediaires = set(communes.loc[communes["categorie"] == "intermédiaire", "commune"])
    assert {"Kandi", "Bohicon", "Sèmè-Podji", "Dassa-Zoumè"} <= intermediaires
    assert "Cotonou" not in intermediaires and "Karimama" not in intermediaires
