"""Un participant hostile contre la remise des devoirs, sur un vrai hub (de vrais comptes Unix, en root).

Les copies passent par le dépôt de la salle (atelier.salle.depot), un service du hub qui
reconnaît le participant à son jeton ; personne n'écrit dans l'échange. Depuis le noyau de
leur propre serveur (donc sous leur compte), des participants essaient :

(a) de remettre, par l'onglet « Devoirs », une copie pleine de liens vers les sources du
    cours (solutions, tests cachés), le carnet de notes et le fichier de connexion du
    serveur du formateur (son jeton) ;
(b) d'envoyer eux-mêmes au dépôt une archive piégée (liens, chemins qui sortent du dossier,
    copie rangée sous le nom d'une autre), de déposer une copie au nom d'une autre dans
    l'échange ou dans le dépôt, ou d'appeler le dépôt sans jeton ;
(c) de remettre une copie avec un fichier et un dossier que personne ne peut lire.

Puis le formateur ramasse, corrige, rend les retours et fait le bilan, avec sa commande,
sous son compte. Rien de secret ne doit arriver là où un participant peut lire, aucune
copie ne doit passer pour celle de la victime, les incidents doivent être sur l'écran du
formateur et dans le bilan, et toutes les copies doivent être ramassées et notées.
Une seule salle pour toutes les attaques (la fixture de test_salle_hub.py).
"""

from __future__ import annotations

import concurrent.futures
import json
import os
from pathlib import Path

import pytest
from test_salle_hub import SCENARIO, _nbgrader, salle, solution, texte  # noqa: F401 (salle : fixture)

pytestmark = [pytest.mark.lent, pytest.mark.hub]

# Ce qui ne doit jamais arriver là où un participant lit.
MARQUE_CARNET_DE_NOTES = b"submitted_assignment"  # une table du carnet de notes nbgrader


def _poster_au_depot(
    devoir: str,
    membres: str,
    entetes: str = "{'Authorization': 'token ' + os.environ['JUPYTERHUB_API_TOKEN']}",
) -> str:
    """Le code qu'un participant tape dans son noyau pour envoyer lui-même une archive au dépôt."""
    return (
        "import io, os, tarfile, urllib.request, urllib.error\n"
        "tampon = io.BytesIO()\n"
        "with tarfile.open(fileobj=tampon, mode='w') as t:\n"
        f"    for nom, genre, contenu in {membres}:\n"
        "        info = tarfile.TarInfo(nom)\n"
        "        if genre == 'lien':\n"
        "            info.type, info.linkname = tarfile.SYMTYPE, contenu\n"
        "            t.addfile(info)\n"
        "        else:\n"
        "            donnees = open(contenu, 'rb').read() if genre == 'copie' else contenu.encode()\n"
        "            info.size = len(donnees)\n"
        "            t.addfile(info, io.BytesIO(donnees))\n"
        f"r = urllib.request.Request(os.environ['ATELIER_DEPOT'] + 'api/depot/{devoir}', data=tampon.getvalue(),\n"
        f"                           method='POST', headers={entetes})\n"
        "try:\n"
        "    print(urllib.request.urlopen(r).status)\n"
        "except urllib.error.HTTPError as e:\n"
        "    print(e.code, e.read().decode())"
    )


def _essayer(code: str) -> str:
    """Du code qui doit échouer faute de droits ; affiche le nom de l'erreur."""
    return (
        f"try:\n    {code}\n    print('RÉUSSI')\nexcept OSError as e:\n    print(type(e).__name__)"
    )


def test_un_participant_hostile_ne_casse_pas_la_remise(salle):  # noqa: F811 (fixture importée)
    etat, hub, prefixe = salle["etat"], salle["hub"], salle["prefixe"]
    formateur = f"{prefixe}form"
    honnete, attaquant, victime, cachottier = (
        f"{prefixe}{n}" for n in ("awa", "koffi", "nadia", "charge01")
    )
    participants = [honnete, attaquant, victime, cachottier]
    cours, devoir, carnet = etat.cours_id, SCENARIO.devoir, SCENARIO.carnet
    assert not (etat.echange / cours / "inbound").exists()

    hub.demarrer(formateur)
    srv_formateur = hub.serveur(formateur)
    _nbgrader(
        srv_formateur,
        f"nbgrader generate_assignment {devoir} --force",
        f"nbgrader release_assignment {devoir} --force",
    )
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(hub.demarrer, participants))
    srv = {nom: hub.serveur(nom) for nom in participants}

    # Les secrets du formateur, lus ici en root : le jeton de son serveur, les tests cachés.
    runtime = Path(etat.homes) / formateur / ".local" / "share" / "jupyter" / "runtime"
    fichier_jeton = next(runtime.glob("jpserver-*.json"))
    jeton_formateur = json.loads(fichier_jeton.read_text())["token"]
    assert jeton_formateur
    source = etat.cours / "source" / devoir / carnet
    mon_carnet = f"{cours}/{devoir}/{carnet}"  # relatif au dossier personnel, où le noyau démarre

    # Les pièges posés dans le dossier du devoir avant de le remettre.
    liens_poses = {
        "solutions.ipynb": source,
        "solutions.html": source,
        "jeton.html": fichier_jeton,
        "carnet_de_notes.db": etat.cours / "gradebook.db",
        "cours": etat.cours,
    }
    pieges = {
        attaquant: "".join(
            f"os.symlink({str(cible)!r}, os.path.join(d, {nom!r}))\n"
            for nom, cible in liens_poses.items()
        ),
        cachottier: (
            "open(os.path.join(d, 'brouillon.txt'), 'w').write('à moi seul')\n"
            "os.chmod(os.path.join(d, 'brouillon.txt'), 0)\n"
            "os.mkdir(os.path.join(d, 'prive'), 0)\n"
        ),
    }

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
        copie = s.lire(mon_carnet)
        for cellule in copie["cells"]:
            grade_id = cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id in reponses:
                cellule["source"] = reponses[grade_id]
        s.executer_carnet(copie)
        s.ecrire_carnet(mon_carnet, copie)
        remis[nom] = [texte(c) for c in copie["cells"]]
        if nom in pieges:
            (resultat,) = s.executer([f"import os\nd = {f'{cours}/{devoir}'!r}\n{pieges[nom]}"])
            assert resultat["statut"] == "ok", resultat
        assert s.devoirs("remettre", cours, devoir)["success"]

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(faire_le_devoir, participants))

    # L'attaquant essaie ensuite tout ce qu'il peut depuis son noyau.
    depots = etat.depots
    faux = json.loads(source.read_text(encoding="utf-8"))
    faux["cells"] = [c for c in faux["cells"] if c["cell_type"] == "markdown"][:1]
    faux["cells"][0]["source"] = "Copie forgée par un autre compte"
    archive_piegee = repr(
        [
            (carnet, "copie", mon_carnet),
            ("solutions.ipynb", "lien", str(source)),
            (f"../{victime}/{devoir}/x/{carnet}", "texte", json.dumps(faux)),
            ("/tmp/evasion.txt", "texte", "x"),
        ]
    )
    sans_jeton = _poster_au_depot(devoir, repr([(carnet, "texte", json.dumps(faux))]), entetes="{}")
    tentatives = srv[attaquant].executer(
        [
            f"import json, os\njson.dump({faux!r}, open('faux.ipynb', 'w'))",
            _essayer(
                f"os.makedirs({str(etat.echange / cours / 'inbound' / f'{victime}+{devoir}+x+y')!r})"
            ),
            _essayer(f"os.makedirs({str(depots / victime / devoir / 'x')!r})"),
            _essayer(f"os.listdir({str(depots)!r})"),
            _essayer(f"open({str(etat.echange / cours / 'outbound' / 'piege.txt')!r}, 'w')"),
            sans_jeton,
            _poster_au_depot(devoir, archive_piegee),
        ]
    )
    assert all(t["statut"] == "ok" for t in tentatives), tentatives
    sorties = [t["texte"].strip() for t in tentatives[1:]]
    assert sorties[:4] == ["PermissionError"] * 4, sorties
    assert sorties[4].startswith("403") and "connectez-vous" in sorties[4], sorties[4]
    assert sorties[5] == "201", sorties[5]
    assert not Path("/tmp/evasion.txt").exists()

    # Le formateur ramasse, corrige, rend les retours et fait le bilan (sa commande, sous son compte).
    ramassage, correction, _, _ = _nbgrader(
        srv_formateur,
        f"python -m atelier.formateur ramasser {devoir} --cours .",
        f"python -m atelier.formateur corriger {devoir} --cours .",
        f"python -m atelier.formateur retours {devoir} --cours . --forcer",
        "python -m atelier.formateur bilan --cours .",
    )

    # Sur l'écran du formateur : une ligne par copie, les incidents en clair, aucune trace Python.
    sortie = ramassage["texte"]
    assert "Traceback" not in sortie and "shutil.Error" not in sortie, sortie
    for nom in participants:
        assert f"✓ {nom} : ramassée." in sortie, sortie
    alerte = next(
        ligne for ligne in sortie.splitlines() if ligne.startswith(f"ALERTE {attaquant} :")
    )
    for morceau in ("solutions.ipynb (lien", f"../{victime}/", "/tmp/evasion.txt"):
        assert morceau in alerte, alerte

    # Les copies : celle de la victime est la sienne, chacun a sa note, rien de perdu.
    soumissions = srv_formateur.requete("GET", f"formgrader/api/submissions/{devoir}").json()
    notes = {s["student"]: s["score"] for s in soumissions if s["student"] in participants}
    assert notes == {nom: SCENARIO.note_max for nom in participants}, (notes, correction["texte"])
    soumis = etat.cours / "submitted"
    for nom in participants:
        ramasse = json.loads((soumis / nom / devoir / carnet).read_text(encoding="utf-8"))
        assert [texte(c) for c in ramasse["cells"]] == remis[nom], nom
    assert sorted(p.name for p in (soumis / attaquant / devoir).iterdir()) == [
        carnet,
        "submission_secret.txt",
        "timestamp.txt",
    ]
    assert not any(p.is_symlink() for p in soumis.rglob("*"))

    # Dans le bilan (tableau de bord) : l'incident, au nom de l'attaquant.
    tableau = (etat.cours / "bilan" / "tableau_de_bord.html").read_text(encoding="utf-8")
    assert "Aucun incident" not in tableau and "incident(s) au ramassage" in tableau
    assert "refusé(s) par le dépôt" in tableau and attaquant in tableau

    # Les retours : chacun récupère le sien (la salle marche encore).
    for nom in (honnete, victime, cachottier):
        srv[nom].devoirs("retours", cours, devoir)
        assert len(srv[nom].lister(f"{cours}/{devoir}/feedback")) == 1, nom

    # Aucun secret là où un participant lit : l'échange, les dossiers personnels des participants.
    secrets = [c.encode() for c in SCENARIO.extraits_caches] + [
        jeton_formateur.encode(),
        MARQUE_CARNET_DE_NOTES,
    ]
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
