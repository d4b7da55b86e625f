"""Les anciens noms des fichiers des modules, pour les carnets écrits avant le dossier par module.

Jusqu'en décembre 2026, un module était rangé en trois endroits : ``atelier.modeles.m2_…``,
``atelier.vues.m2_…`` et ``atelier.questions.m2_…`` (et ``…_elus``). Une copie d'exercice déjà
récupérée, un carnet personnel ou un exercice en cours les importe encore : ces noms restent
valables et donnent les fichiers d'aujourd'hui (le même objet, pas une copie). Les carnets du kit
utilisent les nouveaux noms ; ceux-ci ne servent qu'à ne rien casser chez les participants.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

PAQUETS_DISPARUS = ("atelier.modeles", "atelier.questions")  # atelier.vues existe toujours


def nouveau_nom(ancien: str) -> str | None:
    """« atelier.vues.m2_centres_numeriques » → « atelier.modules.m2_centres_numeriques.vues » ;
    None si ``ancien`` n'est pas un ancien nom de fichier de module."""
    paquet, _, fichier = ancien.rpartition(".")
    if paquet not in ("atelier.modeles", "atelier.vues", "atelier.questions"):
        return None
    from atelier.modules import noms, questions_de

    module = fichier.removesuffix("_elus")
    if fichier == "fiche_commune" and paquet in ("atelier.modeles", "atelier.vues"):
        return "atelier.fiche_commune." + ("modele" if paquet == "atelier.modeles" else "vues")
    if module not in noms():
        return None
    if paquet == "atelier.questions":
        return questions_de(fichier)
    if fichier == module and paquet in ("atelier.modeles", "atelier.vues"):
        return f"atelier.modules.{module}." + ("modele" if paquet == "atelier.modeles" else "vues")
    return None


class AnciensChemins(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Trouve les anciens noms et les fait pointer vers les fichiers d'aujourd'hui."""

    def find_spec(self, nom, chemin=None, cible=None):
        if nom in PAQUETS_DISPARUS:
            return importlib.util.spec_from_loader(nom, self, is_package=True)
        if nouveau_nom(nom):
            return importlib.util.spec_from_loader(nom, self)
        return None

    def create_module(self, spec):
        return None  # un module vide ordinaire ; exec_module le remplace

    def exec_module(self, module) -> None:
        if module.__name__ in PAQUETS_DISPARUS:
            module.__path__ = []
            return
        # L'import rend ce qui est dans sys.modules à la fin : le fichier d'aujourd'hui lui-même.
        sys.modules[module.__name__] = importlib.import_module(nouveau_nom(module.__name__))


def installer() -> None:
    if not any(isinstance(f, AnciensChemins) for f in sys.meta_path):
        sys.meta_path.insert(0, AnciensChemins())
