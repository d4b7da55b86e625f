"""Banc d'essai : « atelier-formateur corriger » contre « nbgrader autograde » seul.

Même machine, même exécution, copies identiques : N copies générées à partir
d'un exercice (un tiers justes, un tiers avec une réponse laissée vide, un tiers
copies de départ), corrigées une fois par nbgrader seul (un processus, en
série) et une fois par la commande du kit (en parallèle, noyaux isolés).
Vérifie que les notes sont identiques, puis mesure où part le temps.

    .venv/bin/python bench/notation/bench_correction.py [--exercice ID] [--cours DOSSIER] [--copies 40] [--repli]

``--repli`` corrige aussi, juste après, par la solution de repli du bac à sable
(bwrap caché du PATH) : bubblewrap contre le montage du kit, dans le même run.

Par défaut, l'exercice d'essai des tests (tests/fixtures/formateur/). À relancer
sur un vrai module (``--cours exercises --exercice m1_planification``) dès qu'il existe.
Résultats : bench/notation/resultats_<exercice>.json (remplacé à chaque run) et
historique.jsonl (tous les runs, avec la charge de la machine) ; lecture : RESULTATS.md.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ICI = Path(__file__).resolve().parent
RACINE = ICI.parents[1]
ENV = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
SOLUTION = re.compile(r"^\s*###? (BEGIN|END) SOLUTION\s*$")


def chrono(
    commande: list[str], cwd: Path | None = None, env: dict | None = None, attendu: str = ""
) -> float:
    debut = time.perf_counter()
    fini = subprocess.run(commande, cwd=cwd, env=env or ENV, capture_output=True, text=True)
    duree = time.perf_counter() - debut
    if fini.returncode != 0 or attendu not in fini.stdout:
        raise SystemExit(
            f"échec de {' '.join(commande)} (attendu : « {attendu} ») :\n{fini.stdout}\n{fini.stderr}"
        )
    return duree


def env_sans_bwrap(dossier: Path) -> dict[str, str]:
    """Un PATH où bwrap manque : la correction passe par la solution de repli du kit (unshare)."""
    chemins = []
    for i, d in enumerate(ENV["PATH"].split(os.pathsep)):
        if d and (Path(d) / "bwrap").exists():
            copie = dossier / f"path{i}"
            copie.mkdir()
            for f in Path(d).iterdir():
                if f.name != "bwrap":
                    (copie / f.name).symlink_to(f)
            d = str(copie)
        chemins.append(d)
    return {**ENV, "PATH": os.pathsep.join(chemins)}


def preparer_cours(source: Path, exercice: str, dossier: Path) -> Path:
    cours = dossier / "base"
    shutil.copytree(source / "source" / exercice, cours / "source" / exercice)
    config = source / "nbgrader_config.py"
    shutil.copy(config if config.exists() else RACINE / "exercises" / "nbgrader_config.py", cours)
    chrono([sys.executable, "-m", "atelier.formateur", "preparer", exercice, "--cours", str(cours)])
    return cours


def _solutions(source_nb) -> dict[str, str]:
    return {
        c.metadata["nbgrader"]["grade_id"]: "\n".join(
            ligne for ligne in c.source.splitlines() if not SOLUTION.match(ligne)
        )
        for c in source_nb.cells
        if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"
    }


def generer_copies(cours: Path, exercice: str, n: int) -> dict[str, str]:
    """N copies : justes, une réponse laissée vide (tour à tour), copie de départ."""
    genres = {}
    for chemin in sorted((cours / "release" / exercice).glob("*.ipynb")):
        release = nbformat.read(chemin, as_version=4)
        solutions = _solutions(
            nbformat.read(cours / "source" / exercice / chemin.name, as_version=4)
        )
        ids = sorted(solutions)
        for i in range(n):
            nb = copy.deepcopy(release)
            genre = ("juste", "une réponse manquante", "copie de départ")[i % 3]
            for cell in nb.cells:
                gid = cell.metadata.get("nbgrader", {}).get("grade_id")
                if gid in solutions and genre != "copie de départ":
                    if genre == "juste" or gid != ids[(i // 3) % len(ids)]:
                        cell.source = solutions[gid]
            dossier = cours / "submitted" / f"b{i:03d}" / exercice
            dossier.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, dossier / chemin.name)
            genres[f"b{i:03d}"] = genre
    return genres


def notes(cours: Path, exercice: str) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cours / 'gradebook.db'}") as gb:
        return {
            f"{sub.student.id}/{nb.name}/{g.name}": g.auto_score
            for sub in gb.find_assignment(exercice).submissions
            for nb in sub.notebooks
            for g in nb.grades
        }


def demarrage_noyau(repetitions: int = 3) -> dict[str, float]:
    """Démarrage d'un noyau nu, et import de pandas + matplotlib dans ce noyau (médianes)."""
    from jupyter_client.manager import start_new_kernel

    demarrages, imports = [], []
    for _ in range(repetitions):
        debut = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3")
        demarrages.append(time.perf_counter() - debut)
        debut = time.perf_counter()
        kc.execute_interactive("import pandas, matplotlib.pyplot", timeout=120)
        imports.append(time.perf_counter() - debut)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return {
        "demarrage_noyau_s": statistics.median(demarrages),
        "import_pandas_matplotlib_s": statistics.median(imports),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cours", type=Path, default=RACINE / "tests" / "fixtures" / "formateur" / "cours"
    )
    parser.add_argument("--exercice", default="essai_correction")
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--paralleles", type=int, default=None)
    parser.add_argument(
        "--garder", action="store_true", help="garder les cours temporaires (bench/tmp/)"
    )
    parser.add_argument(
        "--attendre-calme",
        type=float,
        default=0,
        metavar="MINUTES",
        help="attendre (au plus MINUTES) que la charge moyenne sur 1 min passe sous 1",
    )
    parser.add_argument(
        "--repli",
        action="store_true",
        help="corriger aussi par la solution de repli (sans bubblewrap), juste après le kit",
    )
    args = parser.parse_args()

    fin_attente = time.monotonic() + 60 * args.attendre_calme
    while os.getloadavg()[0] >= 1 and time.monotonic() < fin_attente:
        time.sleep(15)
    charge_avant = os.getloadavg()
    (RACINE / "bench" / "tmp").mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="notation-", dir=RACINE / "bench" / "tmp"))
    try:
        base = preparer_cours(args.cours.resolve(), args.exercice, tmp)
        genres = generer_copies(base, args.exercice, args.copies)
        seul, kit, seul1, kit1 = (tmp / n for n in ("nbgrader", "kit", "nbgrader1", "kit1"))
        repli = tmp / "repli"
        for cible in (seul, kit, *([repli] if args.repli else [])):
            shutil.copytree(base, cible)
        for cible in (seul1, kit1):  # une seule copie : coût fixe de démarrage
            shutil.copytree(
                base, cible, ignore=shutil.ignore_patterns("b00[1-9]", "b0[1-9]*", "b[1-9]*")
            )

        paralleles = ["--paralleles", str(args.paralleles)] if args.paralleles else []
        corriger = [
            sys.executable,
            "-m",
            "atelier.formateur",
            "corriger",
            args.exercice,
            *paralleles,
            "--cours",
        ]
        autograde = [sys.executable, "-m", "nbgrader", "autograde", args.exercice]
        t_seul = chrono(autograde, cwd=seul)
        t_kit = chrono([*corriger, str(kit)])
        if args.repli:
            t_repli = chrono(
                [*corriger, str(repli)], env=env_sans_bwrap(tmp), attendu="bubblewrap absent"
            )
            identiques_repli = notes(repli, args.exercice) == notes(kit, args.exercice)
        t_seul1 = chrono(autograde, cwd=seul1)
        t_kit1 = chrono([*corriger, str(kit1)])
        n_seul, n_kit = notes(seul, args.exercice), notes(kit, args.exercice)
        identiques = n_seul == n_kit
        differences = [
            f"{k}: nbgrader {n_seul.get(k)}, kit {n_kit.get(k)}"
            for k in sorted(set(n_seul) | set(n_kit))
            if n_seul.get(k) != n_kit.get(k)
        ]
        durees = [
            json.loads(f.read_text(encoding="utf-8"))["durees"]
            for f in (kit / "correction_atelier" / args.exercice).glob("*.json")
        ]
        t_demarrage_nbgrader = chrono(
            [sys.executable, "-c", "import nbgrader.apps, nbgrader.converters"]
        )
        noyau = demarrage_noyau()
        charge_apres = os.getloadavg()
    finally:
        if not args.garder:
            shutil.rmtree(tmp, ignore_errors=True)

    n = args.copies
    resultats = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "coeurs": len(os.sched_getaffinity(0)),
            "python": platform.python_version(),
            "charge_moyenne_avant": charge_avant,
            "charge_moyenne_apres": charge_apres,
            "root": os.geteuid() == 0,
        },
        "exercice": args.exercice,
        "copies": n,
        "genres": {g: sum(v == g for v in genres.values()) for g in sorted(set(genres.values()))},
        "nbgrader_autograde_s": round(t_seul, 2),
        "atelier_corriger_s": round(t_kit, 2),
        "rapport": round(t_seul / t_kit, 2),
        "notes_identiques": identiques,
        "notes_comparees": len(n_seul),
        "differences": differences[:10],
        **(
            {
                "repli_sans_bwrap": {
                    "atelier_corriger_s": round(t_repli, 2),
                    "rapport": round(t_seul / t_repli, 2),
                    "notes_identiques": identiques_repli,
                }
            }
            if args.repli
            else {}
        ),
        "une_copie": {
            "nbgrader_autograde_s": round(t_seul1, 2),
            "atelier_corriger_s": round(t_kit1, 2),
        },
        "par_copie_en_serie_s": {
            "nbgrader_autograde": round((t_seul - t_seul1) / (n - 1), 2),
            "atelier_corriger (parallèle, temps mur)": round((t_kit - t_kit1) / (n - 1), 2),
        },
        "decomposition": {
            "import_nbgrader_s": round(t_demarrage_nbgrader, 2),
            **{k: round(v, 2) for k, v in noyau.items()},
            "kit_par_copie_medianes_s": {
                cle: round(statistics.median(d[cle] for d in durees if cle in d), 3)
                for cle in (
                    "preparation",
                    "demarrage_noyau",
                    "execution",
                    "nbgrader_autograde",
                    "total",
                )
            },
        },
    }
    (ICI / f"resultats_{args.exercice}.json").write_text(
        json.dumps(resultats, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    # chaque run, pour voir l'effet de la charge de la machine
    historique = ICI / "historique.jsonl"
    with open(historique, "a", encoding="utf-8") as f:
        f.write(json.dumps(resultats, ensure_ascii=False) + "\n")
    print(json.dumps(resultats, ensure_ascii=False, indent=1))
    return 0 if identiques else 1


if __name__ == "__main__":
    raise SystemExit(main())
