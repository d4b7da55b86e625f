"""La commande du formateur sur l'exercice d'essai et ses copies piégées.

Fixtures : tests/fixtures/formateur/ (source de l'exercice « essai_correction »,
copies p01 à p12, liste des participants). Une salle est préparée une fois par
module de test, ramassée depuis une archive zip, puis corrigée.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from atelier.formateur.cli import main
from atelier.formateur.cours import empreinte

from conftest import RACINE, exiger

FIXTURES = RACINE / "tests" / "fixtures" / "formateur"
EXERCICE = "essai_correction"
ENV = {
    **os.environ,
    "ATELIER_DELAI_CELLULE": "10",
    "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
}


def formateur(*args: str, cours: Path, attendu: int = 0) -> str:
    """Lance la vraie commande (processus séparé), renvoie sa sortie."""
    fini = subprocess.run(
        [sys.executable, "-m", "atelier.formateur", *args, "--cours", str(cours)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=600,
    )
    assert fini.returncode == attendu, fini.stdout + fini.stderr
    return fini.stdout


def nouveau_cours(dossier: Path) -> Path:
    cours = dossier / "cours"
    shutil.copytree(FIXTURES / "cours", cours)
    shutil.copy(RACINE / "exercises" / "nbgrader_config.py", cours)
    return cours


def notes_du_carnet(cours: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cours / 'gradebook.db'}") as gb:
        return {s.student.id: s.score for s in gb.find_assignment(EXERCICE).submissions}


@pytest.fixture(scope="module")
def salle(tmp_path_factory):
    """Une salle préparée, ramassée depuis un zip, corrigée une fois."""
    tmp = tmp_path_factory.mktemp("salle")
    cours = nouveau_cours(tmp)
    sortie_preparer = formateur("preparer", EXERCICE, cours=cours)
    # Les participants rendent des fichiers à plat (« p01_essai_correction.ipynb »)
    # ou un dossier par personne, réunis dans une archive zip par le formateur.
    archive = tmp / "copies.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for dossier in sorted((FIXTURES / "copies").iterdir()):
            for fichier in dossier.iterdir():
                if dossier.name in ("p01", "p02") and fichier.suffix == ".ipynb":
                    z.write(fichier, f"copies/{dossier.name}_{fichier.name}")
                else:
                    z.write(fichier, f"copies/{dossier.name}/{fichier.name}")
        z.writestr("copies/../../evade.ipynb", "{}")  # « zip slip » : ignoré
    sortie_ramasser = formateur(
        "ramasser",
        EXERCICE,
        "--depuis",
        str(archive),
        "--participants",
        str(FIXTURES / "participants.csv"),
        cours=cours,
    )
    avant = {d.name: empreinte(d / EXERCICE) for d in (cours / "submitted").iterdir()}
    sortie_corriger = formateur("corriger", "--paralleles", "2", cours=cours)
    etats = {
        f.stem: json.loads(f.read_text(encoding="utf-8"))
        for f in (cours / "correction_atelier" / EXERCICE).glob("*.json")
    }
    return {
        "cours": cours,
        "tmp": tmp,
        "avant": avant,
        "etats": etats,
        "preparer": sortie_preparer,
        "ramasser": sortie_ramasser,
        "corriger": sortie_corriger,
    }


def test_aide_en_francais(capsys):
    for etape in ("", "preparer", "distribuer", "ramasser", "corriger", "retours", "bilan"):
        with pytest.raises(SystemExit):
            main([etape, "--help"] if etape else ["--help"])
        aide = capsys.readouterr().out
        assert "afficher cette aide" in aide and "utilisation" in aide
        assert "show this help" not in aide and "usage:" not in aide


def test_ramasser_range_chaque_copie_et_ignore_le_zip_slip(salle):
    cours = salle["cours"]
    assert sorted(d.name for d in (cours / "submitted").iterdir()) == [
        f"p{i:02d}" for i in range(1, 13)
    ]
    assert (cours / "submitted" / "p01" / EXERCICE / f"{EXERCICE}.ipynb").exists()
    assert (cours / "submitted" / "p01" / EXERCICE / "timestamp.txt").exists()
    assert not (salle["tmp"] / "evade.ipynb").exists() and not (cours / "evade.ipynb").exists()
    assert "p01 : ramassée." in salle["ramasser"]
    # Ramasser une deuxième fois la même chose ne change rien.
    dossier = salle["tmp"] / "encore"
    shutil.copytree(FIXTURES / "copies" / "p03", dossier / "p03")
    assert "déjà ramassée, identique" in formateur(
        "ramasser", EXERCICE, "--depuis", str(dossier), cours=cours
    )


ATTENDU = {
    # participant : (note automatique sur 8, début du statut)
    "p01": (5, "corrigé"),
    "p02": (2, "corrigé"),
    "p03": (0, "corrigé"),
    "p04": (2, "corrigé ; boucle infinie interrompue (essai_correction.ipynb, cellule q2_reponse)"),
    "p05": (2, "corrigé ; le noyau s'est arrêté (essai_correction.ipynb, cellule q2_reponse)"),
    "p06": (
        5,
        "corrigé ; sortie trop longue tronquée (essai_correction.ipynb, cellule q1_reponse)",
    ),
    "p07": (0, "corrigé ; fichier illisible (JSON invalide) : essai_correction.ipynb"),
    "p08": (0, "corrigé ; carnet manquant : essai_correction.ipynb"),
    "p09": (
        5,
        "corrigé ; cellule notée dupliquée : première copie gardée (essai_correction.ipynb, cellule q1_visible)",
    ),
    "p10": (
        3,
        "corrigé ; cellule notée supprimée : remise depuis la source (essai_correction.ipynb, cellule q2_cache, q2_visible)",
    ),
    "p11": (
        4,
        "corrigé ; cellule verrouillée modifiée : remise depuis la source (essai_correction.ipynb, cellule q1_cache, q1_visible)",
    ),
    "p12": (3, "corrigé ; tentative d'accès refusée"),
}


@pytest.mark.lent
@pytest.mark.parametrize("participant", sorted(ATTENDU))
def test_chaque_copie_a_sa_note_et_son_statut(salle, participant):
    note, statut = ATTENDU[participant]
    etat = salle["etats"][participant]
    assert " ; ".join(etat["statuts"]).startswith(statut)
    assert etat["score"] == note and etat["max_score"] == 8
    assert notes_du_carnet(salle["cours"])[participant] == note
    assert f"{participant:<12}" in salle["corriger"]


@pytest.mark.lent
def test_les_originaux_ne_changent_jamais(salle):
    cours = salle["cours"]
    apres = {d.name: empreinte(d / EXERCICE) for d in (cours / "submitted").iterdir()}
    assert apres == salle["avant"]
    # … et restent identiques octet pour octet aux fichiers rendus.
    for dossier in (FIXTURES / "copies").iterdir():
        for fichier in dossier.iterdir():
            assert (
                cours / "submitted" / dossier.name / EXERCICE / fichier.name
            ).read_bytes() == fichier.read_bytes()
    assert not any("ALERTE" in " ".join(e["statuts"]) for e in salle["etats"].values())


@pytest.mark.lent
def test_la_copie_hostile_n_a_rien_lu_ni_ecrit(salle):
    cours = salle["cours"]
    corrige = json.loads(
        (cours / "autograded" / "p12" / EXERCICE / f"{EXERCICE}.ipynb").read_text(encoding="utf-8")
    )
    sorties = json.dumps([c.get("outputs", []) for c in corrige["cells"]])
    assert "PermissionError" in sorties
    assert "BEGIN SOLUTION" not in sorties and "sum(habitants" not in sorties
    assert "submitted/**/*.ipynb" in " ".join(salle["etats"]["p12"]["statuts"])


def _copie_qui_contourne_le_crochet(cours: Path, participant: str, port: int) -> None:
    """Une copie qui évite le crochet d'audit (descripteurs de dossier) : seule la vue privée protège.
    Elle tente aussi de joindre un service de la machine (``port``) : le réseau doit être coupé."""
    nb = json.loads((FIXTURES / "copies" / "p01" / f"{EXERCICE}.ipynb").read_text(encoding="utf-8"))
    code = (
        "import os, json\n"
        f"racine = os.open('/', os.O_RDONLY)\n"
        f"chemin = {str(cours).lstrip('/')!r}\n"
        "vu = {}\n"
        "try:\n"
        "    d = os.open(chemin, os.O_RDONLY, dir_fd=racine)\n"
        "    vu['cours'] = sorted(os.listdir(d))\n"
        "    s = os.open('submitted', os.O_RDONLY, dir_fd=d)\n"
        "    vu['copies'] = sorted(os.listdir(s))\n"
        "except OSError as e:\n"
        "    vu['erreur'] = type(e).__name__\n"
        "try:\n"
        "    f = os.open('piege.txt', os.O_WRONLY | os.O_CREAT, dir_fd=d)\n"
        "    vu['ecrit'] = True\n"
        "except (OSError, NameError) as e:\n"
        "    vu['ecrit'] = type(e).__name__\n"
        "vu['uid'] = os.getuid()\n"
        "import resource\n"
        "vu['memoire'] = resource.getrlimit(resource.RLIMIT_AS)[0]\n"
        "vu['jeton'] = os.environ.get('JUPYTERHUB_API_TOKEN')\n"
        "vu['pid1'] = open('/proc/1/cmdline', 'rb').read().split(b'\\0')[0].decode()\n"
        "import socket\n"
        "try:\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=3).close()\n"
        "    vu['reseau'] = 'connecté'\n"
        "except OSError as e:\n"
        "    vu['reseau'] = type(e).__name__\n"
        "print('VU=' + json.dumps(vu))\n"
        "total = sum(habitants.values())\n"
    )
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "q1_reponse":
            cell["source"] = code
    dossier = cours / "submitted" / participant / EXERCICE
    dossier.mkdir(parents=True)
    (dossier / f"{EXERCICE}.ipynb").write_text(json.dumps(nb), encoding="utf-8")


@pytest.mark.lent
def test_la_vue_privee_tient_meme_sans_le_crochet(salle):
    from atelier.formateur.bac_a_sable import detecter_isolation

    iso = detecter_isolation()
    exiger(iso.mode in ("compte", "espaces"), f"vue privée indisponible ici : {iso.resume}")
    cours = salle["cours"]
    service = socket.create_server(("127.0.0.1", 0))  # un service de la machine, que la copie vise
    service.settimeout(0.5)
    _copie_qui_contourne_le_crochet(cours, "p99", service.getsockname()[1])
    ENV["JUPYTERHUB_API_TOKEN"] = "secret-du-formateur"  # ne doit pas atteindre le noyau
    try:
        sortie = formateur(
            "corriger", EXERCICE, "--participant", "p99", "--memoire", "1024", cours=cours
        )
    finally:
        del ENV["JUPYTERHUB_API_TOKEN"]
    corrige = json.loads(
        (cours / "autograded" / "p99" / EXERCICE / f"{EXERCICE}.ipynb").read_text(encoding="utf-8")
    )
    textes = ["".join(o.get("text", "")) for c in corrige["cells"] for o in c.get("outputs", [])]
    texte = next(t for t in textes if "VU=" in t)
    vu = json.loads(texte.split("VU=", 1)[1])
    # Le cours est vide (sauf le chemin du dossier de travail), sans copies ni carnet de notes.
    assert vu.get("cours", []) in ([], ["autograded"]), vu
    assert "copies" not in vu and vu["ecrit"] != True, vu  # noqa: E712
    if iso.mode == "compte":
        assert vu["uid"] != 0
    assert vu["memoire"] == 1024 * 1024 * 1024 and vu["jeton"] is None
    # bubblewrap, quand le résumé l'annonce, est bien le premier processus de la vue du noyau.
    assert (Path(vu["pid1"]).name == "bwrap") == ("montée par bubblewrap" in sortie), (vu, sortie)
    assert not (cours / "piege.txt").exists()
    shutil.rmtree(cours / "submitted" / "p99")
    exiger(iso.reseau_coupe, f"réseau du noyau non coupé ici : {iso.resume}")
    assert "réseau coupé" in sortie
    assert vu["reseau"] != "connecté", vu
    with pytest.raises(TimeoutError):
        service.accept()  # personne n'a frappé à la porte
    service.close()


@pytest.mark.lent
def test_recorriger_est_idempotent_et_garde_les_notes_manuelles(salle):
    cours = salle["cours"]
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cours / 'gradebook.db'}") as gb:
        gb.find_grade("q3_ecrit", EXERCICE, EXERCICE, "p01").manual_score = 1.5
        gb.db.commit()
    avant = notes_du_carnet(cours)
    assert avant["p01"] == 6.5
    # Rien n'a changé : rien n'est recorrigé.
    sortie = formateur("corriger", cours=cours)
    assert sortie.count("déjà corrigé (copie inchangée)") == len(ATTENDU)
    assert notes_du_carnet(cours) == avant
    # Recorriger un participant, puis un module entier : mêmes notes, note manuelle gardée.
    formateur("corriger", EXERCICE, "--participant", "p01", "--forcer", cours=cours)
    assert notes_du_carnet(cours) == avant
    formateur("corriger", EXERCICE, "--forcer", cours=cours)
    assert notes_du_carnet(cours) == avant


def _lignes_cachees() -> list[str]:
    source = json.loads(
        (FIXTURES / "cours" / "source" / EXERCICE / f"{EXERCICE}.ipynb").read_text(encoding="utf-8")
    )
    texte = "".join("".join(c["source"]) + "\n" for c in source["cells"])
    return [
        "assert total == 60",
        "assert part(1, 3) == 33.3",
        "Barème : 1 point",
        "HIDDEN TESTS",
        "MARK SCHEME",
    ] + [ligne for ligne in texte.splitlines() if "assert part(20, 60)" in ligne]


@pytest.mark.lent
def test_retours_sans_tests_caches_ni_bareme(salle):
    cours = salle["cours"]
    sortie = formateur("retours", EXERCICE, "--sans-hub", cours=cours)
    assert "✓ p02 : retour prêt" in sortie
    for fichier in (cours / "feedback").glob(f"*/{EXERCICE}/*.html"):
        texte = fichier.read_text(encoding="utf-8")
        for ligne in _lignes_cachees():
            assert ligne not in texte, (fichier, ligne)
        # Les cellules de test n'affichent que la dernière ligne de l'erreur (pas de trace).
        assert (
            '----&gt; </span><span class="ansi-green-fg">1</span> <span class="ansi-bold" style="color: rgb(0,135,0)">assert'
            not in texte
        )
    p02 = (cours / "feedback" / "p02" / EXERCICE / f"{EXERCICE}.html").read_text(encoding="utf-8")
    assert "AssertionError: Arrondi attendu : 33.3." in p02.replace("&#39;", "'")


@pytest.mark.lent
def test_bilan_par_participant_question_et_commune(salle):
    cours = salle["cours"]
    formateur("bilan", "--participants", str(FIXTURES / "participants.csv"), cours=cours)
    bilan = cours / "bilan"
    with open(bilan / "notes_participants.csv", encoding="utf-8") as f:
        lignes = {ligne["id"]: ligne for ligne in csv.DictReader(f)}
    assert lignes["p13"]["rendu"] == "non" and lignes["p14"]["statut"] == "pas de copie"
    assert lignes["p04"]["commune"] == "Bohicon" and "boucle infinie" in lignes["p04"]["statut"]
    assert float(lignes["p02"]["score"]) == 2
    excel = (bilan / "notes_participants_excel.csv").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf") and b";" in excel.splitlines()[0]
    with open(bilan / "notes_questions.csv", encoding="utf-8") as f:
        questions = {q["cellule"]: q for q in csv.DictReader(f)}
    assert float(questions["q1_visible"]["points"]) == 1
    assert (
        questions["q1_visible"]["notation"] == "automatique"
        and questions["q3_ecrit"]["notation"] == "à la main"
    )
    assert float(questions["q2_cache"]["taux_reussite"]) < float(
        questions["q1_visible"]["taux_reussite"]
    )
    with open(bilan / "notes_communes.csv", encoding="utf-8") as f:
        communes = {(c["commune"], c["exercice"]): c for c in csv.DictReader(f)}
    assert communes[("Abomey", EXERCICE)]["participants"] == "3"
    assert communes[("Abomey", EXERCICE)]["copies_rendues"] == "2"
    tableau = (bilan / "tableau_de_bord.html").read_text(encoding="utf-8")
    assert "Qui n'a pas rendu" in tableau and "Larissa Adjovi" in tableau
    assert tableau.count("data:image/png;base64,") == 2
    assert "http://" not in tableau and "https://" not in tableau and "<script" not in tableau


@pytest.mark.lent
def test_distribuer_ramasser_et_rendre_par_l_echange_du_hub(tmp_path):
    """Le chemin du hub : distribuer, un participant récupère et rend, ramasser, corriger, retours."""
    echange = tmp_path / "echange"
    echange.mkdir(mode=0o777)
    cours = nouveau_cours(tmp_path)
    env = {**ENV, "ATELIER_ECHANGE": str(echange)}
    ENV_SAUVE = dict(ENV)
    ENV.update(env)
    try:
        formateur("preparer", EXERCICE, cours=cours)
        assert "distribué" in formateur("distribuer", EXERCICE, cours=cours)
        assert (
            echange / "atelier-numerique" / "outbound" / EXERCICE / f"{EXERCICE}.ipynb"
        ).exists()
        poste = tmp_path / "poste"
        poste.mkdir()
        options = [
            "--course",
            "atelier-numerique",
            f"--Exchange.root={echange}",
            "--Exchange.path_includes_course=True",
        ]
        for etape in (["fetch_assignment", EXERCICE], ["submit", EXERCICE]):
            fini = subprocess.run(
                [sys.executable, "-m", "nbgrader", *etape, *options],
                cwd=poste,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert fini.returncode == 0, fini.stdout + fini.stderr
        formateur("ramasser", EXERCICE, cours=cours)
        rendus = [d.name for d in (cours / "submitted").iterdir()]
        assert (
            len(rendus) == 1
            and (cours / "submitted" / rendus[0] / EXERCICE / f"{EXERCICE}.ipynb").exists()
        )
        assert "0/8" in formateur("corriger", cours=cours)
        # La tâche notée à la main ne l'est pas encore : retour averti et gardé, puis rendu avec --forcer.
        sortie = formateur("retours", EXERCICE, cours=cours)
        assert (
            "pas encore notée(s) : retour prêt mais PAS rendu" in sortie
            and "Retours rendus" not in sortie
        )
        assert not list((echange / "atelier-numerique" / "feedback").glob("*.html"))
        sortie = formateur("retours", EXERCICE, "--forcer", cours=cours)
        assert "Retours rendus par le hub" in sortie
        assert list((echange / "atelier-numerique" / "feedback").glob("*.html"))
    finally:
        ENV.clear()
        ENV.update(ENV_SAUVE)


@pytest.mark.lent
def test_sans_isolation_le_crochet_refuse_encore_et_le_dit(tmp_path):
    """Le dernier recours (ni compte dédié ni unshare) : la sortie le dit, l'accès reste refusé."""
    cours = nouveau_cours(tmp_path)
    formateur("preparer", EXERCICE, cours=cours)
    for ident in ("p01", "p12"):
        shutil.copytree(FIXTURES / "copies" / ident, cours / "submitted" / ident / EXERCICE)
    avant = empreinte(cours / "submitted")
    sortie = formateur("corriger", "--sans-isolation", cours=cours)
    assert "AUCUNE isolation" in sortie
    assert "tentative d'accès refusée (submitted/**/*.ipynb)" in sortie
    assert "5/8  corrigé" in sortie and empreinte(cours / "submitted") == avant


def test_bubblewrap_d_abord_et_repli_annonce(monkeypatch):
    """bubblewrap monte la vue privée quand il est installé ; sans lui, le kit se replie
    sur son propre montage (unshare) et le dit en français dans le résumé."""
    from atelier.formateur import bac_a_sable

    exiger(shutil.which("bwrap"), "bubblewrap absent ici (paquet Debian « bubblewrap »)")
    iso = bac_a_sable.detecter_isolation()
    exiger(iso.mode in ("compte", "espaces"), f"vue privée indisponible ici : {iso.resume}")
    assert (
        Path(iso.prefixe[0]).name == "bwrap"
        and "--die-with-parent" in iso.prefixe
        and "--new-session" in iso.prefixe
    )
    assert iso.resume.endswith("vue privée montée par bubblewrap") and not iso.avertissement
    # Le lanceur prépare le bac hors de la vue privée, puis passe la main à bwrap.
    assert (
        bac_a_sable.commande_noyau(iso.prefixe, Path("reglages.json"), ["noyau"])[0]
        == sys.executable
    )

    qui = shutil.which
    monkeypatch.setattr(
        bac_a_sable.shutil, "which", lambda nom: None if nom == "bwrap" else qui(nom)
    )
    repli = bac_a_sable.detecter_isolation()
    assert repli.mode == iso.mode and Path(repli.prefixe[0]).name == "unshare"
    assert repli.reseau_coupe == iso.reseau_coupe
    assert "montée par bubblewrap" not in repli.resume
    assert repli.resume.endswith(
        "bubblewrap absent ou inutilisable (installez le paquet Debian « bubblewrap », version 0.8 ou plus) : "
        "la vue privée est montée par le kit lui-même (unshare), solution de repli moins éprouvée"
    )
    assert (
        bac_a_sable.commande_noyau(repli.prefixe, Path("reglages.json"), ["noyau"])[0]
        == repli.prefixe[0]
    )


@pytest.mark.parametrize("outil", ["bwrap", "unshare"])
def test_vue_privee_du_mode_sans_root(tmp_path, outil):
    """Le mode d'un formateur ordinaire (espaces de noms utilisateur) : cours masqué,
    dépôt en lecture seule, dossier de travail seul modifiable, démontage impossible ;
    par bubblewrap, et par la solution de repli du kit (unshare et mount(2))."""
    from atelier.formateur.bac_a_sable import (
        Isolation,
        Limites,
        Reglages,
        commande_noyau,
        prefixe_bwrap,
    )
    from atelier.formateur.correction import _visibles

    if outil == "bwrap":
        exiger(shutil.which("bwrap"), "bubblewrap absent ici (paquet Debian « bubblewrap »)")
        prefixe = prefixe_bwrap(shutil.which("bwrap"), root=False)
    else:
        prefixe = [
            shutil.which("unshare") or "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            "--pid",
            "--fork",
            "--mount-proc",
            "--propagation",
            "private",
        ]
    exiger(
        subprocess.run([*prefixe, "true"], capture_output=True).returncode == 0,
        f"espaces de noms utilisateur indisponibles ici ({outil})",
    )
    iso = Isolation("espaces", prefixe=prefixe)
    # Hors de /tmp (remplacé par un /tmp vide dans la vue privée) : un dossier du dépôt.
    (RACINE / "tests" / "artefacts").mkdir(exist_ok=True)
    depot = Path(tempfile.mkdtemp(dir=RACINE / "tests" / "artefacts"))
    t, cours = tmp_path / "t", tmp_path / "cours"
    for dossier in (t / "bac", t / "src", cours / "submitted" / "p02"):
        dossier.mkdir(parents=True)
    (t / "src" / "donnees.csv").write_text("a,b\n")
    (cours / "submitted" / "p02" / "copie.ipynb").write_text("{}")
    (t / "connexion.json").write_text("{}")
    reglages = Reglages(
        mode=iso.mode,
        uid=None,
        gid=None,
        prefixe=prefixe,
        bac=str(t / "bac"),
        vue=str(cours / "autograded" / "p01" / EXERCICE),
        journal=str(t / "acces.log"),
        proteges=[str(cours)],
        lecture_seule=[str(depot)],
        limites={"memoire_mo": 1024, "cpu_s": 60, "fichier_mo": 8, "sortie_caracteres": 1000},
        visibles=_visibles(),  # Python et le kit, même installés sous /tmp (clone de CI)
    ).ecrire(t / "reglages.json")
    code = (
        "import json, os, subprocess\n"
        "vu = {'cours': sorted(os.listdir('../../..')), 'ici': sorted(os.listdir('.'))}\n"
        f"for nom, chemin in (('depot', {str(depot / 'x.txt')!r}), ('bac', 'y.txt')):\n"
        "    try:\n"
        "        open(chemin, 'w').close(); vu[nom] = 'écrit'\n"
        "    except OSError as e:\n"
        "        vu[nom] = e.errno\n"
        "vu['demontage'] = subprocess.run(['umount', '../../..'], capture_output=True).returncode\n"
        "vu['pid1'] = open('/proc/1/cmdline', 'rb').read().split(b'\\0')[0].decode()\n"
        "print(json.dumps(vu))\n"
    )
    commande = commande_noyau(
        prefixe, reglages, [sys.executable, "-c", code, "-f", str(t / "connexion.json")]
    )
    fini = subprocess.run(commande, cwd=t / "src", capture_output=True, text=True, timeout=60)
    assert fini.returncode == 0, fini.stderr
    vu = json.loads((t / "noyau.log").read_text().strip().splitlines()[-1])
    assert vu["cours"] == ["autograded"] and vu["ici"] == [".connexion.json", "donnees.csv"]
    assert vu["depot"] == 30 and vu["bac"] == "écrit" and vu["demontage"] != 0
    # bubblewrap veille sur le noyau
    assert (Path(vu["pid1"]).name == "bwrap") == (outil == "bwrap"), vu
    assert not (depot / "x.txt").exists() and (t / "bac" / "y.txt").exists()
    assert Limites().memoire_mo == 2048  # défaut documenté dans le guide
    shutil.rmtree(depot)
