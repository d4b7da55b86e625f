"""Le plan numérique d'un participant, gardé dans un petit fichier JSON lisible.

Un fichier par participant, dans son dossier personnel : ``~/mon_plan_numerique.json``
(sur le JupyterHub de la salle, chacun a le sien), ou le chemin donné par la
variable d'environnement ``ATELIER_PLAN``. Chaque changement est écrit tout de
suite (un noyau redémarré ne perd rien), d'un coup : fichier temporaire dans le
même dossier puis ``os.replace`` (sous Windows aussi ; pas de verrou ``fcntl``).
Avant chaque écriture le fichier est relu, pour qu'une leçon et une application
ouvertes en même temps n'effacent pas les choix l'une de l'autre.

Un fichier illisible, d'un autre schéma ou d'une autre version est mis de côté
(renommé avec la date, jamais écrasé), un message en français le dit, et un plan
neuf commence.

Schéma, version 1 ::

    {
      "version": 1,
      "commune": "Kandi",                      # la dernière commune choisie
      "modifie_le": "2026-12-04T19:30:00+00:00",
      "communes": {
        "Kandi": {
          "modules": {                         # m1 … m5 → clé → choix
            "m1": {"part_pai_numerique": {"valeur": 4.5, "source": "choix", "le": "…"}},
            …
          },
          "mes_chiffres": {                    # colonne d'une table de l'atelier → chiffre
            "population_2024": {"valeur": 210000, "origine": "vos chiffres", "le": "…"}
          }
        }
      }
    }

Clés attendues par le document (``atelier.plan.contenu``), toutes facultatives :

- m1 : ``grille`` ({code de la grille : vrai/faux}), ``part_pai_numerique`` (%),
  ``baisse_fadec`` (%, scénario) ;
- m2 : ``sites`` (arrondissements choisis pour un centre), ``rayon_km`` ;
- m3 : ``services`` (liste de {``service``, ``van_fcfa``, ``compteur``,
  ``depart``, ``cible``, ``cout_fcfa``}) ou ``part_en_ligne_cible`` (%) ;
- m4 : ``relais`` (nombre de relais), ``actions`` (liste de textes : les
  « activités prévues » de la fiche des relais) ;
- m5 : ``part_cible`` (%), ``annees`` (durée du plan de formation, de 1 à 10 ans).

``mes_chiffres`` : toute colonne des tables à une ligne par commune (voir
``atelier.plan.chiffres``) ; le document et la fiche commune les prennent à la
place des chiffres de l'atelier.

Depuis une leçon, une ligne suffit : ``Plan.ouvrir("Kandi").noter("m1", "part_pai_numerique", 4.5)``.
"""

from __future__ import annotations

import json
import math
import numbers
import os
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from atelier.donnees import trouver_commune
from atelier.erreurs import ErreurAtelier

VERSION = 1
NOM_FICHIER = "mon_plan_numerique.json"
MODULES = {
    "m1": "Module 1 : maturité et budget",
    "m2": "Module 2 : centres numériques",
    "m3": "Module 3 : services en ligne",
    "m4": "Module 4 : relais et entreprises",
    "m5": "Module 5 : formation des habitants",
}
ORIGINES = ("vos chiffres", "recensement", "synthétique")


class ErreurPlan(ErreurAtelier):
    """Un choix qui ne peut pas être noté dans le plan (message pour le participant)."""


def chemin_par_defaut() -> Path:
    """``ATELIER_PLAN`` si elle est donnée, sinon ``mon_plan_numerique.json`` du dossier personnel."""
    return Path(os.environ.get("ATELIER_PLAN") or Path.home() / NOM_FICHIER)


def _maintenant() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def plan_vide() -> dict:
    return {"version": VERSION, "commune": None, "modifie_le": None, "communes": {}}


def _json_simple(valeur, cle: str):
    """La valeur en types JSON simples (les nombres de numpy deviennent des nombres Python)."""
    if valeur is None or isinstance(valeur, (bool, str)):
        return valeur
    if hasattr(valeur, "item") and not isinstance(valeur, (list, dict)):  # numpy
        valeur = valeur.item()
    if isinstance(valeur, numbers.Integral):
        return int(valeur)
    if isinstance(valeur, numbers.Real):
        if not math.isfinite(valeur):
            raise ErreurPlan(
                f"« {cle} » : une valeur vide ou infinie ne peut pas être notée dans le plan."
            )
        return float(valeur)
    if isinstance(valeur, dict):
        return {str(k): _json_simple(v, cle) for k, v in valeur.items()}
    if isinstance(valeur, (list, tuple, set)):
        return [_json_simple(v, cle) for v in valeur]
    raise ErreurPlan(
        f"« {cle} » : le plan garde des nombres, des textes, des listes et des oui/non, "
        f"pas un objet de type {type(valeur).__name__}."
    )


def probleme_du_plan(donnees) -> str | None:
    """Ce qui empêche de lire ce contenu comme un plan de la version actuelle (None si rien)."""
    if not isinstance(donnees, dict) or "version" not in donnees:
        return "il ne ressemble pas à un plan de l'atelier"
    if donnees["version"] != VERSION:
        return (
            f"il a été écrit par une autre version de l'atelier (schéma {donnees['version']!r}, "
            f"celle-ci lit le schéma {VERSION})"
        )
    communes = donnees.get("communes")
    if not isinstance(communes, dict) or not all(
        isinstance(c, dict)
        and isinstance(c.get("modules", {}), dict)
        and all(
            isinstance(m, dict) and all(isinstance(e, dict) for e in m.values())
            for m in c.get("modules", {}).values()
        )
        and isinstance(c.get("mes_chiffres", {}), dict)
        and all(isinstance(e, dict) for e in c.get("mes_chiffres", {}).values())
        for c in communes.values()
    ):
        return "sa partie « communes » est abîmée"
    return None


def _mettre_de_cote(chemin: Path) -> Path:
    """Renomme le fichier en ``….illisible-AAAAMMJJ-HHMMSS.json`` (un numéro s'ajoute, rien n'est écrasé)."""
    horodatage = datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        suffixe = f"-{n}" if n else ""
        copie = chemin.with_name(f"{chemin.stem}.illisible-{horodatage}{suffixe}{chemin.suffix}")
        if not copie.exists():
            os.replace(chemin, copie)
            return copie
    raise ErreurPlan(
        f"Trop de copies de sauvegarde à côté de {chemin} : faites du ménage dans ce dossier."
    )


def lire(chemin: Path) -> tuple[dict, str | None]:
    """Le plan du fichier (un plan vide s'il n'existe pas) et le message à montrer, s'il y en a un."""
    try:
        texte = chemin.read_text(encoding="utf-8")
    except FileNotFoundError:
        return plan_vide(), None
    except (OSError, UnicodeDecodeError) as erreur:
        probleme = f"il ne peut pas être lu ({erreur.__class__.__name__})"
    else:
        try:
            donnees = json.loads(texte)
        except json.JSONDecodeError:
            probleme = (
                "son contenu n'est pas du JSON complet (fichier coupé ou modifié à la main ?)"
            )
        else:
            probleme = probleme_du_plan(donnees)
            if probleme is None:
                return donnees, None
    try:
        copie = _mettre_de_cote(chemin)
    except OSError as erreur:
        raise ErreurPlan(
            f"Votre plan {chemin} est illisible : {probleme}. Il n'a pas pu être mis de côté "
            f"({erreur.strerror}) ; rien n'a été écrasé. Montrez ce message au formateur."
        ) from None
    return plan_vide(), (
        f"Votre plan numérique {chemin.name} n'a pas pu être relu : {probleme}. Il est gardé tel quel "
        f"sous le nom {copie.name}, dans le même dossier ; un plan neuf commence. Le formateur peut "
        "vous aider à y reprendre vos choix."
    )


def ecrire(chemin: Path, donnees: dict) -> None:
    """Écrit le plan d'un coup : fichier temporaire dans le même dossier, puis ``os.replace``."""
    chemin.parent.mkdir(parents=True, exist_ok=True)
    texte = json.dumps(donnees, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    descripteur, temporaire = tempfile.mkstemp(
        dir=chemin.parent, prefix=f".{chemin.stem}-", suffix=".tmp"
    )
    try:
        with os.fdopen(descripteur, "w", encoding="utf-8", newline="\n") as f:
            f.write(texte)
            f.flush()
            os.fsync(f.fileno())
        for essai in range(5):  # sous Windows, un antivirus peut tenir le fichier un instant
            try:
                os.replace(temporaire, chemin)
                break
            except PermissionError:
                if essai == 4:
                    raise
                time.sleep(0.1)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise


def commune_retenue(chemin=None) -> str | None:
    """La commune du participant, sans rien écrire : celle que le hub de la salle a lue dans la
    liste (``ATELIER_COMMUNE``), sinon la dernière choisie dans son plan ; None si aucune."""
    try:
        dans_le_plan = lire(Path(chemin) if chemin is not None else chemin_par_defaut())[0].get(
            "commune"
        )
    except ErreurAtelier:  # plan illisible qui n'a pas pu être mis de côté : pas de commune connue
        dans_le_plan = None
    for nom in (os.environ.get("ATELIER_COMMUNE"), dans_le_plan):
        if isinstance(nom, str) and nom.strip():
            try:
                return trouver_commune(nom)
            except ErreurAtelier:
                continue
    return None


class Plan:
    """Les choix d'un participant pour sa commune, enregistrés à chaque changement.

    ``plan = Plan.ouvrir("Kandi")`` ; ``plan.noter("m1", "part_pai_numerique", 4.5)`` ;
    ``plan.lire("m1", "part_pai_numerique")`` → 4.5 ; ``plan.noter_chiffre("population_2024", 210000)``.
    """

    def __init__(
        self, chemin: Path, donnees: dict, commune: str | None, avertissement: str | None = None
    ):
        self.chemin = chemin
        self.donnees = donnees
        self.commune = commune
        self.avertissement = avertissement

    @classmethod
    def ouvrir(cls, commune: str | None = None, chemin=None) -> Plan:
        """Le plan du participant (``commune`` : la sienne ; sans elle, la dernière choisie)."""
        chemin = Path(chemin) if chemin is not None else chemin_par_defaut()
        donnees, avertissement = lire(chemin)
        nom = trouver_commune(commune) if commune is not None else donnees.get("commune")
        plan = cls(chemin, donnees, nom, avertissement)
        if avertissement or (nom is not None and nom != donnees.get("commune")):
            # note la commune choisie (et remplace le fichier mis de côté)
            plan._changer(lambda d: None)
        return plan

    # --- lecture ---------------------------------------------------------------------
    def _section(self, donnees: dict | None = None) -> dict:
        donnees = self.donnees if donnees is None else donnees
        return donnees["communes"].get(self.commune) or {"modules": {}, "mes_chiffres": {}}

    def lire(self, module: str, cle: str, defaut=None):
        """La valeur notée pour ``module`` et ``cle``, ou ``defaut`` si rien n'est noté."""
        entree = self._section().get("modules", {}).get(module, {}).get(cle)
        return defaut if entree is None else entree.get("valeur", defaut)

    def choix(self, module: str | None = None) -> dict:
        """Les choix notés : {module: {clé: valeur}} (ou {clé: valeur} d'un seul module)."""
        modules = {
            m: {cle: e.get("valeur") for cle, e in entrees.items()}
            for m, entrees in self._section().get("modules", {}).items()
        }
        return modules.get(module, {}) if module else modules

    def mes_chiffres(self) -> dict:
        """Les chiffres de la commune : {colonne: {"valeur": …, "origine": …}}."""
        return dict(self._section().get("mes_chiffres", {}))

    # --- écriture --------------------------------------------------------------------
    def _exiger_commune(self) -> str:
        if self.commune is None:
            raise ErreurPlan(
                'Choisissez d\'abord votre commune : Plan.ouvrir("Kandi"), avec le nom de la vôtre.'
            )
        return self.commune

    def _changer(self, changement) -> None:
        """Relit le fichier, applique ``changement(section)`` et réécrit tout de suite."""
        donnees, avertissement = lire(self.chemin)
        if avertissement:
            self.avertissement = avertissement
        if self.commune is not None:
            section = donnees["communes"].setdefault(self.commune, {})
            section.setdefault("modules", {})
            section.setdefault("mes_chiffres", {})
            changement(section)
            donnees["commune"] = self.commune
        donnees["modifie_le"] = _maintenant()
        ecrire(self.chemin, donnees)
        self.donnees = donnees

    def noter(self, module: str, cle: str, valeur, source: str = "choix") -> None:
        """Note un choix du participant (``source`` : « choix », « calcul »…) et l'enregistre."""
        self._exiger_commune()
        if module not in MODULES:
            raise ErreurPlan(
                f"Module inconnu : « {module} ». Les modules du plan : {', '.join(MODULES)}."
            )
        if not isinstance(cle, str) or not cle.strip():
            raise ErreurPlan(
                'Donnez un nom au choix, entre guillemets, par exemple "part_pai_numerique".'
            )
        entree = {"valeur": _json_simple(valeur, cle), "source": str(source), "le": _maintenant()}
        self._changer(lambda s: s["modules"].setdefault(module, {}).__setitem__(cle, entree))

    def oublier(self, module: str, cle: str) -> None:
        """Retire un choix du plan."""
        self._exiger_commune()
        self._changer(lambda s: s["modules"].get(module, {}).pop(cle, None))

    def noter_chiffre(self, colonne: str, valeur: float, origine: str = "vos chiffres") -> None:
        """Note un chiffre que la commune connaît mieux que l'atelier, avec son origine."""
        self._exiger_commune()
        if origine not in ORIGINES:
            raise ErreurPlan(
                f"Origine inconnue : « {origine} ». Origines possibles : {', '.join(ORIGINES)}."
            )
        if isinstance(valeur, bool) or not isinstance(_json_simple(valeur, colonne), (int, float)):
            raise ErreurPlan(f"« {colonne} » : donnez un nombre, par exemple 210000 (sans espace).")
        entree = {"valeur": _json_simple(valeur, colonne), "origine": origine, "le": _maintenant()}
        self._changer(lambda s: s["mes_chiffres"].__setitem__(colonne, entree))

    def enregistrer(self) -> None:
        """Réécrit le plan (chaque changement l'est déjà : utile après une copie vers un autre chemin)."""
        self._changer(lambda s: None)

    def __repr__(self) -> str:
        nb = sum(len(v) for v in self.choix().values())
        return f"Plan({self.commune!r}, {nb} choix notés, {self.chemin})"
