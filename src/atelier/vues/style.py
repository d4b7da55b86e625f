"""Le style commun des vues : la palette, les nombres à la française sur les axes, les petits
outils de dessin que les simulateurs de tous les modules partagent.

Une vue de module importe d'ici (et du cadre ``atelier.vues``), jamais d'une autre vue.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, MaxNLocator

from atelier.erreurs import nombre_fr
from atelier.vues import figure

# Palette d'Okabe et Ito : lisible par les daltoniens ; la commune choisie est
# aussi hachurée, pour rester visible une fois imprimée en noir et blanc.
BLEU = "#0072B2"
ORANGE = "#E69F00"
VERT = "#009E73"
VERMILLON = "#D55E00"
GRIS = "#999999"
GRIS_FONCE = "#595959"  # traits et textes secondaires
HACHURE = "//"
MOIS = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


def format_fr(decimales: int = 0) -> FuncFormatter:
    """Graduations d'axe écrites à la française (10 008 749 ; 12,5)."""
    return FuncFormatter(lambda x, _pos: nombre_fr(x, decimales))


def nouvelle_figure(largeur: float = 8.5, hauteur: float = 4.8):
    """Une figure et ses axes, mise en page automatique (reprise d'une mise à jour à l'autre dans un simulateur)."""
    return figure(largeur, hauteur)


def legende_source(fig, texte: str) -> None:
    """La source (ou la mention « données synthétiques ») en petit, en bas de la figure."""
    hauteur_pouces = fig.get_figheight()
    marge = min(0.2, 0.3 / hauteur_pouces)  # environ 0,3 pouce réservé sous les axes
    fig.get_layout_engine().set(rect=(0, marge, 1, 1 - marge))  # (gauche, bas, largeur, hauteur)
    fig.text(0.01, 0.01, texte, fontsize=7.5, color="#333333", ha="left", va="bottom")


def axe_des_annees(ax) -> None:
    """Des années entières sur l'axe horizontal, sans séparateur de milliers (2026, pas 2 026)."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}"))
    ax.set_xlabel("Année")


def terminer(fig):
    """Ferme la figure pour qu'elle ne s'affiche qu'une fois (dernière ligne de la cellule) et la renvoie."""
    plt.close(fig)
    return fig


def barres_horizontales(
    ax,
    noms,
    valeurs,
    surlignee: str | None = None,
    decimales: int = 0,
    suffixe: str = "",
    maximum: float | None = None,
) -> None:
    """Barres horizontales, la première en haut, valeurs écrites au bout ; ``surlignee`` en orange hachuré.

    L'axe va de 0 à ``maximum`` (par défaut : la plus grande valeur + 15 %).
    """
    noms, valeurs = list(noms), list(valeurs)
    maximum = maximum if maximum is not None else (max(valeurs) * 1.15 if valeurs else 1)
    barres = ax.barh(noms[::-1], valeurs[::-1], color=BLEU, edgecolor="black", linewidth=0.5)
    marge = maximum * 0.01
    for barre, nom, valeur in zip(barres, noms[::-1], valeurs[::-1], strict=True):
        if nom == surlignee:
            barre.set_facecolor(ORANGE)
            barre.set_hatch(HACHURE)
        ax.text(
            barre.get_width() + marge,
            barre.get_y() + barre.get_height() / 2,
            nombre_fr(valeur, decimales) + suffixe,
            va="center",
            fontsize=8,
        )
    ax.xaxis.set_major_formatter(format_fr(min(decimales, 1)))
    ax.set_xlim(0, maximum)
    ax.spines[["top", "right"]].set_visible(False)


def millions(montant: float) -> str:
    """« 12,5 millions de FCFA »."""
    return f"{nombre_fr(montant / 1e6, 1)} millions de FCFA"
