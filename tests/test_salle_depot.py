"""Le dépôt des copies de la salle (atelier.salle.depot) et le greffon de remise (nbgrader_ext).

Sans hub : l'identité que le hub donnerait est simulée (``AuthFactice``), le reste est
réel : le service web, le greffon nbgrader « Remettre », le ramassage du formateur.
Le même chemin avec un vrai hub et de vrais comptes : tests/test_salle_attaques.py.
"""

from __future__ import annotations

import asyncio
import io
import json
import tarfile
import threading
from pathlib import Path

import pytest
import requests
from tornado import httpserver, ioloop

from atelier.salle import depot

from conftest import port_libre

CARNET = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _tar(membres: list[tuple[str, bytes | None, bytes]]) -> bytes:
    """(nom, type tar, contenu) : type None = fichier ordinaire."""
    tampon = io.BytesIO()
    with tarfile.open(fileobj=tampon, mode="w") as archive:
        for nom, genre, contenu in membres:
            info = tarfile.TarInfo(nom)
            if genre is None:
                info.size = len(contenu)
                archive.addfile(info, io.BytesIO(contenu))
            else:
                info.type = genre
                info.linkname = contenu.decode()
                archive.addfile(info)
    return tampon.getvalue()


def test_une_copie_piegee_est_rangee_sans_ses_pieges(tmp_path):
    depots = tmp_path / "depots"
    depots.mkdir()
    corps = _tar(
        [
            ("exo.ipynb", None, CARNET.encode()),
            ("donnees/notes.csv", None, b"a;b\n"),
            ("solutions.ipynb", tarfile.SYMTYPE, b"/srv/cours/source/exo/exo.ipynb"),
            ("dur", tarfile.LNKTYPE, b"exo.ipynb"),
            ("tube", tarfile.FIFOTYPE, b""),
            ("../../hors.txt", None, b"evasion"),
            ("/etc/absolu.txt", None, b"evasion"),
            (".cache/x", None, b"cache"),
            ("timestamp.txt", None, b"2000-01-01 00:00:00.000000 UTC"),
            ("exo.ipynb", None, b"copie en double"),
            ("exo.ipynb/dedans.txt", None, b"un fichier sous un fichier"),
        ]
    )
    recu = depot.deposer(depots, "awa", "m0", corps)
    copie = next((depots / "awa" / "m0").iterdir())
    ecrits = sorted(p.relative_to(copie).as_posix() for p in copie.rglob("*") if p.is_file())
    assert ecrits == ["donnees/notes.csv", "exo.ipynb", "timestamp.txt"]
    assert not any(p.is_symlink() for p in tmp_path.rglob("*"))
    assert not (tmp_path / "hors.txt").exists() and not Path("/etc/absolu.txt").exists()
    # L'heure est celle du dépôt, pas celle que la copie prétend.
    assert (
        (copie / "timestamp.txt").read_text() == recu.horodatage != "2000-01-01 00:00:00.000000 UTC"
    )
    assert copie.name.startswith(recu.horodatage + "+")
    assert recu.fichiers == 2 and len(recu.refus) == 8, recu.refus
    assert (copie / "exo.ipynb").read_text() == CARNET, (
        "la première version d'un nom en double est gardée"
    )
    assert any("solutions.ipynb (lien" in r for r in recu.refus)


@pytest.mark.parametrize(
    "corps, code, morceau",
    [
        (b"pas une archive", 400, "illisible"),
        (_tar([("vide/", tarfile.DIRTYPE, b"")]), 400, "aucun fichier"),
        (
            _tar([(f"f{i}.txt", None, b"x") for i in range(depot.FICHIERS_MAX + 1)]),
            413,
            "plus de 1000 fichiers",
        ),
    ],
)
def test_une_copie_refusee_ne_laisse_rien(tmp_path, corps, code, morceau):
    with pytest.raises(depot.CopieRefusee) as refus:
        depot.deposer(tmp_path, "awa", "m0", corps)
    assert refus.value.code == code and morceau in str(refus.value)
    assert list((tmp_path / "awa" / "m0").iterdir()) == []


def test_les_copies_precedentes_ne_sont_jamais_remplacees(tmp_path, monkeypatch):
    monkeypatch.setattr(depot, "DEPOTS_MAX", 3)
    corps = _tar([("exo.ipynb", None, CARNET.encode())])
    for _ in range(3):
        depot.deposer(tmp_path, "awa", "m0", corps)
    with pytest.raises(depot.CopieRefusee, match="déjà remis 3 fois") as refus:
        depot.deposer(tmp_path, "awa", "m0", corps)
    assert refus.value.code == 429
    assert len(list((tmp_path / "awa" / "m0").iterdir())) == 3
    monkeypatch.setattr(depot, "QUOTA_COMPTE", 10)
    with pytest.raises(depot.CopieRefusee, match="toute la place"):
        depot.deposer(tmp_path, "awa", "m1", corps)


# --------------------------------------------------------------------------- le service web


class AuthFactice:
    """Ce que HubAuth répondrait : le compte à qui appartient le jeton, ou personne."""

    access_scopes = {"access:services!service=depot"}

    def __init__(self, jetons: dict[str, str]):
        self.jetons = jetons

    async def get_user(self, handler, sync=False):
        entete = handler.request.headers.get("Authorization", "")
        nom = self.jetons.get(entete.removeprefix("token "))
        return {"name": nom, "scopes": list(self.access_scopes)} if nom else None

    def check_scopes(self, requis, modele):
        return set(requis) & set(modele["scopes"])


@pytest.fixture
def service(tmp_path):
    depots, outbound = (
        tmp_path / "echange" / "cours" / "depots",
        tmp_path / "echange" / "cours" / "outbound",
    )
    depots.mkdir(parents=True)
    (outbound / "m0").mkdir(parents=True)
    (outbound / "m0" / "exo.ipynb").write_text(CARNET)
    port, pret = port_libre(), threading.Event()
    boucle = {}

    def tourner():
        asyncio.set_event_loop(asyncio.new_event_loop())
        app = depot.application(
            depots, outbound, "/services/depot/", AuthFactice({"j-awa": "awa", "j-koffi": "koffi"})
        )
        serveur = httpserver.HTTPServer(app, max_body_size=depot.TAILLE_MAX + 2**20)
        serveur.listen(port, "127.0.0.1")
        boucle["io"] = ioloop.IOLoop.current()
        pret.set()
        boucle["io"].start()

    fil = threading.Thread(target=tourner, daemon=True)
    fil.start()
    pret.wait(10)
    yield {
        "url": f"http://127.0.0.1:{port}/services/depot/",
        "depots": depots,
        "outbound": outbound,
        "echange": tmp_path / "echange",
    }
    boucle["io"].add_callback(boucle["io"].stop)
    fil.join(10)


def _poster(service, exercice: str, jeton: str | None, corps: bytes) -> requests.Response:
    entetes = {"Authorization": f"token {jeton}"} if jeton else {}
    return requests.post(
        f"{service['url']}api/depot/{exercice}", data=corps, headers=entetes, timeout=30
    )


def test_le_service_range_chaque_copie_sous_le_compte_du_jeton(service):
    corps = _tar([("exo.ipynb", None, CARNET.encode())])
    anonyme = _poster(service, "m0", None, corps)
    assert anonyme.status_code == 403 and "connectez-vous" in anonyme.json()["message"]
    assert _poster(service, "m0", "jeton-invente", corps).status_code == 403
    inconnu = _poster(service, "m9", "j-awa", corps)
    assert inconnu.status_code == 404 and "n'a pas été distribué" in inconnu.json()["message"]
    assert _poster(service, "..", "j-awa", corps).status_code in (400, 404)
    # Le nom d'une autre dans l'archive ne change rien : le compte est celui du jeton.
    usurpation = _tar(
        [("exo.ipynb", None, CARNET.encode()), ("../nadia/m0/x/exo.ipynb", None, b"faux")]
    )
    ok = _poster(service, "m0", "j-koffi", usurpation)
    assert ok.status_code == 201, ok.text
    assert ok.json()["fichiers"] == 1 and "hors du dossier" in ok.json()["refus"][0]
    assert sorted(p.name for p in service["depots"].iterdir()) == [depot.INCIDENTS, "koffi"]
    incidents = depot.lire_incidents(service["depots"], "m0")
    assert incidents and incidents[0][0] == "koffi" and "refusé" in incidents[0][1]


def test_remettre_puis_ramasser_par_le_depot(service, tmp_path, monkeypatch):
    """Le greffon nbgrader remet la copie (liens non suivis), le cache local est celui de nbgrader,
    et le ramassage du formateur lit le dépôt avec le même secret."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    from atelier.formateur import ramassage
    from atelier.nbgrader_ext import DepotAuthentifie

    maison = tmp_path / "awa"
    devoir = maison / "cours" / "m0"
    devoir.mkdir(parents=True)
    (devoir / "exo.ipynb").write_text(CARNET)
    (devoir / "lien_secret.txt").symlink_to("/etc/hostname")
    monkeypatch.chdir(maison)
    config = Config()
    config.CourseDirectory.course_id = "cours"
    config.CourseDirectory.assignment_id = "m0"
    config.Exchange.root = str(service["echange"])
    config.Exchange.path_includes_course = True
    config.Exchange.cache = str(tmp_path / "cache")
    config.CourseDirectory.groupshared = True
    coursedir = CourseDirectory(config=config)
    remise = DepotAuthentifie(
        coursedir=coursedir,
        authenticator=Authenticator(config=config),
        config=config,
        adresse=service["url"],
        jeton="j-awa",
    )
    remise.start()

    copie = next((service["depots"] / "awa" / "m0").iterdir())
    assert sorted(p.name for p in copie.iterdir()) == [
        "exo.ipynb",
        "submission_secret.txt",
        "timestamp.txt",
    ]
    cache = next((tmp_path / "cache" / "cours").iterdir())
    assert cache.name.endswith("+m0+" + (copie / "timestamp.txt").read_text())
    assert (cache / "submission_secret.txt").read_text() == (
        copie / "submission_secret.txt"
    ).read_text()

    # Un jeton refusé : message en français, rien de remis, rien dans le cache.
    refusee = DepotAuthentifie(
        coursedir=coursedir,
        authenticator=Authenticator(config=config),
        config=config,
        adresse=service["url"],
        jeton="faux",
    )
    with pytest.raises(Exception, match="connectez-vous au hub"):
        refusee.start()
    assert len(list((tmp_path / "cache" / "cours").iterdir())) == 1

    # Le formateur ramasse depuis le dépôt.
    cours = tmp_path / "cours_formateur"
    (cours / "source" / "m0").mkdir(parents=True)
    (cours / "source" / "m0" / "exo.ipynb").write_text(CARNET)
    (cours / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(service['echange'])!r}\nc.CourseDirectory.course_id = 'cours'\n"
    )
    source = ramassage.dossier_depots(cours)
    assert source == service["depots"]
    lignes = ramassage.ramasser_echange(cours, "m0", source)
    assert lignes == ["✓ awa : ramassée."], lignes
    soumis = cours / "submitted" / "awa" / "m0"
    assert (soumis / "submission_secret.txt").read_text() == (
        cache / "submission_secret.txt"
    ).read_text()
    assert (soumis / "exo.ipynb").read_text() == CARNET
