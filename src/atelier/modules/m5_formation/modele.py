"""Module 5 — Programmes de formation et de sensibilisation au numérique : les calculs.

Des fonctions pures, sans widgets ni affichage :

- lire un niveau DigComp 2.2 (``palier_digcomp``) et analyser l'enquête sur les
  compétences par sexe, âge ou milieu (``tableau_par_groupe``, ``ecart_points``) ;
- rapprocher les chiffres d'usage d'internet qui ne comptent pas la même chose
  (``chiffres_internet``, ``denominateur``) ;
- passer d'une cible à 3 ans aux personnes à former, aux sessions, aux formateurs
  et au budget (``plan_formation`` et ses étapes) ;
- classer des actions de sensibilisation sur une matrice impact / effort
  (``matrice_impact_effort``) ;
- évaluer une formation avec des scores avant / après (``resultats_evaluation``).

Les références entre crochets renvoient à la liste des sources de la leçon.
"""

from __future__ import annotations

import difflib
import math

import pandas as pd

from atelier.socle import ErreurAtelier, nombre_fr

# --- DigComp 2.2 [60] ---------------------------------------------------------------

DOMAINES = {
    "niv_info": "Information et données",
    "niv_comm": "Communication et collaboration",
    "niv_contenu": "Création de contenu",
    "niv_securite": "Sécurité",
    "niv_resolution": "Résolution de problèmes",
}
"""Les 5 domaines de DigComp 2.2 et la colonne de l'enquête qui leur correspond."""

TOUS_LES_DOMAINES = "tous"
"""À passer comme ``domaine`` : au moins le niveau demandé dans les 5 domaines à la fois."""

PALIERS = (
    (0, 0, "aucun"),
    (1, 2, "fondamental"),
    (3, 4, "intermédiaire"),
    (5, 6, "avancé"),
    (7, 8, "hautement spécialisé"),
)
"""Les 8 niveaux de DigComp regroupés en 4 paliers, plus 0 (aucune compétence) dans l'enquête."""

GROUPES = {"sexe": "le sexe", "milieu": "le milieu", "tranche_age": "la tranche d'âge"}
"""Les colonnes de l'enquête selon lesquelles on compare les répondants."""

_ORDRE_GROUPES = {
    "sexe": ["femme", "homme"],
    "milieu": ["rural", "urbain"],
    "tranche_age": ["15-24", "25-34", "35-49", "50-64", "65+"],
}

# --- Hypothèses du plan de formation (à remplacer par les chiffres de la commune) ---

TAILLE_SESSION = 20
"""Hypothèse : 20 personnes par session (une salle, 10 appareils partagés à deux)."""

SESSIONS_PAR_FORMATEUR_AN = 40
"""Hypothèse : une session par semaine et par formateur, 40 semaines par an."""

COUT_SESSION_FCFA = 200_000
"""Hypothèse : coût d'une session de 20 personnes (indemnité du formateur, salle, collation,
transport des participants, supports, connexion). Ce n'est pas un chiffre publié."""

NIVEAUX_KIRKPATRICK = {
    1: "réaction",
    2: "apprentissage",
    3: "comportement",
    4: "résultats",
}
"""Les quatre niveaux d'évaluation d'une formation de Kirkpatrick [66]."""

SEUIL_REUSSITE = 10
"""Note sur 20 à partir de laquelle un participant « réussit » le test."""


# --- Vérification des entrées -------------------------------------------------------


def _verifier_part(nom: str, valeur: float) -> None:
    if not 0 <= valeur <= 100:
        raise ErreurAtelier(
            f"{nom} doit être un pourcentage entre 0 et 100 ; vous avez donné {nombre_fr(valeur)}."
        )


def _verifier_positif(nom: str, valeur: float) -> None:
    if valeur <= 0:
        raise ErreurAtelier(
            f"{nom} doit être plus grand que 0 ; vous avez donné {nombre_fr(valeur)}."
        )


def _domaine(domaine: str) -> str:
    if domaine == TOUS_LES_DOMAINES or domaine in DOMAINES:
        return domaine
    par_libelle = {libelle.lower(): colonne for colonne, libelle in DOMAINES.items()}
    if str(domaine).lower() in par_libelle:
        return par_libelle[str(domaine).lower()]
    possibles = [*DOMAINES, TOUS_LES_DOMAINES]
    proches = difflib.get_close_matches(str(domaine), possibles, n=1, cutoff=0.6)
    suggestion = f" Vouliez-vous dire « {proches[0]} » ?" if proches else ""
    raise ErreurAtelier(
        f"Domaine inconnu : « {domaine} ».{suggestion} Les domaines : "
        + ", ".join(f"« {c} » ({lib})" for c, lib in DOMAINES.items())
        + f", ou « {TOUS_LES_DOMAINES} » pour les 5 à la fois."
    )


# --- Compétences ---------------------------------------------------------------------


def palier_digcomp(niveau: int) -> str:
    """Le palier DigComp d'un niveau de 0 à 8 : 4 → « intermédiaire »."""
    if not 0 <= niveau <= 8 or int(niveau) != niveau:
        raise ErreurAtelier(
            f"Un niveau DigComp est un nombre entier de 0 à 8 ; vous avez donné {niveau}."
        )
    for bas, haut, nom in PALIERS:
        if bas <= niveau <= haut:
            return nom
    raise AssertionError("palier introuvable")  # pragma: no cover - les paliers couvrent 0 à 8


def atteint(enquete: pd.DataFrame, domaine: str, niveau_min: int = 1) -> pd.Series:
    """Vrai pour chaque répondant qui a au moins ``niveau_min`` dans ``domaine``
    (ou dans les 5 domaines à la fois si ``domaine`` vaut ``"tous"``)."""
    domaine = _domaine(domaine)
    if domaine == TOUS_LES_DOMAINES:
        return (enquete[list(DOMAINES)] >= niveau_min).all(axis=1)
    return enquete[domaine] >= niveau_min


def part_au_moins(enquete: pd.DataFrame, domaine: str, niveau_min: int = 1) -> float:
    """Part (en %) des répondants qui ont au moins ``niveau_min`` dans ``domaine``."""
    if len(enquete) == 0:
        raise ErreurAtelier(
            "Aucun répondant : vérifiez le nom de la commune ou le filtre appliqué."
        )
    return 100 * float(atteint(enquete, domaine, niveau_min).mean())


def profil_domaines(enquete: pd.DataFrame, niveau_min: int = 1) -> pd.Series:
    """Part (en %) des répondants au moins au ``niveau_min`` dans chacun des 5 domaines
    (index : le nom du domaine)."""
    return pd.Series(
        {
            libelle: part_au_moins(enquete, colonne, niveau_min)
            for colonne, libelle in DOMAINES.items()
        },
        name="part_pct",
    )


def tableau_par_groupe(
    enquete: pd.DataFrame, domaine: str, par: str, niveau_min: int = 1
) -> pd.DataFrame:
    """Pour chaque groupe (« femme », « homme »… selon la colonne ``par``) : le nombre de
    répondants, le nombre qui atteint ``niveau_min`` dans ``domaine`` et leur part en %.

    part_pct = répondants du groupe au niveau ÷ répondants du groupe × 100.
    """
    if par not in GROUPES:
        raise ErreurAtelier(
            f"On ne peut comparer que selon {', '.join(f'« {g} »' for g in GROUPES)} ; "
            f"vous avez demandé « {par} »."
        )
    au_niveau = atteint(enquete, domaine, niveau_min)
    tableau = pd.DataFrame(
        {
            "repondants": enquete.groupby(par).size(),
            "au_niveau": au_niveau.groupby(enquete[par]).sum().astype(int),
        }
    )
    tableau = tableau.reindex([g for g in _ORDRE_GROUPES[par] if g in tableau.index])
    tableau["part_pct"] = 100 * tableau["au_niveau"] / tableau["repondants"]
    tableau.index.name = par
    return tableau


def ecart_points(tableau: pd.DataFrame) -> float:
    """L'écart, en points de pourcentage, entre le groupe le mieux placé et le moins bien placé."""
    return float(tableau["part_pct"].max() - tableau["part_pct"].min())


# --- Les chiffres d'internet qui ne comptent pas la même chose ------------------------

_CHIFFRES_INTERNET = [
    # source, ce qui est compté, sur quelle population, valeur (%), effectif, année, référence
    (
        "ARCEP (rapport 2023)",
        "abonnés uniques à l'internet mobile (une personne comptée une fois)",
        "population totale",
        55.4,
        6_900_000,
        2023,
        "[63]",
    ),
    (
        "GSMA",
        "personnes qui utilisent régulièrement l'internet mobile",
        "population totale",
        28.0,
        3_800_000,
        2023,
        "[28]",
    ),
    (
        "GSMA",
        "personnes qui utilisent régulièrement l'internet mobile",
        "adultes",
        48.0,
        3_800_000,
        2023,
        "[28]",
    ),
    (
        "Ministre du Numérique (entretien)",
        "« taux de pénétration d'internet » (ce qui est compté n'est pas précisé)",
        "non précisée",
        70.0,
        None,
        2023,
        "[36]",
    ),
]


def chiffres_internet() -> pd.DataFrame:
    """Les chiffres publiés sur l'usage d'internet au Bénin (2023), avec ce que chacun compte.

    Des chiffres réels et sourcés : ils ne se contredisent pas forcément, ils ne
    comptent pas les mêmes personnes ni sur la même population.
    """
    return pd.DataFrame(
        _CHIFFRES_INTERNET,
        columns=[
            "source",
            "ce_qui_est_compte",
            "sur_quelle_population",
            "valeur_pct",
            "effectif",
            "annee",
            "reference",
        ],
    )


def denominateur(effectif: float, part_pct: float) -> float:
    """La population sur laquelle une part est calculée : effectif ÷ (part ÷ 100).

    3,8 millions d'usagers qui font 28 % de la population → 3,8 ÷ 0,28 ≈ 13,6 millions d'habitants.
    """
    _verifier_part("La part", part_pct)
    _verifier_positif("La part", part_pct)
    return effectif / (part_pct / 100)


# --- De la cible au plan de formation -------------------------------------------------


def personnes_a_former(adultes: float, part_actuelle: float, part_cible: float) -> int:
    """Adultes à former pour passer de ``part_actuelle`` à ``part_cible`` (en %) :
    adultes × (cible − actuelle) ÷ 100, arrondi à la personne. Zéro si la cible est déjà atteinte."""
    _verifier_part("La part actuelle", part_actuelle)
    _verifier_part("La part visée", part_cible)
    if adultes < 0:
        raise ErreurAtelier(f"Le nombre d'adultes ne peut pas être négatif ({nombre_fr(adultes)}).")
    ecart = max(part_cible - part_actuelle, 0)
    return round(adultes * ecart / 100)


def _vers_le_haut(x: float) -> int:
    """Arrondi vers le haut, sans être trompé par les poussières de calcul (3,0000000001)."""
    return math.ceil(round(x, 9))


def sessions_necessaires(personnes: float, taille_session: int = TAILLE_SESSION) -> int:
    """Sessions pour former ``personnes`` : personnes ÷ taille, arrondi vers le haut
    (les dernières personnes forment une session incomplète, mais une session quand même)."""
    _verifier_positif("La taille d'une session", taille_session)
    return _vers_le_haut(personnes / taille_session)


def formateurs_necessaires(
    sessions: int, annees: int = 3, sessions_par_formateur_an: int = SESSIONS_PAR_FORMATEUR_AN
) -> int:
    """Formateurs pour animer ``sessions`` en ``annees`` ans : sessions par an ÷ sessions
    qu'un formateur anime par an, arrondi vers le haut (avec 2,3 formateurs il en faut 3 :
    avec 2, une partie des sessions n'aurait personne pour l'animer)."""
    _verifier_positif("Le nombre d'années", annees)
    _verifier_positif("Le nombre de sessions par formateur et par an", sessions_par_formateur_an)
    return _vers_le_haut(_vers_le_haut(sessions / annees) / sessions_par_formateur_an)


def budget_formation(sessions: int, cout_session_fcfa: float = COUT_SESSION_FCFA) -> float:
    """Budget total en FCFA : sessions × coût d'une session."""
    if cout_session_fcfa < 0:
        raise ErreurAtelier("Le coût d'une session ne peut pas être négatif.")
    return sessions * cout_session_fcfa


def plan_formation(
    adultes: float,
    part_actuelle: float,
    part_cible: float,
    annees: int = 3,
    taille_session: int = TAILLE_SESSION,
    sessions_par_formateur_an: int = SESSIONS_PAR_FORMATEUR_AN,
    cout_session_fcfa: float = COUT_SESSION_FCFA,
) -> dict:
    """Le plan complet : personnes, sessions, formateurs, budget, et la part visée année par année.

    La trajectoire suppose le même nombre de personnes formées chaque année, et que
    chaque personne formée passe au niveau fondamental (ce que l'évaluation doit vérifier).
    """
    personnes = personnes_a_former(adultes, part_actuelle, part_cible)
    sessions = sessions_necessaires(personnes, taille_session)
    formateurs = formateurs_necessaires(sessions, annees, sessions_par_formateur_an)
    budget = budget_formation(sessions, cout_session_fcfa)
    fin = max(part_cible, part_actuelle)
    trajectoire = [
        float(part_actuelle + (fin - part_actuelle) * an / annees) for an in range(annees + 1)
    ]
    return {
        "personnes": personnes,
        "sessions": sessions,
        "sessions_par_an": _vers_le_haut(sessions / annees),
        "formateurs": formateurs,
        "budget_fcfa": budget,
        "budget_par_an_fcfa": round(budget / annees),
        "personnes_par_an": _vers_le_haut(personnes / annees),
        "trajectoire_pct": trajectoire,
    }


# --- Sensibilisation : coût par personne et matrice impact / effort [67] ---------------

QUADRANTS = {
    (True, False): "gain rapide",
    (True, True): "grand projet",
    (False, False): "action d'appoint",
    (False, True): "à reconsidérer",
}
"""(impact fort ?, effort élevé ?) → nom du quadrant de la matrice impact / effort."""


def cout_par_personne(canaux: pd.DataFrame) -> pd.Series:
    """Coût d'une campagne ÷ personnes touchées, en FCFA par personne (index : l'action)."""
    cout = canaux["cout_fcfa"].to_numpy() / canaux["portee_estimee"].to_numpy()
    return pd.Series(cout, index=canaux["action"], name="cout_par_personne_fcfa")


def matrice_impact_effort(canaux: pd.DataFrame, seuil: int = 3) -> pd.DataFrame:
    """Chaque action avec son quadrant : impact fort si impact_score ≥ ``seuil``,
    effort élevé si effort_score ≥ ``seuil`` (scores de 1 à 5).

    Gain rapide : impact fort, effort faible ; grand projet : impact fort, effort élevé ;
    action d'appoint : impact faible, effort faible ; à reconsidérer : impact faible, effort élevé.
    """
    tableau = canaux[
        ["action", "portee_estimee", "cout_fcfa", "impact_score", "effort_score"]
    ].copy()
    tableau["cout_par_personne_fcfa"] = cout_par_personne(canaux).to_numpy()
    tableau["quadrant"] = [
        QUADRANTS[(impact >= seuil, effort >= seuil)]
        for impact, effort in zip(tableau["impact_score"], tableau["effort_score"], strict=True)
    ]
    return tableau


# --- Évaluer une formation (Kirkpatrick niveau 2) -------------------------------------


def resultats_evaluation(
    evaluation: pd.DataFrame, par: str | None = "groupe", seuil: float = SEUIL_REUSSITE
) -> pd.DataFrame:
    """Par groupe (ou pour tous si ``par`` vaut None) : participants, moyennes avant et après,
    gain moyen (après − avant, en points sur 20) et part qui atteint ``seuil`` avant et après (%)."""
    donnees = evaluation.assign(
        gain=evaluation["score_post"] - evaluation["score_pre"],
        reussi_avant=evaluation["score_pre"] >= seuil,
        reussi_apres=evaluation["score_post"] >= seuil,
    )
    cles = donnees[par] if par else pd.Series("tous", index=donnees.index, name="ensemble")
    tableau = donnees.groupby(cles).agg(
        participants=("gain", "size"),
        moyenne_avant=("score_pre", "mean"),
        moyenne_apres=("score_post", "mean"),
        gain_moyen=("gain", "mean"),
        reussite_avant_pct=("reussi_avant", "mean"),
        reussite_apres_pct=("reussi_apres", "mean"),
    )
    tableau[["reussite_avant_pct", "reussite_apres_pct"]] *= 100
    return tableau
