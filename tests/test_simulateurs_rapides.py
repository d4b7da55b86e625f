"""Ce que les simulateurs gardent en mémoire pour répondre vite ne change rien à ce qu'ils montrent.

Chaque test compare l'image PNG affichée et le résumé renvoyé : avec le raccourci
(cache, carte dessinée une fois, calcul préparé) et sans lui (tout refait).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402
import math  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from atelier.cartes import carte_choroplethe  # noqa: E402
from atelier.donnees import charger  # noqa: E402
from atelier.fiche_commune.modele import _tableau  # noqa: E402
from atelier.fiche_commune.vues import fiche_commune_interactive  # noqa: E402
from atelier.modules.m1_planification import vues as m1  # noqa: E402
from atelier.modules.m2_centres_numeriques import modele as m2  # noqa: E402
from atelier.modules.m2_centres_numeriques.vues import simulateur_couverture  # noqa: E402
from atelier.modules.m3_dematerialisation import vues as m3  # noqa: E402
from atelier.modules.m4_entreprises_relais import vues as m4  # noqa: E402
from atelier.modules.m5_formation import vues as m5  # noqa: E402
from atelier.vues import image_png  # noqa: E402


@pytest.fixture(autouse=True)
def figures_fermees():
    yield
    assert not plt.get_fignums(), "une figure est restée ouverte"
    plt.close("all")


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def _carte_neuve(commune: str) -> np.ndarray:
    figure = carte_choroplethe(_tableau(), "population_2013", surligner=commune)
    return _pixels(image_png(figure))


def test_la_carte_de_la_fiche_gardee_en_memoire_est_celle_qu_on_redessinerait():
    sim = fiche_commune_interactive("Kandi")
    carte_kandi, barres_kandi = sim.images
    resume_kandi = sim.resultat
    # la commune surlignée sur le fond gardé = la carte dessinée de zéro, pixel pour pixel
    assert np.array_equal(_pixels(carte_kandi), _carte_neuve("Kandi"))

    sim.controles["commune"].value = "Kalalé"  # changer de commune change la carte et le résumé
    carte_kalale = sim.images[0]
    assert carte_kalale != carte_kandi and sim.resultat["commune"] == "Kalalé"
    assert np.array_equal(_pixels(carte_kalale), _carte_neuve("Kalalé"))

    sim.controles["commune"].value = "Kandi"  # et revenir redonne exactement la même chose
    assert sim.images == [carte_kandi, barres_kandi] and sim.resultat == resume_kandi

    sim.controles[
        "indicateur"
    ].value = "Usage d'internet"  # un autre indicateur : mêmes carte, autres barres
    assert sim.images[0] == carte_kandi and sim.images[1] != barres_kandi


def test_le_simulateur_de_couverture_revient_a_l_identique():
    sim = simulateur_couverture("Kandi", rayon_km=10, nombre_centres=2)
    image, resume = sim.images, sim.resultat
    sim.regler(rayon_km=25, nombre_centres=5)
    assert sim.images != image and sim.resultat != resume
    sim.regler(rayon_km=10, nombre_centres=2)
    assert sim.images == image and sim.resultat == resume


@pytest.mark.parametrize("commune", ["Kandi", "Cotonou"])
def test_la_carte_de_couverture_posee_par_calques_est_celle_qu_on_dessinerait(commune):
    """Dans le simulateur, la carte de couverture recopie le fond de la commune (dessiné une fois) et
    pose ses noms d'arrondissements (dessinés une fois) : c'est, à l'arrondi près (2 niveaux sur 255),
    la figure ordinaire où tout est dessiné. Seule exception, la ligne du bas des barres : le cadre y
    passe sous le bord noir des barres au lieu de dessus."""
    from atelier.modules.m2_centres_numeriques.vues import dessiner_couverture

    posee = _pixels(simulateur_couverture(commune, rayon_km=10, nombre_centres=3).images[0]).astype(
        int
    )
    dessiner_couverture(commune, 10, 3, True)
    figure = plt.gcf()
    bas_des_barres = figure.bbox.height - figure.axes[1].get_window_extent().y0
    dessinee = _pixels(image_png(figure)).astype(int)
    plt.close(figure)
    ecarts = np.abs(posee - dessinee).max(axis=2)
    assert np.count_nonzero(ecarts), "les calques ne sont plus utilisés"
    lignes = {int(ligne) for ligne in np.argwhere(ecarts > 2)[:, 0]}
    assert lignes <= {math.floor(bas_des_barres) - 1, math.floor(bas_des_barres)}, sorted(lignes)


def _pas_a_pas(arr, k, rayon_km, existants):
    """La méthode gloutonne écrite avec les fonctions de la leçon : site_suivant, population_desservie."""
    sites = list(existants)
    etapes = [(0, m2.population_desservie(arr, sites, rayon_km))]
    for etape in range(1, k + 1):
        site = m2.site_suivant(arr, sites, rayon_km)
        if site is None:
            break
        sites.append(site)
        etapes.append((etape, m2.population_desservie(arr, sites, rayon_km)))
    return sites[len(existants) :], etapes


@pytest.mark.parametrize("commune", ["Djougou", "Kandi", "Abomey-Calavi", "Lokossa", "Banikoara"])
def test_le_choix_glouton_rapide_est_celui_de_la_methode_pas_a_pas(commune):
    arr = m2.arrondissements_de(commune)
    for rayon_km in (3, 7.5, 10, 15, 30):
        for existants in ([], m2.sites_existants(arr)):
            etapes = m2.choisir_sites(arr, len(arr), rayon_km, existants)
            sites, attendu = _pas_a_pas(arr, len(arr), rayon_km, existants)
            assert m2.sites_choisis(etapes) == sites
            assert (
                list(zip(etapes["etape"], etapes["population_desservie"], strict=True)) == attendu
            )
            gagnes = pd.Series([p for _, p in attendu]).diff().fillna(0).astype(int).tolist()
            assert etapes["habitants_gagnes"].tolist() == gagnes


@pytest.mark.parametrize(
    "fabrique, controle, autre",
    [
        (lambda: m1.grille_interactive("Kandi"), "commune", "Nikki"),
        (lambda: m3.simulateur_tableau_de_bord("Porto-Novo"), "commune", "Kandi"),
        (lambda: m4.explorer_secteurs("Cotonou"), "commune", "Kandi"),
        (lambda: m5.simulateur_profil("Kandi"), "commune", "Nikki"),
    ],
)
def test_un_aller_retour_redonne_la_meme_image_et_une_autre_commune_la_sienne(
    fabrique, controle, autre
):
    sim = fabrique()
    depart, valeur = (sim.images, sim.resultat), sim.controles[controle].value
    sim.controles[controle].value = autre
    ailleurs = (sim.images, sim.resultat)
    assert ailleurs != depart
    sim.controles[controle].value = valeur
    assert (sim.images, sim.resultat) == depart
    neuf = fabrique()  # un simulateur neuf réglé sur l'autre commune montre la même chose
    neuf.controles[controle].value = autre
    assert (neuf.images, neuf.resultat) == ailleurs


def test_le_tableau_de_bord_prepare_compte_les_memes_mois_que_le_calcul_commune_par_commune():
    demandes = charger("demandes_mensuelles")
    actes = demandes[
        demandes["code_service"].isin(
            ["declaration_naissance", "copie_acte_naissance", "acte_mariage", "acte_deces"]
        )
    ]
    sim = m3.simulateur_tableau_de_bord("Porto-Novo")
    for commune in ["Porto-Novo", "Kandi", "Karimama", "Cotonou", "Djidja"]:
        sim.controles["commune"].value = commune
        lignes = actes[actes["commune"] == commune]
        pct = (lignes["pct_72h"] * lignes["demandes"]).groupby(
            lignes["mois"]
        ).sum() / lignes.groupby("mois")["demandes"].sum()
        assert sim.resultat["mois_sous_repere"] == int((pct < m3.REPERE_72H).sum())


def _simulateurs_des_modules():
    """Tous les simulateurs des modules 0 à 5 : les fonctions des vues qui renvoient un Simulateur."""
    import importlib
    import inspect

    trouves = []
    for module in (
        "m0_prise_en_main",
        "m1_planification",
        "m2_centres_numeriques",
        "m3_dematerialisation",
        "m4_entreprises_relais",
        "m5_formation",
    ):
        vues = importlib.import_module(f"atelier.modules.{module}.vues")
        for nom, fonction in inspect.getmembers(vues, inspect.isfunction):
            if (
                fonction.__module__ == vues.__name__
                and inspect.signature(fonction).return_annotation == "Simulateur"
            ):
                trouves.append(pytest.param(fonction, id=f"{module}.{nom}"))
    return trouves


def _autre_valeur(controle):
    """Une valeur du contrôle loin de la sienne : la dernière option, l'autre bout du curseur, la case inverse."""
    if isinstance(controle.value, bool):
        return not controle.value
    valeurs = list(getattr(controle, "_options_values", ())) or [controle.min, controle.max]
    return valeurs[-1] if controle.value != valeurs[-1] else valeurs[0]


@pytest.mark.parametrize("fabrique", _simulateurs_des_modules())
def test_une_figure_reprise_montre_la_meme_image_qu_une_figure_neuve(fabrique):
    """Le simulateur reprend sa figure d'une mise à jour à l'autre (vidée, puis redessinée) : après un détour
    par d'autres réglages, l'image est exactement celle de la figure neuve du premier dessin."""
    sim = fabrique()
    depart, reglages = (sim.images, sim.resultat), sim.valeurs()
    assert sim.images, "le simulateur n'a rien montré"
    sim.regler(**{nom: _autre_valeur(controle) for nom, controle in sim.controles.items()})
    assert sim.images != depart[0]
    sim.regler(**reglages)
    assert (sim.images, sim.resultat) == depart
