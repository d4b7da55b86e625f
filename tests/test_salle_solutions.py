"""Les solutions des questions pendant une séance notée de la salle (issue 20, point 2).

Les solutions sont dans ``atelier/solutions/*.json`` ; l'installation de la salle les
rend lisibles par root et les formateurs seuls (0640), ou par tous avec ``--solutions``.

Sur un vrai hub (de vrais comptes Unix, en root ; la salle de test_salle_hub.py), un participant
essaie, dans le noyau de son propre serveur (donc sous son compte) : ``q1.solution()``, la même
chose après avoir posé ``ATELIER_SESSION_NOTEE=0``, ``q1.solution_code``, la lecture directe du
fichier, et ``grep`` des lignes de solution dans tout le kit installé. Rien ne doit sortir. Le
formateur, lui, les lit dans son serveur et dans un shell de connexion. Puis la salle est
réinstallée avec ``--solutions`` : le participant les lit alors.
"""

from __future__ import annotations

import dataclasses
import grp
import json
import os
import secrets
import tempfile
from pathlib import Path

import pytest
from test_salle_hub import SCENARIO, salle  # noqa: F401 (salle : fixture)

from atelier.salle import comptes, installation
from atelier.salle.liste import Personne

from conftest import exiger

QUESTION = "from atelier.modules.m0_prise_en_main.questions import q1\n"  # le module du devoir de la salle de test


def _solutions(dossier: Path) -> dict[str, str]:
    """Toutes les solutions du kit installé, lues ici en root."""
    solutions = {}
    for fichier in sorted(dossier.glob("*.json")):
        solutions.update(json.loads(fichier.read_text(encoding="utf-8")))
    return solutions


def _lignes_secretes(etat, solutions: dict[str, str]) -> list[str]:
    """Les lignes de solution qui ne paraissent nulle part ailleurs dans le kit (pas dans une leçon),
    telles qu'elles sont écrites dans un fichier .py et dans le fichier .json."""
    formes = {
        ligne.strip(): {ligne.strip(), json.dumps(ligne.strip(), ensure_ascii=False)[1:-1]}
        for code in solutions.values()
        for ligne in code.splitlines()
        if len(ligne.strip()) >= 20
    }
    ailleurs = set(
        _grep(sorted(set().union(*formes.values())), etat.kit, "-rhoF", "--exclude-dir=solutions")
    )
    return sorted(
        {forme for ecritures in formes.values() if not ecritures & ailleurs for forme in ecritures}
    )


def _grep(motifs: list[str], ou: str, *options: str) -> list[str]:
    """Ce que grep (lancé ici, en root) écrit sur la sortie : ``-rhoF`` les motifs trouvés, ``-rlF`` les fichiers."""
    import subprocess

    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as fichier:
        fichier.write("\n".join(motifs) + "\n")
        fichier.flush()
        resultat = subprocess.run(
            ["grep", *options, "-f", fichier.name, ou], capture_output=True, text=True
        )
    return resultat.stdout.splitlines()


def _code_grep(motifs: list[str], kit: str) -> str:
    """Le code qu'un participant tape dans son noyau pour chercher ces lignes dans tout le kit."""
    return (
        "import subprocess, tempfile\n"
        "with tempfile.NamedTemporaryFile('w', suffix='.txt', encoding='utf-8') as f:\n"
        f"    f.write({chr(10).join(motifs) + chr(10)!r})\n"
        "    f.flush()\n"
        f"    r = subprocess.run(['grep', '-rlF', '-f', f.name, {kit!r}], capture_output=True, text=True)\n"
        "print('TROUVE:' + '|'.join(r.stdout.split()))"
    )


def _sortie(resultat: dict) -> str:
    """Tout ce que la cellule a montré : texte imprimé, affichages (Markdown compris), erreur."""
    morceaux = []
    for sortie in resultat["sorties"]:
        morceaux += [
            sortie.get("text", ""),
            sortie.get("evalue", ""),
            *sortie.get("data", {}).values(),
        ]
    return "\n".join(str(m) for m in morceaux)


@pytest.mark.parametrize("avec_solutions", [False, True])
def test_droits_des_fichiers_de_solutions(tmp_path, avec_solutions):
    """Sans hub : les droits posés par l'installation, dans un faux kit."""
    exiger(os.geteuid() == 0, "changer le groupe d'un fichier demande root")
    etat = installation.Salle(
        dossier=str(tmp_path),
        kit=str(tmp_path / "kit"),
        venv="",
        prefixe=f"t{secrets.token_hex(3)}-",
        solutions=avec_solutions,
    )
    dossier = installation.dossier_des_solutions(etat)
    dossier.mkdir(parents=True)
    os.chmod(dossier, 0o700)
    (dossier / "m0_prise_en_main.json").write_text('{"m0_q1": "reponse = 1"}', encoding="utf-8")
    comptes.creer_groupe(etat.groupe_formateurs)
    try:
        installation.proteger_solutions(etat)
        fichier = (dossier / "m0_prise_en_main.json").stat()
        groupe = grp.getgrgid(fichier.st_gid).gr_name
        assert dossier.stat().st_mode & 0o777 == 0o755 and fichier.st_uid == 0
        if avec_solutions:
            assert (fichier.st_mode & 0o777, groupe) == (0o644, "root")
        else:
            assert (fichier.st_mode & 0o777, groupe) == (0o640, etat.groupe_formateurs)
    finally:
        comptes.supprimer_groupe(etat.groupe_formateurs)


@pytest.mark.lent
@pytest.mark.hub
def test_un_participant_ne_lit_aucune_solution_en_seance_notee(salle):  # noqa: F811 (fixture importée)
    etat, hub, prefixe = salle["etat"], salle["hub"], salle["prefixe"]
    formateur, participant = f"{prefixe}form", f"{prefixe}awa"
    dossier = installation.dossier_des_solutions(etat)
    solutions = _solutions(dossier)
    code_q1 = solutions["m0_q1"]
    secretes = _lignes_secretes(etat, solutions)
    assert code_q1 in secretes and len(secretes) > len(solutions), secretes
    # Ici, en root, la même recherche trouve les fichiers de solutions, et eux seuls : elle n'est pas vide d'avance.
    assert {Path(f).parent for f in _grep(secretes, etat.kit, "-rlF")} == {dossier}

    hub.demarrer(participant)
    essais = hub.serveur(participant).executer(
        [
            QUESTION
            + "import os\nprint('VARIABLE:', os.environ.get('ATELIER_SESSION_NOTEE'))\nq1.solution()",
            "os.environ['ATELIER_SESSION_NOTEE'] = '0'\nq1.solution()",
            "print(q1.solution_code)",
            f"open({str(dossier / 'm0_prise_en_main.json')!r}).read()",
            _code_grep(secretes, etat.kit),
            "q1.indice()",
        ]
    )
    demande, variable_changee, attribut, lecture, recherche, indice = essais
    assert "VARIABLE: None" in demande["texte"], (
        "le hub ne devrait plus poser ATELIER_SESSION_NOTEE"
    )
    for resultat in (demande, variable_changee):
        assert resultat["erreur"] is None and "gardées par le formateur" in _sortie(resultat), (
            resultat
        )
        assert code_q1 not in _sortie(resultat)
    assert attribut["erreur"].startswith("SolutionsGardees") and code_q1 not in _sortie(attribut), (
        attribut
    )
    assert lecture["erreur"] and lecture["erreur"].startswith("PermissionError"), lecture
    assert "TROUVE:\n" in recherche["texte"], recherche  # rien de lisible, nulle part dans le kit
    assert "Indice 1/" in _sortie(indice)  # les indices restent
    for fichier in dossier.glob("*.json"):
        droits = fichier.stat()
        assert (
            droits.st_mode & 0o777 == 0o640
            and grp.getgrgid(droits.st_gid).gr_name == etat.groupe_formateurs
        )

    # Le formateur les lit, dans son serveur et dans un shell de connexion comme celui de son terminal.
    hub.demarrer(formateur)
    chez_le_formateur = hub.serveur(formateur).executer(
        [
            QUESTION + "q1.solution()",
            "import subprocess\n"
            f"r = subprocess.run(['bash', '-l', '-c', 'cat {dossier / 'm0_prise_en_main.json'}'], "
            "capture_output=True, text=True)\nprint(r.stdout)",
        ]
    )
    assert code_q1 in _sortie(chez_le_formateur[0]), chez_le_formateur[0]
    assert json.loads(chez_le_formateur[1]["texte"])["m0_q1"] == code_q1, chez_le_formateur[1]


@pytest.mark.lent
@pytest.mark.hub
def test_avec_solutions_les_participants_les_lisent(salle):  # noqa: F811 (fixture importée)
    etat, hub, prefixe = salle["etat"], salle["hub"], salle["prefixe"]
    participant = f"{prefixe}koffi"
    # Réinstallation de la même salle avec --solutions, comme le guide le dit (comptes gardés).
    reglages = {f.name: getattr(etat, f.name) for f in dataclasses.fields(etat)}
    installation.installer(
        [Personne(**p) for p in reglages.pop("personnes")],
        Path(reglages.pop("dossier")),
        Path(reglages.pop("kit")),
        Path(reglages.pop("venv")),
        sources_exercices=SCENARIO.sources,
        **{
            cle: reglages[cle]
            for cle in (
                "prefixe",
                "homes",
                "cours_id",
                "ip",
                "port",
                "port_hub",
                "port_api_proxy",
                "port_applis",
                "port_depot",
                "url",
                "limites",
                "sans_reglages",
                "venv_a_retirer",
            )
        },
        solutions=True,
    )
    dossier = installation.dossier_des_solutions(etat)
    code_q1 = _solutions(dossier)["m0_q1"]
    hub.demarrer(participant)
    demande, lecture = hub.serveur(participant).executer(
        [
            QUESTION + "q1.solution()",
            f"print(open({str(dossier / 'm0_prise_en_main.json')!r}).read())",
        ]
    )
    assert code_q1 in _sortie(demande), demande
    assert json.loads(lecture["texte"])["m0_q1"] == code_q1, lecture
