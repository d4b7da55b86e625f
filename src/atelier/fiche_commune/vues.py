"""La fiche commune interactive : choisir une commune, voir ses chiffres et sa place dans le département.

Les chiffres que le participant a notés dans « Mes vrais chiffres » (son plan numérique)
remplacent ceux de l'atelier, marqués « chiffre de la commune » ; le plan est relu quand
la commune change, pas à chaque changement d'indicateur.
"""

from __future__ import annotations

import html
from functools import cache, lru_cache

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML, display
from matplotlib.backends.backend_agg import FigureCanvasAgg

from atelier.cartes import carte_choroplethe, surligner
from atelier.donnees import MENTION_SYNTHETIQUE, champ, communes_disponibles
from atelier.erreurs import nombre_fr
from atelier.fiche_commune.modele import (
    INDICATEURS,
    _tableau,
    chiffres_cles,
    comparaison_departement,
)
from atelier.vues import Simulateur, menu, montrer, png_du_canevas

SYNTHETIQUE = MENTION_SYNTHETIQUE
COMMUNE = "chiffre de la commune"
NATURES = {
    "réel": "réel",
    "calculé": "calculé à partir de données réelles",
    "synthétique": SYNTHETIQUE,
    "commune": COMMUNE,
}
VERT = "#1b5e20"
ARTICLES = {
    "Alibori": "de l'",
    "Atacora": "de l'",
    "Atlantique": "de l'",
    "Ouémé": "de l'",
    "Collines": "des ",
    "Donga": "de la ",
}


def du_departement(departement: str) -> str:
    """« du Borgou », « de l'Alibori », « des Collines », « de la Donga »."""
    return f"{ARTICLES.get(departement, 'du ')}{departement}"


def _valeur(x: float, unite: str) -> str:
    decimales = 0 if float(x).is_integer() or abs(x) >= 100 else 1
    return f"{nombre_fr(x, decimales)} {unite}".strip()


def _nature(nature: str) -> str:
    texte = NATURES.get(nature, nature)
    return f"<b style='color:{VERT}'>{texte}</b>" if nature == "commune" else f"<i>{texte}</i>"


def _carte_html(cles: dict, comparaison, autres=()) -> str:
    """La fiche en HTML ; ``autres`` : (titre, valeur, unité) des chiffres donnés par la commune
    qui ne sont pas des indicateurs de la fiche (budget, relais…)."""
    statut = []
    if cles["pilote_ecommune"]:
        statut.append("commune pilote de la plateforme e-Commune (2025)")
    if cles["ccsp_mars_2023"]:
        statut.append("centre communal de services publics ouvert en mars 2023")
    lignes = "".join(
        f"<tr><td>{html.escape(r.indicateur)}</td><td style='text-align:right'><b>{_valeur(r.commune, r.unite)}</b></td>"
        f"<td style='text-align:right'>{_valeur(r.mediane_departement, r.unite)}</td>"
        f"<td style='text-align:center'>{r.rang} / {r.nb_communes_departement}</td>"
        f"<td>{_nature(r.nature)}</td></tr>"
        for r in comparaison.itertuples()
    )
    if len(autres):
        lignes += "".join(
            f"<tr><td>{html.escape(titre)}</td><td style='text-align:right'><b>{_valeur(valeur, unite)}</b></td>"
            f"<td style='text-align:right'>—</td><td style='text-align:center'>—</td><td>{_nature('commune')}</td></tr>"
            for titre, valeur, unite in autres
        )
    return (
        f"<h3 style='margin-bottom:0.2em'>{html.escape(cles['commune'])}</h3>"
        f"<p>Département : <b>{html.escape(cles['departement'])}</b> · catégorie : {html.escape(cles['categorie'])}"
        + (f" · {' ; '.join(statut)}" if statut else "")
        + "</p><table><thead><tr><th>Indicateur</th><th>Commune</th><th>Médiane du département</th>"
        "<th>Rang dans le département</th><th>Nature</th></tr></thead><tbody>"
        + lignes
        + "</tbody></table><p style='font-size:90%'>Rang 1 = la valeur la plus haute du département."
        + (
            f" Les chiffres marqués « {COMMUNE} » sont ceux que vous avez notés dans « Mes vrais chiffres » ; "
            "le rang les compare aux chiffres de l'atelier des autres communes."
            if (comparaison["nature"] == "commune").any() or len(autres)
            else ""
        )
        + "</p>"
    )


def _barres(cles: dict, colonne: str, tableau, comparaison) -> None:
    commune, departement = cles["commune"], cles["departement"]
    comparaison = comparaison.set_index("colonne").loc[colonne]
    voisines = tableau[tableau["departement"] == departement].sort_values(colonne)
    couleurs = np.where(voisines["commune"] == commune, VERT, "#b0b0b0")
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(voisines) + 1.2), dpi=90)
    ax.barh(voisines["commune"], voisines[colonne], color=couleurs)
    titre = (
        f"{comparaison['indicateur']} : {commune} face aux communes {du_departement(departement)}"
    )
    if comparaison["nature"] == "synthétique":
        titre += f"\n({SYNTHETIQUE})"
    elif comparaison["nature"] == "commune":
        titre += f"\n({commune} : {COMMUNE} ; autres communes : chiffres de l'atelier)"
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
        style = {
            "linewidth": patch.get_linewidth(),
            "edgecolor": patch.get_edgecolor(),
            "hatch": patch.get_hatch(),
            "zorder": patch.get_zorder(),
        }
        textes = len(ax.texts)
        surligner(ax, commune)
        try:
            self.canvas.restore_region(self.fond)
            for artiste in [
                patch,
                *ax.texts[textes:],
            ]:  # au-dessus de tout le reste, comme sur une carte neuve
                ax.draw_artist(artiste)
            return png_du_canevas(self.canvas)
        finally:
            patch.set(**style)
            for texte in ax.texts[textes:]:
                texte.remove()


# Sans commune connue, une commune d'un département qui en compte plusieurs (à Cotonou, seule
# commune du Littoral, chaque rang se lirait « 1 / 1 »).
COMMUNE_PAR_DEFAUT = "Parakou"


def fiche_commune_interactive(commune: str | None = None, chemin=None) -> Simulateur:
    """Un menu des communes ; la fiche, la carte de situation et un graphique de comparaison.

    Sans ``commune``, la fiche s'ouvre sur celle du participant (liste de la salle, ou dernière
    choisie dans son plan numérique), sinon sur ``COMMUNE_PAR_DEFAUT``. Les chiffres notés dans
    « Mes vrais chiffres » (plan ``chemin``, par défaut celui du participant) remplacent ceux de
    l'atelier."""
    from atelier.plan.chiffres import mes_chiffres_notes, remplacer, tableau_des_communes
    from atelier.plan.stockage import commune_retenue

    commune = commune or commune_retenue(chemin) or COMMUNE_PAR_DEFAUT
    tableau = _tableau()
    titres = {
        comparaison["indicateur"]: comparaison["colonne"]
        for comparaison in comparaison_departement(commune, tableau).to_dict("records")
    }
    colonnes = [c for c in tableau_des_communes().columns if c != "commune"]
    montres = {colonne for colonne, _ in INDICATEURS}
    lu = {"commune": None, "miens": {}}

    def mes_chiffres(commune: str) -> dict:
        """Les chiffres notés pour ``commune`` : le plan est relu quand la commune change, pas à chaque dessin."""
        if lu["commune"] != commune:
            lu["commune"], lu["miens"] = commune, mes_chiffres_notes(commune, colonnes, chemin)
        return lu["miens"]

    # Ce qui ne dépend que de la commune (et de ses chiffres) est calculé (et la carte dessinée) une
    # fois : changer d'indicateur ne redessine que les barres.
    @lru_cache(maxsize=32)
    def calculs(commune: str, miens: tuple):
        notes = dict(miens)
        avec = remplacer(tableau, commune, notes) if notes else tableau
        comparaison = comparaison_departement(commune, avec)
        comparaison.loc[
            comparaison["colonne"].isin([c for c, (_, o) in notes.items() if o == COMMUNE]),
            "nature",
        ] = "commune"
        autres = [
            (
                (champ(c) or {}).get("title", c),
                float(notes[c][0]),
                (champ(c) or {}).get("atelier:unite", ""),
            )
            for c in colonnes
            if c in notes and c not in montres
        ]
        return chiffres_cles(commune, tableau), comparaison, avec, autres

    @cache
    def fond():
        return _CarteSurlignee(carte_choroplethe(tableau, "population_2013"))

    @lru_cache(maxsize=16)
    def carte(commune: str) -> bytes:
        return fond().image(commune)

    def dessiner(commune: str, indicateur: str) -> dict:
        miens = mes_chiffres(commune)
        cles, comparaison, avec, autres = calculs(commune, tuple(sorted(miens.items())))
        display(HTML(_carte_html(cles, comparaison, autres)))
        montrer(carte(cles["commune"]))
        _barres(cles, titres[indicateur], avec, comparaison)
        resume = {
            "commune": cles["commune"],
            "departement": cles["departement"],
            "population_2013": cles["population_2013"],
            "indicateur": titres[indicateur],
        }
        if miens:
            resume["chiffres_de_la_commune"] = {c: v for c, (v, _) in miens.items()}
        return resume

    return Simulateur(
        {
            "commune": menu("Votre commune", communes_disponibles(), commune),
            "indicateur": menu("Indicateur à comparer", list(titres), next(iter(titres))),
        },
        dessiner,
        titre="Fiche commune",
        explication="Choisissez une commune : ses chiffres clés, sa place sur la carte et dans son département.",
    )


__all__ = ["INDICATEURS", "du_departement", "fiche_commune_interactive"]
