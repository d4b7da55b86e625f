"""Les simulateurs des modules : vues ipywidgets minces au-dessus des modèles.

Un simulateur réunit des contrôles (curseurs, menus) et une zone d'affichage
redessinée par une fonction à chaque changement. Le calcul lui-même vit dans
le ``modele`` de chaque module (fonctions pures, testées) ; la vue ne fait qu'appeler le
modèle et dessiner.

    sim = Simulateur(
        {"taux": curseur("Taux de croissance (%)", 0, 6, 3.5, pas=0.1)},
        dessiner=lambda taux: ...,  # affiche, et renvoie un résumé testable
        titre="Projection de la population",
    )
    sim  # dernière ligne de la cellule : le simulateur s'affiche

Les tests changent ``sim.controles["taux"].value`` et lisent ``sim.resultat``.

Une vue crée ses figures par ``figure(largeur, hauteur)`` : dans un simulateur, la
figure de la mise à jour précédente est reprise (vidée, puis redessinée), ce qui
répond plus vite qu'une figure neuve ; ailleurs, c'est une figure pyplot ordinaire.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
from IPython.display import Image, clear_output, display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from traitlets import validate

from atelier.erreurs import nombre_fr

LARGEUR_ETIQUETTE = "16em"
# Les lettres dessinées sans « hinting » (calage sur la grille des pixels) : à l'œil la même chose à
# l'écran, et 12 à 19 % de calcul en moins par image de simulateur, où les textes coûtent le plus.
matplotlib.rcParams["text.hinting"] = "no_hinting"
_images: list[bytes] | None = None  # les images de la mise à jour en cours d'un simulateur
_gardees: FiguresGardees | None = None  # les figures du simulateur en cours de mise à jour


def image_png(figure) -> bytes:
    """La figure rendue en PNG, à sa taille, en une seule passe.

    Le backend « inline » de Jupyter la dessine deux fois pour la recadrer, ce qui
    est inutile avec une mise en page automatique (``layout="constrained"``) ; et
    ``savefig`` la parcourt deux fois (mise en page, puis dessin). Ici, un seul
    dessin, mise en page comprise : mêmes pixels, un quart de calcul en moins.
    """
    canevas = (
        figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    )
    canevas.draw()
    return png_du_canevas(canevas)


def png_du_canevas(canevas: FigureCanvasAgg) -> bytes:
    """L'image déjà dessinée d'un canevas Agg, en PNG (compression 1 : rapide, fichier à peine plus gros).

    Une image sans transparence est écrite en RVB, sans la couche alpha : mêmes pixels, encodage plus court.
    """
    pixels = np.asarray(canevas.buffer_rgba())
    if pixels[..., 3].min() == 255:
        pixels = np.ascontiguousarray(pixels[..., :3])
    tampon = io.BytesIO()
    PIL.Image.fromarray(pixels).save(tampon, "png", compress_level=1)
    return tampon.getvalue()


def montrer(figure) -> None:
    """Affiche une figure (ou une image PNG déjà rendue), puis ferme la figure :
    elle ne s'affichera pas une seconde fois."""
    if isinstance(figure, bytes):
        image = figure
    else:
        image = image_png(figure)
        plt.close(figure)
        if _gardees is not None:
            _gardees.montree(figure)
    if _images is not None:
        _images.append(image)
    display(Image(image, format="png"))


def figure(largeur: float, hauteur: float, mise_en_page: str | None = "constrained", **options):
    """Une figure et ses axes, mise en page automatique : ``plt.subplots(**options)`` de
    ``largeur`` × ``hauteur`` pouces. ``mise_en_page=None`` : pas de mise en page automatique,
    la vue place elle-même ses axes (``ax.set_position``) ; c'est plus rapide, et la place
    des axes ne bouge plus d'une image à l'autre.

    Pendant la mise à jour d'un simulateur, c'est la figure de la mise à jour
    précédente (même rang, mêmes axes), vidée de ses tracés et remise à la taille
    demandée : axes, graduations et mise en page restent en place, et la redessiner
    coûte un quart de moins que d'en créer une neuve. Le simulateur l'affiche à la fin
    de la mise à jour.
    """
    if _gardees is None:
        return plt.subplots(figsize=(largeur, hauteur), layout=mise_en_page, **options)

    def creer():
        neuve = Figure(figsize=(largeur, hauteur), layout=mise_en_page)
        FigureCanvasAgg(neuve)
        return neuve, neuve.subplots(**options)

    fig, axes = _gardees.prendre(repr((mise_en_page, options)), creer)
    if tuple(fig.get_size_inches()) != (largeur, hauteur):  # plus de barres, une figure plus haute
        fig.set_size_inches(largeur, hauteur)
    return fig, axes


def dans_un_simulateur() -> bool:
    """Vrai pendant la mise à jour d'un simulateur : ses figures ne servent qu'à leur image, à leur
    taille (``montrer``), jamais enregistrées ni redessinées ailleurs."""
    return _gardees is not None


def vider(fig: Figure) -> None:
    """Retire d'une figure ce qu'un ``dessiner`` y ajoute (tracés, textes, titres, légendes),
    sans toucher aux axes : les mêmes appels y redessinent la même image que sur une figure neuve."""
    for artiste in (*fig.texts, *fig.legends, *fig.images, *fig.artists):
        artiste.remove()
    # retirés ci-dessus ; fig.suptitle… en recrée
    fig._suptitle = fig._supxlabel = fig._supylabel = None
    for ax in fig.axes:
        # la mise en page automatique repart de la place d'une figure neuve (elle dépend de son point de départ)
        ax._set_position(ax.get_subplotspec().get_position(fig))
        if ax.name not in ("rectilinear", "polar"):  # une autre projection : on repart d'axes neufs
            ax.clear()
            continue
        for axe in (ax.xaxis, ax.yaxis):
            # des noms sur un axe (catégories) : leur liste repart de zéro, comme Axis.clear
            if axe.units is not None:
                axe._converter, axe.units = None, None
        for artiste in (
            *ax.lines,
            *ax.patches,
            *ax.collections,
            *ax.texts,
            *ax.images,
            *ax.artists,
            *ax.tables,
        ):
            artiste.remove()
        ax.containers.clear()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        for position in ("left", "center", "right"):
            ax.set_title("", loc=position)
        ax.ignore_existing_data_limits = True  # les limites suivront les nouveaux tracés
        ax.set_autoscaley_on(True)
        # l'axe des angles d'un radar fait toujours le tour
        ax.set_autoscalex_on(ax.name != "polar")


class FiguresGardees:
    """Les figures d'un simulateur, gardées d'une mise à jour à l'autre (voir ``figure``)."""

    def __init__(self):
        self._figures: list[tuple[str, Figure, Any]] = []
        self._servies: list[Figure] = []
        self._montrees: list[Figure] = []

    def commencer(self) -> None:
        self._servies, self._montrees = [], []

    def prendre(self, cle: str, creer: Callable[[], tuple[Figure, Any]]) -> tuple[Figure, Any]:
        rang = len(self._servies)
        if rang < len(self._figures) and self._figures[rang][0] == cle:
            _, fig, axes = self._figures[rang]
            # un axe ajouté par dessiner (barre de couleurs…)
            for ajoute in set(fig.axes) - set(np.ravel(axes)):
                ajoute.remove()
            vider(fig)
        else:
            fig, axes = creer()
            del self._figures[rang:]
            self._figures.append((cle, fig, axes))
        self._servies.append(fig)
        return fig, axes

    def montree(self, fig) -> None:
        self._montrees.append(fig)
        # un canevas neuf, sans tampon de pixels : entre deux mises à jour, la figure gardée ne garde pas
        # son image (1,5 Mo en moyenne), pas même pour un simulateur resté en mémoire après sa cellule
        FigureCanvasAgg(fig)

    def a_montrer(self) -> list[Figure]:
        """Les figures servies pendant la mise à jour et pas encore affichées, dans l'ordre."""
        return [fig for fig in self._servies if not any(fig is vue for vue in self._montrees)]


def _style() -> dict:
    return {"description_width": LARGEUR_ETIQUETTE}


def curseur(
    libelle: str,
    minimum: float,
    maximum: float,
    valeur: float,
    pas: float = 1,
    format_: str | None = None,
) -> widgets.Widget:
    """Un curseur dont la valeur s'affiche à la française.

    Les curseurs d'ipywidgets écrivent « 3.5 » et « 150000 » : pour une valeur décimale
    ou un montant à partir de 10 000, le curseur parcourt une liste de valeurs
    étiquetées « 3,5 » ou « 150 000 » (``SelectionSlider``), avec la même ``value``.
    """
    entier = all(float(x).is_integer() for x in (minimum, maximum, valeur, pas))
    if entier and maximum < 10_000:
        return widgets.IntSlider(
            value=valeur,
            min=minimum,
            max=maximum,
            step=pas,
            description=libelle,
            continuous_update=False,
            style=_style(),
            layout=widgets.Layout(width="36em"),
        )
    decimales = 0 if entier else _decimales(format_, pas)
    nombre = round((maximum - minimum) / pas) + 1
    valeurs = [round(minimum + i * pas, decimales) for i in range(nombre)]
    valeurs = [int(v) for v in valeurs] if entier else valeurs
    return CurseurFrancais(
        options=[(nombre_fr(v, decimales), v) for v in valeurs],
        value=valeur,
        description=libelle,
        continuous_update=False,
        style=_style(),
        layout=widgets.Layout(width="36em"),
    )


class CurseurFrancais(widgets.SelectionSlider):
    """Un curseur sur une grille de nombres étiquetés à la française.

    Comme les curseurs d'ipywidgets, il accepte toute valeur : elle est ramenée au
    point de la grille le plus proche (une commune à 13,64 millions affiche 13,6).
    """

    @validate("value")
    def _validate_value(self, proposal):
        grille = getattr(self, "_options_values", ())
        if proposal.value is None or not grille:
            return proposal.value
        return min(grille, key=lambda point: abs(point - proposal.value))


def _decimales(format_: str | None, pas: float) -> int:
    """Le nombre de décimales affichées : celui du format (« .1f ») ou, à défaut, celui du pas."""
    if format_:
        return int(format_.strip(".f"))
    return len(f"{pas:g}".partition(".")[2])


def menu(libelle: str, options, valeur=None) -> widgets.Dropdown:
    """Un menu déroulant (par exemple la liste des communes)."""
    options = list(options)
    return widgets.Dropdown(
        options=options,
        value=valeur if valeur is not None else options[0],
        description=libelle,
        style=_style(),
        layout=widgets.Layout(width="36em"),
    )


def case(libelle: str, valeur: bool = False) -> widgets.Checkbox:
    return widgets.Checkbox(value=valeur, description=libelle, indent=False)


class Simulateur(widgets.VBox):
    """Des contrôles et une sortie redessinée à chaque changement."""

    def __init__(
        self,
        controles: dict[str, widgets.Widget],
        dessiner: Callable[..., Any],
        titre: str = "",
        explication: str = "",
    ):
        self.controles = controles
        self.dessiner = dessiner
        self.sortie = widgets.Output()
        self.resultat: Any = None
        self.images: list[bytes] = []  # les images PNG affichées par la dernière mise à jour
        self._en_pause = False
        self._figures = FiguresGardees()
        entete = []
        if titre:
            entete.append(widgets.HTML(f"<h4 style='margin:0.2em 0'>{titre}</h4>"))
        if explication:
            entete.append(widgets.HTML(f"<p style='margin:0.2em 0'>{explication}</p>"))
        for controle in controles.values():
            controle.observe(self._changement, names="value")
        super().__init__([*entete, *controles.values(), self.sortie])
        self.mettre_a_jour()

    def valeurs(self) -> dict[str, Any]:
        return {nom: controle.value for nom, controle in self.controles.items()}

    def _changement(self, _changement=None) -> None:
        if not self._en_pause:
            self.mettre_a_jour()

    def regler(self, **valeurs: Any) -> Any:
        """Change plusieurs contrôles d'un coup, puis redessine une seule fois."""
        self._en_pause = True
        try:
            for nom, valeur in valeurs.items():
                self.controles[nom].value = valeur
        finally:
            self._en_pause = False
        return self.mettre_a_jour()

    def lier(self, nom: str, reglages: Callable[[Any], dict[str, Any]]) -> None:
        """Quand le contrôle ``nom`` change, règle d'abord les autres (``reglages(valeur)``
        renvoie ``{contrôle: valeur}``), puis redessine une seule fois."""
        controle = self.controles[nom]
        controle.unobserve(self._changement, names="value")
        controle.observe(
            lambda changement: self.regler(**reglages(changement["new"])), names="value"
        )

    def mettre_a_jour(self) -> Any:
        """Recalcule et redessine ; renvoie le résumé produit par ``dessiner``."""
        global _images, _gardees
        images: list[bytes] = []
        precedentes = _gardees
        with self.sortie:
            clear_output(wait=True)
            _images, _gardees = images, self._figures
            self._figures.commencer()
            # une figure laissée ouverte ailleurs n'est pas montrée ici
            deja_ouvertes = set(plt.get_fignums())
            try:
                self.resultat = self.dessiner(**self.valeurs())
                for gardee in self._figures.a_montrer():
                    montrer(gardee)
                for numero in plt.get_fignums():
                    if numero not in deja_ouvertes:
                        montrer(plt.figure(numero))
            finally:
                _images, _gardees = None, precedentes
                plt.close("all")
        self.images = images
        return self.resultat
