"""Une réponse, un contrôle : la vérification visible et les tests cachés ne se contredisent jamais.

Pour chaque question notée de chaque exercice de ``exercises/source/`` (trouvée
dans les carnets : les exercices ajoutés sont couverts d'office), on exécute
les cellules du carnet jusqu'à la question (import, solutions), puis on essaie
une banque de réponses de débutant tirées de la solution : arrondie, ×100,
÷100, ×1000, décalée d'un peu, plancher/plafond, écrite à la française
(« 267 812 », « 1,12 », « 12 % »), en int/float/numpy/texte, sans accents ni
tirets, en capitales, liste réordonnée, raccourcie, avec un doublon… Pour
chacune, la ligne visible (``qN.verifier(...)``) et le code des tests cachés
sont lancés séparément ; le test échoue sur tout désaccord, dans un sens ou
dans l'autre, et les énumère.

Mesure (issue 13), sur les six exercices des analystes (m0 à m5) : avant
``controler`` (commit 9d4173c), 821 désaccords sur 3 356 réponses essayées
(804 fois ✅ puis zéro au correcteur, 17 fois l'inverse) ; après, 0 sur les
mêmes 3 356 réponses. Les exercices des élus (``*_elus``), écrits avec
``controler`` : 0 désaccord sur 2 459 réponses.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from atelier import exercices

RACINE = Path(__file__).resolve().parents[1]
CARNETS = sorted((RACINE / "exercises" / "source").glob("*/*.ipynb"))
DEBUT, FIN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
VERIFICATION = re.compile(r"^(\w+)\.verifier\((\w+)\)\s*$", re.MULTILINE)
ERREUR_DE_CORRIGE = getattr(exercices, "ErreurDeCorrige", ())


def _cellules_de_code(carnet: Path) -> list[tuple[str, dict]]:
    contenu = json.loads(carnet.read_text(encoding="utf-8"))
    return [
        ("".join(c["source"]), c.get("metadata", {}).get("nbgrader", {}))
        for c in contenu["cells"]
        if c["cell_type"] == "code"
    ]


def _est_un_test(source: str, nbgrader: dict) -> bool:
    return (
        bool(nbgrader.get("grade")) and not nbgrader.get("solution") and VERIFICATION.search(source)
    )


# --- la banque de réponses de débutant ---------------------------------------------------


def _sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c))


def _francais(x: float, decimales: int, milliers: str = "\u202f") -> str:
    return f"{x:,.{decimales}f}".replace(",", "\x00").replace(".", ",").replace("\x00", milliers)


def _variantes_nombre(v: float) -> list:
    nombres = [
        v,
        round(v),
        round(v, 1),
        round(v, 2),
        math.floor(v),
        math.ceil(v),
        v * 100,
        v / 100,
        v * 1000,
        v / 1000,
        -v,
        v + 1,
        v - 1,
        v + 0.5,
        v - 0.5,
        v + 0.05,
        v - 0.05,
        v + 0.005,
        v - 0.005,
        v * 1.01,
        v * 0.99,
        v * 1.001,
        v * 0.999,
    ]
    reponses: list = []
    for x in dict.fromkeys(nombres):
        reponses += [x, np.float64(x), str(x)]
        if float(x).is_integer():
            reponses += [int(x), np.int64(int(x))]
    for d in (0, 1, 2):
        x = round(v, d)
        reponses += [
            _francais(x, d),
            _francais(x, d, "\xa0"),
            _francais(x, d, " "),
            _francais(x, d, ""),
            _francais(x, d) + " %",
            f"{x:.{d}f}%",
        ]
    if not float(v).is_integer():  # x = 64,7 : Python lit le tuple (64, 7)
        entiere, _, decimale = repr(round(abs(v), 2)).partition(".")
        reponses.append((int(entiere), int(decimale)))
    reponses += [pd.Series([v]), np.array([v]), True, "beaucoup", [v, v]]
    return reponses


def _variantes_texte(s: str, options) -> list:
    formes = [
        s,
        s.upper(),
        s.lower(),
        _sans_accents(s),
        s.replace("-", " "),
        _sans_accents(s).replace("-", " "),
        f"  {s}. ",
        s[:-1],
        s + "s",
        s.replace(" ", ""),
        ["une", "liste"],
        3,
    ]
    return formes + list(options)


def _variantes_liste(elements: list) -> list:
    e = [str(x) for x in elements]
    formes = [
        e,
        e[::-1],
        sorted(e),
        e[:-1],
        e + e[:1],
        [x.upper() for x in e],
        [_sans_accents(x) for x in e],
        [x.replace("-", " ").replace("_", " ") for x in e],
        tuple(e),
        set(e),
        pd.Series(e),
        np.array(e),
        e[1:] + ["autre"],
        ", ".join(e),
        [],
    ]
    return formes


def _variantes_booleen(b: bool) -> list:
    return [b, not b, np.bool_(b), "oui", "non", "Oui", "NON", "vrai", "faux", 1, 0, "peut-être"]


def _variantes_fonction(f) -> list:
    def transformee(t):
        return lambda *a: t(f(*a))

    return (
        [f]
        + [
            transformee(t)
            for t in (
                round,
                math.floor,
                math.ceil,
                lambda x: 100 * x,
                lambda x: x / 100,
                lambda x: x + 1,
                lambda x: str(x),
            )
        ]
        + [lambda *a: ..., "texte"]
    )


def banque(solution) -> list:
    """Les réponses plausibles d'un débutant, tirées de la solution (sans doublons)."""
    uniques = {}
    for reponse in _banque(solution):
        uniques.setdefault((type(reponse), _montrer(reponse)), reponse)
    return list(uniques.values())


def _banque(solution) -> list:
    if callable(solution):
        return _variantes_fonction(solution)
    if isinstance(solution, (bool, np.bool_)):
        return _variantes_booleen(bool(solution))
    if isinstance(solution, str):
        return _variantes_texte(solution, ())
    if hasattr(solution, "__len__") and getattr(solution, "size", 2) != 1:
        return _variantes_liste(list(solution))
    valeur = solution.item() if hasattr(solution, "item") else solution
    if isinstance(valeur, str):
        return _variantes_texte(valeur, ())
    return _variantes_nombre(float(valeur))


# --- l'exécution : visible d'un côté, caché de l'autre ------------------------------------


def _erreur(code: str, espace: dict) -> Exception | None:
    """L'erreur que lève le code (toute erreur vaut zéro point pour nbgrader), ou None."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, espace)  # noqa: S102 — le code des carnets du dépôt
    except Exception as exc:  # noqa: BLE001
        return exc
    return None


def _accepte(code: str, espace: dict, defauts: list, ou: str) -> bool:
    erreur = _erreur(code, espace)
    if isinstance(erreur, ERREUR_DE_CORRIGE):
        defauts.append(f"{ou} : {erreur}")
    return erreur is None


def _montrer(reponse) -> str:
    if callable(reponse):
        return f"fonction {id(reponse)}"
    return " ".join(repr(reponse).split())[:80]


def desaccords(carnet: Path) -> tuple[int, list[str], list[str]]:
    """(réponses essayées, désaccords, défauts du corrigé) pour un carnet noté."""
    espace: dict = {"__name__": "__main__"}
    essayees, trouves, defauts = 0, [], []
    for source, nbgrader in _cellules_de_code(carnet):
        if not _est_un_test(source, nbgrader):
            assert not (nbgrader.get("grade") and not nbgrader.get("solution")), (
                f"{carnet.parent.name} {nbgrader.get('grade_id')} : cellule notée sans « qN.verifier(...) » visible"
            )
            with contextlib.redirect_stdout(io.StringIO()):
                exec(source, espace)  # noqa: S102
            continue
        visible = source.split(DEBUT)[0]
        cache = source.split(DEBUT)[1].split(FIN)[0] if DEBUT in source else ""
        variable = VERIFICATION.search(visible).group(2)
        ou = f"{carnet.parent.name} {nbgrader.get('grade_id')}"
        solution = espace[variable]
        for code in (visible, cache):
            erreur = _erreur(code, dict(espace))
            assert erreur is None, (
                f"{ou} : la solution du carnet n'a pas tous les points : {erreur!r}"
            )
        options = getattr(espace.get(VERIFICATION.search(visible).group(1)), "options", ())
        reponses = banque(solution) + (_variantes_texte(str(solution), options) if options else [])
        for reponse in reponses:
            essayees += 1
            par_verifier = _accepte(visible, {**espace, variable: reponse}, defauts, ou)
            par_test_cache = _accepte(cache, {**espace, variable: reponse}, defauts, ou)
            if par_verifier != par_test_cache:
                sens = (
                    "verifier accepte, le test caché refuse"
                    if par_verifier
                    else "verifier refuse, le test caché accepte"
                )
                trouves.append(f"{ou} : {_montrer(reponse)} → {sens}")
    return essayees, trouves, defauts


@pytest.mark.lent
@pytest.mark.parametrize("carnet", CARNETS, ids=[c.parent.name for c in CARNETS])
def test_verifier_et_tests_caches_sont_d_accord(carnet):
    essayees, trouves, defauts = desaccords(carnet)
    print(f"{carnet.parent.name} : {essayees} réponses essayées, {len(trouves)} désaccord(s)")
    assert not defauts, "Défauts du corrigé (référence ≠ empreinte) :\n" + "\n".join(
        dict.fromkeys(defauts)
    )
    assert essayees > 0
    assert not trouves, f"{len(trouves)} désaccord(s) sur {essayees} réponses :\n" + "\n".join(
        trouves
    )


def test_la_banque_contient_les_formes_francaises():
    def de_type(solution, genre):
        return [r for r in banque(solution) if type(r) is genre]

    assert {"267\u202f812", "267 812", "267\xa0812"} <= set(de_type(np.int64(267812), str))
    assert "1,12" in de_type(1.12, str) and "12 %" in de_type(12, str)
    assert (64, 7) in de_type(64.7, tuple)
    listes = de_type(pd.Series(["Parakou", "Cotonou"]), list)
    assert ["Cotonou", "Parakou"] in listes and ["Parakou", "Cotonou", "Parakou"] in listes
    assert "Seme Podji" in de_type("Sèmè-Podji", str)
