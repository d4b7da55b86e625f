"""Les cartes hors ligne : 77 communes, limites des départements, surlignage, légendes lisibles."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.patches import Ellipse, PathPatch  # noqa: E402

from atelier import cartes  # noqa: E402
from atelier.cartes import carte_choroplethe, carte_commune, surligner  # noqa: E402
from atelier.donnees import ErreurDonnees, charger, communes_disponibles  # noqa: E402


def _patches_communes(fig):
    ax = fig.axes[0]
    communes = set(communes_disponibles())
    return {
        p.get_gid(): p for p in ax.patches if isinstance(p, PathPatch) and p.get_gid() in communes
    }


def _luminance(couleur) -> float:
    r, g, b = to_rgb(couleur)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _textes(fig) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def test_carte_des_77_communes_avec_surlignage_legende_et_limites():
    fig = carte_choroplethe("connectivite", "part_couverture_4g", surligner="kandi")
    fig.canvas.draw()  # rendu complet (Agg)
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=60)
    assert png.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"

    patches = _patches_communes(fig)
    assert len(patches) == 77  # un polygone par commune

    kandi = patches["Kandi"]
    autres = [p for nom, p in patches.items() if nom != "Kandi"]
    assert kandi.get_hatch() == "///" and kandi.get_linewidth() > 2 * max(
        p.get_linewidth() for p in autres
    )
    assert to_rgb(kandi.get_edgecolor()) == (0, 0, 0)
    assert all(p.get_hatch() is None for p in autres)

    legende = fig.axes[0].get_legend()
    assert legende is not None
    assert legende.get_title().get_text().replace("\n", " ") == "Couverture 4G de la population (%)"
    assert len(legende.get_patches()) == 5
    assert all(t.get_text().startswith("de ") and "," in t.get_text() for t in legende.get_texts())

    textes = _textes(fig)
    assert "données synthétiques (fictives, pour l'exercice)" in textes
    assert "IGN Bénin 2022" in textes and "Kandi" in textes

    limites = [
        c
        for c in fig.axes[0].collections
        if isinstance(c, LineCollection) and c.get_gid() == "limites_departements"
    ]
    assert len(limites) == 1 and limites[0].get_linewidths()[0] > 3 * autres[0].get_linewidth()


def test_les_couleurs_suivent_les_valeurs_et_restent_ordonnees_en_noir_et_blanc():
    fig = carte_choroplethe("connectivite", "part_couverture_4g")
    patches = _patches_communes(fig)
    couverture = charger("connectivite").set_index("commune")["part_couverture_4g"]
    plus_faible, plus_forte = couverture.idxmin(), couverture.idxmax()
    assert _luminance(patches[plus_faible].get_facecolor()) < _luminance(
        patches[plus_forte].get_facecolor()
    )
    classes = [_luminance(p.get_facecolor()) for p in fig.axes[0].get_legend().get_patches()]
    # gris distincts à l'impression
    assert all(b > a + 0.05 for a, b in zip(classes, classes[1:], strict=False))
    # La commune la plus couverte a exactement la couleur de la dernière classe de la légende.
    derniere = fig.axes[0].get_legend().get_patches()[-1].get_facecolor()
    assert patches[plus_forte].get_facecolor() == derniere
    # Chaque commune a la couleur de sa classe : la luminance croît avec la valeur.
    lum = pd.Series({nom: _luminance(p.get_facecolor()) for nom, p in patches.items()})
    assert lum.rank().corr(couverture.reindex(lum.index).rank()) > 0.95  # corrélation des rangs


def test_limites_des_departements():
    segments = cartes._limites_departements(cartes.chemins.DONNEES)
    geo = cartes._geometrie()
    tous = np.concatenate(
        [np.stack([g["anneaux"][0][:-1], g["anneaux"][0][1:]], axis=1) for g in geo.values()]
    )
    longueur = lambda s: np.hypot(*(s[:, 1] - s[:, 0]).T).sum()  # noqa: E731
    assert 0.25 * longueur(tous) < longueur(segments) < 0.75 * longueur(tous)
    cles = {tuple(np.round(s, 5).ravel()) for s in segments}
    # Cotonou est seul dans le Littoral : tout son contour est une limite de département.
    cotonou = geo["Cotonou"]["anneaux"][0]
    bords = [
        tuple(np.round(np.stack([a, b]), 5).ravel())
        for a, b in zip(cotonou[:-1], cotonou[1:], strict=True)
    ]
    assert np.mean([b in cles for b in bords]) > 0.95
    # Kandi est entourée surtout de communes de l'Alibori : une bonne partie de son contour est intérieure.
    kandi = geo["Kandi"]["anneaux"][0]
    bords = [
        tuple(np.round(np.stack([a, b]), 5).ravel())
        for a, b in zip(kandi[:-1], kandi[1:], strict=True)
    ]
    assert np.mean([b in cles for b in bords]) < 0.6


def test_degrade_continu_avec_milliers_a_la_francaise():
    fig = carte_choroplethe("communes", "population_2013", classes=None)
    fig.canvas.draw()
    barre = fig.axes[-1]
    etiquettes = [t.get_text() for t in barre.get_yticklabels() if t.get_text()]
    assert "600\u202f000" in etiquettes  # espace fine insécable, comme atelier.erreurs.nombre_fr
    assert barre.get_ylabel() == "Population en 2013 (habitants)"
    assert "INSAE" in _textes(fig) and "synthétiques" not in _textes(fig)


def test_montants_en_millions_et_bornes_choisies():
    fig = carte_choroplethe("budget", "pai_total_fcfa", classes=[0, 500e6, 1e9, 5e9])
    legende = fig.axes[0].get_legend()
    assert "millions de FCFA" in legende.get_title().get_text().replace("\n", " ")
    assert [t.get_text() for t in legende.get_texts()] == [
        "de 0 à 500",
        "de 500 à 1\u202f000",
        "de 1\u202f000 à 5\u202f000",
    ]


def test_colonne_oui_non_et_communes_sans_valeur():
    mes = pd.DataFrame(
        {"commune": ["Kandi", "Lokossa", "Djougou"], "centre_ouvert": [True, False, True]}
    )
    fig = carte_choroplethe(mes, "centre_ouvert", titre="Centres ouverts (exemple)")
    patches = _patches_communes(fig)
    assert len(patches) == 77
    assert patches["Cotonou"].get_hatch() == ".."  # pas de donnée : gris hachuré
    assert (
        patches["Kandi"].get_facecolor()
        == patches["Djougou"].get_facecolor()
        != patches["Lokossa"].get_facecolor()
    )
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "non",
        "oui",
        "pas de donnée",
    ]
    assert fig.axes[0].get_title() == "Centres ouverts (exemple)"
    assert "Données fournies" in _textes(fig)  # pas de source inventée pour un tableau du formateur
    # Un extrait d'une table de l'atelier garde le titre et l'unité du dictionnaire.
    extrait = charger("connectivite").query("departement == 'Borgou'")[
        ["commune", "taux_usage_internet"]
    ]
    legende = carte_choroplethe(extrait, "taux_usage_internet").axes[0].get_legend()
    assert legende.get_title().get_text().replace("\n", " ") == "Usage d'internet (%)"


def test_surligner_une_carte_deja_dessinee_et_erreurs_claires():
    fig = carte_choroplethe("communes", "densite_2013")
    surligner(fig.axes[0], "seme kpodji")
    assert _patches_communes(fig)["Sèmè-Podji"].get_hatch() == "///"
    with pytest.raises(ErreurDonnees, match="Vouliez-vous dire « Abomey-Calavi »"):
        surligner(fig.axes[0], "Abomey-Calavy")
    with pytest.raises(ErreurDonnees, match="plusieurs lignes"):
        carte_choroplethe("entreprises_secteurs", "nb_entreprises")
    with pytest.raises(ErreurDonnees, match="part_couverture_4g"):
        carte_choroplethe("connectivite", "part_couverture4g")
    plt.close("all")


def test_carte_d_une_commune_et_de_ses_arrondissements():
    arr = charger("arrondissements")
    kandi = arr[arr["commune"] == "Kandi"]
    fig = carte_commune("Kandi", sites=["Kandi I", "sonsoro"], rayon_km=10)
    ax = fig.axes[0]

    def compter(gid):
        return sum(len(c.get_offsets()) for c in ax.collections if c.get_gid() == gid)

    assert compter("arrondissements") == len(kandi) == 10
    assert compter("site_choisi") == 2
    assert compter("pnc_ccsp") == (kandi["a_pnc"] | kandi["a_ccsp"]).sum()
    pleins = [
        c
        for c in ax.collections
        if c.get_gid() == "arrondissements" and to_rgb(c.get_facecolor()[0]) != (1, 1, 1)
    ]
    # plein = électrifié
    assert sum(len(c.get_offsets()) for c in pleins) == kandi["electrifie"].sum()
    zones = [p for p in ax.patches if isinstance(p, Ellipse) and p.get_gid() == "zone_desservie"]
    assert len(zones) == 2
    assert zones[0].height == pytest.approx(20 / 110.57)
    textes = _textes(fig)
    assert all(nom in textes for nom in kandi["arrondissement"])
    assert (
        "données synthétiques (fictives, pour l'exercice)" in textes
        and "à moins de 10 km" in textes
    )
    ouvertes = plt.get_fignums()
    with pytest.raises(ErreurDonnees, match="Sonsoro"):
        carte_commune("Kandi", sites=["Sonsorro"])
    assert plt.get_fignums() == ouvertes, (
        "un arrondissement inconnu ne laisse pas de carte à moitié dessinée"
    )


@pytest.mark.lent
def test_dans_un_carnet_la_carte_s_affiche_une_seule_fois(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    carnet = nbformat.v4.new_notebook()
    carnet.cells = [
        nbformat.v4.new_code_cell(
            "from atelier.cartes import carte_choroplethe, carte_commune\n"
            'carte_choroplethe("connectivite", "taux_usage_internet", surligner="Djougou")'
        ),
        nbformat.v4.new_code_cell('carte_commune("Djougou", sites=["Djougou I"], rayon_km=5)'),
    ]
    nbclient.NotebookClient(
        carnet, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    for cellule in carnet.cells:
        images = [o for o in cellule.outputs if "image/png" in o.get("data", {})]
        assert len(images) == 1, [o.get("output_type") for o in cellule.outputs]


def test_colonne_calculee_dans_le_carnet_avec_libelle_et_nature():
    tableau = charger("connectivite")[["commune"]].copy()
    tableau["ecart"] = (
        charger("connectivite")["part_couverture_4g"]
        - charger("connectivite")["taux_usage_internet"]
    )
    fig = carte_choroplethe(
        tableau, "ecart", libelle="Écart couverture – usage", unite="points", nature="synthétique"
    )
    legende = fig.axes[0].get_legend().get_title().get_text().replace("\n", " ")
    assert legende == "Écart couverture – usage (points)"
    textes = _textes(fig)
    assert "données synthétiques (fictives, pour l'exercice)" in textes
    assert "Données fournies" not in textes

    sans = carte_choroplethe(tableau, "ecart", nature="calculé")
    assert "Calculé dans le carnet" in _textes(sans)
