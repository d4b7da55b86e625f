"""Les questions notées : une vérification, des indices, une solution.

Un même objet ``Question`` sert l'autoformation (retour immédiat en français,
indices gradués, solution à la demande) et la correction automatique par
nbgrader : la cellule de test visible appelle ``verifier`` ; ses tests cachés
appellent ``controler(question, reponse, attendu)`` avec la réponse recalculée
en clair. Les deux lisent, arrondissent et tolèrent la réponse de la même façon
(une seule spécification par question) : l'un accepte si et seulement si
l'autre accepte (``tests/test_concordance.py`` le vérifie sur tous les exercices).

Les réponses attendues ne sont pas écrites en clair : une question garde
l'empreinte (SHA-256) de la réponse normalisée, comme les « hashed autotests »
de nbgrader. Pour calculer une empreinte en écrivant une question :

    python -m atelier.exercices m1_q2 nombre 12.5 --decimales 1

Les solutions ne sont pas dans le code des questions : elles sont dans
``atelier/solutions/<exercice>.json`` (``{"m1_q1": "code…"}``), lus
seulement quand on appelle ``solution()``. Dans la salle, l'installation rend ces
fichiers illisibles par les participants (root et groupe des formateurs, 0640 ;
sauf ``--solutions``) : c'est le système qui garde les solutions, pas une variable.
Sur un portable, ``ATELIER_SESSION_NOTEE=1 make lab`` masque aussi les solutions,
par commodité seulement : le participant peut changer la variable dans son noyau.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atelier import erreurs
from atelier.socle import normaliser_texte

SEL = "atelier-numerique-des-communes"
GENRES = ("nombre", "texte", "choix", "ensemble", "liste", "booleen", "fonction")


class NonRepondu(erreurs.ErreurAtelier, AssertionError):
    """La réponse est encore celle de départ (les trois points ``...``)."""


class ReponseIncorrecte(erreurs.ErreurAtelier, AssertionError):
    """La réponse ne correspond pas à la réponse attendue."""


def session_notee() -> bool:
    """Vrai si ``ATELIER_SESSION_NOTEE`` est posée : commodité d'un portable, pas une protection."""
    return os.environ.get("ATELIER_SESSION_NOTEE", "").strip().lower() in {
        "1",
        "oui",
        "true",
        "yes",
    }


SOLUTIONS = Path(__file__).parent / "solutions"


class SolutionsGardees(erreurs.ErreurAtelier):
    """Les fichiers des solutions manquent ou ne sont pas lisibles (séance notée dans la salle)."""


def solution_enregistree(identifiant: str) -> str:
    """Le code de la solution de ``identifiant``, lu dans ``atelier/solutions/*.json``.

    Lève ``SolutionsGardees`` si elle n'est dans aucun fichier lisible (fichier absent,
    illisible pour ce compte, abîmé).
    """
    for fichier in sorted(SOLUTIONS.glob("*.json")):
        try:
            solutions = json.loads(fichier.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(solutions, dict) and isinstance(solutions.get(identifiant), str):
            return solutions[identifiant]
    raise SolutionsGardees(
        "La solution n'est pas disponible ici : pendant une séance notée, les solutions sont "
        "gardées par le formateur ; demandez un indice avec `.indice()`."
    )


# --- normalisation des réponses -------------------------------------------------


def _arrondi(x: float, decimales: int | None, chiffres: int | None) -> str:
    if chiffres is not None:
        return f"{x:.{chiffres - 1}e}"
    texte = f"{round(x, decimales or 0):.{decimales or 0}f}"
    return "0" if float(texte) == 0 else texte


def _pas(x: float, decimales: int | None, chiffres: int | None) -> float:
    """Un cran d'arrondi autour de ``x``.

    Une réponse est acceptée si elle, ou elle décalée de 0,4 cran, s'arrondit
    comme la réponse attendue : on tolère ainsi les bords d'arrondi (42,449 contre
    42,45) sans accepter un entier voisin (5 au lieu de 6).
    """
    if chiffres is not None:
        if x == 0:
            return 0.0
        return 10 ** (math.floor(math.log10(abs(x))) - chiffres + 1)
    return 10 ** -(decimales or 0)


def _empreinte_brute(identifiant: str, forme: str) -> str:
    return hashlib.sha256(f"{SEL}|{identifiant}|{forme}".encode()).hexdigest()


def _forme(
    valeur: Any, genre: str, decimales: int | None = None, chiffres: int | None = None
) -> str:
    """La forme normalisée d'une réponse déjà convertie dans le bon type."""
    if genre in ("nombre", "fonction"):
        return _arrondi(float(valeur), decimales, chiffres)
    if genre in ("texte", "choix"):
        return normaliser_texte(valeur)
    if genre == "ensemble":
        return "|".join(sorted({normaliser_texte(v) for v in valeur}))
    if genre == "liste":
        return "|".join(normaliser_texte(v) for v in valeur)
    if genre == "booleen":
        return "vrai" if valeur else "faux"
    raise ValueError(f"genre de question inconnu : {genre}")


def empreinte(
    identifiant: str,
    genre: str,
    valeur: Any,
    decimales: int | None = None,
    chiffres: int | None = None,
) -> str:
    """Empreinte d'une réponse, à recopier dans la définition d'une question."""
    return _empreinte_brute(identifiant, _forme(valeur, genre, decimales, chiffres))


# --- conversion de ce que le participant a écrit --------------------------------

_ESPACES = ("\u202f", "\u2009", "\xa0", " ")


def _scalaire(valeur: Any) -> Any:
    """Une valeur numpy, ou un tableau pandas d'une seule valeur, en valeur Python."""
    if hasattr(valeur, "item") and getattr(valeur, "size", 1) == 1:
        return valeur.item()
    return valeur


def lire_nombre(texte: str) -> float | None:
    """Un nombre écrit à la française : « 64,7 », « 1 140 000 », « 1,10 % » ; None sinon."""
    propre = texte.strip().removesuffix("%")
    for espace in _ESPACES:
        propre = propre.replace(espace, "")
    try:
        return float(propre.replace(",", "."))
    except ValueError:
        return None


def _virgule_decimale(valeur: tuple) -> str:
    """Le message pour ``x = 64,7`` : Python y lit deux nombres (un « tuple »)."""
    ecrit = ",".join(str(v) for v in valeur)
    if len(valeur) == 2:
        correction = f"écrivez {valeur[0]}.{valeur[1]} au lieu de {ecrit}"
    else:
        correction = "écrivez les milliers sans séparateur (1140000 et non 1,140,000)"
    return (
        f"Python a lu « {ecrit} » comme {len(valeur)} nombres séparés par des virgules. En Python, "
        f"les décimales s'écrivent avec un point : {correction}."
    )


def _en_nombre(valeur: Any) -> float:
    valeur = _scalaire(valeur)
    if isinstance(valeur, bool):
        raise ReponseIncorrecte("La question attend un nombre, pas Vrai/Faux (True/False).")
    if isinstance(valeur, tuple) and len(valeur) > 1 and all(type(v) is int for v in valeur):
        raise ReponseIncorrecte(_virgule_decimale(valeur))
    if isinstance(valeur, str):
        nombre = lire_nombre(valeur)
        if nombre is None:
            raise ReponseIncorrecte(
                f"La question attend un nombre ; vous avez donné le texte « {valeur} », qui ne se lit "
                "pas comme un nombre. Écrivez le nombre seul, par exemple 12.5 (ou « 12,5 » entre guillemets)."
            )
        valeur = nombre
    elif hasattr(valeur, "__len__"):
        raise ReponseIncorrecte(
            f"La question attend un seul nombre ; votre réponse contient {len(valeur)} valeurs. "
            "Choisissez la ligne ou faites le total demandé."
        )
    try:
        nombre = float(valeur)
    except (TypeError, ValueError):
        raise ReponseIncorrecte(
            f"La question attend un nombre ; votre réponse est de type « {type(valeur).__name__} »."
        ) from None
    if not math.isfinite(nombre):
        raise ReponseIncorrecte(
            f"Votre calcul donne « {nombre} » (pas un nombre) : une valeur manque, le nom de la "
            "commune est mal écrit, ou le calcul divise par zéro."
        )
    return nombre


def _en_elements(valeur: Any) -> list[str]:
    if isinstance(valeur, str):
        return [valeur]
    if hasattr(valeur, "tolist"):
        valeur = valeur.tolist()
    if not isinstance(valeur, Iterable):
        raise ReponseIncorrecte(
            'La question attend une liste de noms, par exemple ["Cotonou", "Parakou"].'
        )
    return [str(v) for v in valeur]


def _en_booleen(valeur: Any) -> bool:
    valeur = _scalaire(valeur)
    if isinstance(valeur, bool):
        return valeur
    if isinstance(valeur, str) and normaliser_texte(valeur) in {"oui", "vrai", "non", "faux"}:
        return normaliser_texte(valeur) in {"oui", "vrai"}
    raise ReponseIncorrecte("La question attend True (vrai) ou False (faux).")


def _proche(nom: str, noms: Iterable[str]) -> str | None:
    """Le nom de ``noms`` le plus proche de ``nom`` (accents, tirets et majuscules ignorés), sinon None."""
    par_forme = {normaliser_texte(n): n for n in noms}
    if normaliser_texte(nom) in par_forme:
        return None
    proches = difflib.get_close_matches(normaliser_texte(nom), list(par_forme), n=1, cutoff=0.75)
    return par_forme[proches[0]] if proches else None


def _communes() -> list[str]:
    try:
        from atelier.donnees import communes_disponibles

        return communes_disponibles()
    except Exception:  # noqa: BLE001 — sans les données, pas de suggestion
        return []


# --- la question ----------------------------------------------------------------


@dataclass
class Cas:
    """Un cas d'essai d'une question « fonction » : des arguments et l'empreinte du résultat."""

    arguments: tuple
    attendu: str


@dataclass
class Question:
    """Une question notée.

    ``attendu`` est l'empreinte de la bonne réponse (voir ``empreinte``).
    ``pieges`` associe l'empreinte d'une erreur fréquente au message qui l'explique.
    Pour une question ``fonction``, ``cas`` donne les arguments d'essai et
    l'empreinte de chaque résultat attendu (résultats comparés comme des nombres).
    ``entier=True`` (un compte : habitants, guichets, sessions…) n'accepte que le
    nombre entier exact ; sinon un nombre est accepté à l'arrondi près (``decimales``
    ou ``chiffres`` significatifs, à 0,4 cran près). ``unite`` règle les diagnostics :
    « % » ou « points » (de pourcentage : proportion donnée pour un pourcentage), « proportion », « FCFA »
    (milliers, millions), « millions de … ».
    """

    identifiant: str
    intitule: str
    genre: str = "nombre"
    attendu: str = ""
    decimales: int | None = None
    chiffres: int | None = None
    unite: str = ""
    entier: bool = False
    options: Sequence[str] = ()
    taille: int | None = None
    proche: str = ""
    pieges: dict[str, str] = field(default_factory=dict)
    cas: Sequence[Cas] = ()
    indices: Sequence[str] = ()
    # La solution est lue dans atelier/solutions/ ; une question écrite à la main (tests) peut la donner ici.
    solution_ecrite: str = field(default="", repr=False)
    _indices_vus: int = field(default=0, repr=False)

    def __post_init__(self):
        if self.genre not in GENRES:
            raise ValueError(f"genre de question inconnu : {self.genre} (possibles : {GENRES})")
        if self.entier:
            if self.chiffres is not None or self.decimales not in (None, 0):
                raise ValueError(
                    f"{self.identifiant} : une question « entier » n'a ni décimales ni chiffres"
                )
            self.decimales = 0

    # -- ce que le participant appelle --

    def verifier(self, reponse: Any) -> None:
        """Vérifie la réponse ; affiche « Bonne réponse » ou lève une erreur expliquée en français."""
        if self.genre == "fonction":
            self._essayer_fonction(
                reponse, [(c.arguments, c.attendu) for c in self.cas], self._empreinte_ok
            )
        else:
            valeur = self._lire(reponse)
            if not self._empreinte_ok(self.attendu, self._formes(valeur)):
                self._refuser(reponse, valeur)
        erreurs.afficher(f"✅ {self.intitule} : bonne réponse.")

    def indice(self, numero: int | None = None) -> None:
        """Affiche l'indice suivant, ou l'indice demandé : ``q1.indice(2)``."""
        if not self.indices:
            erreurs.afficher("Il n'y a pas d'indice pour cette question.")
            return
        if numero is None:
            self._indices_vus = min(self._indices_vus + 1, len(self.indices))
            numero = self._indices_vus
        numero = max(1, min(int(numero), len(self.indices)))
        suite = (
            f" (indice suivant : relancez, ou `indice({numero + 1})`)"
            if numero < len(self.indices)
            else ""
        )
        erreurs.afficher(
            f"💡 Indice {numero}/{len(self.indices)}{suite}\n\n{self.indices[numero - 1]}"
        )

    @property
    def solution_code(self) -> str:
        """Le code de la solution (lu à la demande ; ``SolutionsGardees`` s'il n'est pas lisible)."""
        return self.solution_ecrite or solution_enregistree(self.identifiant)

    def solution(self) -> None:
        """Montre une solution, si elle est lisible ici (hors séance notée)."""
        try:
            if session_notee():
                raise SolutionsGardees(
                    "Les solutions ne sont pas proposées pendant une séance notée : "
                    "demandez un indice avec `.indice()` ou appelez le formateur."
                )
            code = self.solution_code
        except SolutionsGardees as gardees:
            erreurs.afficher(str(gardees))
            return
        erreurs.afficher(f"Une solution possible :\n\n```python\n{code}\n```")

    # -- la spécification, commune à verifier et à controler --

    def _lire(self, reponse: Any) -> Any:
        """La réponse convertie dans le type de la question, ou une erreur expliquée."""
        if reponse is Ellipsis:
            raise NonRepondu(
                f"{self.intitule} : vous n'avez pas encore répondu. Remplacez les trois points "
                "« ... » par votre réponse, lancez la cellule (Maj + Entrée), puis relancez "
                "cette vérification."
            )
        if self.genre == "nombre":
            return _en_nombre(reponse)
        if self.genre in ("ensemble", "liste"):
            return _en_elements(reponse)
        if self.genre == "booleen":
            return _en_booleen(reponse)
        valeur = str(_scalaire(reponse))
        if self.options and normaliser_texte(valeur) not in {
            normaliser_texte(o) for o in self.options
        }:
            proche = _proche(valeur, self.options)
            raise ReponseIncorrecte(
                f"{self.intitule} : répondez par l'une de ces possibilités : "
                + ", ".join(f"« {o} »" for o in self.options)
                + "."
                + (f" Vouliez-vous écrire « {proche} » ?" if proche else "")
            )
        return valeur

    def _formes(self, valeur: Any) -> set[str]:
        """Les formes normalisées sous lesquelles la réponse est comparée à la réponse attendue."""
        if self.genre not in ("nombre", "fonction"):
            return {_forme(valeur, self.genre)}
        if self.entier:
            return (
                {_arrondi(valeur, 0, None)}
                if abs(valeur - round(valeur)) < 1e-9 * max(1, abs(valeur))
                else set()
            )
        pas = _pas(valeur, self.decimales, self.chiffres)
        return {_arrondi(valeur + k * pas, self.decimales, self.chiffres) for k in (0, -0.4, 0.4)}

    def _empreinte_ok(self, empreinte_attendue: str, formes: set[str]) -> bool:
        return any(_empreinte_brute(self.identifiant, f) == empreinte_attendue for f in formes)

    def _correspond(self, valeur: Any) -> bool:
        return self._empreinte_ok(self.attendu, self._formes(valeur))

    def _forme_de_reference(self, attendu: Any, empreinte_attendue: str) -> str:
        """La forme de la valeur de référence d'un test caché, vérifiée contre l'empreinte enregistrée."""
        try:
            valeur = _en_nombre(attendu) if self.genre == "fonction" else self._lire(attendu)
        except AssertionError as exc:
            raise ErreurDeCorrige(
                f"{self.intitule} : la réponse de référence du test caché n'a pas la forme attendue ({exc})."
            ) from None
        forme = _forme(valeur, self.genre, self.decimales, self.chiffres)
        if empreinte_attendue and _empreinte_brute(self.identifiant, forme) != empreinte_attendue:
            raise ErreurDeCorrige(
                f"{self.intitule} : la réponse de référence recalculée par le test caché ne correspond "
                "pas à l'empreinte enregistrée dans la question (données ou question modifiées)."
            )
        return forme

    # -- les refus expliqués --

    def _diagnostic(self, valeur: Any, forme: str) -> str:
        if _empreinte_brute(self.identifiant, forme) in self.pieges:
            return self.pieges[_empreinte_brute(self.identifiant, forme)]
        if self.genre == "nombre":
            if not self._formes(valeur) and self._correspond(round(valeur)):
                return (
                    "La question attend un nombre entier : arrondissez comme le demande l'énoncé."
                )
            for facteur, message in self._facteurs():
                if self._correspond(valeur * facteur):
                    return message
            if self._correspond(-valeur):
                return "Le signe est inversé : vérifiez l'ordre de la soustraction."
            if (
                self.proche
                and _empreinte_brute(self.identifiant, _arrondi(valeur, None, 2)) == self.proche
            ):
                return "Vous êtes proche : l'ordre de grandeur est bon. Vérifiez l'arrondi ou une étape du calcul."
            return ""
        if (
            self.genre in ("ensemble", "liste")
            and self.taille is not None
            and len(valeur) != self.taille
        ):
            return f"Il faut {self.taille} élément(s) ; votre réponse en contient {len(valeur)}."
        if self.genre in ("texte", "ensemble", "liste") and not self.options:
            noms = [valeur] if isinstance(valeur, str) else valeur
            suggestions = [(n, c) for n in noms if (c := _proche(n, _communes()))]
            return " ".join(
                f"« {n} » n'est pas le nom d'une commune ; vouliez-vous écrire « {c} » ?"
                for n, c in suggestions
            )
        return ""

    def _facteurs(self) -> tuple[tuple[float, str], ...]:
        """Les erreurs d'unité que l'unité de la question rend possibles."""
        unite = normaliser_texte(self.unite)
        if unite in ("%", "points", "points de pourcentage"):
            return _FACTEURS_POURCENTAGE
        if unite == "proportion":
            return _FACTEURS_PROPORTION
        if "fcfa" in unite.split():
            return _FACTEURS_FCFA
        if unite.startswith("million"):
            return (
                (
                    1e-6,
                    f"La question compte en {self.unite} : 2,5 veut dire 2 500 000. "
                    "Divisez votre résultat par 1 000 000.",
                ),
            )
        return ()

    def _refuser(self, reponse: Any, valeur: Any) -> None:
        forme = _forme(valeur, self.genre, self.decimales, self.chiffres)
        diagnostic = self._diagnostic(valeur, forme)
        montre = f"{reponse!r}" if self.genre != "nombre" else erreurs.nombre_fr(valeur)
        message = f"{self.intitule} : ce n'est pas la réponse attendue (vous avez donné {montre}"
        message += f" {self.unite})." if self.unite else ")."
        if diagnostic:
            message += " " + diagnostic
        if self.indices:
            message += " Besoin d'aide ? Demandez un indice avec `.indice()`."
        raise ReponseIncorrecte(message)

    # -- les questions « fonction » --

    def _essayer_fonction(
        self,
        fonction: Any,
        essais: Iterable[tuple[tuple, Any]],
        accepte: Callable[[Any, set[str]], bool],
    ) -> None:
        """Appelle la fonction du participant sur chaque essai (arguments, référence) et juge le résultat."""
        if fonction is Ellipsis:
            self._lire(fonction)
        if not callable(fonction):
            raise ReponseIncorrecte(
                f"{self.intitule} : la question attend une fonction (définie avec « def »), "
                f"pas une valeur de type « {type(fonction).__name__} »."
            )
        for arguments, reference in essais:
            ecrits = ", ".join(repr(a) for a in arguments)
            try:
                resultat = fonction(*arguments)
            except erreurs.ErreurAtelier:
                raise
            except Exception as exc:  # noqa: BLE001 — expliquer toute erreur du participant
                raise ReponseIncorrecte(
                    f"{self.intitule} : votre fonction s'arrête sur une erreur quand on l'appelle "
                    f"avec ({ecrits}) : {type(exc).__name__}: {exc}"
                ) from None
            if resultat is Ellipsis or resultat is None:
                raise NonRepondu(
                    f"{self.intitule} : votre fonction ne renvoie rien encore. Complétez la ligne "
                    "« return ... » puis relancez la cellule."
                )
            valeur = _en_nombre(resultat)
            if not accepte(reference, self._formes(valeur)):
                raise ReponseIncorrecte(
                    f"{self.intitule} : avec ({ecrits}), votre fonction renvoie "
                    f"{erreurs.nombre_fr(valeur)}, ce n'est pas le résultat attendu."
                    + (
                        " Besoin d'aide ? Demandez un indice avec `.indice()`."
                        if self.indices
                        else ""
                    )
                )


class ErreurDeCorrige(erreurs.ErreurAtelier):
    """Défaut du kit, pas de la copie : la référence d'un test caché contredit la question."""

    def __init__(self, message: str):
        super().__init__(
            f"Défaut du kit (votre réponse n'est pas en cause) : {message} Prévenez le formateur."
        )


def controler(
    question: Question, reponse: Any, attendu: Any, autres_arguments: Iterable[tuple] = ()
) -> None:
    """Le contrôle des tests cachés de nbgrader, sous la même spécification que ``question.verifier``.

    ``attendu`` est la réponse en clair, recalculée par le test caché à partir des
    données ou du modèle ; pour une question « fonction », c'est une fonction de
    référence, appelée sur les ``cas`` de la question et sur ``autres_arguments``.
    La réponse est lue, arrondie et tolérée exactement comme par ``verifier`` :
    l'un accepte si et seulement si l'autre accepte. Un refus lève
    ``AssertionError`` (``ReponseIncorrecte``, sans révéler la réponse) ; une
    référence qui ne correspond pas à l'empreinte enregistrée lève
    ``ErreurDeCorrige`` : c'est alors le kit qu'il faut corriger.
    """
    if question.genre == "fonction":
        if not callable(attendu):
            raise ErreurDeCorrige(
                f"{question.intitule} : la référence d'une question « fonction » est une fonction."
            )
        essais = [(c.arguments, c.attendu) for c in question.cas]
        essais += [(tuple(a), "") for a in autres_arguments]
        references = [(a, question._forme_de_reference(attendu(*a), e)) for a, e in essais]
        question._essayer_fonction(reponse, references, lambda forme, formes: forme in formes)
        return
    forme = question._forme_de_reference(attendu, question.attendu)
    valeur = question._lire(reponse)
    if forme not in question._formes(valeur):
        question._refuser(reponse, valeur)


_FACTEURS_POURCENTAGE = (
    (
        100,
        "Vous avez sans doute donné une proportion (par exemple 0,42) : la question attend un pourcentage (42).",
    ),
    (
        0.01,
        "Votre réponse est 100 fois trop grande : un pourcentage s'écrit 42 pour 42 %, sans multiplier encore par 100.",
    ),
)
_FACTEURS_PROPORTION = (
    (
        0.01,
        "Vous avez sans doute donné un pourcentage (par exemple 42) : la question attend une proportion (0,42).",
    ),
)
_FACTEURS_FCFA = (
    (
        1e-3,
        "L'unité ne va pas : votre réponse est 1 000 fois trop grande (FCFA ou milliers de FCFA ?).",
    ),
    (
        1e3,
        "L'unité ne va pas : votre réponse est 1 000 fois trop petite (FCFA ou milliers de FCFA ?).",
    ),
    (
        1e-6,
        "L'unité ne va pas : votre réponse est 1 million de fois trop grande (FCFA ou millions de FCFA ?).",
    ),
    (
        1e6,
        "L'unité ne va pas : votre réponse est 1 million de fois trop petite (FCFA ou millions de FCFA ?).",
    ),
)


def _main(arguments: list[str] | None = None) -> int:
    import argparse
    import ast

    analyseur = argparse.ArgumentParser(
        prog="python -m atelier.exercices",
        description="Calcule l'empreinte d'une réponse attendue, à recopier dans une question.",
    )
    analyseur.add_argument("identifiant", help="identifiant de la question, par exemple m1_q2")
    analyseur.add_argument("genre", choices=[g for g in GENRES if g != "fonction"])
    analyseur.add_argument(
        "valeur", help='la réponse ; une liste s\'écrit en Python : \'["A", "B"]\''
    )
    analyseur.add_argument("--decimales", type=int)
    analyseur.add_argument(
        "--chiffres", type=int, help="chiffres significatifs (au lieu de décimales)"
    )
    options = analyseur.parse_args(arguments)
    valeur: Any = options.valeur
    if options.genre in ("ensemble", "liste"):
        valeur = ast.literal_eval(valeur)
    elif options.genre == "booleen":
        valeur = _en_booleen(valeur)
    print(
        empreinte(options.identifiant, options.genre, valeur, options.decimales, options.chiffres)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
