"""Petit client de l'API REST du hub et des serveurs Jupyter (tests, mesures, suivi de salle).

Parle au hub avec un jeton (celui du service de la salle, ``hub/jeton-service``) :
démarre le serveur d'une personne, lit et écrit ses carnets, exécute leur code
dans un noyau par le websocket du serveur, comme le ferait son navigateur.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from urllib.parse import quote

import requests


class ErreurHub(RuntimeError):
    pass


class Hub:
    def __init__(self, url: str, jeton: str):
        self.url = url.rstrip("/") + "/"
        self.jeton = jeton
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {jeton}"

    def api(self, methode: str, chemin: str, **kwargs) -> requests.Response:
        return self.session.request(
            methode, self.url + "hub/api/" + chemin.lstrip("/"), timeout=60, **kwargs
        )

    def attendre(self, processus=None, journal=None, delai: float = 90) -> None:
        """Attend que le hub réponde ; échoue tôt si son ``processus`` s'est arrêté."""
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if processus is not None and processus.poll() is not None:
                raise ErreurHub(
                    f"le hub s'est arrêté :\n{journal.read_text()[-3000:] if journal else ''}"
                )
            try:
                if self.api("GET", "").status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        raise ErreurHub(f"le hub ne répond pas :\n{journal.read_text()[-3000:] if journal else ''}")

    def utilisateur(self, nom: str) -> dict:
        reponse = self.api("GET", f"users/{nom}")
        reponse.raise_for_status()
        return reponse.json()

    def demarrer(self, nom: str, delai: float = 300) -> float:
        """Démarre le serveur de ``nom`` et attend qu'il soit prêt ; renvoie la durée en secondes."""
        debut = time.monotonic()
        reponse = self.api("POST", f"users/{nom}/server")
        if reponse.status_code not in (201, 202, 400):  # 400 : déjà démarré
            raise ErreurHub(f"démarrage de {nom} : {reponse.status_code} {reponse.text}")
        while time.monotonic() - debut < delai:
            serveur = self.utilisateur(nom).get("servers", {}).get("")
            if serveur and serveur.get("ready"):
                return time.monotonic() - debut
            if not serveur and time.monotonic() - debut > 5:
                raise ErreurHub(f"le serveur de {nom} s'est arrêté pendant son démarrage")
            time.sleep(0.5)
        raise ErreurHub(f"le serveur de {nom} n'est pas prêt après {delai} s")

    def arreter(self, nom: str, delai: float = 60) -> None:
        self.api("DELETE", f"users/{nom}/server")
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if not self.utilisateur(nom).get("servers"):
                return
            time.sleep(0.5)
        raise ErreurHub(f"le serveur de {nom} ne s'arrête pas")

    def serveur(self, nom: str) -> Serveur:
        return Serveur(self, nom)


class Serveur:
    """Le serveur Jupyter d'une personne, vu à travers le proxy du hub."""

    def __init__(self, hub: Hub, nom: str):
        self.hub, self.nom = hub, nom
        self.base = f"{hub.url}user/{nom}/"

    def requete(self, methode: str, chemin: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 120)
        return self.hub.session.request(methode, self.base + chemin.lstrip("/"), **kwargs)

    # --- fichiers
    def lire(self, chemin: str) -> dict:
        reponse = self.requete("GET", f"api/contents/{quote(chemin)}", params={"content": 1})
        reponse.raise_for_status()
        return reponse.json()["content"]

    def ecrire_carnet(self, chemin: str, carnet: dict) -> None:
        reponse = self.requete(
            "PUT",
            f"api/contents/{quote(chemin)}",
            json={"type": "notebook", "format": "json", "content": carnet},
        )
        reponse.raise_for_status()

    def lister(self, chemin: str = "") -> list[str]:
        reponse = self.requete("GET", f"api/contents/{quote(chemin)}")
        reponse.raise_for_status()
        return [e["name"] for e in reponse.json()["content"]]

    # --- noyaux
    def executer(
        self, codes: list[str], delai: float = 300, garder_noyau: bool = False
    ) -> list[dict]:
        """Lance un noyau, y exécute chaque code ; renvoie les résultats par code.

        Le noyau est arrêté à la fin, sauf avec ``garder_noyau`` (mesure de mémoire).
        """
        reponse = self.requete("POST", "api/kernels", json={"name": "python3"})
        reponse.raise_for_status()
        noyau = reponse.json()["id"]
        try:
            return asyncio.run(self._executer(noyau, codes, delai))
        finally:
            if not garder_noyau:
                self.requete("DELETE", f"api/kernels/{noyau}")

    async def _executer(self, noyau: str, codes: list[str], delai: float) -> list[dict]:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = self.base.replace("http", "ws", 1) + f"api/kernels/{noyau}/channels"
        # Le serveur ne répond à l'ouverture du canal qu'une fois le noyau prêt : sur une machine
        # chargée (plusieurs participants qui démarrent), cela dépasse les 20 s par défaut de tornado.
        requete = HTTPRequest(
            url,
            headers={"Authorization": f"token {self.hub.jeton}"},
            connect_timeout=60,
            request_timeout=180,
        )
        ws = await websocket_connect(requete)
        session = uuid.uuid4().hex
        resultats = []
        try:
            for code in codes:
                resultats.append(await asyncio.wait_for(_une_cellule(ws, session, code), delai))
        finally:
            ws.close()
        return resultats

    def executer_carnet(self, carnet: dict, delai: float = 300, garder_noyau: bool = False) -> dict:
        """Exécute les cellules de code du carnet dans l'ordre ; y range les sorties (comme Lab)."""
        cellules = [c for c in carnet["cells"] if c["cell_type"] == "code"]
        codes = [
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cellules
        ]
        resultats = self.executer(codes, delai, garder_noyau=garder_noyau)
        for compteur, (cellule, resultat) in enumerate(
            zip(cellules, resultats, strict=True), start=1
        ):
            cellule["outputs"] = resultat["sorties"]
            cellule["execution_count"] = compteur
        return carnet

    # --- devoirs nbgrader (l'extension « Devoirs » de JupyterLab)
    def devoirs(self, action: str, cours: str, devoir: str | None = None) -> list | dict:
        if action == "lister":
            reponse = self.requete("GET", "assignments", params={"course_id": cours})
        else:
            nom = {"recuperer": "fetch", "remettre": "submit", "retours": "fetch_feedback"}[action]
            reponse = self.requete(
                "POST", f"assignments/{nom}", json={"course_id": cours, "assignment_id": devoir}
            )
        reponse.raise_for_status()
        return reponse.json()


async def _une_cellule(ws, session: str, code: str) -> dict:
    msg_id = uuid.uuid4().hex
    await ws.write_message(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": "",
                    "session": session,
                    "msg_type": "execute_request",
                    "version": "5.3",
                    "date": "",
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "buffers": [],
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": False,
                },
            }
        )
    )
    sorties, statut, inactif = [], None, False
    while statut is None or not inactif:
        brut = await ws.read_message()
        if brut is None:
            raise ErreurHub("le noyau a fermé la connexion")
        msg = json.loads(brut)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        genre, contenu = msg["msg_type"], msg["content"]
        if msg["channel"] == "shell" and genre == "execute_reply":
            statut = contenu["status"]
        elif genre == "status" and contenu["execution_state"] == "idle":
            inactif = True
        elif genre == "stream":
            sorties.append(
                {"output_type": "stream", "name": contenu["name"], "text": contenu["text"]}
            )
        elif genre in ("execute_result", "display_data"):
            sortie = {
                "output_type": genre,
                "data": contenu["data"],
                "metadata": contenu.get("metadata", {}),
            }
            if genre == "execute_result":
                sortie["execution_count"] = contenu.get("execution_count")
            sorties.append(sortie)
        elif genre == "error":
            sorties.append(
                {
                    "output_type": "error",
                    "ename": contenu["ename"],
                    "evalue": contenu["evalue"],
                    "traceback": contenu["traceback"],
                }
            )
    texte = "".join(s.get("text", "") for s in sorties if s["output_type"] == "stream")
    return {
        "statut": statut,
        "sorties": sorties,
        "texte": texte,
        "erreur": next(
            (f"{s['ename']}: {s['evalue']}" for s in sorties if s["output_type"] == "error"), None
        ),
    }
