"""Mémoire par participant actif : réglages du kit contre un serveur JupyterHub par défaut.

À lancer en root (crée de vrais comptes, préfixés et supprimés à la fin) :

    .venv/bin/python bench/salle/memoire.py [--n 3]

Dans un même hub, N participants reçoivent les réglages du kit et N autres le
serveur par défaut (toutes les extensions installées, aucun réglage). Chacun exécute
la même leçon (tests/fixtures/salle/lecon_charge.ipynb : pandas, matplotlib,
ipywidgets) et garde son noyau ouvert ; on mesure alors avec psutil la mémoire de
tous ses processus (serveur + noyau) : RSS, USS et PSS. Résultats dans
bench/salle/resultats.md et resultats.json.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

ICI = Path(__file__).resolve().parent
RACINE = ICI.parents[1]
sys.path.insert(0, str(RACINE / "src"))
sys.path.insert(0, str(ICI))

from charge import salle_de_test  # noqa: E402  (le hub de mesure, et tout ce qu'il faut retirer)

from atelier.salle.mesure import MO, memoire_du_compte  # noqa: E402


def mesurer(n: int) -> dict:
    kit = [f"kit{i}" for i in range(n)]
    defaut = [f"def{i}" for i in range(n)]
    lecon = json.loads(
        (RACINE / "tests" / "fixtures" / "salle" / "lecon_charge.ipynb").read_text(encoding="utf-8")
    )
    with salle_de_test(kit + defaut, defaut, RACINE / "exercises" / "source") as (
        hub,
        prefixe,
        processus,
        _,
    ):
        kit, defaut = [prefixe + nom for nom in kit], [prefixe + nom for nom in defaut]

        def suivre(nom):
            duree = hub.demarrer(nom)
            serveur = hub.serveur(nom)
            serveur.ecrire_carnet("lecon_charge.ipynb", lecon)
            carnet = serveur.executer_carnet(json.loads(json.dumps(lecon)), garder_noyau=True)
            assert not [
                o
                for c in carnet["cells"]
                if c["cell_type"] == "code"
                for o in c["outputs"]
                if o["output_type"] == "error"
            ], nom
            return duree

        # Alternés, deux à la fois, pour que les deux configurations voient la même charge.
        ordre = [nom for paire in zip(kit, defaut, strict=True) for nom in paire]
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            durees = dict(zip(ordre, pool.map(suivre, ordre), strict=True))
        time.sleep(10)  # laisser retomber l'activité
        mesures = {nom: memoire_du_compte(nom) for nom in ordre}
        hub_processus = psutil.Process(processus.pid)
        fixe = {"hub": hub_processus.memory_full_info().rss / MO}
        for p in hub_processus.children():
            if "configurable-http-proxy" in " ".join(p.cmdline()):
                fixe["proxy (CHP)"] = p.memory_full_info().rss / MO
        version_python = subprocess.run(  # le Python de la salle, celui du hub et des serveurs
            [hub_processus.exe(), "--version"], capture_output=True, text=True
        ).stdout.split()[-1]
    return {
        "python": version_python,
        "kit": [dict(mesures[n], demarrage_s=durees[n]) for n in kit],
        "defaut": [dict(mesures[n], demarrage_s=durees[n]) for n in defaut],
        "fixe_rss": fixe,
    }


def mediane(lignes: list[dict], cle: str) -> float:
    return statistics.median(x[cle] for x in lignes)


def ecrire(resultats: dict, n: int) -> None:
    k, d = resultats["kit"], resultats["defaut"]
    lignes = [
        "# Mémoire par participant actif (serveur Jupyter + noyau, après la leçon)",
        "",
        f"Mesuré le {time.strftime('%Y-%m-%d')} par `bench/salle/memoire.py --n {n}` sur cette machine "
        f"({os.cpu_count()} cœurs, {psutil.virtual_memory().total / 2**30:.0f} Go, Python {resultats['python']} "
        "pour les serveurs). Un même hub, deux groupes de participants mesurés dans le même lancement, "
        "médiane de chaque groupe, en Mo. Leçon : `tests/fixtures/salle/lecon_charge.ipynb` "
        "(pandas, matplotlib, ipywidgets), noyau laissé ouvert.",
        "",
        "| configuration | participants | RSS | USS | PSS | dont USS serveur | dont USS noyau | démarrage (s) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for nom, groupe in (
        ("réglages du kit (deploy/config/participant)", k),
        ("JupyterHub par défaut", d),
    ):
        lignes.append(
            f"| {nom} | {len(groupe)} | {mediane(groupe, 'rss'):.0f} | {mediane(groupe, 'uss'):.0f} | "
            f"{mediane(groupe, 'pss'):.0f} | {mediane(groupe, 'uss') - mediane(groupe, 'uss_noyaux'):.0f} | "
            f"{mediane(groupe, 'uss_noyaux'):.0f} | {mediane(groupe, 'demarrage_s'):.1f} |"
        )
    lignes += [
        "",
        f"Rapport kit / défaut : RSS {mediane(k, 'rss') / mediane(d, 'rss'):.2f}, "
        f"USS {mediane(k, 'uss') / mediane(d, 'uss'):.2f}, PSS {mediane(k, 'pss') / mediane(d, 'pss'):.2f}.",
        "",
        "Coût fixe (RSS, Mo) : "
        + ", ".join(f"{nom} {v:.0f}" for nom, v in resultats["fixe_rss"].items())
        + ".",
        "",
        "- RSS compte aussi les pages partagées (bibliothèques) ; USS seulement les pages propres au compte, "
        "c'est ce qu'ajoute un participant de plus ; PSS répartit les pages partagées entre leurs utilisateurs.",
        "- Les deux groupes tournent dans le même environnement Python de la salle, d'où l'installation "
        "retire `rfc3987-syntax` (extra facultatif de jsonschema, voir `ALLEGEMENTS` dans "
        "src/atelier/salle/installation.py) : environ 25 Mo de moins par serveur, pour les deux groupes. "
        "Un JupyterHub installé sans ce retrait coûte donc encore environ 25 Mo de plus par participant "
        "que la ligne « par défaut » (mesure à l'import : `import jupyterhub.singleuser.extension, "
        "jupyterlab.labapp` passe de 126 à 97 Mo d'USS sans ce module).",
        "- Ce qui reste dans le serveur : surtout l'extension jupyterhub-singleuser elle-même "
        "(SQLAlchemy, aiohttp, modèles du hub), qu'on ne peut pas retirer ; le noyau (96 Mo) est "
        "celui de pandas, matplotlib et ipywidgets.",
        "- Le détail par participant est dans `resultats.json`.",
    ]
    (ICI / "resultats.md").write_text("\n".join(lignes) + "\n", encoding="utf-8")
    (ICI / "resultats.json").write_text(
        json.dumps(resultats, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    print("\n".join(lignes))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3, help="participants par configuration")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("À lancer en root : la mesure crée de vrais comptes.")
    ecrire(mesurer(args.n), args.n)
