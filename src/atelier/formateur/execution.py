"""Exécution d'une copie par nbgrader, avec un noyau isolé et des sorties bornées.

``ExecuteIsole`` remplace le préprocesseur ``Execute`` de nbgrader dans la
correction : même exécution, mêmes notes, mais

- le noyau est lancé par le bac à sable (``NoyauIsole``) ;
- la sortie d'une cellule est tronquée au-delà de ``sortie_max`` caractères
  (les erreurs sont toujours gardées : la note ne change pas) ;
- un noyau qui meurt (``os._exit``, mémoire, temps de calcul) n'arrête pas la
  copie : les cellules suivantes reçoivent une erreur et valent 0 ;
- ce qui s'est passé (boucle interrompue, noyau arrêté, sortie tronquée) est
  noté dans un fichier d'événements lu par le correcteur.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer, Type, Unicode

from atelier.client_noyau import ClientVigilant
from atelier.formateur.bac_a_sable import commande_noyau, par_bwrap

MARQUE_TRONQUEE = "\n[… sortie trop longue, tronquée par le correcteur …]\n"
ERREUR_NOYAU = "NoyauArrete"


class NoyauIsole(AsyncKernelManager):
    """Gestionnaire de noyau qui passe par le bac à sable.

    Son client (``ClientVigilant``) ne manque pas une réponse déjà arrivée : sinon,
    la cellule attendrait jusqu'au délai et serait notée comme une boucle infinie.
    """

    reglages = Unicode("", help="Fichier JSON des réglages du bac à sable.").tag(config=True)
    client_factory = Type(
        ClientVigilant, klass="jupyter_client.asynchronous.AsyncKernelClient"
    ).tag(config=True)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        commande = super().format_kernel_cmd(extra_arguments)
        if not self.reglages:
            return commande
        if any(Path(a).name == "ipykernel_launcher.py" for a in commande):
            # Noyau du kit (config/jupyter-data/kernels/python3/ipykernel_launcher.py) : le bac à
            # sable met son lanceur surveillé à la place de « -m ipykernel_launcher » ; ipykernel 7.4
            # n'a plus le défaut que celui du kit corrige (bench/blocages/README.md).
            commande = [
                sys.executable,
                "-m",
                "ipykernel_launcher",
                *commande[commande.index("-f") :],
            ]
        prefixe = json.loads(Path(self.reglages).read_text(encoding="utf-8"))["prefixe"]
        if par_bwrap(prefixe):
            # bwrap met le noyau dans sa propre session (--new-session) : le SIGINT que
            # jupyter_client envoie au groupe du lanceur ne l'atteindrait pas. L'interruption
            # (boucle infinie, délai dépassé) passe donc par un message au noyau, qui se
            # l'envoie lui-même (ipykernel : interrupt_request).
            self.kernel_spec.interrupt_mode = "message"
        return commande_noyau(prefixe, Path(self.reglages), commande)


def _nom_cellule(cell: NotebookNode, index: int) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id") or f"n° {index + 1}"


class ExecuteIsole(Execute):
    sortie_max = Integer(200_000, help="Caractères de sortie gardés par cellule.").tag(config=True)
    evenements = Unicode("", help="Fichier où noter les incidents d'exécution.").tag(config=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("kernel_manager_class", NoyauIsole)
        super().__init__(**kwargs)

    def _noter(self, type_: str, cell: NotebookNode, index: int) -> None:
        if self.evenements:
            with open(self.evenements, "a", encoding="utf-8") as f:
                f.write(
                    json.dumps(
                        {
                            "type": type_,
                            "cellule": _nom_cellule(cell, index),
                            "carnet": self._carnet,
                        }
                    )
                    + "\n"
                )

    def preprocess(self, nb, resources=None, km=None):
        self._noyau_mort, self._taille, self._premiere = False, 0, None
        self._carnet = (resources or {}).get("nbgrader", {}).get("notebook", "")
        debut = time.perf_counter()
        try:
            return super().preprocess(nb, resources, km=km)
        finally:
            if self.evenements:  # où part le temps (lu par le banc d'essai)
                fin = time.perf_counter()
                with open(self.evenements, "a", encoding="utf-8") as f:
                    f.write(
                        json.dumps(
                            {
                                "type": "chrono",
                                "carnet": self._carnet,
                                "demarrage_noyau": (self._premiere or fin) - debut,
                                "execution": fin - (self._premiere or fin),
                            }
                        )
                        + "\n"
                    )

    def preprocess_cell(self, cell, resources, index):
        self._premiere = self._premiere or time.perf_counter()
        if cell.cell_type != "code" or not cell.source.strip():
            return super().preprocess_cell(cell, resources, index)
        if self._noyau_mort:
            cell.outputs = [self._erreur_noyau()]
            return cell, self.resources
        self._taille = 0
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._noyau_mort = True
            cell.outputs.append(self._erreur_noyau())
            self._noter("noyau", cell, index)
            return cell, self.resources
        if any(o.get("ename") == "CellTimeoutError" for o in cell.outputs):
            self._noter("delai", cell, index)
        if self._taille > self.sortie_max:
            self._noter("sortie", cell, index)
        return cell, resources

    @staticmethod
    def _erreur_noyau() -> NotebookNode:
        message = (
            "Le noyau s'est arrêté pendant la correction (arrêt demandé par le code, "
            "mémoire ou temps de calcul épuisés) : cette cellule n'a pas pu être exécutée."
        )
        return NotebookNode(
            output_type="error",
            ename=ERREUR_NOYAU,
            evalue=message,
            traceback=[f"{ERREUR_NOYAU}: {message}"],
        )

    def output(self, outs, msg, display_id, cell_index):
        """Garde au plus ``sortie_max`` caractères de sortie par cellule (hors erreurs)."""
        contenu = msg.get("content", {})
        if msg["msg_type"] == "stream":
            taille = len(contenu.get("text", ""))
        elif msg["msg_type"] in ("display_data", "execute_result", "update_display_data"):
            taille = sum(
                len(v) if isinstance(v, str) else len(json.dumps(v))
                for v in contenu.get("data", {}).values()
            )
        else:
            return super().output(outs, msg, display_id, cell_index)
        deja = self._taille
        self._taille += taille
        if self._taille <= self.sortie_max:
            return super().output(outs, msg, display_id, cell_index)
        if msg["msg_type"] == "stream":
            reste = max(self.sortie_max - deja, 0)
            # Un flux d'erreur (stderr) compte dans la note : on en garde la trace.
            deja_vu = any(
                o.get("output_type") == "stream" and o.get("name") == contenu.get("name")
                for o in outs
            )
            if reste or not deja_vu:
                contenu["text"] = contenu.get("text", "")[:reste] + MARQUE_TRONQUEE
                return super().output(outs, msg, display_id, cell_index)
            return None
        if msg["msg_type"] == "execute_result":
            # Le résultat compte pour la note partielle : on le garde, réduit au texte.
            donnees = contenu.get("data", {})
            contenu["data"] = {
                "text/plain": str(donnees.get("text/plain", ""))[: self.sortie_max // 10]
            }
            return super().output(outs, msg, display_id, cell_index)
        return None
