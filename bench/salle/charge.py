"""Salle chargée : 10, 20 puis 30 participants à la fois, réglages du kit contre JupyterHub par défaut.

À lancer en root (crée de vrais comptes, préfixés et supprimés à la fin, même en cas d'échec) :

    .venv/bin/python bench/salle/charge.py                 # paliers 10, 20, 30 ; leçon du module 2
    .venv/bin/python bench/salle/charge.py --paliers 5 --configs kit --sans-ecrire   # essai rapide

Un seul hub, installé comme la salle (``atelier.salle.installation``) ; ses participants « kit »
reçoivent les réglages du kit, ses participants « défaut » le serveur JupyterHub par défaut
(toutes les extensions installées, aucun réglage : voir memoire.py). À chaque palier, N
participants d'une configuration, en même temps : démarrent leur serveur, ouvrent la leçon
(écrite puis relue par l'API du serveur, comme JupyterLab), l'exécutent cellule par cellule dans
leur noyau par le websocket du serveur (atelier.salle.client), puis bougent le simulateur
(``regler``, la fonction de mise à jour, plusieurs fois). Latence d'une cellule : de l'envoi de
la requête au retour du noyau au repos, vue du client. Mémoire : serveur + noyau de chacun,
noyau encore ouvert. Puis leurs serveurs sont arrêtés avant le palier suivant. Les paliers
alternent les deux configurations (kit 10, défaut 10, kit 20…) pour qu'elles voient la même charge.

Résultats : bench/salle/charge.md et charge.json. La machine est partagée : la charge moyenne
est notée avant et après chaque palier.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psutil

ICI = Path(__file__).resolve().parent
RACINE = ICI.parents[1]
sys.path.insert(0, str(RACINE / "src"))
sys.path.insert(0, str(RACINE / "tests"))

from atelier.salle import client as client_du_hub  # noqa: E402
from atelier.salle import installation  # noqa: E402
from atelier.salle.liste import Personne  # noqa: E402
from atelier.salle.mesure import MO, memoire_du_compte  # noqa: E402

from conftest import ports_de_salle  # noqa: E402

SEUIL_P95_S = 5.0
LECON = RACINE / "notebooks" / "m2_centres_numeriques.ipynb"
# Le participant bouge le simulateur de couverture : la fonction de mise à jour (dessin compris)
# tourne dans son noyau à chaque réglage.
MOUVEMENTS = ["sim = simulateur_couverture('Kandi')"] + [
    f"sim.regler(rayon_km={r}, nombre_centres={c})" for r, c in ((5, 1), (12, 3), (20, 5), (8, 2))
]


@contextmanager
def cellules_chronometrees():
    """Pendant le bloc, chaque cellule exécutée par le client du hub rend aussi sa durée
    (``duree_s`` : de l'envoi au noyau revenu au repos)."""
    une_cellule = client_du_hub._une_cellule

    async def chronometree(ws, session, code):
        debut = time.monotonic()
        resultat = await une_cellule(ws, session, code)
        return resultat | {"duree_s": time.monotonic() - debut}

    client_du_hub._une_cellule = chronometree
    try:
        yield
    finally:
        client_du_hub._une_cellule = une_cellule


@contextmanager
def salle_de_test(participants: list[str], sans_reglages: list[str], sources_exercices: Path):
    """Un hub de salle avec de vrais comptes (préfixés) ; tout est retiré à la sortie."""
    base = Path(tempfile.mkdtemp(prefix="atelier-salle-charge-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    prefixe = f"c{secrets.token_hex(3)}-"
    personnes = [Personne(f"{prefixe}form", "Formateur fictif", "", "formateur")]
    personnes += [
        Personne(f"{prefixe}{nom}", f"Participant fictif {nom}", "", "participant")
        for nom in participants
    ]
    etat, processus, uids = None, None, []
    try:
        venv = installation.venv_partage(Path("/var/tmp/atelier-salle-venv"))
        etat, _ = installation.installer(
            personnes,
            base / "salle",
            base / "kit",
            venv,
            prefixe=prefixe,
            homes=base / "homes",
            sources_exercices=sources_exercices,
            ip="127.0.0.1",
            **ports_de_salle(),
            sans_reglages=[f"{prefixe}{nom}" for nom in sans_reglages],
        )
        uids = [pwd.getpwnam(p.identifiant).pw_uid for p in personnes]
        journal = base / "hub.log"
        processus = subprocess.Popen(
            installation.commande_hub(etat),
            env=installation.environnement_hub(etat),
            cwd=etat.hub,
            stdout=open(journal, "w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        hub = client_du_hub.Hub(etat.url, etat.jeton_service.read_text().strip())
        hub.attendre(processus, journal)
        yield hub, prefixe, processus, journal
    finally:
        # pour l'analyse d'une erreur
        if os.environ.get("ATELIER_GARDER_JOURNAL") and (base / "hub.log").exists():
            shutil.copy(base / "hub.log", os.environ["ATELIER_GARDER_JOURNAL"])
        if processus is not None:
            os.killpg(processus.pid, signal.SIGTERM)
            try:
                processus.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(processus.pid, signal.SIGKILL)
                processus.wait(timeout=10)
        if etat is not None:
            installation.retirer(etat)
        balayer(prefixe)
        for uid in uids:  # sockets des noyaux (deploy/config/commun/jupyter_server_config.py)
            dossier = Path(f"/tmp/atelier-noyaux-{uid}")
            if dossier.is_dir() and not dossier.is_symlink() and dossier.stat().st_uid == uid:
                shutil.rmtree(dossier, ignore_errors=True)
        shutil.rmtree(base, ignore_errors=True)


def balayer(prefixe: str) -> None:
    """Retire ce qui reste de ce lancement (installation interrompue, compte de service oublié) :
    comptes et groupes qui portent son préfixe, propre à ce lancement."""
    import grp

    from atelier.salle.comptes import supprimer_compte_service, supprimer_groupe

    restants = [c.pw_name for c in pwd.getpwall() if c.pw_name.startswith(prefixe)]
    for nom in restants:
        # arrête ses processus, puis userdel (dossiers : sous base/, retirés)
        supprimer_compte_service(nom)
    for groupe in [g.gr_name for g in grp.getgrall() if g.gr_name.startswith(prefixe)]:
        supprimer_groupe(groupe)
    if restants:
        print(
            f"comptes restés après le retrait de la salle, supprimés : {restants}", file=sys.stderr
        )


def parcours(hub, nom: str, carnet: dict, mouvements: list[str]) -> dict:
    """Un participant : démarre, ouvre la leçon, l'exécute, bouge le simulateur. Ne lève jamais :
    l'erreur est notée. Les cellules « raises-exception » (réponse encore à écrire) ont le droit d'échouer."""
    resultat = {"nom": nom, "demarrage_s": None, "latences_s": [], "erreur": None}
    try:
        resultat["demarrage_s"] = round(hub.demarrer(nom), 2)
        serveur = hub.serveur(nom)
        serveur.ecrire_carnet("lecon.ipynb", carnet)
        lue = serveur.lire("lecon.ipynb")
        cellules = [c for c in lue["cells"] if c["cell_type"] == "code"]
        codes = [
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cellules
        ]
        permises = [("raises-exception" in c["metadata"].get("tags", [])) for c in cellules]
        reponses = serveur.executer(codes + mouvements, garder_noyau=True)
        resultat["latences_s"] = [round(r["duree_s"], 3) for r in reponses]
        resultat["latences_simulateur_s"] = resultat["latences_s"][len(codes) + 1 :]
        erreurs = [
            r["erreur"]
            for r, permise in zip(reponses, permises + [False] * len(mouvements), strict=True)
            if r["erreur"] and not permise
        ]
        if erreurs:
            resultat["erreur"] = f"{len(erreurs)} cellule(s) en erreur, dont {erreurs[0][:200]}"
    except Exception as exc:  # délai, serveur arrêté, websocket fermé : noté, le banc continue
        resultat["erreur"] = f"{type(exc).__name__}: {str(exc)[:300]}"
    return resultat


def journal_de(journal: Path, noms: list[str], lignes: int = 40) -> list[str]:
    """Les dernières lignes du journal du hub (celui des serveurs aussi) qui nomment ces comptes,
    chemins de la machine retirés."""
    dossier = str(journal.parent)
    trouvees = [
        ligne.replace(dossier, "<salle>")
        for ligne in journal.read_text(errors="replace").splitlines()
        if any(nom in ligne for nom in noms)
    ]
    return trouvees[-lignes:]


PORT_DEJA_PRIS = (
    "noyau mort au démarrage : un de ses ports TCP déjà pris, puis redémarré cinq fois sur les "
    "mêmes ports (jupyter_client, voir charge.md)"
)


def cause_connue(journal: Path, nom: str) -> str | None:
    """La cause de l'erreur d'un participant, si c'est le défaut connu des ports des noyaux (charge.md) :
    son noyau est mort après des redémarrages qui butaient tous sur « Address already in use »."""
    texte = journal.read_text(errors="replace")
    noyaux = re.findall(
        rf"/user/{re.escape(nom)}/api/kernels/([0-9a-f-]{{36}})/channels.*Kernel does not exist",
        texte,
    )
    if "Address already in use" in texte and any(f"Kernel {n} died" in texte for n in noyaux):
        return PORT_DEJA_PRIS
    return None


def palier(hub, noms: list[str], carnet: dict, mouvements: list[str]) -> dict:
    """N participants en même temps ; mémoire mesurée noyaux ouverts ; puis leurs serveurs arrêtés."""
    charge_avant = os.getloadavg()
    debut = time.monotonic()
    with cellules_chronometrees(), concurrent.futures.ThreadPoolExecutor(len(noms)) as pool:
        parcours_ = list(
            pool.map(lambda n: parcours(hub, n, copy.deepcopy(carnet), mouvements), noms)
        )
    duree = time.monotonic() - debut
    charge_apres = os.getloadavg()
    time.sleep(5)  # laisser retomber l'activité avant de mesurer la mémoire
    memoires = [memoire_du_compte(n) for n in noms]
    for nom in noms:
        try:
            hub.arreter(nom, delai=120)
        except Exception as exc:  # noqa: BLE001 - noté, le palier suivant en dira plus
            print(f"arrêt de {nom} : {exc}", file=sys.stderr)
    latences = sorted(x for p in parcours_ for x in p["latences_s"])
    simulateur = sorted(x for p in parcours_ for x in p.get("latences_simulateur_s", []))
    demarrages = [p["demarrage_s"] for p in parcours_ if p["demarrage_s"] is not None]
    return {
        "participants": len(noms),
        "duree_s": round(duree, 1),
        "charge_avant": [round(x, 1) for x in charge_avant],
        "charge_apres": [round(x, 1) for x in charge_apres],
        "demarres": len(demarrages),
        "erreurs": [p["erreur"] for p in parcours_ if p["erreur"]],
        "demarrage_median_s": round(statistics.median(demarrages), 1) if demarrages else None,
        "demarrage_max_s": max(demarrages, default=None),
        "cellules": len(latences),
        "latence_p50_s": round(centile(latences, 50), 2) if latences else None,
        "latence_p95_s": round(centile(latences, 95), 2) if latences else None,
        "latence_max_s": round(latences[-1], 2) if latences else None,
        "simulateur_p50_s": round(centile(simulateur, 50), 2) if simulateur else None,
        "simulateur_p95_s": round(centile(simulateur, 95), 2) if simulateur else None,
        "memoire_mo": {
            cle: round(statistics.median(m[cle] for m in memoires), 1)
            for cle in ("rss", "uss", "pss")
        },
        "noyaux_ouverts": sum(m["noyaux"] for m in memoires),
        "parcours": parcours_,
    }


def centile(valeurs: list[float], p: float) -> float:
    """Centile par rang le plus proche (valeurs triées)."""
    return valeurs[max(0, min(len(valeurs) - 1, round(p / 100 * len(valeurs) + 0.5) - 1))]


def mesurer(paliers: list[int], configs: list[str], lecon: Path, mouvements: list[str]) -> dict:
    carnet = json.loads(lecon.read_text(encoding="utf-8"))
    n = max(paliers)
    noms = {c: [f"{c[:3]}{i:02d}" for i in range(n)] for c in configs}
    resultats = {"lecon": str(lecon.relative_to(RACINE)), "mouvements": mouvements, "paliers": []}
    with salle_de_test(
        [x for c in configs for x in noms[c]],
        noms.get("defaut", []),
        RACINE / "exercises" / "source",
    ) as (hub, prefixe, processus, journal):
        for taille in paliers:
            for config in configs:
                mesure = palier(
                    hub, [prefixe + x for x in noms[config][:taille]], carnet, mouvements
                )
                en_erreur = [p["nom"] for p in mesure["parcours"] if p["erreur"]]
                if en_erreur:
                    mesure["journal_des_erreurs"] = journal_de(journal, en_erreur)
                    mesure["causes"] = {nom: cause_connue(journal, nom) for nom in en_erreur}
                mesure["config"] = config
                resultats["paliers"].append(mesure)
                print(
                    f"{config:7s} {taille:3d} : {json.dumps({k: v for k, v in mesure.items() if k != 'parcours'})}",
                    flush=True,
                )
        hub_processus = psutil.Process(processus.pid)
        resultats["fixe_rss_mo"] = {"hub": round(hub_processus.memory_info().rss / MO)}
        for p in hub_processus.children():
            if "configurable-http-proxy" in " ".join(p.cmdline()):
                resultats["fixe_rss_mo"]["proxy (CHP)"] = round(p.memory_info().rss / MO)
    return resultats


def premier_palier_au_dela(resultats: dict, config: str) -> int | None:
    return next(
        (
            p["participants"]
            for p in resultats["paliers"]
            if p["config"] == config and (p["latence_p95_s"] or 0) > SEUIL_P95_S
        ),
        None,
    )


NOMS = {"kit": "réglages du kit", "defaut": "JupyterHub par défaut"}


def ecrire(resultats: dict) -> None:
    lignes = [
        "# Salle chargée : participants en même temps sur cette machine",
        "",
        f"Mesuré le {resultats['date']} UTC par `bench/salle/charge.py` "
        f"({os.cpu_count()} cœurs, {psutil.virtual_memory().total / 2**30:.0f} Go ; **machine partagée avec d'autres "
        "sessions** : la charge moyenne sur une minute est notée avant et après chaque palier, les latences "
        "en dépendent). Leçon : `"
        + resultats["lecon"]
        + "`, exécutée cellule par cellule par chaque participant "
        f"dans son noyau, puis le simulateur bougé {len(resultats['mouvements']) - 1} fois (`sim.regler(...)`). "
        "Latence d'une cellule : de l'envoi au noyau revenu au repos, vue du client (p50, p95 sur toutes les "
        "cellules de tous les participants du palier). Mémoire : médiane par participant (serveur + noyau, "
        "noyau ouvert), en Mo.",
        "",
        "| configuration | participants | démarrés | erreurs | démarrage médian / max (s) | latence p50 / p95 / max (s) "
        "| simulateur p50 / p95 (s) | USS / PSS par participant (Mo) | charge avant → après | durée du palier (s) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for p in resultats["paliers"]:
        lignes.append(
            f"| {NOMS[p['config']]} | {p['participants']} | {p['demarres']} | {len(p['erreurs'])} | "
            f"{p['demarrage_median_s']} / {p['demarrage_max_s']} | {p['latence_p50_s']} / {p['latence_p95_s']} / "
            f"{p['latence_max_s']} | {p['simulateur_p50_s']} / {p['simulateur_p95_s']} | "
            f"{p['memoire_mo']['uss']:.0f} / {p['memoire_mo']['pss']:.0f} | "
            f"{p['charge_avant'][0]} → {p['charge_apres'][0]} | {p['duree_s']} |"
        )
    lignes += ["", f"p95 de la latence au-delà de {SEUIL_P95_S:.0f} s à partir de :"]
    for config in dict.fromkeys(p["config"] for p in resultats["paliers"]):
        seuil = premier_palier_au_dela(resultats, config)
        lignes.append(
            f"- {NOMS[config]} : "
            + (
                f"{seuil} participants"
                if seuil
                else f"jamais jusqu'à {max(resultats['paliers_demandes'])} participants"
            )
        )
    lignes += [
        "",
        "Coût fixe (RSS, Mo) : "
        + ", ".join(f"{k} {v}" for k, v in resultats["fixe_rss_mo"].items())
        + ".",
    ]
    erreurs = [e for p in resultats["paliers"] for e in p["erreurs"]]
    if erreurs:
        lignes += ["", "Erreurs :", *[f"- {e}" for e in erreurs[:20]]]
    lignes += [
        "",
        "Détail par participant (démarrage, latence de chaque cellule) : `charge.json`.",
        "",
    ]
    (ICI / "charge.md").write_text("\n".join(lignes), encoding="utf-8")
    (ICI / "charge.json").write_text(
        json.dumps(resultats, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    print("\n".join(lignes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--paliers", default="10,20,30", help="nombres de participants en même temps"
    )
    parser.add_argument("--configs", default="kit,defaut")
    parser.add_argument(
        "--sans-ecrire", action="store_true", help="afficher sans écrire charge.md et charge.json"
    )
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("À lancer en root : la mesure crée de vrais comptes.")
    # les comptes sont retirés en sortant
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("arrêté (SIGTERM)"))
    paliers = [int(x) for x in args.paliers.split(",")]
    debut = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    resultats = {"date": debut, "paliers_demandes": paliers} | mesurer(
        paliers, args.configs.split(","), LECON, MOUVEMENTS
    )
    if args.sans_ecrire:
        print(
            json.dumps({k: v for k, v in resultats.items() if k != "paliers"}, ensure_ascii=False)
        )
        for p in resultats["paliers"]:
            print({k: v for k, v in p.items() if k != "parcours"})
    else:
        ecrire(resultats)


if __name__ == "__main__":
    main()
