"""Banc d'essai : ce que coûte la vue privée d'un noyau, bubblewrap contre la solution de repli.

Le vrai lanceur du bac à sable (``commande_noyau``, réglages d'une correction : cours,
dossier de travail et échange masqués, dossier de travail lié, sockets Unix, limites)
lance ``python -c pass``, une fois par bubblewrap, une fois par la solution de repli
du kit (unshare + mount(2)), une fois sans rien (Python nu), en alternant pour que les
trois voient la même charge. Seule compte la différence : le reste du démarrage d'un
noyau (ipykernel, pandas) est le même pour tous.

    .venv/bin/python bench/notation/bench_vue_privee.py [--fois 30]

Résultat : une ligne ajoutée à bench/notation/historique_vue_privee.jsonl ; lecture : RESULTATS.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from atelier.formateur import bac_a_sable
from atelier.formateur.correction import _visibles

ICI = Path(__file__).resolve().parent


def _isolations() -> dict[str, bac_a_sable.Isolation]:
    avec = bac_a_sable.detecter_isolation()
    qui = shutil.which
    with mock.patch.object(
        bac_a_sable.shutil, "which", lambda nom: None if nom == "bwrap" else qui(nom)
    ):
        repli = bac_a_sable.detecter_isolation()
    for nom, iso in (("bubblewrap", avec), ("repli", repli)):
        if iso.mode not in ("compte", "espaces"):
            sys.exit(f"Pas de vue privée ({nom}) sur cette machine : {iso.resume}")
    if not bac_a_sable.par_bwrap(avec.prefixe):
        sys.exit(f"bubblewrap n'est pas utilisé ici : {avec.resume}")
    return {"bubblewrap": avec, "repli": repli}


def _un_lancement(iso: bac_a_sable.Isolation | None, racine: Path) -> float:
    t = Path(tempfile.mkdtemp(dir=racine))
    os.chmod(t, 0o711)
    cours = t / "cours"
    for dossier in (t / "bac", t / "src", t / "ipc", cours / "submitted" / "p01"):
        dossier.mkdir(parents=True)
    (t / "src" / "donnees.csv").write_text("a,b\n")
    (t / "connexion.json").write_text(json.dumps({"ip": str(t / "ipc" / "noyau")}))
    commande = [sys.executable, "-c", "pass", "-f", str(t / "connexion.json")]
    if iso is not None:
        reglages = bac_a_sable.Reglages(
            mode=iso.mode,
            uid=iso.uid,
            gid=iso.gid,
            prefixe=iso.prefixe,
            bac=str(t / "bac"),
            vue=str(cours / "autograded" / "p01" / "essai"),
            journal=str(t / "acces.log"),
            proteges=[str(cours), str(t)],
            lecture_seule=[],
            limites={"memoire_mo": 2048, "cpu_s": 60, "fichier_mo": 8, "sortie_caracteres": 1000},
            visibles=_visibles(),
            ipc=str(t / "ipc"),
        ).ecrire(t / "reglages.json")
        commande = bac_a_sable.commande_noyau(iso.prefixe, reglages, commande)
    debut = time.perf_counter()
    fini = subprocess.run(commande, cwd=t / "src", capture_output=True, timeout=60)
    duree = time.perf_counter() - debut
    if fini.returncode != 0:
        journal = (
            (t / "noyau.log").read_text(errors="replace") if (t / "noyau.log").exists() else ""
        )
        sys.exit(f"Lancement en échec : {fini.stderr.decode(errors='replace')}{journal}")
    return duree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fois", type=int, default=30)
    args = parser.parse_args()
    isolations = {**_isolations(), "python nu": None}
    charge_avant = os.getloadavg()
    durees: dict[str, list[float]] = {nom: [] for nom in isolations}
    racine = Path(tempfile.mkdtemp(prefix="bench-vue-privee-"))
    os.chmod(racine, 0o711)
    try:
        for _ in range(args.fois):
            for nom, iso in isolations.items():
                durees[nom].append(_un_lancement(iso, racine))
    finally:
        shutil.rmtree(racine, ignore_errors=True)
    medianes = {nom: round(statistics.median(d), 4) for nom, d in durees.items()}
    resultat = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "coeurs": os.cpu_count(),
            "python": sys.version.split()[0],
            "root": os.geteuid() == 0,
            "charge_moyenne_avant": charge_avant,
            "charge_moyenne_apres": os.getloadavg(),
            "bwrap": subprocess.run(
                ["bwrap", "--version"], capture_output=True, text=True
            ).stdout.strip(),
        },
        "mode": isolations["bubblewrap"].mode,
        "fois": args.fois,
        "medianes_s": medianes,
        "surcout_median_s": {
            nom: round(medianes[nom] - medianes["python nu"], 4) for nom in ("bubblewrap", "repli")
        },
    }
    with open(ICI / "historique_vue_privee.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(resultat, ensure_ascii=False) + "\n")
    print(json.dumps(resultat, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
