"""La fiche commune interactive : choisir une commune, voir ses chiffres et sa place dans le département."""

from __future__ import annotations

import html
import io
from functools import cache, lru_cache

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML, display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from atelier.cartes import carte_choroplethe, surligner
from atelier.donnees import communes_disponibles
from atelier.erreurs import nombre_fr
from atelier.modeles.fiche_commune import (
    INDICATEURS,
    _tableau,
    chiffres_cles,
    comparaison_departement,
)
from atelier.vues import Simulateur, menu, montrer

SYNTHETIQUE = "données synthétiques (fictives, pour l'exercice)"
NATURES = {"réel": "réel", "calculé": "calculé à partir de données réelles", "synthétique": SYNTHETIQUE}
ARTICLES = {"Alibori": "de l'", "Atacora": "de l'", "Atlantique": "de l'", "Ouémé": "de l'",
            "Collines": "des ", "Donga": "de la "}


def du_departement(departement: str) -> str:
    """« du Borgou », « de l'Alibori », « des Collines », « de la Donga »."""
    return f"{ARTICLES.get(departement, 'du ')}{departement}"


def _valeur(x: float, unite: str) -> str:
    decimales = 0 if float(x).is_integer() or abs(x) >= 100 else 1
    return f"{nombre_fr(x, decimales)} {unite}".strip()


def _carte_html(cles: dict, comparaison) -> str:
    statut = []
    if cles["pilote_ecommune"]:
        statut.append("commune pilote de la plateforme e-Commune (2025)")
    if cles["ccsp_mars_2023"]:
        statut.append("centre communal de services publics ouvert en mars 2023")
    lignes = "".join(
        f"<tr><td>{html.escape(r.indicateur)}</td><td style='text-align:right'><b>{_valeur(r.commune, r.unite)}</b></td>"
        f"<td style='text-align:right'>{_valeur(r.mediane_departement, r.unite)}</td>"
        f"<td style='text-align:center'>{r.rang} / {r.nb_communes_departement}</td>"
        f"<td><i>{NATURES.get(r.nature, r.nature)}</i></td></tr>"
        for r in comparaison.itertuples()
    )
    return (
        f"<h3 style='margin-bottom:0.2em'>{html.escape(cles['commune'])}</h3>"
        f"<p>Département : <b>{html.escape(cles['departement'])}</b> · catégorie : {html.escape(cles['categorie'])}"
        + (f" · {' ; '.join(statut)}" if statut else "")
        + "</p><table><thead><tr><th>Indicateur</th><th>Commune</th><th>Médiane du département</th>"
        "<th>Rang dans le département</th><th>Nature</th></tr></thead><tbody>"
        + lignes
        + "</tbody></table><p style='font-size:90%'>Rang 1 = la valeur la plus haute du département.</p>"
    )


def _barres(cles: dict, colonne: str, tableau, comparaison) -> None:
    commune, departement = cles["commune"], cles["departement"]
    comparaison = comparaison.set_index("colonne").loc[colonne]
    voisines = tableau[tableau["departement"] == departement].sort_values(colonne)
    couleurs = np.where(voisines["commune"] == commune, "#1b5e20", "#b0b0b0")
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(voisines) + 1.2), dpi=90)
    ax.barh(voisines["commune"], voisines[colonne], color=couleurs)
    titre = f"{comparaison['indicateur']} : {commune} face aux communes {du_departement(departement)}"
    if comparaison["nature"] == "synthétique":
        titre += f"\n({SYNTHETIQUE})"
    ax.set_title(titre, fontsize=10)
    ax.set_xlabel(comparaison["unite"])
    ax.xaxis.set_major_formatter(lambda x, _pos: nombre_fr(x, 0))
    fig.tight_layout()


class _CarteSurlignee:
    """La carte des 77 communes dessinée une seule fois (le fond) ; pour surligner une commune, on
    repart de l'image du fond et on ne dessine que cette commune et son nom par-dessus."""

    def __init__(self, figure):
        self.figure = figure
        self.canvas = FigureCanvasAgg(figure)
        self.canvas.draw()
        self.fond = self.canvas.copy_from_bbox(figure.bbox)

    def image(self, commune: str) -> bytes:
        ax = self.figure.axes[0]
        patch = next(p for p in ax.patches if p.get_gid() == commune)
        style = {"linewidth": patch.get_linewidth(), "edgecolor": patch.get_edgecolor(),
                 "hatch": patch.get_hatch(), "zorder": patch.get_zorder()}
        textes = len(ax.texts)
        surligner(ax, commune)
        try:
            self.canvas.restore_region(self.fond)
            for artiste in [patch, *ax.texts[textes:]]:  # au-dessus de tout le reste, comme sur une carte neuve
                ax.draw_artist(artiste)
            tampon = io.BytesIO()
            Image.fromarray(np.asarray(self.canvas.buffer_rgba())).save(tampon, "png", compress_level=1)
            return tampon.getvalue()
        finally:
            patch.set(**style)
            for texte in ax.texts[textes:]:
                texte.remove()


# Sans commune connue, une commune d'un département qui en compte plusieurs (à Cotonou, seule
# commune du Littoral, chaque rang se lirait « 1 / 1 »).
COMMUNE_PAR_DEFAUT = "Parakou"


def fiche_commune_interactive(commune: str | None = None) -> Simulateur:
    """Un menu des communes ; la fiche, la carte de situation et un graphique de comparaison.

    Sans ``commune``, la fiche s'ouvre sur celle du participant (liste de la salle, ou dernière
    choisie dans son plan numérique), sinon sur ``COMMUNE_PAR_DEFAUT``."""
    from atelier.plan.stockage import commune_retenue

    commune = commune or commune_retenue() or COMMUNE_PAR_DEFAUT
    tableau = _tableau()
    titres = {comparaison["indicateur"]: comparaison["colonne"]
              for comparaison in comparaison_departement(commune, tableau).to_dict("records")}

    # Ce qui ne dépend que de la commune est calculé (et la carte dessinée) une fois par commune :
    # changer d'indicateur ne redessine que les barres.
    @cache
    def calculs(commune: str):
        return chiffres_cles(commune, tableau), comparaison_departement(commune, tableau)

    @cache
    def fond():
        return _CarteSurlignee(carte_choroplethe(tableau, "population_2013"))

    @lru_cache(maxsize=16)
    def carte(commune: str) -> bytes:
        return fond().image(commune)

    def dessiner(commune: str, indicateur: str) -> dict:
        cles, comparaison = calculs(commune)
        display(HTML(_carte_html(cles, comparaison)))
        montrer(carte(cles["commune"]))
        _barres(cles, titres[indicateur], tableau, comparaison)
        return {"commune": cles["commune"], "departement": cles["departement"],
                "population_2013": cles["population_2013"], "indicateur": titres[indicateur]}

    return Simulateur(
        {"commune": menu("Votre commune", communes_disponibles(), commune),
         "indicateur": menu("Indicateur à comparer", list(titres), next(iter(titres)))},
        dessiner,
        titre="Fiche commune",
        explication="Choisissez une commune : ses chiffres clés, sa place sur la carte et dans son département.",
    )


__all__ = ["INDICATEURS", "du_departement", "fiche_commune_interactive"]
