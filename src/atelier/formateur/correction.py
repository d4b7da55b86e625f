"""Correction automatique des copies, en parallèle, sans jamais toucher aux originaux.

Pour chaque copie, un processus de travail :

1. construit un cours privé temporaire (source de l'exercice, instantané du
   carnet de notes, copie contrôlée de la copie) : nbgrader ne voit jamais les
   fichiers de ``submitted/`` ;
2. y lance ``nbgrader autograde`` (en mémoire, sans redémarrer nbgrader), avec
   un noyau isolé (voir ``bac_a_sable``) ;
3. renvoie les notes automatiques et ce qui s'est passé.

Le processus principal, seul à écrire dans le vrai carnet de notes, y reporte
les notes automatiques (les notes manuelles sont gardées, comme le fait
nbgrader), installe le carnet corrigé dans ``autograded/`` et vérifie par
empreinte que l'original n'a pas changé.
"""

from __future__ import annotations

import copy
import datetime
import functools
import json
import multiprocessing
import os
import shutil
import sqlite3
import stat
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path

from atelier.formateur import controle
from atelier.formateur.bac_a_sable import (
    Isolation,
    Limites,
    Reglages,
    detecter_isolation,
    traversable,
)
from atelier.formateur.cours import (
    ETAT,
    Copie,
    ErreurFormateur,
    api,
    carnets,
    charger_config,
    copies,
    empreinte,
    exercices,
)
from atelier.formateur.progression import Progression

CORRIGE = "corrigé"
DEJA = "déjà corrigé (copie inchangée)"
ECHEC = "échec de la correction (voir le journal)"
BOUCLE = "boucle infinie interrompue"
NOYAU = "le noyau s'est arrêté"
SORTIE = "sortie trop longue tronquée"
ACCES = "tentative d'accès refusée"
ALERTE = "ALERTE : la copie originale a changé pendant la correction"
EVENEMENTS = {"delai": BOUCLE, "noyau": NOYAU, "sortie": SORTIE}


@dataclass
class Resultat:
    participant: str
    exercice: str
    statuts: list[str] = field(default_factory=list)
    score: float | None = None
    max_score: float | None = None
    empreinte: str = ""
    date: str = ""
    isolation: str = ""
    durees: dict = field(default_factory=dict)

    @property
    def statut(self) -> str:
        return " ; ".join(self.statuts)


def fichier_etat(cours: Path, copie: Copie, suffixe: str = ".json") -> Path:
    return cours / ETAT / copie.exercice / f"{copie.participant}{suffixe}"


def lire_etat(cours: Path, copie: Copie) -> Resultat | None:
    chemin = fichier_etat(cours, copie)
    if not chemin.exists():
        return None
    return Resultat(**json.loads(chemin.read_text(encoding="utf-8")))


# --- Côté processus de travail -------------------------------------------------


@functools.lru_cache(maxsize=4)
def _config_du_cours(cours: str):
    return charger_config(Path(cours))


def _preprocesseurs():
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    from atelier.formateur.execution import ExecuteIsole

    # La liste par défaut de nbgrader 0.9, avec ExecuteIsole à la place d'Execute.
    return [
        ExecuteIsole,
        IgnorePattern,
        ClearMetadataPreprocessor,
        LimitOutput,
        SaveAutoGrades,
        AssignLatePenalties,
        CheckCellMetadata,
    ]


def _notes(db: Path, exercice: str, participant: str) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{db}") as gb:
        sub = gb.find_submission(exercice, participant)
        return {
            nb.name: {
                "penalite": nb.late_submission_penalty,
                "notes": {g.name: g.auto_score for g in nb.grades},
                "commentaires": {c.name: c.auto_comment for c in nb.comments},
            }
            for nb in sub.notebooks
        }


def _placer_noyau(t: Path, tache: dict, iso: Isolation) -> tuple[Path, Path, list[str]]:
    """Où le noyau travaille (bac), où il se voit (vue), et les chemins qu'il ne doit pas toucher."""
    cours, participant, exercice = Path(tache["cours"]), tache["participant"], tache["exercice"]
    bac, vue, proteges = (
        t / "bac",
        cours / "autograded" / participant / exercice,
        list(tache["proteges"]),
    )
    if iso.mode in ("aucune", "compte-seul"):
        # Sans vue privée, le noyau travaille dans un cours fictif : un chemin relatif
        # vers « ../../../submitted » y reste, et le crochet d'audit le refuse.
        bac = vue = t / "fictif" / "autograded" / participant / exercice
        proteges.append(str(t / "fictif"))
    elif iso.uid is not None and not traversable(cours):
        # Le compte dédié ne pourrait pas atteindre le vrai chemin : le noyau travaille
        # dans un cours fictif, vide et protégé, de son /tmp privé.
        fictif = Path("/tmp/atelier-correction/cours")
        vue, proteges = fictif / "autograded" / participant / exercice, [*proteges, str(fictif)]
    bac.mkdir(parents=True)
    return bac, vue, proteges


def _config_privee(tache: dict, prive: Path, reglages: Path, evenements: Path, ipc: Path | None):
    config = copy.deepcopy(_config_du_cours(tache["cours"]))
    if ipc:  # réseau du noyau coupé : on lui parle par des sockets Unix
        config.NoyauIsole.transport = "ipc"
        config.NoyauIsole.ip = str(ipc / "noyau")
    config.CourseDirectory.root = str(prive)
    config.Autograde.autograde_preprocessors = _preprocesseurs()
    config.OverwriteCells.add_missing_cells = True
    config.NoyauIsole.reglages = str(reglages)
    config.ExecuteIsole.evenements = str(evenements)
    config.ExecuteIsole.sortie_max = tache["limites"]["sortie_caracteres"]
    config.ExecuteIsole.shutdown_kernel = "immediate"  # le bac à sable est jeté ensuite
    if tache.get("delai"):
        config.Execute.timeout = tache["delai"]
    return config


def _lire_incidents(t: Path, vue: Path, cours: Path, reponse: dict) -> None:
    evenements = t / "evenements.jsonl"
    if evenements.exists():
        lus = [json.loads(ligne) for ligne in evenements.read_text().splitlines()]
        reponse["evenements"] = [e for e in lus if e["type"] in EVENEMENTS]
        for chrono in (e for e in lus if e["type"] == "chrono"):
            for cle in ("demarrage_noyau", "execution"):
                reponse["durees"][cle] = reponse["durees"].get(cle, 0) + chrono[cle]
    if (t / "acces.log").exists():
        # Chemins donnés par rapport au cours (réel ou fictif) vu par le noyau.
        racines = (str(vue.parents[2]), str(cours))
        for ligne in (t / "acces.log").read_text(errors="replace").splitlines():
            chemin = ligne.split(" ", 1)[-1]
            racine = next((r for r in racines if chemin.startswith(r + os.sep)), None)
            reponse["acces"].append(os.path.relpath(chemin, racine) if racine else chemin)
    if not reponse["succes"] and (t / "noyau.log").exists():
        reponse["log"] += (
            "\n--- messages du noyau ---\n" + (t / "noyau.log").read_text(errors="replace")[-5000:]
        )


def corriger_une_copie(tache: dict) -> dict:
    """Corrige une copie dans un cours privé ; ne touche à rien hors de ``tache['travail']``."""
    warnings.filterwarnings("ignore", message=".*not in session.*")  # nbgrader, sans conséquence
    debut = time.perf_counter()
    cours, exercice, participant = Path(tache["cours"]), tache["exercice"], tache["participant"]
    t = Path(tempfile.mkdtemp(prefix=f"{participant}-", dir=tache["travail"]))
    os.chmod(t, 0o711)
    prive = t / "cours"
    prive.mkdir(mode=0o700)
    shutil.copytree(cours / "source" / exercice, prive / "source" / exercice)
    shutil.copyfile(tache["carnet_de_notes"], prive / "gradebook.db")
    copie = prive / "submitted" / participant / exercice
    noms = carnets(cours, exercice)
    remarques = controle.controler(
        cours / "submitted" / participant / exercice, cours, exercice, noms, copie
    )
    reponse = {
        "dossier": str(t),
        "remarques": remarques,
        "evenements": [],
        "acces": [],
        "log": "",
        "durees": {"preparation": time.perf_counter() - debut},
    }
    if not any((copie / f"{n}.ipynb").exists() for n in noms):
        reponse.update(succes=True, carnets=None)  # rien de lisible : 0 partout
        return reponse

    iso = Isolation(**tache["isolation"])
    bac, vue, proteges = _placer_noyau(t, tache, iso)
    ipc = t / "ipc" if iso.reseau_coupe else None
    if ipc:
        ipc.mkdir(mode=0o700)
    reglages = Reglages(
        mode=iso.mode,
        uid=iso.uid,
        gid=iso.gid,
        prefixe=iso.prefixe,
        bac=str(bac),
        vue=str(vue),
        journal=str(t / "acces.log"),
        proteges=proteges,
        lecture_seule=tache["lecture_seule"],
        limites=tache["limites"],
        cache_matplotlib=tache.get("cache_matplotlib"),
        visibles=_visibles(),
        ipc=str(ipc) if ipc else None,
    ).ecrire(t / "reglages.json")
    config = _config_privee(tache, prive, reglages, t / "evenements.jsonl", ipc)
    avant = time.perf_counter()
    sortie = api(prive, config).autograde(exercice, participant, force=True, create=True)
    reponse["durees"]["nbgrader_autograde"] = time.perf_counter() - avant
    reponse["log"] = (sortie.get("log") or "") + (sortie.get("error") or "")
    reponse["succes"] = (
        bool(sortie["success"]) and (prive / "autograded" / participant / exercice).is_dir()
    )
    _lire_incidents(t, vue, cours, reponse)
    reponse["carnets"] = (
        _notes(prive / "gradebook.db", exercice, participant) if reponse["succes"] else None
    )
    reponse["durees"]["total"] = time.perf_counter() - debut
    return reponse


# --- Côté processus principal ----------------------------------------------------


def _supprimer(chemin: Path) -> None:
    def forcer(fonction, cible, _exc):
        os.chmod(cible, stat.S_IRWXU)
        fonction(cible)

    if chemin.exists():
        for dossier, _, _ in os.walk(chemin):
            os.chmod(dossier, stat.S_IRWXU)
        shutil.rmtree(chemin, onerror=forcer)


def _instantane(source: Path, cible: Path) -> None:
    """Copie cohérente du carnet de notes, même si formgrader écrit en même temps."""
    with closing(sqlite3.connect(source)) as origine, closing(sqlite3.connect(cible)) as copie_db:
        origine.backup(copie_db)


def fusionner(cours: Path, copie: Copie, carnets_notes: dict | None) -> tuple[float, float]:
    """Reporte les notes automatiques dans le carnet de notes ; garde les notes manuelles."""
    from nbgrader.api import Gradebook
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=_config_du_cours(str(cours)))
    horodatage = coursedir.get_existing_timestamp(str(copie.dossier(cours)))
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        gb.update_or_create_student(copie.participant)
        if horodatage:
            sub = gb.update_or_create_submission(
                copie.exercice, copie.participant, timestamp=horodatage
            )
        else:
            sub = gb.update_or_create_submission(copie.exercice, copie.participant)
        for nb in sub.notebooks:
            donnees = (carnets_notes or {}).get(nb.name)
            for grade in nb.grades:
                # Carnet absent ou illisible : 0, comme nbgrader pour un carnet manquant.
                auto = donnees["notes"].get(grade.name) if donnees else 0
                grade.auto_score = auto
                grade.needs_manual_grade = bool(donnees) and (
                    grade.manual_score is not None or auto is None
                )
            for commentaire in nb.comments:
                if donnees:
                    commentaire.auto_comment = donnees["commentaires"].get(commentaire.name)
            nb.late_submission_penalty = donnees["penalite"] if donnees else None
        gb.db.commit()
        return sub.score, sub.max_score


def _statuts(reponse: dict, cours: Path) -> list[str]:
    statuts = [CORRIGE if reponse.get("succes") else ECHEC, *reponse.get("remarques", [])]
    vus = set()
    for e in reponse.get("evenements", []):
        cle = (e["type"], e["carnet"])
        if cle not in vus:
            vus.add(cle)
            cellules = [
                x["cellule"] for x in reponse["evenements"] if (x["type"], x["carnet"]) == cle
            ]
            statuts.append(
                f"{EVENEMENTS[e['type']]} ({e['carnet']}.ipynb, cellule {', '.join(cellules)})"
            )
    if reponse.get("acces"):
        chemins = sorted(set(reponse["acces"]))
        montres = chemins[:3]
        suite = f" et {len(chemins) - 3} autre(s)" if len(chemins) > 3 else ""
        statuts.append(f"{ACCES} ({', '.join(montres)}{suite})")
    return statuts


def _verifier_carnet_de_notes(cours: Path, ids: set[str]) -> None:
    with closing(sqlite3.connect(cours / "gradebook.db")) as db:
        connus = {nom for (nom,) in db.execute("SELECT name FROM assignment")}
    if manquants := sorted(ids - connus):
        raise ErreurFormateur(
            f"Exercice(s) absent(s) du carnet de notes : {', '.join(manquants)}. "
            f"Lancez d'abord « atelier-formateur preparer {' '.join(manquants)} »."
        )


def _proteges(cours: Path, config, travail: Path) -> list[str]:
    chemins = {str(cours.resolve()), str(travail.resolve())}
    echange = config.Exchange.get("root") if "Exchange" in config else None
    if echange and Path(echange).exists():
        chemins.add(str(Path(echange).resolve()))
    try:
        from jupyter_core.paths import jupyter_runtime_dir

        chemins.add(str(Path(jupyter_runtime_dir()).resolve()))
    except Exception:
        pass
    return sorted(c for c in chemins if Path(c).exists())


def _lecture_seule(iso: Isolation) -> list[str]:
    if iso.mode != "espaces":
        return []
    from atelier.chemins import RACINE

    return sorted({str(Path.home()), str(RACINE), sys.prefix})


def _visibles() -> list[str]:
    """Python et le kit, dont le noyau a besoin où qu'ils soient installés."""
    from atelier.chemins import RACINE

    return sorted(
        {
            sys.prefix,
            sys.base_prefix,
            str(Path(sys.executable).resolve().parent.parent),
            str(RACINE),
        }
    )


def _cache_matplotlib() -> str | None:
    try:
        import matplotlib

        return matplotlib.get_cachedir()
    except Exception:
        return None


def corriger(
    cours: Path,
    exercice: str | None = None,
    participant: str | None = None,
    forcer: bool = False,
    paralleles: int | None = None,
    delai: int | None = None,
    limites: Limites | None = None,
    isoler: bool = True,
    afficher=print,
) -> list[Resultat]:
    """Corrige les copies nouvelles ou modifiées (toutes avec ``forcer``)."""
    cours = cours.resolve()
    if exercice and exercice not in exercices(cours):
        raise ErreurFormateur(f"Exercice inconnu : « {exercice} ».")
    if not (cours / "gradebook.db").exists():
        raise ErreurFormateur(
            "Pas encore de carnet de notes (gradebook.db) : lancez d'abord « atelier-formateur preparer »."
        )
    a_faire, resultats = [], []
    for copie in copies(cours, exercice, participant):
        if copie.exercice not in exercices(cours):
            continue
        precedent = lire_etat(cours, copie)
        actuelle = empreinte(copie.dossier(cours))
        if (
            not forcer
            and precedent
            and precedent.empreinte == actuelle
            and CORRIGE in precedent.statuts
        ):
            precedent.statuts = [DEJA, *precedent.statuts[1:]]
            resultats.append(precedent)
        else:
            a_faire.append((copie, actuelle))
    if not a_faire:
        return resultats

    config = charger_config(cours)
    _verifier_carnet_de_notes(cours, {c.exercice for c, _ in a_faire})
    iso = detecter_isolation(isoler)
    if iso.probleme:
        raise ErreurFormateur(f"Correction impossible : {iso.probleme}.")
    afficher(iso.resume)
    limites = limites or Limites()
    paralleles = paralleles or len(os.sched_getaffinity(0))
    travail = Path(tempfile.mkdtemp(prefix="atelier-correction-"))
    os.chmod(travail, 0o711)
    try:
        _instantane(cours / "gradebook.db", travail / "gradebook.db")
        commun = {
            "cours": str(cours),
            "travail": str(travail),
            "carnet_de_notes": str(travail / "gradebook.db"),
            "isolation": asdict(iso),
            "limites": asdict(limites),
            "delai": delai,
            "proteges": _proteges(cours, config, travail),
            "lecture_seule": _lecture_seule(iso),
            "cache_matplotlib": _cache_matplotlib(),
        }
        barre = Progression(len(a_faire), "Correction")
        # nbgrader est chargé une fois ici ; les processus de travail en héritent (fork).
        import nbgrader.api  # noqa: F401
        import nbgrader.apps  # noqa: F401

        import atelier.formateur.execution  # noqa: F401

        methodes = multiprocessing.get_all_start_methods()
        contexte = multiprocessing.get_context("fork" if "fork" in methodes else "spawn")
        with ProcessPoolExecutor(
            max_workers=min(paralleles, len(a_faire)), mp_context=contexte
        ) as pool:
            futurs = {
                pool.submit(
                    corriger_une_copie,
                    {**commun, "exercice": c.exercice, "participant": c.participant},
                ): (c, e)
                for c, e in a_faire
            }
            for futur in as_completed(futurs):
                copie, avant = futurs[futur]
                resultats.append(_terminer(cours, copie, avant, futur, iso))
                barre.avancer(f"{copie.participant} · {copie.exercice}")
        barre.fermer()
    finally:
        _supprimer(travail)
    resultats.sort(key=lambda r: (r.exercice, r.participant))
    return resultats


def _terminer(cours: Path, copie: Copie, avant: str, futur, iso: Isolation) -> Resultat:
    resultat = Resultat(
        copie.participant,
        copie.exercice,
        empreinte=avant,
        isolation=iso.resume,
        date=datetime.datetime.now().isoformat(timespec="seconds"),
    )
    journal = fichier_etat(cours, copie, ".log")
    journal.parent.mkdir(parents=True, exist_ok=True)
    try:
        reponse = futur.result()
    except Exception as erreur:  # un processus de travail perdu : la copie seule échoue
        reponse = {"succes": False, "log": f"{type(erreur).__name__}: {erreur}"}
    journal.write_text(reponse.get("log", ""), encoding="utf-8")
    resultat.statuts = _statuts(reponse, cours)
    resultat.durees = {k: round(v, 3) for k, v in reponse.get("durees", {}).items()}
    if reponse.get("succes"):
        resultat.score, resultat.max_score = fusionner(cours, copie, reponse["carnets"])
        cible = cours / "autograded" / copie.participant / copie.exercice
        _supprimer(cible)
        produit = (
            Path(reponse["dossier"]) / "cours" / "autograded" / copie.participant / copie.exercice
        )
        if produit.is_dir():
            shutil.copytree(produit, cible)
    if "dossier" in reponse:
        _supprimer(Path(reponse["dossier"]))
    if empreinte(copie.dossier(cours)) != avant:
        resultat.statuts.append(ALERTE)
    fichier_etat(cours, copie).write_text(
        json.dumps(asdict(resultat), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return resultat
