"""Atelier numérique des communes : outils appelés par les carnets du kit."""

from atelier import affichage, anciens_chemins, erreurs

__version__ = "0.1.0"

# Dans un carnet, les erreurs fréquentes s'expliquent en français, et les nombres et les tableaux
# s'affichent à la française. Le noyau du kit charge déjà l'extension atelier.erreurs à son démarrage
# (config/jupyter/ipython_kernel_config.py) ; cet appel explicite la charge aussi dans les noyaux qui
# ne lisent pas les réglages du kit : la correction dans le bac à sable, nbval, un Jupyter ordinaire.
# Les carnets notés en dépendent (messages des cellules de vérification et des retours).
erreurs.installer()
affichage.installer()
# Les carnets écrits avant le dossier par module (atelier.vues.m2_…) marchent toujours.
anciens_chemins.installer()


def _decrire_toujours_disponible() -> None:
    """Les consignes proposent ``decrire("table")`` dans une cellule libre : il marche dans tout carnet du kit."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython est toujours là avec Jupyter
        return
    shell = get_ipython()
    if shell is not None:
        from atelier.donnees import decrire

        shell.user_ns.setdefault("decrire", decrire)


_decrire_toujours_disponible()
