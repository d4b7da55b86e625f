"""Les commandes du kit répondent en français : argparse écrit ses messages en anglais,
on les traduit ici, une fois pour toutes les commandes (lanceur, formateur, salle)."""

from __future__ import annotations

import argparse

TRADUCTIONS = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "expected one argument": "une valeur est attendue",
}


def traduire_argparse() -> None:
    """Remplace la fonction de traduction d'argparse (idempotent)."""
    argparse._ = lambda texte: TRADUCTIONS.get(texte, texte)
