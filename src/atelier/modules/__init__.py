"""Les modules de l'atelier : un dossier par module, et leur registre (une entrée par module).

Chaque module a son dossier ``atelier/modules/mN_<thème>/`` : ``modele.py`` (les calculs),
``vues.py`` (les graphiques et simulateurs), ``questions.py`` et ``questions_elus.py`` (les
questions notées des deux parcours). Le code des solutions est à part, dans
``atelier/solutions/`` : un seul dossier que la salle protège.

Le guide du formateur, la liste des applications, la page d'accueil et les tests lisent
ce registre au lieu de leurs propres listes. Ajouter un module (voir DEVELOPPEMENT.md,
« Ajouter un module ») : son dossier, ses carnets (leçon, exercices, application), ses pages
du guide, ses solutions, puis son entrée ici ; ``python -m atelier.modules`` récrit le tableau
des modules de la page d'accueil, et les tests vérifient que tout le reste suit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from atelier.chemins import CARNETS


@dataclass(frozen=True)
class Module:
    numero: int
    nom: (
        str  # « m2_centres_numeriques » : leçon, exercices, modèle, vues, questions, pages du guide
    )
    theme: str  # le thème de l'atelier de 2021 (page d'accueil)
    application: str  # le titre de son application sans code

    @property
    def cle(self) -> str:
        """« m2 » : la clé du module dans le plan numérique communal."""
        return f"m{self.numero}"

    @property
    def exercice_elus(self) -> str:
        return f"{self.nom}_elus"

    @property
    def paquet(self) -> str:
        """« atelier.modules.m2_centres_numeriques » : le dossier du module, à importer."""
        return f"{__name__}.{self.nom}"


def questions_de(exercice: str) -> str:
    """Le fichier Python des questions d'un exercice noté, à importer :
    « m2_centres_numeriques_elus » → « atelier.modules.m2_centres_numeriques.questions_elus »."""
    nom = exercice.removesuffix("_elus")
    return f"{__name__}.{nom}.questions" + ("_elus" if nom != exercice else "")


MODULES: tuple[Module, ...] = (
    Module(
        0,
        "m0_prise_en_main",
        "Prise en main des carnets",
        "Module 0 : projeter la population de sa commune",
    ),
    Module(
        1,
        "m1_planification",
        "Intégrer le numérique dans la planification communale",
        "Module 1 : maturité numérique et budget",
    ),
    Module(
        2,
        "m2_centres_numeriques",
        "Centres communautaires de ressources numériques",
        "Module 2 : implanter des centres numériques",
    ),
    Module(
        3,
        "m3_dematerialisation",
        "Dématérialisation des services communaux",
        "Module 3 : mettre un service en ligne",
    ),
    Module(
        4,
        "m4_entreprises_relais",
        "Entreprises, start-ups et relais digitaux",
        "Module 4 : kiosques et relais digitaux",
    ),
    Module(
        5,
        "m5_formation",
        "Programmes de formation et de sensibilisation",
        "Module 5 : former les habitants",
    ),
)


def noms(modules: tuple[Module, ...] | None = None) -> list[str]:
    return [m.nom for m in (MODULES if modules is None else modules)]


# --------------------------------------------------------------------------- page d'accueil

ACCUEIL = CARNETS / "00_accueil.ipynb"
ENTETE = "| Module | Thème | Leçon | Exercice noté des élus | Exercice noté des analystes |\n|---|---|---|---|---|\n"


def tableau_accueil(modules: tuple[Module, ...] | None = None) -> str:
    """Le tableau des modules de la page d'accueil (liens relatifs au dossier notebooks/)."""
    lignes = [
        f"| {m.numero} | {m.theme} | [ouvrir]({m.nom}.ipynb) "
        f"| [ouvrir](../mes_exercices/{m.exercice_elus}/{m.exercice_elus}.ipynb) "
        f"| [ouvrir](../mes_exercices/{m.nom}/{m.nom}.ipynb) |\n"
        for m in (MODULES if modules is None else modules)
    ]
    return ENTETE + "".join(lignes)


def accueil_avec_tableau(carnet: dict, modules: tuple[Module, ...] | None = None) -> dict:
    """Le carnet d'accueil avec son tableau des modules récrit d'après le registre."""
    for cellule in carnet["cells"]:
        texte = "".join(cellule["source"])
        if cellule["cell_type"] == "markdown" and ENTETE in texte:
            debut = texte.index(ENTETE)
            fin = texte.find("\n\n", debut)
            fin = len(texte) if fin == -1 else fin + 1
            nouveau = texte[:debut] + tableau_accueil(modules) + texte[fin:]
            en_lignes = isinstance(cellule["source"], list)
            cellule["source"] = nouveau.splitlines(keepends=True) if en_lignes else nouveau
            return carnet
    raise ValueError("La page d'accueil n'a plus de tableau des modules.")


def ecrire_accueil(carnet: Path = ACCUEIL) -> bool:
    """Récrit le tableau de la page d'accueil ; vrai s'il a changé."""
    avant = carnet.read_text(encoding="utf-8")
    apres = json.dumps(accueil_avec_tableau(json.loads(avant)), ensure_ascii=False, indent=1) + "\n"
    if apres != avant:
        carnet.write_text(apres, encoding="utf-8")
    return apres != avant
