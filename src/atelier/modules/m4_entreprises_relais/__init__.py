"""Module 4 — Entreprises, start-ups et relais digitaux.

``modele`` (les calculs), ``vues`` (graphiques et simulateurs),
``questions`` et ``questions_elus`` (les questions notées)."""
