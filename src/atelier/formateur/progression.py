"""Une barre de progression minimale, sur la sortie d'erreur.

Sur un terminal, une seule ligne qui se met à jour ; sinon (journal, CI), une
ligne par étape. Pas de dépendance : une vingtaine de lignes suffisent.
"""

from __future__ import annotations

import sys
import time


def _duree(secondes: float) -> str:
    secondes = int(secondes)
    return f"{secondes // 60} min {secondes % 60:02d} s" if secondes >= 60 else f"{secondes} s"


class Progression:
    def __init__(self, total: int, titre: str, flux=None):
        self.total, self.titre, self.fait = total, titre, 0
        self.flux = flux or sys.stderr
        self.debut = time.monotonic()
        self.terminal = hasattr(self.flux, "isatty") and self.flux.isatty()

    def avancer(self, quoi: str = "") -> None:
        self.fait += 1
        ecoule = time.monotonic() - self.debut
        reste = ecoule / self.fait * (self.total - self.fait)
        plein = int(20 * self.fait / max(self.total, 1))
        ligne = (
            f"{self.titre} [{'█' * plein}{'·' * (20 - plein)}] {self.fait}/{self.total} "
            f"· {_duree(ecoule)} écoulées, encore ~{_duree(reste)} · {quoi}"
        )
        if self.terminal:
            self.flux.write("\r" + ligne[:150].ljust(150))
        else:
            self.flux.write(ligne + "\n")
        self.flux.flush()

    def fermer(self) -> None:
        if self.terminal:
            self.flux.write("\n")
            self.flux.flush()
