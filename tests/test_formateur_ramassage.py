"""Le ramassage depuis l'échange du hub, face à des dépôts piégés (sans hub : dossiers faits à la main).

Chaque dépôt de ``inbound/`` est un dossier que son auteur contrôle : liens vers les
secrets du formateur, tubes, dépôt au nom d'un autre, fichiers rendus illisibles.
Le ramassage ne doit rien suivre, rien attribuer à tort, et ramasser les autres copies.
Le test de bout en bout, sur un vrai hub, est dans test_salle_attaques.py.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import tempfile
from pathlib import Path

from atelier.formateur.bilan import faire_bilan
from atelier.formateur.cli import main
from atelier.formateur.ramassage import ALERTE, ramasser_echange

from conftest import exiger

EXERCICE = "essai"
SECRET = "SOLUTION-SECRETE-42"
HEURE = "2026-12-04 10:00:00.000000 UTC"


def _cours(base: Path) -> Path:
    cours = base / "cours"
    (cours / "source" / EXERCICE).mkdir(parents=True)
    (cours / "source" / EXERCICE / f"{EXERCICE}.ipynb").write_text(SECRET, encoding="utf-8")
    (cours / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = 'cours'\nc.Exchange.root = {str(base / 'echange')!r}\n",
        encoding="utf-8",
    )
    (base / "echange" / "cours" / "inbound").mkdir(parents=True)
    return cours


def _depot(inbound: Path, compte: str, heure: str = HEURE, carnet: str = '{"cells": []}') -> Path:
    depot = inbound / f"{compte}+{EXERCICE}+{heure}+abc123"
    depot.mkdir()
    (depot / f"{EXERCICE}.ipynb").write_text(carnet, encoding="utf-8")
    (depot / "timestamp.txt").write_text(heure, encoding="utf-8")
    return depot


def _tout_le_texte(dossier: Path) -> str:
    return "".join(
        f.read_text(errors="replace")
        for f in dossier.rglob("*")
        if f.is_file() and not f.is_symlink()
    )


def test_liens_tubes_et_usurpation_refuses_le_reste_ramasse(tmp_path, capsys):
    moi = pwd.getpwuid(os.getuid()).pw_name
    autre = "nobody" if moi != "nobody" else "daemon"
    cours = _cours(tmp_path)
    inbound = tmp_path / "echange" / "cours" / "inbound"

    depot = _depot(inbound, moi, carnet='{"cells": ["ma copie"]}')
    (depot / "donnees").mkdir()
    (depot / "donnees" / "mes_notes.txt").write_text("à garder", encoding="utf-8")
    (depot / "solution.ipynb").symlink_to(cours / "source" / EXERCICE / f"{EXERCICE}.ipynb")
    (depot / "sources").symlink_to(cours / "source")
    (depot / "donnees" / "jeton.json").symlink_to(cours / "nbgrader_config.py")
    os.mkfifo(depot / "tube")
    # Un nom de fichier qui essaierait d'ajouter une fausse ligne à l'écran du formateur.
    (depot / "x\n✓ nobody : ramassée.").symlink_to(cours / "source")
    # Un dépôt plus récent au nom d'un autre compte, et un lien posé à la place d'un dépôt.
    _depot(inbound, autre, heure="2026-12-04 11:00:00.000000 UTC", carnet='{"cells": ["faux"]}')
    (inbound / f"{moi}+{EXERCICE}+2026-12-04 12:00:00.000000 UTC+zz").symlink_to(cours / "source")

    assert main(["ramasser", EXERCICE, "--cours", str(cours)]) == 0
    sortie = capsys.readouterr().out

    copie = cours / "submitted" / moi / EXERCICE
    assert sorted(str(f.relative_to(copie)) for f in copie.rglob("*")) == [
        "donnees",
        "donnees/mes_notes.txt",
        "essai.ipynb",
        "submission_secret.txt",
        "timestamp.txt",
    ]
    assert (copie / "essai.ipynb").read_text() == '{"cells": ["ma copie"]}'
    assert (copie / "timestamp.txt").read_text() == HEURE
    assert SECRET not in _tout_le_texte(cours / "submitted")
    assert not (cours / "submitted" / autre).exists()
    for attendu in (
        "solution.ipynb (lien symbolique)",
        "sources (lien symbolique)",
        "donnees/jeton.json (lien symbolique)",
        "tube (fichier spécial",
        f"dépôt au nom de « {autre} » déposé par le compte {moi}",
        "ce n'est pas un dossier",
    ):
        assert attendu in sortie, (attendu, sortie)
    assert sortie.count(f"\n{ALERTE} ") + sortie.startswith(ALERTE) >= 3
    assert "x?✓ nobody : ramassée. (lien symbolique)" in sortie and "\n✓ nobody" not in sortie

    incidents = json.loads(
        (cours / "correction_atelier" / "incidents.json").read_text(encoding="utf-8")
    )
    assert {i["compte"] for i in incidents} == {moi}
    assert any("usurpation" in i["message"] for i in incidents)
    # Relancer : rien de neuf, pas de doublon dans le journal.
    ramasser_echange(cours, EXERCICE, inbound)
    assert len(json.loads((cours / "correction_atelier" / "incidents.json").read_text())) == len(
        incidents
    )

    # Le tableau de bord les montre (il disait « Aucun incident »).
    faire_bilan(cours, {}, tmp_path / "bilan")
    tableau = (tmp_path / "bilan" / "tableau_de_bord.html").read_text(encoding="utf-8")
    assert "Aucun incident" not in tableau and "incident(s) au ramassage" in tableau
    assert f"dépôt au nom de « {autre} »" in tableau


def test_sans_echange_une_erreur_claire(tmp_path, capsys):
    cours = _cours(tmp_path)
    shutil.rmtree(tmp_path / "echange")
    assert main(["ramasser", EXERCICE, "--cours", str(cours)]) == 2
    assert "Dossier des copies déposées introuvable" in capsys.readouterr().err


def _sous_le_compte(uid: int, fonction) -> object:
    """Exécute ``fonction`` dans un processus fils sous le compte ``uid`` ; renvoie son résultat (JSON)."""
    lecture, ecriture = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - processus fils
        try:
            os.close(lecture)
            os.setgroups([])
            os.setgid(pwd.getpwuid(uid).pw_gid)
            os.setuid(uid)
            resultat = {"ok": fonction()}
        except BaseException as erreur:  # noqa: BLE001 - rapporté au parent
            resultat = {"erreur": repr(erreur)}
        os.write(ecriture, json.dumps(resultat).encode())
        os._exit(0)
    os.close(ecriture)
    with os.fdopen(lecture) as f:
        donnees = json.loads(f.read() or '{"erreur": "rien reçu"}')
    os.waitpid(pid, 0)
    assert "erreur" not in donnees, donnees["erreur"]
    return donnees["ok"]


def test_fichiers_illisibles_ou_d_un_autre_compte(capsys):
    """Le formateur n'est pas root : un fichier rendu illisible, un fichier d'un autre compte,
    un sous-dossier fermé ne bloquent que ce qu'ils touchent ; l'autre copie est ramassée."""
    exiger(os.geteuid() == 0, "il faut être root pour poser des fichiers sous plusieurs comptes")
    formateur, fautif, sage = (pwd.getpwnam(n) for n in ("daemon", "nobody", "bin"))
    base = Path(tempfile.mkdtemp(prefix="atelier-ramassage-", dir="/var/tmp"))
    try:
        os.chmod(base, 0o755)
        cours = _cours(base)
        inbound = base / "echange" / "cours" / "inbound"
        depot = _depot(inbound, fautif.pw_name, carnet='{"cells": ["copie de nobody"]}')
        (depot / "illisible.txt").write_text("privé", encoding="utf-8")
        (depot / "prete.txt").write_text("pas à moi", encoding="utf-8")
        (depot / "ferme").mkdir()
        (depot / "ferme" / "dedans.txt").write_text("x", encoding="utf-8")
        _depot(inbound, sage.pw_name, carnet='{"cells": ["copie de bin"]}')
        for chemin in (cours, base / "echange"):
            shutil.chown(chemin, formateur.pw_uid, formateur.pw_gid)
            for f in chemin.rglob("*"):
                os.lchown(f, formateur.pw_uid, formateur.pw_gid)
        for proprietaire, nom in ((fautif, depot.name), (sage, _depot_de(inbound, sage.pw_name))):
            for f in [inbound / nom, *(inbound / nom).rglob("*")]:
                os.lchown(f, proprietaire.pw_uid, proprietaire.pw_gid)
        os.lchown(depot / "prete.txt", sage.pw_uid, sage.pw_gid)
        os.chmod(depot / "illisible.txt", 0o000)
        os.chmod(depot / "ferme", 0o000)

        lignes = _sous_le_compte(
            formateur.pw_uid, lambda: ramasser_echange(cours, EXERCICE, inbound)
        )
        texte = "\n".join(lignes)
        assert f"✓ {sage.pw_name} : ramassée." in lignes, texte
        assert (
            cours / "submitted" / sage.pw_name / EXERCICE / "essai.ipynb"
        ).read_text() == '{"cells": ["copie de bin"]}'
        copie = cours / "submitted" / fautif.pw_name / EXERCICE
        assert (copie / "essai.ipynb").read_text() == '{"cells": ["copie de nobody"]}'
        assert not (copie / "illisible.txt").exists() and not (copie / "prete.txt").exists()
        alerte = next(ligne for ligne in lignes if ligne.startswith(f"{ALERTE} {fautif.pw_name}"))
        for attendu in (
            "illisible.txt (illisible",
            "prete.txt (appartient au compte bin)",
            "ferme (",
        ):
            assert attendu in alerte, alerte
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _depot_de(inbound: Path, compte: str) -> str:
    return next(d.name for d in inbound.iterdir() if d.name.startswith(f"{compte}+"))


def test_copie_trop_grosse_refusee(tmp_path, monkeypatch):
    from atelier.formateur import ramassage

    taille = 2
    monkeypatch.setattr(ramassage, "TAILLE_MAX_COPIE", taille * 1024 * 1024)
    moi = pwd.getpwuid(os.getuid()).pw_name
    cours = _cours(tmp_path)
    depot = _depot(tmp_path / "echange" / "cours" / "inbound", moi)
    (depot / "enorme.bin").write_bytes(b"0" * (taille + 1) * 1024 * 1024)
    lignes = ramasser_echange(cours, EXERCICE, tmp_path / "echange" / "cours" / "inbound")
    assert any("enorme.bin (copie trop grosse" in ligne for ligne in lignes), lignes
    copie = cours / "submitted" / moi / EXERCICE
    assert (copie / "essai.ipynb").exists() and not (copie / "enorme.bin").exists()


def test_le_bouton_collect_du_formgrader_passe_par_le_meme_ramassage(tmp_path):
    """``nbgrader collect`` et le formgrader, avec le réglage de la salle, ramassent comme la commande."""
    from atelier.formateur.cours import api, charger_config

    moi = pwd.getpwuid(os.getuid()).pw_name
    cours = _cours(tmp_path)
    inbound = tmp_path / "echange" / "cours" / "inbound"
    depot = _depot(inbound, moi)
    (depot / "solution.ipynb").symlink_to(cours / "source" / EXERCICE / f"{EXERCICE}.ipynb")
    _depot(
        inbound, "nobody" if moi != "nobody" else "daemon", heure="2026-12-04 11:00:00.000000 UTC"
    )
    config = charger_config(cours)
    config.ExchangeFactory.collect = "atelier.nbgrader_ext.RamassageSur"
    resultat = api(cours, config).collect(EXERCICE)
    assert resultat["success"], resultat
    assert "usurpation" in resultat["log"] and "solution.ipynb (lien symbolique)" in resultat["log"]
    assert sorted(p.name for p in (cours / "submitted").iterdir()) == [moi]
    assert SECRET not in _tout_le_texte(cours / "submitted")


def test_mille_depots_pieges_ne_noient_pas_l_ecran(tmp_path):
    moi = pwd.getpwuid(os.getuid()).pw_name
    cours = _cours(tmp_path)
    inbound = tmp_path / "echange" / "cours" / "inbound"
    _depot(inbound, moi)
    for i in range(1000):
        (inbound / f"nobody{i}+{EXERCICE}+{HEURE}+x").mkdir()
    lignes = ramasser_echange(cours, EXERCICE, inbound)
    assert lignes[0] == f"✓ {moi} : ramassée."
    assert len(lignes) == 1 + 5 + 1 and lignes[-1].endswith(
        "et 995 autre(s) incident(s) du même compte, non détaillés."
    )
