"""Un participant hostile contre l'échange des devoirs, sur un vrai hub (de vrais comptes Unix, en root).

Depuis le noyau de leur propre serveur (donc sous leur compte), des participants posent
dans l'échange nbgrader :

(a) dans leur propre copie, des liens vers les sources du cours (solutions, tests cachés),
    le carnet de notes et le fichier de connexion du serveur du formateur (son jeton) ;
(b) une copie faite à la main au nom d'une autre participante ;
(c) une copie avec un fichier et un dossier que seul son auteur peut lire.

Puis le formateur ramasse, corrige, rend les retours et fait le bilan, avec sa commande,
sous son compte. Rien de secret ne doit arriver là où un participant peut lire, la copie
forgée ne doit pas passer pour celle de la victime, les incidents doivent être sur l'écran
du formateur et dans le bilan, et les autres copies doivent être ramassées et notées.
Une seule salle pour toutes les attaques (la fixture de test_salle_hub.py).
"""

from __future__ import annotations

import concurrent.futures
import datetime
import json
import os
from pathlib import Path

import pytest
from test_salle_hub import SCENARIO, _nbgrader, salle, solution, texte  # noqa: F401 (salle : fixture)

pytestmark = [pytest.mark.lent, pytest.mark.hub]

# Ce qui ne doit jamais arriver là où un participant lit.
MARQUE_CARNET_DE_NOTES = b"submitted_assignment"  # une table du carnet de notes nbgrader


def _heure(decalage_min: int) -> str:
    """Une heure au format des dépôts nbgrader, dans le futur pour passer devant la vraie copie."""
    quand = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=decalage_min)
    return quand.strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def _deposer_a_la_main(inbound: Path, nom_du_depot: str, carnet: str, pieges: str = "") -> str:
    """Le code qu'un participant tape dans son noyau pour déposer un dossier à la main dans l'échange."""
    return (
        "import os, shutil\n"
        f"d = {str(inbound / nom_du_depot)!r}\n"
        "os.mkdir(d)\n"
        f"shutil.copy({carnet!r}, d)\n"
        "os.chmod(d, 0o755)\n"
        "for f in os.listdir(d):\n"
        "    os.chmod(os.path.join(d, f), 0o644)\n"
        f"{pieges}"
        "print(sorted(os.listdir(d)))"
    )


def test_un_participant_hostile_ne_casse_pas_l_echange(salle):  # noqa: F811 (fixture importée)
    etat, hub, prefixe = salle["etat"], salle["hub"], salle["prefixe"]
    formateur = f"{prefixe}form"
    honnete, attaquant, victime, cachottier = (f"{prefixe}{n}" for n in ("awa", "koffi", "nadia", "charge01"))
    participants = [honnete, attaquant, victime, cachottier]
    cours, devoir, carnet = etat.cours_id, SCENARIO.devoir, SCENARIO.carnet
    inbound = etat.echange / cours / "inbound"

    hub.demarrer(formateur)
    srv_formateur = hub.serveur(formateur)
    _nbgrader(srv_formateur, f"nbgrader generate_assignment {devoir} --force",
              f"nbgrader release_assignment {devoir} --force")
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(hub.demarrer, participants))
    srv = {nom: hub.serveur(nom) for nom in participants}

    # Les secrets du formateur, lus ici en root : le jeton de son serveur, les tests cachés.
    runtime = Path(etat.homes) / formateur / ".local" / "share" / "jupyter" / "runtime"
    fichier_jeton = next(runtime.glob("jpserver-*.json"))
    jeton_formateur = json.loads(fichier_jeton.read_text())["token"]
    assert jeton_formateur
    source = etat.cours / "source" / devoir / carnet

    # Chacun fait le devoir et le remet par le hub, avec les réponses de la solution.
    reponses = {
        c["metadata"]["nbgrader"]["grade_id"]: solution(texte(c))
        for c in json.loads(source.read_text(encoding="utf-8"))["cells"]
        if c.get("metadata", {}).get("nbgrader", {}).get("solution")
    }
    remis = {}

    def faire_le_devoir(nom):
        s = srv[nom]
        s.devoirs("recuperer", cours, devoir)
        copie = s.lire(f"{cours}/{devoir}/{carnet}")
        for cellule in copie["cells"]:
            grade_id = cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id in reponses:
                cellule["source"] = reponses[grade_id]
        s.executer_carnet(copie)
        s.ecrire_carnet(f"{cours}/{devoir}/{carnet}", copie)
        remis[nom] = [texte(c) for c in copie["cells"]]
        assert s.devoirs("remettre", cours, devoir)["success"]

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(faire_le_devoir, participants))

    # Les attaques, tapées dans le noyau de chaque participant (sous son compte).
    mon_carnet = f"{cours}/{devoir}/{carnet}"  # relatif au dossier personnel, où le noyau démarre
    # Un « .html » dans la copie finirait avec les retours (nbgrader rend tous les .html du dossier de retours).
    liens_poses = {"solutions.ipynb": source, "solutions.html": source, "jeton.html": fichier_jeton,
             "carnet_de_notes.db": etat.cours / "gradebook.db", "cours": etat.cours}
    pieges_liens = "".join(
        f"os.symlink({str(cible)!r}, os.path.join(d, {nom!r}))\n"
        for nom, cible in liens_poses.items()
    )
    pieges_illisibles = (
        "open(os.path.join(d, 'brouillon.txt'), 'w').write('à moi seul')\n"
        "os.chmod(os.path.join(d, 'brouillon.txt'), 0o600)\n"
        "os.mkdir(os.path.join(d, 'prive'), 0o700)\n"
    )
    faux = json.loads(source.read_text(encoding="utf-8"))
    faux["cells"] = [c for c in faux["cells"] if c["cell_type"] == "markdown"][:1]
    faux["cells"][0]["source"] = "Copie forgée par un autre compte"
    attaques = {
        attaquant: [
            _deposer_a_la_main(inbound, f"{attaquant}+{devoir}+{_heure(5)}+piege", mon_carnet, pieges_liens),
            f"import json\njson.dump({faux!r}, open('faux.ipynb', 'w'))",
            _deposer_a_la_main(inbound, f"{victime}+{devoir}+{_heure(10)}+usurpe", "faux.ipynb",
                               f"os.rename(os.path.join(d, 'faux.ipynb'), os.path.join(d, {carnet!r}))\n"),
        ],
        cachottier: [_deposer_a_la_main(inbound, f"{cachottier}+{devoir}+{_heure(5)}+cache", mon_carnet,
                                        pieges_illisibles)],
    }
    for nom, codes in attaques.items():
        for resultat in srv[nom].executer(codes):
            assert resultat["statut"] == "ok", (nom, resultat)

    # Le formateur ramasse, corrige, rend les retours et fait le bilan (sa commande, sous son compte).
    ramassage, correction, _, _ = _nbgrader(
        srv_formateur, f"python -m atelier.formateur ramasser {devoir} --cours .",
        f"python -m atelier.formateur corriger {devoir} --cours .",
        f"python -m atelier.formateur retours {devoir} --cours . --forcer",
        "python -m atelier.formateur bilan --cours .",
    )

    # Sur l'écran du formateur : une ligne par copie, les incidents en clair, aucune trace Python.
    sortie = ramassage["texte"]
    assert "Traceback" not in sortie and "shutil.Error" not in sortie, sortie
    for nom in (honnete, victime):
        assert f"✓ {nom} : ramassée." in sortie, sortie
    usurpation = next(ligne for ligne in sortie.splitlines() if "usurpation" in ligne)
    assert usurpation.startswith(f"ALERTE {attaquant} :") and f"« {victime} »" in usurpation, usurpation
    liens = next(ligne for ligne in sortie.splitlines() if ligne.startswith(f"ALERTE {attaquant} : copie ramassée"))
    for nom in liens_poses:
        assert f"{nom} (lien symbolique)" in liens, liens
    illisible = next(ligne for ligne in sortie.splitlines() if ligne.startswith(f"ALERTE {cachottier} :"))
    assert "brouillon.txt (illisible" in illisible and "prive (" in illisible, illisible

    # Les copies : celle de la victime est la sienne, chacun a sa note, rien de perdu.
    soumissions = srv_formateur.requete("GET", f"formgrader/api/submissions/{devoir}").json()
    notes = {s["student"]: s["score"] for s in soumissions if s["student"] in participants}
    assert notes == {nom: SCENARIO.note_max for nom in participants}, (notes, correction["texte"])
    soumis = etat.cours / "submitted"
    for nom in participants:
        ramasse = json.loads((soumis / nom / devoir / carnet).read_text(encoding="utf-8"))
        assert [texte(c) for c in ramasse["cells"]] == remis[nom], nom
    assert sorted(p.name for p in (soumis / attaquant / devoir).iterdir()) == [
        carnet, "submission_secret.txt", "timestamp.txt"]
    assert not any(p.is_symlink() for p in soumis.rglob("*"))

    # Dans le bilan (tableau de bord) : l'incident, avec les deux noms.
    tableau = (etat.cours / "bilan" / "tableau_de_bord.html").read_text(encoding="utf-8")
    assert "Aucun incident" not in tableau and "incident(s) au ramassage" in tableau
    assert "usurpation" in tableau and attaquant in tableau and f"« {victime} »" in tableau

    # Les retours : chacun récupère le sien (la salle marche encore).
    for nom in (honnete, victime):
        srv[nom].devoirs("retours", cours, devoir)
        assert len(srv[nom].lister(f"{cours}/{devoir}/feedback")) == 1, nom

    # Aucun secret là où un participant lit : l'échange, les dossiers personnels des participants.
    secrets = [c.encode() for c in SCENARIO.extraits_caches] + [jeton_formateur.encode(), MARQUE_CARNET_DE_NOTES]
    lisibles = [etat.echange, *(Path(etat.homes) / nom for nom in etat.participants)]
    fuites = []
    for racine in lisibles:
        for dossier, _, fichiers in os.walk(racine):  # ne suit pas les liens
            for nom in fichiers:
                chemin = Path(dossier) / nom
                if chemin.is_symlink() or not chemin.is_file():
                    continue
                contenu = chemin.read_bytes()
                fuites += [(str(chemin), s[:30]) for s in secrets if s in contenu]
    assert not fuites, fuites
