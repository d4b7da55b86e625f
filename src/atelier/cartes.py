"""Cartes des communes du Bénin, dessinées hors ligne avec matplotlib.

Dans un carnet :

    from atelier.cartes import carte_choroplethe, carte_commune
    carte_choroplethe("connectivite", "part_couverture_4g", surligner="Kandi")
    carte_commune("Kandi", sites=["Kandi I"], rayon_km=10)

Les contours viennent du fichier ``datasets/sources/benin_communes.geojson``
(IGN Bénin 2022, via beninr, licence GPL-3.0-or-later) : pas de fond de carte
en ligne, pas de réseau. Les couleurs (``cividis`` par défaut) se lisent par
les daltoniens et restent ordonnées une fois imprimées en noir et blanc. La
figure est renvoyée : elle s'affiche si l'appel est la dernière ligne de la
cellule, et ``figure.savefig("carte.png")`` l'enregistre.
"""

from __future__ import annotations

import json
import textwrap
from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import Normalize
from matplotlib.patches import Ellipse, Patch, PathPatch
from matplotlib.path import Path as Chemin
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox

from atelier import chemins
from atelier.donnees import (
    MENTION_SYNTHETIQUE,
    ErreurDonnees,
    champ,
    charger,
    colonnes_decrites,
    suggestion,
    tables_disponibles,
    trouver_commune,
)
from atelier.socle import nombre_fr

__all__ = [
    "carte_choroplethe",
    "carte_commune",
    "legende_carte_commune",
    "noms_des_arrondissements",
    "surligner",
]

GRIS_BORD = "#4d4d4d"
GRIS_VIDE = "#d9d9d9"
STYLE_SURLIGNE = {"linewidth": 2.6, "edgecolor": "black", "hatch": "///"}
SOURCE_CONTOURS = "Contours : IGN Bénin 2022, via beninr (GPL-3.0-or-later)"
_LAT_MOYENNE = 9.3  # pour garder les proportions (degrés de longitude plus courts)


# --- Géométrie ----------------------------------------------------------------
@cache
def _contours(dossier: Path) -> dict[str, dict]:
    chemin = dossier / "sources" / "benin_communes.geojson"
    if not chemin.exists():
        raise ErreurDonnees(
            f"Fichier des contours introuvable : « {chemin} ».", fichier=str(chemin)
        )
    geo = json.loads(chemin.read_text(encoding="utf-8"))
    contours = {}
    for f in geo["features"]:
        anneaux = [np.asarray(a, dtype=float) for a in f["geometry"]["coordinates"]]
        sommets = np.concatenate(anneaux)
        codes = np.concatenate(
            [[Chemin.MOVETO] + [Chemin.LINETO] * (len(a) - 2) + [Chemin.CLOSEPOLY] for a in anneaux]
        )
        contours[f["properties"]["commune"]] = {
            "departement": f["properties"]["department"],
            "anneaux": anneaux,
            "chemin": Chemin(sommets, codes),
            "emprise": Bbox([sommets.min(axis=0), sommets.max(axis=0)]),
        }
    return contours


def _geometrie() -> dict[str, dict]:
    return _contours(chemins.DONNEES)


@cache
def _emprise(dossier: Path) -> np.ndarray:
    """Les coins (min, max) du rectangle qui contient toutes les communes."""
    sommets = np.concatenate([g["chemin"].vertices for g in _contours(dossier).values()])
    return np.array([sommets.min(axis=0), sommets.max(axis=0)])


@cache
def _limites_departements(dossier: Path) -> np.ndarray:
    """Segments des contours qui séparent deux départements (ou bordent le pays).

    Les contours des communes, simplifiés un à un, ne se touchent pas
    exactement : pour chaque côté d'un polygone, on regarde ce qu'il y a juste
    de l'autre côté. Si c'est une commune du même département, le côté est
    intérieur ; sinon c'est une limite de département.
    """
    contours = _contours(dossier)
    noms = list(contours)
    segments, proprietaires = [], []
    for i, nom in enumerate(noms):
        ext = contours[nom]["anneaux"][0]
        segments.append(np.stack([ext[:-1], ext[1:]], axis=1))
        proprietaires.append(np.full(len(ext) - 1, i))
    segments = np.concatenate(segments)
    proprietaires = np.concatenate(proprietaires)
    n = len(segments)
    debut, fin = segments[:, 0], segments[:, 1]
    d = fin - debut
    longueur = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-12)
    # Anneau extérieur dans le sens trigonométrique (RFC 7946) : l'extérieur est à droite.
    normale = np.column_stack([d[:, 1], -d[:, 0]]) / longueur[:, None]
    milieu = (debut + fin) / 2
    sondes = np.concatenate([milieu + pas * normale for pas in (0.004, 0.012)])  # ≈ 0,4 et 1,3 km
    depts = np.array([contours[nm]["departement"] for nm in noms])
    interieur = np.zeros(n, dtype=bool)
    for j, nom in enumerate(noms):
        dedans = contours[nom]["chemin"].contains_points(sondes).reshape(2, n).any(axis=0)
        interieur |= dedans & (proprietaires != j) & (depts[proprietaires] == depts[j])
    return segments[~interieur]


def _aspect(ax) -> None:
    ax.set_aspect(1 / np.cos(np.radians(_LAT_MOYENNE)))
    ax.set_axis_off()


# --- Légendes et textes -------------------------------------------------------
def _echelle(valeurs: np.ndarray, unite: str) -> tuple[float, str]:
    """Les grands montants en millions ou milliards pour une légende lisible."""
    if unite.startswith("FCFA"):
        reste = unite[4:]
        plus_grand = np.nanmax(np.abs(valeurs)) if np.isfinite(valeurs).any() else 0
        if plus_grand >= 1e10:
            return 1e9, f"milliards de FCFA{reste}"
        if plus_grand >= 1e7:
            return 1e6, f"millions de FCFA{reste}"
    return 1.0, unite


def _couper(texte: str, largeur: int = 28) -> str:
    """Coupe un titre de légende trop long en lignes d'environ ``largeur`` caractères."""
    return "\n".join(textwrap.wrap(texte, largeur)) or texte


def _decimales(bornes: np.ndarray) -> int:
    bornes = np.asarray(bornes, dtype=float)
    if np.allclose(bornes, np.round(bornes)):
        return 0
    etendue = np.nanmax(bornes) - np.nanmin(bornes)
    return 1 if etendue >= 1 else 2


def _table_probable(colonne: str, colonnes: list[str]) -> str | None:
    """La table de l'atelier d'où vient vraisemblablement un tableau (pour trouver titre et unité)."""
    candidates = [
        nom
        for nom in tables_disponibles()["table"]
        if {colonne, "commune"} <= set(colonnes_decrites(nom))
    ]
    if not candidates:
        return None
    communes = set(colonnes)
    return max(candidates, key=lambda nom: len(communes & set(colonnes_decrites(nom))))


def _libelle_colonne(colonne: str, table: str | None) -> tuple[str, str, str | None]:
    """(titre, unité, nature) d'une colonne d'après le dictionnaire des données."""
    c = champ(colonne, table) if table else None
    if c is None:
        return colonne, "", None
    return c.get("title", colonne), c.get("atelier:unite", ""), c.get("atelier:nature")


def _source(nature: str | None, colonne: str, table: str | None) -> str:
    if nature == "synthétique":
        debut = f"{MENTION_SYNTHETIQUE.capitalize()}, « {colonne} »"
    elif nature in ("réel", "calculé") and champ(colonne, table) is not None:
        reference = champ(colonne, table).get("atelier:source", "")
        debut = "Source : " + reference.split(" ; ")[0]
    elif nature in ("réel", "calculé"):
        debut = f"Calculé dans le carnet à partir des données de l'atelier (« {colonne} »)"
    else:
        debut = f"Données fournies (« {colonne} »)"
    return f"{debut}. {SOURCE_CONTOURS}."


# --- Préparer les valeurs -----------------------------------------------------
def _valeurs_par_commune(table, colonne: str) -> tuple[pd.Series, str | None]:
    nom_table = table if isinstance(table, str) else None
    donnees = charger(table) if isinstance(table, str) else table
    if not isinstance(donnees, pd.DataFrame):
        raise ErreurDonnees(
            'Donnez un tableau (DataFrame) ou le nom d\'une table, par exemple "connectivite".'
        )
    if "commune" not in donnees.columns:
        raise ErreurDonnees(
            "Le tableau doit avoir une colonne « commune » pour être mis sur la carte."
        )
    if colonne not in donnees.columns:
        raise ErreurDonnees(
            f"Colonne inconnue : « {colonne} ».{suggestion(colonne, donnees.columns)} "
            f"Colonnes du tableau : {', '.join(map(str, donnees.columns))}."
        )
    noms = donnees["commune"].map(trouver_commune)
    if noms.duplicated().any():
        double = noms[noms.duplicated()].iloc[0]
        raise ErreurDonnees(
            f"Le tableau a plusieurs lignes pour « {double} » : une carte a besoin d'une seule valeur par commune. "
            "Filtrez le tableau ou regroupez-le (groupby) avant de le cartographier."
        )
    if nom_table is None:
        nom_table = _table_probable(colonne, list(donnees.columns))
    return pd.Series(donnees[colonne].to_numpy(), index=noms.to_numpy()), nom_table


# --- Couleurs et légende ------------------------------------------------------
def _couleurs_categories(serie: pd.Series, colonne: str, cmap):
    """Une teinte par valeur (oui/non, catégorie) ; renvoie (couleur par commune, poignées de légende)."""
    textes = serie.map(lambda v: ("oui" if v else "non") if isinstance(v, (bool, np.bool_)) else v)
    modalites = sorted(textes.dropna().unique(), key=lambda v: (v != "non", str(v)))
    if len(modalites) > 8:
        raise ErreurDonnees(
            f"La colonne « {colonne} » a {len(modalites)} valeurs différentes : "
            "trop pour une carte lisible."
        )
    positions = np.linspace(0.05, 0.95, max(len(modalites), 2))
    teintes = {m: cmap(x) for m, x in zip(modalites, positions, strict=False)}
    couleur = {nom: teintes[v] for nom, v in textes.dropna().items()}
    poignees = [Patch(facecolor=teintes[m], edgecolor=GRIS_BORD, label=str(m)) for m in modalites]
    return couleur, poignees


def _bornes(valeurs: np.ndarray, classes, facteur: float) -> np.ndarray:
    if isinstance(classes, int):
        bornes = np.unique(np.quantile(valeurs, np.linspace(0, 1, classes + 1)))
    else:
        bornes = np.asarray(sorted(classes), dtype=float) / facteur
    return bornes if len(bornes) >= 2 else np.array([valeurs.min(), valeurs.min() + 1])


def _couleurs_classes(nombres: pd.Series, bornes: np.ndarray, cmap):
    """Classes [b0, b1[, [b1, b2[ … [bk-1, bk] ; les valeurs hors bornes vont dans la classe extrême."""
    k = len(bornes) - 1
    teintes = [cmap(x) for x in np.linspace(0, 1, k)] if k > 1 else [cmap(0.5)]
    presents = nombres.dropna()
    indices = np.clip(np.searchsorted(bornes, presents.to_numpy(), side="right") - 1, 0, k - 1)
    couleur = {nom: teintes[i] for nom, i in zip(presents.index, indices, strict=True)}
    dec = _decimales(bornes)
    poignees = [
        Patch(
            facecolor=teintes[i],
            edgecolor=GRIS_BORD,
            label=f"de {nombre_fr(bornes[i], dec)} à {nombre_fr(bornes[i + 1], dec)}",
        )
        for i in range(k)
    ]
    return couleur, poignees


def _barre_continue(fig, ax, norme, cmap, titre: str) -> None:
    barre = fig.colorbar(plt.cm.ScalarMappable(norm=norme, cmap=cmap), ax=ax, shrink=0.55, pad=0.02)
    barre.set_label(titre)
    dec = _decimales(np.linspace(norme.vmin, norme.vmax, 5))
    barre.formatter = FuncFormatter(lambda x, _pos: nombre_fr(x, dec))
    barre.update_ticks()


def _dessiner_communes(ax, couleur: dict) -> None:
    """Un polygone par commune (gid = nom) ; gris hachuré sans valeur ; limites des départements."""
    for nom, g in _geometrie().items():
        style = (
            {"facecolor": couleur[nom]}
            if nom in couleur
            else {"facecolor": GRIS_VIDE, "hatch": ".."}
        )
        patch = PathPatch(g["chemin"], edgecolor=GRIS_BORD, linewidth=0.35, zorder=1, **style)
        patch.set_gid(nom)
        ax.add_artist(patch)  # comme add_patch, sans recalculer les limites 77 fois
    ax.update_datalim(_emprise(chemins.DONNEES))
    limites = LineCollection(
        _limites_departements(chemins.DONNEES), colors="black", linewidths=1.3, zorder=3
    )
    limites.set_gid("limites_departements")
    ax.add_collection(limites)
    ax.autoscale_view()
    _aspect(ax)


# --- Les cartes -----------------------------------------------------------------
def carte_choroplethe(
    table,
    colonne: str,
    *,
    titre: str | None = None,
    classes: int | list | None = 5,
    palette: str = "cividis",
    surligner: str | None = None,
    etiquettes: list[str] | None = None,
    unite: str | None = None,
    libelle: str | None = None,
    nature: str | None = None,
    ax=None,
    taille: tuple[float, float] = (8.6, 8.0),
):
    """Carte des 77 communes colorées selon ``colonne``.

    - ``table`` : nom d'une table (« connectivite ») ou tableau avec une colonne ``commune``.
    - ``classes`` : nombre de classes de même effectif (5 par défaut), liste de
      bornes (``[0, 25, 50, 75, 100]``), ou ``None`` pour un dégradé continu.
    - ``surligner`` : une commune à faire ressortir (bord épais, hachures, nom).
    - ``etiquettes`` : communes dont on écrit le nom.
    - ``libelle``, ``unite``, ``nature`` : pour une colonne calculée dans le carnet
      (absente du dictionnaire des données), son nom en clair pour la légende, son
      unité et sa nature (« synthétique », « réel » ou « calculé ») ; une colonne
      « synthétique » porte la mention « données synthétiques » sous le titre.

    Les communes sans valeur sont grises et hachurées. Renvoie la figure.
    """
    valeurs, nom_table = _valeurs_par_commune(table, colonne)
    titre_col, unite_dico, nature_dico = _libelle_colonne(colonne, nom_table)
    titre_col = libelle or titre_col
    unite = unite_dico if unite is None else unite
    nature = nature or nature_dico
    serie = valeurs.reindex(list(_geometrie()))
    cmap = plt.get_cmap(palette)

    proprietaire = ax is None
    if proprietaire:
        fig, ax = plt.subplots(figsize=taille, layout="constrained")
    else:
        fig = ax.figure

    presents = serie.dropna()
    oui_non = len(presents) > 0 and presents.map(type).isin([bool, np.bool_]).all()
    norme_continue = None
    if oui_non or not pd.api.types.is_numeric_dtype(presents.infer_objects()):
        couleur, poignees = _couleurs_categories(serie, colonne, cmap)
        legende_titre = titre_col
    else:
        nombres = pd.to_numeric(serie, errors="coerce").astype(float)
        facteur, unite_aff = _echelle(nombres.to_numpy(), unite or "")
        nombres = nombres / facteur
        if nombres.notna().sum() == 0:
            raise ErreurDonnees(f"La colonne « {colonne} » n'a aucune valeur à cartographier.")
        legende_titre = f"{titre_col} ({unite_aff})" if unite_aff else titre_col
        if classes is None:
            norme_continue = Normalize(nombres.min(), nombres.max())
            couleur = {nom: cmap(norme_continue(v)) for nom, v in nombres.dropna().items()}
            poignees = []
        else:
            bornes = _bornes(nombres.dropna().to_numpy(), classes, facteur)
            couleur, poignees = _couleurs_classes(nombres, bornes, cmap)

    _dessiner_communes(ax, couleur)
    if len(couleur) < len(serie):
        poignees.append(
            Patch(facecolor=GRIS_VIDE, edgecolor=GRIS_BORD, hatch="..", label="pas de donnée")
        )
    if norme_continue is not None:
        _barre_continue(fig, ax, norme_continue, cmap, legende_titre)
        if poignees:
            ax.legend(handles=poignees, loc="upper left", bbox_to_anchor=(1.0, 0.2), frameon=False)
    else:
        ax.legend(
            handles=poignees,
            title=_couper(legende_titre),
            loc="center left",
            bbox_to_anchor=(1.0, 0.4),
            frameon=False,
            fontsize=9,
            title_fontsize=9,
            alignment="left",
        )

    for nom in etiquettes or []:
        _ecrire_nom(ax, trouver_commune(nom))
    if surligner:
        _surligner(ax, surligner)
    sous_titre = f"\n{MENTION_SYNTHETIQUE}" if nature == "synthétique" else ""
    ax.set_title((titre or titre_col) + sous_titre, fontsize=11)
    source = _source(nature, colonne, nom_table)
    fig.text(0.01, 0.01, source, fontsize=6.5, color="#333333", ha="left", va="bottom", wrap=True)
    if proprietaire:
        plt.close(fig)  # la figure renvoyée s'affiche une seule fois dans le carnet
    return fig


def _ecrire_nom(ax, commune: str, **style) -> None:
    x, y = _centre(commune)
    ax.annotate(
        commune,
        (x, y),
        ha="center",
        va="center",
        fontsize=style.pop("fontsize", 7),
        zorder=6,
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        **style,
    )


def _centre(commune: str) -> tuple[float, float]:
    return _centres(chemins.DONNEES)[commune]


@cache
def _centres(dossier: Path) -> dict[str, tuple[float, float]]:
    communes = charger("communes")
    return {
        nom: (float(x), float(y))
        for nom, x, y in zip(
            communes["commune"], communes["longitude"], communes["latitude"], strict=True
        )
    }


def surligner(ax, commune: str, etiquette: bool = True):
    """Fait ressortir une commune sur une carte déjà dessinée : bord noir épais, hachures, nom écrit."""
    return _surligner(ax, commune, etiquette)


def _surligner(ax, commune: str, etiquette: bool = True):
    nom = trouver_commune(commune)
    cibles = [p for p in ax.patches if p.get_gid() == nom]
    if not cibles:
        raise ErreurDonnees(f"La commune « {nom} » n'est pas sur cette carte.")
    for patch in cibles:
        patch.set(**STYLE_SURLIGNE, zorder=4)
    if etiquette:
        x, y = _centre(nom)
        ax.annotate(
            nom,
            (x, y),
            xytext=(18, 18),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
            zorder=7,
            arrowprops={"arrowstyle": "-", "color": "black", "linewidth": 1},
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "black"},
        )
    return ax


def carte_commune(
    commune: str,
    *,
    arrondissements: pd.DataFrame | None = None,
    sites: list[str] | None = None,
    rayon_km: float | None = None,
    ax=None,
    taille: tuple[float, float] = (8.6, 7.0),
    noms: bool = True,
    legende: bool = True,
):
    """Petite carte d'une commune et de ses arrondissements (positions fictives, module 2).

    - Taille des points : population 2024 ; point plein = électrifié, point
      creux = non électrifié ; carré = chef-lieu ; étoile = PNC ou CCSP existant.
    - ``sites`` : arrondissements choisis pour un centre, entourés d'un cercle
      de ``rayon_km`` kilomètres (zone desservie) si on le donne.
    - ``arrondissements`` : le tableau à utiliser (par défaut la table de
      l'atelier ; utile pour montrer un tableau modifié).
    - ``noms=False`` : sans le nom des arrondissements (``noms_des_arrondissements`` les écrit).
    - ``legende=False`` : sans légende (``legende_carte_commune`` l'écrit).
    """
    nom = trouver_commune(commune)
    geometrie = _geometrie()
    table = charger("arrondissements") if arrondissements is None else arrondissements
    arr = table[table["commune"] == nom]
    if arr.empty:
        raise ErreurDonnees(f"Aucun arrondissement de « {nom} » dans le tableau donné.")
    choisis = []  # vérifiés avant de créer la figure : une erreur ne laisse pas de carte à moitié dessinée
    for site in sites or []:
        lignes = arr[arr["arrondissement"].str.lower() == str(site).lower()]
        if lignes.empty:
            raise ErreurDonnees(
                f"Arrondissement inconnu à {nom} : « {site} ».{suggestion(site, arr['arrondissement'])}"
            )
        choisis.append(lignes.iloc[0])
    proprietaire = ax is None
    if proprietaire:
        fig, ax = plt.subplots(figsize=taille, layout="constrained")
    else:
        fig = ax.figure

    g = geometrie[nom]
    xmin, ymin = g["anneaux"][0].min(axis=0)
    xmax, ymax = g["anneaux"][0].max(axis=0)
    marge = 0.08 * max(xmax - xmin, ymax - ymin)
    vue = Bbox.from_extents(
        xmin - 1.1 * marge, ymin - 1.1 * marge, xmax + 1.1 * marge, ymax + 1.1 * marge
    )
    voisines = PathCollection(  # les autres communes, en gris clair, pour situer la commune
        [
            ga["chemin"]
            for autre, ga in geometrie.items()
            if autre != nom and ga["emprise"].overlaps(vue)
        ],
        facecolors="#f2f2f2",
        edgecolors="#9a9a9a",
        linewidths=0.5,
        zorder=0,
    )
    voisines.set_gid("voisines")
    ax.add_collection(voisines, autolim=False)  # les limites sont celles de la commune (plus bas)
    contour = PathPatch(
        g["chemin"], facecolor="#fff7d6", edgecolor="black", linewidth=1.6, zorder=1
    )
    contour.set_gid(nom)
    ax.add_patch(contour)

    population = arr["population_2024"] if "population_2024" in arr else arr["population_2013"]
    tailles = 30 + 400 * np.sqrt(population / population.max())
    electrifie = arr["electrifie"].astype(bool).to_numpy()
    chef = arr["chef_lieu"].astype(bool).to_numpy()
    for masque, forme in ((~chef, "o"), (chef, "s")):
        for elec, face in ((True, "#3b3b3b"), (False, "white")):
            m = masque & (electrifie == elec)
            if m.any():
                points = ax.scatter(
                    arr["longitude"][m],
                    arr["latitude"][m],
                    s=tailles[m],
                    marker=forme,
                    facecolor=face,
                    edgecolor="black",
                    linewidth=1.1,
                    zorder=3,
                )
                points.set_gid("arrondissements")
    existant = (arr["a_pnc"].astype(bool) | arr["a_ccsp"].astype(bool)).to_numpy()
    if existant.any():
        etoiles = ax.scatter(
            arr["longitude"][existant],
            arr["latitude"][existant],
            s=160,
            marker="*",
            facecolor="white",
            edgecolor="black",
            linewidth=1,
            zorder=5,
        )
        etoiles.set_gid("pnc_ccsp")
    if noms:
        noms_des_arrondissements(ax, arr)

    if choisis:
        choix = ax.scatter(
            [ligne["longitude"] for ligne in choisis],
            [ligne["latitude"] for ligne in choisis],
            s=420,
            marker="o",
            facecolor="none",
            edgecolor="black",
            linewidth=2.2,
            zorder=4,
        )
        choix.set_gid("site_choisi")
    for ligne in choisis if rayon_km else []:
        lat = ligne["latitude"]
        cercle = Ellipse(
            (ligne["longitude"], lat),
            width=2 * rayon_km / (111.32 * np.cos(np.radians(lat))),
            height=2 * rayon_km / 110.57,
            facecolor="none",
            edgecolor="black",
            linestyle="--",
            linewidth=1.4,
            zorder=2,
        )
        cercle.set_gid("zone_desservie")
        ax.add_patch(cercle)

    ax.set_xlim(xmin - marge, xmax + marge)
    ax.set_ylim(ymin - marge, ymax + marge)
    ax.set_aspect(1 / np.cos(np.radians((ymin + ymax) / 2)))
    ax.set_axis_off()
    if legende:
        legende_carte_commune(ax, bool(choisis), rayon_km or None)
    ax.set_title(
        f"{nom} : ses {len(arr)} arrondissements\npositions et équipements : {MENTION_SYNTHETIQUE}",
        fontsize=11,
    )
    fig.text(
        0.01,
        0.01,
        "Population : INSAE, RGPH4 2013, projetée en 2024. " + SOURCE_CONTOURS + ".",
        fontsize=6.5,
        color="#333333",
        gid="source",
    )
    if proprietaire:
        plt.close(fig)
    return fig


def legende_carte_commune(ax, sites: bool, rayon_km: float | None):
    """La légende de ``carte_commune`` à droite de la carte ``ax`` : les symboles, et ceux des sites
    choisis si ``sites`` ; leur zone « à moins de ``rayon_km`` km » si on le donne (0 : « à moins de
    la distance choisie », pour une légende qui ne change pas avec la distance)."""
    legende = [
        plt.Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="#3b3b3b",
            markeredgecolor="black",
            label="électrifié",
        ),
        plt.Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor="black",
            label="non électrifié",
        ),
        plt.Line2D(
            [],
            [],
            marker="s",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor="black",
            label="chef-lieu",
        ),
        plt.Line2D(
            [],
            [],
            marker="*",
            linestyle="",
            markersize=11,
            markerfacecolor="white",
            markeredgecolor="black",
            label="PNC ou CCSP existant",
        ),
    ]
    if sites:
        legende.append(
            plt.Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=13,
                markerfacecolor="none",
                markeredgecolor="black",
                markeredgewidth=2,
                label="site choisi",
            )
        )
    if sites and rayon_km is not None:
        legende.append(
            plt.Line2D(
                [],
                [],
                linestyle="--",
                color="black",
                label=f"à moins de {nombre_fr(rayon_km, _decimales([rayon_km]))} km"
                if rayon_km
                else "à moins de la distance choisie",
            )
        )
    return ax.legend(
        handles=legende,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        frameon=False,
        title="Taille : population 2024",
        title_fontsize=8,
    )


def noms_des_arrondissements(ax, arr: pd.DataFrame) -> None:
    """Le nom de chaque arrondissement de ``arr``, en haut à droite de son point (``carte_commune``)."""
    for _, ligne in arr.iterrows():
        ax.annotate(
            ligne["arrondissement"],
            (ligne["longitude"], ligne["latitude"]),
            xytext=(6, 6),
            textcoords="offset points",
            fontsize=7.5,
            zorder=6,
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.75,
            },
        )
