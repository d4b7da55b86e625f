"""Compléments à nbgrader utilisés par la configuration du cours."""

import fnmatch
import io
import json
import os
import secrets
import tarfile
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from urllib.request import Request, urlopen

from nbconvert.preprocessors import Preprocessor
from nbgrader.exchange.abc.exchange import Exchange as ABCExchange
from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.release_assignment import ExchangeReleaseAssignment
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import get_username
from traitlets import Integer, Unicode


class RaccourcirErreurs(Preprocessor):
    """Réduit l'erreur d'une cellule notée à sa dernière ligne (« AssertionError: … »).

    Les traces complètes citent les lignes des tests, y compris des tests
    cachés ; le participant garde le message en français de la vérification.
    """

    # Les préprocesseurs nbconvert sont désactivés par défaut.
    enabled = True

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename')}: {output.get('evalue')}"]
        return cell, resources


class RamassageSur(ExchangeCollect):
    """Le ramassage de nbgrader (bouton « Collect » du formgrader, ``nbgrader collect``) remplacé
    par celui du kit : depuis le dépôt authentifié de la salle s'il existe, sinon depuis
    ``inbound``, sans suivre aucun lien et en refusant les dépôts au nom d'un autre
    (voir ``atelier.formateur.ramassage.ramasser_echange``).

    Activé par ``c.ExchangeFactory.collect = "atelier.nbgrader_ext.RamassageSur"``.
    """

    def init_src(self):
        if not self.coursedir.course_id:
            self.fail("Aucun cours indiqué (CourseDirectory.course_id).")

    def copy_files(self):
        from atelier.formateur.cours import ErreurFormateur
        from atelier.formateur.ramassage import ALERTE, ramasser_echange, source_des_copies

        source = source_des_copies(Path(self.root) / self.coursedir.course_id)
        try:
            lignes = ramasser_echange(
                Path(self.coursedir.root), self.coursedir.assignment_id, source
            )
        except ErreurFormateur as erreur:
            self.fail(str(erreur))
        for ligne in lignes:
            (self.log.warning if ligne.startswith(ALERTE) else self.log.info)(ligne)


class DistributionSansDepotPartage(ExchangeReleaseAssignment):
    """La distribution de nbgrader (« Release », ``nbgrader release_assignment``), sans recréer le
    dossier ``inbound`` où chaque participant pourrait écrire, quand la salle a son dépôt
    authentifié (``depots`` à côté de ``outbound``).

    Activé par ``c.ExchangeFactory.release_assignment = "atelier.nbgrader_ext.DistributionSansDepotPartage"``.
    """

    def ensure_directory(self, path, mode):
        dossier = Path(path)
        if dossier.name == "inbound" and (dossier.parent / "depots").is_dir():
            return
        super().ensure_directory(path, mode)


class DepotAuthentifie(ExchangeSubmit):
    """La remise de nbgrader (« Remettre » dans l'onglet « Devoirs », ``nbgrader submit``) envoyée
    au dépôt de la salle (``atelier.salle.depot``) au lieu d'un dossier partagé.

    Le hub reconnaît le participant à son jeton : personne ne remet au nom d'un autre, et
    personne n'écrit dans l'échange. La copie locale (cache de nbgrader) est écrite comme
    par la remise d'origine, avec l'heure du dépôt : l'onglet « Devoirs » et la
    récupération des retours marchent sans changement.

    Activé par ``c.ExchangeFactory.submit = "atelier.nbgrader_ext.DepotAuthentifie"``.
    """

    adresse = Unicode(
        os.environ.get("ATELIER_DEPOT", ""),
        config=True,
        help="Adresse du service de dépôt (par exemple http://127.0.0.1:8003/services/depot/).",
    )
    jeton = Unicode(
        os.environ.get("JUPYTERHUB_API_TOKEN", ""),
        config=True,
        help="Jeton du serveur du participant.",
    )
    delai = Integer(120, config=True, help="Secondes d'attente de la réponse du dépôt.")

    def start(self):
        # Le dossier d'échange n'est pas modifiable par les participants, et c'est voulu :
        # pas de vérification « dossier où écrire » (Exchange.start), rien n'y est écrit.
        return ABCExchange.start(self)

    def init_dest(self):
        if not self.coursedir.course_id:
            self.fail("Aucun cours indiqué (CourseDirectory.course_id).")
        if not self.adresse or not self.jeton:
            self.fail(
                "Le dépôt de la salle n'est pas configuré (ATELIER_DEPOT, JUPYTERHUB_API_TOKEN) : "
                "prévenez le formateur."
            )
        self.cache_path = os.path.join(self.cache, self.coursedir.course_id)

    def copy_files(self):
        self.init_release()
        self.check_filename_diff()
        secret = secrets.token_hex(64)
        archive, ignores = _archiver(Path(self.src_path), self.coursedir.ignore, secret)
        for nom in ignores:
            self.log.warning("Non remis : %s", nom)
        recu = self._envoyer(archive)
        horodatage = recu["horodatage"]
        # La copie locale (onglet « Devoirs », retours) : exactement ce qui a été remis.
        cache = (
            Path(self.cache_path) / f"{get_username()}+{self.coursedir.assignment_id}+{horodatage}"
        )
        with tarfile.open(fileobj=io.BytesIO(archive)) as contenu:
            for membre in contenu.getmembers():
                (cache / membre.name).parent.mkdir(parents=True, exist_ok=True)
                (cache / membre.name).write_bytes(contenu.extractfile(membre).read())
        (cache / "timestamp.txt").write_text(horodatage, encoding="utf-8")
        self.log.info(
            "Remis : %s %s (%d fichiers) à %s",
            self.coursedir.course_id,
            self.coursedir.assignment_id,
            recu["fichiers"],
            horodatage,
        )

    def _envoyer(self, archive: bytes) -> dict:
        url = f"{self.adresse.rstrip('/')}/api/depot/{quote(self.coursedir.assignment_id)}"
        requete = Request(
            url,
            data=archive,
            method="POST",
            headers={"Authorization": f"token {self.jeton}", "Content-Type": "application/x-tar"},
        )
        try:
            with urlopen(requete, timeout=self.delai) as reponse:
                return json.loads(reponse.read())
        except HTTPError as erreur:
            try:
                message = json.loads(erreur.read())["message"]
            except (ValueError, KeyError):
                message = f"réponse {erreur.code} du dépôt"
            self.fail(f"Copie non remise : {message}")
        except (URLError, TimeoutError, OSError) as erreur:
            self.fail(
                f"Copie non remise : le dépôt de la salle ne répond pas ({erreur}). "
                "Réessayez dans une minute ; si cela se répète, prévenez le formateur."
            )


def _archiver(dossier: Path, motifs_ignores: list[str], secret: str) -> tuple[bytes, list[str]]:
    """L'archive tar de la copie : fichiers ordinaires seulement (les liens ne sont pas suivis),
    sans les fichiers que nbgrader ignore ; plus le secret qui relie la copie à ses retours."""
    tampon, ignores = io.BytesIO(), []
    with tarfile.open(fileobj=tampon, mode="w:gz") as archive:
        for racine, dossiers, fichiers in os.walk(dossier):
            dossiers[:] = [d for d in dossiers if not _ignore(d, motifs_ignores)]
            for nom in fichiers:
                chemin = Path(racine) / nom
                relatif = chemin.relative_to(dossier).as_posix()
                if _ignore(nom, motifs_ignores):
                    continue
                if chemin.is_symlink() or not chemin.is_file():
                    ignores.append(f"{relatif} (lien ou fichier spécial)")
                    continue
                try:
                    archive.add(chemin, arcname=relatif, recursive=False)
                except OSError:
                    ignores.append(f"{relatif} (illisible)")
        donnees = secret.encode()
        info = tarfile.TarInfo("submission_secret.txt")
        info.size = len(donnees)
        archive.addfile(info, io.BytesIO(donnees))
    return tampon.getvalue(), ignores


def _ignore(nom: str, motifs: list[str]) -> bool:
    return nom.startswith(".") or any(fnmatch.fnmatch(nom, motif) for motif in motifs)
