"""La fenêtre d'ipykernel#1554, ouverte à coup sûr plutôt qu'au hasard d'une course.

Reproduit, sans noyau ni minutage, l'état où une requête reste non lue : une socket
ROUTER lue par un ``ZMQStream`` (comme le canal shell du noyau), une requête arrivée
dont le réveil (sur front) a déjà été consommé, puis une réponse envoyée sur la même
socket. Envoyée directement sur la socket (ipykernel 7.0 à 7.3), la réponse laisse la
requête en plan ; envoyée par le flux (ipykernel 7.4, noyau du kit), la requête est lue.

    .venv/bin/python bench/blocages/fenetre.py
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

import zmq
from tornado.ioloop import IOLoop
from zmq.eventloop.zmqstream import ZMQStream

DELAI = 3.0


def envoi_brut(flux: ZMQStream, msg: list[bytes]) -> None:
    flux.socket.send_multipart(msg)


def envoi_par_le_flux(flux: ZMQStream, msg: list[bytes]) -> None:
    flux.send_multipart(msg)


def requete_lue(envoyer: Callable[[ZMQStream, list[bytes]], None]) -> bool:
    """Vrai si la requête arrivée pendant l'envoi de la réponse est bien lue."""
    ctx = zmq.Context()
    routeur, client = ctx.socket(zmq.ROUTER), ctx.socket(zmq.DEALER)
    client.setsockopt(zmq.IDENTITY, b"client")
    client.connect(f"tcp://127.0.0.1:{routeur.bind_to_random_port('tcp://127.0.0.1')}")
    recues: list[bytes] = []
    pret, lue = threading.Event(), threading.Event()
    boucle: dict = {}

    def tourner():
        asyncio.set_event_loop(asyncio.new_event_loop())
        boucle["io"] = IOLoop.current()
        boucle["io"].add_callback(pret.set)
        boucle["io"].start()

    fil = threading.Thread(target=tourner, daemon=True)
    fil.start()
    pret.wait(DELAI)
    io = boucle["io"]

    def installer():
        boucle["flux"] = ZMQStream(routeur, io)
        boucle["flux"].on_recv(lambda m: (recues.append(m[-1]), lue.set()))

    def sur_la_boucle(fonction):
        fait = threading.Event()
        io.add_callback(lambda: (fonction(), fait.set()))
        fait.wait(DELAI)

    try:
        sur_la_boucle(installer)
        client.send_multipart([b"premiere"])  # le ROUTER apprend la route du client
        lue.wait(DELAI)
        lue.clear()

        def ouvrir_la_fenetre():
            # Sur la boucle : le flux ne peut pas lire pendant ce temps.
            client.send_multipart([b"requete"])
            fin = time.monotonic() + DELAI
            while not routeur.get(zmq.EVENTS) & zmq.POLLIN and time.monotonic() < fin:
                pass  # lire EVENTS consomme le front : requête arrivée, descripteur muet
            envoyer(boucle["flux"], [b"client", b"reponse"])

        sur_la_boucle(ouvrir_la_fenetre)
        return lue.wait(DELAI) and recues[-1] == b"requete"
    finally:
        sur_la_boucle(boucle["flux"].close)
        io.add_callback(io.stop)
        fil.join(DELAI)
        client.close(linger=0)
        routeur.close(linger=0)
        ctx.term()


if __name__ == "__main__":
    for nom, envoi in (
        ("envoi brut (ipykernel 7.0 à 7.3)", envoi_brut),
        ("envoi par le flux (7.4, kit)", envoi_par_le_flux),
    ):
        essais = [requete_lue(envoi) for _ in range(5)]
        print(f"{nom} : requête lue {sum(essais)} fois sur {len(essais)}")
