"""Le registre des modules (atelier.modules) : le guide, les applications et la page
d'accueil le suivent ; chaque module inscrit a tous ses fichiers."""

from __future__ import annotations

import importlib
import json

import pytest
from test_guide import PAGE_MODULE, copie_du_guide

from atelier import applications, guide, modules

from conftest import RACINE

ESSAI = modules.Module(6, "m6_essai", "Un thème d'essai", "Module 6 : une application d'essai")


@pytest.mark.parametrize("module", modules.MODULES, ids=modules.noms())
def test_chaque_module_inscrit_a_tous_ses_fichiers(module):
    nom = module.nom
    attendus = [
        RACINE / "notebooks" / f"{nom}.ipynb",
        RACINE / "notebooks" / "applications" / f"{nom}.ipynb",
        RACINE / "exercises" / "source" / nom / f"{nom}.ipynb",
        RACINE / "exercises" / "source" / module.exercice_elus / f"{module.exercice_elus}.ipynb",
        RACINE / "facilitator_guide" / "modules" / f"{nom}.md",
        RACINE / "facilitator_guide" / "fiches" / f"{nom}.md",
    ]
    assert [str(f.relative_to(RACINE)) for f in attendus if not f.is_file()] == []
    for fichier in ("modele", "vues", "questions", "questions_elus"):
        importlib.import_module(f"{module.paquet}.{fichier}")
    for exercice in (nom, module.exercice_elus):
        assert importlib.import_module(modules.questions_de(exercice)).__name__.startswith(
            module.paquet
        )
        assert (RACINE / "src" / "atelier" / "solutions" / f"{exercice}.json").is_file()


def test_la_page_d_accueil_suit_le_registre():
    carnet = json.loads(modules.ACCUEIL.read_text(encoding="utf-8"))
    tableau = next(
        "".join(c["source"]) for c in carnet["cells"] if modules.ENTETE in "".join(c["source"])
    )
    assert modules.tableau_accueil() in tableau, (
        "page d'accueil en retard : lancez « python -m atelier.modules »"
    )


def test_un_module_ajoute_au_registre_paraît_partout(tmp_path, monkeypatch):
    monkeypatch.setattr(modules, "MODULES", (*modules.MODULES, ESSAI))

    # La page d'accueil : sa ligne, avec ses liens.
    carnet = modules.accueil_avec_tableau(json.loads(modules.ACCUEIL.read_text(encoding="utf-8")))
    texte = "".join("".join(c["source"]) for c in carnet["cells"])
    assert "| 6 | Un thème d'essai | [ouvrir](m6_essai.ipynb) " in texte
    assert "../mes_exercices/m6_essai_elus/m6_essai_elus.ipynb" in texte
    assert texte.count("| 5 | Programmes de formation") == 1, (
        "le reste du tableau est gardé tel quel"
    )

    # La liste des applications : son titre.
    (tmp_path / "carnets" / "applications").mkdir(parents=True)
    (tmp_path / "carnets" / "applications" / "m6_essai.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(applications, "CARNETS", tmp_path / "carnets")
    assert applications.applications() == {"m6_essai": ESSAI.application}

    # Le guide : ses pages entrent dans le guide ; sans entrée au registre, elles sont refusées.
    copie = copie_du_guide(tmp_path)
    (copie / "modules" / "m6_essai.md").write_text(
        PAGE_MODULE + "\nPAGE-DU-MODULE-6\n", encoding="utf-8"
    )
    (copie / "fiches" / "m6_essai.md").write_text(
        "# Fiche du module 6\n\nUne page.\n", encoding="utf-8"
    )
    resultat = guide.construire(copie, tmp_path / "sortie")
    assert "PAGE-DU-MODULE-6" in resultat.html.read_text(encoding="utf-8")
    monkeypatch.setattr(modules, "MODULES", modules.MODULES[:-1])
    with pytest.raises(guide.ErreurGuide, match="m6_essai.md : module absent du registre"):
        guide.construire(copie, tmp_path / "sortie2")
