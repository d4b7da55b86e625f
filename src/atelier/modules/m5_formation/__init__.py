"""Module 5 — Programmes de formation et de sensibilisation.

``modele`` (les calculs), ``vues`` (graphiques et simulateurs),
``questions`` et ``questions_elus`` (les questions notées)."""
