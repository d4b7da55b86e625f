"""Le Voilà partagé de la salle (/services/applis/) : derrière la connexion du hub, noyaux plafonnés.

- **Connexion** : Voilà accepte un « fournisseur d'identité » de Jupyter Server ;
  on lui donne celui de JupyterHub (OAuth), comme dans chaque serveur de
  participant. Sans connexion au hub, toute page renvoie vers la page de connexion
  du hub ; personne ne reçoit d'application (ni de noyau) sans s'être connecté.
- **Plafond** : chaque page ouverte démarre un noyau (environ 100 Mo). Au-delà de
  ``noyaux_max`` noyaux en même temps, la page demandée répond « serveur occupé,
  réessayez dans une minute » (code 503) au lieu de démarrer un noyau de plus.

Réglages : deploy/config/applis/voila.py ; service : atelier.salle.hub.service_applis.
"""

from __future__ import annotations

import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from jupyterhub.singleuser.extension import JupyterHubIdentityProvider
from tornado import web
from traitlets import Integer

PAGE_OCCUPEE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Serveur occupé</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em;line-height:1.5}}</style>
</head><body>
<h1>Serveur occupé, réessayez dans une minute</h1>
<p>Trop d'applications sont ouvertes en même temps dans la salle ({ouvertes} sur {maximum} permises).
Chaque application fermée libère une place au bout de deux minutes.</p>
<p>Fermez les onglets d'applications dont vous ne vous servez plus, puis
<a href="">rechargez cette page</a>. Si cela se répète, prévenez le formateur.</p>
</body></html>
"""

# Une place réservée par une page qui n'a pas encore démarré son noyau se libère seule
# au bout de ce délai (page interrompue avant le démarrage).
RESERVATION_S = 120


class IdentiteHub(JupyterHubIdentityProvider):
    """L'identité JupyterHub (OAuth) pour Voilà lancé seul, en service du hub.

    Voilà ajoute les adresses du fournisseur (retour d'OAuth, déconnexion) telles
    quelles : on les place sous le préfixe du service.
    """

    def get_handlers(self):
        prefixe = self.hub_auth.base_url
        return [
            (url_path_join(prefixe, chemin), *reste) for chemin, *reste in super().get_handlers()
        ]


class NoyauxPlafonnes(AsyncMappingKernelManager):
    """Gestionnaire de noyaux qui refuse d'en démarrer plus de ``noyaux_max``."""

    noyaux_max = Integer(20, config=True, help="Noyaux (pages ouvertes) en même temps, au plus.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._reservations: list[float] = []

    def ouverts(self) -> int:
        maintenant = time.monotonic()
        self._reservations = [t for t in self._reservations if maintenant - t < RESERVATION_S]
        return len(self.list_kernel_ids()) + len(self._reservations)

    def reserver(self) -> bool:
        """Réserve une place pour une page qui va démarrer son noyau (faux : c'est plein)."""
        if self.ouverts() >= self.noyaux_max:
            return False
        self._reservations.append(time.monotonic())
        return True

    async def start_kernel(self, **kwargs):
        if not self._reservations and not self.reserver():
            raise web.HTTPError(
                503, "Serveur occupé : trop d'applications ouvertes, réessayez dans une minute."
            )
        try:
            return await super().start_kernel(**kwargs)
        finally:
            if self._reservations:
                self._reservations.pop(0)


def verifier_place(handler, notebook=None, cwd=None):
    """Avant de préparer une page (VoilaConfiguration.prelaunch_hook) : une place, ou la page « occupé »."""
    gestionnaire = handler.kernel_manager
    if not hasattr(gestionnaire, "reserver") or gestionnaire.reserver():
        return None
    handler.log.warning(
        "Applications : %s pages ouvertes, plafond atteint ; page « occupé » servie.",
        gestionnaire.ouverts(),
    )
    handler.set_status(503)
    handler.set_header("Retry-After", "60")
    handler.set_header("Content-Type", "text/html; charset=utf-8")
    handler.finish(
        PAGE_OCCUPEE.format(ouvertes=gestionnaire.ouverts(), maximum=gestionnaire.noyaux_max)
    )
    raise web.Finish()
