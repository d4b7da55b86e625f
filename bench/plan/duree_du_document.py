"""Combien de temps pour écrire le volet numérique du PDC (Word, PDF, Excel) ?

Chaque mesure lance ``python -m atelier.plan`` dans un processus neuf, comme la
personne qui tape la commande (imports et données compris), avec un plan vide
ou un plan rempli (tous les choix des cinq modules, dont les actions des relais et
la durée de la formation, et huit chiffres de « Mes vrais chiffres »). L'objectif de l'issue 15 : moins de
10 s pour chacune des 77 communes.

    .venv/bin/python bench/plan/duree_du_document.py            # 8 communes variées
    .venv/bin/python bench/plan/duree_du_document.py --toutes   # les 77

Résultats : RESULTATS.md (à compléter à la main avec la machine et sa charge).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
ECHANTILLON = [
    "Kandi",
    "Cotonou",
    "Toucountouna",
    "Sèmè-Podji",
    "Banikoara",
    "Djougou",
    "Lokossa",
    "Karimama",
]


def plan_rempli(chemin: Path, commune: str) -> None:
    from atelier.modules.m2_centres_numeriques.modele import arrondissements_de
    from atelier.plan import Plan

    plan = Plan.ouvrir(commune, chemin)
    plan.noter("m1", "part_pai_numerique", 5)
    plan.noter("m1", "baisse_fadec", 30)
    plan.noter("m1", "grille", {"losi_inst_1": True, "losi_contenu_1": True})
    plan.noter("m2", "sites", list(arrondissements_de(commune)["arrondissement"][:2]))
    plan.noter("m2", "rayon_km", 8)
    plan.noter(
        "m3", "services", [{"service": "Certificat de résidence", "van_fcfa": 1e7, "cible": 40}]
    )
    plan.noter("m3", "part_en_ligne_cible", 40)
    plan.noter("m4", "relais", 8)
    plan.noter(
        "m4",
        "actions",
        ["Convention avec les opérateurs", "Former les relais au guichet de la mairie"],
    )
    plan.noter("m5", "part_cible", 60)
    plan.noter("m5", "annees", 4)
    for colonne, valeur in (
        ("population_2024", 250_000),
        ("population_adulte_2024", 120_000),
        ("taux_usage_internet", 30.5),
        ("part_competences_base", 25),
        ("recettes_propres_fcfa", 300_000_000),
        ("pai_total_fcfa", 1_000_000_000),
        ("nb_relais", 5),
        ("part_actes_demandes_en_ligne", 3.5),
    ):
        plan.noter_chiffre(colonne, valeur)


def _cpu_des_enfants() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def mesurer(commune: str, rempli: bool) -> tuple[float, float]:
    """(durée réelle, temps de calcul) d'un ``python -m atelier.plan`` : la seconde dépend peu de la charge."""
    with tempfile.TemporaryDirectory() as dossier:
        chemin = Path(dossier) / "plan.json"
        if rempli:
            plan_rempli(chemin, commune)
        debut, cpu = time.perf_counter(), _cpu_des_enfants()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "atelier.plan",
                "--commune",
                commune,
                "--sortie",
                str(Path(dossier) / "sortie"),
                "--plan",
                str(chemin),
            ],
            check=True,
            capture_output=True,
            cwd=RACINE,
            env={**os.environ, "MPLBACKEND": "Agg"},
        )
        return time.perf_counter() - debut, _cpu_des_enfants() - cpu


def main() -> int:
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--toutes", action="store_true", help="les 77 communes")
    options = a.parse_args()
    if options.toutes:
        from atelier.donnees import communes_disponibles

        communes = communes_disponibles()
    else:
        communes = ECHANTILLON
    charge_au_debut = os.getloadavg()[0]
    durees, calculs = [], []
    for commune in communes:
        for rempli in (False, True):
            d, cpu = mesurer(commune, rempli)
            durees.append(d)
            calculs.append(cpu)
            print(
                f"{commune:<20} {'plan rempli' if rempli else 'plan vide  '} {d:5.1f} s  (calcul {cpu:4.1f} s)",
                flush=True,
            )
    print(
        f"\n{len(durees)} documents : durée médiane {statistics.median(durees):.1f} s, maximum {max(durees):.1f} s ; "
        f"calcul médian {statistics.median(calculs):.1f} s, maximum {max(calculs):.1f} s ; "
        f"charge de la machine (moyenne sur 1 min) {charge_au_debut:.1f} au début, {os.getloadavg()[0]:.1f} à la "
        f"fin ({os.cpu_count()} cœurs)"
    )
    return 0 if max(durees) < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
