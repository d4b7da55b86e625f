"""Module 2 — Centres communautaires de ressources numériques.

``modele`` (les calculs), ``vues`` (graphiques et simulateurs),
``questions`` et ``questions_elus`` (les questions notées)."""
