"""Module 1 — Intégrer le numérique dans la planification communale.

``modele`` (les calculs), ``vues`` (graphiques et simulateurs),
``questions`` et ``questions_elus`` (les questions notées)."""
