"""Module 4 — les simulateurs : secteurs d'une commune, rentabilité d'un kiosque, réseau de relais.

Chaque fonction renvoie un ``Simulateur`` (à mettre en dernière ligne d'une
cellule). Le calcul est dans ``atelier.modules.m4_entreprises_relais.modele`` ; ici,
on lit les données, on appelle le modèle, on dessine un graphique et on
renvoie un petit résumé (``simulateur.resultat``) que les tests lisent.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from atelier.donnees import (
    MENTION_SYNTHETIQUE,
    charger,
    charger_communes,
    communes_disponibles,
    parametre,
    trouver_commune,
)
from atelier.erreurs import ErreurAtelier, afficher, nombre_fr
from atelier.modules.m4_entreprises_relais import modele
from atelier.vues import Simulateur, curseur, figure, menu
from atelier.vues.style import BLEU, ORANGE, VERT
from atelier.vues.style import GRIS_FONCE as GRIS

# Couleurs lisibles par les daltoniens (Okabe et Ito), doublées de styles de trait pour le noir et blanc.
_MILLIERS = FuncFormatter(lambda x, _pos: nombre_fr(x, 0))


def _ligne(commune: str):
    return (
        charger_communes("economie_numerique", "connectivite")
        .set_index("commune")
        .loc[trouver_commune(commune)]
    )


# --- Explorer : les secteurs du numérique d'une commune ------------------------------


def explorer_secteurs(commune: str = "Cotonou") -> Simulateur:
    """Les entreprises du numérique d'une commune par secteur, comparées à l'ensemble du pays."""
    secteurs = charger("entreprises_secteurs")
    pays = modele.repartition_secteurs(secteurs).set_index("secteur")[
        "part_pct"
    ]  # ne dépend pas du menu

    place = []  # la place des axes, calculée une fois : toutes les communes ont les mêmes secteurs

    def dessiner(commune):
        if not place:
            essai, ax = plt.subplots(figsize=(9, 4.6), layout="constrained")
            tracer(ax, commune)
            essai.canvas.draw()
            place.append(ax.get_position().bounds)
            plt.close(essai)
        # la même place à chaque image : rien à recalculer
        fig, ax = figure(9, 4.6, mise_en_page=None)
        ax.set_position(place[0])
        return tracer(ax, commune)

    def tracer(ax, commune):
        locale = modele.repartition_secteurs(secteurs, commune)
        ordre = locale["secteur"][::-1]
        y = range(len(ordre))
        ax.barh(
            [i + 0.2 for i in y],
            locale.set_index("secteur").loc[ordre, "part_pct"],
            height=0.4,
            color=BLEU,
            label=commune,
        )
        ax.barh(
            [i - 0.2 for i in y],
            pays.loc[ordre],
            height=0.4,
            color="white",
            edgecolor=GRIS,
            hatch="///",
            label="Ensemble des 77 communes",
        )
        ax.set_yticks(list(y), ordre, fontsize=8.5)
        ax.set_xlabel("Part des entreprises du numérique de la commune (%)")
        premier = locale.iloc[0]
        total = int(locale["nb_entreprises"].sum())
        ax.figure.suptitle(  # au centre de la figure, sur trois lignes : le plus long secteur y tient
            f"{commune} : « {premier['secteur']} » en tête,\n{nombre_fr(premier['nb_entreprises'])} "
            f"entreprises sur {nombre_fr(total)}\n{MENTION_SYNTHETIQUE}",
            fontsize=10.5,
        )
        ax.legend(loc="lower right", fontsize=8.5)
        return {
            "commune": commune,
            "total": total,
            "premier_secteur": premier["secteur"],
            "part_premier_pct": float(premier["part_pct"]),
        }

    return Simulateur(
        {"commune": menu("Commune", communes_disponibles(), trouver_commune(commune))},
        dessiner,
        titre="Les entreprises du numérique de votre commune, par secteur",
        explication="Barres pleines : la commune choisie ; barres hachurées : l'ensemble du pays.",
    )


# --- Le seuil de rentabilité d'un kiosque relais -------------------------------------


def simulateur_rentabilite(commune: str = "Parakou") -> Simulateur:
    """Recettes et coûts d'un kiosque relais selon le prix, les visites par jour et les charges.

    Les curseurs partent des valeurs (synthétiques) de la commune choisie.
    """
    ligne = _ligne(commune)
    nom = ligne.name

    def dessiner(prix, visites_par_jour, cout_variable, loyer, salaire, jours):
        fixes = modele.charges_fixes(loyer, salaire)
        try:
            seuil_jour = modele.seuil_par_jour(fixes, prix, cout_variable, jours)
        except ErreurAtelier as exc:
            afficher(f"⚠️ {exc}")
            seuil_jour = None
        resultat = modele.resultat_mensuel(visites_par_jour, prix, cout_variable, fixes, jours)
        visites_max = max(40, visites_par_jour + 5, (seuil_jour or 0) + 5)
        courbe = modele.courbe_rentabilite(prix, cout_variable, fixes, visites_max, jours)

        fig, ax = figure(9, 4.8)
        ax.plot(
            courbe["visites_par_jour"],
            courbe["recettes"],
            color=BLEU,
            linewidth=2.2,
            label="Recettes du mois",
        )
        ax.plot(
            courbe["visites_par_jour"],
            courbe["couts_totaux"],
            color=ORANGE,
            linewidth=2.2,
            linestyle="--",
            label="Coûts du mois (charges fixes + coûts variables)",
        )
        if seuil_jour is not None:
            ax.axvline(
                seuil_jour,
                color=GRIS,
                linestyle=":",
                linewidth=1.5,
                label=f"Seuil : {seuil_jour} visites par jour",
            )
        ax.scatter(
            [visites_par_jour],
            [visites_par_jour * jours * prix],
            color="black",
            zorder=5,
            label=f"Vos {visites_par_jour} visites par jour",
        )
        ax.set_xlabel(f"Visites par jour d'ouverture ({jours} jours par mois)")
        ax.set_ylabel("FCFA par mois")
        ax.yaxis.set_major_formatter(_MILLIERS)
        ax.set_xlim(0, visites_max)
        ax.set_ylim(bottom=0)
        bilan = (
            f"bénéfice de {nombre_fr(round(resultat))} FCFA par mois"
            if resultat >= 0
            else f"perte de {nombre_fr(round(-resultat))} FCFA par mois"
        )
        debut = (
            f"rentable dès {seuil_jour} visites par jour"
            if seuil_jour is not None
            else "jamais rentable à ce prix"
        )
        ax.set_title(
            f"Kiosque relais à {nom} : {debut} ; à {visites_par_jour} visites, {bilan}\n"
            f"{MENTION_SYNTHETIQUE}",
            fontsize=10.5,
        )
        ax.legend(loc="upper left", fontsize=8.5)
        return {
            "seuil_par_jour": seuil_jour,
            "resultat_mensuel": resultat,
            "rentable": resultat >= 0,
            "charges_fixes": fixes,
        }

    controles = {
        "prix": curseur(
            "Prix d'une prestation (FCFA)", 100, 2000, int(ligne["prix_prestation_fcfa"]), pas=50
        ),
        "visites_par_jour": curseur("Visites par jour", 0, 80, 10),
        "cout_variable": curseur(
            "Coût d'une prestation (FCFA)", 0, 1000, int(ligne["cout_variable_fcfa"]), pas=25
        ),
        "loyer": curseur("Loyer (FCFA/mois)", 0, 150_000, int(ligne["loyer_fcfa"]), pas=1000),
        "salaire": curseur("Salaire (FCFA/mois)", 0, 200_000, int(ligne["salaire_fcfa"]), pas=1000),
        "jours": curseur("Jours d'ouverture par mois", 10, 31, modele.JOURS_OUVERTURE_MOIS),
    }
    return Simulateur(
        controles,
        dessiner,
        titre=f"Le seuil de rentabilité d'un kiosque relais à {nom}",
        explication=(
            "Le kiosque gagne de l'argent à droite du seuil, là où la ligne bleue des recettes passe "
            "au-dessus de la ligne orange des coûts."
        ),
    )


# --- Le réseau de relais digitaux --------------------------------------------------------


def simulateur_relais(commune: str = "Banikoara") -> Simulateur:
    """Relais × mois → part des adultes hors ligne atteints, mois par mois (plafonnée à 100 %)."""
    communes = charger_communes("economie_numerique", "connectivite").set_index("commune")
    citoyens_defaut = int(parametre("citoyens_formes_par_relais_mois"))

    def dessiner(commune, nb_relais, mois, citoyens_par_relais_mois):
        ligne = communes.loc[commune]
        hors_ligne = modele.adultes_hors_ligne(
            ligne["population_adulte_2024"], ligne["taux_usage_internet"]
        )
        table = modele.atteinte_par_mois(nb_relais, mois, hors_ligne, citoyens_par_relais_mois)
        part = float(table["part_atteinte_pct"].iloc[-1])
        necessaires = modele.relais_necessaires(hors_ligne, citoyens_par_relais_mois, mois)
        duree = modele.mois_necessaires(nb_relais, hors_ligne, citoyens_par_relais_mois)

        fig, ax = figure(9, 4.6)
        ax.plot(
            table["mois"],
            table["part_atteinte_pct"],
            color=VERT,
            linewidth=2.4,
            marker="o",
            markersize=3.5,
            label=f"{nb_relais} relais × {citoyens_par_relais_mois} personnes par mois",
        )
        ax.axhline(
            100, color=GRIS, linestyle="--", linewidth=1.2, label="Tous les adultes hors ligne"
        )
        ax.set_xlabel("Mois depuis le lancement du réseau")
        ax.set_ylabel("Adultes hors ligne atteints (%, cumul)")
        ax.set_xlim(0, mois)
        ax.set_ylim(0, 105)
        ax.set_title(
            f"{commune} : avec {nb_relais} relais, {nombre_fr(round(part))} % des "
            f"{nombre_fr(round(hors_ligne))} adultes hors ligne atteints en {mois} mois\n"
            f"(il en faudrait {necessaires} pour tous les atteindre) — {MENTION_SYNTHETIQUE}",
            fontsize=10,
        )
        ax.legend(loc="lower right", fontsize=8.5)
        return {
            "commune": commune,
            "adultes_hors_ligne": hors_ligne,
            "part_atteinte_pct": part,
            "relais_necessaires": necessaires,
            "mois_necessaires": duree,
        }

    nom = trouver_commune(commune)
    controles = {
        "commune": menu("Commune", communes_disponibles(), nom),
        "nb_relais": curseur("Nombre de relais", 1, 400, int(communes.loc[nom, "nb_relais"])),
        "mois": curseur("Durée (mois)", 1, 48, 12),
        "citoyens_par_relais_mois": curseur(
            "Personnes formées par relais et par mois", 10, 120, citoyens_defaut, pas=5
        ),
    }
    return Simulateur(
        controles,
        dessiner,
        titre="Dimensionner un réseau de relais digitaux",
        explication=(
            "Au départ, le curseur « Nombre de relais » montre les relais actifs de la commune. "
            "Rwanda : chaque ambassadeur numérique s'engage à former 60 personnes par mois [58]."
        ),
    )
