# Réglages de « jupyter nbconvert » dans l'environnement du kit (chargés via JUPYTER_CONFIG_DIR).
c = get_config()  # noqa: F821

# nbconvert --execute attend la réponse de chaque cellule par le client asynchrone de
# jupyter_client, dont le réveil se perd parfois : la cellule attendrait alors jusqu'au délai
# (13 cellules à simulateur sur 3 699, 0 sur 1 873 avec ce client : bench/blocages/). Même client que Voilà.
c.KernelManager.client_factory = "atelier.client_noyau.ClientVigilant"
