"""Reproduction minimale des cellules « bloquées » : beaucoup de petites exécutions, une à une.

Démarre un noyau ipykernel, lui envoie N ``execute_request`` très courts par un client
de jupyter_client sans rien d'autre (``BlockingKernelClient`` ou ``AsyncKernelClient``,
celui de nbclient) et compte les réponses plus lentes que ``--facteur`` × la médiane.

Quand une réponse tarde (plus de ``--seuil`` secondes), le script cherche où elle est :

- ``client`` : la réponse attend déjà dans la socket du client (``zmq.EVENTS`` dit
  POLLIN) : le client ne s'est pas réveillé ;
- ``noyau`` : ni réponse ni « idle » du noyau pour cette requête ; un
  ``kernel_info_request`` envoyé sur la même socket la débloque : la requête dormait,
  non lue, dans la socket ROUTER du noyau (ipython/ipykernel#1554) ;
- ``autre`` : rien de tout cela (noyau occupé, machine saturée…).

Noyaux : ``--noyau tel-quel`` (ipykernel installé), ``--noyau envoi-brut`` (réponse
envoyée directement sur la socket, comme ipykernel 7.0 à 7.3, pour montrer le défaut),
``--noyau kit`` (le noyau « python3 » du kit, config/jupyter-data/kernels/python3).

    .venv/bin/python bench/blocages/reproduire.py --client asynchrone --noyau envoi-brut -n 3000

S'arrête seul après ``--duree-max`` secondes. Une ligne JSON par passage est ajoutée
à bench/blocages/reproductions.jsonl.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from importlib.metadata import version
from pathlib import Path

import zmq
from jupyter_client import AsyncKernelManager, BlockingKernelClient, KernelManager
from jupyter_client.kernelspec import KernelSpecManager

ICI = Path(__file__).resolve().parent
NOYAU_DU_KIT = (
    ICI.parents[1] / "config" / "jupyter-data" / "kernels" / "python3" / "ipykernel_launcher.py"
)

# Noyau d'ipykernel 7.0 à 7.3 : la réponse part directement sur la socket ROUTER, hors du ZMQStream.
ENVOI_BRUT = (
    "import ipykernel.subshell_manager as m\n"
    "def brut(self, msg):\n"
    "    self._shell_stream.socket.send_multipart(msg)\n"
    "m.SubshellManager._send_on_shell_channel = brut\n"
    "from ipykernel import kernelapp\n"
    "kernelapp.launch_new_instance()\n"
)


def commande_noyau(noyau: str) -> list[str]:
    if noyau == "envoi-brut":
        return [sys.executable, "-c", ENVOI_BRUT, "-f", "{connection_file}"]
    if noyau == "kit":
        return [sys.executable, str(NOYAU_DU_KIT), "-f", "{connection_file}"]
    return [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]


def gestionnaire(noyau: str, classe=KernelManager):
    """Un gestionnaire de noyau qui lance ce noyau-là (par un kernel.json, seul moyen que jupyter_client 8 suive)."""
    if noyau == "kit":
        dossier = NOYAU_DU_KIT.parents[1]
        nom = "python3"
    else:
        dossier = Path(tempfile.mkdtemp(prefix="blocages-noyaux-"))
        nom = noyau
        (dossier / nom).mkdir()
        spec = {"argv": commande_noyau(noyau), "display_name": noyau, "language": "python"}
        (dossier / nom / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return classe(
        kernel_name=nom, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(dossier)])
    )


# Ce que contient chaque cellule du carnet synthétique (--client nbclient).
CELLULES = {
    "calcul": "x = {i} * 2\nprint(x)",
    # Comme les simulateurs du kit : des contrôles et une sortie (messages « comm » sur iopub).
    "widget": "import ipywidgets as w\nw.VBox([w.IntSlider(value={i}), w.Dropdown(options=['a', 'b']), w.Output()])",
    # Sans le kit : des contrôles et un graphique matplotlib affiché dans une sortie (Output).
    "sortie": (
        "import io, ipywidgets as w, matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
        "from IPython.display import Image, clear_output, display\n"
        "f, a = plt.subplots(); a.plot(range({i} % 50 + 2)); b = io.BytesIO(); f.savefig(b, format='png'); plt.close(f)\n"
        "o = w.Output()\nwith o:\n    clear_output(wait=True)\n    display(Image(b.getvalue(), format='png'))\n"
        "w.VBox([w.IntSlider(value={i}), w.Dropdown(options=['a', 'b']), o])"
    ),
    # Un vrai simulateur du kit (contrôles, graphique dans une sortie) : là où le banc voit les blocages.
    "simulateur": "from atelier.modules.m4_entreprises_relais.vues import simulateur_relais\nsimulateur_relais('Banikoara')",
}


def charge() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


class Voisin(threading.Thread):
    """Un autre client sur le même noyau, pendant que le premier exécute ses cellules.

    ``continu`` : un second onglet qui envoie des kernel_info_request et attend leurs réponses.
    ``ephemere`` : ce que fait jupyter_server à chaque ouverture de websocket : une
    connexion shell neuve, un kernel_info_request, puis la connexion fermée sans attendre ;
    le noyau répond alors à un pair disparu (le cas décrit par ipykernel#1554).
    """

    def __init__(self, km, mode: str):
        super().__init__(daemon=True)
        self.info, self.mode = km.get_connection_info(), mode
        self.arret = threading.Event()
        self.durees: list[float] = []
        self.perdues = 0

    def run(self):
        kc = BlockingKernelClient()  # sa propre session et ses sockets, comme un autre onglet
        kc.load_connection_info(self.info)
        if self.mode == "continu":
            kc.start_channels()
        while not self.arret.is_set():
            if self.mode == "ephemere":
                socket = kc.connect_shell()
                kc.session.send(socket, "kernel_info_request", {})
                socket.close(linger=200)
                self.durees.append(0.0)
            else:
                debut = time.monotonic()
                msg_id = kc.kernel_info()
                try:
                    while kc.get_shell_msg(timeout=5)["parent_header"].get("msg_id") != msg_id:
                        pass
                    self.durees.append(time.monotonic() - debut)
                except Exception:  # queue.Empty : réponse non venue en 5 s
                    self.perdues += 1
            time.sleep(random.uniform(0, 0.01))
        kc.stop_channels()


async def attendre(canal, msg_id: str, delai: float, asynchrone: bool):
    """La réponse à msg_id, ou None si rien dans le délai."""
    fin = time.monotonic() + delai
    while (reste := fin - time.monotonic()) > 0:
        try:
            msg = canal.get_msg(timeout=reste)
            if asynchrone:
                msg = await msg
        except Exception:  # queue.Empty
            return None
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    return None


async def vider_iopub(kc, asynchrone: bool) -> set[str]:
    """Les msg_id dont le noyau a annoncé la fin (status idle) depuis le dernier appel."""
    finis = set()
    while True:
        pret = kc.iopub_channel.msg_ready()
        if asynchrone:
            pret = await pret
        if not pret:
            return finis
        msg = kc.iopub_channel.get_msg(timeout=0)
        if asynchrone:
            msg = await msg
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            finis.add(msg["parent_header"].get("msg_id"))


async def diagnostiquer(kc, msg_id: str, finis: set[str], asynchrone: bool) -> dict:
    socket = kc.shell_channel.socket
    deja_la = bool(socket.get(zmq.EVENTS) & zmq.POLLIN)
    finis |= await vider_iopub(kc, asynchrone)
    idle_vu = msg_id in finis
    if deja_la:
        cote, debloque = "client", "lecture directe"
    else:
        kc.kernel_info()
        arrivee = await attendre(kc.shell_channel, msg_id, 10, asynchrone)
        debloque = "kernel_info_request" if arrivee else "rien"
        cote = "noyau" if arrivee and not idle_vu else "autre"
    return {"cote": cote, "idle_vu_avant": idle_vu, "debloque_par": debloque}


async def passer(args) -> dict:
    asynchrone = args.client == "asynchrone"
    km = gestionnaire(args.noyau, AsyncKernelManager if asynchrone else KernelManager)
    debut_global = time.monotonic()
    if asynchrone:
        await km.start_kernel()
    else:
        km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        if asynchrone:
            await kc.wait_for_ready(timeout=120)
        else:
            kc.wait_for_ready(timeout=120)
        voisin = Voisin(km, args.voisin) if args.voisin else None
        if voisin:
            voisin.start()
        durees, lentes, finis = [], [], set()
        for i in range(args.n):
            if time.monotonic() - debut_global > args.duree_max:
                break
            debut = time.monotonic()
            msg_id = kc.execute(f"x = {i} * 2", silent=False)
            reponse = await attendre(kc.shell_channel, msg_id, args.seuil, asynchrone)
            if reponse is None:
                diag = await diagnostiquer(kc, msg_id, finis, asynchrone)
                if diag["debloque_par"] == "lecture directe":
                    await attendre(kc.shell_channel, msg_id, 5, asynchrone)
                diag.update(rang=i, duree_s=round(time.monotonic() - debut, 3), charge=charge())
                lentes.append(diag)
                print("réponse en retard :", diag, flush=True)
            durees.append(time.monotonic() - debut)
            if i % 50 == 0:
                finis |= await vider_iopub(kc, asynchrone)
        if voisin:
            voisin.arret.set()
            voisin.join(10)
        mediane = statistics.median(durees)
        tres_lentes = [d for d in durees if d > args.facteur * mediane and d > 0.5]
        return {
            "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
            "client": args.client,
            "noyau": args.noyau,
            "voisin_actif": args.voisin,
            "executions": len(durees),
            "mediane_ms": round(mediane * 1000, 2),
            "max_s": round(max(durees), 3),
            f"plus_de_{args.facteur}x_mediane_et_0.5s": len(tres_lentes),
            "bloquees": lentes,
            "voisin": {
                "requetes": len(voisin.durees) + voisin.perdues,
                "sans_reponse_en_5s": voisin.perdues,
                "max_s": round(max(voisin.durees, default=0), 3),
            }
            if voisin
            else None,
            "charge_debut_fin": charge(),
            "versions": {p: version(p) for p in ("ipykernel", "pyzmq", "jupyter_client", "tornado")}
            | {"libzmq": zmq.zmq_version(), "python": platform.python_version()},
        }
    finally:
        kc.stop_channels()
        if asynchrone:
            await km.shutdown_kernel(now=True)
        else:
            km.shutdown_kernel(now=True)


async def passer_nbclient(args) -> dict:
    """Comme nbclient exécute un carnet : un carnet de N petites cellules, chronométrées une à une."""
    import nbformat
    from nbclient import NotebookClient
    from soak import Surveillant

    code = CELLULES[args.cellule]
    carnet = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(code.format(i=i)) for i in range(args.n)]
    )
    km = gestionnaire(args.noyau, AsyncKernelManager)
    if args.client == "nbclient-vigilant":
        from atelier.client_noyau import ClientVigilant

        km.client_factory = ClientVigilant
    # pour le diagnostic
    client = NotebookClient(carnet, km=km, timeout=args.duree_max, record_timing=True)
    surveillant = Surveillant(client, args.seuil)
    veille = asyncio.ensure_future(surveillant.veiller())
    arret = "fin du carnet"
    try:
        await asyncio.wait_for(client.async_execute(), args.duree_max)
    except asyncio.TimeoutError:
        arret = "durée maximale atteinte"
    except Exception as e:  # noyau mort (mémoire…) : les mesures faites restent
        arret = f"{type(e).__name__}: {e}"
    finally:
        veille.cancel()
    durees = list(surveillant.durees.values())
    mediane = statistics.median(durees)
    return {
        "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "client": args.client,
        "noyau": args.noyau,
        "cellule": args.cellule,
        "arret": arret,
        "executions": len(durees),
        "mediane_ms": round(mediane * 1000, 2),
        "max_s": round(max(durees), 3),
        f"plus_de_{args.facteur}x_mediane_et_0.5s": sum(
            1 for d in durees if d > args.facteur * mediane and d > 0.5
        ),
        "bloquees": surveillant.diagnostics,
        "charge_debut_fin": charge(),
        "versions": {
            p: version(p) for p in ("ipykernel", "pyzmq", "jupyter_client", "nbclient", "tornado")
        }
        | {"libzmq": zmq.zmq_version(), "python": platform.python_version()},
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--client",
        choices=["bloquant", "asynchrone", "nbclient", "nbclient-vigilant"],
        default="nbclient",
    )
    p.add_argument("--noyau", choices=["tel-quel", "envoi-brut", "kit"], default="tel-quel")
    p.add_argument("-n", type=int, default=2000)
    p.add_argument(
        "--cellule",
        choices=sorted(CELLULES),
        default="calcul",
        help="contenu des cellules (nbclient)",
    )
    p.add_argument("--seuil", type=float, default=5.0, help="secondes avant de chercher la réponse")
    p.add_argument("--facteur", type=float, default=10.0)
    p.add_argument("--duree-max", type=float, default=240.0)
    p.add_argument(
        "--voisin",
        choices=["continu", "ephemere"],
        help="un autre client sur le même noyau (voir Voisin)",
    )
    p.add_argument("--sans-historique", action="store_true")
    args = p.parse_args()
    resultat = asyncio.run(
        passer_nbclient(args) if args.client.startswith("nbclient") else passer(args)
    )
    print(json.dumps(resultat, ensure_ascii=False))
    if not args.sans_historique:
        with open(ICI / "reproductions.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps(resultat, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
