"""Module 3 (dématérialisation) : le modèle contre des calculs faits à la main, les vues, les questions."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from atelier import chemins  # noqa: E402
from atelier.donnees import charger, integrer_mes_chiffres, parametre  # noqa: E402
from atelier.erreurs import ErreurAtelier  # noqa: E402
from atelier.exercices import NonRepondu, ReponseIncorrecte  # noqa: E402
from atelier.modules.m3_dematerialisation import modele as m  # noqa: E402
from atelier.modules.m3_dematerialisation import questions as questions  # noqa: E402
from atelier.modules.m3_dematerialisation import vues as vues  # noqa: E402

# --- Coût d'une visite et gain annuel -------------------------------------------------------


def test_cout_d_une_visite_aller_retour_plus_le_temps():
    # 10 km aller, 100 FCFA/km : 2 × 10 × 100 = 2 000 ; 2 h × 90 FCFA/h = 180 ; total 2 180.
    assert m.cout_visite(10, 100, 2, 90) == pytest.approx(2180)


def test_gain_annuel():
    # 1 000 demandes × 30 % = 300 en ligne ; × 2 déplacements × 2 180 FCFA = 1 308 000 FCFA.
    assert m.gain_annuel(1000, 30, 2, 2180) == pytest.approx(1_308_000)
    assert m.gain_annuel(1000, 0, 2, 2180) == 0


@pytest.mark.parametrize(
    ("appel", "message"),
    [
        (lambda: m.gain_annuel(1000, 130, 2, 2180), "entre 0 et 100"),
        (lambda: m.cout_visite(-5, 100, 2, 90), "négative"),
        (lambda: m.tableau_van(1e6, 1e5, 0, 10, 2.5), "entier d'années"),
    ],
)
def test_les_entrees_impossibles_sont_expliquees(appel, message):
    with pytest.raises(ErreurAtelier, match=message):
        appel()


# --- Valeur actuelle nette --------------------------------------------------------------------


def test_actualiser_et_van():
    # 1 210 FCFA dans 2 ans à 10 % : 1 210 ÷ 1,1² = 1 210 ÷ 1,21 = 1 000.
    assert m.actualiser(1210, 10, 2) == pytest.approx(1000)
    # −100 aujourd'hui, +60 dans 1 an, +60 dans 2 ans : −100 + 54,5455 + 49,5868 = 4,1322.
    assert m.van([-100, 60, 60], 10) == pytest.approx(4.1322, abs=1e-4)


def test_tableau_van_sur_3_ans_calcule_a_la_main():
    # Plateforme 10 M ; gains 5 M/an ; fonctionnement 1 M/an ; flux net 4 M/an ; taux 10 %.
    # 4 000 000 ÷ 1,1    = 3 636 363,64
    # 4 000 000 ÷ 1,21   = 3 305 785,12
    # 4 000 000 ÷ 1,331  = 3 005 259,20
    # VAN = −10 000 000 + 9 947 407,96 = −52 592,04 : pas rentable en 3 ans.
    tableau = m.tableau_van(10_000_000, 5_000_000, 1_000_000, 10, 3)
    assert list(tableau["annee"]) == [0, 1, 2, 3]
    assert list(tableau["flux_net"]) == [-10_000_000, 4_000_000, 4_000_000, 4_000_000]
    assert tableau["flux_actualise"].iloc[2] == pytest.approx(3_305_785.12, abs=0.01)
    assert tableau["cumul_actualise"].iloc[-1] == pytest.approx(-52_592.04, abs=0.01)
    assert m.annee_de_retour(tableau) is None


def test_tableau_van_sur_5_ans_et_annee_de_retour():
    # Deux années de plus : + 4 000 000 ÷ 1,4641 = 2 732 053,82 et + 4 000 000 ÷ 1,61051 = 2 483 685,29.
    # Cumul fin d'année 3 : −52 592,04 ; fin d'année 4 : 2 679 461,78 ; VAN : 5 163 147,07.
    tableau = m.tableau_van(10_000_000, 5_000_000, 1_000_000, 10, 5)
    assert tableau["cumul_actualise"].iloc[4] == pytest.approx(2_679_461.78, abs=0.01)
    assert tableau["cumul_actualise"].iloc[-1] == pytest.approx(5_163_147.07, abs=0.01)
    assert m.annee_de_retour(tableau) == 4


def test_calcul_van_complet_a_la_main():
    # Visite : 2 × 10 × 100 + 2 × 90 = 2 180 FCFA ; gain : 1 000 × 0,30 × 2 × 2 180 = 1 308 000 ;
    # fonctionnement : 15 % de 1 000 000 = 150 000 ; flux net : 1 158 000 par an pendant 3 ans.
    # Somme des facteurs à 10 % : 1/1,1 + 1/1,21 + 1/1,331 = 2,486852 ;
    # VAN = −1 000 000 + 1 158 000 × 2,486852 = 1 879 774,6.
    calcul = m.calcul_van(
        demandes_an=1000,
        distance_km=10,
        cout_km=100,
        duree_h=2,
        valeur_temps_h=90,
        cout_plateforme=1_000_000,
        part_en_ligne_pct=30,
        taux_pct=10,
        annees=3,
    )
    assert calcul["cout_visite"] == pytest.approx(2180)
    assert calcul["gain_annuel"] == pytest.approx(1_308_000)
    assert calcul["cout_fonctionnement_an"] == pytest.approx(150_000)
    assert calcul["van"] == pytest.approx(-1_000_000 + 1_158_000 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331))
    assert calcul["van"] == pytest.approx(1_879_774.6, abs=0.5)
    assert calcul["annee_de_retour"] == 1  # −1 000 000 + 1 052 727 > 0 dès l'année 1


def test_van_commune_reprend_les_chiffres_de_la_commune():
    ligne = pd.read_csv(chemins.DONNEES / "etat_civil.csv").set_index("commune").loc["Lokossa"]
    # 30 % du SMIG horaire [49][50], arrondi à 90 dans la table
    valeur_temps = 0.30 * 52_000 / 173.33
    assert parametre("valeur_temps_fcfa_h") == round(valeur_temps)
    visite = (
        2 * ligne["dist_moy_mairie_km"] * ligne["cout_transport_fcfa_km"]
        + ligne["duree_deplacement_h"] * 90
    )
    gain = ligne["demandes_actes_an"] * 0.30 * 2 * visite
    flux = gain - 0.15 * ligne["cout_plateforme_fcfa"]
    attendu = -ligne["cout_plateforme_fcfa"] + sum(flux / 1.1**t for t in range(1, 6))
    assert m.van_commune("lokossa")["van"] == pytest.approx(attendu)
    # Changer une hypothèse : le prix du kilomètre à 0 ne laisse que le temps gagné.
    sans_transport = m.van_commune("Lokossa", cout_km=0)
    assert sans_transport["cout_visite"] == pytest.approx(ligne["duree_deplacement_h"] * 90)


def test_vos_chiffres_remplacent_ceux_de_l_atelier(tmp_path):
    # Un fichier de la mairie de Kandi : 10 km, 100 FCFA/km, 2 h de déplacement.
    (tmp_path / "mes_chiffres.csv").write_text(
        "commune;dist_moy_mairie_km;cout_transport_fcfa_km;duree_deplacement_h;nb_guichets\n"
        "Kandi;10;100;2;1\n",
        encoding="utf-8",
    )
    mes_chiffres = integrer_mes_chiffres("etat_civil", tmp_path / "mes_chiffres.csv")
    # 2 × 10 × 100 + 2 × 90 = 2 180 FCFA, comme au premier test.
    assert m.van_commune("Kandi", table=mes_chiffres)["cout_visite"] == pytest.approx(2180)
    assert m.van_commune("Kandi")["cout_visite"] != pytest.approx(2180)
    assert m.ligne_etat_civil("Kandi", mes_chiffres.set_index("commune"))["nb_guichets"] == 1
    assert vues.simulateur_file("Kandi", table=mes_chiffres).controles["guichets"].value == 1
    assert vues.simulateur_van("Kandi", table=mes_chiffres).controles["cout_km"].value == 100
    with pytest.raises(ErreurAtelier, match="pas dans ce tableau"):
        m.ligne_etat_civil("Nikki", mes_chiffres[mes_chiffres["commune"] == "Kandi"])


def test_la_van_baisse_quand_le_taux_monte():
    table = m.sensibilite_taux("Comè")
    assert list(table["taux_pct"]) == [6, 8, 10, 12]
    assert table["van_fcfa"].is_monotonic_decreasing
    assert list(table["rentable"]) == [v > 0 for v in table["van_fcfa"]]
    assert table["van_fcfa"].iloc[2] == pytest.approx(m.van_commune("Comè")["van"])


# --- File d'attente ------------------------------------------------------------------------------


def _erlang_c_par_erlang_b(arrivees_h, temps_min, guichets):
    """Autre chemin de calcul (récurrence d'Erlang B), pour contrôler la formule du modèle."""
    a = arrivees_h * temps_min / 60
    b = 1.0
    for k in range(1, guichets + 1):
        b = a * b / (k + a * b)
    return guichets * b / (guichets - a * (1 - b))


def test_arrivees_par_heure():
    # 80 demandes par jour, 25 % en ligne, 8 heures : 80 × 0,75 ÷ 8 = 7,5 usagers par heure.
    assert m.arrivees_par_heure(80, 8, 25) == pytest.approx(7.5)
    assert m.arrivees_par_heure(80, 8) == pytest.approx(10)


def test_file_a_un_guichet_m_m_1():
    # λ = 3 usagers/h, 15 min par usager donc μ = 4/h : ρ = 3/4 = 75 %.
    # M/M/1 : probabilité d'attendre = ρ = 0,75 ; Wq = ρ ÷ (μ − λ) = 0,75 ÷ 1 = 0,75 h = 45 min.
    # Loi de Little : Lq = λ × Wq = 3 × 0,75 = 2,25 personnes.
    assert m.taux_occupation(3, 15, 1) == pytest.approx(75)
    assert m.probabilite_attente(3, 15, 1) == pytest.approx(0.75)
    assert m.attente_moyenne_min(3, 15, 1) == pytest.approx(45)
    assert m.file_moyenne(3, 45) == pytest.approx(2.25)


def test_file_a_deux_guichets_m_m_2():
    # λ = 6/h, 15 min (μ = 4/h), c = 2 : a = λ/μ = 1,5 ; ρ = 1,5/2 = 0,75.
    # aᶜ/c! × 1/(1−ρ) = 1,125 × 4 = 4,5 ; Σ_{k<2} aᵏ/k! = 1 + 1,5 = 2,5.
    # C = 4,5 ÷ (2,5 + 4,5) = 0,642857 ; Wq = C ÷ (cμ − λ) = 0,642857 ÷ 2 h = 19,2857 min.
    assert m.probabilite_attente(6, 15, 2) == pytest.approx(0.642857, abs=1e-6)
    assert m.attente_moyenne_min(6, 15, 2) == pytest.approx(19.2857, abs=1e-4)


def test_file_a_trois_guichets_et_guichets_necessaires():
    # c = 3 : ρ = 0,5 ; a³/3! ÷ (1−ρ) = 0,5625 ÷ 0,5 = 1,125 ; Σ = 1 + 1,5 + 1,125 = 3,625.
    # C = 1,125 ÷ 4,75 = 0,236842 ; Wq = 0,236842 ÷ (12 − 6) h = 2,368 min.
    assert m.attente_moyenne_min(6, 15, 3) == pytest.approx(2.368, abs=1e-3)
    # Pour ≤ 15 min : 2 guichets donnent 19,3 min, 3 en donnent 2,4 : il en faut 3 ; pour ≤ 20 min, 2 suffisent.
    assert m.guichets_necessaires(6, 15, 15) == 3
    assert m.guichets_necessaires(6, 15, 20) == 2


@pytest.mark.parametrize(
    ("arrivees", "temps", "guichets"), [(3, 15, 1), (6, 15, 2), (36.0, 18, 12), (17.6, 12, 5)]
)
def test_erlang_c_concorde_avec_la_recurrence_d_erlang_b(arrivees, temps, guichets):
    assert m.probabilite_attente(arrivees, temps, guichets) == pytest.approx(
        _erlang_c_par_erlang_b(arrivees, temps, guichets)
    )


def test_une_file_saturee_est_expliquee_en_francais():
    # λ = 4/h et μ = 4/h sur un guichet : ρ = 100 %, la file grandit sans fin.
    with pytest.raises(m.FileSaturee, match="sans fin") as erreur:
        m.attente_moyenne_min(4, 15, 1)
    assert "100 %" in str(erreur.value) and "au moins 2 guichets" in str(erreur.value)
    resume = m.file_attente(4, 15, 1)
    assert resume["stable"] is False and resume["attente_min"] is None
    assert resume["guichets_necessaires"] == 2
    with pytest.raises(ErreurAtelier, match="entier"):
        m.taux_occupation(4, 15, 0)


def test_file_attente_reunit_les_indicateurs():
    resume = m.file_attente(6, 15, 2)
    assert resume["stable"] is True
    assert resume["occupation_pct"] == pytest.approx(75)
    assert resume["file_moyenne"] == pytest.approx(6 * 19.2857 / 60, abs=1e-3)  # Little : λ × Wq
    assert resume["guichets_necessaires"] == 3


def test_les_guichets_de_la_table_gardent_des_files_stables():
    etat_civil = charger("etat_civil")
    for _, ligne in etat_civil.iterrows():
        arrivees = m.arrivees_par_heure(ligne["demandes_jour"], ligne["heures_ouverture"])
        assert m.file_attente(arrivees, ligne["temps_traitement_min"], ligne["nb_guichets"])[
            "stable"
        ], ligne["commune"]


# --- Tableau de bord et priorités -------------------------------------------------------------------


def test_tableau_de_bord_pondere_par_les_demandes():
    # Janvier : 100 demandes, délai 2 j, 80 % en 72 h, 5 rejets, 10 en ligne ;
    # février : 300 demandes, délai 4 j, 60 % en 72 h, 15 rejets, 30 en ligne.
    # Délai pondéré : (100 × 2 + 300 × 4) ÷ 400 = 3,5 j ; 72 h : (8 000 + 18 000) ÷ 400 = 65 % ;
    # rejets : 20 ÷ 400 = 5 % ; en ligne : 40 ÷ 400 = 10 %.
    demandes = pd.DataFrame(
        {
            "commune": ["Kandi", "Kandi", "Nikki"],
            "code_service": ["legalisation"] * 3,
            "mois": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-01"]),
            "demandes": [100, 300, 50],
            "demandes_en_ligne": [10, 30, 0],
            "delai_moyen_jours": [2.0, 4.0, 9.0],
            "pct_72h": [80.0, 60.0, 10.0],
            "rejets": [5, 15, 9],
        }
    )
    tableau = m.tableau_de_bord(demandes, "kandi").set_index("code_service").loc["legalisation"]
    assert tableau["demandes"] == 400
    assert tableau["delai_moyen_jours"] == pytest.approx(3.5)
    assert tableau["pct_72h"] == pytest.approx(65)
    assert tableau["taux_rejet_pct"] == pytest.approx(5)
    assert tableau["part_en_ligne_pct"] == pytest.approx(10)
    with pytest.raises(ErreurAtelier, match="Aucune demande"):
        m.tableau_de_bord(demandes, "Parakou")


@pytest.mark.parametrize(
    ("impact", "effort", "case"),
    [
        (4, 1, "gain rapide"),
        (5, 4, "grand projet"),
        (3, 3, "grand projet"),
        (1, 1, "petit plus"),
        (2, 5, "à éviter pour l'instant"),
    ],
)
def test_quadrant(impact, effort, case):
    assert m.quadrant(impact, effort) == case


def test_priorites_met_les_gains_rapides_en_tete():
    services = pd.DataFrame(
        {
            "code_service": ["a", "b", "c", "d"],
            "impact_score": [2, 5, 3, 4],
            "effort_score": [1, 4, 2, 1],
        }
    )
    tableau = m.priorites(services)
    # Gains rapides d'abord (d : impact 4 avant c : impact 3), puis grand projet (b), puis petit plus (a).
    assert list(tableau["code_service"]) == ["d", "c", "b", "a"]
    assert list(tableau["quadrant"]) == ["gain rapide", "gain rapide", "grand projet", "petit plus"]


# --- Les vues -------------------------------------------------------------------------------------


def test_simulateur_van_recalcule_quand_on_bouge_un_curseur():
    sim = vues.simulateur_van("Lokossa")
    depart = sim.resultat
    assert depart["van"] == pytest.approx(m.van_commune("Lokossa")["van"])
    assert "rentable dès l'année" in depart["titre"] and "données synthétiques" in depart["titre"]
    sim.controles["part_en_ligne"].value = 5
    assert sim.resultat["van"] < 0
    assert "pas rentable" in sim.resultat["titre"]
    assert sim.resultat["van"] == pytest.approx(
        m.van_commune("Lokossa", part_en_ligne_pct=5)["van"]
    )
    sim.controles["part_en_ligne"].value = 30
    sim.controles["taux"].value = 12
    assert sim.resultat["van"] < depart["van"]
    sim.controles["plateforme_millions"].value = 30
    assert sim.resultat["van"] == pytest.approx(
        m.van_commune("Lokossa", taux_pct=12, cout_plateforme=30e6)["van"]
    )


def test_choisir_une_commune_remet_les_curseurs_a_ses_chiffres():
    etat_civil = charger("etat_civil").set_index("commune")
    sim = vues.simulateur_van("Lokossa")
    sim.controles["part_en_ligne"].value = 20
    sim.controles["commune"].value = "Djougou"
    assert sim.controles["cout_km"].value == etat_civil.at["Djougou", "cout_transport_fcfa_km"]
    assert sim.controles["plateforme_millions"].value == pytest.approx(
        etat_civil.at["Djougou", "cout_plateforme_fcfa"] / 1e6
    )
    assert sim.controles["part_en_ligne"].value == 20  # les choix de politique restent
    assert sim.resultat["commune"] == "Djougou"
    assert sim.resultat["van"] == pytest.approx(
        m.van_commune("Djougou", part_en_ligne_pct=20)["van"]
    )

    file = vues.simulateur_file("Djidja")
    file.controles["commune"].value = "Cotonou"
    cotonou = etat_civil.loc["Cotonou"]
    assert file.controles["guichets"].value == cotonou["nb_guichets"]
    assert file.controles["temps_min"].value == cotonou["temps_traitement_min"]
    # Le curseur des demandes est entier : 332,3 demandes par jour deviennent 332.
    arrivees = round(cotonou["demandes_jour"]) / cotonou["heures_ouverture"]
    attendu = m.attente_moyenne_min(
        arrivees, cotonou["temps_traitement_min"], int(cotonou["nb_guichets"])
    )
    assert file.resultat["commune"] == "Cotonou"
    assert file.resultat["attente_min"] == pytest.approx(attendu)


def test_simulateur_file_signale_la_saturation():
    sim = vues.simulateur_file("Djidja")
    assert sim.resultat["stable"] and "il en faut 4" in sim.resultat["titre"]
    attente = sim.resultat["attente_min"]
    sim.controles["part_en_ligne"].value = 30
    assert sim.resultat["attente_min"] < attente
    sim.controles["guichets"].value = 1
    assert sim.resultat["stable"] is False
    assert "saturée" in sim.resultat["titre"] and "sans fin" in sim.resultat["message"]
    sim.controles["guichets"].value = 6
    assert sim.resultat["stable"] and sim.resultat["attente_min"] < 1


def test_tableau_de_bord_suit_la_commune_choisie():
    sim = vues.simulateur_tableau_de_bord("Porto-Novo")
    etat_civil = charger("etat_civil").set_index("commune")
    assert sim.resultat["pct_72h"] == etat_civil.at["Porto-Novo", "pct_72h"]
    sim.controles["commune"].value = "Kandi"
    assert sim.resultat["commune"] == "Kandi"
    assert sim.resultat["pct_72h"] == etat_civil.at["Kandi", "pct_72h"]
    assert sim.resultat["titre"].startswith("Kandi")


def test_graphiques_des_77_communes_et_des_priorites():
    etat_civil = charger("etat_civil")
    au_repere = int((etat_civil["pct_72h"] >= 90).sum())
    figure = vues.graphique_72h(etat_civil, surligner="kandi")
    titre = figure.axes[0].get_title()
    assert titre.startswith(f"{au_repere} communes sur 77") and "données synthétiques" in titre
    figure = vues.graphique_priorites(charger("services"))
    assert figure.axes[0].get_title().startswith("3 gains rapides")


# --- Les questions, dans les deux sens ---------------------------------------------------------------

DONNEES = None


def _donnees():
    global DONNEES
    if DONNEES is None:
        DONNEES = (charger("etat_civil").set_index("commune"), charger("services"))
    return DONNEES


def _visite(ligne):
    return (
        2 * ligne["dist_moy_mairie_km"] * ligne["cout_transport_fcfa_km"]
        + ligne["duree_deplacement_h"] * 90
    )


def _van(commune, part=30, taux=10):
    ligne = _donnees()[0].loc[commune]
    flux = (
        ligne["demandes_actes_an"] * part / 100 * 2 * _visite(ligne)
        - 0.15 * ligne["cout_plateforme_fcfa"]
    )
    return -ligne["cout_plateforme_fcfa"] + sum(flux / (1 + taux / 100) ** t for t in range(1, 6))


def _arrivees(commune):
    ligne = _donnees()[0].loc[commune]
    return (
        ligne["demandes_jour"] / ligne["heures_ouverture"],
        ligne["temps_traitement_min"],
        int(ligne["nb_guichets"]),
    )


def _attente(arrivees, temps, guichets):
    mu = 60 / temps
    return 60 * _erlang_c_par_erlang_b(arrivees, temps, guichets) / (guichets * mu - arrivees)


def _guichets_pour(commune, attente_max):
    arrivees, temps, _ = _arrivees(commune)
    c = math.floor(arrivees * temps / 60) + 1
    while _attente(arrivees, temps, c) > attente_max:
        c += 1
    return c


def _bonnes_reponses():
    etat_civil, services = _donnees()
    mairie = services[services["guichet_communal"]]
    rapides = mairie.loc[
        (mairie["impact_score"] >= 3) & (mairie["effort_score"] < 3), "code_service"
    ]
    calavi = _arrivees("Abomey-Calavi")
    cotonou = _arrivees("Cotonou")
    return {
        "q1": etat_civil.at["Parakou", "demandes_actes_an"],
        "q2": _visite(etat_civil.loc["Kandi"]),
        "q3": etat_civil.at["Bohicon", "demandes_actes_an"]
        * 0.3
        * 2
        * _visite(etat_civil.loc["Bohicon"]),
        "q4": _van("Savalou", part=10),
        "q5": _van("Comè", taux=12),
        "q6": _attente(*_arrivees("Djidja")),
        "q7": _guichets_pour("Zogbodomey", 15),
        "q8": (etat_civil["pct_72h"] >= 90).sum(),
        "q9": list(rapides),
        "a1": _visite(etat_civil.loc["Natitingou"]),
        "a2": _van("Djougou"),
        "a3": 100 * cotonou[0] * cotonou[1] / 60 / cotonou[2],
        "a4": calavi[0] * _attente(*calavi) / 60,
    }


def _mauvaises_reponses():
    """Une erreur typique par question, et un mot du message qui doit l'expliquer."""
    etat_civil, _ = _donnees()
    kandi = etat_civil.loc["Kandi"]
    cotonou = _arrivees("Cotonou")
    calavi = _arrivees("Abomey-Calavi")
    return {
        "q1": (etat_civil.at["Parakou", "naissances_an"], "naissances"),
        "q2": (
            kandi["dist_moy_mairie_km"] * kandi["cout_transport_fcfa_km"]
            + kandi["duree_deplacement_h"] * 90,
            "aller seulement",
        ),
        "q3": (
            etat_civil.at["Bohicon", "demandes_actes_an"]
            * 0.3
            * 1
            * _visite(etat_civil.loc["Bohicon"]),
            "évite 2",
        ),
        "q4": (_van("Savalou"), "30 %"),
        "q5": (_van("Comè"), "10 %"),
        "q6": (_attente(*_arrivees("Djidja")) + _arrivees("Djidja")[1], "temps de traitement"),
        "q7": (int(etat_civil.at["Zogbodomey", "nb_guichets"]), "nombre actuel"),
        "q8": ((etat_civil["pct_72h"] > 90).sum(), ">="),
        "q9": (["legalisation", "certificat_residence", "cip"], "ANIP"),
        "a1": (_visite(etat_civil.loc["Natitingou"]) * 1000, "1 000 fois"),
        "a2": (_van("Djougou") / 1e6, "million"),
        "a3": (100 * cotonou[0] * cotonou[1] / 60, "un seul guichet"),
        "a4": (calavi[0] * _attente(*calavi), "divisez l'attente par 60"),
    }


NOMS = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "a1", "a2", "a3", "a4"]


@pytest.mark.parametrize("nom", NOMS)
def test_le_point_de_depart_est_non_repondu(nom):
    with pytest.raises(NonRepondu, match="pas encore répondu"):
        getattr(questions, nom).verifier(...)


@pytest.mark.parametrize("nom", NOMS)
def test_la_bonne_reponse_passe(nom, capsys):
    getattr(questions, nom).verifier(_bonnes_reponses()[nom])
    assert "bonne réponse" in capsys.readouterr().out


@pytest.mark.parametrize("nom", NOMS)
def test_une_erreur_typique_est_expliquee(nom):
    valeur, mot = _mauvaises_reponses()[nom]
    with pytest.raises(ReponseIncorrecte, match=mot.replace("(", r"\(")) as erreur:
        getattr(questions, nom).verifier(valeur)
    assert "pas la réponse attendue" in str(erreur.value)


@pytest.mark.parametrize("nom", NOMS)
def test_chaque_question_a_des_indices_et_une_solution_courte(nom):
    question = getattr(questions, nom)
    assert len(question.indices) >= 2
    assert 1 <= len(question.solution_code.splitlines()) <= 3


def test_les_solutions_des_questions_donnent_la_bonne_reponse(capsys):
    """Le code montré par solution() s'exécute et passe sa propre vérification."""
    etat_civil, services = _donnees()
    espace = {
        "etat_civil": etat_civil,
        "services": services,
        "valeur_temps": parametre("valeur_temps_fcfa_h"),
        **{nom: getattr(m, nom) for nom in m.__all__},
    }
    for nom in NOMS:
        question = getattr(questions, nom)
        locales: dict = {}
        exec(question.solution_code, espace, locales)
        question.verifier(list(locales.values())[-1])
    assert capsys.readouterr().out.count("bonne réponse") == len(NOMS)
