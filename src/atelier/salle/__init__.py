"""Le JupyterHub d'une salle d'atelier : comptes réels, échange nbgrader, cartes de connexion.

``python -m atelier.salle installer --liste salle.csv`` prépare la salle (en root) ;
``python -m atelier.salle demarrer`` lance le hub. Voir ``facilitator_guide/salle.md``.
"""
