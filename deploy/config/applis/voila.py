# Le Voilà partagé de la salle (/services/applis/), en plus des réglages du kit
# (config/jupyter/voila.py) : connexion par le hub et plafond de noyaux.
# Chargé par JUPYTER_CONFIG_PATH, posé par atelier.salle.hub.service_applis.
import os

from atelier.salle.applis import verifier_place

c = get_config()  # noqa: F821

# Personne n'ouvre une application sans s'être connecté au hub (OAuth de JupyterHub).
c.Voila.identity_provider_class = "atelier.salle.applis.IdentiteHub"
# Au plus N pages ouvertes en même temps ; au-delà, page « serveur occupé, réessayez ».
c.VoilaConfiguration.multi_kernel_manager_class = "atelier.salle.applis.NoyauxPlafonnes"
c.NoyauxPlafonnes.noyaux_max = int(os.environ.get("ATELIER_APPLIS_NOYAUX_MAX", "20"))
c.VoilaConfiguration.prelaunch_hook = verifier_place
