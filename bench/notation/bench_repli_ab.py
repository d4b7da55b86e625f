"""Banc d'essai : la correction avec bubblewrap contre la solution de repli, en alternance.

Mêmes copies générées (``bench_correction``), corrigées tour à tour par
``atelier-formateur corriger`` avec bubblewrap et avec bwrap caché du PATH (repli :
unshare + mount(2)), dans l'ordre A B B A A B pour que les deux voient la même charge.

    .venv/bin/python bench/notation/bench_repli_ab.py [--cours exercises --exercice m2_centres_numeriques] [--copies 20]

Imprime les durées ; lecture : RESULTATS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench_correction import RACINE, chrono, env_sans_bwrap, generer_copies, preparer_cours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cours", type=Path, default=RACINE / "exercises")
    parser.add_argument("--exercice", default="m2_centres_numeriques")
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    (RACINE / "bench" / "tmp").mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="notation-ab-", dir=RACINE / "bench" / "tmp"))
    try:
        base = preparer_cours(args.cours.resolve(), args.exercice, tmp)
        generer_copies(base, args.exercice, args.copies)
        sans = env_sans_bwrap(tmp)
        corriger = [sys.executable, "-m", "atelier.formateur", "corriger", args.exercice, "--cours"]
        durees: dict[str, list[float]] = {"bubblewrap": [], "repli": []}
        charge = [os.getloadavg()]
        for i, nom in enumerate(
            ["bubblewrap", "repli", "repli", "bubblewrap", "bubblewrap", "repli"]
        ):
            cours = tmp / f"cours{i}"
            shutil.copytree(base, cours)
            repli = nom == "repli"
            attendu = "bubblewrap absent" if repli else "montée par bubblewrap"
            durees[nom].append(
                round(
                    chrono([*corriger, str(cours)], env=sans if repli else None, attendu=attendu), 2
                )
            )
            charge.append(os.getloadavg())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        json.dumps(
            {
                "exercice": args.exercice,
                "copies": args.copies,
                "durees_s": durees,
                "charge_1_min": [round(c[0], 1) for c in charge],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
