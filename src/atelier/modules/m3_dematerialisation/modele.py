"""Module 3 — Dématérialisation des services communaux : les calculs.

Des fonctions pures (des nombres en entrée, des nombres ou de petits tableaux
en sortie), appelées par la leçon, les simulateurs et l'exercice noté :

- ce que coûte une démarche à l'usager (déplacements, temps perdu) ;
- la valeur actuelle nette (VAN) de la mise en ligne d'un service ;
- la file d'attente au guichet (modèle M/M/c, formule d'Erlang C, loi de Little) ;
- les indicateurs de qualité de service (délai, part en 72 heures, rejets) ;
- la matrice impact / effort pour choisir les services à mettre en ligne d'abord.

Unités : montants en francs CFA, parts et taux en pourcentage (0 à 100),
temps de traitement et attentes en minutes, arrivées en usagers par heure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from atelier.donnees import charger, parametre, trouver_commune
from atelier.socle import ErreurAtelier, nombre_fr

__all__ = [
    "FileSaturee",
    "actualiser",
    "annee_de_retour",
    "arrivees_par_heure",
    "attente_moyenne_min",
    "calcul_van",
    "cout_visite",
    "file_attente",
    "file_moyenne",
    "gain_annuel",
    "guichets_necessaires",
    "hypotheses_commune",
    "ligne_etat_civil",
    "priorites",
    "probabilite_attente",
    "quadrant",
    "sensibilite_taux",
    "tableau_de_bord",
    "tableau_van",
    "taux_occupation",
    "van",
    "van_commune",
]

ANNEES = 5  # horizon du calcul de VAN
TAUX_ACTUALISATION = 10  # % par an : suggestion de l'atelier, à faire varier de 6 à 12 %
PART_FONCTIONNEMENT = 15  # % du coût de mise en place, chaque année : hypothèse de l'atelier
DEPLACEMENTS_EVITES = 2  # une copie d'acte : 3 déplacements au guichet, 1 en ligne (le retrait)
ATTENTE_CIBLE_MIN = 15  # attente moyenne visée au guichet, en minutes
SEUIL_MATRICE = 3  # impact ou effort « fort » à partir de 3 sur 5


# --- Ce que coûte une démarche à l'usager ------------------------------------------
def cout_visite(distance_km: float, cout_km: float, duree_h: float, valeur_temps_h: float) -> float:
    """Coût d'une visite à la mairie pour un usager, en FCFA.

    Aller et retour : 2 × distance × prix du kilomètre, plus le temps perdu
    (trajet et attente) × valeur d'une heure.
    """
    _positifs(distance=distance_km, cout_km=cout_km, duree=duree_h, valeur_temps=valeur_temps_h)
    return float(2 * distance_km * cout_km + duree_h * valeur_temps_h)


def gain_annuel(
    demandes_an: float,
    part_en_ligne_pct: float,
    deplacements_evites: float,
    cout_d_une_visite: float,
) -> float:
    """Ce que les usagers économisent en un an, en FCFA.

    demandes en ligne (demandes × part en ligne) × déplacements évités × coût d'une visite.
    """
    _part(part_en_ligne_pct, "part en ligne")
    _positifs(
        demandes=demandes_an, deplacements_evites=deplacements_evites, cout_visite=cout_d_une_visite
    )
    return float(demandes_an * part_en_ligne_pct / 100 * deplacements_evites * cout_d_une_visite)


# --- Valeur actuelle nette ----------------------------------------------------------
def actualiser(montant: float, taux_pct: float, annee: int) -> float:
    """Valeur aujourd'hui d'un montant reçu dans ``annee`` ans : montant ÷ (1 + taux)^année."""
    _taux(taux_pct)
    return float(montant / (1 + taux_pct / 100) ** annee)


def van(flux: Sequence[float], taux_pct: float) -> float:
    """Valeur actuelle nette d'une suite de flux annuels (le premier est l'année 0, aujourd'hui)."""
    return sum(actualiser(f, taux_pct, annee) for annee, f in enumerate(flux))


def tableau_van(
    cout_plateforme: float,
    gain_par_an: float,
    cout_fonctionnement_an: float,
    taux_pct: float = TAUX_ACTUALISATION,
    annees: int = ANNEES,
) -> pd.DataFrame:
    """Le calcul de la VAN année par année, à lire ligne à ligne.

    Année 0 : on paie la plateforme. Années 1 à ``annees`` : les usagers gagnent
    ``gain_par_an``, la commune paie ``cout_fonctionnement_an``. Chaque flux net
    est divisé par (1 + taux)^année ; ``valeur_de_1000_fcfa`` montre ce que
    valent aujourd'hui 1 000 FCFA de l'année. La dernière ligne de
    ``cumul_actualise`` est la VAN.
    """
    _positifs(
        cout_plateforme=cout_plateforme, gain=gain_par_an, fonctionnement=cout_fonctionnement_an
    )
    if int(annees) != annees or annees < 1:
        raise ErreurAtelier(
            f"La durée doit être un nombre entier d'années (au moins 1), pas {annees}."
        )
    lignes = []
    for annee in range(int(annees) + 1):
        gains = gain_par_an if annee else 0.0
        couts = cout_fonctionnement_an if annee else cout_plateforme
        lignes.append(
            {
                "annee": annee,
                "gains_usagers": gains,
                "couts_commune": couts,
                "flux_net": gains - couts,
            }
        )
    tableau = pd.DataFrame(lignes)
    facteurs = pd.Series([actualiser(1, taux_pct, a) for a in tableau["annee"]])
    tableau["valeur_de_1000_fcfa"] = 1000 * facteurs
    tableau["flux_actualise"] = tableau["flux_net"] * facteurs
    tableau["cumul_actualise"] = tableau["flux_actualise"].cumsum()
    return tableau


def annee_de_retour(tableau: pd.DataFrame) -> int | None:
    """Première année où le cumul actualisé devient positif (None : pas dans la période)."""
    positives = tableau.loc[tableau["cumul_actualise"] >= 0, "annee"]
    return int(positives.iloc[0]) if len(positives) else None


def ligne_etat_civil(commune: str, table: pd.DataFrame | None = None) -> pd.Series:
    """La ligne d'une commune dans la table « etat_civil », ou dans ``table`` (vos chiffres).

    ``table`` peut venir de ``integrer_mes_chiffres("etat_civil", "mes_chiffres.csv")``,
    avec une colonne ``commune`` ou rangée par commune (``set_index("commune")``).
    """
    nom = trouver_commune(commune)
    table = charger("etat_civil") if table is None else table
    if "commune" in table.columns:
        table = table.set_index("commune")
    if nom not in table.index:
        raise ErreurAtelier(f"La commune « {nom} » n'est pas dans ce tableau.")
    return table.loc[nom]


def hypotheses_commune(commune: str, table: pd.DataFrame | None = None) -> dict:
    """Les chiffres d'une commune utiles au calcul de VAN (table « etat_civil » et valeur du temps)."""
    ligne = ligne_etat_civil(commune, table)
    nom = str(ligne.name)
    return {
        "commune": nom,
        "demandes_an": int(ligne["demandes_actes_an"]),
        "distance_km": float(ligne["dist_moy_mairie_km"]),
        "cout_km": float(ligne["cout_transport_fcfa_km"]),
        "duree_h": float(ligne["duree_deplacement_h"]),
        "valeur_temps_h": float(parametre("valeur_temps_fcfa_h")),
        "cout_plateforme": float(ligne["cout_plateforme_fcfa"]),
    }


def calcul_van(
    demandes_an: float,
    distance_km: float,
    cout_km: float,
    duree_h: float,
    valeur_temps_h: float,
    cout_plateforme: float,
    part_en_ligne_pct: float = 30,
    taux_pct: float = TAUX_ACTUALISATION,
    annees: int = ANNEES,
    deplacements_evites: float = DEPLACEMENTS_EVITES,
    part_fonctionnement_pct: float = PART_FONCTIONNEMENT,
    commune: str = "",
) -> dict:
    """La VAN de la mise en ligne des actes d'état civil, avec ses étapes.

    Renvoie un dictionnaire : coût d'une visite, gain annuel des usagers, coût
    de fonctionnement annuel (``part_fonctionnement_pct`` % du coût de la
    plateforme), tableau année par année, VAN et année de retour.
    """
    _part(part_fonctionnement_pct, "part de fonctionnement")
    visite = cout_visite(distance_km, cout_km, duree_h, valeur_temps_h)
    gain = gain_annuel(demandes_an, part_en_ligne_pct, deplacements_evites, visite)
    fonctionnement = cout_plateforme * part_fonctionnement_pct / 100
    tableau = tableau_van(cout_plateforme, gain, fonctionnement, taux_pct, annees)
    return {
        "commune": commune,
        "cout_visite": visite,
        "gain_annuel": gain,
        "cout_plateforme": cout_plateforme,
        "cout_fonctionnement_an": fonctionnement,
        "tableau": tableau,
        "van": float(tableau["cumul_actualise"].iloc[-1]),
        "annee_de_retour": annee_de_retour(tableau),
    }


def van_commune(commune: str, table: pd.DataFrame | None = None, **changements) -> dict:
    """La VAN pour une commune, à partir de ses chiffres ; on peut en changer certains.

    ``van_commune("Lokossa")`` ; ``van_commune("Lokossa", part_en_ligne_pct=10, taux_pct=12)`` ;
    ``van_commune("Lokossa", cout_km=80)``. Voir ``calcul_van`` pour les noms possibles.
    ``table`` : vos chiffres à la place de ceux de l'atelier (voir ``ligne_etat_civil``).
    """
    return calcul_van(**{**hypotheses_commune(commune, table), **changements})


def sensibilite_taux(
    commune: str, taux: Sequence[float] = (6, 8, 10, 12), **changements
) -> pd.DataFrame:
    """La VAN d'une commune (arrondie au franc) pour plusieurs taux d'actualisation.

    Le taux est un choix, pas un fait : si la VAN garde le même signe sur toute
    la plage, la conclusion ne dépend pas de ce choix.
    """
    valeurs = [round(van_commune(commune, **changements, taux_pct=t)["van"]) for t in taux]
    return pd.DataFrame(
        {"taux_pct": list(taux), "van_fcfa": valeurs, "rentable": [v > 0 for v in valeurs]}
    )


# --- La file d'attente au guichet ---------------------------------------------------
class FileSaturee(ErreurAtelier, ValueError):
    """Les guichets ne suffisent pas : la file s'allonge sans fin (taux d'occupation ≥ 100 %)."""


def arrivees_par_heure(
    demandes_jour: float, heures_ouverture: float, part_en_ligne_pct: float = 0
) -> float:
    """Usagers arrivant au guichet par heure : demandes du jour × (1 − part en ligne) ÷ heures d'ouverture."""
    _part(part_en_ligne_pct, "part en ligne")
    _positifs(demandes_jour=demandes_jour)
    if heures_ouverture <= 0:
        raise ErreurAtelier("Les heures d'ouverture doivent être supérieures à zéro.")
    return float(demandes_jour * (1 - part_en_ligne_pct / 100) / heures_ouverture)


def _charge(arrivees_h: float, temps_service_min: float, guichets: int) -> float:
    """Charge offerte a = λ ÷ μ : le nombre de guichets occupés en moyenne (en « erlangs »)."""
    _positifs(arrivees=arrivees_h)
    if temps_service_min <= 0:
        raise ErreurAtelier("Le temps de traitement doit être supérieur à zéro minute.")
    if int(guichets) != guichets or guichets < 1:
        raise ErreurAtelier(
            f"Le nombre de guichets doit être un entier d'au moins 1, pas {guichets}."
        )
    return float(arrivees_h * temps_service_min / 60)


def taux_occupation(arrivees_h: float, temps_service_min: float, guichets: int) -> float:
    """Taux d'occupation des guichets ρ = λ ÷ (c × μ), en % (μ = 60 ÷ temps de traitement)."""
    return 100 * _charge(arrivees_h, temps_service_min, guichets) / guichets


def _verifier_stable(arrivees_h: float, temps_service_min: float, guichets: int) -> float:
    charge = _charge(arrivees_h, temps_service_min, guichets)
    if charge >= guichets:
        occupation = 100 * charge / guichets
        minimum = math.floor(charge) + 1
        raise FileSaturee(
            f"Avec {guichets} guichet{'s' if guichets > 1 else ''}, le taux d'occupation serait de "
            f"{nombre_fr(occupation, 0)} % : il arrive plus d'usagers que les agents ne peuvent "
            "en servir, la file s'allonge sans fin et l'attente n'a pas de moyenne. Il faut au "
            f"moins {minimum} guichets, un traitement plus court, ou moins de demandes au guichet "
            "(par exemple en ligne)."
        )
    return charge


def probabilite_attente(arrivees_h: float, temps_service_min: float, guichets: int) -> float:
    """Probabilité qu'un usager attende (formule d'Erlang C), entre 0 et 1.

    Avec a = λ ÷ μ et ρ = a ÷ c :
    C = [aᶜ/c! × 1/(1 − ρ)] ÷ [Σ_{k=0}^{c−1} aᵏ/k! + aᶜ/c! × 1/(1 − ρ)].
    Lève ``FileSaturee`` si ρ ≥ 1.
    """
    a = _verifier_stable(arrivees_h, temps_service_min, guichets)
    c = int(guichets)
    rho = a / c
    terme_c = a**c / math.factorial(c) / (1 - rho)
    somme = sum(a**k / math.factorial(k) for k in range(c))
    return float(terme_c / (somme + terme_c))


def attente_moyenne_min(arrivees_h: float, temps_service_min: float, guichets: int) -> float:
    """Attente moyenne avant d'arriver au guichet, en minutes : Wq = C ÷ (c × μ − λ)."""
    c_attente = probabilite_attente(arrivees_h, temps_service_min, guichets)
    mu = 60 / temps_service_min  # usagers servis par heure et par guichet
    return float(60 * c_attente / (guichets * mu - arrivees_h))


def file_moyenne(arrivees_h: float, attente_min: float) -> float:
    """Loi de Little : personnes qui attendent en moyenne = arrivées par heure × attente (en heures)."""
    _positifs(arrivees=arrivees_h, attente=attente_min)
    return float(arrivees_h * attente_min / 60)


def guichets_necessaires(
    arrivees_h: float, temps_service_min: float, attente_max_min: float = ATTENTE_CIBLE_MIN
) -> int:
    """Le plus petit nombre de guichets qui garde l'attente moyenne sous ``attente_max_min`` minutes."""
    if attente_max_min <= 0:
        raise ErreurAtelier("L'attente visée doit être supérieure à zéro minute.")
    # le minimum pour une file stable
    guichets = math.floor(_charge(arrivees_h, temps_service_min, 1)) + 1
    while attente_moyenne_min(arrivees_h, temps_service_min, guichets) > attente_max_min:
        guichets += 1
    return guichets


def file_attente(
    arrivees_h: float,
    temps_service_min: float,
    guichets: int,
    attente_max_min: float = ATTENTE_CIBLE_MIN,
) -> dict:
    """Tout ce qu'il faut savoir d'une file : occupation, probabilité d'attendre, attente, file, guichets utiles.

    Si la file est saturée (occupation ≥ 100 %), ``stable`` vaut False et
    ``message`` explique pourquoi ; les autres valeurs sont alors None.
    """
    occupation = taux_occupation(arrivees_h, temps_service_min, guichets)
    resultat = {
        "arrivees_h": arrivees_h,
        "occupation_pct": occupation,
        "guichets_necessaires": guichets_necessaires(
            arrivees_h, temps_service_min, attente_max_min
        ),
    }
    try:
        attente = attente_moyenne_min(arrivees_h, temps_service_min, guichets)
    except FileSaturee as exc:
        return {
            **resultat,
            "stable": False,
            "message": str(exc),
            "probabilite_attente": None,
            "attente_min": None,
            "file_moyenne": None,
        }
    return {
        **resultat,
        "stable": True,
        "message": "",
        "probabilite_attente": probabilite_attente(arrivees_h, temps_service_min, guichets),
        "attente_min": attente,
        "file_moyenne": file_moyenne(arrivees_h, attente),
    }


# --- Indicateurs de qualité de service ------------------------------------------------
def tableau_de_bord(demandes: pd.DataFrame, commune: str) -> pd.DataFrame:
    """Les indicateurs d'une commune par service, sur l'année (table « demandes_mensuelles »).

    Délai moyen et part en 72 heures sont des moyennes **pondérées par les
    demandes** (un mois chargé compte plus qu'un mois calme) ; taux de rejet et
    part en ligne rapportent les totaux de l'année aux demandes de l'année.
    """
    nom = trouver_commune(commune)
    lignes = demandes[demandes["commune"] == nom]
    if lignes.empty:
        raise ErreurAtelier(f"Aucune demande pour « {nom} » dans ce tableau.")
    poids = lignes["demandes"]
    agregat = (
        lignes.assign(delai_x=lignes["delai_moyen_jours"] * poids, pct_x=lignes["pct_72h"] * poids)
        .groupby("code_service", sort=False)[
            ["demandes", "demandes_en_ligne", "rejets", "delai_x", "pct_x"]
        ]
        .sum()
    )
    total = agregat["demandes"]
    return pd.DataFrame(
        {
            "demandes": total,
            "delai_moyen_jours": agregat["delai_x"] / total,
            "pct_72h": agregat["pct_x"] / total,
            "taux_rejet_pct": 100 * agregat["rejets"] / total,
            "part_en_ligne_pct": 100 * agregat["demandes_en_ligne"] / total,
        }
    ).reset_index()


# --- Priorités : impact et effort -------------------------------------------------------
def quadrant(impact: float, effort: float, seuil: float = SEUIL_MATRICE) -> str:
    """La case de la matrice impact / effort (scores de 1 à 5)."""
    if impact >= seuil:
        return "grand projet" if effort >= seuil else "gain rapide"
    return "à éviter pour l'instant" if effort >= seuil else "petit plus"


ORDRE_QUADRANTS = ["gain rapide", "grand projet", "petit plus", "à éviter pour l'instant"]


def priorites(services: pd.DataFrame, seuil: float = SEUIL_MATRICE) -> pd.DataFrame:
    """Les services classés : gains rapides d'abord, puis par impact décroissant et effort croissant."""
    tableau = services.copy()
    scores = zip(tableau["impact_score"], tableau["effort_score"], strict=True)
    tableau["quadrant"] = [quadrant(impact, effort, seuil) for impact, effort in scores]
    tableau["ordre"] = tableau["quadrant"].map(ORDRE_QUADRANTS.index)
    tableau = tableau.sort_values(
        ["ordre", "impact_score", "effort_score"], ascending=[True, False, True]
    )
    return tableau.drop(columns="ordre").reset_index(drop=True)


# --- Vérifications des entrées ----------------------------------------------------------
def _positifs(**valeurs: float) -> None:
    for nom, valeur in valeurs.items():
        if valeur < 0:
            raise ErreurAtelier(
                f"La valeur « {nom.replace('_', ' ')} » ne peut pas être négative ({valeur})."
            )


def _part(valeur: float, nom: str) -> None:
    if not 0 <= valeur <= 100:
        raise ErreurAtelier(
            f"La {nom} est un pourcentage entre 0 et 100 (écrivez 30 pour 30 %) ; "
            f"vous avez donné {valeur}."
        )


def _taux(taux_pct: float) -> None:
    if taux_pct <= -100:
        raise ErreurAtelier(f"Un taux d'actualisation de {taux_pct} % n'a pas de sens.")
