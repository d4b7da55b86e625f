"""Module 2 — les simulateurs : couverture des centres, et compte du mois d'un centre.

Vues minces : les calculs sont dans ``atelier.modules.m2_centres_numeriques.modele``.
Chaque ``dessiner`` renvoie un petit résumé (dictionnaire) que les tests lisent.
"""

from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.ticker import FuncFormatter

from atelier.cartes import carte_commune, legende_carte_commune, noms_des_arrondissements
from atelier.donnees import MENTION_SYNTHETIQUE, communes_disponibles, trouver_commune
from atelier.erreurs import nombre_fr
from atelier.modules.m2_centres_numeriques import modele
from atelier.vues import Simulateur, case, curseur, dans_un_simulateur, figure, menu

GRIS_CLAIR = "#c8c8c8"
FONCE = "#1f3b73"


def _fcfa(x: float) -> str:
    return f"{nombre_fr(round(x))} FCFA"


def _pourcent(x: float) -> str:
    return f"{nombre_fr(x, 0)} %"


# --- Simulateur 1 : couverture ---------------------------------------------------------

# La figure est mise en page une fois pour toutes (en fraction de la figure : gauche, bas, largeur,
# hauteur ; la légende de la carte à sa droite) : la carte et les barres ne bougent pas d'une image
# à l'autre, et rien n'est à recalculer à chaque mouvement d'un curseur.
PLACE_CARTE = (0.05, 0.43, 0.74, 0.455)
PLACE_BARRES = (0.07, 0.075, 0.926, 0.314)


_COMMUNS: dict[tuple, object] = {}  # le fond que toutes les communes partagent, par taille d'image
_FONDS: dict[tuple, object] = {}  # le fond de chaque commune déjà dessinée (les 16 dernières)


class _Fond(Artist):
    """Le fond d'une figure de simulateur, déjà dessiné, recopié tel quel dans son image (ni mélange
    ni calcul) : seulement pour l'image d'un simulateur, à sa taille (``dans_un_simulateur``)."""

    def __init__(self, region):
        super().__init__()
        self.region = region
        self.set_zorder(-1)  # sous tout le reste

    def draw(self, renderer) -> None:
        renderer.restore_region(self.region)


def _poser_fond(fig, ax_carte, ax_barres, nom: str) -> None:
    """Ce qui ne dépend que de la commune (communes voisines, contour, titre et légende de la carte,
    cadre, graduations et titres des barres, source) : dessiné une fois par commune, puis recopié
    sous le reste de l'image ; seuls les points, les sites, les zones et les barres sont redessinés.
    La distance choisie est écrite dans le titre, pas dans la légende : elle ne change pas.

    Ce que toutes les communes partagent (cadre, axe vertical et titre des barres, source) n'est
    dessiné qu'une fois pour toutes : changer de commune ne dessine que ce qui lui est propre."""
    communs = [
        ax_barres.patch,
        *ax_barres.spines.values(),
        ax_barres.yaxis,
        ax_barres.title,
        *(t for t in fig.texts if t.get_gid() == "source"),
    ]
    propres = [
        *(
            a
            for a in (*ax_carte.collections, *ax_carte.patches)
            if a.get_gid() in ("voisines", nom)
        ),
        ax_carte.title,
        ax_barres.xaxis,
    ]
    taille = (tuple(fig.get_size_inches()), fig.dpi)
    cle = (nom, *taille, ax_barres.get_xlim())
    if cle not in _FONDS:
        rendu = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)
        if taille not in _COMMUNS:
            _dessiner(rendu, [fig.patch, *communs])
            _COMMUNS[taille] = rendu.copy_from_bbox(fig.bbox)
        else:
            rendu.restore_region(_COMMUNS[taille])
        # la légende est la même pour toute distance (la distance est écrite dans le titre)
        legende = legende_carte_commune(ax_carte, sites=True, rayon_km=0)
        _dessiner(rendu, [*propres, legende])
        legende.remove()
        if len(_FONDS) >= 16:
            del _FONDS[next(iter(_FONDS))]
        _FONDS[cle] = rendu.copy_from_bbox(fig.bbox)
    for artiste in communs + propres:
        artiste.set_visible(False)
    fig.add_artist(_Fond(_FONDS[cle]))


def _dessiner(rendu, artistes) -> None:
    for artiste in artistes:
        artiste.set_visible(True)
        artiste.draw(rendu)


# Les noms de chaque commune déjà écrits (les 16 derniers) : l'image, et la place de son coin.
_NOMS: dict[tuple, tuple[np.ndarray, int, int]] = {}


def _poser_noms(ax, arr, nom: str) -> None:
    """Les noms des arrondissements sur la carte ``ax``, au-dessus de tout comme ``carte_commune`` les écrit.

    Ils ne dépendent que de la commune : écrits une fois seuls, sur une image transparente (les
    textes sont ce qui coûte le plus), puis posés tels quels sur chaque image de cette commune."""
    fig = ax.figure
    ax.apply_aspect()
    cle = (nom, tuple(ax.get_position().bounds), tuple(fig.get_size_inches()), fig.dpi)
    if cle not in _NOMS:
        rendu = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)  # transparente
        deja = len(ax.texts)
        noms_des_arrondissements(ax, arr)
        for texte in ax.texts[deja:]:
            texte.draw(rendu)
        for texte in ax.texts[deja:]:
            texte.remove()
        pixels = np.asarray(rendu.buffer_rgba())
        lignes = np.flatnonzero(pixels[..., 3].any(axis=1))
        colonnes = np.flatnonzero(pixels[..., 3].any(axis=0))
        partie = pixels[lignes[0] : lignes[-1] + 1, colonnes[0] : colonnes[-1] + 1].copy()
        if len(_NOMS) >= 16:
            del _NOMS[next(iter(_NOMS))]
        _NOMS[cle] = partie, int(colonnes[0]), int(pixels.shape[0] - 1 - lignes[-1])
    calque, x, y = _NOMS[cle]
    fig.figimage(calque, x, y, origin="upper", zorder=1)


def dessiner_couverture(
    commune: str, rayon_km: float, nombre_centres: int, partir_existants: bool
) -> dict:
    """Carte de la commune (sites et zones desservies) et part desservie selon le nombre de centres."""
    nom = trouver_commune(commune)
    arr = modele.arrondissements_de(nom)
    existants = modele.sites_existants(arr) if partir_existants else []
    etapes = modele.choisir_sites(arr, len(arr), rayon_km, existants)
    k = min(int(nombre_centres), len(etapes) - 1)
    nouveaux = modele.sites_choisis(etapes)[:k]
    part = float(etapes["part_desservie"].iloc[k])
    population = int(etapes["population_desservie"].iloc[k])

    fig, (ax_carte, ax_barres) = figure(8.6, 9.6, mise_en_page=None, nrows=2)
    ax_carte.set_position(PLACE_CARTE)
    ax_barres.set_position(PLACE_BARRES)
    carte_commune(
        nom,
        arrondissements=arr,
        sites=existants + nouveaux,
        rayon_km=rayon_km,
        ax=ax_carte,
        noms=False,
        legende=False,
    )

    couleurs = [FONCE if i == k else GRIS_CLAIR for i in range(len(etapes))]
    barres = ax_barres.bar(
        etapes["etape"], etapes["part_desservie"], color=couleurs, edgecolor="black"
    )
    for i, rect in enumerate(barres):
        rect.set_hatch("" if i == k else "//")
    ax_barres.bar_label(barres, labels=[_pourcent(p) for p in etapes["part_desservie"]], fontsize=8)
    ax_barres.set_ylim(0, 110)
    # un axe qui ne bouge pas avec la distance : une place par arrondissement, même quand moins de
    # centres suffisent (« aucun autre site n'ajoute d'habitants »)
    ax_barres.set_xlim(-0.6, len(arr) + 0.6)
    ax_barres.set_xticks(range(len(arr) + 1))
    if len(etapes) <= len(arr):
        ax_barres.text(
            (len(etapes) + len(arr)) / 2,
            50,
            "Au-delà, aucun nouveau centre\nn'ajoute d'habitants",
            ha="center",
            va="center",
            fontsize=9,
            color="#333333",
        )
    ax_barres.set_xlabel("Nombre de nouveaux centres (choisis un par un, méthode gloutonne)")
    ax_barres.set_ylabel("Habitants desservis (% de la population 2024)")
    depart = "en plus des PNC/CCSP existants" if existants else "sans centre existant"
    nombre_km = nombre_fr(rayon_km, 0 if float(rayon_km).is_integer() else 1)
    complet = " ; aucun autre site n'ajoute d'habitants" if k < int(nombre_centres) else ""
    fig.suptitle(
        y=0.985,
        t=f"{nom} : avec {k} nouveau{'x' if k > 1 else ''} centre{'s' if k > 1 else ''} ({depart}),\n"
        f"{_pourcent(part)} des habitants vivent à moins de {nombre_km} km d'un centre{complet}",
        fontsize=11,
        fontweight="bold",
    )
    ax_barres.set_title(
        "Chaque nouveau centre ajoute de moins en moins d'habitants\n"
        f"positions et équipements : {MENTION_SYNTHETIQUE}",
        fontsize=9,
    )
    # l'image seule compte : ce qui ne dépend que de la commune est recopié
    if dans_un_simulateur():
        _poser_noms(ax_carte, arr, nom)
        _poser_fond(fig, ax_carte, ax_barres, nom)
    else:  # une figure ordinaire, qu'on peut aussi enregistrer (PDF, autre résolution)
        noms_des_arrondissements(ax_carte, arr)
        legende_carte_commune(ax_carte, sites=True, rayon_km=0)
    return {
        "commune": nom,
        "existants": existants,
        "nouveaux_sites": nouveaux,
        "population_desservie": population,
        "part_desservie": part,
    }


def simulateur_couverture(
    commune: str = "Djougou", rayon_km: float = 10, nombre_centres: int = 2
) -> Simulateur:
    """Choisissez une commune, la distance et le nombre de centres : la carte et la part desservie suivent."""
    return Simulateur(
        {
            "commune": menu("Commune", communes_disponibles(), trouver_commune(commune)),
            "rayon_km": curseur("Distance maximale (km)", 1, 30, rayon_km),
            "nombre_centres": curseur("Nouveaux centres", 0, 8, nombre_centres),
            "partir_existants": case("Garder les PNC et CCSP existants", True),
        },
        dessiner_couverture,
        titre="Combien d'habitants à moins de d km d'un centre ?",
        explication=(
            "Un arrondissement est desservi si son centre est à moins de la distance choisie, à vol "
            "d'oiseau, d'un centre numérique. Les nouveaux centres sont choisis un par un : chaque fois, "
            "celui qui ajoute le plus d'habitants encore non desservis."
        ),
    )


# --- Simulateur 2 : le compte du mois ----------------------------------------------------


def dessiner_marge(
    tarif_fcfa: float,
    visites_jour: float,
    personnel_mois: float,
    compter_installation: bool,
    *,
    lieu: str,
    autres_frais_mois: float,
    amortissement_mois: float,
) -> dict:
    """La marge du mois selon les visites par jour, au tarif choisi ; le seuil de rentabilité marqué."""
    amortissement = amortissement_mois if compter_installation else 0.0
    compte = modele.compte_mensuel(
        tarif_fcfa, visites_jour, personnel_mois, autres_frais_mois, amortissement
    )
    seuil = (
        modele.visites_equilibre(compte["charges"], tarif_fcfa) if tarif_fcfa > 0 else float("inf")
    )
    equilibre = (
        modele.tarif_equilibre(compte["charges"], visites_jour)
        if visites_jour > 0
        else float("inf")
    )

    fig, ax = figure(8.6, 5)
    maximum = max(150, visites_jour * 1.3, min(seuil * 1.2, 400))
    visites = [maximum * i / 100 for i in range(101)]
    marges = [
        modele.marge_mensuelle(tarif_fcfa, v, personnel_mois, autres_frais_mois, amortissement)
        for v in visites
    ]
    ax.plot(visites, marges, color=FONCE, linewidth=2, label="marge du mois")
    ax.axhline(0, color="black", linewidth=1)
    ax.fill_between(
        visites,
        marges,
        0,
        where=[m < 0 for m in marges],
        color=GRIS_CLAIR,
        hatch="//",
        edgecolor="#777777",
        label="perte",
    )
    ax.plot(
        [visites_jour],
        [compte["marge"]],
        "o",
        markersize=10,
        markerfacecolor="white",
        markeredgecolor="black",
        markeredgewidth=2,
        label="vos réglages",
        zorder=5,
    )
    if seuil <= maximum:
        ax.axvline(
            seuil,
            color="black",
            linestyle="--",
            linewidth=1.2,
            label=f"seuil : {nombre_fr(seuil, 1)} visites par jour",
        )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _p: nombre_fr(y / 1000, 0)))
    ax.set_xlabel("Visites par jour")
    ax.set_ylabel("Marge du mois (milliers de FCFA)")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    if compte["marge"] >= 0:
        constat = f"le centre gagne {_fcfa(compte['marge'])} par mois"
    else:
        constat = f"le centre perd {_fcfa(-compte['marge'])} par mois"
    ax.set_title(
        f"{lieu} : à {_fcfa(tarif_fcfa)} la visite et {nombre_fr(visites_jour)} visites par jour, {constat}\n"
        f"charges : {_fcfa(compte['charges'])} par mois"
        + (" (installation comprise)" if compter_installation else " (installation offerte)")
        + f" ; {MENTION_SYNTHETIQUE}",
        fontsize=10,
    )
    return {**compte, "visites_equilibre": seuil, "tarif_equilibre": equilibre}


def simulateur_marge(commune: str = "Lokossa", arrondissement: str | None = None) -> Simulateur:
    """Le compte du mois d'un centre installé dans ``arrondissement`` (par défaut le chef-lieu).

    Les curseurs partent des chiffres du site (``hypotheses_du_site``) ; les
    autres frais et l'installation restent ceux du site.
    """
    nom = trouver_commune(commune)
    arr = modele.arrondissements_de(nom)
    site = arrondissement or modele.chef_lieu(arr)
    depart = modele.hypotheses_du_site(arr, site)
    lieu = f"{site} (commune de {nom})"

    def dessiner(tarif_fcfa, visites_jour, personnel_mois, compter_installation):
        return dessiner_marge(
            tarif_fcfa,
            visites_jour,
            personnel_mois,
            compter_installation,
            lieu=lieu,
            autres_frais_mois=depart["autres_frais_mois"],
            amortissement_mois=depart["amortissement_mois"],
        )

    return Simulateur(
        {
            "tarif_fcfa": curseur(
                "Tarif d'une visite (FCFA)", 0, 1000, int(depart["tarif_fcfa"]), pas=25
            ),
            "visites_jour": curseur(
                "Visites par jour",
                0,
                max(200, 2 * int(depart["visites_jour"])),
                int(depart["visites_jour"]),
            ),
            "personnel_mois": curseur(
                "Personnel (FCFA par mois)", 0, 400_000, int(depart["personnel_mois"]), pas=2_000
            ),
            "compter_installation": case("Compter l'installation (amortie sur 5 ans)", False),
        },
        dessiner,
        titre=f"Le compte du mois d'un centre à {lieu}",
        explication=(
            f"Autres frais (connexion, électricité, entretien) : {_fcfa(depart['autres_frais_mois'])} par mois ; "
            f"installation : {_fcfa(depart['investissement_fcfa'])}, soit {_fcfa(depart['amortissement_mois'])} "
            f"par mois sur 5 ans. {MENTION_SYNTHETIQUE.capitalize()}."
        ),
    )
