"""L'architecture du paquet ``atelier`` : pas de cycle d'import, pas de nom privé emprunté, des couches.

Les fichiers de ``src/atelier`` sont lus avec ``ast`` (rien n'est importé) et chaque ligne
``import`` / ``from … import`` vers le kit devient une flèche du graphe des imports.

Règles (issue 19) :

1. **Aucun cycle d'import.** Un import écrit dans une fonction (import « paresseux ») compte comme
   un import en tête de fichier : il retarde le cycle, il ne le supprime pas. Le chargement
   implicite des paquets parents (importer ``atelier.modules.m1_….vues`` exécute ``atelier/__init__.py``) ne
   compte pas : seules les lignes écrites comptent (un import par son nom en texte,
   ``importlib.import_module("…")``, n'est pas vu : à éviter).
2. **Pas de nom privé emprunté à un autre module.** Un nom qui commence par un tiret bas
   (``_secrets``) appartient au fichier qui le définit : ni ``from atelier.x import _nom`` ni
   ``x._nom`` depuis un autre fichier. Seule exception : les fichiers d'un même dossier forment un
   seul module et peuvent partager leurs aides privées entre eux, pour un outil (``formateur/``,
   ``salle/``, ``plan/``) comme pour un module du cours (``modules/m2_…/``, ``fiche_commune/``). À la
   racine d'``atelier/``, chaque fichier est un module à part : ce qu'il prête aux autres porte un
   nom public.
3. **Des couches.** ``atelier.socle`` n'importe rien du kit ; ``atelier.donnees`` n'importe que le
   socle et ``atelier.chemins`` ; un modèle (``…/modele.py`` d'un module) n'importe du kit que
   ``atelier.donnees`` et ``atelier.socle``, et hors du kit que la bibliothèque standard, numpy et
   pandas (ni widgets, ni graphiques, ni le cadre des exercices) ; des questions
   (``…/questions*.py``) n'importent que le cadre des exercices, les modèles, les données et le
   socle, jamais une vue ; une vue (``…/vues.py``) importe le modèle de son module, le cadre et le
   style communs des vues (``atelier.vues``), les cartes, les données, les messages (``erreurs``,
   ``socle``) et le plan du participant, jamais la vue d'un autre module.

Les écarts encore présents dans des fichiers que d'autres modifient en ce moment sont listés
ci-dessous, un par un, « à corriger (issue 19) » : le test échoue sur tout écart nouveau, et aussi
quand un écart listé a disparu (pour que la liste ne garde pas d'entrée morte).
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import RACINE

SOURCES = RACINE / "src"

# Les écarts connus, un par un, « à corriger » : aucun aujourd'hui.
NOMS_PRIVES_TOLERES: set[tuple[str, str, str]] = set()
COUCHES_TOLEREES: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    source: str  # le module qui importe
    cible: str  # le module du kit importé
    nom: str | None  # le nom pris dans la cible (from cible import nom), sinon None
    ligne: int


def nom_du_module(chemin: Path) -> str:
    parties = chemin.relative_to(SOURCES).with_suffix("").parts
    return ".".join(parties[:-1] if parties[-1] == "__init__" else parties)


def modules_du_kit() -> dict[str, Path]:
    return {nom_du_module(p): p for p in sorted((SOURCES / "atelier").rglob("*.py"))}


def _est_paquet(module: str, modules: dict[str, Path]) -> bool:
    return modules[module].name == "__init__.py"


def _absolu(module: str, noeud: ast.ImportFrom, modules: dict[str, Path]) -> str:
    if not noeud.level:
        return noeud.module or ""
    paquet = module.split(".") if _est_paquet(module, modules) else module.split(".")[:-1]
    base = paquet[: len(paquet) - noeud.level + 1]
    return ".".join([*base, *([noeud.module] if noeud.module else [])])


def _module_connu(nom: str, modules: dict[str, Path]) -> str | None:
    """Le plus long préfixe de ``nom`` qui est un fichier du kit."""
    parties = nom.split(".")
    for fin in range(len(parties), 0, -1):
        candidat = ".".join(parties[:fin])
        if candidat in modules:
            return candidat
    return None


def imports_du_kit(module: str, modules: dict[str, Path]) -> list[Import]:
    """Tous les imports de ``module`` vers le kit, en tête de fichier comme dans les fonctions."""
    arbre = ast.parse(modules[module].read_text(encoding="utf-8"))
    trouves = []
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            for alias in noeud.names:
                cible = _module_connu(alias.name, modules)
                if cible:
                    trouves.append(Import(module, cible, None, noeud.lineno))
        elif isinstance(noeud, ast.ImportFrom):
            base = _absolu(module, noeud, modules)
            for alias in noeud.names:
                sous_module = f"{base}.{alias.name}"
                if sous_module in modules:
                    trouves.append(Import(module, sous_module, None, noeud.lineno))
                elif base in modules:
                    trouves.append(Import(module, base, alias.name, noeud.lineno))
    return [i for i in trouves if i.cible != module]


def _noms_de_modules(module: str, modules: dict[str, Path]) -> dict[str, str]:
    """Les noms locaux liés à un module du kit : ``donnees`` pour ``from atelier import donnees``."""
    arbre = ast.parse(modules[module].read_text(encoding="utf-8"))
    noms = {}
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            for alias in noeud.names:
                if alias.asname and alias.name in modules:
                    noms[alias.asname] = alias.name
                elif not alias.asname and alias.name.split(".")[0] == "atelier":
                    noms["atelier"] = "atelier"
        elif isinstance(noeud, ast.ImportFrom):
            base = _absolu(module, noeud, modules)
            for alias in noeud.names:
                if f"{base}.{alias.name}" in modules:
                    noms[alias.asname or alias.name] = f"{base}.{alias.name}"
    return noms


def _chemin_pointe(noeud: ast.expr) -> str | None:
    if isinstance(noeud, ast.Name):
        return noeud.id
    if isinstance(noeud, ast.Attribute):
        debut = _chemin_pointe(noeud.value)
        return f"{debut}.{noeud.attr}" if debut else None
    return None


def _prive(nom: str) -> bool:
    return nom.startswith("_") and not nom.startswith("__")


def _dossier(module: str) -> str:
    return module.rsplit(".", 1)[0]


def _partage_permis(source: str, cible: str) -> bool:
    """Deux fichiers d'un même dossier (outil ou module du cours) : un seul module."""
    return _dossier(source) == _dossier(cible) and _dossier(source) != "atelier"


def emprunts_prives(modules: dict[str, Path]) -> set[tuple[str, str, str]]:
    """(module, module prêteur, nom privé) pour chaque nom privé pris à un autre module."""
    emprunts = set()
    for module in modules:
        for i in imports_du_kit(module, modules):
            if i.nom and _prive(i.nom):
                emprunts.add((module, i.cible, i.nom))
        liens = _noms_de_modules(module, modules)
        for noeud in ast.walk(ast.parse(modules[module].read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.Attribute) and _prive(noeud.attr):
                chemin = _chemin_pointe(noeud.value)
                if chemin is None:
                    continue
                premier, _, reste = chemin.partition(".")
                if premier not in liens:
                    continue
                cible = ".".join(filter(None, [liens[premier], reste]))
                if cible in modules and cible != module:
                    emprunts.add((module, cible, noeud.attr))
    return {e for e in emprunts if not _partage_permis(e[0], e[1])}


def cycles(modules: dict[str, Path]) -> list[list[str]]:
    """Les composantes fortement connexes de plus d'un module (Tarjan) : chacune contient un cycle."""
    graphe = {m: sorted({i.cible for i in imports_du_kit(m, modules)}) for m in modules}
    index, bas, pile, sur_pile, composantes = {}, {}, [], set(), []

    def visiter(m: str) -> None:
        index[m] = bas[m] = len(index)
        pile.append(m)
        sur_pile.add(m)
        for suivant in graphe[m]:
            if suivant not in index:
                visiter(suivant)
                bas[m] = min(bas[m], bas[suivant])
            elif suivant in sur_pile:
                bas[m] = min(bas[m], index[suivant])
        if bas[m] == index[m]:
            composante = []
            while True:
                n = pile.pop()
                sur_pile.discard(n)
                composante.append(n)
                if n == m:
                    break
            if len(composante) > 1:
                composantes.append(sorted(composante))

    for m in graphe:
        if m not in index:
            visiter(m)
    return composantes


def _tiers(module: str, modules: dict[str, Path]) -> set[str]:
    """Les paquets hors du kit et hors de la bibliothèque standard qu'importe ``module``."""
    arbre = ast.parse(modules[module].read_text(encoding="utf-8"))
    racines = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            racines |= {a.name.split(".")[0] for a in noeud.names}
        elif isinstance(noeud, ast.ImportFrom) and not noeud.level and noeud.module:
            racines.add(noeud.module.split(".")[0])
    return {
        r
        for r in racines
        if r not in sys.stdlib_module_names and r not in ("atelier", "__future__")
    }


COMMUNS = {"atelier.donnees", "atelier.socle"}
PERMIS = {
    "atelier.socle": set(),
    "atelier.chemins": set(),
    "atelier.donnees": {"atelier.socle", "atelier.chemins"},
    "modele": COMMUNS,
    "questions": {"atelier.exercices", "modele", *COMMUNS},
    "vues": {
        "modele",
        "atelier.vues",
        "atelier.cartes",
        "atelier.erreurs",
        "atelier.plan",
        *COMMUNS,
    },
}


def _couche(module: str) -> str | None:
    """La couche d'un fichier : un socle nommé, ou le rôle d'un fichier de module (modele, vues, questions)."""
    if module in PERMIS:
        return module
    dossier, _, fichier = module.rpartition(".")
    dans_un_module = dossier.startswith("atelier.modules.") or dossier == "atelier.fiche_commune"
    role = fichier.removesuffix("_elus")
    return role if dans_un_module and role in ("modele", "vues", "questions") else None


def _permis(module: str, cible: str) -> bool:
    couche = _couche(module)
    for permis in PERMIS[couche]:
        # un modèle : pour une vue, celui de son module ; pour des questions, tout modèle
        if permis == "modele":
            if _couche(cible) == "modele" and (
                couche != "vues" or _dossier(cible) == _dossier(module)
            ):
                return True
        elif cible == permis or cible.startswith(permis + "."):
            return True
    return False


def ecarts_de_couche(modules: dict[str, Path]) -> set[tuple[str, str]]:
    ecarts = set()
    for module in modules:
        couche = _couche(module)
        if couche is None:
            continue
        ecarts |= {
            (module, i.cible)
            for i in imports_du_kit(module, modules)
            if not _permis(module, i.cible)
        }
        if couche == "modele":
            ecarts |= {(module, t) for t in _tiers(module, modules) - {"numpy", "pandas"}}
    return ecarts


# --- Les règles -------------------------------------------------------------------------
def test_aucun_cycle_d_import():
    trouves = cycles(modules_du_kit())
    assert not trouves, (
        "cycles d'import (un import dans une fonction compte aussi) : "
        + " ; ".join(" ↔ ".join(c) for c in trouves)
    )


def test_aucun_nom_prive_emprunte_a_un_autre_module():
    trouves = emprunts_prives(modules_du_kit())
    nouveaux = sorted(trouves - NOMS_PRIVES_TOLERES)
    assert not nouveaux, (
        "noms privés pris à un autre module (rendez-les publics ou déplacez-les) : "
        + " ; ".join(f"{source} prend {cible}.{nom}" for source, cible, nom in nouveaux)
    )
    corriges = sorted(NOMS_PRIVES_TOLERES - trouves)
    assert not corriges, f"corrigés, à retirer de NOMS_PRIVES_TOLERES : {corriges}"


def test_les_couches_sont_respectees():
    trouves = ecarts_de_couche(modules_du_kit())
    nouveaux = sorted(trouves - COUCHES_TOLEREES)
    assert not nouveaux, "imports hors de leur couche : " + " ; ".join(
        f"{s} → {c}" for s, c in nouveaux
    )
    corriges = sorted(COUCHES_TOLEREES - trouves)
    assert not corriges, f"corrigés, à retirer de COUCHES_TOLEREES : {corriges}"


# --- Le détecteur lui-même, sur de petits paquets écrits pour l'occasion ----------------------
def _paquet_factice(dossier: Path, fichiers: dict[str, str]) -> dict[str, Path]:
    for nom, texte in {"atelier/__init__.py": "", **fichiers}.items():
        chemin = dossier / nom
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(texte, encoding="utf-8")
    return {
        ".".join(p.relative_to(dossier).with_suffix("").parts).removesuffix(".__init__"): p
        for p in sorted((dossier / "atelier").rglob("*.py"))
    }


def test_un_import_dans_une_fonction_qui_ferme_un_cycle_est_trouve(tmp_path):
    modules = _paquet_factice(
        tmp_path,
        {
            "atelier/a.py": "from atelier.b import f\n",
            "atelier/b.py": "def f():\n    from atelier import a\n    return a\n",
            "atelier/c.py": "from atelier import a\n",
        },
    )
    assert cycles(modules) == [["atelier.a", "atelier.b"]]


def test_un_nom_prive_pris_ailleurs_est_trouve_sauf_dans_le_meme_dossier_outil(tmp_path):
    modules = _paquet_factice(
        tmp_path,
        {
            "atelier/donnees.py": "def _aide():\n    pass\n",
            "atelier/cartes.py": "from atelier.donnees import _aide\n",
            "atelier/modules/__init__.py": "",
            "atelier/modules/m1/__init__.py": "",
            "atelier/modules/m1/vues.py": "from atelier import donnees\nx = donnees._aide\n",
            "atelier/modules/m1/modele.py": "from atelier.modules.m1 import vues\ny = vues._prive_du_module\n",
            "atelier/modules/m2/__init__.py": "",
            "atelier/modules/m2/vues.py": "import atelier.modules.m1.vues as m1\ny = m1._palette\n",
            "atelier/formateur/__init__.py": "",
            "atelier/formateur/a.py": "def _partage():\n    pass\n",
            "atelier/formateur/b.py": "from .a import _partage\n",
        },
    )
    assert emprunts_prives(modules) == {
        ("atelier.cartes", "atelier.donnees", "_aide"),
        ("atelier.modules.m1.vues", "atelier.donnees", "_aide"),
        ("atelier.modules.m2.vues", "atelier.modules.m1.vues", "_palette"),
    }


def test_un_modele_qui_importe_le_cadre_des_exercices_ou_des_widgets_est_trouve(tmp_path):
    modules = _paquet_factice(
        tmp_path,
        {
            "atelier/socle.py": "",
            "atelier/donnees.py": "from atelier.socle import x\n",
            "atelier/exercices.py": "",
            "atelier/modules/__init__.py": "",
            "atelier/modules/m2/__init__.py": "",
            "atelier/modules/m2/modele.py": (
                "import math\nimport numpy as np\nimport ipywidgets\nfrom atelier.donnees import charger\n"
                "def f():\n    from atelier.exercices import normaliser_texte\n"
            ),
        },
    )
    assert ecarts_de_couche(modules) == {
        ("atelier.modules.m2.modele", "atelier.exercices"),
        ("atelier.modules.m2.modele", "ipywidgets"),
    }


def test_une_vue_qui_importe_une_autre_vue_ou_un_autre_modele_est_trouvee(tmp_path):
    modules = _paquet_factice(
        tmp_path,
        {
            "atelier/socle.py": "",
            "atelier/donnees.py": "",
            "atelier/exercices.py": "",
            "atelier/vues/__init__.py": "",
            "atelier/vues/style.py": "",
            "atelier/modules/__init__.py": "",
            "atelier/modules/m0/__init__.py": "",
            "atelier/modules/m0/modele.py": "",
            "atelier/modules/m0/vues.py": "",
            "atelier/modules/m1/__init__.py": "",
            "atelier/modules/m1/modele.py": "",
            "atelier/modules/m1/questions_elus.py": "from atelier.exercices import Q\nfrom atelier.modules.m0 import modele\n",
            "atelier/modules/m1/vues.py": (
                "from atelier.vues.style import BLEU\nfrom atelier.modules.m1 import modele\n"
                "from atelier.modules.m0.vues import palette\nfrom atelier.modules.m0 import modele as autre\n"
            ),
        },
    )
    assert ecarts_de_couche(modules) == {
        ("atelier.modules.m1.vues", "atelier.modules.m0.vues"),
        ("atelier.modules.m1.vues", "atelier.modules.m0.modele"),
    }
