"""Les questions notées : une vérification, des indices, une solution.

Un même objet ``Question`` sert l'autoformation (retour immédiat en français,
indices gradués, solution à la demande) et la correction automatique par
nbgrader (la cellule de test visible appelle ``verifier``).

Les réponses attendues ne sont pas écrites en clair : une question garde
l'empreinte (SHA-256) de la réponse normalisée, comme les « hashed autotests »
de nbgrader. Pour calculer une empreinte en écrivant une question :

    python -m atelier.exercices m1_q2 nombre 12.5 --decimales 1

Pendant une séance notée, la variable d'environnement ``ATELIER_SESSION_NOTEE=1``
désactive ``solution()`` : le JupyterHub de la salle la pose pour les participants
(sauf installation avec ``--solutions``) ; sur un portable, ``ATELIER_SESSION_NOTEE=1 make lab``.
"""

from __future__ import annotations

import hashlib
import math
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from atelier import erreurs

SEL = "atelier-numerique-des-communes"
GENRES = ("nombre", "texte", "choix", "ensemble", "liste", "booleen", "fonction")


class NonRepondu(erreurs.ErreurAtelier, AssertionError):
    """La réponse est encore celle de départ (les trois points ``...``)."""


class ReponseIncorrecte(erreurs.ErreurAtelier, AssertionError):
    """La réponse ne correspond pas à la réponse attendue."""


def session_notee() -> bool:
    """Vrai pendant une séance notée : les solutions ne sont pas proposées."""
    return os.environ.get("ATELIER_SESSION_NOTEE", "").strip().lower() in {"1", "oui", "true", "yes"}


# --- normalisation des réponses -------------------------------------------------


def normaliser_texte(texte: str) -> str:
    """Sans accents, sans majuscules, espaces simples, sans point final."""
    sans_accents = "".join(
        c for c in unicodedata.normalize("NFKD", str(texte)) if not unicodedata.combining(c)
    )
    mots = sans_accents.casefold().replace("’", "'").split()
    return " ".join(mots).strip(" .;:!")


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


def _forme(valeur: Any, genre: str, decimales: int | None = None, chiffres: int | None = None) -> str:
    """La forme normalisée d'une réponse déjà convertie dans le bon type."""
    if genre == "nombre":
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


def empreinte(identifiant: str, genre: str, valeur: Any, decimales: int | None = None,
              chiffres: int | None = None) -> str:
    """Empreinte d'une réponse, à recopier dans la définition d'une question."""
    return _empreinte_brute(identifiant, _forme(valeur, genre, decimales, chiffres))


# --- conversion de ce que le participant a écrit --------------------------------


def _en_nombre(valeur: Any) -> float:
    if hasattr(valeur, "item") and getattr(valeur, "size", 1) == 1:
        valeur = valeur.item()  # numpy, ou tableau pandas d'une seule valeur
    if isinstance(valeur, bool):
        raise ReponseIncorrecte("La question attend un nombre, pas Vrai/Faux (True/False).")
    if isinstance(valeur, str):
        texte = valeur.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
        texte = texte.rstrip("%")
        try:
            return float(texte)
        except ValueError:
            raise ReponseIncorrecte(
                f"La question attend un nombre ; vous avez donné le texte « {valeur} ». "
                "Écrivez le nombre sans guillemets, avec un point pour les décimales (12.5)."
            ) from None
    if hasattr(valeur, "__len__"):
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
    if math.isnan(nombre):
        raise ReponseIncorrecte(
            "Votre calcul donne « nan » (pas un nombre) : une valeur manque, ou le nom de la "
            "commune est mal écrit."
        )
    return nombre


def _en_elements(valeur: Any) -> list[str]:
    if isinstance(valeur, str):
        return [valeur]
    if hasattr(valeur, "tolist"):
        valeur = valeur.tolist()
    if not isinstance(valeur, Iterable):
        raise ReponseIncorrecte("La question attend une liste de noms, par exemple [\"Cotonou\", \"Parakou\"].")
    return [str(v) for v in valeur]


def _en_booleen(valeur: Any) -> bool:
    if hasattr(valeur, "item") and getattr(valeur, "size", 1) == 1:
        valeur = valeur.item()
    if isinstance(valeur, bool):
        return valeur
    if isinstance(valeur, str) and normaliser_texte(valeur) in {"oui", "vrai", "non", "faux"}:
        return normaliser_texte(valeur) in {"oui", "vrai"}
    raise ReponseIncorrecte("La question attend True (vrai) ou False (faux).")


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
    """

    identifiant: str
    intitule: str
    genre: str = "nombre"
    attendu: str = ""
    decimales: int | None = None
    chiffres: int | None = None
    unite: str = ""
    options: Sequence[str] = ()
    taille: int | None = None
    proche: str = ""
    pieges: dict[str, str] = field(default_factory=dict)
    cas: Sequence[Cas] = ()
    indices: Sequence[str] = ()
    solution_code: str = ""
    _indices_vus: int = field(default=0, repr=False)

    def __post_init__(self):
        if self.genre not in GENRES:
            raise ValueError(f"genre de question inconnu : {self.genre} (possibles : {GENRES})")

    # -- ce que le participant appelle --

    def verifier(self, reponse: Any) -> None:
        """Vérifie la réponse ; affiche « Bonne réponse » ou lève une erreur expliquée en français."""
        if reponse is Ellipsis:
            raise NonRepondu(
                f"{self.intitule} : vous n'avez pas encore répondu. Remplacez les trois points "
                "« ... » par votre réponse, lancez la cellule (Maj + Entrée), puis relancez "
                "cette vérification."
            )
        if self.genre == "fonction":
            self._verifier_fonction(reponse)
        else:
            self._verifier_valeur(reponse)
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
            f" (indice suivant : relancez, ou `indice({numero + 1})`)" if numero < len(self.indices) else ""
        )
        erreurs.afficher(f"💡 Indice {numero}/{len(self.indices)}{suite}\n\n{self.indices[numero - 1]}")

    def solution(self) -> None:
        """Montre une solution (hors séance notée)."""
        if session_notee():
            erreurs.afficher(
                "Les solutions ne sont pas proposées pendant une séance notée. "
                "Demandez plutôt un indice (`.indice()`) ou appelez le formateur."
            )
            return
        erreurs.afficher(f"Une solution possible :\n\n```python\n{self.solution_code}\n```")

    # -- les vérifications --

    def _diagnostic(self, valeur: Any, forme: str) -> str:
        if _empreinte_brute(self.identifiant, forme) in self.pieges:
            return self.pieges[_empreinte_brute(self.identifiant, forme)]
        if self.genre == "nombre":
            for facteur, message in _FACTEURS:
                if self._correspond(valeur * facteur):
                    return message
            if self._correspond(-valeur):
                return "Le signe est inversé : vérifiez l'ordre de la soustraction."
            if self.proche and _empreinte_brute(self.identifiant, _arrondi(valeur, None, 2)) == self.proche:
                return "Vous êtes proche : l'ordre de grandeur est bon. Vérifiez l'arrondi ou une étape du calcul."
        if self.genre in ("ensemble", "liste") and self.taille is not None and len(valeur) != self.taille:
            return f"Il faut {self.taille} élément(s) ; votre réponse en contient {len(valeur)}."
        return ""

    def _correspond(self, valeur: Any) -> bool:
        if self.genre != "nombre":
            return _empreinte_brute(self.identifiant, _forme(valeur, self.genre)) == self.attendu
        pas = _pas(valeur, self.decimales, self.chiffres)
        return any(
            _empreinte_brute(self.identifiant, _arrondi(valeur + k * pas, self.decimales, self.chiffres))
            == self.attendu
            for k in (0, -0.4, 0.4)
        )

    def _verifier_valeur(self, reponse: Any) -> None:
        if self.genre == "nombre":
            valeur = _en_nombre(reponse)
        elif self.genre in ("ensemble", "liste"):
            valeur = _en_elements(reponse)
        elif self.genre == "booleen":
            valeur = _en_booleen(reponse)
        else:
            valeur = str(reponse)
            if self.options and normaliser_texte(valeur) not in {normaliser_texte(o) for o in self.options}:
                raise ReponseIncorrecte(
                    f"{self.intitule} : répondez par l'une de ces possibilités : "
                    + ", ".join(f"« {o} »" for o in self.options)
                    + "."
                )
        if self._correspond(valeur):
            return
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

    def _verifier_fonction(self, fonction: Callable) -> None:
        if not callable(fonction):
            raise ReponseIncorrecte(
                f"{self.intitule} : la question attend une fonction (définie avec « def »), "
                f"pas une valeur de type « {type(fonction).__name__} »."
            )
        for cas in self.cas:
            arguments = ", ".join(repr(a) for a in cas.arguments)
            try:
                resultat = fonction(*cas.arguments)
            except erreurs.ErreurAtelier:
                raise
            except Exception as exc:  # noqa: BLE001 — expliquer toute erreur du participant
                raise ReponseIncorrecte(
                    f"{self.intitule} : votre fonction s'arrête sur une erreur quand on l'appelle "
                    f"avec ({arguments}) : {type(exc).__name__}: {exc}"
                ) from None
            if resultat is Ellipsis or resultat is None:
                raise NonRepondu(
                    f"{self.intitule} : votre fonction ne renvoie rien encore. Complétez la ligne "
                    "« return ... » puis relancez la cellule."
                )
            valeur = _en_nombre(resultat)
            pas = _pas(valeur, self.decimales, self.chiffres)
            if not any(
                _empreinte_brute(self.identifiant, _arrondi(valeur + k * pas, self.decimales, self.chiffres))
                == cas.attendu
                for k in (0, -0.4, 0.4)
            ):
                raise ReponseIncorrecte(
                    f"{self.intitule} : avec ({arguments}), votre fonction renvoie "
                    f"{erreurs.nombre_fr(valeur)}, ce n'est pas le résultat attendu."
                    + (" Besoin d'aide ? Demandez un indice avec `.indice()`." if self.indices else "")
                )


_FACTEURS = (
    (100, "Vous avez sans doute donné une proportion (par exemple 0,42) : la question attend un pourcentage (42)."),
    (0.01, "Vous avez sans doute donné un pourcentage (par exemple 42) : la question attend une proportion (0,42)."),
    (1e-3, "L'unité ne va pas : votre réponse est 1 000 fois trop grande."),
    (1e3, "L'unité ne va pas : votre réponse est 1 000 fois trop petite."),
    (1e-6, "L'unité ne va pas : votre réponse est 1 million de fois trop grande (FCFA ou millions de FCFA ?)."),
    (1e6, "L'unité ne va pas : votre réponse est 1 million de fois trop petite (FCFA ou millions de FCFA ?)."),
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
    analyseur.add_argument("valeur", help="la réponse ; une liste s'écrit en Python : '[\"A\", \"B\"]'")
    analyseur.add_argument("--decimales", type=int)
    analyseur.add_argument("--chiffres", type=int, help="chiffres significatifs (au lieu de décimales)")
    options = analyseur.parse_args(arguments)
    valeur: Any = options.valeur
    if options.genre in ("ensemble", "liste"):
        valeur = ast.literal_eval(valeur)
    elif options.genre == "booleen":
        valeur = _en_booleen(valeur)
    print(empreinte(options.identifiant, options.genre, valeur, options.decimales, options.chiffres))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
