"""Charger les données de l'atelier : des tableaux vérifiés, avec des erreurs en français.

Dans un carnet :

    from atelier.donnees import charger, trouver_commune, decrire
    communes = charger("communes")           # les 77 communes, colonnes typées
    decrire("connectivite")                  # d'où vient chaque colonne, son unité
    trouver_commune("abomey calavi")         # « Abomey-Calavi »
    mes = charger_fichier("mon_etat_civil.csv", table="etat_civil")

Chaque table est décrite dans ``datasets/datapackage.json`` (le dictionnaire
des données, au format Frictionless Data Package) : type, unité, bornes, et
nature de chaque colonne (réelle, calculée ou synthétique). Toute table, celles
du kit comme celles d'un formateur, est vérifiée contre ce dictionnaire ; un
problème lève ``ErreurDonnees`` avec un message qui nomme le fichier, la colonne
et les lignes en cause.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from atelier import chemins
from atelier.socle import ErreurAtelier, nombre_fr

__all__ = [
    "ErreurDonnees",
    "charger",
    "charger_communes",
    "charger_fichier",
    "communes_disponibles",
    "decrire",
    "departements",
    "fiche_commune",
    "integrer_mes_chiffres",
    "parametre",
    "tables_disponibles",
    "trouver_commune",
]

MENTION_SYNTHETIQUE = "données synthétiques (fictives, pour l'exercice)"
_MAX_LIGNES_CITEES = 5
_ESPACES = "\u00a0\u202f\u2009 "  # espaces, insécables comprises (séparateur de milliers)
_VRAI = {"oui", "vrai", "true", "1", "o", "yes", "y"}
_FAUX = {"non", "faux", "false", "0", "n", "no"}


# --- L'erreur -------------------------------------------------------------------
@dataclass(frozen=True)
class Probleme:
    colonne: str | None
    message: str

    def __str__(self) -> str:
        return f"colonne « {self.colonne} » : {self.message}" if self.colonne else self.message


class ErreurDonnees(ErreurAtelier, ValueError):
    """Un fichier ou une valeur ne convient pas ; le message dit quoi corriger, en français.

    ``fichier`` : le fichier en cause (ou None) ; ``problemes`` : la liste des
    problèmes, chacun avec sa ``colonne`` et son ``message``. Dans un carnet,
    elle s'affiche sans trace technique, comme toute ``ErreurAtelier``.
    """

    def __init__(
        self, message: str, fichier: str | None = None, problemes: list[Probleme] | None = None
    ):
        super().__init__(message)
        self.fichier = fichier
        self.problemes = list(problemes or [])


def _erreur_fichier(
    fichier: str, table: str | None, problemes: list[Probleme], note: str | None = None
) -> ErreurDonnees:
    quelle = f" (table « {table} »)" if table else ""
    combien = "un problème" if len(problemes) == 1 else f"{len(problemes)} problèmes"
    lignes = [f"Le fichier « {fichier} »{quelle} a {combien} :", *(f"- {p}" for p in problemes)]
    if note:
        lignes.append(note)
    lignes.append("Corrigez le fichier, enregistrez-le, puis relancez la cellule.")
    return ErreurDonnees("\n".join(lignes), fichier=fichier, problemes=problemes)


# --- Petits outils ------------------------------------------------------------
def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c))


def _cle(texte: str) -> str:
    """Clé de comparaison : sans accents, sans casse, sans ponctuation ni espaces."""
    return re.sub(r"[^a-z0-9]", "", _sans_accents(str(texte)).lower())


def _cle_colonne(texte: str) -> str:
    """Nom de colonne normalisé : « Population 2013 » → « population_2013 »."""
    return re.sub(r"[^a-z0-9]+", "_", _sans_accents(str(texte)).strip().lower()).strip("_")


def _proches(mot: str, possibles, n: int = 3, seuil: float = 0.7) -> list[str]:
    """Les éléments de ``possibles`` qui ressemblent à ``mot`` (accents et casse ignorés)."""
    par_cle: dict[str, str] = {}
    for p in possibles:
        par_cle.setdefault(_cle(p), p)
    cle = _cle(mot)
    # Un début de nom (« smig » pour « smig_fcfa_mois ») compte comme une ressemblance.
    contenants = [k for k in par_cle if len(cle) >= 3 and cle in k] if cle else []
    trouves = contenants + difflib.get_close_matches(cle, list(par_cle), n=n, cutoff=seuil)
    return list(dict.fromkeys(par_cle[t] for t in trouves))[:n]


def suggestion(mot: str, possibles) -> str:
    """« Vouliez-vous dire « x » ? » quand ``mot`` ressemble à un des ``possibles``, sinon une chaîne vide."""
    proches = _proches(mot, possibles)
    if not proches:
        return ""
    return " Vouliez-vous dire " + " ou ".join(f"« {p} »" for p in proches) + " ?"


def _citer(lignes: list[int], valeurs: list | None = None, etiquettes: list | None = None) -> str:
    morceaux = []
    for i, ligne in enumerate(lignes[:_MAX_LIGNES_CITEES]):
        texte = f"ligne {ligne}"
        if etiquettes is not None and etiquettes[i]:
            texte += f" ({etiquettes[i]})"
        if valeurs is not None:
            texte += f" : « {valeurs[i]} »"
        morceaux.append(texte)
    reste = len(lignes) - _MAX_LIGNES_CITEES
    if reste > 0:
        morceaux.append(f"et {reste} autre{'s' if reste > 1 else ''}")
    return ", ".join(morceaux)


# --- Le dictionnaire des données ------------------------------------------------
def _dossier() -> Path:
    return chemins.DONNEES


@cache
def _paquet(dossier: Path) -> dict:
    chemin = dossier / "datapackage.json"
    if not chemin.exists():
        raise ErreurDonnees(
            f"Le dictionnaire des données « {chemin} » est introuvable. Le dossier datasets/ du kit est-il complet ?",
            fichier=str(chemin),
        )
    return json.loads(chemin.read_text(encoding="utf-8"))


def descriptions_des_tables() -> dict[str, dict]:
    return {r["name"]: r for r in _paquet(_dossier())["resources"] if r.get("type") == "table"}


def description_de_table(nom: str) -> dict:
    ressources = descriptions_des_tables()
    if nom not in ressources:
        raise ErreurDonnees(
            f"Table inconnue : « {nom} ».{suggestion(nom, ressources)} "
            "La liste des tables est donnée par tables_disponibles()."
        )
    return ressources[nom]


def _champs(ressource: dict) -> list[dict]:
    return ressource["schema"]["fields"]


def colonnes_decrites(table: str) -> list[str]:
    """Les colonnes d'une table de l'atelier, dans l'ordre du dictionnaire des données."""
    return [c["name"] for c in _champs(description_de_table(table))]


def tables_disponibles() -> pd.DataFrame:
    """Les tables de l'atelier : nom (à passer à ``charger``), titre, fichier et licence."""
    lignes = []
    for nom, r in descriptions_des_tables().items():
        natures = {c.get("atelier:nature") for c in _champs(r)}
        lignes.append(
            {
                "table": nom,
                "titre": r["title"],
                "colonnes": len(_champs(r)),
                "contenu": ", ".join(n for n in ("réel", "calculé", "synthétique") if n in natures),
                "fichier": r["path"],
                "licence": r["licenses"][0]["name"],
            }
        )
    return pd.DataFrame(lignes)


def decrire(table: str) -> pd.DataFrame:
    """Le dictionnaire d'une table : une ligne par colonne (titre, type, unité, nature, source, bornes)."""
    ressource = description_de_table(table)
    lignes = []
    for c in _champs(ressource):
        contraintes = c.get("constraints", {})
        bornes = ""
        if "minimum" in contraintes or "maximum" in contraintes:
            bornes = f"{contraintes.get('minimum', '')} à {contraintes.get('maximum', '')}".strip()
        elif "enum" in contraintes:
            bornes = " | ".join(map(str, contraintes["enum"]))
        lignes.append(
            {
                "colonne": c["name"],
                "titre": c.get("title", ""),
                "type": _TYPES_FR.get(c["type"], c["type"]),
                "unite": c.get("atelier:unite", ""),
                "nature": c.get("atelier:nature", ""),
                "valeurs permises": bornes,
                "description": c.get("description", ""),
                "source": c.get("atelier:source", ""),
            }
        )
    return pd.DataFrame(lignes)


_TYPES_FR = {
    "string": "texte",
    "integer": "nombre entier",
    "number": "nombre",
    "boolean": "oui/non",
    "date": "date (AAAA-MM-JJ)",
}


def champ(colonne: str, table: str | None = None) -> dict | None:
    """La description d'une colonne dans le dictionnaire (dans ``table``, sinon la première table qui l'a)."""
    tables = [table] if table else list(descriptions_des_tables())
    for nom in tables:
        for c in _champs(description_de_table(nom)):
            if c["name"] == colonne:
                return c
    return None


# --- Lecture d'un CSV -------------------------------------------------------------
def _lire_texte(chemin: Path, affiche: str) -> str:
    if not chemin.exists():
        dossier = chemin.parent
        indice = ""
        if dossier.is_dir():
            indice = suggestion(chemin.name, [p.name for p in dossier.iterdir() if p.is_file()])
        raise ErreurDonnees(
            f"Fichier introuvable : « {affiche} ».{indice} Vérifiez le nom et le dossier "
            "(le chemin part du dossier du carnet).",
            fichier=affiche,
        )
    if chemin.is_dir():
        raise ErreurDonnees(f"« {affiche} » est un dossier, pas un fichier CSV.", fichier=affiche)
    brut = chemin.read_bytes()
    if not brut.strip():
        raise ErreurDonnees(f"Le fichier « {affiche} » est vide.", fichier=affiche)
    try:
        return brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Un tableur français enregistre souvent en Windows-1252 : on l'accepte.
        return brut.decode("cp1252", errors="replace")


def _separateur(texte: str) -> str:
    """Le séparateur de la ligne d'en-tête : virgule, point-virgule (tableur français) ou tabulation."""
    entete = texte.splitlines()[0]
    sans_guillemets = re.sub(r'"[^"]*"', "", entete)
    comptes = {sep: sans_guillemets.count(sep) for sep in (",", ";", "\t")}
    return max(comptes, key=lambda s: (comptes[s], s == ","))


def _lire_csv(chemin: Path, affiche: str, table: str | None) -> tuple[pd.DataFrame, str]:
    texte = _lire_texte(chemin, affiche)
    sep = _separateur(texte)
    try:
        brut = pd.read_csv(
            io.StringIO(texte),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            quoting=csv.QUOTE_MINIMAL,
        )
    except pd.errors.ParserError as e:
        raise _erreur_fichier(
            affiche, table, [Probleme(None, _traduire_erreur_csv(str(e), sep))]
        ) from None
    except pd.errors.EmptyDataError:
        raise ErreurDonnees(
            f"Le fichier « {affiche} » ne contient aucune ligne lisible.", fichier=affiche
        ) from None
    brut.columns = [str(c).strip() for c in brut.columns]
    brut = brut.fillna("").apply(lambda s: s.str.strip())  # lignes trop courtes : valeurs vides
    return brut, sep


def _traduire_erreur_csv(message: str, sep: str) -> str:
    nom_sep = {",": "virgule", ";": "point-virgule", "\t": "tabulation"}[sep]
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if m:
        attendu, ligne, vu = m.groups()
        return (
            f"ligne {ligne} : {vu} valeurs au lieu de {attendu}. Le séparateur est la {nom_sep} : "
            f"une valeur qui contient une {nom_sep} (un nombre écrit « 12,5 », un nom avec une virgule) "
            'doit être entre guillemets, par exemple "12,5".'
        )
    m = re.search(r"EOF inside string starting at row (\d+)", message)
    if m:
        ligne = int(m.group(1)) + 1
        return f"un guillemet ouvert vers la ligne {ligne} n'est jamais refermé."
    return f"le fichier n'est pas un CSV lisible ({message})."


# --- Conversion et vérification ---------------------------------------------------
def _convertir(valeurs: pd.Series, c: dict, decimale_virgule: bool) -> tuple[pd.Series, pd.Series]:
    """Convertit une colonne de textes selon son type ; renvoie (valeurs, masque des valeurs illisibles)."""
    vide = valeurs == ""
    type_ = c["type"]
    if type_ == "string":
        return valeurs.where(~vide, None), pd.Series(False, index=valeurs.index)
    if type_ in ("integer", "number"):
        textes = valeurs.str.replace(f"[{_ESPACES}]", "", regex=True)
        if decimale_virgule or type_ == "number":
            textes = textes.str.replace(r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)
        nombres = pd.to_numeric(textes.where(~vide, None), errors="coerce")
        illisibles = nombres.isna() & ~vide
        if type_ == "integer":
            non_entiers = nombres.notna() & (nombres != np.round(nombres))
            illisibles |= non_entiers
            nombres = nombres.where(~non_entiers)
            entiers = nombres.round().astype("Int64")
            return (entiers.astype("int64") if not entiers.isna().any() else entiers), illisibles
        return nombres.astype("float64"), illisibles
    if type_ == "boolean":
        vrais = {v.lower() for v in c.get("trueValues", [])} | _VRAI
        faux = {v.lower() for v in c.get("falseValues", [])} | _FAUX
        bas = valeurs.str.lower()
        resultat = pd.Series(pd.NA, index=valeurs.index, dtype="boolean")
        resultat[bas.isin(vrais)] = True
        resultat[bas.isin(faux)] = False
        illisibles = resultat.isna() & ~vide
        return (resultat.astype(bool) if not resultat.isna().any() else resultat), illisibles
    if type_ == "date":
        dates = pd.to_datetime(valeurs.where(~vide, None), format="%Y-%m-%d", errors="coerce")
        francaises = pd.to_datetime(
            valeurs.where(dates.isna() & ~vide, None), format="%d/%m/%Y", errors="coerce"
        )
        dates = dates.fillna(francaises)
        return dates, dates.isna() & ~vide
    raise ValueError(f"type inconnu dans le dictionnaire : {type_}")


_ATTENDU = {
    "integer": "un nombre entier (sans unité ni lettres, par exemple 12500)",
    "number": "un nombre (par exemple 12.5 ou 12,5)",
    "boolean": "« oui » ou « non »",
    "date": "une date AAAA-MM-JJ (par exemple 2024-01-31) ou JJ/MM/AAAA",
}


def _compte(n: int, singulier: str, pluriel: str) -> str:
    return f"{n} {singulier if n == 1 else pluriel}"


def _etiquettes(brut: pd.DataFrame, masque: pd.Series) -> list | None:
    if "commune" not in brut.columns:
        return None
    return list(brut.loc[masque, "commune"])


def _numeros(masque: pd.Series) -> list[int]:
    """Numéros de ligne dans le fichier (l'en-tête est la ligne 1)."""
    return [int(i) + 2 for i in np.flatnonzero(masque.to_numpy())]


def _lignes(brut: pd.DataFrame, masque: pd.Series, colonne: str | None = None) -> str:
    """« ligne 4 (Kandi) : « douze » , … » pour les lignes du masque (avec leurs valeurs si ``colonne``)."""
    valeurs = list(brut.loc[masque, colonne]) if colonne else None
    return _citer(_numeros(masque), valeurs, _etiquettes(brut, masque))


def _unite(c: dict) -> str:
    unite = c.get("atelier:unite", "")
    return f" {unite}" if unite and unite not in ("0 ou 1",) else ""


def _verifier_colonne(
    brut: pd.DataFrame, c: dict, sep: str, problemes: list[Probleme]
) -> pd.Series:
    nom = c["name"]
    valeurs, illisibles = _convertir(brut[nom], c, decimale_virgule=(sep == ";"))
    contraintes = c.get("constraints", {})
    if illisibles.any():
        combien = _compte(illisibles.sum(), "valeur ne convient", "valeurs ne conviennent")
        problemes.append(
            Probleme(
                nom,
                f"il faut {_ATTENDU[c['type']]}, mais {combien} pas : {_lignes(brut, illisibles, nom)}.",
            )
        )
    manquantes = brut[nom] == ""
    if contraintes.get("required") and manquantes.any():
        problemes.append(Probleme(nom, f"valeur manquante : {_lignes(brut, manquantes)}."))
    presentes = ~manquantes & ~illisibles
    if "minimum" in contraintes or "maximum" in contraintes:
        bas, haut = contraintes.get("minimum", -np.inf), contraintes.get("maximum", np.inf)
        nombres = pd.to_numeric(valeurs.where(presentes), errors="coerce")
        dehors = presentes & ((nombres < bas) | (nombres > haut))
        if dehors.any():
            if "minimum" in contraintes and "maximum" in contraintes:
                intervalle = f"entre {nombre_fr(bas)} et {nombre_fr(haut)}{_unite(c)}"
            elif "minimum" in contraintes:
                intervalle = f"au moins {nombre_fr(bas)}{_unite(c)}"
            else:
                intervalle = f"au plus {nombre_fr(haut)}{_unite(c)}"
            problemes.append(
                Probleme(
                    nom,
                    f"valeur hors de l'intervalle permis (il faut {intervalle}) : {_lignes(brut, dehors, nom)}.",
                )
            )
    if "enum" in contraintes:
        permis = [str(v) for v in contraintes["enum"]]
        hors = presentes & ~brut[nom].isin(permis)
        if hors.any():
            premiere = brut.loc[hors, nom].iloc[0]
            problemes.append(
                Probleme(
                    nom,
                    f"valeur non permise : {_lignes(brut, hors, nom)}. "
                    f"Valeurs permises : {', '.join(permis)}.{suggestion(premiere, permis)}",
                )
            )
    if "pattern" in contraintes:
        forme = re.compile(contraintes["pattern"])
        mauvais = presentes & ~brut[nom].map(lambda v: bool(forme.fullmatch(v)))
        if mauvais.any():
            problemes.append(Probleme(nom, f"valeur mal formée : {_lignes(brut, mauvais, nom)}."))
    if contraintes.get("unique"):
        _doublons(brut, [nom], presentes, problemes)
    return valeurs


def _doublons(
    brut: pd.DataFrame, colonnes: list[str], masque: pd.Series, problemes: list[Probleme]
) -> None:
    cles = brut.loc[masque, colonnes]
    repetes = cles.duplicated(keep=False)
    if not repetes.any():
        return
    for valeur, groupe in cles[repetes].groupby(colonnes, sort=False):
        valeur = valeur if isinstance(valeur, tuple) else (valeur,)
        texte = " / ".join(f"« {v} »" for v in valeur)
        lignes = ", ".join(str(i + 2) for i in groupe.index[:_MAX_LIGNES_CITEES])
        quoi = "la commune" if colonnes == ["commune"] else "la valeur"
        problemes.append(
            Probleme(
                " + ".join(colonnes),
                f"{quoi} {texte} apparaît {len(groupe)} fois (lignes {lignes}) ; "
                "chaque ligne doit être unique.",
            )
        )


@cache
def _reference_communes(dossier: Path) -> pd.DataFrame:
    """Les 77 communes officielles, lues sans vérification (elles servent de référence)."""
    return pd.read_csv(dossier / "communes.csv", dtype=str, keep_default_na=False)


@cache
def _index_noms(dossier: Path) -> dict[str, str]:
    """Clé normalisée → nom officiel, avec les autres orthographes connues des sources."""
    ref = _reference_communes(dossier)
    index = {}
    for _, ligne in ref.iterrows():
        for nom in [
            ligne["commune"],
            ligne["nom_ascii"],
            *filter(None, ligne["noms_alternatifs"].split("|")),
        ]:
            index.setdefault(_cle(nom), ligne["commune"])
    correspondances = dossier / "sources" / "communes_name_crosswalk.csv"
    if correspondances.exists():
        xw = pd.read_csv(correspondances, dtype=str, keep_default_na=False)
        for _, ligne in xw.iterrows():
            for col in xw.columns:
                if col.startswith("name_") and ligne[col]:
                    index.setdefault(_cle(ligne[col]), ligne["commune"])
    return index


def _verifier_communes(brut: pd.DataFrame, problemes: list[Probleme]) -> None:
    """Communes connues (orthographes voisines corrigées), et département cohérent."""
    index = _index_noms(_dossier())
    officiels = set(index.values())
    presentes = brut["commune"] != ""
    corrigees = brut["commune"].map(lambda n: n if n in officiels else index.get(_cle(n), n))
    brut["commune"] = corrigees
    inconnues = presentes & ~corrigees.isin(officiels)
    for nom, groupe in brut[inconnues].groupby("commune", sort=False):
        lignes = ", ".join(str(i + 2) for i in groupe.index[:_MAX_LIGNES_CITEES])
        pluriel = "s" if len(groupe) > 1 else ""
        problemes.append(
            Probleme(
                "commune",
                f"commune inconnue « {nom} » (ligne{pluriel} {lignes}).{suggestion(nom, officiels)}",
            )
        )
    if "departement" in brut.columns:
        ref = _reference_communes(_dossier()).set_index("commune")["departement"]
        attendu = brut["commune"].map(ref)
        faux = (
            presentes
            & attendu.notna()
            & (brut["departement"] != "")
            & (brut["departement"] != attendu)
        )
        for i in np.flatnonzero(faux.to_numpy())[:_MAX_LIGNES_CITEES]:
            commune = brut["commune"].iat[i]
            problemes.append(
                Probleme(
                    "departement",
                    f"ligne {i + 2} : {commune} est dans le département « {attendu.iat[i]} », "
                    f"pas « {brut['departement'].iat[i]} ».",
                )
            )


def _verifier_cles_etrangeres(
    brut: pd.DataFrame, ressource: dict, problemes: list[Probleme]
) -> None:
    for cle in ressource["schema"].get("foreignKeys", []):
        colonne = cle["fields"][0]
        cible = cle["reference"]["resource"]
        if colonne not in brut.columns:
            continue
        if colonne == "commune" and cible in ("communes", "communes_reference"):
            _verifier_communes(brut, problemes)
            continue
        valeurs = set(charger(cible)[cle["reference"]["fields"][0]].astype(str))
        inconnues = (brut[colonne] != "") & ~brut[colonne].isin(valeurs)
        if inconnues.any():
            premiere = brut.loc[inconnues, colonne].iloc[0]
            problemes.append(
                Probleme(
                    colonne,
                    f"valeur absente de la table « {cible} » : {_lignes(brut, inconnues, colonne)}."
                    + suggestion(premiere, valeurs),
                )
            )


def _renommer_colonnes(brut: pd.DataFrame, noms: list[str]) -> pd.DataFrame:
    """Accepte « Population 2013 » ou « POPULATION_2013 » pour population_2013."""
    par_cle = {_cle_colonne(n): n for n in noms}
    renommage = {
        c: par_cle[_cle_colonne(c)]
        for c in brut.columns
        if c not in noms and _cle_colonne(c) in par_cle
    }
    return brut.rename(columns=renommage)


def valider_tableau(
    brut: pd.DataFrame, ressource: dict, affiche: str, sep: str = ",", partiel: bool = False
) -> pd.DataFrame:
    champs = _champs(ressource)
    noms = [c["name"] for c in champs]
    brut = _renommer_colonnes(brut, noms)
    cle_primaire = ressource["schema"].get("primaryKey", [])
    exigees = cle_primaire if partiel else noms
    manquantes = [n for n in exigees if n not in brut.columns]
    problemes: list[Probleme] = []
    if manquantes:
        en_trop = [c for c in brut.columns if c not in noms]
        for n in manquantes:
            proche = _proches(n, en_trop, n=1, seuil=0.6)
            indice = f" Une colonne s'appelle « {proche[0]} » : faute de frappe ?" if proche else ""
            problemes.append(Probleme(n, f"colonne absente du fichier.{indice}"))
        note = "Colonnes trouvées dans le fichier : " + ", ".join(brut.columns) + "."
        if len(brut.columns) == 1 and len(noms) > 1:
            note += (
                " Une seule colonne a été lue : les valeurs doivent être séparées par des virgules,"
                " des points-virgules ou des tabulations."
            )
        raise _erreur_fichier(affiche, ressource["name"], problemes, note)
    if partiel:
        inconnues = [c for c in brut.columns if c not in noms]
        for n in inconnues:
            message = f"cette colonne n'existe pas dans la table « {ressource['name']} ».{suggestion(n, noms)}"
            problemes.append(Probleme(n, message))
    brut = brut.copy()
    _verifier_cles_etrangeres(brut, ressource, problemes)
    types = {}
    for c in champs:
        if c["name"] in brut.columns:
            types[c["name"]] = _verifier_colonne(brut, c, sep, problemes)
    deja_unique = len(cle_primaire) == 1 and _champ_unique(ressource, cle_primaire[0])
    if cle_primaire and not deja_unique and all(k in brut.columns for k in cle_primaire):
        _doublons(brut, cle_primaire, (brut[cle_primaire] != "").all(axis=1), problemes)
    if problemes:
        raise _erreur_fichier(affiche, ressource["name"], problemes)
    resultat = pd.DataFrame(types, index=brut.index)
    autres = [c for c in brut.columns if c not in types]
    for c in autres:  # colonnes ajoutées par le formateur : gardées telles quelles
        resultat[c] = brut[c]
    return resultat.reset_index(drop=True)


def _champ_unique(ressource: dict, nom: str) -> bool:
    for c in _champs(ressource):
        if c["name"] == nom:
            return bool(c.get("constraints", {}).get("unique"))
    return False


# --- Les fonctions des carnets --------------------------------------------------
@cache
def _charger_en_cache(nom: str, chemin: Path, date: float) -> pd.DataFrame:
    ressource = description_de_table(nom)
    brut, sep = _lire_csv(chemin, ressource["path"], nom)
    return valider_tableau(brut, ressource, ressource["path"], sep)


def charger(nom: str) -> pd.DataFrame:
    """Une table de l'atelier, vérifiée et typée (nombres, oui/non, dates).

    ``nom`` : « communes », « arrondissements », « connectivite », « budget »…
    (la liste : ``tables_disponibles()``). Renvoie une copie : la modifier ne
    change pas le fichier.
    """
    ressource = description_de_table(nom)
    chemin = _dossier() / ressource["path"]
    date = chemin.stat().st_mtime if chemin.exists() else 0.0
    return _charger_en_cache(nom, chemin, date).copy()


def charger_fichier(chemin, table: str | None = None) -> pd.DataFrame:
    """Un CSV du formateur (par exemple les chiffres réels de sa commune), vérifié comme la table ``table``.

    Le fichier peut venir d'un tableur : séparateur point-virgule, virgule
    décimale, espaces dans les milliers et encodage Windows sont acceptés. Il
    peut ne contenir que quelques communes. Sans ``table``, le nom du fichier
    doit être celui d'une table (``etat_civil.csv``…).
    """
    chemin = Path(chemin)
    affiche = str(chemin)
    if table is None:
        if chemin.stem not in descriptions_des_tables():
            raise ErreurDonnees(
                f"Pour vérifier « {affiche} », dites quelle table il remplace : "
                f'charger_fichier("{affiche}", table="etat_civil") par exemple.{suggestion(chemin.stem, descriptions_des_tables())}',
                fichier=affiche,
            )
        table = chemin.stem
    ressource = description_de_table(table)
    brut, sep = _lire_csv(chemin, affiche, table)
    return valider_tableau(brut, ressource, affiche, sep)


def integrer_mes_chiffres(table: str, chemin) -> pd.DataFrame:
    """La table ``table`` de l'atelier où les chiffres du fichier ``chemin`` remplacent les valeurs fictives.

    Le fichier n'a besoin que de la clé (``commune``, ou ``commune`` et
    ``arrondissement``…) et des colonnes à remplacer, pour les lignes à
    remplacer. La colonne ``mes_chiffres`` du résultat vaut True pour ces lignes.
    """
    ressource = description_de_table(table)
    chemin = Path(chemin)
    brut, sep = _lire_csv(chemin, str(chemin), table)
    miens = valider_tableau(brut, ressource, str(chemin), sep, partiel=True)
    officiel = charger(table)
    cle = ressource["schema"]["primaryKey"]
    officiel["mes_chiffres"] = False
    fusion = officiel.set_index(cle)
    miens = miens.set_index(cle)
    absents = miens.index.difference(fusion.index)
    if len(absents):
        raise _erreur_fichier(
            str(chemin),
            table,
            [
                Probleme(
                    " + ".join(cle),
                    f"lignes absentes de la table de l'atelier : {', '.join(map(str, absents[:5]))}.",
                )
            ],
        )
    for colonne in miens.columns:
        if colonne in fusion.columns:
            if fusion[colonne].dtype != miens[colonne].dtype and str(miens[colonne].dtype) in (
                "Int64",
                "boolean",
            ):
                fusion[colonne] = fusion[colonne].astype(miens[colonne].dtype)
            fusion.loc[miens.index, colonne] = miens[colonne]
    fusion.loc[miens.index, "mes_chiffres"] = True
    return fusion.reset_index()[[*officiel.columns]]


def communes_disponibles(departement: str | None = None) -> list[str]:
    """Les noms officiels des communes (d'un département si on le donne), dans l'ordre du dictionnaire."""
    communes = _reference_communes(_dossier())
    if departement is not None:
        permis = sorted(communes["departement"].unique())
        trouve = {_cle(d): d for d in permis}.get(_cle(departement))
        if trouve is None:
            raise ErreurDonnees(
                f"Département inconnu : « {departement} ».{suggestion(departement, permis)} "
                f"Les 12 départements : {', '.join(permis)}."
            )
        communes = communes[communes["departement"] == trouve]
    return communes["commune"].tolist()


def departements() -> list[str]:
    """Les 12 départements, dans l'ordre alphabétique."""
    return sorted(_reference_communes(_dossier())["departement"].unique())


def trouver_commune(nom: str) -> str:
    """Le nom officiel d'une commune, quelle que soit l'écriture (accents, majuscules, tirets).

    ``trouver_commune("seme kpodji")`` → ``"Sèmè-Podji"``. Sur une faute de
    frappe, l'erreur propose les noms proches.
    """
    if not isinstance(nom, str) or not nom.strip():
        raise ErreurDonnees(
            'Donnez le nom d\'une commune entre guillemets, par exemple trouver_commune("Kandi").'
        )
    index = _index_noms(_dossier())
    trouve = index.get(_cle(nom))
    if trouve:
        return trouve
    officiels = list(dict.fromkeys(index.values()))
    proches = _proches(nom, list(index), n=5, seuil=0.75)
    noms = list(dict.fromkeys(index[_cle(p)] for p in proches))[:3]
    if noms:
        indice = " Vouliez-vous dire " + " ou ".join(f"« {n} »" for n in noms) + " ?"
    else:
        indice = suggestion(nom, officiels) or " La liste des noms : communes_disponibles()."
    raise ErreurDonnees(f"Commune inconnue : « {nom} ».{indice}")


def fiche_commune(nom: str) -> pd.Series:
    """Les informations de référence d'une commune (table « communes »)."""
    officiel = trouver_commune(nom)
    communes = charger("communes").set_index("commune")
    fiche = communes.loc[officiel]
    fiche.name = officiel
    return fiche


def charger_communes(*tables: str) -> pd.DataFrame:
    """La table « communes » complétée des colonnes d'autres tables à une ligne par commune.

    ``charger_communes("connectivite", "budget")`` : une ligne par commune avec
    toutes leurs colonnes.
    """
    resultat = charger("communes")
    for nom in tables:
        ressource = description_de_table(nom)
        if ressource["schema"].get("primaryKey") != ["commune"]:
            raise ErreurDonnees(
                f'La table « {nom} » n\'a pas une ligne par commune : chargez-la avec charger("{nom}") '
                "puis regroupez-la par commune (groupby) avant de la joindre."
            )
        autre = charger(nom)
        nouvelles = [c for c in autre.columns if c not in resultat.columns or c == "commune"]
        resultat = resultat.merge(autre[nouvelles], on="commune", how="left", validate="one_to_one")
    return resultat


def parametre(nom: str) -> float:
    """Un chiffre national de référence (table « parametres ») : ``parametre("smig_fcfa_mois")``."""
    table = charger("parametres").set_index("nom")
    if nom not in table.index:
        raise ErreurDonnees(
            f"Paramètre inconnu : « {nom} ».{suggestion(nom, table.index)} "
            'La liste : charger("parametres").'
        )
    valeur = float(table.at[nom, "valeur"])
    return int(valeur) if valeur.is_integer() else valeur
