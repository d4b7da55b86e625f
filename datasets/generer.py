"""Produit les tables de l'atelier à partir des données réelles de ``sources/``.

    python datasets/generer.py                 # réécrit les tables dans datasets/
    python datasets/generer.py --sortie DOSSIER

Les tables réelles (communes, arrondissements) sont recopiées de ``sources/``
avec des noms de colonnes en français, complétées de quelques faits sourcés et
de projections calculées. Toutes les autres valeurs sont des **données
synthétiques (fictives, pour l'exercice)** : elles sont tirées au hasard, avec
une graine fixe, dans les fourchettes plausibles que donne la documentation
du kit, et aucune n'est saisie à la main. ``datapackage.json`` dit, colonne par
colonne, ce qui est réel, calculé ou synthétique.

Deux lancements donnent des fichiers identiques octet pour octet : le
générateur n'utilise que ``Generator.random()`` (tirages uniformes, dont la
suite ne dépend que de la graine et de PCG64) et construit lui-même les lois
normales, les tirages pondérés et les entiers. Il n'utilise que numpy et pandas.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
import zlib
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

GRAINE = 20211213  # 13 décembre 2021 : premier atelier MND-ANCB à Cotonou
ANNEE = 2024  # année de référence (fictive) des indicateurs synthétiques
ICI = Path(__file__).resolve().parent
SOURCES = ICI / "sources"

# --- Faits sourcés (références : datapackage.json, champ « sources ») -------
TAUX_CROISSANCE = 0.035  # RGPH 2002-2013, par an [70]
STATUT_PARTICULIER = [
    "Cotonou",
    "Porto-Novo",
    "Parakou",
    "Abomey-Calavi",
]  # décret du 1er juin 2022 [4]
# Les 19 communes intermédiaires du même décret (2022-320) [4] ; les 54 autres sont ordinaires.
COMMUNES_INTERMEDIAIRES = [
    "Banikoara", "Kandi", "Malanville", "Natitingou", "Allada", "Ouidah", "Bembèrèkè",
    "Nikki", "Tchaourou", "Dassa-Zoumè", "Savalou", "Aplahoué", "Djougou", "Lokossa",
    "Sèmè-Podji", "Kétou", "Pobè", "Abomey", "Bohicon",
]  # fmt: skip
PILOTES_ECOMMUNE = ["Porto-Novo", "Lokossa", "Djougou"]  # e-Commune, 30 sept. 2025 [45]
# Centres communaux de services publics : les 15 ouverts en décembre 2021 et les 5 de mars 2023 [25][80].
CCSP_DECEMBRE_2021 = [
    "Adjohoun", "Allada", "Aplahoué", "Bassila", "Bembèrèkè", "Dassa-Zoumè", "Djidja", "Djougou",
    "Kandi", "Malanville", "Nikki", "Ouidah", "Péhunco", "Pobè", "Tanguiéta",
]  # fmt: skip
CCSP_MARS_2023 = ["Ouèssè", "Covè", "Adjarra", "Sèmè-Podji", "Lokossa"]  # [25][80]
NB_COMMUNES_CCSP = 20  # 15 (déc. 2021) + 5 (mars 2023) [25]
NB_COMMUNES_PNC = 43  # communes dotées d'un point numérique communautaire, nov. 2020 [24]
NB_COMMUNES_FIBRE = 50  # communes raccordées au réseau de fibre, nov. 2024 [75]
FADEC_NON_AFFECTE_2024 = 38.6e9  # prévision 2024, FCFA [14]
FADEC_TOTAL_2024 = 53.7e9  # prévision 2024, FCFA [14]
COMPTES_MOBILE_MONEY_2023 = 11.1e6  # comptes, ARCEP 2023 [55]
STARTUPS_LABELLISEES = 15  # première promotion du label start-up [53]
TAUX_NATALITE = 0.0392  # naissances enregistrées pour un habitant, 2022 [43]
TAUX_NATALITE_DONGA = 0.0488  # [43]
SMIG_FCFA_MOIS = 52_000  # depuis le 1er janvier 2023 [50]
PART_TEMPS_NON_TRAVAILLE = 0.30  # règle de la Banque asiatique de développement (BAsD) [49]
HEURES_PAR_MOIS = 173.33  # 40 h par semaine
TARIFS_FCFA = {  # tarifs officiels sourcés
    "certificat_residence": (2_000, "srtb.bj, certificat de résidence (UCIP/ANIP) [40]"),
    "cip": (2_800, "ortb.bj, carte d'identité [39]"),
    "cni": (6_000, "ortb.bj, carte d'identité [39]"),
    "casier_judiciaire": (1_900, "beninwebtv.com, e-casier judiciaire, 2021 [38]"),
}
PART_ELECTRICITE_NATIONALE = 40.0  # % [27]


# --- Tirages reproductibles ---------------------------------------------------
class Tirage:
    """Un flux de nombres aléatoires propre à une table (graine + nom de la table).

    Seul ``Generator.random()`` est appelé : les autres lois sont construites ici,
    pour que la suite ne change pas avec la version de numpy.
    """

    def __init__(self, nom: str):
        graine = np.random.SeedSequence([GRAINE, zlib.crc32(nom.encode("utf-8"))])
        self._rng = np.random.Generator(np.random.PCG64(graine))

    def uniforme(self, a=0.0, b=1.0, n=None):
        return a + (b - a) * self._rng.random(n)

    def normale(self, moyenne=0.0, ecart=1.0, n=None):
        u1 = 1.0 - self._rng.random(n)
        u2 = self._rng.random(n)
        return moyenne + ecart * np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)

    def entiers(self, a, b, n=None):
        """Entiers de a à b inclus."""
        return (np.floor(a + (np.asarray(b) - a + 1) * self._rng.random(n))).astype(np.int64)

    def bernoulli(self, p, n=None):
        p = np.asarray(p, dtype=float)
        return self._rng.random(n if n is not None else p.shape) < p

    def choix(self, valeurs, poids, n):
        cumul = np.cumsum(np.asarray(poids, dtype=float))
        indices = np.searchsorted(cumul / cumul[-1], self._rng.random(n), side="right")
        return np.asarray(valeurs)[np.minimum(indices, len(valeurs) - 1)]

    def echantillon(self, poids, k):
        """Indices de k éléments tirés sans remise, proportionnellement aux poids."""
        poids = np.asarray(poids, dtype=float)
        cles = self._rng.random(len(poids)) ** (1.0 / poids)
        return np.sort(np.argsort(-cles, kind="stable")[:k])

    def comptage(self, moyenne):
        """Nombre entier positif autour d'une moyenne (loi de Poisson approchée)."""
        moyenne = np.asarray(moyenne, dtype=float)
        return np.maximum(
            0, np.round(moyenne + np.sqrt(moyenne) * self.normale(n=moyenne.shape))
        ).astype(np.int64)


def borner(x, bas, haut):
    return np.clip(x, bas, haut)


def arrondir_a(x, pas):
    return (np.round(np.asarray(x, dtype=float) / pas) * pas).astype(np.int64)


def sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c))


def oui_non(valeurs) -> list[str]:
    return ["oui" if bool(v) else "non" for v in valeurs]


def quantiles_1_a_5(x) -> np.ndarray:
    """Score de 1 à 5 selon le rang (1 = les plus faibles)."""
    rang = pd.Series(x).rank(method="first").to_numpy()
    return (1 + np.floor(5 * (rang - 1) / len(rang))).astype(np.int64)


# --- Géométrie : points tirés dans le polygone d'une commune ------------------
def lire_contours() -> dict[str, list[np.ndarray]]:
    geo = json.loads((SOURCES / "benin_communes.geojson").read_text(encoding="utf-8"))
    return {
        f["properties"]["commune"]: [
            np.asarray(anneau, dtype=float) for anneau in f["geometry"]["coordinates"]
        ]
        for f in geo["features"]
    }


def dans_polygone(x, y, anneaux) -> np.ndarray:
    """Règle pair-impair sur tous les anneaux (les trous comptent)."""
    x, y = np.atleast_1d(x), np.atleast_1d(y)
    dedans = np.zeros(x.shape, dtype=bool)
    for anneau in anneaux:
        x1, y1 = anneau[:-1, 0], anneau[:-1, 1]
        x2, y2 = anneau[1:, 0], anneau[1:, 1]
        for xa, ya, xb, yb in zip(x1, y1, x2, y2, strict=True):
            traverse = (ya > y) != (yb > y)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_inter = xa + (y - ya) * (xb - xa) / (yb - ya)
            dedans ^= traverse & (x < x_inter)
    return dedans


def points_dans(anneaux, n, tirage: Tirage) -> tuple[np.ndarray, np.ndarray]:
    """n points uniformes dans le polygone (rejet dans le rectangle englobant)."""
    exterieur = anneaux[0]
    xmin, ymin = exterieur.min(axis=0)
    xmax, ymax = exterieur.max(axis=0)
    xs, ys = [], []
    while sum(len(a) for a in xs) < n:
        x = tirage.uniforme(xmin, xmax, 4 * n + 16)
        y = tirage.uniforme(ymin, ymax, 4 * n + 16)
        garde = dans_polygone(x, y, anneaux)
        xs.append(x[garde])
        ys.append(y[garde])
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def distance_au_bord(lon, lat, anneaux, lon0, lat0) -> np.ndarray:
    """Distance (km) de chaque point au contour le plus proche de la commune."""
    px, py = km_est_nord(lon, lat, lon0, lat0)
    plus_proche = np.full(np.shape(px), np.inf)
    for anneau in anneaux:
        ax_, ay_ = km_est_nord(anneau[:-1, 0], anneau[:-1, 1], lon0, lat0)
        bx, by = km_est_nord(anneau[1:, 0], anneau[1:, 1], lon0, lat0)
        dx, dy = bx - ax_, by - ay_
        longueur2 = np.maximum(dx**2 + dy**2, 1e-12)
        t = np.clip(((px[:, None] - ax_) * dx + (py[:, None] - ay_) * dy) / longueur2, 0, 1)
        d = np.hypot(px[:, None] - (ax_ + t * dx), py[:, None] - (ay_ + t * dy))
        plus_proche = np.minimum(plus_proche, d.min(axis=1))
    return plus_proche


def km_est_nord(lon, lat, lon0, lat0):
    """Coordonnées locales en km (est, nord) autour de (lon0, lat0)."""
    x = (np.asarray(lon) - lon0) * 111.32 * np.cos(np.radians(lat0))
    y = (np.asarray(lat) - lat0) * 110.57
    return x, y


# --- Tables -------------------------------------------------------------------
def table_communes(ref: pd.DataFrame) -> pd.DataFrame:
    t = Tirage("communes")
    n = len(ref)
    densite = ref["population_2013"] / ref["area_km2"]
    log_d = np.log(densite.to_numpy())
    q = (log_d - log_d.min()) / (log_d.max() - log_d.min())
    particulier = ref["commune"].isin(STATUT_PARTICULIER).to_numpy()
    urbaine = borner(6 + 78 * q**1.4 + t.normale(0, 5, n), 5, 100)
    # Les quatre communes à statut particulier sont de grandes villes : au moins 70 % d'urbains.
    urbaine = np.where(particulier, np.maximum(urbaine, t.uniforme(70, 85, n)), urbaine)
    urbaine[densite.to_numpy() == densite.max()] = (
        100.0  # la commune la plus dense est toute urbaine
    )
    part_adultes = borner(0.46 + 0.08 * urbaine / 100 + t.normale(0, 0.01, n), 0.44, 0.58)
    population_2024 = np.round(
        ref["population_2013"] * (1 + TAUX_CROISSANCE) ** (ANNEE - 2013)
    ).astype(np.int64)
    return pd.DataFrame(
        {
            "commune": ref["commune"],
            "departement": ref["department"],
            "code_commune": ref["code_commune"],
            "code_departement": ref["department_iso"],
            "nom_ascii": ref["name_ascii"],
            "categorie": np.select(
                [particulier, ref["commune"].isin(COMMUNES_INTERMEDIAIRES).to_numpy()],
                ["statut particulier", "intermédiaire"],
                "ordinaire",
            ),
            "population_2013": ref["population_2013"],
            "population_2013_hommes": ref["population_2013_men"],
            "population_2013_femmes": ref["population_2013_women"],
            "menages_2013": ref["households_2013"],
            "nb_arrondissements": ref["arrondissements_rgph4"],
            "superficie_km2": ref["area_km2"],
            "densite_2013": np.round(densite, 1),
            "latitude": ref["latitude"],
            "longitude": ref["longitude"],
            "population_2024": population_2024,
            "population_adulte_2024": np.round(population_2024 * part_adultes).astype(np.int64),
            "part_population_urbaine": np.round(urbaine, 1),
            "pilote_ecommune": oui_non(ref["commune"].isin(PILOTES_ECOMMUNE)),
            "ccsp_mars_2023": oui_non(ref["commune"].isin(CCSP_MARS_2023)),
            "noms_alternatifs": ref["name_alt"].fillna(""),
        }
    )


def indice_numerique(communes: pd.DataFrame) -> np.ndarray:
    """Indice latent (0 à 1) de « maturité numérique » qui relie les tables entre elles."""
    t = Tirage("indice_numerique")
    urbaine = communes["part_population_urbaine"].to_numpy() / 100
    sud = (communes["latitude"].to_numpy() < 7.5).astype(float)
    return borner(
        0.12 + 0.62 * urbaine + 0.08 * sud + t.normale(0, 0.07, len(communes)), 0.02, 0.98
    )


def table_connectivite(communes: pd.DataFrame, num: np.ndarray) -> pd.DataFrame:
    t = Tirage("connectivite")
    n = len(communes)
    urbaine = communes["part_population_urbaine"].to_numpy() / 100
    couverture = borner(40 + 60 * urbaine**0.5 + t.normale(0, 7, n), 25, 100)
    usage = borner(15 + 58 * num + t.normale(0, 4, n), 15, 75)
    electricite = borner(4 + 88 * urbaine**1.2 + t.normale(0, 6, n), 3, 97)
    # Calage : moyenne nationale pondérée par la population ≈ 40 % des ménages [27].
    poids = communes["population_2024"].to_numpy()
    for _ in range(20):
        moyenne = np.average(electricite, weights=poids)
        electricite = borner(electricite * PART_ELECTRICITE_NATIONALE / moyenne, 3, 97)
    sans_smartphone = borner(100 - (12 + 0.85 * usage + t.normale(0, 4, n)), 10, 90)
    score = num + t.normale(0, 0.05, n) + 0.01
    fibre = np.zeros(n, dtype=bool)
    fibre[t.echantillon(np.maximum(score, 0.01) ** 2, NB_COMMUNES_FIBRE)] = True
    pnc = np.zeros(n, dtype=bool)
    pnc[t.echantillon(np.maximum(score, 0.01) + 0.3 * fibre, NB_COMMUNES_PNC)] = True
    ccsp = communes["commune"].isin(CCSP_DECEMBRE_2021 + CCSP_MARS_2023).to_numpy()
    return pd.DataFrame(
        {
            "commune": communes["commune"],
            "departement": communes["departement"],
            "part_couverture_4g": np.round(couverture, 1),
            "taux_usage_internet": np.round(usage, 1),
            "part_menages_electricite": np.round(electricite, 1),
            "part_sans_smartphone": np.round(sans_smartphone, 1),
            "fibre_backbone": oui_non(fibre),
            "a_pnc": oui_non(pnc),
            "a_ccsp": oui_non(ccsp),
        }
    )


def table_budget(communes: pd.DataFrame, num: np.ndarray) -> pd.DataFrame:
    t = Tirage("budget")
    n = len(communes)
    pop = communes["population_2024"].to_numpy(dtype=float)
    urbaine = communes["part_population_urbaine"].to_numpy() / 100
    # FADeC non affecté : part fixe, part « structure » (arrondissements, superficie)
    # et part « péréquation » (population), comme dans la clé de répartition [12].
    cle = (
        0.25 / n
        + 0.15 * communes["nb_arrondissements"] / communes["nb_arrondissements"].sum()
        + 0.15 * communes["superficie_km2"] / communes["superficie_km2"].sum()
        + 0.45 * pop / pop.sum()
    ).to_numpy() * np.exp(t.normale(0, 0.05, n))
    fadec_na = FADEC_NON_AFFECTE_2024 * cle / cle.sum()
    cle_affecte = pop * np.exp(t.normale(0, 0.25, n))
    fadec_a = (FADEC_TOTAL_2024 - FADEC_NON_AFFECTE_2024) * cle_affecte / cle_affecte.sum()
    # Recettes propres : de ≈ 1 200 FCFA par habitant (rural) à ≈ 6 000 (grande ville).
    propres = pop * (1_200 + 4_800 * urbaine**2) * np.exp(t.normale(0, 0.2, n))
    autres_transferts = fadec_na * t.uniforme(0.05, 0.3, n)  # partenaires, emprunts
    # Investissement : le FADeC (non affecté et affecté), les autres transferts et une
    # partie des recettes propres ; le FADeC non affecté en finance l'essentiel [13].
    pai = fadec_na + fadec_a + autres_transferts + propres * t.uniforme(0.15, 0.35, n)
    # Fonctionnement : le reste des recettes propres et une dotation de l'État.
    fonctionnement = propres * t.uniforme(0.65, 0.85, n) + fadec_na * t.uniforme(0.6, 1.2, n)
    budget = pai + fonctionnement
    part_numerique = borner(0.004 + 0.04 * num**1.5 + t.normale(0, 0.006, n), 0.0, 0.05)
    return pd.DataFrame(
        {
            "commune": communes["commune"],
            "departement": communes["departement"],
            "annee": ANNEE,
            "budget_total_fcfa": arrondir_a(budget, 1_000_000),
            "recettes_propres_fcfa": arrondir_a(propres, 1_000_000),
            "fadec_non_affecte_fcfa": arrondir_a(fadec_na, 1_000),
            "fadec_affecte_fcfa": arrondir_a(fadec_a, 1_000),
            "pai_total_fcfa": arrondir_a(pai, 1_000_000),
            "pai_numerique_fcfa": arrondir_a(pai * part_numerique, 100_000),
        }
    )


GRILLE_LOSI = [
    # (code, critère, intitulé) : adaptation simplifiée des 5 critères de LOSI 2022 [16]
    (
        "losi_inst_1",
        "Cadre institutionnel",
        "La mairie a un site web officiel à jour (mis à jour dans les 3 derniers mois).",
    ),
    (
        "losi_inst_2",
        "Cadre institutionnel",
        "Le site publie les noms et les contacts des élus et des services.",
    ),
    ("losi_inst_3", "Cadre institutionnel", "Un agent est chargé du numérique et du site web."),
    (
        "losi_inst_4",
        "Cadre institutionnel",
        "Le site publie une politique de protection des données personnelles.",
    ),
    ("losi_contenu_1", "Contenu", "Le budget et le compte administratif sont publiés en ligne."),
    (
        "losi_contenu_2",
        "Contenu",
        "Le PDC et le plan annuel d'investissement sont publiés en ligne.",
    ),
    (
        "losi_contenu_3",
        "Contenu",
        "Les pièces à fournir, les délais et les tarifs des actes sont décrits en ligne.",
    ),
    ("losi_contenu_4", "Contenu", "Les délibérations du conseil communal sont publiées en ligne."),
    (
        "losi_services_1",
        "Services en ligne",
        "Une demande d'acte d'état civil peut être déposée en ligne.",
    ),
    ("losi_services_2", "Services en ligne", "L'usager peut suivre en ligne l'état de sa demande."),
    (
        "losi_services_3",
        "Services en ligne",
        "Les frais peuvent être payés en ligne ou par monnaie électronique.",
    ),
    ("losi_services_4", "Services en ligne", "Un rendez-vous au guichet peut être pris en ligne."),
    (
        "losi_participation_1",
        "Participation",
        "Un formulaire de contact ou de plainte est disponible en ligne.",
    ),
    (
        "losi_participation_2",
        "Participation",
        "La mairie a mené au moins une consultation en ligne dans l'année.",
    ),
    (
        "losi_participation_3",
        "Participation",
        "La mairie anime une page sur un réseau social (au moins une publication par semaine).",
    ),
    (
        "losi_participation_4",
        "Participation",
        "Des données communales sont téléchargeables (données ouvertes).",
    ),
    ("losi_tech_1", "Technologie", "Le site s'affiche correctement sur un téléphone."),
    ("losi_tech_2", "Technologie", "Le site utilise une connexion sécurisée (HTTPS)."),
    ("losi_tech_3", "Technologie", "Le site propose un moteur de recherche interne."),
    ("losi_tech_4", "Technologie", "Une partie du contenu existe dans une langue nationale."),
]
# Difficulté relative de chaque critère : la fourniture de services est la moins
# remplie d'après l'enquête LOSI 2022 [17].
FACILITE_CRITERE = {
    "inst": 1.2,
    "contenu": 0.9,
    "services": 0.55,
    "participation": 0.85,
    "tech": 1.1,
}


def table_grille_losi() -> pd.DataFrame:
    return pd.DataFrame(GRILLE_LOSI, columns=["code", "critere", "intitule"])


def table_maturite_losi(communes: pd.DataFrame, num: np.ndarray) -> pd.DataFrame:
    t = Tirage("maturite_losi")
    particulier = (communes["categorie"] == "statut particulier").to_numpy()
    # Probabilité de remplir un indicateur : de 0,1 (commune rurale) à 0,7 (statut particulier).
    p_commune = np.where(particulier, 0.7, 0.1 + 0.5 * num)
    table = {"commune": communes["commune"], "departement": communes["departement"]}
    for code, _critere, _intitule in GRILLE_LOSI:
        facilite = FACILITE_CRITERE[code.split("_")[1]]
        table[code] = t.bernoulli(borner(p_commune * facilite, 0.02, 0.95)).astype(np.int64)
    return pd.DataFrame(table)


class Service(NamedTuple):
    code: str
    libelle: str
    autorite: str
    guichet_communal: bool  # demandé au guichet de la mairie (et présent dans demandes_mensuelles)
    par_habitant: float | None  # demandes par habitant et par an (None : selon la natalité)
    mois_pointe: int
    amplitude: float  # variation saisonnière (0,3 = ±30 %)
    delai_jours: float  # délai de base
    etapes: tuple[int, int]  # (min, max)
    deplacements: tuple[int, int]  # (min, max)
    briques: str  # briques GovStack utiles [73]


SERVICES = [
    Service(
        "declaration_naissance",
        "Déclaration de naissance et acte de naissance",
        "mairie (état civil)",
        True,
        None,
        9,
        0.10,
        2.0,
        (3, 5),
        (1, 3),
        "enregistrement;registres numériques;identification;messagerie",
    ),
    Service(
        "copie_acte_naissance",
        "Copie intégrale ou extrait d'acte de naissance",
        "mairie (état civil)",
        True,
        0.040,
        8,
        0.35,
        1.5,
        (2, 4),
        (1, 3),
        "registres numériques;paiement;identification",
    ),
    Service(
        "acte_mariage",
        "Célébration du mariage et acte de mariage",
        "mairie (état civil)",
        True,
        0.0035,
        12,
        0.30,
        4.0,
        (5, 8),
        (2, 4),
        "enregistrement;prise de rendez-vous;registres numériques",
    ),
    Service(
        "acte_deces",
        "Déclaration de décès et acte de décès",
        "mairie (état civil)",
        True,
        0.0009,
        1,
        0.10,
        2.5,
        (3, 5),
        (1, 3),
        "enregistrement;registres numériques;identification",
    ),
    Service(
        "certificat_residence",
        "Certificat de résidence",
        "ANIP (unité UCIP à la mairie)",
        True,
        0.012,
        9,
        0.25,
        1.0,
        (2, 4),
        (1, 2),
        "identification;paiement;registres numériques",
    ),
    Service(
        "legalisation",
        "Légalisation de signature et certification de copies",
        "mairie",
        True,
        0.030,
        9,
        0.30,
        0.8,
        (2, 3),
        (1, 2),
        "identification;paiement",
    ),
    Service(
        "permis_construire",
        "Permis de construire",
        "mairie (urbanisme)",
        True,
        0.0006,
        2,
        0.30,
        40.0,
        (6, 10),
        (3, 6),
        "enregistrement;flux de travail;paiement;messagerie",
    ),
    Service(
        "autorisation_inhumation",
        "Autorisation d'inhumation",
        "mairie",
        True,
        0.0006,
        1,
        0.10,
        0.7,
        (2, 3),
        (1, 2),
        "enregistrement;flux de travail;paiement",
    ),
    Service(
        "autorisation_manifestation",
        "Autorisation de manifestation publique",
        "mairie",
        True,
        0.0008,
        12,
        0.40,
        5.0,
        (3, 5),
        (1, 3),
        "enregistrement;flux de travail;paiement;messagerie",
    ),
    Service(
        "cip",
        "Certificat d'identification personnelle (CIP)",
        "ANIP (guichets et CCSP)",
        False,
        0.020,
        9,
        0.20,
        3.0,
        (2, 4),
        (1, 2),
        "identification;paiement;messagerie",
    ),
    Service(
        "cni",
        "Carte nationale d'identité biométrique",
        "ANIP",
        False,
        0.012,
        9,
        0.20,
        20.0,
        (3, 5),
        (2, 3),
        "identification;paiement;prise de rendez-vous;messagerie",
    ),
    Service(
        "casier_judiciaire",
        "Extrait de casier judiciaire (e-casier)",
        "ministère de la Justice",
        False,
        0.008,
        9,
        0.30,
        1.5,
        (1, 2),
        (0, 1),
        "identification;paiement;flux de travail;messagerie",
    ),
]
ETAT_CIVIL = ["declaration_naissance", "copie_acte_naissance", "acte_mariage", "acte_deces"]


def taux_natalite(communes: pd.DataFrame, t: Tirage) -> np.ndarray:
    base = np.where(communes["departement"] == "Donga", TAUX_NATALITE_DONGA, TAUX_NATALITE)
    return borner(base * (1 + t.normale(0, 0.06, len(communes))), 0.03, 0.052)


def table_demandes_mensuelles(communes: pd.DataFrame, num: np.ndarray) -> pd.DataFrame:
    t = Tirage("demandes_mensuelles")
    n = len(communes)
    pop = communes["population_2024"].to_numpy(dtype=float)
    urbaine = communes["part_population_urbaine"].to_numpy() / 100
    natalite = taux_natalite(communes, t)
    efficacite = np.exp(t.normale(0, 0.45, n) - 0.4 * num)  # < 1 : commune plus rapide
    part_en_ligne_fin = borner(0.02 + 0.18 * num**2 + t.normale(0, 0.02, n), 0.0, 0.25)
    mois = np.arange(1, 13)
    lignes = []
    for service in SERVICES:
        if not service.guichet_communal:
            continue
        code, delai_base = service.code, service.delai_jours
        if service.par_habitant is None:
            taux = natalite
        else:
            taux = service.par_habitant * np.exp(t.normale(0, 0.15, n))
        if code == "permis_construire":
            taux = taux * (0.4 + 1.6 * urbaine)
        saison = 1 + service.amplitude * np.cos(2 * np.pi * (mois - service.mois_pointe) / 12)
        saison = saison / saison.mean()
        for i in range(n):
            lam = pop[i] * taux[i] / 12 * saison
            demandes = t.comptage(lam)
            charge = demandes / max(demandes.mean(), 1)
            progression = part_en_ligne_fin[i] * mois / 12
            en_ligne = np.minimum(
                demandes, np.round(demandes * progression * t.uniforme(0.8, 1.2, 12))
            )
            delai = borner(
                delai_base * efficacite[i] * charge**0.5 * np.exp(t.normale(0, 0.1, 12)), 0.2, 120
            )
            # Délais exponentiels de moyenne « delai » : part traitée en 3 jours.
            pct_72h = 100 * (1 - np.exp(-3 / delai))
            rejets = t.comptage(
                demandes
                * borner(0.02 + 0.04 * efficacite[i] + t.normale(0, 0.005, 12), 0.005, 0.15)
            )
            for m in range(12):
                lignes.append(
                    (
                        communes["commune"].iat[i],
                        code,
                        f"{ANNEE}-{m + 1:02d}-01",
                        demandes[m],
                        int(en_ligne[m]),
                        round(float(delai[m]), 1),
                        round(float(pct_72h[m]), 1),
                        int(min(rejets[m], demandes[m])),
                    )
                )
    return pd.DataFrame(
        lignes,
        columns=[
            "commune",
            "code_service",
            "mois",
            "demandes",
            "demandes_en_ligne",
            "delai_moyen_jours",
            "pct_72h",
            "rejets",
        ],
    )


def table_etat_civil(
    communes: pd.DataFrame, num: np.ndarray, mensuel: pd.DataFrame
) -> pd.DataFrame:
    t = Tirage("etat_civil")
    n = len(communes)
    ec = mensuel[mensuel["code_service"].isin(ETAT_CIVIL)]
    par_commune = (
        ec.assign(
            delai_pondere=ec["delai_moyen_jours"] * ec["demandes"],
            dans_72h=ec["pct_72h"] * ec["demandes"],
        )
        .groupby("commune", sort=False)[
            ["demandes", "demandes_en_ligne", "rejets", "delai_pondere", "dans_72h"]
        ]
        .sum()
    )
    par_commune = par_commune.reindex(communes["commune"])
    demandes = par_commune["demandes"].to_numpy()
    delai = par_commune["delai_pondere"].to_numpy() / demandes
    pct_72h = par_commune["dans_72h"].to_numpy() / demandes
    satisfaction = borner(96 - 2.2 * delai - 10 * (1 - num) + t.normale(0, 4, n), 60, 95)
    heures = 8
    demandes_jour = demandes / 250  # jours ouvrés dans l'année
    temps = borner(np.round(t.uniforme(8, 22, n) - 4 * num), 5, 30)
    charge = demandes_jour / heures * temps / 60  # en « guichets occupés »
    guichets = borner(np.ceil(charge / t.uniforme(0.6, 0.9, n)), 1, 12).astype(np.int64)
    # Une file stable demande un taux d'occupation < 1 : on réduit le temps si besoin.
    temps = np.where(
        charge / guichets > 0.95, np.floor(0.95 * guichets * heures * 60 / demandes_jour), temps
    )
    naissances = (
        mensuel[mensuel["code_service"] == "declaration_naissance"]
        .groupby("commune")["demandes"]
        .sum()
        .reindex(communes["commune"])
        .to_numpy(dtype=np.int64)
    )
    superficie = communes["superficie_km2"].to_numpy()
    distance = borner(1.3 * (2 / 3) * np.sqrt(superficie / np.pi) * t.uniforme(0.5, 0.9, n), 2, 40)
    return pd.DataFrame(
        {
            "commune": communes["commune"],
            "departement": communes["departement"],
            "annee": ANNEE,
            "naissances_an": naissances,
            "demandes_actes_an": demandes.astype(np.int64),
            "part_actes_demandes_en_ligne": np.round(
                100 * par_commune["demandes_en_ligne"].to_numpy() / demandes, 1
            ),
            "delai_moyen_jours": np.round(delai, 1),
            "pct_72h": np.round(pct_72h, 1),
            "taux_rejet": np.round(100 * par_commune["rejets"].to_numpy() / demandes, 1),
            "satisfaction_pct": np.round(satisfaction, 1),
            "demandes_jour": np.round(demandes_jour, 1),
            "heures_ouverture": heures,
            "temps_traitement_min": temps.astype(np.int64),
            "nb_guichets": guichets,
            "dist_moy_mairie_km": np.round(distance, 1),
            "cout_transport_fcfa_km": arrondir_a(t.uniforme(60, 150, n) - 30 * num, 5),
            "duree_deplacement_h": np.round(
                borner(1 + distance / 12 + t.uniforme(0, 1.5, n), 1, 8), 1
            ),
            "cout_plateforme_fcfa": arrondir_a(
                t.uniforme(8e6, 18e6, n) + 0.02 * demandes * 1_000, 100_000
            ),
        }
    )


def table_services(mensuel: pd.DataFrame, communes: pd.DataFrame) -> pd.DataFrame:
    t = Tirage("services")
    volumes = mensuel.groupby("code_service")["demandes"].sum()
    population = communes["population_2024"].sum()
    lignes = []
    for s in SERVICES:
        if s.guichet_communal:
            volume = volumes[s.code]
        else:
            volume = int(round(population * s.par_habitant * t.uniforme(0.85, 1.15)))
        tarif, source = TARIFS_FCFA.get(s.code, (None, ""))
        lignes.append(
            (
                s.code,
                s.libelle,
                s.autorite,
                "oui" if s.guichet_communal else "non",
                tarif,
                source,
                int(t.entiers(*s.etapes)),
                int(t.entiers(*s.deplacements)),
                round(float(s.delai_jours * t.uniforme(0.8, 1.2)), 1),
                int(volume),
                s.briques,
            )
        )
    df = pd.DataFrame(
        lignes,
        columns=[
            "code_service",
            "service",
            "autorite",
            "guichet_communal",
            "tarif_fcfa",
            "source_tarif",
            "nb_etapes",
            "nb_deplacements",
            "delai_habituel_jours",
            "volume_an",
            "briques_govstack",
        ],
    )
    df["tarif_fcfa"] = df["tarif_fcfa"].astype("Int64")
    # Impact : volume × déplacements (temps gagné par les usagers) ; effort : étapes et briques à construire.
    df["impact_score"] = quantiles_1_a_5(np.log(df["volume_an"]) + np.log1p(df["nb_deplacements"]))
    nb_briques = df["briques_govstack"].str.count(";") + 1
    df["effort_score"] = quantiles_1_a_5(
        df["nb_etapes"] + 1.5 * nb_briques + t.uniforme(0, 1, len(df))
    )
    return df


def table_arrondissements(communes: pd.DataFrame, connectivite: pd.DataFrame) -> pd.DataFrame:
    t = Tirage("arrondissements")
    ref = pd.read_csv(SOURCES / "arrondissements_reference.csv", dtype={"arrondissement": str})
    contours = lire_contours()
    infos = communes.set_index("commune")
    connect = connectivite.set_index("commune")
    morceaux = []
    for commune, groupe in ref.groupby("commune", sort=False):
        g = groupe.copy()
        g["chef_lieu"] = False
        g.loc[chef_lieu(commune, g), "chef_lieu"] = True
        anneaux = contours[commune]
        lon0, lat0 = infos.at[commune, "longitude"], infos.at[commune, "latitude"]
        # Chef-lieu au centre de la commune, autres arrondissements répartis dans le polygone :
        # pour chacun, le meilleur de 12 candidats, loin des points déjà placés et du bord.
        places = [(lon0, lat0)]
        for _ in range(len(g) - 1):
            cx, cy = points_dans(anneaux, 12, t)
            dx, dy = km_est_nord(
                cx[:, None], cy[:, None], np.array(places)[:, 0], np.array(places)[:, 1]
            )
            ecart = np.minimum(
                np.min(np.hypot(dx, dy), axis=1),
                2.5 * distance_au_bord(cx, cy, anneaux, lon0, lat0),
            )
            meilleur = np.argmax(ecart)
            places.append((cx[meilleur], cy[meilleur]))
        ordre = np.argsort(~g["chef_lieu"].to_numpy(), kind="stable")
        lon = np.empty(len(g))
        lat = np.empty(len(g))
        lon[ordre], lat[ordre] = np.array(places)[:, 0], np.array(places)[:, 1]
        x, y = km_est_nord(lon, lat, lon0, lat0)
        g["longitude"], g["latitude"] = np.round(lon, 5), np.round(lat, 5)
        g["x_km"], g["y_km"] = np.round(x, 2), np.round(y, 2)
        g["dist_centre_km"] = np.round(np.hypot(x, y), 2)
        e = connect.at[commune, "part_menages_electricite"] / 100
        p = np.where(
            g["chef_lieu"], 0.97, borner(0.1 + 1.5 * e - 0.012 * np.hypot(x, y), 0.03, 0.95)
        )
        g["electrifie"] = t.bernoulli(p)
        g["a_pnc"] = g["chef_lieu"] & (connect.at[commune, "a_pnc"] == "oui")
        g["a_ccsp"] = g["chef_lieu"] & (connect.at[commune, "a_ccsp"] == "oui")
        g["usage_internet"] = connect.at[commune, "taux_usage_internet"] / 100
        morceaux.append(g)
    a = pd.concat(morceaux, ignore_index=True)
    n = len(a)
    population_2024 = np.round(
        a["population_2013"] * (1 + TAUX_CROISSANCE) ** (ANNEE - 2013)
    ).astype(np.int64)
    usagers = borner(
        np.round(population_2024 * t.uniforme(0.0008, 0.0016, n) * (0.6 + a["usage_internet"])),
        5,
        400,
    )
    return pd.DataFrame(
        {
            "commune": a["commune"],
            "departement": a["department"],
            "arrondissement": a["arrondissement"],
            "arrondissement_source": a["arrondissement_source"],
            "population_2013": a["population_2013"],
            "population_2013_hommes": a["population_2013_men"],
            "population_2013_femmes": a["population_2013_women"],
            "menages_2013": a["households_2013"],
            "population_2024": population_2024,
            "chef_lieu": oui_non(a["chef_lieu"]),
            "longitude": a["longitude"],
            "latitude": a["latitude"],
            "x_km": a["x_km"],
            "y_km": a["y_km"],
            "dist_centre_km": a["dist_centre_km"],
            "electrifie": oui_non(a["electrifie"]),
            "a_pnc": oui_non(a["a_pnc"]),
            "a_ccsp": oui_non(a["a_ccsp"]),
            "usagers_jour": usagers.astype(np.int64),
            "tarif_fcfa": arrondir_a(
                t.uniforme(150, 450, n) + 150 * (a["usage_internet"] > 0.5), 50
            ),
            "capex_fcfa": arrondir_a(
                t.uniforme(18e6, 28e6, n) + 80_000 * a["dist_centre_km"], 100_000
            ),
            "opex_annuel_fcfa": arrondir_a(t.uniforme(3.5e6, 7e6, n), 100_000),
            "cout_solaire_fcfa": arrondir_a(
                t.uniforme(4e6, 8e6, n) + 30_000 * a["dist_centre_km"], 100_000
            ),
        }
    )


def chef_lieu(commune: str, groupe: pd.DataFrame):
    """Arrondissement siège de la mairie, deviné : même nom que la commune, sinon le plus peuplé.

    Heuristique non vérifiée (aucune source ne donne le chef-lieu par arrondissement).
    """
    cle = sans_accents(commune).upper()
    noms = groupe["arrondissement"].map(lambda s: sans_accents(s).upper())
    meme_nom = groupe[noms == cle]
    if len(meme_nom):
        return meme_nom.index[0]
    prefixe = groupe[noms.str.startswith(cle.split("-")[0][:5])]
    candidats = prefixe if len(prefixe) else groupe
    return candidats["population_2013"].idxmax()


SECTEURS = [
    # secteur, poids dans les communes rurales, poids dans les villes
    ("Cybercafés, impression et saisie", 4.0, 3.0),
    ("Vente et réparation de téléphones et d'ordinateurs", 5.0, 4.0),
    ("Commerce en ligne et livraison", 0.5, 2.5),
    ("Développement web et logiciels", 0.2, 2.0),
    ("Agriculture et numérique (agritech)", 0.8, 0.6),
    ("Formation au numérique", 0.6, 1.2),
    ("Médias, communication et création de contenus", 0.6, 1.5),
    ("Paiements et services financiers numériques (fintech)", 0.3, 1.0),
]


def table_economie_numerique(
    communes: pd.DataFrame, num: np.ndarray
) -> tuple[pd.DataFrame, pd.DataFrame]:
    t = Tirage("economie_numerique")
    n = len(communes)
    pop = communes["population_2024"].to_numpy(dtype=float)
    adultes = communes["population_adulte_2024"].to_numpy(dtype=float)
    urbaine = communes["part_population_urbaine"].to_numpy() / 100
    lignes = []
    totaux = np.zeros(n, dtype=np.int64)
    for i in range(n):
        moyenne = pop[i] / 10_000 * (0.8 + 6 * num[i] ** 2)
        poids = np.array([r + (v - r) * urbaine[i] for _, r, v in SECTEURS])
        nombres = t.comptage(moyenne * poids / poids.sum())
        totaux[i] = nombres.sum()
        for (secteur, _, _), nombre in zip(SECTEURS, nombres, strict=True):
            lignes.append(
                (communes["commune"].iat[i], communes["departement"].iat[i], secteur, int(nombre))
            )
    secteurs = pd.DataFrame(lignes, columns=["commune", "departement", "secteur", "nb_entreprises"])
    startups = np.zeros(n, dtype=np.int64)
    for indice in t.choix(np.arange(n), np.maximum(num, 0.01) ** 4 * pop, STARTUPS_LABELLISEES):
        startups[indice] += 1
    cle_mm = adultes * (0.5 + num) * np.exp(t.normale(0, 0.1, n))
    comptes = COMPTES_MOBILE_MONEY_2023 * cle_mm / cle_mm.sum()
    points = borner(np.round(comptes / t.uniforme(250, 450, n)), 10, None)
    relais = borner(np.round(pop / 10_000 * t.uniforme(0.3, 2.0, n)), 0, 50)
    prix = arrondir_a(t.uniforme(200, 700, n) + 300 * urbaine, 50)
    economie = pd.DataFrame(
        {
            "commune": communes["commune"],
            "departement": communes["departement"],
            "annee": ANNEE,
            "nb_entreprises_num": totaux,
            "nb_startups_labellisees": startups,
            "nb_points_mobile_money": points.astype(np.int64),
            "comptes_mobile_money": arrondir_a(comptes, 100),
            "comptes_mm_par_adulte": np.round(comptes / adultes, 2),
            "nb_relais": relais.astype(np.int64),
            "loyer_fcfa": arrondir_a(t.uniforme(10_000, 30_000, n) + 40_000 * urbaine**2, 1_000),
            "salaire_fcfa": arrondir_a(
                SMIG_FCFA_MOIS + t.uniforme(0, 25_000, n) + 20_000 * urbaine, 1_000
            ),
            "prix_prestation_fcfa": prix,
            "cout_variable_fcfa": arrondir_a(prix * t.uniforme(0.15, 0.4, n), 25),
        }
    )
    return economie, secteurs


DOMAINES = ["niv_info", "niv_comm", "niv_contenu", "niv_securite", "niv_resolution"]
TRANCHES_AGE = [
    (15, 24, "15-24"),
    (25, 34, "25-34"),
    (35, 49, "35-49"),
    (50, 64, "50-64"),
    (65, 80, "65+"),
]
REPONDANTS_PAR_COMMUNE = 40


def table_enquete_competences(communes: pd.DataFrame, connectivite: pd.DataFrame) -> pd.DataFrame:
    t = Tirage("enquete_competences")
    k = REPONDANTS_PAR_COMMUNE
    n = len(communes) * k
    indice = np.repeat(np.arange(len(communes)), k)
    urbaine = communes["part_population_urbaine"].to_numpy()[indice] / 100
    usage = connectivite["taux_usage_internet"].to_numpy()[indice] / 100
    femme = t.bernoulli(0.51, n)
    age = t.choix(np.arange(15, 81), np.exp(-np.arange(66) / 22), n)
    urbain = t.bernoulli(urbaine)
    p_smartphone = borner(
        0.15 + 0.9 * usage + 0.12 * urbain - 0.08 * femme - 0.006 * np.maximum(age - 30, 0),
        0.03,
        0.95,
    )
    smartphone = t.bernoulli(p_smartphone)
    internet = smartphone & t.bernoulli(0.85, n) | (~smartphone & t.bernoulli(0.08, n))
    # Aptitude latente : niveaux surtout entre 0 et 3 en milieu rural [S], échelle DigComp 0-8 [60].
    aptitude = (
        0.3
        + 1.6 * smartphone
        + 0.8 * internet
        + 0.9 * urbain
        - 0.35 * femme
        - 0.025 * np.maximum(age - 25, 0)
        + t.normale(0, 0.8, n)
    )
    table = {
        "id_repondant": [f"R{i + 1:04d}" for i in range(n)],
        "commune": communes["commune"].to_numpy()[indice],
        "departement": communes["departement"].to_numpy()[indice],
        "milieu": np.where(urbain, "urbain", "rural"),
        "sexe": np.where(femme, "femme", "homme"),
        "age": age.astype(np.int64),
        "tranche_age": pd.cut(
            age,
            [b for b, _, _ in TRANCHES_AGE] + [81],
            right=False,
            labels=[e for _, _, e in TRANCHES_AGE],
        ).astype(str),
        "smartphone": oui_non(smartphone),
        "utilise_internet": oui_non(internet),
    }
    decalage = {
        "niv_info": 0.3,
        "niv_comm": 0.5,
        "niv_contenu": -0.4,
        "niv_securite": -0.3,
        "niv_resolution": -0.2,
    }
    for domaine in DOMAINES:
        niveau = np.round(aptitude + decalage[domaine] + t.normale(0, 0.6, n))
        table[domaine] = borner(niveau, 0, 8).astype(np.int64)
    return pd.DataFrame(table)


def part_competences_base(enquete: pd.DataFrame, communes: pd.DataFrame) -> np.ndarray:
    """Part des répondants au moins au niveau 1 (fondamental) dans les 5 domaines."""
    base = (enquete[DOMAINES] >= 1).all(axis=1)
    return np.round(
        100 * base.groupby(enquete["commune"]).mean().reindex(communes["commune"]).to_numpy(), 1
    )


GROUPES_FORMATION = [
    # groupe, effectif, gain moyen (points sur 20)
    ("Élus communaux", 36, 4.0),
    ("Agents de l'état civil", 32, 5.0),
    ("Jeunes relais digitaux", 40, 6.0),
    ("Groupements de femmes", 34, 5.5),
]


def table_evaluation_formation(communes: pd.DataFrame) -> pd.DataFrame:
    t = Tirage("evaluation_formation")
    lignes = []
    numero = 0
    for groupe, effectif, gain in GROUPES_FORMATION:
        communes_groupe = t.choix(
            communes["commune"].to_numpy(), communes["population_2024"].to_numpy(), effectif
        )
        pre = borner(t.normale(8, 3, effectif), 0, 20)
        post = borner(pre + t.normale(gain, 2.5, effectif), 0, 20)
        femme = t.bernoulli(0.95 if groupe == "Groupements de femmes" else 0.4, effectif)
        for i in range(effectif):
            numero += 1
            lignes.append(
                (
                    f"P{numero:03d}",
                    groupe,
                    "femme" if femme[i] else "homme",
                    communes_groupe[i],
                    float(np.round(pre[i] * 2) / 2),
                    float(np.round(post[i] * 2) / 2),
                )
            )
    return pd.DataFrame(
        lignes, columns=["id_participant", "groupe", "sexe", "commune", "score_pre", "score_post"]
    )


CANAUX = [
    # action, portée (min, max) pour une campagne dans une commune moyenne, coût (min, max) FCFA, effort (1-5)
    ("Émissions sur la radio communautaire", (15_000, 60_000), (150_000, 500_000), 2),
    ("Crieur public dans les villages", (2_000, 8_000), (30_000, 120_000), 2),
    ("Stand les jours de marché", (1_500, 6_000), (80_000, 250_000), 3),
    ("Séances dans les écoles et collèges", (1_000, 5_000), (50_000, 200_000), 3),
    ("Démonstrations au centre de services publics (CCSP)", (500, 2_500), (40_000, 150_000), 2),
    ("Messages sur WhatsApp et Facebook", (5_000, 30_000), (20_000, 100_000), 1),
    ("SMS de masse", (10_000, 40_000), (200_000, 600_000), 1),
    ("Affiches et banderoles", (3_000, 15_000), (100_000, 300_000), 1),
    ("Caravane motorisée", (5_000, 20_000), (500_000, 1_500_000), 4),
    (
        "Réunions avec les chefs de village et les leaders religieux",
        (2_000, 10_000),
        (60_000, 200_000),
        4,
    ),
]


def table_canaux_sensibilisation() -> pd.DataFrame:
    t = Tirage("canaux_sensibilisation")
    lignes = []
    for action, (pmin, pmax), (cmin, cmax), effort in CANAUX:
        lignes.append(
            (
                action,
                int(arrondir_a(t.uniforme(pmin, pmax), 100)),
                int(arrondir_a(t.uniforme(cmin, cmax), 5_000)),
                int(borner(effort + t.entiers(-1, 1), 1, 5)),
            )
        )
    df = pd.DataFrame(lignes, columns=["action", "portee_estimee", "cout_fcfa", "effort_score"])
    df["impact_score"] = quantiles_1_a_5(df["portee_estimee"])
    return df


PARAMETRES = [
    # nom, valeur, unité, description, nature, source
    (
        "population_benin_2013",
        10_008_749,
        "habitants",
        "Population du Bénin au recensement de 2013 (RGPH4)",
        "réel",
        "INSAE, RGPH4 2013 [70]",
    ),
    (
        "taux_croissance_population",
        3.5,
        "% par an",
        "Croissance annuelle de la population entre 2002 et 2013",
        "réel",
        "INSAE, RGPH4 [70]",
    ),
    (
        "smig_fcfa_mois",
        SMIG_FCFA_MOIS,
        "FCFA/mois",
        "Salaire minimum (SMIG) depuis le 1er janvier 2023",
        "réel",
        "agenceafrique.com [50]",
    ),
    (
        "valeur_temps_fcfa_h",
        round(PART_TEMPS_NON_TRAVAILLE * SMIG_FCFA_MOIS / HEURES_PAR_MOIS),
        "FCFA/heure",
        "Valeur d'une heure de temps non travaillé : 30 % du SMIG horaire (173,33 h par mois : 40 h par semaine, hypothèse de l'atelier)",
        "calculé",
        "SMIG [50] et règle de la Banque asiatique de développement (BAsD) [49]",
    ),
    (
        "naissances_enregistrees_2022",
        483_179,
        "naissances",
        "Naissances enregistrées au Bénin en 2022",
        "réel",
        "lanation.bj [43]",
    ),
    (
        "taux_natalite_2022",
        39.2,
        "pour 1 000 habitants",
        "Naissances enregistrées pour 1 000 habitants en 2022",
        "réel",
        "lanation.bj [43]",
    ),
    (
        "taux_natalite_donga_2022",
        48.8,
        "pour 1 000 habitants",
        "Même taux dans le département de la Donga",
        "réel",
        "lanation.bj [43]",
    ),
    (
        "part_72h_e_casier",
        90.0,
        "%",
        "Part des casiers judiciaires en ligne délivrés en 72 heures (référence)",
        "réel",
        "beninwebtv.com [38]",
    ),
    (
        "satisfaction_ccsp_lokossa",
        91.0,
        "%",
        "Satisfaction des usagers du CCSP de Lokossa à son ouverture",
        "réel",
        "PNUD [80]",
    ),
    (
        "part_electricite_nationale",
        PART_ELECTRICITE_NATIONALE,
        "%",
        "Accès à l'électricité, ensemble du pays (2023)",
        "réel",
        "lematinal.bj [27]",
    ),
    (
        "part_electricite_rurale",
        12.0,
        "%",
        "Accès à l'électricité en milieu rural (2023)",
        "réel",
        "lematinal.bj [27]",
    ),
    (
        "couverture_4g_rurale",
        63.0,
        "%",
        "Population rurale couverte par la 4G",
        "réel",
        "GSMA via ecofinagency.com [28]",
    ),
    (
        "fadec_non_affecte_2024_fcfa",
        FADEC_NON_AFFECTE_2024,
        "FCFA",
        "FADeC non affecté prévu pour 2024, toutes communes",
        "réel",
        "leconomistebenin.com [14]",
    ),
    (
        "fadec_total_2024_fcfa",
        FADEC_TOTAL_2024,
        "FCFA",
        "FADeC total prévu pour 2024 (affecté et non affecté)",
        "réel",
        "leconomistebenin.com [14]",
    ),
    (
        "part_fadec_investissement",
        72.0,
        "%",
        "Part de l'investissement communal financée par le FADeC non affecté",
        "réel",
        "DDC (coopération suisse) [13]",
    ),
    (
        "comptes_mobile_money_2023",
        COMPTES_MOBILE_MONEY_2023,
        "comptes",
        "Comptes de monnaie électronique en 2023",
        "réel",
        "ARCEP via tafeur.com [55]",
    ),
    (
        "startups_labellisees",
        STARTUPS_LABELLISEES,
        "start-up",
        "Start-up labellisées (première promotion)",
        "réel",
        "bankassurafrik.com [53]",
    ),
    (
        "citoyens_formes_par_relais_mois",
        60,
        "personnes/mois",
        "Citoyens que chaque ambassadeur numérique s'engage à former chaque mois (Rwanda)",
        "réel",
        "minict.gov.rw [58]",
    ),
    (
        "communes_avec_pnc",
        NB_COMMUNES_PNC,
        "communes",
        "Communes dotées d'un point numérique communautaire (nov. 2020)",
        "réel",
        "cio-mag.com [24]",
    ),
    (
        "communes_avec_ccsp",
        NB_COMMUNES_CCSP,
        "communes",
        "Centres communaux de services publics ouverts (mars 2023)",
        "réel",
        "24haubenin.info [25]",
    ),
    (
        "communes_fibre",
        NB_COMMUNES_FIBRE,
        "communes",
        "Communes raccordées à la fibre optique (nov. 2024)",
        "réel",
        "lematinal.bj [75]",
    ),
]


def table_parametres() -> pd.DataFrame:
    df = pd.DataFrame(
        PARAMETRES, columns=["nom", "valeur", "unite", "description", "nature", "source"]
    )
    # Les valeurs entières s'écrivent sans « .0 ».
    df["valeur"] = pd.Series(
        [int(v) if float(v).is_integer() else v for v in df["valeur"]], dtype=object
    )
    return df


# --- Assemblage ---------------------------------------------------------------
def generer() -> dict[str, pd.DataFrame]:
    ref = pd.read_csv(
        SOURCES / "communes_reference.csv", dtype={"code_commune": str, "name_alt": str}
    )
    communes = table_communes(ref)
    num = indice_numerique(communes)
    connectivite = table_connectivite(communes, num)
    mensuel = table_demandes_mensuelles(communes, num)
    economie, secteurs = table_economie_numerique(communes, num)
    enquete = table_enquete_competences(communes, connectivite)
    connectivite["part_competences_base"] = part_competences_base(enquete, communes)
    return {
        "communes": communes,
        "arrondissements": table_arrondissements(communes, connectivite),
        "connectivite": connectivite,
        "budget": table_budget(communes, num),
        "maturite_losi": table_maturite_losi(communes, num),
        "grille_losi": table_grille_losi(),
        "etat_civil": table_etat_civil(communes, num, mensuel),
        "services": table_services(mensuel, communes),
        "demandes_mensuelles": mensuel,
        "economie_numerique": economie,
        "entreprises_secteurs": secteurs,
        "enquete_competences": enquete,
        "evaluation_formation": table_evaluation_formation(communes),
        "canaux_sensibilisation": table_canaux_sensibilisation(),
        "parametres": table_parametres(),
    }


def ecrire(tables: dict[str, pd.DataFrame], dossier: Path) -> list[Path]:
    dossier.mkdir(parents=True, exist_ok=True)
    chemins = []
    for nom, table in tables.items():
        chemin = dossier / f"{nom}.csv"
        table.to_csv(chemin, index=False, lineterminator="\n", encoding="utf-8")
        chemins.append(chemin)
    return chemins


def main(arguments: list[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(
        description="Produit les tables de l'atelier (données réelles et synthétiques)."
    )
    parseur.add_argument(
        "--sortie", type=Path, default=ICI, help="dossier où écrire les tables (défaut : datasets/)"
    )
    options = parseur.parse_args(arguments)
    for chemin in ecrire(generer(), options.sortie):
        print(f"écrit : {chemin.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
