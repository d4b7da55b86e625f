"""« Exécuter toutes les cellules » des leçons dans un vrai JupyterLab, par Chromium (issue 17).

Pour chaque exécution : une page neuve ouvre une leçon (notebooks/m*.ipynb, à tour de rôle)
dans le JupyterLab du kit (réglages de config/jupyter, noyau « python3 » du kit), attend que le
noyau soit relié et au repos, puis clique Exécution › « Exécuter toutes les cellules », comme un
participant. L'état se lit dans le MODÈLE du carnet (``window.jupyterapp``, exposé par
``--LabApp.expose_app_in_browser``), jamais dans le texte de la page, que JupyterLab 4 vide hors
de l'écran. JupyterLab note le minutage de chaque cellule (réglage ``recordTiming``) et la page
note l'instant où chaque compteur d'exécution arrive ; par cellule :

- ``latence`` : de l'arrivée du compteur de la cellule précédente (ou du clic) à celui-ci, ce
  que voit le participant ; c'est elle qu'on compare à 10 × sa médiane sur toutes les exécutions ;
- ``attente`` : noyau au repos alors que la requête de la cellule était envoyée (début de la
  cellule moins fin de la précédente, horloge du noyau) : une requête non lue (cause côté noyau) ;
- ``remise`` : de la réponse du noyau (``shell.execute_reply``) à son arrivée dans la page :
  une réponse restée en route (serveur, websocket).

Une exécution qui n'a pas fini après ``--delai`` secondes est un blocage, avec ce qu'on sait des
cellules restées sans compteur. Un clic qui ne lance rien dans les 20 s est compté et refait.

    .venv/bin/python bench/blocages/lab_tout_executer.py --executions 30
    .venv/bin/python bench/blocages/lab_tout_executer.py --executions 1 --lecons m0 --sans-historique

Une ligne JSON par passage dans bench/blocages/historique.jsonl (``"banc": "jupyterlab"``) ;
résumé : RESULTATS.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

ICI = Path(__file__).resolve().parent
RACINE = ICI.parents[1]
sys.path.insert(0, str(ICI))
sys.path.insert(0, str(RACINE / "tests"))
sys.path.insert(0, str(RACINE / "src"))
from soak import enregistrer, lentes  # noqa: E402
from test_navigateur import ARGUMENTS_CHROMIUM, CHROMIUM  # noqa: E402

from atelier.lanceur import environnement  # noqa: E402

from conftest import port_libre  # noqa: E402

LECONS = sorted(RACINE.glob("notebooks/m*.ipynb"))
JETON = "jeton-banc-lab"

# Dans la page : l'état des cellules de code du carnet ouvert, lu dans son modèle.
ETAT_DU_CARNET = """() => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model || !panel.sessionContext) return null;
  const noyau = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cellules = [];
  const modele = panel.content.model;
  for (let i = 0; i < modele.cells.length; i++) {
    const c = modele.cells.get(i);
    if (c.type !== 'code') continue;
    const erreurs = [];
    for (let j = 0; j < c.outputs.length; j++) {
      const o = c.outputs.get(j);
      if (o.type === 'error') erreurs.push(String(o.toJSON().ename) + ': ' + String(o.toJSON().evalue));
    }
    cellules.push({compteur: c.executionCount, minutage: c.getMetadata('execution') || {},
                   tags: c.getMetadata('tags') || [], erreurs: erreurs,
                   arrivee: (window.__banc && window.__banc[i]) || null, index: i});
  }
  return {chemin: panel.context.path, noyau: noyau ? {etat: noyau.status, lien: noyau.connectionStatus} : null,
          pret: panel.sessionContext.isReady, cellules: cellules};
}"""

# Dans la page : l'instant (horloge de la machine) où chaque compteur d'exécution arrive.
GUETTER_LES_COMPTEURS = """() => {
  window.__banc = {};
  const modele = window.jupyterapp.shell.currentWidget.content.model;
  window.__guet = setInterval(() => {
    for (let i = 0; i < modele.cells.length; i++) {
      const c = modele.cells.get(i);
      if (c.type === 'code' && c.executionCount !== null && !(i in window.__banc)) window.__banc[i] = Date.now() / 1000;
    }
  }, 50);
}"""


def _secondes(horodatage: str | None) -> float | None:
    return (
        datetime.fromisoformat(horodatage.replace("Z", "+00:00")).timestamp()
        if horodatage
        else None
    )


def minutage(cellules: list[dict], clic: float) -> dict[str, dict[str, float]]:
    """Latence, attente et remise de chaque cellule finie (clés : position parmi les cellules de code)."""
    par_cellule, avant_arrivee, avant_reponse = {}, clic, None
    for k, c in enumerate(cellules):
        m = c["minutage"]
        debut, reponse = (
            _secondes(m.get("iopub.status.busy")),
            _secondes(m.get("shell.execute_reply")),
        )
        if c["arrivee"] is None or debut is None or reponse is None:
            break
        par_cellule[str(k)] = {
            "latence": round(c["arrivee"] - avant_arrivee, 3),
            "attente": round(max(0.0, debut - avant_reponse), 3) if avant_reponse else 0.0,
            "remise": round(c["arrivee"] - reponse, 3),
            "calcul": round(reponse - debut, 3),
        }
        avant_arrivee, avant_reponse = max(avant_arrivee, c["arrivee"]), reponse
    return par_cellule


class Lab:
    """Un JupyterLab du kit sur une copie des leçons, avec minutage des cellules et application exposée."""

    def __init__(self):
        self.dossier = Path(tempfile.mkdtemp(prefix="atelier-banc-lab-"))
        shutil.copytree(RACINE / "notebooks", self.dossier / "copie" / "notebooks")
        reglages = self.dossier / "reglages"
        (reglages / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
        (
            reglages / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
        ).write_text(json.dumps({"recordTiming": True}), encoding="utf-8")
        env = environnement(RACINE) | {
            "HOME": str(self.dossier),
            "JUPYTERLAB_SETTINGS_DIR": str(reglages),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.dossier / "espaces"),
            "ATELIER_PLAN": str(self.dossier / "mon_plan.json"),
        }
        port = port_libre()
        self.url = f"http://127.0.0.1:{port}"
        self.journal = self.dossier / "lab.log"
        self.processus = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--allow-root",
                f"--port={port}",
                "--ServerApp.ip=127.0.0.1",
                f"--IdentityProvider.token={JETON}",
                "--LabApp.expose_app_in_browser=True",
                f"--ServerApp.root_dir={self.dossier / 'copie'}",
            ],
            env=env,
            cwd=self.dossier,
            stdout=open(self.journal, "wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        fin = time.monotonic() + 180
        while not self.api("GET", "api/status"):
            if time.monotonic() > fin or self.processus.poll() is not None:
                self.arreter()
                raise RuntimeError(
                    f"JupyterLab ne répond pas :\n{self.journal.read_text(errors='replace')[-3000:]}"
                )
            time.sleep(1)

    def api(self, methode: str, chemin: str):
        requete = urllib.request.Request(
            f"{self.url}/{chemin}", method=methode, headers={"Authorization": f"token {JETON}"}
        )
        try:
            with urllib.request.urlopen(requete, timeout=30) as reponse:
                corps = reponse.read()
                return json.loads(corps) if corps else True
        except OSError:
            return None

    def fermer_les_noyaux(self) -> None:
        for session in self.api("GET", "api/sessions") or []:
            self.api("DELETE", f"api/sessions/{session['id']}")

    def arreter(self) -> None:
        os.killpg(self.processus.pid, signal.SIGTERM)
        try:
            self.processus.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.processus.pid, signal.SIGKILL)
        shutil.rmtree(self.dossier, ignore_errors=True)


def attendre(page, condition, delai: float, pas: float = 0.25):
    """Relit l'état du carnet jusqu'à ce que ``condition(etat)`` soit vraie ; renvoie l'état (ou None)."""
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        etat = page.evaluate(ETAT_DU_CARNET)
        if etat and condition(etat):
            return etat
        time.sleep(pas)
    return None


def tout_executer(navigateur, lab: Lab, lecon: Path, delai: float, numero: int) -> dict:
    """Une leçon ouverte, « Exécuter toutes les cellules », attendue jusqu'au dernier compteur.

    Chaque exécution a son propre espace de travail JupyterLab (``numero``) : sans cela, JupyterLab
    rouvrirait toutes les leçons des pages précédentes, chacune avec son noyau."""
    page = navigateur.new_page(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    resultat = {
        "config": "lab",
        "carnet": str(lecon.relative_to(RACINE)),
        "clics_sans_effet": 0,
        "erreur": None,
        "cellules": {},
        "detail": {},
    }
    debut = time.monotonic()
    try:
        page.goto(
            f"{lab.url}/lab/workspaces/banc{numero}/tree/notebooks/{lecon.name}?token={JETON}",
            timeout=180_000,
        )
        pret = attendre(
            page,
            lambda e: (
                e["chemin"] == f"notebooks/{lecon.name}"
                and e["pret"]
                and e["noyau"]
                and e["noyau"]["lien"] == "connected"
                and e["noyau"]["etat"] == "idle"
            ),
            180,
        )
        if pret is None:
            raise TimeoutError("le noyau de la leçon n'est pas prêt après 180 s")
        resultat["ouverture_s"] = round(time.monotonic() - debut, 1)
        page.evaluate(GUETTER_LES_COMPTEURS)
        for _ in range(3):
            clic = time.time()
            page.locator(".lm-MenuBar-itemLabel", has_text="Exécution").click()
            page.locator(
                ".lm-Menu-itemLabel", has_text="Exécuter toutes les cellules"
            ).first.click()
            if attendre(
                page, lambda e: any(c["minutage"] or c["arrivee"] for c in e["cellules"]), 20
            ):
                break
            resultat["clics_sans_effet"] += 1
            page.keyboard.press("Escape")

        def fini(e):
            return all(c["compteur"] is not None and c["arrivee"] for c in e["cellules"])

        def arret_sur_erreur(e):
            return e["noyau"]["etat"] == "idle" and any(
                c["erreurs"] and "raises-exception" not in c["tags"] for c in e["cellules"]
            )

        etat = attendre(page, lambda e: fini(e) or arret_sur_erreur(e), delai, pas=0.5)
        if etat is None:
            etat = page.evaluate(ETAT_DU_CARNET)
            restees = [c["index"] for c in etat["cellules"] if c["compteur"] is None]
            resultat["erreur"] = (
                f"blocage : {len(restees)} cellules sans compteur après {delai:.0f} s "
                f"(première : cellule {restees[0] if restees else '?'}, noyau {etat['noyau']})"
            )
            resultat["restees"] = [c for c in etat["cellules"] if c["compteur"] is None][:3]
        elif not fini(etat):
            resultat["erreur"] = (
                "arrêt sur erreur : "
                + "; ".join(
                    e
                    for c in etat["cellules"]
                    if "raises-exception" not in c["tags"]
                    for e in c["erreurs"]
                )[:300]
            )
        detail = minutage(etat["cellules"], clic)
        resultat["detail"] = detail
        resultat["cellules"] = {k: v["latence"] for k, v in detail.items()}
        resultat["duree_s"] = round(max((c["arrivee"] or clic) for c in etat["cellules"]) - clic, 2)
    except Exception as exc:  # page, clic, délai : le banc continue et le note
        resultat["erreur"] = resultat["erreur"] or f"{type(exc).__name__}: {str(exc)[:300]}"
    finally:
        page.close()
        lab.fermer_les_noyaux()
    return resultat


def passer(args) -> dict:
    from playwright.sync_api import sync_playwright

    lecons = [
        lecon
        for lecon in LECONS
        if not args.lecons or any(m in lecon.name for m in args.lecons.split(","))
    ]
    charge_debut, debut = os.getloadavg(), time.monotonic()
    resultats = []
    lab = Lab()
    try:
        with sync_playwright() as p:
            navigateur = p.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=ARGUMENTS_CHROMIUM
            )
            for lecon in itertools.islice(itertools.cycle(lecons), args.executions):
                if time.monotonic() - debut > args.duree_max:
                    break
                r = tout_executer(navigateur, lab, lecon, args.delai, len(resultats))
                resultats.append(r)
                pire = max(r["detail"].items(), key=lambda kv: kv[1]["latence"], default=(None, {}))
                print(
                    f"{len(resultats):3d} {r['carnet']:40s} {r.get('duree_s', 0):6.1f} s  cellules {len(r['cellules']):3d}"
                    f"  pire {pire[0]}: {pire[1]}  clics sans effet {r['clics_sans_effet']}"
                    f"{'  ERREUR ' + r['erreur'] if r['erreur'] else ''}",
                    flush=True,
                )
            navigateur.close()
    finally:
        lab.arreter()
    details = [v for r in resultats for v in r["detail"].values()]
    lents = lentes(resultats, 10, 0)
    lents_plancher = lentes(resultats, 10, args.plancher)
    return {
        "banc": "jupyterlab",
        "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "executions": len(resultats),
        "duree_s": round(time.monotonic() - debut),
        "delai_execution_s": args.delai,
        "charge_debut": [round(x, 1) for x in charge_debut],
        "charge_fin": [round(x, 1) for x in os.getloadavg()],
        "finies": sum(1 for r in resultats if not r["erreur"]),
        "erreurs": [(r["carnet"], r["erreur"]) for r in resultats if r["erreur"]],
        "cellules": len(details),
        "plus_de_10x_mediane": len(lents),
        f"plus_de_10x_mediane_et_{args.plancher}s": len(lents_plancher),
        "cellules_lentes_plancher": lents_plancher,
        "latence_max_s": max((d["latence"] for d in details), default=None),
        "attente_max_s": max((d["attente"] for d in details), default=None),
        "remise_max_s": max((d["remise"] for d in details), default=None),
        "remise_mediane_s": statistics.median(d["remise"] for d in details) if details else None,
        "clics_sans_effet": sum(r["clics_sans_effet"] for r in resultats),
        "duree_mediane_lecon_s": statistics.median(
            r["duree_s"] for r in resultats if "duree_s" in r
        )
        if resultats
        else None,
        "versions": {
            p: version(p)
            for p in ("jupyterlab", "jupyter_server", "ipykernel", "pyzmq", "tornado", "playwright")
        },
        "par_execution": [
            {
                k: r.get(k)
                for k in (
                    "carnet",
                    "duree_s",
                    "ouverture_s",
                    "clics_sans_effet",
                    "erreur",
                    "cellules",
                )
            }
            for r in resultats
        ],
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--executions", type=int, default=30)
    p.add_argument(
        "--lecons",
        default="",
        help="seulement les leçons dont le nom contient l'un de ces mots (a,b)",
    )
    p.add_argument("--delai", type=float, default=600, help="délai d'une exécution complète (s)")
    p.add_argument(
        "--plancher",
        type=float,
        default=2.0,
        help="une cellule lente doit aussi dépasser ce temps (s)",
    )
    p.add_argument("--duree-max", type=float, default=5400)
    p.add_argument("--sortie", type=Path, help="écrire aussi le résumé JSON dans ce fichier")
    p.add_argument("--sans-historique", action="store_true")
    args = p.parse_args()
    # pour arrêter JupyterLab en sortant
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("arrêté (SIGTERM)"))
    resultat = passer(args)
    print(
        json.dumps(
            {k: v for k, v in resultat.items() if k != "par_execution"},
            ensure_ascii=False,
            indent=1,
        )
    )
    enregistrer(resultat, args)


if __name__ == "__main__":
    main()
