"""Le dépôt des copies de la salle : un service du hub qui sait qui remet quoi.

Avec l'échange de nbgrader par fichiers, chaque participant écrit dans un dossier
partagé (``inbound``) sous un nom qu'il choisit : il peut y poser des liens, des
fichiers illisibles, ou un dossier au nom d'un autre. Ici, personne n'écrit dans
l'échange : le bouton « Remettre » de l'onglet « Devoirs » (greffon
``atelier.nbgrader_ext.DepotAuthentifie``) envoie la copie à ce service, avec le
jeton du serveur du participant. Le hub dit à qui est ce jeton ; le nom du compte
ne vient jamais de la requête.

    POST /services/depot/api/depot/<exercice>   corps : archive tar de la copie

Le service écrit la copie dans ``<depots>/<compte>/<exercice>/<heure>+<hasard>/`` :
fichiers et dossiers ordinaires seulement (un lien, un chemin qui sort du dossier, un
nom caché sont refusés et notés comme incidents), à son propre nom, groupe des
formateurs, illisible par les participants. ``timestamp.txt`` est l'heure du serveur,
pas celle du participant. Une copie à moitié reçue n'apparaît jamais : elle est écrite
dans un dossier caché, puis renommée d'un coup.

Le formateur ramasse ce dossier avec ``atelier-formateur ramasser``
(``atelier.formateur.ramassage.ramasser_echange``), qui lit aussi les incidents.

``python -m atelier.salle.depot --depots DOSSIER --outbound DOSSIER --port N`` ; lancé
par le hub (service géré, compte dédié), qui lui donne son jeton et l'adresse de son API.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import re
import secrets
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from tornado import ioloop, web
from tornado.log import app_log, enable_pretty_logging

IDENTIFIANT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
TAILLE_MAX = 100 * 1024 * 1024  # une copie, décompressée
FICHIERS_MAX = 1000
PROFONDEUR_MAX = 20
DEPOTS_MAX = 50  # copies gardées par personne et par exercice
QUOTA_COMPTE = 300 * 1024 * 1024  # toutes les copies d'une personne ensemble
INCIDENTS = ".incidents.jsonl"
FICHIERS_DU_SERVICE = ("timestamp.txt",)


class CopieRefusee(Exception):
    """Une copie que le service ne garde pas (message en français pour le participant)."""

    def __init__(self, message: str, code: int = 400):
        super().__init__(message)
        self.code = code


@dataclass
class Reception:
    horodatage: str
    fichiers: int
    octets: int
    refus: list[str]


def horodatage() -> str:
    """L'heure au format de nbgrader (c'est elle qui compte pour les retards)."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def _chemin_sur(nom: str) -> PurePosixPath | None:
    """Le chemin relatif d'un membre de l'archive, ou None s'il sort du dossier, est caché ou bizarre."""
    chemin = PurePosixPath(nom)
    parties = chemin.parts
    if (
        not parties
        or chemin.is_absolute()
        or len(parties) > PROFONDEUR_MAX
        or any(
            p in ("", ".", "..") or p.startswith(".") or len(p) > 200 or not p.isprintable()
            for p in parties
        )
    ):
        return None
    return chemin


def _lisible(nom: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in nom)[:120]


def recevoir(corps: bytes, cible: Path) -> Reception:
    """Écrit la copie (archive tar ``corps``) dans le dossier ``cible``, qui ne doit pas exister.

    Seuls les fichiers et dossiers ordinaires aux noms sûrs sont écrits ; le reste est
    refusé (liste ``refus``). Lève ``CopieRefusee`` si l'archive est illisible, trop
    grosse ou sans aucun fichier.
    """
    try:
        archive = tarfile.open(fileobj=io.BytesIO(corps), mode="r:*")
        membres = archive.getmembers()
    except (tarfile.TarError, EOFError, OSError):
        raise CopieRefusee(
            "La copie reçue est illisible (archive abîmée). Réessayez de la remettre."
        ) from None
    if len(membres) > FICHIERS_MAX:
        raise CopieRefusee(
            f"La copie contient plus de {FICHIERS_MAX} fichiers ; gardez seulement vos carnets.",
            413,
        )
    if sum(m.size for m in membres if m.isreg()) > TAILLE_MAX:
        raise CopieRefusee(
            f"La copie dépasse {TAILLE_MAX // 2**20} Mo ; retirez les gros fichiers.", 413
        )
    refus, fichiers, octets = [], 0, 0
    cible.mkdir(mode=0o750)
    for membre in membres:
        chemin = _chemin_sur(membre.name)
        if chemin is None:
            refus.append(
                f"{_lisible(membre.name)} (chemin refusé : hors du dossier, caché ou invalide)"
            )
            continue
        if chemin.name in FICHIERS_DU_SERVICE and len(chemin.parts) == 1:
            continue  # l'heure est celle du service
        if not (membre.isdir() or membre.isreg()):
            refus.append(f"{_lisible(membre.name)} (lien ou fichier spécial)")
            continue
        try:
            if membre.isdir():
                (cible / chemin).mkdir(mode=0o750, parents=True, exist_ok=True)
                continue
            (cible / chemin.parent).mkdir(mode=0o750, parents=True, exist_ok=True)
            donnees = archive.extractfile(membre).read()
            with open(cible / chemin, "xb") as sortie:  # jamais d'écrasement ni de lien suivi
                sortie.write(donnees)
        except OSError:  # en double, ou un fichier et un dossier du même nom
            refus.append(f"{_lisible(membre.name)} (en double dans l'archive)")
            continue
        fichiers, octets = fichiers + 1, octets + len(donnees)
    if not fichiers:
        raise CopieRefusee("La copie reçue ne contient aucun fichier.")
    quand = horodatage()
    (cible / "timestamp.txt").write_text(quand, encoding="utf-8")
    return Reception(quand, fichiers, octets, refus)


def deposer(depots: Path, compte: str, exercice: str, corps: bytes) -> Reception:
    """Range une copie de ``compte`` pour ``exercice`` ; rien d'existant n'est remplacé."""
    dossier = depots / compte / exercice
    dossier.mkdir(mode=0o750, parents=True, exist_ok=True)
    deja = [p for p in dossier.iterdir() if not p.name.startswith(".")]
    if len(deja) >= DEPOTS_MAX:
        raise CopieRefusee(
            f"Vous avez déjà remis {DEPOTS_MAX} fois cet exercice : prévenez le formateur.", 429
        )
    if _taille(depots / compte) + len(corps) > QUOTA_COMPTE:
        raise CopieRefusee(
            "Vos copies remises occupent déjà toute la place permise : prévenez le formateur.", 507
        )
    hasard = secrets.token_hex(4)
    en_cours = dossier / f".en-cours-{hasard}"
    try:
        reception = recevoir(corps, en_cours)
    except BaseException:
        _effacer(en_cours)
        raise
    os.rename(en_cours, dossier / f"{reception.horodatage}+{hasard}")
    return reception


def _taille(dossier: Path) -> int:
    return sum(
        os.lstat(os.path.join(racine, nom)).st_size
        for racine, _, fichiers in os.walk(dossier)
        for nom in fichiers
    )


def _effacer(dossier: Path) -> None:
    if not dossier.exists():
        return
    for racine, dossiers, fichiers in os.walk(dossier, topdown=False):
        for nom in fichiers:
            os.unlink(os.path.join(racine, nom))
        for nom in dossiers:
            os.rmdir(os.path.join(racine, nom))
    os.rmdir(dossier)


def noter_incident(depots: Path, compte: str, exercice: str, message: str) -> None:
    """Une ligne JSON par incident, lue par le ramassage du formateur (puis le bilan)."""
    ligne = {"quand": horodatage(), "compte": compte, "exercice": exercice, "message": message}
    with open(depots / INCIDENTS, "a", encoding="utf-8") as journal:
        journal.write(json.dumps(ligne, ensure_ascii=False) + "\n")


def lire_incidents(depots: Path, exercice: str) -> list[tuple[str, str]]:
    """(compte, message) des incidents notés par le service pour ``exercice``."""
    try:
        lignes = (depots / INCIDENTS).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    incidents = []
    for ligne in lignes:
        try:
            donnees = json.loads(ligne)
        except json.JSONDecodeError:
            continue
        if donnees.get("exercice") == exercice:
            incidents.append((str(donnees.get("compte")), str(donnees.get("message"))))
    return incidents


# --------------------------------------------------------------------------- le service web


class DepotHandler(web.RequestHandler):
    def initialize(self, depots: Path, outbound: Path, auth) -> None:
        self.depots, self.outbound, self.auth = depots, outbound, auth

    def check_xsrf_cookie(self) -> None:
        """Authentification par jeton (en-tête), pas par cookie : pas de jeton XSRF à vérifier."""

    def _repondre(self, code: int, **contenu) -> None:
        self.set_status(code)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(contenu, ensure_ascii=False))

    async def post(self, exercice: str) -> None:
        modele = await self.auth.get_user(self, sync=False)
        if not modele or not self.auth.check_scopes(self.auth.access_scopes, modele):
            self._repondre(
                403, message="Remise refusée : connectez-vous au hub de la salle, puis réessayez."
            )
            return
        compte = modele["name"]
        if not IDENTIFIANT.match(compte) or not IDENTIFIANT.match(exercice):
            self._repondre(400, message="Nom de compte ou d'exercice invalide.")
            return
        if not (self.outbound / exercice).is_dir():
            self._repondre(
                404, message=f"L'exercice « {exercice} » n'a pas été distribué dans cette salle."
            )
            return
        try:
            reception = deposer(self.depots, compte, exercice, self.request.body)
        except CopieRefusee as refus:
            self._repondre(refus.code, message=str(refus))
            return
        if reception.refus:
            noter_incident(
                self.depots,
                compte,
                exercice,
                f"remise avec {len(reception.refus)} élément(s) refusé(s) par le dépôt : "
                + " ; ".join(reception.refus[:5]),
            )
        app_log.info("%s a remis %s (%d fichiers)", compte, exercice, reception.fichiers)
        self._repondre(
            201,
            horodatage=reception.horodatage,
            fichiers=reception.fichiers,
            octets=reception.octets,
            refus=reception.refus,
        )


def application(depots: Path, outbound: Path, prefixe: str = "/", auth=None) -> web.Application:
    if auth is None:
        from jupyterhub.services.auth import HubAuth

        auth = HubAuth()
    route = prefixe.rstrip("/") + r"/api/depot/([^/]+)"
    return web.Application(
        [(route, DepotHandler, {"depots": depots, "outbound": outbound, "auth": auth})]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m atelier.salle.depot", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--depots", type=Path, required=True, help="dossier où ranger les copies")
    parser.add_argument(
        "--outbound", type=Path, required=True, help="dossier des exercices distribués"
    )
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(
        "--ip", default="127.0.0.1", help="adresse d'écoute (0.0.0.0 dans un conteneur)"
    )
    args = parser.parse_args(argv)
    os.umask(0o027)
    enable_pretty_logging()
    prefixe = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
    application(args.depots, args.outbound, prefixe).listen(
        args.port, address=args.ip, max_body_size=TAILLE_MAX + 10 * 2**20
    )
    try:
        ioloop.IOLoop.current().start()
    except KeyboardInterrupt:  # Ctrl-C sur le hub au premier plan : il arrête aussi ses services
        app_log.info("Dépôt des copies arrêté.")


if __name__ == "__main__":
    main()
