"""Le contenu du volet numérique du plan de développement communal (PDC) d'une commune.

Fonctions pures : elles lisent les données de l'atelier et les choix notés dans
le plan du participant (``atelier.plan.stockage``) et renvoient des textes, des
nombres et des figures. Les formats (Word, PDF, Excel) sont écrits par
``atelier.plan.formats``.

Chaque fiche action vient d'un choix du participant quand il en a noté un, sinon
d'une proposition tirée des points faibles de la commune, marquée « proposition
à discuter ». Chaque chiffre synthétique porte la mention « donnée synthétique ».
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from datetime import date

import matplotlib.pyplot as plt

from atelier.cartes import carte_choroplethe
from atelier.donnees import champ, parametre, trouver_commune
from atelier.erreurs import nombre_fr
from atelier.fiche_commune.modele import INDICATEURS, comparaison_departement
from atelier.modules.m1_planification import modele as m1
from atelier.modules.m2_centres_numeriques import modele as m2
from atelier.modules.m3_dematerialisation import modele as m3
from atelier.modules.m4_entreprises_relais import modele as m4
from atelier.modules.m5_formation import modele as m5
from atelier.plan.chiffres import COMMUNE, SYNTHETIQUE, Chiffres, dire
from atelier.plan.stockage import Plan

PROPOSITION = "proposition à discuter"
# Le service que le simulateur du module 3 note dans le plan (atelier.plan.noter), et son compteur.
SERVICE_M3 = "Demande de copies d'actes d'état civil"
COMPTEUR_M3 = "Part des demandes d'actes faites en ligne"
# Les lignes du budget de la commune, dans l'ordre de la synthèse budgétaire.
LIGNES_BUDGET = (
    "budget_total_fcfa",
    "recettes_propres_fcfa",
    "fadec_non_affecte_fcfa",
    "pai_total_fcfa",
    "pai_numerique_fcfa",
)
DUREE_ANS = 3  # durée du volet numérique : hypothèse de l'atelier (un PDC dure 5 ans)
RAYON_KM = 5  # distance à un centre numérique jugée acceptable : hypothèse du module 2
MOIS_APPUI_RELAIS = 6  # appui au démarrage d'un relais : 6 mois de charges fixes (hypothèse)

# Le critère le plus faible de la grille → l'action qui le renforce, son service et son coût.
ACTIONS_CRITERE = {
    "Cadre institutionnel": (
        "Nommer un point focal numérique et faire adopter une charte numérique communale",
        "Secrétariat général",
        2_000_000,
    ),
    "Contenu": (
        "Publier en ligne le budget, les délibérations et les procédures de la mairie",
        "Service de la communication",
        3_000_000,
    ),
    "Services en ligne": (
        "Ouvrir un premier service en ligne avec suivi de la demande",
        "Service de l'état civil",
        5_000_000,
    ),
    "Participation": (
        "Ouvrir un canal de consultation des habitants (SMS, WhatsApp, page de la mairie)",
        "Service de la communication",
        2_500_000,
    ),
    "Technologie": (
        "Équiper et connecter les services de la mairie (réseau, ordinateurs, sauvegardes)",
        "Service informatique ou secrétariat général",
        8_000_000,
    ),
}


def fcfa(montant: float) -> str:
    """« 12 500 000 FCFA » (espace fine insécable entre les milliers, insécable avant l'unité)."""
    return f"{nombre_fr(round(montant))}\u00a0FCFA"


def pct(valeur: float, decimales: int = 0) -> str:
    return f"{nombre_fr(valeur, decimales)}\u00a0%"


_INSECABLES = (
    (" ;", "\u202f;"),
    (" !", "\u202f!"),
    (" ?", "\u202f?"),
    (" :", "\u00a0:"),
    (" %", "\u00a0%"),
    ("« ", "«\u00a0"),
    (" »", "\u00a0»"),
)


def typographie(texte: str) -> str:
    """Espaces insécables à la française : avant ; : ! ? % et à l'intérieur des guillemets « »."""
    for avant, apres in _INSECABLES:
        texte = texte.replace(avant, apres)
    return texte


def marque(texte: str, synthetique: bool) -> str:
    """Le texte suivi de « (donnée synthétique) » si le chiffre l'est."""
    return f"{texte} ({SYNTHETIQUE})" if synthetique else texte


@dataclass
class Image:
    """Une figure rendue en PNG, avec sa taille en pouces."""

    png: bytes
    largeur: float
    hauteur: float


@dataclass
class Fiche:
    """Une fiche action au format du PDC."""

    titre: str
    module: str
    constat: str
    objectif: str
    indicateur: str
    depart: float
    cible: float
    unite: str
    cout_fcfa: float
    financement: str
    responsable: str
    annee_depart: int
    annee_cible: int
    proposition: bool = True
    # la valeur de départ (et ce qui en découle) est une donnée synthétique
    synthetique: bool = True
    origine_depart: str = ""  # sinon, d'où vient la valeur de départ (« chiffre de la commune »…)
    # le coût : hypothèse de l'atelier, sauf s'il a été choisi par la commune
    cout_origine: str = SYNTHETIQUE
    # les actions notées par la commune (module 4)
    activites: list[str] = field(default_factory=list)
    jalons: list[tuple[int, float]] = field(default_factory=list)

    def __post_init__(self):
        if not self.jalons and self.annee_cible > self.annee_depart:
            table = m1.jalons(self.depart, self.cible, self.annee_depart, self.annee_cible)
            self.jalons = [
                (int(a), float(v)) for a, v in zip(table["annee"], table["valeur"], strict=True)
            ]
        elif not self.jalons:  # une action d'un an : pas de jalon entre le départ et la cible
            self.jalons = [
                (self.annee_depart, float(self.depart)),
                (self.annee_cible, float(self.cible)),
            ]

    @property
    def duree_ans(self) -> int:
        return self.annee_cible - self.annee_depart + 1

    @property
    def cout_par_an(self) -> float:
        return self.cout_fcfa / self.duree_ans

    @property
    def statut(self) -> str:
        return PROPOSITION if self.proposition else "choix de la commune"

    @property
    def calendrier(self) -> str:
        return f"de janvier {self.annee_depart} à décembre {self.annee_cible}"

    def valeur(self, v: float) -> str:
        decimales = 0 if float(v).is_integer() or abs(v) >= 100 else 1
        texte = nombre_fr(v, decimales) + (f"\u00a0{self.unite}" if self.unite else "")
        return marque(texte, self.synthetique)

    def cout(self) -> str:
        return dire(fcfa(self.cout_fcfa), self.cout_origine)

    @property
    def nature(self) -> str:
        """D'où viennent les chiffres de la fiche, en quelques mots (colonne du tableau Excel)."""
        if self.synthetique and self.cout_origine == SYNTHETIQUE:
            return SYNTHETIQUE
        depart = SYNTHETIQUE if self.synthetique else self.origine_depart or "choix de la commune"
        cout = (
            SYNTHETIQUE
            if self.cout_origine == SYNTHETIQUE
            else self.cout_origine or "choix de la commune"
        )
        return f"départ : {depart} ; coût : {cout}"

    def lignes(self) -> list[tuple[str, str]]:
        """Les rubriques de la fiche, dans l'ordre du PDC : (rubrique, texte)."""
        jalons = " ; ".join(f"{a} : {self.valeur(v)}" for a, v in self.jalons[1:-1]) or "—"
        depart = self.valeur(self.depart)
        if not self.synthetique and self.origine_depart:
            depart = dire(depart, self.origine_depart)
        activites = [("Activités prévues", " ; ".join(self.activites))] if self.activites else []
        return [
            ("Action", self.titre),
            ("Statut", self.statut),
            ("Constat", self.constat),
            ("Objectif", self.objectif),
            *activites,
            ("Indicateur", self.indicateur),
            ("Valeur de départ", depart),
            ("Cible", f"{self.valeur(self.cible)}, fin {self.annee_cible}"),
            ("Jalons", jalons),
            ("Coût estimé", self.cout()),
            ("Financement", self.financement),
            ("Service responsable", self.responsable),
            ("Calendrier", self.calendrier),
        ]


@dataclass
class Contenu:
    commune: str
    departement: str
    annee: int
    chiffres: list[dict]
    scores: object  # pd.Series : % par critère
    grille_du_participant: bool
    niveau: str
    score_global: float
    critere_faible: str
    fiches: list[Fiche]
    budget: dict
    nb_chiffres_commune: int = 0  # chiffres notés dans « Mes vrais chiffres » et repris ici
    figures: dict[str, Image] = field(default_factory=dict)

    @property
    def titre(self) -> str:
        return f"Volet numérique du plan de développement communal — Commune de {self.commune}"

    @property
    def cout_total(self) -> float:
        return sum(f.cout_fcfa for f in self.fiches)

    @property
    def annee_fin(self) -> int:
        return max(f.annee_cible for f in self.fiches)

    def lignes_budget(self) -> list[tuple[str, float, str]]:
        """Le tableau du budget (Word, PDF et Excel) : (ligne, montant par an en FCFA, origine)."""
        b = self.budget
        choisie = " ; part choisie par la commune" if b["part_choisie"] else ""
        return [
            *b["lignes"],
            (
                "Volet numérique du PAI retenu",
                b["enveloppe_fcfa"],
                b["enveloppe_origine"] + choisie,
            ),
            (
                f"Volet numérique du PAI si le FADeC non affecté baisse de {pct(b['baisse_fadec_pct'])}",
                b["enveloppe_apres_fcfa"],
                b["enveloppe_apres_origine"] + choisie,
            ),
            (
                "Ce que demandent les actions du volet numérique",
                b["besoin_an_fcfa"],
                "somme des fiches actions",
            ),
        ]

    def phrase_enveloppe(self) -> str:
        """Ce que le PAI réserve au numérique, et ce que les actions en demandent."""
        b = self.budget
        if not b["enveloppe_fcfa"]:
            return (
                f"Le PAI ne réserve aujourd'hui rien au numérique ({b['enveloppe_origine']}) : les "
                f"{fcfa(b['besoin_an_fcfa'])} par an des actions sont à inscrire en entier."
            )
        return (
            f"Le volet numérique du PAI est de {dire(fcfa(b['enveloppe_fcfa']), b['enveloppe_origine'])} "
            f"par an ({pct(b['part_pct'], 1)} du PAI"
            f"{', choix de la commune' if b['part_choisie'] else ''}) : les actions en demandent "
            f"{pct(100 * b['besoin_an_fcfa'] / b['enveloppe_fcfa'])}."
        )

    def resume(self) -> list[str]:
        """La page de synthèse pour le conseil communal, en quelques phrases."""
        b = self.budget
        grille = "grille remplie par la commune" if self.grille_du_participant else SYNTHETIQUE
        propositions = sum(f.proposition for f in self.fiches)
        return [
            f"Maturité numérique de la mairie : niveau {self.niveau} ({pct(self.score_global)} des "
            f"20 indicateurs, {grille}) ; le critère le plus faible est « {self.critere_faible} » "
            f"({pct(self.scores[self.critere_faible])}).",
            f"{len(self.fiches)} actions sont proposées sur {self.annee_fin - self.annee + 1} ans ({self.annee} à "
            f"{self.annee_fin}), pour un coût total estimé à {fcfa(self.cout_total)}, "
            f"soit {fcfa(b['besoin_an_fcfa'])} par an.",
            self.phrase_enveloppe(),
            f"Si le FADeC non affecté baisse de {pct(b['baisse_fadec_pct'])}, ce volet passe à "
            f"{dire(fcfa(b['enveloppe_apres_fcfa']), b['enveloppe_apres_origine'])} par an, à part égale du PAI.",
            *(
                [
                    f"{self.nb_chiffres_commune} chiffre(s) donné(s) par la commune remplacent ceux de l'atelier "
                    f"(marqués « {COMMUNE} »)."
                ]
                if self.nb_chiffres_commune
                else []
            ),
            (
                f"{propositions} fiche(s) sur {len(self.fiches)} sont des propositions à discuter, "
                "tirées des points faibles de la commune : à confirmer ou à modifier en commission."
                if propositions
                else "Toutes les fiches reprennent les choix faits par la commune pendant l'atelier."
            ),
            "Il est demandé au conseil communal d'examiner ces fiches, de retenir les actions "
            "prioritaires et d'inscrire leur financement au prochain PAI.",
        ]


def _nombre(valeur, defaut: float) -> float:
    """Un nombre noté dans le plan, ou ``defaut`` s'il manque ou n'en est pas un (le document se fait quand même)."""
    try:
        return (
            float(valeur) if valeur is not None and not isinstance(valeur, bool) else float(defaut)
        )
    except (TypeError, ValueError):
        return float(defaut)


# --- Les chiffres clés --------------------------------------------------------------
def _ligne_chiffre(indicateur: str, valeur: float, unite: str, origine: str, rang: str) -> dict:
    decimales = 0 if float(valeur).is_integer() or abs(valeur) >= 100 else 1
    unite = unite if unite not in ("", "habitants") else ""
    texte = nombre_fr(valeur, decimales) + (f"\u00a0{unite}" if unite else "")
    return {"indicateur": indicateur, "valeur": texte, "origine": origine, "rang": rang}


def chiffres_cles(
    commune: str, plan: Plan | None = None, chiffres: Chiffres | None = None
) -> list[dict]:
    """Les chiffres clés de la commune : indicateur, valeur (texte), origine, rang dans le département.

    Un chiffre noté dans « Mes vrais chiffres » remplace celui de l'atelier (et son rang est
    recalculé) ; ceux qui ne sont pas parmi les indicateurs de la fiche commune (budget,
    relais, compteurs…) suivent, sans rang."""
    nom = trouver_commune(commune)
    chiffres = chiffres or Chiffres(nom, plan)
    lignes = [
        _ligne_chiffre(
            x["indicateur"],
            float(x["commune"]),
            x["unite"],
            chiffres.origine(x["colonne"]),
            f"{x['rang']} / {x['nb_communes_departement']}",
        )
        for x in comparaison_departement(nom, chiffres.tableau).to_dict("records")
    ]
    montres = {colonne for colonne, _ in INDICATEURS}
    for colonne in [
        c for c in chiffres.tableau.columns if c in chiffres.miens and c not in montres
    ]:
        description = champ(colonne) or {}
        lignes.append(
            _ligne_chiffre(
                description.get("title", colonne),
                float(chiffres[colonne]),
                description.get("atelier:unite", ""),
                chiffres.origine(colonne),
                "—",
            )
        )
    return lignes


# --- Les fiches proposées, une par module -------------------------------------------
def _fiche_maturite(nom, scores, grille_notee, annee) -> Fiche:
    faible = scores.idxmin()
    titre, service, cout = ACTIONS_CRITERE[faible]
    remplis = round(float(scores[faible]) / 25)
    return Fiche(
        titre=titre,
        module="m1",
        constat=f"Dans la grille de maturité, le critère « {faible} » est le plus faible : "
        f"{remplis} indicateur(s) rempli(s) sur 4.",
        objectif=f"Remplir les 4 indicateurs du critère « {faible} » en {DUREE_ANS} ans.",
        indicateur=f"Indicateurs remplis du critère « {faible} » (sur 4)",
        depart=remplis,
        cible=4,
        unite="",
        cout_fcfa=cout,
        financement="FADeC non affecté (section d'investissement)",
        responsable=service,
        annee_depart=annee,
        annee_cible=annee + DUREE_ANS - 1,
        proposition=True,
        synthetique=not grille_notee,
        origine_depart="grille remplie par la commune",
    )


def _guichets(chiffres: Chiffres) -> str:
    """Le délai et les guichets de l'état civil, avec leur origine."""
    return (
        f" Délai moyen de délivrance d'un acte : {nombre_fr(float(chiffres['delai_moyen_jours']), 1)} jours, "
        f"avec {nombre_fr(round(chiffres['nb_guichets']))} guichet(s) "
        f"({chiffres.origine_de('delai_moyen_jours', 'nb_guichets')})."
    )


def _fiches_services(nom, plan, annee, chiffres: Chiffres) -> list[Fiche]:
    notes = plan.lire("m3", "services") if plan else None
    en_ligne = float(chiffres["part_actes_demandes_en_ligne"])
    origine_en_ligne = chiffres.origine("part_actes_demandes_en_ligne")
    if isinstance(notes, list) and any(isinstance(s, dict) for s in notes):
        fiches = []
        for s in [s for s in notes if isinstance(s, dict)][:3]:
            etat_civil = (
                s.get("compteur") == COMPTEUR_M3 or s.get("service", SERVICE_M3) == SERVICE_M3
            )
            # le simulateur note le départ de l'atelier ; le chiffre de la commune, s'il y en a un, le remplace
            depart = en_ligne if etat_civil else _nombre(s.get("depart"), 0)
            # sans coût noté : celui de la plateforme de l'atelier, marqué comme tel
            cout = _nombre(s.get("cout_fcfa"), math.nan)
            cout, cout_origine = (
                (cout, "")
                if math.isfinite(cout)
                else (float(chiffres["cout_plateforme_fcfa"]), SYNTHETIQUE)
            )
            origine = origine_en_ligne if etat_civil else COMMUNE
            van = (
                f" ; VAN sur {m3.ANNEES} ans : {marque(fcfa(_nombre(s['van_fcfa'], 0)), True)}"
                if "van_fcfa" in s
                else ""
            )
            fiches.append(
                Fiche(
                    titre=f"Mettre en ligne : {s.get('service') or 'service à préciser'}",
                    module="m3",
                    constat=f"Service choisi par la commune pendant le module 3{van}."
                    + (_guichets(chiffres) if etat_civil else ""),
                    objectif="Que les habitants fassent la demande sans se déplacer deux fois.",
                    indicateur=str(
                        s.get("compteur")
                        or (COMPTEUR_M3 if etat_civil else "Part des demandes faites en ligne")
                    ),
                    depart=depart,
                    cible=_nombre(s.get("cible"), 30),
                    unite=str(s.get("unite", "%")),
                    cout_fcfa=cout,
                    cout_origine=cout_origine,
                    financement=s.get("financement", "FADeC non affecté et partenaires techniques"),
                    responsable=s.get("responsable", "Service de l'état civil"),
                    annee_depart=annee,
                    annee_cible=annee + DUREE_ANS - 1,
                    proposition=False,
                    synthetique=origine == SYNTHETIQUE,
                    origine_depart=origine,
                )
            )
        return fiches
    cible_notee = plan.lire("m3", "part_en_ligne_cible") if plan else None
    cible = _nombre(cible_notee, 30)
    calcul = m3.van_commune(nom, chiffres.tableau, part_en_ligne_pct=cible)
    origine_van = chiffres.origine_de(
        "demandes_actes_an", "dist_moy_mairie_km", "cout_transport_fcfa_km"
    )
    retour = calcul["annee_de_retour"]
    return [
        Fiche(
            titre="Mettre en ligne la demande de copies d'actes d'état civil",
            module="m3",
            constat=f"{dire(pct(en_ligne, 1), origine_en_ligne)} des actes sont demandés en ligne ; "
            f"{dire(nombre_fr(round(chiffres['demandes_actes_an'])), chiffres.origine('demandes_actes_an'))} demandes "
            f"par an ; chaque copie coûte à l'usager {fcfa(calcul['cout_visite'])} par déplacement ({SYNTHETIQUE})."
            + _guichets(chiffres),
            objectif=f"{pct(cible)} des demandes d'actes faites en ligne en {annee + DUREE_ANS - 1} ; VAN sur "
            f"{m3.ANNEES} ans : {dire(fcfa(calcul['van']), origine_van)}"
            + (
                f", remboursée la {retour}{'re' if retour == 1 else 'e'} année."
                if retour
                else ", non remboursée sur la période."
            ),
            indicateur=COMPTEUR_M3,
            depart=en_ligne,
            cible=cible,
            unite="%",
            cout_fcfa=calcul["cout_plateforme"],
            financement="FADeC non affecté et partenaires techniques",
            responsable="Service de l'état civil",
            annee_depart=annee,
            annee_cible=annee + DUREE_ANS - 1,
            proposition=cible_notee is None,
            synthetique=origine_en_ligne == SYNTHETIQUE,
            origine_depart=origine_en_ligne,
        )
    ]


def _fiche_centres(nom, plan, annee) -> Fiche:
    arr = m2.arrondissements_de(nom)
    rayon = max(0.5, _nombre(plan.lire("m2", "rayon_km") if plan else None, RAYON_KM))
    existants = m2.sites_existants(arr)
    notes = plan.lire("m2", "sites") if plan else None
    # un nom qui n'est pas un arrondissement de la commune est laissé de côté
    if isinstance(notes, list):
        notes = [s for s in notes if s in set(arr["arrondissement"])]
    sites = notes or m2.sites_choisis(m2.choisir_sites(arr, 2, rayon, existants))
    sites = [s for s in sites if s not in existants]
    couts = m2.couts_des_sites(arr).set_index("arrondissement")
    depart = m2.part_desservie(arr, existants, rayon)
    cible = m2.part_desservie(arr, [*existants, *sites], rayon)
    return Fiche(
        titre=f"Ouvrir {len(sites)} centre(s) numérique(s) : {', '.join(sites) or 'sites à choisir'}",
        module="m2",
        constat=f"{pct(depart)} des habitants vivent à moins de {nombre_fr(rayon)}\u00a0km d'un centre "
        f"numérique existant ({SYNTHETIQUE}).",
        objectif=f"Rapprocher les services numériques des arrondissements les moins desservis "
        f"({pct(cible)} des habitants à moins de {nombre_fr(rayon)}\u00a0km).",
        indicateur=f"Part des habitants à moins de {nombre_fr(rayon)}\u00a0km d'un centre numérique",
        depart=depart,
        cible=cible,
        unite="%",
        cout_fcfa=float(couts.loc[sites, "investissement_fcfa"].sum()) if sites else 0.0,
        financement="FADeC affecté, partenaires (ADN, projets) et recettes propres pour le fonctionnement",
        responsable="Service du développement local",
        annee_depart=annee,
        annee_cible=annee + DUREE_ANS - 1,
        proposition=not notes,
    )


def _fiche_relais(nom, plan, annee, chiffres: Chiffres) -> Fiche:
    hors_ligne = m4.adultes_hors_ligne(
        chiffres["population_adulte_2024"], chiffres["taux_usage_internet"]
    )
    origine = chiffres.origine_de("population_adulte_2024", "taux_usage_internet")
    capacite = int(parametre("citoyens_formes_par_relais_mois"))
    mois = 12 * DUREE_ANS
    nb = int(_nombre(plan.lire("m4", "relais") if plan else None, 0))
    actions = plan.lire("m4", "actions") if plan else None
    actions = (
        [str(a).strip() for a in actions if str(a).strip()] if isinstance(actions, list) else []
    )
    nb_relais = nb if nb > 0 else m4.relais_necessaires(hors_ligne, capacite, mois)
    cible = m4.part_atteinte(nb_relais, mois, hors_ligne, capacite)
    cout = (
        nb_relais
        * m4.charges_fixes(chiffres["loyer_fcfa"], chiffres["salaire_fcfa"])
        * MOIS_APPUI_RELAIS
    )
    existants = (
        f" La commune compte aujourd'hui {nombre_fr(round(chiffres['nb_relais']))} relais digitaux et "
        f"{nombre_fr(round(chiffres['nb_points_mobile_money']))} points de monnaie électronique "
        f"({chiffres.origine_de('nb_relais', 'nb_points_mobile_money')})."
    )
    return Fiche(
        titre=f"Installer {nb_relais} relais digitaux dans les arrondissements",
        module="m4",
        constat=f"Environ {dire(nombre_fr(round(hors_ligne, -2)), origine)} adultes n'utilisent pas internet."
        + existants,
        objectif=f"Accompagner les adultes hors ligne dans leurs démarches : {nombre_fr(capacite)} personnes "
        "par relais et par mois.",
        activites=actions,
        indicateur="Part des adultes hors ligne accompagnés par un relais (cumul)",
        depart=0.0,
        cible=round(cible, 1),
        unite="%",
        cout_fcfa=cout,
        financement=f"Recettes propres (appui au démarrage : {MOIS_APPUI_RELAIS} mois de loyer et de salaire "
        "par relais), puis revenus des prestations",
        responsable="Service des affaires économiques",
        annee_depart=annee,
        annee_cible=annee + DUREE_ANS - 1,
        proposition=not (nb or actions),
        synthetique=origine == SYNTHETIQUE,
    )


def _fiche_formation(nom, plan, annee, chiffres: Chiffres) -> Fiche:
    actuelle = float(chiffres["part_competences_base"])
    origine = chiffres.origine_de("part_competences_base", "population_adulte_2024")
    cible_notee = plan.lire("m5", "part_cible") if plan else None
    annees_notees = plan.lire("m5", "annees") if plan else None
    annees = min(10, max(1, round(_nombre(annees_notees, DUREE_ANS))))
    cible = min(100.0, max(actuelle, _nombre(cible_notee, round(actuelle + 15))))
    formation = m5.plan_formation(
        chiffres["population_adulte_2024"], actuelle, cible, annees=annees
    )
    return Fiche(
        titre="Former les habitants aux compétences numériques de base",
        module="m5",
        constat=f"{dire(pct(actuelle), chiffres.origine('part_competences_base'))} des adultes ont les "
        f"compétences numériques de base ; la commune compte "
        f"{dire(nombre_fr(round(chiffres['population_adulte_2024'])), chiffres.origine('population_adulte_2024'))} adultes.",
        objectif=f"Former {nombre_fr(formation['personnes'])} adultes en {annees} an{'s' if annees > 1 else ''} : "
        f"{nombre_fr(formation['sessions'])} sessions de {m5.TAILLE_SESSION} personnes, avec {formation['formateurs']} "
        "formateur(s).",
        indicateur="Part des adultes ayant les compétences numériques de base",
        depart=actuelle,
        cible=cible,
        unite="%",
        cout_fcfa=formation["budget_fcfa"],
        financement="Recettes propres et partenaires (ONG, opérateurs, projets)",
        responsable="Service des affaires sociales et culturelles",
        annee_depart=annee,
        annee_cible=annee + annees - 1,
        proposition=cible_notee is None and annees_notees is None,
        synthetique=origine == SYNTHETIQUE,
        origine_depart=origine,
    )


def _budget(plan, fiches: list[Fiche], chiffres: Chiffres) -> dict:
    """Le budget de la commune (ses chiffres s'il les a notés), le volet numérique du PAI et le
    scénario de baisse du FADeC ; chaque montant avec son origine."""
    pai, fadec = float(chiffres["pai_total_fcfa"]), float(chiffres["fadec_non_affecte_fcfa"])
    part_notee = plan.lire("m1", "part_pai_numerique") if plan else None
    part_notee = None if part_notee is None else min(100.0, max(0.0, _nombre(part_notee, 0)))
    if part_notee is not None:
        part, origine_enveloppe = part_notee, chiffres.origine("pai_total_fcfa")
    else:
        part = m1.part_numerique(float(chiffres["pai_numerique_fcfa"]), pai) if pai > 0 else 0.0
        origine_enveloppe = chiffres.origine_de("pai_total_fcfa", "pai_numerique_fcfa")
    baisse = min(
        100.0,
        max(
            0.0,
            _nombre(plan.lire("m1", "baisse_fadec") if plan else None, m1.BAISSE_FADEC_2024_PCT),
        ),
    )
    pai_apres = m1.pai_apres_baisse(pai, fadec, baisse)
    sur_recettes = sum(
        f.cout_par_an for f in fiches if f.financement.startswith("Recettes propres")
    )
    return {
        "lignes": [
            ((champ(c) or {}).get("title", c), float(chiffres[c]), chiffres.origine(c))
            for c in LIGNES_BUDGET
        ],
        "pai_fcfa": pai,
        "pai_origine": chiffres.origine("pai_total_fcfa"),
        "part_pct": part,
        "part_choisie": part_notee is not None,
        "enveloppe_fcfa": pai * part / 100,
        "enveloppe_origine": origine_enveloppe,
        "baisse_fadec_pct": baisse,
        "enveloppe_apres_fcfa": pai_apres * part / 100,
        "enveloppe_apres_origine": chiffres.origine_de("pai_total_fcfa", "fadec_non_affecte_fcfa")
        if part_notee is not None
        else chiffres.origine_de(*LIGNES_BUDGET[2:]),
        "dependance_fadec_pct": m1.dependance_fadec(fadec, pai) if pai > 0 else 0.0,
        "dependance_origine": chiffres.origine_de("fadec_non_affecte_fcfa", "pai_total_fcfa"),
        "besoin_an_fcfa": sum(f.cout_par_an for f in fiches),
        "recettes_propres_fcfa": float(chiffres["recettes_propres_fcfa"]),
        "recettes_origine": chiffres.origine("recettes_propres_fcfa"),
        "sur_recettes_an_fcfa": sur_recettes,
    }


def _figures(nom: str, scores, grille_notee: bool) -> dict:
    from atelier.modules.m1_planification.vues import graphique_radar, titre_radar

    carte = carte_choroplethe(
        "communes",
        "population_2024",
        surligner=nom,
        taille=(7.5, 7.5),
        titre=f"{nom} parmi les 77 communes\n(population estimée en 2024)",
    )
    radar = graphique_radar(
        scores,
        titre=titre_radar(nom, scores),
        libelle="Grille de la commune" if grille_notee else f"Grille ({SYNTHETIQUE})",
    )
    images = {}
    for nom_figure, fig in (("carte", carte), ("radar", radar)):
        tampon = io.BytesIO()  # rendue une fois, pour Word et pour le PDF
        fig.savefig(tampon, format="png", dpi=130)
        images[nom_figure] = Image(tampon.getvalue(), *fig.get_size_inches())
        plt.close(fig)
    return images


def construire(
    commune: str, plan: Plan | None = None, annee: int | None = None, figures: bool = True
) -> Contenu:
    """Tout le contenu du document pour ``commune`` (avec les choix notés dans ``plan``, s'il y en a)."""
    nom = trouver_commune(commune)
    annee = annee or date.today().year + 1
    chiffres = Chiffres(nom, plan)
    reponses = m1.reponses_commune(nom)
    notee = plan.lire("m1", "grille") if plan else None
    grille_notee = (
        {k: bool(v) for k, v in notee.items() if k in reponses} if isinstance(notee, dict) else {}
    )
    reponses.update(grille_notee)
    scores = m1.scores_par_critere(reponses)
    global_ = m1.score_global(reponses)
    fiches = [
        _fiche_maturite(nom, scores, bool(grille_notee), annee),
        *_fiches_services(nom, plan, annee, chiffres),
        _fiche_centres(nom, plan, annee),
        _fiche_relais(nom, plan, annee, chiffres),
        _fiche_formation(nom, plan, annee, chiffres),
    ][:7]
    return Contenu(
        commune=nom,
        departement=str(chiffres["departement"]),
        annee=annee,
        chiffres=chiffres_cles(nom, plan, chiffres),
        scores=scores,
        grille_du_participant=bool(grille_notee),
        niveau=m1.niveau_maturite(global_),
        score_global=global_,
        critere_faible=str(scores.idxmin()),
        fiches=fiches,
        budget=_budget(plan, fiches, chiffres),
        nb_chiffres_commune=len(chiffres.miens),
        figures=_figures(nom, scores, bool(grille_notee)) if figures else {},
    )
