"""Un client de noyau qui ne reste pas sourd à une réponse déjà arrivée.

nbclient (donc Voilà, nbconvert, la correction) attend la réponse de chaque
cellule (``execute_reply``) par ``socket.poll()`` de pyzmq asyncio. Sur cette pile
(pyzmq 27, jupyter_client 8), le réveil de ce ``poll`` se perd parfois : la
réponse est arrivée, elle est lisible dans la socket du client, mais personne ne
la lit, et la cellule attend jusqu'au délai (Voilà : page figée). Mesuré : 13 cellules à
simulateur sur 3 699 avec le client ordinaire, 0 sur 1 873 avec celui-ci
(bench/blocages/RESULTATS.md). La
cause côté noyau (ipython/ipykernel#1554) est traitée ailleurs : noyau du kit
(config/jupyter-data/kernels/python3) et ipykernel 7.4 ; celle-ci est côté client.

Ici, l'attente est découpée en tranches d'une seconde : chaque nouveau ``poll``
regarde d'abord si un message attend déjà, et le lit. Coût : rien quand tout va
bien, au plus une seconde de retard quand le réveil s'est perdu.

Réglé pour Voilà (config/jupyter/voila.py), pour nbconvert dans l'environnement
du kit (config/jupyter/jupyter_nbconvert_config.py), tous deux par
``KernelManager.client_factory``, et pour la correction
(``atelier.formateur.execution.NoyauIsole``), où une réponse manquée ferait noter
la cellule comme une boucle infinie. Mesures : bench/voila/, bench/blocages/.
"""

from __future__ import annotations

import math
import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

TRANCHE_S = 1.0


class CanalVigilant(AsyncZMQSocketChannel):
    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        fin = None if timeout is None else time.monotonic() + timeout
        while True:
            reste = TRANCHE_S if fin is None else min(TRANCHE_S, max(0.0, fin - time.monotonic()))
            if await self.socket.poll(math.ceil(reste * 1000)):
                return await self._recv()
            if fin is not None and time.monotonic() >= fin:
                raise Empty


class ClientVigilant(AsyncKernelClient):
    shell_channel_class = Type(CanalVigilant)
    iopub_channel_class = Type(CanalVigilant)
    stdin_channel_class = Type(CanalVigilant)
    control_channel_class = Type(CanalVigilant)
