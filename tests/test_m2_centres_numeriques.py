"""Module 2 — centres numériques : modèle, simulateurs et questions.

Les valeurs attendues sont calculées ici, à la main ou directement sur le CSV
avec pandas, jamais recopiées du paquet.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from atelier.exercices import NonRepondu, ReponseIncorrecte  # noqa: E402
from atelier.modules.m2_centres_numeriques import modele as m  # noqa: E402
from atelier.modules.m2_centres_numeriques import questions as questions  # noqa: E402
from atelier.modules.m2_centres_numeriques import vues as vues  # noqa: E402

from conftest import RACINE  # noqa: E402

# --- Un petit exemple fait à la main ----------------------------------------------------
#
# Cinq arrondissements sur une ligne est-ouest, rayon 4 km :
#
#   A (x=1, 20 hab.)  B (x=5, 40)  C (x=7, 40)  D (x=11, 30)  E (x=13, 40)   total 170
#
# À 4 km au plus : A couvre A, B (4 km) = 60 ; B couvre A, B, C = 100 ;
# C couvre B, C, D = 110 ; D couvre C, D, E = 110 ; E couvre D, E = 70.
# Étape 1 : C et D à égalité (110) → C (ordre alphabétique).
# Étape 2 (B, C, D desservis) : A +20, B +20, D +40, E +40 → D (égalité avec E).
# Total glouton : 150. Mais B + E couvre A, B, C, D, E = 170 : la méthode
# gloutonne n'est pas toujours la meilleure combinaison.


def petite_commune(**colonnes) -> pd.DataFrame:
    # Lignes dans le désordre : le départage doit suivre les noms, pas l'ordre du tableau.
    table = pd.DataFrame(
        {
            "commune": "Essai",
            "arrondissement": ["E", "D", "C", "B", "A"],
            "population_2024": [40, 30, 40, 40, 20],
            "x_km": [13.0, 11.0, 7.0, 5.0, 1.0],
            "y_km": [0.0] * 5,
            "chef_lieu": [False, False, True, False, False],
            "electrifie": [False, True, True, False, True],
            "a_pnc": [False, False, True, False, False],
            "a_ccsp": [False] * 5,
            "capex_fcfa": [20_000_000, 24_000_000, 22_000_000, 21_000_000, 18_000_000],
            "cout_solaire_fcfa": [6_000_000, 5_000_000, 5_000_000, 7_000_000, 4_000_000],
            "opex_annuel_fcfa": [4_800_000, 6_000_000, 5_400_000, 4_200_000, 3_600_000],
            "usagers_jour": [40, 25, 50, 20, 10],
            "tarif_fcfa": [300, 250, 400, 200, 350],
        }
    )
    for nom, valeurs in colonnes.items():
        table[nom] = valeurs
    return table


def test_distance_a_vol_d_oiseau():
    assert m.distance_km(3, 4, 0, 0) == 5  # triangle 3-4-5
    assert m.distance_km(-1, 2, 2, -2) == 5  # écarts 3 et 4


def test_tableau_des_distances():
    d = m.distances(petite_commune())
    assert d.loc["A", "E"] == 12
    assert d.loc["C", "B"] == 2
    assert (np.diag(d.to_numpy()) == 0).all()


def test_couverture_d_un_centre():
    table = m.couverture(petite_commune(), ["C"], 4).set_index("arrondissement")
    assert table["desservi"].to_dict() == {"E": False, "D": True, "C": True, "B": True, "A": False}
    assert table.loc["A", "distance_km"] == 6
    assert m.population_desservie(petite_commune(), ["C"], 4) == 40 + 40 + 30
    assert m.part_desservie(petite_commune(), ["C"], 4) == pytest.approx(100 * 110 / 170)


def test_la_limite_est_comprise_et_les_noms_sans_majuscules():
    # A est à exactement 4 km de B : desservi.
    assert m.population_desservie(petite_commune(), ["b"], 4) == 20 + 40 + 40
    assert m.population_desservie(petite_commune(), ["b"], 3.99) == 40 + 40


def test_un_nom_d_arrondissement_avec_accents_est_reconnu():
    # La table écrit les arrondissements sans accents : « Bembereke ».
    arr = m.arrondissements_de("Bembèrèkè")
    assert m.couverture(arr, ["Bembèrèkè"], 5)["desservi"].sum() == 1
    assert m.fiche_site("bembereke", "GAMIA").name == "Gamia"


def test_sans_centre_personne_n_est_desservi():
    assert m.population_desservie(petite_commune(), [], 50) == 0
    assert m.couverture(petite_commune(), [], 50)["distance_km"].map(math.isinf).all()


def test_gains_et_site_suivant_a_egalite_par_ordre_alphabetique():
    gains = m.gains(petite_commune(), [], 4)
    assert list(gains["arrondissement"]) == ["C", "D", "B", "E", "A"]
    assert list(gains["habitants_gagnes"]) == [110, 110, 100, 70, 60]
    assert m.site_suivant(petite_commune(), [], 4) == "C"
    assert m.site_suivant(petite_commune(), ["C"], 4) == "D"  # D et E : +40 chacun


def test_choix_glouton_calcule_a_la_main():
    etapes = m.choisir_sites(petite_commune(), 2, 4)
    assert m.sites_choisis(etapes) == ["C", "D"]
    assert list(etapes["habitants_gagnes"]) == [0, 110, 40]
    assert list(etapes["population_desservie"]) == [0, 110, 150]
    assert etapes["part_desservie"].iloc[-1] == pytest.approx(100 * 150 / 170)


def test_le_choix_glouton_n_est_pas_toujours_le_meilleur():
    assert (
        m.population_desservie(
            petite_commune(), m.sites_choisis(m.choisir_sites(petite_commune(), 2, 4)), 4
        )
        == 150
    )
    assert m.population_desservie(petite_commune(), ["B", "E"], 4) == 170


def test_le_choix_glouton_part_des_existants_et_s_arrete_sans_gain():
    etapes = m.choisir_sites(petite_commune(), 5, 4, existants=["C"])
    assert etapes["site"].iloc[0] == "C"
    assert etapes["population_desservie"].iloc[0] == 110
    # Après C : D (+40, égalité avec E), puis A ou B (+20) → A ; ensuite plus rien à gagner.
    assert m.sites_choisis(etapes) == ["D", "A"]
    assert etapes["population_desservie"].iloc[-1] == 170
    assert len(etapes) == 3


def test_le_choix_glouton_est_deterministe():
    une = m.choisir_sites(petite_commune(), 3, 4)
    autre = m.choisir_sites(petite_commune().sample(frac=1, random_state=3), 3, 4)
    pd.testing.assert_frame_equal(une, autre)


def test_sites_existants_et_chef_lieu():
    assert m.sites_existants(petite_commune()) == ["C"]
    assert m.chef_lieu(petite_commune()) == "C"


def test_erreurs_en_francais():
    deux = pd.concat([petite_commune(), petite_commune(commune="Autre")])
    with pytest.raises(m.ErreurCentres, match="2 communes.*une seule commune"):
        m.part_desservie(deux, ["C"], 4)
    with pytest.raises(m.ErreurCentres, match="« Z » n'est pas un arrondissement.*A, B, C, D, E"):
        m.part_desservie(petite_commune(), ["Z"], 4)
    with pytest.raises(m.ErreurCentres, match="aucun arrondissement"):
        m.part_desservie(petite_commune().iloc[0:0], [], 4)


# --- Coûts ----------------------------------------------------------------------------


def test_investissement_avec_ou_sans_kit_solaire():
    assert m.investissement(20_000_000, 6_000_000, electrifie=False) == 26_000_000
    assert m.investissement(20_000_000, 6_000_000, electrifie=True) == 20_000_000


def test_cout_par_usager_calcule_a_la_main():
    # (30 000 000 ÷ 5 + 4 000 000) ÷ (50 × 300) = 10 000 000 ÷ 15 000
    assert m.cout_annuel(30_000_000, 4_000_000) == 10_000_000
    assert m.cout_par_usager(30_000_000, 4_000_000, 50) == pytest.approx(10_000_000 / 15_000)
    # sur 10 ans et 250 jours : (3 000 000 + 4 000 000) ÷ (50 × 250)
    assert m.cout_par_usager(
        30_000_000, 4_000_000, 50, duree_ans=10, jours_par_an=250
    ) == pytest.approx(560)


def test_couts_des_sites():
    couts = m.couts_des_sites(petite_commune()).set_index("arrondissement")
    # E n'est pas électrifié : 20 M + 6 M ; (26 M ÷ 5 + 4,8 M) ÷ (40 × 300) = 10 M ÷ 12 000
    assert couts.loc["E", "investissement_fcfa"] == 26_000_000
    assert couts.loc["E", "cout_par_usager"] == pytest.approx(10_000_000 / 12_000)
    # tarif d'équilibre de E : 4 800 000 ÷ 12 = 400 000 par mois ; ÷ (40 × 25) = 400
    assert couts.loc["E", "tarif_equilibre"] == pytest.approx(400)
    assert couts.loc["D", "investissement_fcfa"] == 24_000_000  # électrifié


def test_classer_sites_compte_le_kit_solaire():
    # Après C (B, C, D desservis), à 4 km : D +40 pour 24 M (électrifié) = 600 000 par habitant ;
    # E +40 pour 20 M + 6 M = 650 000 ; A +20 pour 18 M = 900 000 ; B +20 pour 21 M + 7 M = 1,4 M.
    classement = m.classer_sites(petite_commune(), 4, ["C"])
    assert list(classement["arrondissement"]) == ["D", "E", "A", "B"]
    assert list(classement["fcfa_par_habitant_gagne"]) == pytest.approx(
        [600_000, 650_000, 900_000, 1_400_000]
    )


def test_classer_sites_met_en_dernier_un_site_sans_gain():
    classement = m.classer_sites(petite_commune(), 4, ["C", "D"])
    # C et D desservent B, C, D, E : A +20 pour 18 M ; B +20 pour 28 M ; E +0 (déjà desservi par D).
    assert list(classement["arrondissement"]) == ["A", "B", "E"]
    assert math.isinf(classement["fcfa_par_habitant_gagne"].iloc[-1])


# --- Le compte du mois ---------------------------------------------------------------------


def test_compte_mensuel_calcule_a_la_main():
    compte = m.compte_mensuel(300, 40, 104_000, 200_000, amortissement_mois=100_000)
    assert compte["recettes"] == 300 * 40 * 25 == 300_000
    assert compte["charges"] == 404_000
    assert compte["marge"] == -104_000
    assert m.marge_mensuelle(300, 40, 104_000, 200_000) == 300_000 - 304_000


def test_tarif_et_visites_d_equilibre_annulent_la_marge():
    assert m.tarif_equilibre(500_000, 85) == pytest.approx(500_000 / 2_125)
    assert m.visites_equilibre(500_000, 400) == 50
    tarif = m.tarif_equilibre(304_000, 40)
    assert m.marge_mensuelle(tarif, 40, 104_000, 200_000) == pytest.approx(0)


def _csv() -> pd.DataFrame:
    """La table des arrondissements lue directement dans le fichier, sans le paquet."""
    table = pd.read_csv(RACINE / "datasets" / "arrondissements.csv")
    for colonne in ("chef_lieu", "electrifie", "a_pnc", "a_ccsp"):
        table[colonne] = table[colonne] == "oui"
    return table


def _ligne(commune: str, arrondissement: str) -> pd.Series:
    table = _csv()
    return table[(table["commune"] == commune) & (table["arrondissement"] == arrondissement)].iloc[
        0
    ]


def test_hypotheses_du_site_depuis_les_donnees():
    ligne = _ligne("Banikoara", "Banikoara")
    depart = m.hypotheses_du_site(m.arrondissements_de("Banikoara"), "Banikoara")
    personnel = 2 * 52_000  # deux agents au SMIG
    assert depart["personnel_mois"] == personnel
    assert depart["autres_frais_mois"] == pytest.approx(ligne["opex_annuel_fcfa"] / 12 - personnel)
    installation = ligne["capex_fcfa"] + (0 if ligne["electrifie"] else ligne["cout_solaire_fcfa"])
    assert depart["amortissement_mois"] == pytest.approx(installation / 60)
    assert depart["tarif_fcfa"] == ligne["tarif_fcfa"]


# --- Sur les vraies données --------------------------------------------------------------


def test_couverture_par_commune_egale_la_couverture_du_chef_lieu():
    table = m.couverture_par_commune(m.charger("arrondissements"), 10).set_index("commune")
    assert len(table) == 77
    for commune in ("Kandi", "Lokossa", "Cotonou", "Savalou"):
        arr = m.arrondissements_de(commune)
        assert table.loc[commune, "part_desservie"] == pytest.approx(
            m.part_desservie(arr, [m.chef_lieu(arr)], 10)
        )


def _gains_naifs(arr: pd.DataFrame, sites: list[str], rayon: float) -> dict[str, int]:
    """Habitants non encore desservis que chaque site libre ajouterait (calcul direct, sans le paquet)."""
    x, y, pop, noms = (
        arr["x_km"].to_numpy(),
        arr["y_km"].to_numpy(),
        arr["population_2024"].to_numpy(),
        list(arr["arrondissement"]),
    )

    def zone(nom):
        i = noms.index(nom)
        return np.hypot(x - x[i], y - y[i]) <= rayon

    deja = np.zeros(len(noms), dtype=bool)
    for s in sites:
        deja |= zone(s)
    return {n: int(pop[zone(n) & ~deja].sum()) for n in noms if n not in sites}


def _glouton_naif(arr, k, rayon, sites):
    sites = list(sites)
    for _ in range(k):
        gains = _gains_naifs(arr, sites, rayon)
        sites.append(min(gains, key=lambda n: (-gains[n], n)))
    x, y = arr["x_km"].to_numpy(), arr["y_km"].to_numpy()
    noms = list(arr["arrondissement"])
    desservi = np.zeros(len(noms), dtype=bool)
    for s in sites:
        i = noms.index(s)
        desservi |= np.hypot(x - x[i], y - y[i]) <= rayon
    return sites, 100 * arr["population_2024"][desservi].sum() / arr["population_2024"].sum()


def _commune(nom):
    table = _csv()
    return table[table["commune"] == nom].reset_index(drop=True)


def test_le_choix_glouton_sur_une_vraie_commune_suit_le_calcul_direct():
    arr = _commune("Banikoara")
    attendus, part = _glouton_naif(arr, 3, 15, ["Banikoara"])
    etapes = m.choisir_sites(m.arrondissements_de("Banikoara"), 3, 15, ["Banikoara"])
    assert ["Banikoara", *m.sites_choisis(etapes)] == attendus
    assert etapes["part_desservie"].iloc[-1] == pytest.approx(part)


def _markdown(chemin) -> str:
    return "\n".join(
        c.source for c in nbformat.read(chemin, as_version=4).cells if c.cell_type == "markdown"
    )


def test_les_exemples_chiffres_de_la_lecon_suivent_les_donnees():
    texte = _markdown(RACINE / "notebooks" / "m2_centres_numeriques.ipynb")
    kandi = _commune("Kandi")
    total = kandi["population_2024"].sum()
    assert f"{total:,}".replace(",", " ") in texte  # 261 757
    part_chef_lieu = 100 * kandi.loc[kandi["dist_centre_km"] <= 15, "population_2024"].sum() / total
    assert f"{part_chef_lieu:.1f} %".replace(".", ",") in texte  # 23,3 %
    sites, part = _glouton_naif(kandi, 3, 15, [])
    assert sites == ["Angaradebou", "Kandi I", "Bensekou"]
    assert f"{part:.1f} %".replace(".", ",") in texte  # 68,1 %
    a = _ligne("Kandi", "Angaradebou")
    cout = ((a["capex_fcfa"] + a["cout_solaire_fcfa"]) / 5 + a["opex_annuel_fcfa"]) / (
        a["usagers_jour"] * 300
    )
    assert f"≈ {round(cout)} FCFA" in texte  # 673
    b = _ligne("Banikoara", "Banikoara")
    marge = b["tarif_fcfa"] * b["usagers_jour"] * 25 - b["opex_annuel_fcfa"] / 12
    assert f"−{-round(marge):,}".replace(",", " ") in texte  # −116 667


def _grilles() -> list[str]:
    """La grille du carnet noté (mark scheme) et la page du formateur."""
    carnet = nbformat.read(
        RACINE / "exercises" / "source" / "m2_centres_numeriques" / "m2_centres_numeriques.ipynb",
        as_version=4,
    )
    grille = next(c.source for c in carnet.cells if c.metadata.get("nbgrader", {}).get("task"))
    page = (RACINE / "facilitator_guide" / "modules" / "m2_centres_numeriques.md").read_text(
        encoding="utf-8"
    )
    return [grille, page]


@pytest.mark.parametrize("texte", _grilles(), ids=["grille du carnet", "page du formateur"])
def test_les_chiffres_de_la_grille_suivent_les_donnees(texte):
    gains = _gains_naifs(_commune("Bembèrèkè"), ["Bembereke"], 15)
    for site in ("Gamia", "Bouanri"):
        assert f"{gains[site]:,}".replace(",", " ") in texte
        ligne = _ligne("Bembèrèkè", site)
        installation = ligne["capex_fcfa"] + (
            0 if ligne["electrifie"] else ligne["cout_solaire_fcfa"]
        )
        assert f"{installation / 1e6:.1f}".replace(".", ",") in texte  # 31,5 et 25,5 (millions)
        assert f"{round(installation / gains[site])} " in texte
        cout = (installation / 5 + ligne["opex_annuel_fcfa"]) / (ligne["usagers_jour"] * 300)
        assert f"≈ {round(cout)}" in texte
        assert f"≈ {round(ligne['opex_annuel_fcfa'] / 12 / (ligne['usagers_jour'] * 25))}" in texte
        assert f"{ligne['tarif_fcfa']} " in texte  # tarif pratiqué
        assert (
            f"{ligne['cout_solaire_fcfa'] / 1e6:.1f}".replace(".", ",") in texte
            or ligne["electrifie"]
        )


# --- Simulateurs ---------------------------------------------------------------------------


def test_simulateur_couverture_suit_les_controles():
    sim = vues.simulateur_couverture("Kandi", rayon_km=15, nombre_centres=1)
    assert sim.resultat["nouveaux_sites"] == ["Angaradebou"]
    un = sim.resultat["part_desservie"]
    sim.controles["nombre_centres"].value = 3
    # Le CCSP de Kandi (décembre 2021) est au chef-lieu, Kandi II : il dessert déjà Kandi I et II.
    assert sim.resultat["existants"] == ["Kandi II"]
    assert sim.resultat["nouveaux_sites"] == ["Angaradebou", "Bensekou", "Sam"]
    assert sim.resultat["part_desservie"] > un
    # Kandi I + II, puis Angaradebou + Donwari, Bensekou + Sonsoro, Sam (à 15 km)
    assert sim.resultat["population_desservie"] == 61_080 + 74_305 + 42_764 + 33_232
    sim.controles["rayon_km"].value = 5  # à 5 km, chaque centre ne dessert que son arrondissement
    kandi = _commune("Kandi").set_index("arrondissement")["population_2024"]
    autres = kandi.drop("Kandi II").sort_values(ascending=False)
    assert sim.resultat["population_desservie"] == kandi["Kandi II"] + autres.iloc[:3].sum()
    sim.controles["commune"].value = "Lokossa"
    assert sim.resultat["existants"] == ["Lokossa"]
    sim.controles["partir_existants"].value = False
    assert sim.resultat["existants"] == []
    assert not plt.get_fignums()


def test_simulateur_couverture_ne_depasse_pas_le_nombre_d_arrondissements():
    resultat = vues.dessiner_couverture("Lokossa", 30, 8, True)
    plt.close("all")
    assert resultat["part_desservie"] == pytest.approx(100)
    assert resultat["nouveaux_sites"] == []  # tout est déjà desservi par le centre existant


def test_simulateur_marge_suit_les_controles():
    ligne = _ligne("Lokossa", "Lokossa")
    sim = vues.simulateur_marge("Lokossa")
    charges = ligne["opex_annuel_fcfa"] / 12
    recettes = ligne["tarif_fcfa"] * ligne["usagers_jour"] * 25
    assert sim.resultat["charges"] == pytest.approx(charges)
    assert sim.resultat["marge"] == pytest.approx(recettes - charges)
    avant = sim.resultat["marge"]
    sim.controles["tarif_fcfa"].value = ligne["tarif_fcfa"] + 100  # +100 FCFA par visite
    assert sim.resultat["marge"] == pytest.approx(avant + 100 * ligne["usagers_jour"] * 25)
    sim.controles["personnel_mois"].value = sim.controles["personnel_mois"].value + 50_000
    assert sim.resultat["charges"] == pytest.approx(charges + 50_000)
    sim.controles["compter_installation"].value = True
    installation = ligne["capex_fcfa"] + (0 if ligne["electrifie"] else ligne["cout_solaire_fcfa"])
    assert sim.resultat["amortissement"] == pytest.approx(installation / 5 / 12)
    assert sim.resultat["visites_equilibre"] == pytest.approx(
        sim.resultat["charges"] / (sim.controles["tarif_fcfa"].value * 25)
    )
    assert not plt.get_fignums()


def test_simulateur_marge_garde_les_chiffres_d_un_grand_site():
    ligne = _ligne("Abomey-Calavi", "Godomey")
    sim = vues.simulateur_marge("Abomey-Calavi", "Godomey")
    assert sim.controles["visites_jour"].value == ligne["usagers_jour"]
    assert sim.resultat["recettes"] == ligne["tarif_fcfa"] * ligne["usagers_jour"] * 25
    plt.close("all")


# --- Questions : chaque question dans les deux sens ------------------------------------------


def _q1():
    return _ligne("Savalou", "Ouesse")["dist_centre_km"]


def _part_chef_lieu(commune, rayon):
    arr = _commune(commune)
    return (
        100
        * arr.loc[arr["dist_centre_km"] <= rayon, "population_2024"].sum()
        / arr["population_2024"].sum()
    )


def _meilleur(commune, sites, rayon):
    gains = _gains_naifs(_commune(commune), sites, rayon)
    return min(gains, key=lambda n: (-gains[n], n))


def _cout_visite(commune, site, solaire=True):
    ligne = _ligne(commune, site)
    installation = ligne["capex_fcfa"] + (
        0 if ligne["electrifie"] or not solaire else ligne["cout_solaire_fcfa"]
    )
    return (installation / 5 + ligne["opex_annuel_fcfa"]) / (ligne["usagers_jour"] * 300)


def _tarif_equilibre(commune, site, mois=12):
    ligne = _ligne(commune, site)
    return ligne["opex_annuel_fcfa"] / mois / (ligne["usagers_jour"] * 25)


def _visites(commune, site, mois=12):
    ligne = _ligne(commune, site)
    return math.ceil(ligne["opex_annuel_fcfa"] / mois / (ligne["tarif_fcfa"] * 25))


def _moins_cher(commune, sites, rayon):
    gains = _gains_naifs(_commune(commune), sites, rayon)

    def ratio(n):
        ligne = _ligne(commune, n)
        installation = ligne["capex_fcfa"] + (
            0 if ligne["electrifie"] else ligne["cout_solaire_fcfa"]
        )
        return installation / gains[n] if gains[n] else math.inf

    return min(gains, key=lambda n: (ratio(n), n))


JUSTES = {
    "q1": _q1,
    "q2": lambda: _part_chef_lieu("Lokossa", 5),
    "q3": lambda: _meilleur("Ouèssè", ["Ouesse"], 20),
    "q4": lambda: _glouton_naif(_commune("Banikoara"), 3, 15, ["Banikoara"])[1],
    "q5": lambda: _cout_visite("Bembèrèkè", "Gamia"),
    "q6": lambda: _tarif_equilibre("Lokossa", "Lokossa"),
    "q7": lambda: _visites("Karimama", "Karimama"),
    "q8": lambda: _moins_cher("Bembèrèkè", ["Bembereke"], 15),
    "a1": lambda: _part_chef_lieu("Malanville", 5),
    "a2": lambda: _meilleur("Savalou", ["Savalou-Aga"], 15),
    "a3": lambda: _cout_visite("Kétou", "Kpankou"),
}

FAUSSES = {
    "q1": [(lambda: 0.0, "commune de Ouèssè"), (lambda: [13.14, 0.0], "2 valeurs")],
    "q2": [
        (lambda: 40, "part des arrondissements"),
        (lambda: _part_chef_lieu("Lokossa", 5) / 100, "proportion"),
    ],
    "q3": [
        (lambda: _meilleur("Ouèssè", [], 20), "zéro centre"),
        (lambda: "Toui", "deuxième"),
        (lambda: "Cotonou", "l'une de ces possibilités"),
    ],
    "q4": [
        (lambda: _glouton_naif(_commune("Banikoara"), 3, 15, [])[1], "existant"),
        (lambda: _glouton_naif(_commune("Banikoara"), 3, 10, ["Banikoara"])[1], "10 km"),
    ],
    "q5": [
        (lambda: _cout_visite("Bembèrèkè", "Gamia", solaire=False), "kit solaire"),
        (lambda: _ligne("Bembèrèkè", "Gamia")["opex_annuel_fcfa"] / (61 * 300), "fonctionnement"),
    ],
    "q6": [
        (lambda: _tarif_equilibre("Lokossa", "Lokossa", mois=1), "12 fois"),
        (lambda: _ligne("Lokossa", "Lokossa")["tarif_fcfa"], "tarif pratiqué"),
    ],
    "q7": [
        (lambda: _visites("Karimama", "Karimama") - 1, "entier supérieur"),
        (lambda: _visites("Karimama", "Karimama", mois=1), "divisez"),
        (lambda: _ligne("Karimama", "Karimama")["usagers_jour"], "aujourd'hui"),
    ],
    "q8": [(lambda: "Gamia", "kit solaire"), (lambda: "Ina", "aucun habitant")],
    "a1": [(lambda: 20, "part des arrondissements")],
    "a2": [(lambda: _meilleur("Savalou", [], 15), "chef-lieu")],
    "a3": [(lambda: _cout_visite("Kétou", "Kpankou", solaire=False), "kit solaire")],
}


@pytest.mark.parametrize("nom", sorted(JUSTES))
def test_question_non_repondue(nom):
    with pytest.raises(NonRepondu, match="pas encore répondu"):
        getattr(questions, nom).verifier(...)


@pytest.mark.parametrize("nom", sorted(JUSTES))
def test_question_bonne_reponse(nom, capsys):
    getattr(questions, nom).verifier(JUSTES[nom]())
    assert "bonne réponse" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("nom", "fausse", "message"),
    [(nom, f, msg) for nom, liste in FAUSSES.items() for f, msg in liste],
)
def test_question_erreur_frequente_expliquee(nom, fausse, message):
    with pytest.raises(ReponseIncorrecte, match=message):
        getattr(questions, nom).verifier(fausse())


@pytest.mark.parametrize("nom", sorted(JUSTES))
def test_ni_les_indices_ni_les_messages_ne_donnent_la_reponse(nom):
    question = getattr(questions, nom)
    textes = " ".join([question.intitule, *question.indices, *question.pieges.values()])
    juste = JUSTES[nom]()
    if isinstance(juste, str):
        assert juste not in textes
    else:
        arrondi = f"{juste:.{question.decimales}f}"
        assert arrondi not in textes and arrondi.replace(".", ",") not in textes


def test_les_solutions_des_questions_donnent_la_bonne_reponse(capsys):
    """Le code montré par ``solution()`` résout vraiment la question."""
    contexte = {name: getattr(m, name) for name in dir(m) if not name.startswith("_")}
    contexte.update(
        math=math,
        arrondissements=m.charger("arrondissements"),
        lokossa=m.arrondissements_de("Lokossa"),
        ouesse=m.arrondissements_de("Ouèssè"),
        banikoara=m.arrondissements_de("Banikoara"),
        bembereke=m.arrondissements_de("Bembèrèkè"),
        malanville=m.arrondissements_de("Malanville"),
        savalou=m.arrondissements_de("Savalou"),
        gamia=m.fiche_site("Bembèrèkè", "Gamia"),
        centre_lokossa=m.fiche_site("Lokossa", "Lokossa"),
        centre_karimama=m.fiche_site("Karimama", "Karimama"),
        kpankou=m.fiche_site("Kétou", "Kpankou"),
    )
    for nom in sorted(JUSTES):
        question = getattr(questions, nom)
        avant = set(contexte)
        exec(question.solution_code, contexte)  # noqa: S102 - code de la leçon, écrit par nous
        (variable,) = [
            v for v in set(contexte) - avant if not v.startswith(("_", "installation", "etapes"))
        ]
        question.verifier(contexte[variable])
