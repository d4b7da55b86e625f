"""Le plan numérique d'un participant : fichier JSON, écriture d'un coup, fichiers abîmés mis de côté."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from atelier.plan import ErreurPlan, Plan, stockage


@pytest.fixture
def fichier(tmp_path, monkeypatch):
    chemin = tmp_path / "perso" / "mon_plan_numerique.json"
    monkeypatch.setenv("ATELIER_PLAN", str(chemin))
    return chemin


def test_un_choix_est_ecrit_tout_de_suite_et_relu_par_un_autre_noyau(fichier):
    plan = Plan.ouvrir("kandi")
    assert plan.commune == "Kandi"
    plan.noter("m1", "part_pai_numerique", np.float64(4.5))
    plan.noter("m2", "sites", ["Sonsoro", "Angaradebou"])
    plan.noter_chiffre("population_2024", np.int64(210_000))
    donnees = json.loads(fichier.read_text(encoding="utf-8"))  # écrit sans appeler enregistrer()
    assert donnees["version"] == stockage.VERSION and donnees["commune"] == "Kandi"
    entree = donnees["communes"]["Kandi"]["modules"]["m1"]["part_pai_numerique"]
    assert entree["valeur"] == 4.5 and entree["source"] == "choix"
    relu = Plan.ouvrir()  # un noyau redémarré : la dernière commune et ses choix reviennent
    assert relu.commune == "Kandi"
    assert relu.lire("m1", "part_pai_numerique") == 4.5
    assert relu.choix("m2") == {"sites": ["Sonsoro", "Angaradebou"]}
    assert relu.mes_chiffres()["population_2024"]["origine"] == "vos chiffres"
    assert relu.avertissement is None


def test_la_lecon_et_l_application_n_effacent_pas_les_choix_l_une_de_l_autre(fichier):
    lecon, appli = Plan.ouvrir("Kandi"), Plan.ouvrir("Kandi")
    lecon.noter("m1", "part_pai_numerique", 4.5)
    appli.noter("m5", "part_cible", 60)  # appli n'a jamais relu : elle relit avant d'écrire
    assert Plan.ouvrir().choix() == {"m1": {"part_pai_numerique": 4.5}, "m5": {"part_cible": 60}}
    Plan.ouvrir("Banikoara").noter("m1", "part_pai_numerique", 2)
    assert Plan.ouvrir("Kandi").lire("m1", "part_pai_numerique") == 4.5


def test_ecriture_d_un_coup_aucun_fichier_temporaire_ne_reste(fichier, monkeypatch):
    plan = Plan.ouvrir("Kandi")
    plan.noter("m1", "part_pai_numerique", 4.5)
    avant = fichier.read_bytes()

    def coupure(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(stockage.os, "replace", coupure)
    with pytest.raises(OSError):
        plan.noter("m1", "part_pai_numerique", 9)
    assert fichier.read_bytes() == avant  # l'ancien plan est intact
    assert [p.name for p in fichier.parent.iterdir()] == [fichier.name]  # le temporaire est effacé


def test_sous_windows_un_fichier_tenu_un_instant_est_remplace_au_second_essai(fichier, monkeypatch):
    vrai_replace, essais = os.replace, []

    def comme_windows(source, cible):
        essais.append(cible)
        if len(essais) == 1:
            raise PermissionError(13, "Accès refusé")  # un antivirus lit le fichier
        vrai_replace(source, cible)

    monkeypatch.setattr(stockage.os, "replace", comme_windows)
    monkeypatch.setattr(stockage.time, "sleep", lambda _s: None)
    Plan.ouvrir("Kandi").noter("m1", "part_pai_numerique", 4.5)
    assert len(essais) == 3  # ouvrir note la commune (refusé, puis réussi), noter écrit une fois
    assert Plan.ouvrir().lire("m1", "part_pai_numerique") == 4.5


def test_chemin_a_la_windows_dans_atelier_plan(tmp_path, monkeypatch):
    # Un chemin copié depuis l'explorateur Windows : sous Linux, la barre oblique inverse
    # fait partie du nom ; le plan s'y écrit quand même, sans erreur, et se relit.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ATELIER_PLAN", "Mes documents\\plan.json")
    Plan.ouvrir("Kandi").noter("m4", "relais", 12)
    assert Plan.ouvrir().lire("m4", "relais") == 12
    assert stockage.chemin_par_defaut().exists()


def test_sans_variable_le_plan_est_dans_le_dossier_personnel(tmp_path, monkeypatch):
    monkeypatch.delenv("ATELIER_PLAN", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))  # Windows
    assert stockage.chemin_par_defaut() == tmp_path / "mon_plan_numerique.json"


@pytest.mark.parametrize(
    "contenu, mot",
    [
        ('{"version": 1, "communes": {"Kandi": {"modules": {"m1": ', "JSON complet"),
        ("[1, 2, 3]", "ne ressemble pas"),
        ('{"version": 0, "communes": {}}', "autre version"),
        ('{"version": 2, "communes": {}}', "autre version"),
        ('{"version": 1, "communes": {"Kandi": "oui"}}', "abîmée"),
        (
            '{"version": 1, "communes": {"Kandi": {"modules": {"m1": {"part_pai_numerique": 4}}}}}',
            "abîmée",
        ),
        (b"\xff\xfe\x00plan", "ne peut pas être lu"),
    ],
    ids=["coupe", "pas_un_plan", "ancien", "plus_recent", "abime", "choix_sans_valeur", "pas_utf8"],
)
def test_un_fichier_abime_est_garde_de_cote_et_un_plan_neuf_commence(fichier, contenu, mot):
    fichier.parent.mkdir(parents=True)
    brut = contenu if isinstance(contenu, bytes) else contenu.encode()
    fichier.write_bytes(brut)
    plan = Plan.ouvrir("Kandi")
    assert mot in plan.avertissement and "gardé tel quel" in plan.avertissement
    assert "Traceback" not in plan.avertissement
    copies = list(fichier.parent.glob("mon_plan_numerique.illisible-*.json"))
    assert len(copies) == 1 and copies[0].read_bytes() == brut  # rien de ce qu'il avait n'est perdu
    assert copies[0].name in plan.avertissement
    assert json.loads(fichier.read_text(encoding="utf-8"))["communes"] == {
        "Kandi": {"modules": {}, "mes_chiffres": {}}
    }
    plan.noter("m1", "part_pai_numerique", 3)
    assert Plan.ouvrir().lire("m1", "part_pai_numerique") == 3


def test_une_seconde_sauvegarde_n_ecrase_pas_la_premiere(fichier):
    fichier.parent.mkdir(parents=True)
    for contenu in ("abîmé une fois", "abîmé deux fois"):
        fichier.write_text(contenu, encoding="utf-8")
        Plan.ouvrir("Kandi")
    copies = sorted(p.read_text(encoding="utf-8") for p in fichier.parent.glob("*.illisible-*"))
    assert copies == ["abîmé deux fois", "abîmé une fois"]


def test_messages_en_francais_sur_une_mauvaise_saisie(fichier):
    with pytest.raises(ErreurPlan, match="Choisissez d'abord votre commune"):
        Plan.ouvrir().noter("m1", "part_pai_numerique", 4)
    plan = Plan.ouvrir("Kandi")
    with pytest.raises(ErreurPlan, match="Module inconnu : « m9 »"):
        plan.noter("m9", "x", 1)
    with pytest.raises(ErreurPlan, match="vide ou infinie"):
        plan.noter("m1", "part_pai_numerique", float("nan"))
    with pytest.raises(ErreurPlan, match="pas un objet de type"):
        plan.noter("m1", "part_pai_numerique", object())
    with pytest.raises(ErreurPlan, match="donnez un nombre"):
        plan.noter_chiffre("population_2024", "beaucoup")
    with pytest.raises(ErreurPlan, match="Origine inconnue"):
        plan.noter_chiffre("population_2024", 1, origine="wikipédia")
    assert Plan.ouvrir().choix() == {}  # rien de faux n'a été écrit
