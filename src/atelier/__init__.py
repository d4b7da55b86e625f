"""Atelier numérique des communes : outils appelés par les carnets du kit."""

__version__ = "0.1.0"
