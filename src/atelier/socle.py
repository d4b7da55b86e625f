"""Le socle du kit : ce que tous ses fichiers partagent, sans rien importer du kit.

- ``ErreurAtelier`` : l'erreur du kit, dont le message s'adresse directement au participant ;
- ``nombre_fr`` : un nombre écrit à la française (10 008 749 ; 12,5) ;
- ``normaliser_texte`` : la forme d'un nom qui ignore accents, majuscules, tirets et apostrophes.

Les données, les modèles, les cartes et l'affichage s'appuient sur ce fichier ; l'affichage des
erreurs en français (``atelier.erreurs``) est au-dessus d'eux et les réexporte.
"""

from __future__ import annotations

import numbers
import unicodedata

__all__ = ["ErreurAtelier", "nombre_fr", "normaliser_texte"]


class ErreurAtelier(Exception):
    """Erreur du kit, dont le message s'adresse directement au participant."""


def nombre_fr(valeur: float, decimales: int | None = None, *, milliers: bool = True) -> str:
    """Un nombre écrit à la française : 10 008 749 ; 12,5 (``milliers=False`` : 2024, sans espace)."""
    if decimales is None:
        decimales = 0 if float(valeur).is_integer() else 2
    if decimales == 0 and isinstance(valeur, numbers.Integral):
        texte = f"{int(valeur):,d}"  # un entier garde tous ses chiffres, même très grand
    else:
        texte = f"{valeur:,.{decimales}f}"
    if not milliers:
        texte = texte.replace(",", "")
    return texte.replace(",", "\u202f").replace(".", ",")


_SEPARATEURS = str.maketrans({c: " " for c in "-\u2010\u2011\u2013\u2014'\u2019\u02bc`_"})


def normaliser_texte(texte: str) -> str:
    """Sans accents ni majuscules, tirets et apostrophes lus comme des espaces, sans point final.

    « Abomey Calavi », « abomey-calavi » et « ABOMEY-CALAVI. » ont la même forme.
    """
    sans_accents = "".join(
        c for c in unicodedata.normalize("NFKD", str(texte)) if not unicodedata.combining(c)
    )
    return " ".join(sans_accents.casefold().translate(_SEPARATEURS).split()).strip(" .;:!")
