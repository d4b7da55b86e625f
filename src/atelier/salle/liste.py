"""La liste de la salle : un fichier CSV « id, nom, commune, role [, departement] ».

Un seul lecteur pour la salle (``python -m atelier.salle installer``) et pour la
commande du formateur (``atelier-formateur bilan`` et ``ramasser --participants``).
Il accepte un export d'Excel en français : séparateur « ; » ou « , », encodage
UTF-8 (avec ou sans BOM) ou Windows-1252, noms de colonnes sans souci de
majuscules, d'accents ni d'espaces (« Rôle », « ID », « Nom  »).

Chaque colonne n'a qu'un sens :

- ``id`` : l'identifiant de connexion (le nom du compte sur le hub) ;
- ``nom``, ``commune``, ``departement`` (facultative) : ce qu'affichent les cartes et le bilan ;
- ``role`` : « participant » ou « formateur » (« participante », « formatrice » aussi),
  jamais la fonction dans la commune (maire, adjoint…).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROLES = ("participant", "formateur")
SYNONYMES_ROLES = {
    "participant": "participant",
    "participante": "participant",
    "formateur": "formateur",
    "formatrice": "formateur",
}
COLONNES = ("id", "nom", "commune", "role")
FACULTATIVES = ("departement",)
SEPARATEURS = (";", ",", "\t")
# Un nom de compte Unix sûr : minuscules, chiffres, « - » et « _ », 32 caractères au plus.
MOTIF_IDENTIFIANT = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


class ListeInvalide(ValueError):
    """Le fichier de la salle contient une erreur (message en français)."""


@dataclass(frozen=True)
class Personne:
    identifiant: str  # le nom du compte Unix, préfixe compris
    nom: str
    commune: str
    role: str  # « participant » ou « formateur »
    departement: str = ""

    @property
    def formateur(self) -> bool:
        return self.role == "formateur"


def sans_accents(texte: str) -> str:
    """« Rôle » -> « role » : minuscules, sans accents ni espaces autour."""
    decompose = unicodedata.normalize("NFKD", texte.strip().lower())
    return "".join(c for c in decompose if not unicodedata.combining(c))


def _cle_colonne(nom: str | None) -> str:
    """Le nom normalisé d'une colonne : « Départe ment » -> « departement »."""
    return re.sub(r"[^a-z0-9]", "", sans_accents(nom or ""))


def _texte(chemin: Path) -> str:
    """Le contenu du fichier : UTF-8 (BOM ou non), sinon Windows-1252 (Excel en français)."""
    try:
        octets = chemin.read_bytes()
    except FileNotFoundError:
        raise ListeInvalide(f"{chemin} : fichier introuvable.") from None
    except OSError as erreur:
        raise ListeInvalide(f"{chemin} : lecture impossible ({erreur.strerror}).") from None
    for encodage in ("utf-8-sig", "cp1252"):
        try:
            return octets.decode(encodage)
        except UnicodeDecodeError:
            continue
    raise ListeInvalide(
        f"{chemin} : encodage non reconnu. Dans Excel, « Enregistrer sous… » puis « CSV UTF-8 »."
    )


def _separateur(entete: str) -> str:
    """Le séparateur le plus présent dans la ligne des titres (« , » à égalité)."""
    return max(SEPARATEURS, key=lambda s: (entete.count(s), s == ","))


def lire_liste(chemin: Path, prefixe: str = "", exiger_formateur: bool = True) -> list[Personne]:
    """Lit et vérifie la liste ; lève ``ListeInvalide`` avec la ligne fautive.

    ``exiger_formateur`` : la salle a besoin d'au moins un formateur ; le bilan, non.
    """
    chemin = Path(chemin)
    texte = _texte(chemin)
    if not texte.strip():
        raise ListeInvalide(
            f"{chemin} : le fichier est vide (il faut une ligne de titres : {', '.join(COLONNES)})."
        )
    lecteur = csv.reader(
        io.StringIO(texte, newline=""), delimiter=_separateur(texte.splitlines()[0])
    )
    titres = [_cle_colonne(t) for t in next(lecteur)]
    manquantes = [c for c in COLONNES if c not in titres]
    if manquantes:
        trouvees = ", ".join(t for t in titres if t) or "aucune"
        raise ListeInvalide(
            f"{chemin}, ligne 1 : colonne(s) manquante(s) : {', '.join(manquantes)}. "
            f"Colonnes trouvées : {trouvees}. Il faut : {', '.join(COLONNES)} "
            f"(et si besoin {', '.join(FACULTATIVES)})."
        )
    position = {}
    for i, titre in enumerate(titres):
        position.setdefault(titre, i)
    personnes, vus = [], {}
    for valeurs in lecteur:
        numero = lecteur.line_num
        if not any(v.strip() for v in valeurs):
            continue  # ligne vide (Excel en ajoute souvent à la fin)
        champ = {
            c: valeurs[i].strip() if (i := position.get(c, len(valeurs))) < len(valeurs) else ""
            for c in (*COLONNES, *FACULTATIVES)
        }
        identifiant = prefixe + champ["id"].lower()
        if not MOTIF_IDENTIFIANT.match(identifiant):
            raise ListeInvalide(
                f"{chemin}, ligne {numero} : identifiant « {identifiant} » invalide "
                "(lettres minuscules sans accent, chiffres, « - » ou « _ », "
                "32 caractères au plus, en commençant par une lettre)."
            )
        role = SYNONYMES_ROLES.get(sans_accents(champ["role"]))
        if role is None:
            raise ListeInvalide(
                f"{chemin}, ligne {numero} : rôle « {champ['role']} » inconnu. La colonne role vaut "
                "« participant » ou « formateur » (la fonction dans la commune, maire ou adjoint, "
                "n'y a pas sa place)."
            )
        if identifiant in vus:
            raise ListeInvalide(
                f"{chemin}, ligne {numero} : identifiant « {identifiant} » en double "
                f"(déjà à la ligne {vus[identifiant]})."
            )
        vus[identifiant] = numero
        personnes.append(
            Personne(identifiant, champ["nom"], champ["commune"], role, champ["departement"])
        )
    if exiger_formateur and not any(p.formateur for p in personnes):
        raise ListeInvalide(
            f"{chemin} : il faut au moins un formateur (colonne role : « formateur »)."
        )
    return personnes
