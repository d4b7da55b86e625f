"""Banc d'essai : combien de temps un simulateur met-il à répondre ?

Pour chaque module des vues (et la fiche commune), un vrai noyau IPython est
démarré (jupyter_client), avec le backend « inline » comme dans JupyterLab ; le
code de ``dans_le_noyau.py`` y construit chaque simulateur, déplace chaque
contrôle sur sa plage et chronomètre dans le noyau (time.perf_counter). À côté,
le plancher : les mêmes figures (nombre, tailles) réduites à une simple courbe.

    .venv/bin/python bench/simulateurs/bench_simulateurs.py [--menus 12] [--lecons] [--note "texte"]

``--source DOSSIER`` : mesurer une autre copie du kit (par exemple le code d'avant
un changement : ``git worktree add /tmp/avant <commit>``), dont ``src`` passe devant
le kit installé dans le noyau.

``--menus N`` : N communes seulement par menu (toutes par défaut) ;
``--lecons`` : chronomètre aussi l'exécution de chaque leçon (nbclient) ;
``--essai`` : ne pas écrire dans l'historique ;
``--comparer-lecons DOSSIER`` : les leçons de DOSSIER, exécutées tour à tour avec son
code et celui de ce dépôt (mêmes carnets).
Résultats : historique.jsonl (tous les runs, avec la charge de la machine et les
versions) ; RESULTATS.md est écrit à la main à partir de ``--tableau``, qui
imprime le tableau Markdown du dernier run (``--tableau 3`` : le 3ᵉ run ;
``--tableau 3 --avant 2`` : chaque chiffre « avant → après »).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ICI = Path(__file__).resolve().parent
RACINE = ICI.parents[1]
HISTORIQUE = ICI / "historique.jsonl"

SIMULATEURS = {
    "atelier.modules.m0_prise_en_main.vues": [
        ("fiche_interactive", {"commune": "Kandi"}),
        ("projection_interactive", {"commune": "Kandi"}),
        ("classement_interactif", {}),
    ],
    "atelier.modules.m1_planification.vues": [
        ("grille_interactive", {"commune": "Kandi"}),
        ("baisse_fadec_interactive", {"commune": "Djougou"}),
        ("jalons_interactive", {"commune": "Kandi"}),
    ],
    "atelier.modules.m2_centres_numeriques.vues": [
        ("simulateur_couverture", {"commune": "Djougou"}),
        ("simulateur_marge", {"commune": "Lokossa"}),
    ],
    "atelier.modules.m3_dematerialisation.vues": [
        ("simulateur_tableau_de_bord", {"commune": "Porto-Novo"}),
        ("simulateur_van", {"commune": "Lokossa"}),
        ("simulateur_file", {"commune": "Djidja"}),
    ],
    "atelier.modules.m4_entreprises_relais.vues": [
        ("explorer_secteurs", {"commune": "Cotonou"}),
        ("simulateur_rentabilite", {"commune": "Parakou"}),
        ("simulateur_relais", {"commune": "Banikoara"}),
    ],
    "atelier.modules.m5_formation.vues": [
        ("simulateur_profil", {"commune": "Kandi"}),
        ("simulateur_competences", {}),
        ("simulateur_plan", {"commune": "Kandi"}),
        ("simulateur_evaluation", {}),
    ],
    "atelier.fiche_commune.vues": [
        ("fiche_commune_interactive", {"commune": "Kandi"}),
    ],
}
PAQUETS = [
    "matplotlib",
    "matplotlib-inline",
    "ipykernel",
    "ipywidgets",
    "pandas",
    "numpy",
    "jupyter_client",
]


def executer(client, code: str, delai: float = 900) -> None:
    """Exécute ``code`` dans le noyau ; s'arrête sur une erreur en la montrant."""
    erreurs = []

    def lire(message):
        if message["msg_type"] == "error":
            erreurs.append("\n".join(message["content"]["traceback"]))
        elif message["msg_type"] == "stream" and message["content"]["name"] == "stderr":
            sys.stderr.write(message["content"]["text"])

    reponse = client.execute_interactive(code, timeout=delai, output_hook=lire)
    if reponse["content"]["status"] != "ok" or erreurs:
        raise SystemExit("Erreur dans le noyau :\n" + "\n".join(erreurs))


def mesurer_module(module: str, simulateurs: list, menus: int | None, source: Path) -> dict:
    from jupyter_client.manager import start_new_kernel

    with tempfile.TemporaryDirectory(prefix="bench-simulateurs-") as dossier:
        sortie = Path(dossier) / "resultat.json"
        gestionnaire, client = start_new_kernel(
            kernel_name="python3", cwd=str(source / "notebooks")
        )
        try:
            executer(client, "%matplotlib inline")
            executer(client, (ICI / "dans_le_noyau.py").read_text(encoding="utf-8"))
            executer(
                client,
                "import json, pathlib\n"
                f"_r = mesurer_module({module!r}, {simulateurs!r}, echantillon_menu={menus!r})\n"
                f"pathlib.Path({str(sortie)!r}).write_text(json.dumps(_r))\n",
            )
            return json.loads(sortie.read_text(encoding="utf-8"))
        finally:
            client.stop_channels()
            gestionnaire.shutdown_kernel(now=True)


def executer_lecon(carnet: Path) -> float | None:
    """Durée d'exécution d'une leçon (nbclient, client du kit qui ne manque pas une réponse)."""
    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from traitlets import Type

    from atelier.client_noyau import ClientVigilant

    class Gestionnaire(AsyncKernelManager):
        client_factory = Type(ClientVigilant, klass="jupyter_client.asynchronous.AsyncKernelClient")

    nb = nbformat.read(carnet, as_version=4)
    debut = time.perf_counter()
    try:
        NotebookClient(
            nb,
            timeout=120,
            allow_errors=True,
            kernel_name="python3",
            kernel_manager_class=Gestionnaire,
            resources={"metadata": {"path": str(carnet.parent)}},
        ).execute()
    except Exception as erreur:  # noqa: BLE001 — une leçon bloquée ne doit pas faire perdre les mesures
        print(f"{carnet.stem} : {type(erreur).__name__}", file=sys.stderr)
        return None
    return round(time.perf_counter() - debut, 2)


def mesurer_lecons(source: Path) -> dict:
    return {
        carnet.stem: executer_lecon(carnet)
        for carnet in sorted((source / "notebooks").glob("m*.ipynb"))
    }


def comparer_lecons(avant: Path) -> dict:
    """Les leçons de ``avant``, exécutées tour à tour avec le code de ``avant`` et celui de ce dépôt
    (mêmes carnets, l'un après l'autre, l'ordre alternant : la charge pèse pareil sur les deux)."""
    chemin = os.environ.get("PYTHONPATH")
    durees = {}
    codes = [("avant", avant / "src"), ("apres", RACINE / "src")]
    for rang, carnet in enumerate(sorted((avant / "notebooks").glob("m*.ipynb"))):
        # l'ordre alterne d'une leçon à l'autre
        for code, src in codes if rang % 2 == 0 else codes[::-1]:
            os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), chemin]))
            durees.setdefault(carnet.stem, {})[code] = executer_lecon(carnet)
    if chemin is None:
        del os.environ["PYTHONPATH"]
    else:
        os.environ["PYTHONPATH"] = chemin
    return durees


def _ms(x: float) -> str:
    return f"{x:.0f} ms"


def _fois(x: float) -> str:
    return f"{x:.1f}".replace(".", ",") + "×"


def court(module: str) -> str:
    """Le nom court d'un module de vues : « atelier.modules.m2_….vues » (ou « atelier.vues.m2_… », son
    nom dans les runs d'avant le dossier par module) → « m2_… » ; « atelier.fiche_commune.vues » → « fiche_commune »."""
    return next(p for p in reversed(module.split(".")) if p not in ("atelier", "modules", "vues"))


def _avant(avant: dict | None, module: str, nom: str) -> dict | None:
    modules = {court(m): mesures for m, mesures in (avant or {}).get("modules", {}).items()}
    return modules.get(court(module), {}).get("simulateurs", {}).get(nom)


def tableau(run: dict, avant: dict | None = None) -> str:
    """Le tableau Markdown d'un run ; avec ``avant``, chaque chiffre « avant → après »."""
    lignes = [
        "| simulateur | construction | mises à jour | médiane | p95 | plancher (médiane) | rapport au plancher |",
        "|---|---|---|---|---|---|---|",
    ]
    for module, mesures in run["modules"].items():
        for nom, m in mesures["simulateurs"].items():
            a = _avant(avant, module, nom)

            def deux(cle, sous=None, m=m, a=a):
                apres = m[cle] if sous is None else m[cle][sous]
                if a is None:
                    return _ms(apres)
                return f"{_ms(a[cle] if sous is None else a[cle][sous])} → **{_ms(apres)}**"

            def rapport(mesure):
                sol = mesure["plancher"]["mediane_ms"]
                return _fois(mesure["mises_a_jour"]["mediane_ms"] / sol) if sol else "—"

            lignes.append(
                f"| `{court(module)}.{nom}` | {deux('construction_ms')} | {m['mises_a_jour']['n']} | "
                f"{deux('mises_a_jour', 'mediane_ms')} | {deux('mises_a_jour', 'p95_ms')} | "
                f"{deux('plancher', 'mediane_ms')} | "
                + (f"{rapport(a)} → **{rapport(m)}** |" if a else f"{rapport(m)} |")
            )
    return "\n".join(lignes)


def tableau_cpu(run: dict, avant: dict | None = None) -> str:
    """Le même tableau en temps de calcul du noyau (time.process_time), moins sensible à la charge."""
    lignes = [
        "| simulateur | construction (CPU) | médiane (CPU) | p95 (CPU) | plancher (CPU) | rapport au plancher (CPU) |",
        "|---|---|---|---|---|---|",
    ]
    for module, mesures in run["modules"].items():
        for nom, m in mesures["simulateurs"].items():
            a = _avant(avant, module, nom)
            if "construction_cpu_ms" not in m or (
                avant and (a is None or "construction_cpu_ms" not in a)
            ):
                continue

            def chiffres(x):
                maj, sol = x["mises_a_jour"], x["plancher"]
                return (
                    x["construction_cpu_ms"],
                    maj["cpu_mediane_ms"],
                    maj["cpu_p95_ms"],
                    sol["cpu_mediane_ms"],
                    maj["cpu_mediane_ms"] / sol["cpu_mediane_ms"]
                    if sol["cpu_mediane_ms"]
                    else float("nan"),
                )

            apres = chiffres(m)
            textes = [_ms(x) for x in apres[:4]] + [_fois(apres[4])]
            if a:
                textes = [
                    f"{t0} → **{t1}**"
                    for t0, t1 in zip(
                        [_ms(x) for x in chiffres(a)[:4]] + [_fois(chiffres(a)[4])],
                        textes,
                        strict=True,
                    )
                ]
            lignes.append(f"| `{court(module)}.{nom}` | " + " | ".join(textes) + " |")
    return "\n".join(lignes)


def _lecons(durees: dict) -> str:
    return " · ".join(
        f"{k} {'bloquée' if v is None else f'{v:.1f} s'.replace('.', ',')}"
        for k, v in durees.items()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--menus", type=int, default=None, help="nombre d'options parcourues par menu"
    )
    parser.add_argument("--lecons", action="store_true", help="chronométrer aussi les leçons")
    parser.add_argument(
        "--modules", nargs="*", help="seulement ces modules (ex. m2_centres_numeriques)"
    )
    parser.add_argument(
        "--source", type=Path, default=RACINE, help="une autre copie du kit à mesurer"
    )
    parser.add_argument("--note", default="", help="ce qui distingue ce run (avant / après…)")
    parser.add_argument(
        "--comparer-lecons",
        type=Path,
        metavar="AVANT",
        help="leçons de AVANT exécutées tour à tour avec son code et celui-ci",
    )
    parser.add_argument("--essai", action="store_true", help="ne pas écrire dans l'historique")
    parser.add_argument(
        "--tableau", type=int, nargs="?", const=-1, help="imprimer le tableau d'un run"
    )
    parser.add_argument(
        "--avant", type=int, help="avec --tableau : le run « avant » (numéro de ligne, 1 = premier)"
    )
    args = parser.parse_args()

    if args.tableau is not None:
        runs = [
            json.loads(ligne)
            for ligne in HISTORIQUE.read_text(encoding="utf-8").splitlines()
            if ligne
        ]
        runs = [
            r for r in runs if "modules" in r
        ]  # les runs des simulateurs (pas les comparaisons de leçons)
        run = runs[args.tableau if args.tableau < 0 else args.tableau - 1]
        avant = runs[args.avant - 1] if args.avant else None
        for r in ([avant] if avant else []) + [run]:
            print(
                f"Run du {r['date']} ({r['note']}), charge {r['machine']['charge_avant']} → "
                f"{r['machine']['charge_apres']}"
            )
        print()
        print(tableau(run, avant))
        cpu = tableau_cpu(run, avant)
        if cpu.count("\n") > 1:
            print("\nTemps de calcul du noyau :\n\n" + cpu)
        if run.get("lecons_s"):
            print("\n" + _lecons(run["lecons_s"]))
        return

    if args.comparer_lecons:
        charge_avant = [round(x, 2) for x in os.getloadavg()]
        durees = comparer_lecons(args.comparer_lecons.resolve())
        ligne = {
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "note": args.note,
            "machine": {
                "charge_avant": charge_avant,
                "charge_apres": [round(x, 2) for x in os.getloadavg()],
            },
            "lecons_avant_apres_s": durees,
        }
        if not args.essai:
            with HISTORIQUE.open("a", encoding="utf-8") as f:
                f.write(json.dumps(ligne, ensure_ascii=False) + "\n")
        print(json.dumps(ligne, ensure_ascii=False, indent=1))
        return

    source = args.source.resolve()
    if source != RACINE:  # le noyau (et les leçons) importent le kit de cette copie
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(source / "src"), os.environ.get("PYTHONPATH")])
        )
    modules = {m: s for m, s in SIMULATEURS.items() if not args.modules or court(m) in args.modules}
    charge_avant = [round(x, 2) for x in os.getloadavg()]
    debut = time.perf_counter()
    resultats = {}
    for module, simulateurs in modules.items():
        print(f"{module}…", flush=True)
        resultats[module] = mesurer_module(module, simulateurs, args.menus, source)
    lecons = mesurer_lecons(source) if args.lecons else {}
    run = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "note": args.note,
        "source": "ce dépôt" if source == RACINE else "une autre copie du kit (--source)",
        "menus": args.menus or "toutes les options",
        "machine": {
            "coeurs": os.cpu_count(),
            "python": platform.python_version(),
            "versions": {p: version(p) for p in PAQUETS},
            "charge_avant": charge_avant,
            "charge_apres": [round(x, 2) for x in os.getloadavg()],
        },
        "duree_s": round(time.perf_counter() - debut, 1),
        "modules": resultats,
        "lecons_s": lecons,
    }
    if not args.essai:
        with HISTORIQUE.open("a", encoding="utf-8") as f:
            f.write(json.dumps(run, ensure_ascii=False) + "\n")
    print(f"charge {charge_avant} → {run['machine']['charge_apres']}\n")
    print(tableau(run))
    print("\nTemps de calcul du noyau :\n\n" + tableau_cpu(run))
    if lecons:
        print("\n" + _lecons(lecons))


if __name__ == "__main__":
    main()
