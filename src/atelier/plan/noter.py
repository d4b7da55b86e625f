"""« Noter dans mon plan » et « Mes vrais chiffres » : ce que les leçons et les applications appellent.

Sous le simulateur où le participant règle les choix de sa commune, une cellule
``noter_dans_mon_plan()`` affiche un bouton qui note ces choix dans son plan
(``atelier.plan.stockage.Plan``), sous les clés que le document attend, et dit
ce qui est noté. Rouvert plus tard, le widget montre ce qui est déjà noté et
remet le simulateur sur ces choix.

``mes_vrais_chiffres()`` : un formulaire où la commune remplace un chiffre de
l'atelier par le sien, vérifié comme ``atelier.donnees.integrer_mes_chiffres``
vérifie un fichier (type, bornes de ``datapackage.json``), puis noté dans le plan
avec l'origine « vos chiffres ».
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from traitlets import TraitError

from atelier.donnees import (
    ErreurDonnees,
    charger,
    communes_disponibles,
    description_de_table,
    descriptions_des_tables,
    valider_tableau,
)
from atelier.erreurs import ErreurAtelier, nombre_fr
from atelier.exercices import lire_nombre
from atelier.modules.m1_planification import modele as m1
from atelier.plan import appli
from atelier.plan.contenu import COMPTEUR_M3, SERVICE_M3
from atelier.plan.stockage import ErreurPlan, Plan, chemin_par_defaut, commune_retenue, lire
from atelier.vues import Simulateur

ROUGE, VERT = "#a00", "#1b6e1b"


def _nombre(v) -> str:
    """« 1 140 000 », « 64,7 », « 3,25 » : sans décimales inutiles."""
    v = float(v)
    return nombre_fr(v, 0 if v.is_integer() else 1 if round(v, 1) == v else 2)


def _pct(v) -> str:
    return f"{_nombre(v)}\u00a0%"


def _liste(noms) -> str:
    noms = list(noms)
    return ", ".join(noms[:-1]) + f" et {noms[-1]}" if len(noms) > 1 else "".join(noms)


# --- Ce que chaque simulateur note ------------------------------------------------------
@dataclass(frozen=True)
class Genre:
    """Un simulateur dont les choix vont dans le plan : comment les lire, les remettre et les dire."""

    module: str
    controles: frozenset[str]  # les contrôles qui reconnaissent ce simulateur
    cles: tuple[str, ...]  # les clés du plan qu'il note
    choix: Callable[[Simulateur, dict], dict]  # (simulateur, champs du widget) → {clé: valeur}
    reglages: Callable[[dict], dict]  # {clé: valeur notée} → {contrôle: valeur}
    phrase: Callable[[dict], str]  # {clé: valeur notée} → texte pour le participant
    actions: bool = False  # un champ « vos actions » en plus du bouton


def _phrase_grille(n):
    grille = n.get("grille", {})
    return f"grille de maturité : {sum(bool(v) for v in grille.values())} indicateur(s) coché(s) sur {len(grille)}"


def _phrase_budget(n):
    morceaux = []
    if "part_pai_numerique" in n:
        morceaux.append(f"part du PAI pour le numérique : {_pct(n['part_pai_numerique'])}")
    if "baisse_fadec" in n:
        morceaux.append(f"scénario de baisse du FADeC : {_pct(n['baisse_fadec'])}")
    return " ; ".join(morceaux)


def _choix_centres(sim, _):
    return {
        "sites": list(sim.resultat["nouveaux_sites"]),
        "rayon_km": sim.controles["rayon_km"].value,
    }


def _phrase_centres(n):
    sites = n.get("sites") or []
    ou = f"nouveaux centres à {_liste(sites)}" if sites else "aucun nouveau centre"
    return f"{ou} (distance acceptable : {nombre_fr(n.get('rayon_km', 0))}\u00a0km)"


def _choix_services(sim, _):
    commune, part = sim.controles["commune"].value, sim.controles["part_en_ligne"].value
    service = {
        "service": SERVICE_M3,
        "van_fcfa": round(float(sim.resultat["van"])),
        "compteur": COMPTEUR_M3,
        "depart": round(float(m1.valeur_de_depart(commune)), 1),
        "cible": part,
        "unite": "%",
        "cout_fcfa": round(sim.controles["plateforme_millions"].value * 1e6),
    }
    return {"services": [service], "part_en_ligne_cible": part}


def _phrase_services(n):
    s = (n.get("services") or [{}])[0]
    van = f" ; VAN sur 5 ans : {nombre_fr(s['van_fcfa'])}\u00a0FCFA" if "van_fcfa" in s else ""
    return f"mettre en ligne la {s.get('service', SERVICE_M3).lower()}, cible {_pct(n.get('part_en_ligne_cible', 0))} des demandes{van}"


def _choix_relais(sim, champs):
    actions = [ligne.strip() for ligne in champs["actions"].value.splitlines() if ligne.strip()]
    return {"relais": sim.controles["nb_relais"].value, "actions": actions}


def _phrase_relais(n):
    actions = n.get("actions") or []
    detail = f" ; vos actions : {' ; '.join(actions)}" if actions else ""
    return f"{nombre_fr(n.get('relais', 0))} relais digitaux{detail}"


GENRES = [
    Genre(
        "m1",
        frozenset(m1.grille()["code"]),
        ("grille",),
        lambda sim, _: {"grille": {c: bool(sim.controles[c].value) for c in m1.grille()["code"]}},
        lambda n: {
            c: bool(v) for c, v in n.get("grille", {}).items() if c in set(m1.grille()["code"])
        },
        _phrase_grille,
    ),
    Genre(
        "m1",
        frozenset({"baisse", "part"}),
        ("part_pai_numerique", "baisse_fadec"),
        lambda sim, _: {
            "part_pai_numerique": sim.controles["part"].value,
            "baisse_fadec": sim.controles["baisse"].value,
        },
        lambda n: {
            c: n[k]
            for c, k in (("part", "part_pai_numerique"), ("baisse", "baisse_fadec"))
            if k in n
        },
        _phrase_budget,
    ),
    Genre(
        "m2",
        frozenset({"rayon_km", "nombre_centres"}),
        ("sites", "rayon_km"),
        _choix_centres,
        lambda n: (
            {"rayon_km": n["rayon_km"], "nombre_centres": len(n.get("sites") or [])}
            if "rayon_km" in n
            else {}
        ),
        _phrase_centres,
    ),
    Genre(
        "m3",
        frozenset({"part_en_ligne", "plateforme_millions"}),
        ("services", "part_en_ligne_cible"),
        _choix_services,
        lambda n: {"part_en_ligne": n["part_en_ligne_cible"]} if "part_en_ligne_cible" in n else {},
        _phrase_services,
    ),
    Genre(
        "m4",
        frozenset({"nb_relais", "mois"}),
        ("relais", "actions"),
        _choix_relais,
        lambda n: {"nb_relais": n["relais"]} if "relais" in n else {},
        _phrase_relais,
        actions=True,
    ),
    Genre(
        "m5",
        frozenset({"part_cible", "annees"}),
        ("part_cible", "annees"),
        lambda sim, _: {
            "part_cible": sim.controles["part_cible"].value,
            "annees": sim.controles["annees"].value,
        },
        lambda n: {k: n[k] for k in ("part_cible", "annees") if k in n},
        lambda n: (
            f"{_pct(n.get('part_cible', 0))} des adultes avec les compétences de base, "
            f"en {nombre_fr(n.get('annees', 0))} an{'s' if n.get('annees', 0) > 1 else ''}"
        ),
    ),
]


def genre_de(sim) -> Genre | None:
    """Le genre d'un simulateur (None s'il ne note rien dans le plan)."""
    controles = getattr(sim, "controles", None)
    if not isinstance(sim, Simulateur) or "commune" not in (controles or {}):
        return None
    return next((g for g in GENRES if g.controles <= set(controles)), None)


def dernier_simulateur() -> Simulateur:
    """Le dernier simulateur affiché dont les choix peuvent aller dans le plan."""
    vivants = list(getattr(widgets.Widget, "_active_widgets", {}).values())
    for widget in reversed(vivants):
        if genre_de(widget):
            return widget
    raise ErreurPlan("Lancez d'abord la cellule du simulateur, juste au-dessus, puis celle-ci.")


# --- Le widget « Noter dans mon plan » -----------------------------------------------------
class NoterDansMonPlan(widgets.VBox):
    """Un bouton sous un simulateur : note ses choix pour la commune choisie et dit ce qui est noté."""

    def __init__(self, sim: Simulateur, chemin=None):
        self.sim, self.genre = sim, genre_de(sim)
        if self.genre is None:
            raise ErreurPlan("Ce simulateur n'a pas de choix à noter dans votre plan.")
        self.chemin = chemin if chemin is not None else chemin_par_defaut()
        self.personnel = appli.plan_personnel_possible()
        self.bouton = widgets.Button(
            description="Noter dans mon plan",
            button_style="primary",
            icon="check",
            layout=widgets.Layout(width="16em"),
        )
        self.message = widgets.HTML()
        self.avertissement: str | None = None
        self.champs = {}
        enfants = []
        if self.genre.actions:
            self.champs["actions"] = widgets.Textarea(
                placeholder="Vos actions pour les relais et les entreprises du numérique, une par ligne",
                description="Vos actions",
                style={"description_width": "8em"},
                layout=widgets.Layout(width="36em", height="5em"),
            )
            enfants.append(self.champs["actions"])
        super().__init__([*enfants, self.bouton, self.message])
        self.bouton.on_click(self.noter)
        if not self.personnel:
            self.bouton.disabled = True
            self._dire(
                "Ici, sur l'application partagée de la salle, rien n'est gardé. Pour noter vos choix, "
                "ouvrez ce module dans votre JupyterLab.",
                "#8a4b00",
            )
            return
        self._reprendre_au_depart()
        sim.controles["commune"].observe(lambda _: self._montrer(reprendre=True), names="value")

    # lecture seule : ouvrir le plan pour le lire ne doit rien écrire
    def _lire(self) -> dict:
        # un fichier abîmé est mis de côté : le dire une fois
        donnees, avertissement = lire(self.chemin)
        self.avertissement = avertissement or self.avertissement
        return donnees

    def _notes(self, commune: str) -> dict:
        choix = Plan(self.chemin, self._lire(), commune).choix(self.genre.module)
        return {k: v for k, v in choix.items() if k in self.genre.cles}

    def _reprendre_au_depart(self) -> None:
        """Le simulateur reprend les choix notés : pour sa commune, sinon pour la dernière commune du plan."""
        menu = self.sim.controles["commune"]
        try:
            derniere = self._lire().get("commune")
            if not self._notes(menu.value) and derniere in menu.options and self._notes(derniere):
                menu.value = derniere
        except (ErreurAtelier, OSError) as erreur:
            return self._dire(str(erreur), ROUGE)
        self._montrer(reprendre=True)

    def _montrer(self, reprendre: bool = False) -> None:
        commune = self.sim.controles["commune"].value
        try:
            notes = self._notes(commune)
        except (ErreurAtelier, OSError) as erreur:
            return self._dire(str(erreur), ROUGE)
        if notes:
            texte = f"Déjà noté dans votre plan pour {commune} : {self._phrase(notes)}."
        else:
            texte = (
                f"Rien n'est encore noté pour {commune} dans ce module. Réglez le simulateur, puis "
                "cliquez sur « Noter dans mon plan »."
            )
        if reprendre and notes:
            try:
                self.appliquer(notes)
            except (TraitError, TypeError, ValueError, KeyError, AttributeError):
                texte += (
                    " Ces choix n'ont pas pu être remis dans le simulateur : réglez-le de nouveau."
                )
        avertissement, self.avertissement = self.avertissement, None
        self._dire((avertissement + " " if avertissement else "") + texte)

    def _phrase(self, notes: dict) -> str:
        try:
            return self.genre.phrase(notes)
        # fichier modifié à la main
        except (
            TypeError,
            ValueError,
            KeyError,
            AttributeError,
            IndexError,
        ):
            return "des choix que l'atelier ne sait pas relire (notez-les de nouveau)"

    def appliquer(self, notes: dict) -> None:
        reglages = {k: v for k, v in self.genre.reglages(notes).items() if k in self.sim.controles}
        if reglages:
            self.sim.regler(**reglages)
        if "actions" in self.champs:
            self.champs["actions"].value = "\n".join(notes.get("actions") or [])

    def noter(self, _=None) -> dict:
        """Note les choix du simulateur pour sa commune ; renvoie ce qui est noté."""
        commune = self.sim.controles["commune"].value
        try:
            valeurs = self.genre.choix(self.sim, self.champs)
            plan = Plan.ouvrir(commune, self.chemin)
            for cle, valeur in valeurs.items():
                plan.noter(self.genre.module, cle, valeur)
        except (ErreurAtelier, OSError) as erreur:
            self._dire(f"Rien n'a été noté : {erreur}", ROUGE)
            return {}
        self._dire(
            f"✓ Noté dans votre plan pour {commune} : {self.genre.phrase(valeurs)}. Vous le retrouvez "
            "dans « Mon plan numérique communal » (carnet applications/mon_plan.ipynb de votre "
            "JupyterLab), qui écrit la note au conseil communal.",
            VERT,
        )
        return valeurs

    def _dire(self, texte: str, couleur: str = "inherit") -> None:
        self.message.value = f"<p style='color:{couleur};margin:0.3em 0'>{html.escape(texte)}</p>"


def noter_dans_mon_plan(simulateur: Simulateur | None = None, chemin=None) -> NoterDansMonPlan:
    """Le bouton « Noter dans mon plan » pour ``simulateur`` (par défaut : le dernier affiché)."""
    return NoterDansMonPlan(simulateur if simulateur is not None else dernier_simulateur(), chemin)


# --- Mes vrais chiffres ------------------------------------------------------------------
CHIFFRES = (
    "population_2024",
    "population_adulte_2024",
    "part_couverture_4g",
    "taux_usage_internet",
    "part_menages_electricite",
    "part_competences_base",
    "budget_total_fcfa",
    "recettes_propres_fcfa",
    "fadec_non_affecte_fcfa",
    "pai_total_fcfa",
    "pai_numerique_fcfa",
    "demandes_actes_an",
    "part_actes_demandes_en_ligne",
    "delai_moyen_jours",
    "nb_guichets",
    "nb_relais",
    "nb_points_mobile_money",
)


def _champ(colonne: str) -> tuple[str, dict]:
    """La table (une ligne par commune) qui a cette colonne, et la description de la colonne."""
    for nom, ressource in descriptions_des_tables().items():
        if ressource["schema"].get("primaryKey") == ["commune"]:
            for champ in ressource["schema"]["fields"]:
                if champ["name"] == colonne:
                    return nom, champ
    raise ErreurDonnees(f"« {colonne} » n'est pas un chiffre de commune de l'atelier.")


def libelle(colonne: str) -> str:
    champ = _champ(colonne)[1]
    unite = champ.get("atelier:unite") or ""
    return champ.get("title", colonne) + (f" ({unite})" if unite else "")


def lire_mon_chiffre(commune: str, colonne: str, texte) -> float | int:
    """Le chiffre tapé (« 1 140 000 », « 64,7 », « 12 % »), vérifié comme un fichier de la commune."""
    table, champ = _champ(colonne)
    nombre = lire_nombre(texte) if isinstance(texte, str) else texte
    if nombre is None or isinstance(nombre, bool) or not isinstance(nombre, (int, float)):
        raise ErreurDonnees(
            f"« {texte} » ne se lit pas comme un nombre : écrivez par exemple 1 140 000 ou 64,7."
        )
    ecrit = str(int(nombre)) if float(nombre).is_integer() else repr(float(nombre))
    brut = pd.DataFrame({"commune": [commune], colonne: [ecrit]})
    try:
        valide = valider_tableau(brut, description_de_table(table), "votre saisie", partiel=True)
    except ErreurDonnees as erreur:
        raisons = " ; ".join(
            p.message.split(" : ligne")[0].split(", mais")[0] for p in erreur.problemes
        ) or str(erreur)
        raise ErreurDonnees(
            f"« {texte} » ne convient pas pour « {champ.get('title', colonne)} » : {raisons}."
        ) from None
    valeur = valide[colonne].iloc[0]
    return int(valeur) if champ["type"] == "integer" else float(valeur)


def noter_mon_chiffre(commune: str, colonne: str, texte, chemin=None) -> float | int:
    """Vérifie le chiffre et le note dans le plan de ``commune`` (origine « vos chiffres ») ; rien n'est écrit s'il est refusé."""
    valeur = lire_mon_chiffre(commune, colonne, texte)
    Plan.ouvrir(commune, chemin).noter_chiffre(colonne, valeur, "vos chiffres")
    return valeur


def valeur_de_l_atelier(commune: str, colonne: str) -> str:
    table, champ = _champ(colonne)
    valeur = charger(table).set_index("commune").at[commune, colonne]
    nature = {"synthétique": "donnée synthétique (fictive)", "réel": "recensement"}.get(
        champ.get("atelier:nature"), "calculé par l'atelier"
    )
    return f"{_nombre(valeur)} — {nature}"


def mes_vrais_chiffres(commune: str | None = None, chemin=None) -> widgets.VBox:
    """Le formulaire « Mes vrais chiffres » : commune, chiffre, votre valeur, bouton « Enregistrer »."""
    chemin = chemin if chemin is not None else chemin_par_defaut()
    personnel = appli.plan_personnel_possible()
    depart = commune or (commune_retenue(chemin) if personnel else None) or "Kandi"
    style = {"description_width": "10em"}
    menu = widgets.Dropdown(
        options=communes_disponibles(),
        value=depart,
        description="Votre commune",
        style=style,
        layout=widgets.Layout(width="36em"),
    )
    quel = widgets.Dropdown(
        options=[(libelle(c), c) for c in CHIFFRES],
        description="Chiffre",
        style=style,
        layout=widgets.Layout(width="48em"),
    )
    saisie = widgets.Text(
        description="Votre chiffre",
        placeholder="par exemple 1 140 000 ou 64,7",
        style=style,
        layout=widgets.Layout(width="28em"),
    )
    bouton = widgets.Button(
        description="Enregistrer", button_style="primary", icon="check", disabled=not personnel
    )
    atelier, message, liste = widgets.HTML(), widgets.HTML(), widgets.HTML()

    def montrer(_=None):
        atelier.value = f"<p>Chiffre de l'atelier : {html.escape(valeur_de_l_atelier(menu.value, quel.value))}</p>"
        if not personnel:
            liste.value = (
                "<p style='color:#8a4b00'>Ici, sur l'application partagée de la salle, rien n'est "
                "gardé : ouvrez ce formulaire dans votre JupyterLab.</p>"
            )
            return
        miens = Plan(chemin, lire(chemin)[0], menu.value).mes_chiffres()
        lignes = "".join(
            f"<li>{html.escape(libelle(c))} : {html.escape(_nombre(e['valeur']))} "
            f"({html.escape(e['origine'])})</li>"
            for c, e in miens.items()
            if c in CHIFFRES
        )
        liste.value = (
            f"<p>Vos chiffres pour {html.escape(menu.value)} :</p><ul>{lignes}</ul>"
            if lignes
            else f"<p>Aucun chiffre de {html.escape(menu.value)} n'est encore noté : l'atelier utilise les siens.</p>"
        )

    def enregistrer(_=None):
        try:
            valeur = noter_mon_chiffre(menu.value, quel.value, saisie.value, chemin)
        except (ErreurAtelier, OSError) as erreur:
            message.value = (
                f"<p style='color:{ROUGE}'>Rien n'a été noté : {html.escape(str(erreur))}</p>"
            )
            return
        message.value = (
            f"<p style='color:{VERT}'>✓ Noté pour {html.escape(menu.value)} : "
            f"{html.escape(libelle(quel.value))} = {html.escape(_nombre(valeur))} (vos chiffres).</p>"
        )
        montrer()

    menu.observe(montrer, names="value")
    quel.observe(montrer, names="value")
    bouton.on_click(enregistrer)
    montrer()
    boite = widgets.VBox([menu, quel, atelier, saisie, bouton, message, liste])
    boite.menu, boite.quel, boite.saisie, boite.bouton, boite.message, boite.liste = (
        menu,
        quel,
        saisie,
        bouton,
        message,
        liste,
    )
    return boite


__all__ = [
    "lire_mon_chiffre",
    "NoterDansMonPlan",
    "mes_vrais_chiffres",
    "noter_dans_mon_plan",
    "noter_mon_chiffre",
]
