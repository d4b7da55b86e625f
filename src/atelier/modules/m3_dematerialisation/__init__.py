"""Module 3 — Dématérialisation des services communaux.

``modele`` (les calculs), ``vues`` (graphiques et simulateurs),
``questions`` et ``questions_elus`` (les questions notées)."""
