"""Module 0 — Prise en main des carnets.

``modele`` (les calculs), ``vues`` (graphiques et simulateurs),
``questions`` et ``questions_elus`` (les questions notées)."""
