"""Un client de noyau qui ne reste pas sourd à une réponse déjà arrivée.

Voilà exécute les applications par nbclient, qui attend la réponse de chaque
cellule (``execute_reply``) avec ``socket.poll()`` sans délai. Sur cette pile
(pyzmq 27, jupyter_client 8), le réveil de ce ``poll`` se perd parfois : la
réponse est arrivée, mais personne ne la lit. La page reste alors figée
(« étape 2 sur 4 ») jusqu'à ce que le noyau, inactif, soit arrêté (même symptôme
côté noyau dans ipython/ipykernel#1554 ; voila-dashboards/voila#1395, #1428).

Ici, l'attente est découpée en tranches d'une seconde : chaque nouveau ``poll``
regarde d'abord si un message attend déjà, et le lit. Coût : rien quand tout va
bien, au plus une seconde de retard quand le réveil s'est perdu.

Réglé pour Voilà dans config/jupyter/voila.py (``KernelManager.client_factory``)
et pour la correction (``atelier.formateur.execution.NoyauIsole``), où une réponse
manquée ferait noter la cellule comme une boucle infinie. Mesure : bench/voila/.
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
