"""Les carnets écrits avant le dossier par module (``atelier.vues.m2_…``, ``atelier.questions.m2_…``)
marchent toujours : une copie d'exercice déjà récupérée ou un carnet personnel ne casse pas."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from atelier import anciens_chemins, modules


@pytest.mark.parametrize("module", modules.MODULES, ids=modules.noms())
def test_chaque_ancien_nom_donne_le_fichier_d_aujourd_hui(module):
    nom = module.nom
    paires = {
        f"atelier.modeles.{nom}": f"{module.paquet}.modele",
        f"atelier.vues.{nom}": f"{module.paquet}.vues",
        f"atelier.questions.{nom}": f"{module.paquet}.questions",
        f"atelier.questions.{nom}_elus": f"{module.paquet}.questions_elus",
    }
    for ancien, nouveau in paires.items():
        assert anciens_chemins.nouveau_nom(ancien) == nouveau
        # le même, pas une copie
        assert importlib.import_module(ancien) is importlib.import_module(nouveau)


def test_la_fiche_commune_aussi_et_rien_d_autre():
    assert anciens_chemins.nouveau_nom("atelier.vues.fiche_commune") == "atelier.fiche_commune.vues"
    assert (
        anciens_chemins.nouveau_nom("atelier.modeles.fiche_commune")
        == "atelier.fiche_commune.modele"
    )
    for nom in (
        "atelier.donnees",
        "atelier.vues.style",
        "atelier.modules.m2_centres_numeriques.vues",
        "atelier.vues.m9_inconnu",
        "atelier.questions.m2_centres_numeriques_vues",
        "atelier.formateur.m0",
    ):
        assert anciens_chemins.nouveau_nom(nom) is None, nom
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("atelier.vues.m9_inconnu")


def test_une_cellule_d_exercice_d_avant_s_execute_dans_un_python_neuf():
    """Les lignes exactes des carnets distribués avant, dans un interpréteur qui n'a rien importé."""
    cellule = (
        "from atelier.modeles import m2_centres_numeriques as modele\n"
        "from atelier.questions.m2_centres_numeriques_elus import q1\n"
        "from atelier.vues.m2_centres_numeriques import simulateur_marge\n"
        "import atelier.modules.m2_centres_numeriques.vues as vues\n"
        "assert simulateur_marge is vues.simulateur_marge and q1.identifiant == 'm2_elus_q1'\n"
        "print(modele.__name__)\n"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", cellule], capture_output=True, text=True, check=True
    )
    assert sortie.stdout.strip() == "atelier.modules.m2_centres_numeriques.modele"
