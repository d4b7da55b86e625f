"""La liste de la salle : un fichier CSV « id, nom, commune, role »."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

ROLES = ("participant", "formateur")
COLONNES = ("id", "nom", "commune", "role")
# Un nom de compte Unix sûr : minuscules, chiffres, « - » et « _ », 32 caractères au plus.
MOTIF_IDENTIFIANT = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


class ListeInvalide(ValueError):
    """Le fichier de la salle contient une erreur (message en français)."""


@dataclass(frozen=True)
class Personne:
    identifiant: str  # le nom du compte Unix, préfixe compris
    nom: str
    commune: str
    role: str

    @property
    def formateur(self) -> bool:
        return self.role == "formateur"


def lire_liste(chemin: Path, prefixe: str = "") -> list[Personne]:
    """Lit et vérifie la liste ; lève ``ListeInvalide`` avec la ligne fautive."""
    with open(chemin, encoding="utf-8-sig", newline="") as fichier:
        lecteur = csv.DictReader(fichier)
        manquantes = [c for c in COLONNES if c not in (lecteur.fieldnames or [])]
        if manquantes:
            raise ListeInvalide(
                f"{chemin} : colonnes manquantes {', '.join(manquantes)} "
                f"(il faut : {', '.join(COLONNES)})."
            )
        personnes, vus = [], set()
        for numero, ligne in enumerate(lecteur, start=2):
            identifiant = prefixe + (ligne["id"] or "").strip().lower()
            role = (ligne["role"] or "").strip().lower()
            if not MOTIF_IDENTIFIANT.match(identifiant):
                raise ListeInvalide(
                    f"{chemin}, ligne {numero} : identifiant « {identifiant} » invalide "
                    "(lettres minuscules sans accent, chiffres, « - » ou « _ », "
                    "32 caractères au plus, en commençant par une lettre)."
                )
            if role not in ROLES:
                raise ListeInvalide(
                    f"{chemin}, ligne {numero} : rôle « {role} » inconnu "
                    "(« participant » ou « formateur »)."
                )
            if identifiant in vus:
                raise ListeInvalide(f"{chemin}, ligne {numero} : identifiant « {identifiant} » en double.")
            vus.add(identifiant)
            personnes.append(
                Personne(identifiant, (ligne["nom"] or "").strip(), (ligne["commune"] or "").strip(), role)
            )
    if not any(p.formateur for p in personnes):
        raise ListeInvalide(f"{chemin} : il faut au moins un formateur.")
    return personnes
