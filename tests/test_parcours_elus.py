"""Le parcours des élus, pour les six modules à la fois : chaque réponse du corrigé passe
l'autocontrôle et le test caché, et les trois points de départ ne sont pas encore une réponse.

Les tests propres à chaque module (la valeur lue à l'écran, les erreurs plausibles) sont dans
tests/test_mN_<thème>_elus.py."""

from __future__ import annotations

import importlib

import pytest

from atelier import modules
from atelier.exercices import NonRepondu, controler

from conftest import RACINE, reponses_du_corrige

EXERCICES = sorted(d.name for d in (RACINE / "exercises" / "source").glob("*_elus") if d.is_dir())
CAS = [
    (exercice, nom, valeur)
    for exercice in EXERCICES
    for nom, valeur in sorted(reponses_du_corrige(exercice).items())
]


def _question(exercice: str, nom: str):
    module = importlib.import_module(modules.questions_de(exercice))
    return getattr(module, nom.removeprefix("reponse_"))


def test_chaque_module_du_registre_a_son_parcours_des_elus():
    assert EXERCICES == [m.exercice_elus for m in modules.MODULES]
    assert len(CAS) >= len(modules.MODULES) * 3


@pytest.mark.parametrize(("exercice", "nom", "valeur"), CAS, ids=[f"{e}-{n}" for e, n, _ in CAS])
def test_la_reponse_du_corrige_passe_la_verification_et_le_test_cache(
    exercice, nom, valeur, capsys
):
    question = _question(exercice, nom)
    question.verifier(valeur)
    controler(question, valeur, valeur)
    assert "bonne réponse" in capsys.readouterr().out


@pytest.mark.parametrize(("exercice", "nom", "valeur"), CAS, ids=[f"{e}-{n}" for e, n, _ in CAS])
def test_les_trois_points_ne_sont_pas_encore_une_reponse(exercice, nom, valeur):
    with pytest.raises(NonRepondu, match="pas encore répondu"):
        _question(exercice, nom).verifier(...)
