"""Banc d'endurance : chaque leçon et chaque exercice (solution) exécutés de nombreuses fois par nbclient.

Compte les cellules plus lentes que 10 × la médiane de cette même cellule, avec et sans le
correctif, dans le même passage (les configurations alternent, donc la charge de la machine
pèse autant sur l'une que sur l'autre) :

- ``kit`` : ce qu'obtient ``jupyter nbconvert --execute`` dans l'environnement du kit
  (``atelier.lanceur.environnement``) : noyau « python3 » du kit (config/jupyter-data/kernels),
  réglages de config/jupyter (dont le client ``atelier.client_noyau.ClientVigilant``) ;
- ``noyau`` : le noyau du kit seul, avec le client ordinaire de nbclient ;
- ``sans`` : noyau qui renvoie ses réponses hors du flux, comme ipykernel 7.0 à 7.3
  (voir reproduire.py), client ordinaire de nbclient ;
- ``ipykernel`` : ipykernel installé tel quel, client ordinaire, sans les réglages du kit.

Quand une cellule dure plus de ``--alerte`` secondes, le banc note où en est sa réponse
(déjà dans la socket du client ? le noyau a-t-il fini ? un ``kernel_info_request`` la
débloque-t-il ?), comme reproduire.py. S'arrête seul après ``--duree-max`` secondes.

    .venv/bin/python bench/blocages/soak.py --executions 252 --configs sans,noyau,kit
    .venv/bin/python bench/blocages/soak.py --executions 24 --configs kit --sans-historique

Une ligne JSON par passage dans bench/blocages/historique.jsonl ; résumé : RESULTATS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import select
import selectors
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

import nbformat
import zmq
from jupyter_client import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

ICI = Path(__file__).resolve().parent
RACINE = ICI.parents[1]
sys.path.insert(0, str(ICI))
from reproduire import gestionnaire  # noqa: E402

sys.path.insert(0, str(RACINE / "src"))
from atelier.lanceur import environnement  # noqa: E402

CARNETS = sorted(RACINE.glob("notebooks/m*.ipynb")) + sorted(
    RACINE.glob("exercises/source/*/*.ipynb")
)
ENV_DU_KIT = {k: v for k, v in environnement(RACINE).items() if k.startswith("JUPYTER")}


def config_du_kit() -> Config:
    """Les réglages que nbconvert lirait dans le dossier de configuration du kit."""
    config = Config()
    for nom in ("jupyter_config.py", "jupyter_nbconvert_config.py"):
        if (Path(ENV_DU_KIT["JUPYTER_CONFIG_DIR"]) / nom).exists():
            config.merge(
                PyFileConfigLoader(nom, path=ENV_DU_KIT["JUPYTER_CONFIG_DIR"]).load_config()
            )
    return config


def client_pour(nom: str, carnet: nbformat.NotebookNode, delai: float) -> NotebookClient:
    # record_timing : nbclient note dans la cellule ce que le noyau en a dit (execute_input, idle),
    # ce qui sert au diagnostic.
    commun = dict(timeout=delai, kernel_name="python3", allow_errors=False, record_timing=True)
    if nom in ("kit", "noyau"):  # le noyau « python3 » trouvé par JUPYTER_PATH
        return NotebookClient(
            carnet, config=config_du_kit() if nom == "kit" else Config(), **commun
        )
    km = gestionnaire("envoi-brut" if nom == "sans" else "tel-quel", AsyncKernelManager)
    return NotebookClient(carnet, km=km, **commun)


def etat_socket(socket) -> dict:
    """Ce que pyzmq asyncio sait de la socket, relevé sans y toucher (avant toute lecture de ZMQ_EVENTS)."""
    fd = socket.FD
    boucle = asyncio.get_running_loop()
    try:
        inscrit = bool(boucle._selector.get_key(fd).events & selectors.EVENT_READ)
    except (KeyError, AttributeError):
        inscrit = False
    return {
        "etat_attendu": socket._state,  # POLLIN = 1 : pyzmq attend une lecture
        "attentes": sum(not e.future.done() for e in socket._recv_futures),
        "fd_inscrit_en_lecture": inscrit,
        "fd_lisible": bool(select.select([fd], [], [], 0)[0]),
    }


class Surveillant:
    """Chronomètre chaque cellule ; diagnostique celles qui dépassent ``alerte`` secondes."""

    def __init__(self, client: NotebookClient, alerte: float):
        self.client, self.alerte = client, alerte
        self.durees: dict[int, float] = {}
        self.diagnostics: list[dict] = []
        self._cellule: int | None = None
        self._debut = 0.0
        client.on_cell_execute = self.debut
        client.on_cell_executed = self.fin

    def debut(self, cell, cell_index):
        self._cellule, self._debut = cell_index, time.monotonic()

    def fin(self, cell, cell_index, execute_reply):
        self.durees[cell_index] = time.monotonic() - self._debut
        self._cellule = None

    async def veiller(self):
        deja = set()
        while True:
            await asyncio.sleep(0.5)
            i = self._cellule
            if i is None or i in deja or time.monotonic() - self._debut < self.alerte:
                continue
            deja.add(i)
            self.diagnostics.append(await self.diagnostiquer(i))

    async def diagnostiquer(self, i: int) -> dict:
        """Où en est la réponse de la cellule i. Relire ZMQ_EVENTS réveille l'attente du client."""
        kc = self.client.kc
        vu = lambda: self.client.nb.cells[i].metadata.get("execution", {})  # noqa: E731 - ce qu'iopub a dit
        diag = {
            "cellule": i,
            "apres_s": round(time.monotonic() - self._debut, 1),
            "charge": os.getloadavg()[0],
            "socket_client": etat_socket(kc.shell_channel.socket),
        }
        if kc.shell_channel.socket.get(zmq.EVENTS) & zmq.POLLIN:
            diag["cote"] = "client : réponse déjà dans la socket du client"
        elif "iopub.execute_input" in vu():
            diag["cote"] = (
                "client : noyau revenu au repos, réponse absente"
                if "iopub.status.idle" in vu()
                else "aucun : le noyau calcule encore la cellule"
            )
        else:
            kc.kernel_info()  # une requête de plus sur la même connexion
            await asyncio.sleep(5)
            diag["cote"] = "noyau : requête jamais commencée" + (
                ", débloquée par kernel_info_request"
                if "iopub.execute_input" in vu()
                else ", toujours pas lue 5 s plus tard"
            )
        return diag


async def executer(nom: str, chemin: Path, delai: float, alerte: float) -> dict:
    carnet = nbformat.read(chemin, as_version=4)
    client = client_pour(nom, carnet, delai)
    surveillant = Surveillant(client, alerte)
    veille = asyncio.ensure_future(surveillant.veiller())
    debut, erreur = time.monotonic(), None
    try:
        await client.async_execute(cwd=str(chemin.parent))
    except CellExecutionError as e:
        erreur = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
    except Exception as e:  # délai dépassé, noyau mort : le banc continue et le note
        erreur = f"{type(e).__name__}: {str(e)[:200]}"
    finally:
        veille.cancel()
    return {
        "config": nom,
        "carnet": str(chemin.relative_to(RACINE)),
        "duree_s": round(time.monotonic() - debut, 2),
        "cellules": {str(k): round(v, 3) for k, v in surveillant.durees.items()},
        "diagnostics": surveillant.diagnostics,
        "erreur": erreur,
    }


def lentes(resultats: list[dict], facteur: float, plancher: float) -> list[dict]:
    """Cellules plus lentes que ``facteur`` × la médiane de la même cellule (toutes configurations)."""
    par_cellule: dict[tuple, list[float]] = {}
    for r in resultats:
        for i, d in r["cellules"].items():
            par_cellule.setdefault((r["carnet"], i), []).append(d)
    medianes = {k: statistics.median(v) for k, v in par_cellule.items()}
    trouvees = []
    for r in resultats:
        for i, d in r["cellules"].items():
            m = medianes[(r["carnet"], i)]
            if d > facteur * m and d > plancher:
                trouvees.append(
                    {
                        "config": r["config"],
                        "carnet": r["carnet"],
                        "cellule": int(i),
                        "duree_s": d,
                        "mediane_s": round(m, 3),
                    }
                )
    return trouvees


async def passer(args) -> dict:
    configs = args.configs.split(",")
    carnets = [
        c for c in CARNETS if not args.carnets or any(m in c.name for m in args.carnets.split(","))
    ]
    taches = list(
        itertools.islice(itertools.cycle(itertools.product(carnets, configs)), args.executions)
    )
    resultats: list[dict] = []
    debut = time.monotonic()
    file = asyncio.Queue()
    for t in taches:
        file.put_nowait(t)

    async def ouvrier():
        while not file.empty() and time.monotonic() - debut < args.duree_max:
            chemin, nom = file.get_nowait()
            r = await executer(nom, chemin, args.delai, args.alerte)
            resultats.append(r)
            print(
                f"{len(resultats):4d} {nom:9s} {r['carnet']:70s} {r['duree_s']:7.1f} s"
                f"{'  ERREUR ' + r['erreur'] if r['erreur'] else ''}{'  ' + str(r['diagnostics']) if r['diagnostics'] else ''}",
                flush=True,
            )

    charge_debut = os.getloadavg()
    # sans effet sur « sans » et « ipykernel », dont la commande est fixée
    os.environ.update(ENV_DU_KIT)
    await asyncio.gather(*(ouvrier() for _ in range(args.paralleles)))
    resume = {}
    tous_lents = lentes(resultats, 10, 0)
    lents_plancher = lentes(resultats, 10, args.plancher)
    for nom in configs:
        rs = [r for r in resultats if r["config"] == nom]
        resume[nom] = {
            "executions": len(rs),
            "cellules": sum(len(r["cellules"]) for r in rs),
            "erreurs": sum(1 for r in rs if r["erreur"]),
            "plus_de_10x_mediane": sum(1 for x in tous_lents if x["config"] == nom),
            f"plus_de_10x_mediane_et_{args.plancher}s": sum(
                1 for x in lents_plancher if x["config"] == nom
            ),
            "cellule_max_s": max((max(r["cellules"].values(), default=0) for r in rs), default=0),
            "diagnostics": [d | {"carnet": r["carnet"]} for r in rs for d in r["diagnostics"]],
            "duree_mediane_carnet_s": statistics.median([r["duree_s"] for r in rs]) if rs else None,
        }
    return {
        "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "executions": len(resultats),
        "duree_s": round(time.monotonic() - debut),
        "paralleles": args.paralleles,
        "delai_cellule_s": args.delai,
        "charge_debut": [round(x, 1) for x in charge_debut],
        "charge_fin": [round(x, 1) for x in os.getloadavg()],
        "par_config": resume,
        "cellules_lentes_plancher": lents_plancher,
        "erreurs": sorted(
            {(r["config"], r["carnet"], r["erreur"]) for r in resultats if r["erreur"]}
        ),
        "versions": {
            p: version(p) for p in ("ipykernel", "pyzmq", "jupyter_client", "nbclient", "tornado")
        }
        | {
            "libzmq": zmq.zmq_version(),
            "python": platform.python_version(),
            "coeurs": os.cpu_count(),
        },
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--executions", type=int, default=240)
    p.add_argument("--configs", default="sans,noyau,kit")
    p.add_argument("--paralleles", type=int, default=2)
    p.add_argument("--delai", type=float, default=120, help="délai par cellule (s)")
    p.add_argument(
        "--alerte", type=float, default=10, help="diagnostic d'une cellule plus longue (s)"
    )
    p.add_argument(
        "--plancher",
        type=float,
        default=2.0,
        help="une cellule lente doit aussi dépasser ce temps (s)",
    )
    p.add_argument("--duree-max", type=float, default=3000)
    p.add_argument(
        "--carnets",
        default="",
        help="seulement les carnets dont le nom contient l'un de ces mots (a,b)",
    )
    p.add_argument("--sortie", type=Path, help="écrire aussi le résumé JSON dans ce fichier")
    p.add_argument("--sans-historique", action="store_true")
    args = p.parse_args()
    resultat = asyncio.run(passer(args))
    print(json.dumps(resultat, ensure_ascii=False, indent=1))
    enregistrer(resultat, args)


def enregistrer(resultat: dict, args) -> None:
    """Le résumé dans ``--sortie`` s'il est demandé, et une ligne de plus dans historique.jsonl."""
    if args.sortie:
        args.sortie.write_text(json.dumps(resultat, ensure_ascii=False), encoding="utf-8")
    if not args.sans_historique:
        with open(ICI / "historique.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps(resultat, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
