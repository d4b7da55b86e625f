"""atelier-formateur plans : ramasser les plans numériques d'une salle sans rien suivre ni modifier."""

from __future__ import annotations

import csv
import json
import os
import pwd
from types import SimpleNamespace

import pytest

from atelier.formateur import plans
from atelier.formateur.cli import main
from atelier.formateur.cours import Participant
from atelier.plan import Plan

from conftest import RACINE, exiger

SECRET = "JETON-DU-FORMATEUR-42"


def _plan(chemin, commune, choix):
    plan = Plan.ouvrir(commune, chemin)
    for (module, cle), valeur in choix.items():
        plan.noter(module, cle, valeur)


@pytest.fixture
def salle(tmp_path, monkeypatch):
    """Des dossiers personnels faits à la main ; pwd.getpwnam les désigne."""
    homes = tmp_path / "home"
    homes.mkdir()
    comptes = {}
    for compte in ("awa", "koffi", "nadia", "binta", "ali"):
        (homes / compte).mkdir()
        comptes[compte] = SimpleNamespace(
            pw_dir=str(homes / compte), pw_uid=os.getuid(), pw_name=compte
        )
    vrai = pwd.getpwnam
    monkeypatch.setattr(
        plans.pwd, "getpwnam", lambda nom: comptes[nom] if nom in comptes else vrai(nom)
    )
    fichier = plans.NOM_FICHIER
    _plan(
        homes / "awa" / fichier, "Kandi", {("m1", "part_pai_numerique"): 4.5, ("m4", "relais"): 9}
    )
    _plan(homes / "awa" / fichier, "Banikoara", {("m2", "sites"): ["Founougo"]})
    secret = tmp_path / "secret.json"
    secret.write_text(
        json.dumps({"version": 1, "communes": {"Cotonou": {}}, "jeton": SECRET}), encoding="utf-8"
    )
    (homes / "koffi" / fichier).symlink_to(secret)  # un lien vers un fichier du formateur
    (homes / "binta" / fichier).write_text(
        '{"version": 1, "communes": {"Lokossa": ', encoding="utf-8"
    )
    _plan(homes / "ali" / fichier, "Djougou", {("m5", "part_cible"): 55})
    participants = {c: Participant(c, c.capitalize(), "Kandi", "participant") for c in comptes}
    return homes, participants, comptes


def test_les_plans_de_la_salle_dans_un_dossier_et_un_tableau_par_commune(salle, tmp_path):
    homes, participants, _ = salle
    binta_avant = (homes / "binta" / plans.NOM_FICHIER).read_bytes()
    sortie = tmp_path / "sortie"
    rapport = plans.ramasser_plans(sortie, participants)
    texte = "\n".join(rapport)
    assert "✓ awa : 2 commune(s)" in rapport and "✓ ali : 1 commune(s)" in rapport, texte
    assert "— nadia : pas encore de plan" in rapport
    assert any(r.startswith("ALERTE koffi") and "lien symbolique" in r for r in rapport), texte
    assert any(r.startswith("ALERTE binta") and "JSON complet" in r for r in rapport), texte
    assert (
        homes / "binta" / plans.NOM_FICHIER
    ).read_bytes() == binta_avant  # rien n'est touché chez elle
    assert sorted(p.name for p in (sortie / "plans").iterdir()) == ["ali.json", "awa.json"]
    assert SECRET not in "".join(
        p.read_text(encoding="utf-8") for p in sortie.rglob("*.*") if p.suffix != ".xlsx"
    )
    with open(sortie / "plans_par_commune.csv", encoding="utf-8") as f:
        lignes = list(csv.DictReader(f))
    assert [(x["commune"], x["compte"]) for x in lignes] == [
        ("Banikoara", "awa"),
        ("Djougou", "ali"),
        ("Kandi", "awa"),
    ]
    kandi = lignes[2]
    assert (
        kandi["part_pai_numerique_pct"] == "4.5"
        and kandi["relais_m4"] == "9"
        and kandi["modules"] == "m1 m4"
    )
    assert lignes[0]["sites_m2"] == "Founougo" and lignes[1]["part_cible_m5_pct"] == "55"
    with open(sortie / "plans_par_commune_excel.csv", encoding="utf-8-sig") as f:
        assert "4,5" in f.read()
    from openpyxl import load_workbook

    feuille = load_workbook(sortie / "plans_par_commune.xlsx").active
    assert [c.value for c in feuille[1]] == plans.ENTETES and feuille.max_row == 4


def test_un_plan_qui_appartient_a_un_autre_compte_est_refuse(salle, tmp_path):
    exiger(os.geteuid() == 0, "il faut être root pour donner un fichier à un autre compte")
    homes, participants, _ = salle
    autre = pwd.getpwnam("nobody")
    # déposé par quelqu'un d'autre
    os.chown(homes / "ali" / plans.NOM_FICHIER, autre.pw_uid, autre.pw_gid)
    rapport = plans.ramasser_plans(tmp_path / "sortie", participants)
    assert any(
        r.startswith("ALERTE ali") and "appartient au compte nobody" in r for r in rapport
    ), rapport
    assert not (tmp_path / "sortie" / "plans" / "ali.json").exists()


def test_sans_hub_les_plans_rapportes_sur_cle_usb(tmp_path, capsys):
    cle = tmp_path / "cle"
    cle.mkdir()
    _plan(cle / "awa.json", "Kandi", {("m1", "part_pai_numerique"): 3})
    (cle / "lien.json").symlink_to(cle / "awa.json")
    sortie = tmp_path / "sortie"
    code = main(
        [
            "plans",
            "--cours",
            str(RACINE / "exercises"),
            "--depuis",
            str(cle),
            "--sortie",
            str(sortie),
        ]
    )
    sorti = capsys.readouterr().out
    assert code == 0, sorti
    assert (
        "✓ awa : 1 commune(s)" in sorti
        and "ALERTE lien : plan non ramassé (lien symbolique" in sorti
    )
    assert (sortie / "plans" / "awa.json").exists() and not (
        sortie / "plans" / "lien.json"
    ).exists()


def test_sans_liste_ni_dossier_un_message_clair(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("ATELIER_SALLE", raising=False)
    code = main(
        ["plans", "--cours", str(RACINE / "exercises"), "--sortie", str(tmp_path / "sortie")]
    )
    assert code == 2 and "--participants CSV" in capsys.readouterr().err


def test_aide_de_l_etape_plans_en_francais(capsys):
    with pytest.raises(SystemExit):
        main(["plans", "--help"])
    aide = capsys.readouterr().out
    assert "utilisation" in aide and "--sortie DOSSIER" in aide and "usage:" not in aide
