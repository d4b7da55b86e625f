"""Le client de noyau de Voilà et de la correction lit une réponse même quand le
réveil de son attente s'est perdu (la cause des pages Voilà figées)."""

from __future__ import annotations

import asyncio
import time
from queue import Empty

import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.session import Session

from atelier.client_noyau import TRANCHE_S, CanalVigilant, ClientVigilant


class SocketAuReveilPerdu:
    """Une réponse attend déjà, mais le premier ``poll`` n'en est pas averti.

    Sans délai, ce ``poll`` attend pour toujours (le réveil ne viendra plus) ;
    avec un délai, il rend 0 à la fin du délai ; le ``poll`` suivant voit la réponse.
    """

    def __init__(self, trames: list[bytes]):
        self.trames = trames
        self.polls = 0

    async def poll(self, timeout=None):
        self.polls += 1
        if self.polls > 1:
            return 1  # zmq.POLLIN
        if timeout is None:
            await asyncio.Event().wait()
        await asyncio.sleep(timeout / 1000)
        return 0

    async def recv_multipart(self, **_kwargs):
        return self.trames


def _canal(classe, session: Session, trames: list[bytes] | None = None):
    """Un canal construit sur une vraie socket (jupyter_client l'exige), puis branché sur la fausse."""
    if trames is None:
        trames = session.serialize(session.msg("execute_reply", {"status": "ok"}))
    contexte = zmq.asyncio.Context()
    vraie = contexte.socket(zmq.DEALER)
    canal = classe(vraie, session)
    vraie.close(linger=0)
    contexte.term()
    canal.socket = SocketAuReveilPerdu(trames)
    return canal


def test_le_client_de_jupyter_reste_sourd_au_reveil_perdu():
    """Le défaut que l'on contourne : le canal ordinaire ne lit jamais la réponse."""
    canal = _canal(AsyncZMQSocketChannel, Session())

    async def attendre():
        return await asyncio.wait_for(canal.get_msg(), timeout=3 * TRANCHE_S)

    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(attendre())


def test_le_canal_vigilant_lit_la_reponse_a_la_tranche_suivante():
    canal = _canal(CanalVigilant, Session())
    debut = time.monotonic()
    message = asyncio.run(asyncio.wait_for(canal.get_msg(), timeout=3 * TRANCHE_S))
    assert message["msg_type"] == "execute_reply" and message["content"] == {"status": "ok"}
    assert time.monotonic() - debut < 2 * TRANCHE_S
    assert canal.socket.polls == 2


def test_le_canal_vigilant_respecte_le_delai_demande():
    canal = _canal(CanalVigilant, Session(), trames=[])
    canal.socket.polls = -100  # aucun message pendant tout le délai
    debut = time.monotonic()
    with pytest.raises(Empty):
        asyncio.run(canal.get_msg(timeout=0.3))
    assert 0.25 < time.monotonic() - debut < 0.3 + TRANCHE_S


def test_voila_et_la_correction_utilisent_le_client_vigilant():
    from traitlets.config.loader import PyFileConfigLoader

    from atelier.formateur.execution import NoyauIsole

    from conftest import RACINE

    voila = PyFileConfigLoader("voila.py", path=str(RACINE / "config" / "jupyter")).load_config()
    assert voila.KernelManager.client_factory == "atelier.client_noyau.ClientVigilant"
    assert NoyauIsole().client_factory is ClientVigilant
    for canal in ("shell", "iopub", "stdin", "control"):
        assert getattr(ClientVigilant, f"{canal}_channel_class").default_value is CanalVigilant
