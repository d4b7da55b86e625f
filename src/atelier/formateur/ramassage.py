"""Ramasser des copies sans JupyterHub : depuis un dossier ou une archive zip.

Dispositions acceptées (``<id>`` est l'identifiant du participant dans la liste) :

- ``<id>/<carnet>.ipynb`` (un dossier par participant, fichiers d'accompagnement compris) ;
- ``<id>/<exercice>/<carnet>.ipynb`` (le dossier de l'exercice copié tel quel) ;
- ``<id>_<carnet>.ipynb`` ou ``<id>-<carnet>.ipynb`` à plat, ou ``<id>.ipynb``
  quand l'exercice n'a qu'un carnet.

Chaque copie va dans ``submitted/<id>/<exercice>/`` avec son heure
(``timestamp.txt``). Une copie déjà ramassée et identique n'est pas recopiée ;
une copie différente remplace l'ancienne, qui est gardée dans
``correction_atelier/anciennes_copies/``.

Ramasser depuis l'échange du hub (``ramasser_echange``) : chaque dépôt de
``inbound/`` est un dossier que son auteur contrôle. Rien n'y est suivi ni ouvert
sans vérification (voir ``_lire_depot``) ; un dépôt au nom d'un autre compte est
refusé ; chaque copie a sa ligne de compte rendu, et les incidents sont gardés dans
``correction_atelier/incidents.json`` pour le bilan.
"""

from __future__ import annotations

import datetime
import json
import os
import pwd
import re
import secrets
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path

from atelier.formateur.cours import (
    ETAT,
    ErreurFormateur,
    Participant,
    carnets,
    charger_config,
    empreinte,
)
from atelier.salle.depot import lire_incidents as lire_incidents_du_depot

IDENTIFIANT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
TAILLE_MAX_ZIP = 500 * 1024 * 1024


def _horodatage(secondes: float) -> str:
    return datetime.datetime.fromtimestamp(secondes, datetime.timezone.utc).strftime(
        "%Y-%m-%d %H:%M:%S.%f UTC"
    )


def _extraire(archive: Path, cible: Path) -> None:
    """Extrait le zip en refusant les chemins qui sortiraient du dossier (« zip slip »)."""
    with zipfile.ZipFile(archive) as z:
        if sum(i.file_size for i in z.infolist()) > TAILLE_MAX_ZIP:
            raise ErreurFormateur(f"{archive.name} : archive trop grosse une fois décompressée.")
        for info in z.infolist():
            nom = Path(info.filename)
            if (
                info.is_dir()
                or nom.is_absolute()
                or ".." in nom.parts
                or nom.parts[0] == "__MACOSX"
            ):
                continue
            destination = cible / nom
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(z.read(info))
            horaire = datetime.datetime(*info.date_time).timestamp()
            os.utime(destination, (horaire, horaire))


def _racine(dossier: Path, exercice: str, noms: list[str]) -> Path:
    """Un zip contient souvent un dossier englobant : on y descend, sauf si c'est déjà
    le dossier d'un participant (il contient l'exercice ou ses carnets)."""
    contenu = [p for p in dossier.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if len(contenu) == 1 and contenu[0].is_dir():
        seul = contenu[0]
        if not (seul / exercice).is_dir() and not any((seul / f"{n}.ipynb").exists() for n in noms):
            return seul
    return dossier


def _trouver(dossier: Path, exercice: str, noms: list[str]) -> dict[str, dict[Path, Path]]:
    """Participant -> {fichier trouvé: chemin relatif dans la copie}."""
    trouve: dict[str, dict[Path, Path]] = {}
    for element in sorted(dossier.iterdir()):
        if element.name.startswith("."):
            continue
        if element.is_dir():
            base = element / exercice if (element / exercice).is_dir() else element
            fichiers = {
                f: f.relative_to(base)
                for f in base.rglob("*")
                if f.is_file() and ".ipynb_checkpoints" not in f.parts and not f.is_symlink()
            }
            trouve[element.name] = fichiers
        elif element.suffix == ".ipynb":
            tige = element.stem
            for nom in sorted(noms, key=len, reverse=True):
                for sep in ("_", "-"):
                    if tige.endswith(sep + nom):
                        trouve.setdefault(tige[: -len(nom) - 1], {})[element] = Path(f"{nom}.ipynb")
                        break
                else:
                    continue
                break
            else:
                if len(noms) == 1:
                    trouve.setdefault(tige, {})[element] = Path(f"{noms[0]}.ipynb")
    return trouve


def ramasser_fichiers(
    cours: Path, exercice: str, source: Path, participants: dict[str, Participant] | None = None
) -> list[str]:
    """Range les copies de ``source`` (dossier ou .zip) dans ``submitted/`` ; renvoie le compte rendu."""
    if not source.exists():
        raise ErreurFormateur(f"Introuvable : {source}")
    noms = carnets(cours, exercice)
    with tempfile.TemporaryDirectory(prefix="atelier-ramassage-") as tmp:
        if source.is_file():
            if not zipfile.is_zipfile(source):
                raise ErreurFormateur(f"{source.name} n'est pas une archive zip.")
            _extraire(source, Path(tmp))
            dossier = _racine(Path(tmp), exercice, noms)
        else:
            dossier = source
        lignes = []
        for ident, fichiers in _trouver(dossier, exercice, noms).items():
            lignes.append(_ranger(cours, exercice, ident, fichiers, noms, participants))
    return lignes


def _ranger(cours, exercice, ident, fichiers, noms, participants) -> str:
    if not IDENTIFIANT.match(ident):
        return f"{ident} : nom de participant invalide, copie ignorée."
    if participants and ident not in participants:
        return f"{ident} : absent de la liste des participants, copie ignorée (vérifiez le nom du fichier)."
    with tempfile.TemporaryDirectory(prefix="atelier-copie-") as tmp:
        nouvelle = Path(tmp) / exercice
        nouvelle.mkdir()
        for fichier, relatif in fichiers.items():
            (nouvelle / relatif).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fichier, nouvelle / relatif)
        dates = [f.stat().st_mtime for f in fichiers] or [datetime.datetime.now().timestamp()]
        (nouvelle / "timestamp.txt").write_text(_horodatage(max(dates)), encoding="utf-8")
        return f"{ident} : {_installer(cours, exercice, ident, nouvelle, noms, frozenset({'timestamp.txt'}))}."


def _installer(
    cours: Path, exercice: str, ident: str, nouvelle: Path, noms: list[str], ignorer: frozenset
) -> str:
    """Met la copie ``nouvelle`` dans ``submitted/`` (l'ancienne, si elle diffère, est gardée) ; renvoie l'état."""
    remarque = (
        ""
        if any((nouvelle / f"{n}.ipynb").is_file() for n in noms)
        else " (aucun carnet de l'exercice trouvé)"
    )
    cible = cours / "submitted" / ident / exercice
    if cible.exists() and empreinte(cible, ignorer) == empreinte(nouvelle, ignorer):
        return f"déjà ramassée, identique{remarque}"
    etat = "ramassée"
    if cible.exists():
        archive = (
            cours
            / ETAT
            / "anciennes_copies"
            / ident
            / exercice
            / datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        )
        archive.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(cible), archive)
        etat = "remplacée par la nouvelle version (l'ancienne est gardée)"
    cible.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(nouvelle, cible)
    return f"{etat}{remarque}"


# --------------------------------------------------------------------------- depuis l'échange du hub

TAILLE_MAX_COPIE = 100 * 1024 * 1024
FICHIERS_MAX_COPIE = 1000
PROFONDEUR_MAX = 20
INCIDENTS = "incidents.json"
ALERTE = "ALERTE"


class _Refus(Exception):
    """Un élément d'une copie qui n'est pas ramassé (message en français)."""


def _ouvrir(dossier_fd: int, nom: str, uid: int, repertoire: bool) -> int:
    """Ouvre ``nom`` sans suivre de lien, puis vérifie ce qui a été ouvert (pas le nom : il peut changer)."""
    drapeaux = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | (os.O_DIRECTORY if repertoire else 0)
    try:
        fd = os.open(nom, drapeaux, dir_fd=dossier_fd)
    except PermissionError:
        raise _Refus("illisible : son auteur en a retiré les droits de lecture") from None
    except OSError:
        raise _Refus("lien ou élément qui a changé pendant le ramassage") from None
    etat = os.fstat(fd)
    probleme = None
    if not (stat.S_ISDIR(etat.st_mode) if repertoire else stat.S_ISREG(etat.st_mode)):
        probleme = "élément qui a changé de nature pendant le ramassage"
    elif etat.st_uid != uid:
        probleme = f"appartient au compte {_compte(etat.st_uid)}"
    if probleme:
        os.close(fd)
        raise _Refus(probleme)
    return fd


def _lister(dossier: int | Path) -> list[tuple[str, os.stat_result]]:
    """(nom, lstat) de chaque entrée, triées ; une entrée effacée entre-temps est ignorée."""
    elements = []
    with os.scandir(dossier) as entrees:
        for entree in entrees:
            try:
                elements.append((entree.name, entree.stat(follow_symlinks=False)))
            except FileNotFoundError:
                continue
    return sorted(elements)


def _lisible(nom: str) -> str:
    """Un nom choisi par un participant, affichable sans risque (pas de retour à la ligne ni de caractère de contrôle)."""
    return "".join(c if c.isprintable() else "?" for c in nom)


def _compte(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _copier_dossier(
    dossier_fd: int, uid: int, cible: Path, refus: list[str], budget: list[int], relatif: str = ""
) -> None:
    """Copie le contenu du dossier ouvert ``dossier_fd`` dans ``cible`` : seulement des fichiers et
    dossiers ordinaires appartenant à ``uid`` ; le reste est noté dans ``refus``."""
    try:
        elements = _lister(dossier_fd)
    except OSError:
        refus.append(
            f"{relatif or 'dossier de la copie'} (illisible : son auteur en a retiré les droits)"
        )
        return
    for nom, etat in elements:
        chemin = relatif + _lisible(nom)
        if nom == ".ipynb_checkpoints":
            continue
        try:
            if stat.S_ISLNK(etat.st_mode):
                raise _Refus("lien symbolique")
            if not (stat.S_ISDIR(etat.st_mode) or stat.S_ISREG(etat.st_mode)):
                raise _Refus("fichier spécial : tube, périphérique ou prise")
            if etat.st_uid != uid:
                raise _Refus(f"appartient au compte {_compte(etat.st_uid)}")
            budget[1] -= 1
            if budget[1] < 0 or chemin.count("/") >= PROFONDEUR_MAX:
                raise _Refus(
                    f"au-delà de {FICHIERS_MAX_COPIE} fichiers ou de {PROFONDEUR_MAX} niveaux de dossiers"
                )
            fd = _ouvrir(dossier_fd, nom, uid, repertoire=stat.S_ISDIR(etat.st_mode))
            try:
                if stat.S_ISDIR(etat.st_mode):
                    (cible / nom).mkdir()
                    _copier_dossier(fd, uid, cible / nom, refus, budget, chemin + "/")
                else:
                    _copier_fichier(fd, cible / nom, budget)
            finally:
                os.close(fd)
        except _Refus as raison:
            refus.append(f"{chemin} ({raison})")
        except PermissionError:
            refus.append(f"{chemin} (illisible : son auteur en a retiré les droits de lecture)")
        except OSError as erreur:
            refus.append(f"{chemin} (modifié pendant le ramassage : {erreur.strerror})")


def _copier_fichier(fd: int, cible: Path, budget: list[int]) -> None:
    """Copie le fichier ouvert ; celui qui dépasserait la place restante de la copie est refusé seul."""
    lu = 0
    with open(cible, "wb") as sortie:
        while morceau := os.read(fd, 1024 * 1024):
            lu += len(morceau)
            if lu > budget[0]:
                sortie.close()
                cible.unlink()
                raise _Refus(f"copie trop grosse (plus de {TAILLE_MAX_COPIE // 2**20} Mo en tout)")
            sortie.write(morceau)
    budget[0] -= lu


def _depots(
    inbound: Path, exercice: str
) -> tuple[dict[str, tuple[str, os.stat_result]], list[tuple[str, str]]]:
    """Les dépôts de l'exercice dans ``inbound`` : le plus récent de chaque compte, et les dépôts refusés.

    Un dépôt s'appelle ``<compte>+<exercice>+<heure>+<hasard>`` ; le nom est choisi par qui dépose,
    seul le propriétaire du dossier (le système le fixe) dit qui l'a déposé.
    Renvoie ({compte: (nom du dossier, lstat)}, [(compte responsable, message)]).
    """
    retenus: dict[str, tuple[str, os.stat_result]] = {}
    refuses = []
    for nom, etat in _lister(inbound):
        morceaux = nom.split("+")
        if len(morceaux) != 4 or morceaux[1] != exercice:
            continue
        ident, auteur = morceaux[0], _compte(etat.st_uid)
        if not stat.S_ISDIR(etat.st_mode):
            refuses.append(
                (
                    auteur,
                    f"dépôt « {_lisible(nom)} » refusé : ce n'est pas un dossier (lien ou fichier spécial)",
                )
            )
            continue
        try:
            attendu = pwd.getpwnam(ident).pw_uid if IDENTIFIANT.match(ident) else None
        except KeyError:
            attendu = None
        if attendu != etat.st_uid:
            refuses.append(
                (
                    auteur,
                    f"dépôt au nom de « {_lisible(ident)} » déposé par le compte {auteur} : refusé, non "
                    "ramassé (tentative d'usurpation ?)",
                )
            )
            continue
        if ident not in retenus or morceaux[2] > retenus[ident][0].split("+")[2]:
            retenus[ident] = (nom, etat)
    return retenus, refuses


def source_des_copies(echange_du_cours: Path) -> Path:
    """Où sont les copies remises : ``depots`` (dépôt authentifié de la salle, ``atelier.salle.depot``)
    s'il existe, sinon le dossier ``inbound`` de l'échange nbgrader par fichiers."""
    depots = echange_du_cours / "depots"
    return depots if depots.is_dir() else echange_du_cours / "inbound"


def dossier_depots(cours: Path) -> Path:
    """La source des copies du cours, d'après sa configuration nbgrader."""
    config = charger_config(cours)
    # Valeurs par défaut : celles de nbgrader.
    racine = Path(config.Exchange.get("root", "/srv/nbgrader/exchange"))
    return source_des_copies(racine / config.CourseDirectory.get("course_id", ""))


def _depots_du_service(depots: Path, exercice: str) -> dict[str, tuple[str, os.stat_result]]:
    """La copie la plus récente de chaque compte, rangée par le dépôt de la salle :
    ``<compte>/<exercice>/<heure>+<hasard>``. Seul le service écrit là et il tient le nom
    du compte du hub : le propriétaire attendu de tout ce qui est lu est le service."""
    service = os.stat(depots).st_uid
    retenus = {}
    for ident, etat in _lister(depots):
        if not (IDENTIFIANT.match(ident) and stat.S_ISDIR(etat.st_mode) and etat.st_uid == service):
            continue
        dossier = depots / ident / exercice
        try:
            copies = [
                (nom, e)
                for nom, e in _lister(dossier)
                if not nom.startswith(".") and stat.S_ISDIR(e.st_mode) and e.st_uid == service
            ]
        except FileNotFoundError:
            continue
        if copies:
            nom, etat_copie = max(copies)
            retenus[ident] = (f"{ident}/{exercice}/{nom}", etat_copie)
    return retenus


def ramasser_echange(cours: Path, exercice: str, inbound: Path) -> list[str]:
    """Ramasse les copies de ``exercice`` déposées dans ``inbound`` (échange nbgrader du hub).

    Une ligne de compte rendu par copie ; les lignes « ALERTE » sont aussi gardées
    dans ``correction_atelier/incidents.json`` (le bilan les montre).
    """
    if not inbound.is_dir():
        raise ErreurFormateur(
            f"Dossier des copies déposées introuvable : {inbound} (sans hub, ramassez avec « --depuis »)."
        )
    try:
        if inbound.name == "depots":
            retenus = _depots_du_service(inbound, exercice)
            refuses = lire_incidents_du_depot(inbound, exercice)
        else:
            retenus, refuses = _depots(inbound, exercice)
    except PermissionError:
        raise ErreurFormateur(
            f"Vous ne pouvez pas lire {inbound} : ce compte est-il formateur de la salle ?"
        ) from None
    noms = carnets(cours, exercice)
    lignes, incidents = [], list(refuses)
    inbound_fd = os.open(inbound, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for ident, (nom, etat) in sorted(retenus.items()):
            lignes += _ramasser_depot(
                cours, exercice, noms, inbound_fd, ident, nom, etat.st_uid, incidents
            )
    finally:
        os.close(inbound_fd)
    incidents = _resumer(incidents)
    lignes += [f"{ALERTE} {auteur} : {message}." for auteur, message in incidents]
    noter_incidents(cours, exercice, incidents)
    return lignes


def _resumer(incidents: list[tuple[str, str]], par_compte: int = 5) -> list[tuple[str, str]]:
    """Au plus ``par_compte`` incidents par compte, puis leur nombre (des milliers de dépôts piégés
    ne doivent pas noyer l'écran du formateur ni le bilan)."""
    gardes, comptes = [], {}
    for auteur, message in incidents:
        comptes[auteur] = comptes.get(auteur, 0) + 1
        if comptes[auteur] <= par_compte:
            gardes.append((auteur, message))
    gardes += [
        (auteur, f"et {n - par_compte} autre(s) incident(s) du même compte, non détaillés")
        for auteur, n in comptes.items()
        if n > par_compte
    ]
    return gardes


def _ramasser_depot(cours, exercice, noms, inbound_fd, ident, nom, uid, incidents) -> list[str]:
    """Un dépôt : copié dans un dossier temporaire (vérifications comprises), puis mis dans ``submitted/``."""
    refus: list[str] = []
    with tempfile.TemporaryDirectory(prefix="atelier-copie-") as tmp:
        nouvelle = Path(tmp) / exercice
        nouvelle.mkdir()
        try:
            fd = _ouvrir(inbound_fd, nom, uid, repertoire=True)
        except _Refus as raison:
            incidents.append((ident, f"copie non ramassée : {raison}"))
            return []
        try:
            _copier_dossier(fd, uid, nouvelle, refus, [TAILLE_MAX_COPIE, FICHIERS_MAX_COPIE])
        finally:
            os.close(fd)
        # nbgrader a besoin des deux pour rendre les retours : une copie faite à la main ne doit pas
        # bloquer les retours de toute la salle (sans le secret, seul son auteur ne pourra pas lire le sien).
        if not (nouvelle / "timestamp.txt").is_file():
            heure = (
                nom.split("+")[2]
                if nom.count("+") == 3
                else _horodatage(os.stat(nom, dir_fd=inbound_fd).st_mtime)
            )
            (nouvelle / "timestamp.txt").write_text(heure, encoding="utf-8")
        if not (nouvelle / "submission_secret.txt").is_file():
            (nouvelle / "submission_secret.txt").write_text(secrets.token_hex(64), encoding="utf-8")
        etat_copie = _installer(cours, exercice, ident, nouvelle, noms, frozenset())
    if refus:
        incidents.append(
            (ident, f"copie ramassée sans {len(refus)} élément(s) refusé(s) : {' ; '.join(refus)}")
        )
        return []
    return [f"✓ {ident} : {etat_copie}."]


def noter_incidents(cours: Path, exercice: str, incidents: list[tuple[str, str]]) -> None:
    """Ajoute les incidents (compte, message) au journal du cours, sans doublon."""
    if not incidents:
        return
    fichier = cours / ETAT / INCIDENTS
    connus = lire_incidents(cours)
    deja = {(i["exercice"], i["compte"], i["message"]) for i in connus}
    quand = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    for compte, message in incidents:
        if (exercice, compte, message) not in deja:
            connus.append(
                {"quand": quand, "exercice": exercice, "compte": compte, "message": message}
            )
    fichier.parent.mkdir(parents=True, exist_ok=True)
    fichier.write_text(json.dumps(connus, ensure_ascii=False, indent=1), encoding="utf-8")


def lire_incidents(cours: Path) -> list[dict]:
    fichier = cours / ETAT / INCIDENTS
    return json.loads(fichier.read_text(encoding="utf-8")) if fichier.exists() else []
