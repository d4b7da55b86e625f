"""Une salle de 30 (issue 17) : trente participants démarrent, ouvrent une leçon, l'exécutent et
bougent un curseur en même temps, sur un vrai hub avec de vrais comptes (en root, sur 127.0.0.1).

Version courte de bench/salle/charge.py (paliers 10, 20, 30, leçon du module 2, comparaison avec
JupyterHub par défaut : bench/salle/charge.md) : une petite leçon (pandas, matplotlib, ipywidgets),
les réglages du kit seuls, un seul palier de 30. Comptes préfixés, supprimés même en cas d'échec.
Avant lui, deux tests rapides : les noyaux de la salle passent par des sockets Unix dans un dossier
privé, jamais par des ports TCP qu'un autre processus pourrait prendre (défaut trouvé par ce test).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from conftest import RACINE, exiger

sys.path.insert(0, str(RACINE / "bench" / "salle"))

NB_PARTICIPANTS = 30
LECON = RACINE / "tests" / "fixtures" / "salle" / "lecon_charge.ipynb"
# Le curseur de la leçon bougé trois fois, et le calcul qu'il commande refait à chaque fois.
MOUVEMENTS = ["seuils = []"] + [
    f"curseur.value = {v}\nseuils.append(int((communes.connectes > curseur.value).sum()))\nprint(seuils[-1])"
    for v in (0.1, 0.35, 0.55)
]


COMMUN = RACINE / "deploy" / "config" / "commun"


def _reglages_communs():
    return PyFileConfigLoader("jupyter_server_config.py", path=str(COMMUN)).load_config()


def test_les_noyaux_de_la_salle_passent_par_des_sockets_unix_dans_un_dossier_prive():
    """Pas de ports TCP choisis puis libérés : aucun autre processus ne peut les prendre entre-temps
    (le défaut décrit dans bench/salle/charge.md)."""
    reglages = _reglages_communs()
    dossier = Path(f"/tmp/atelier-noyaux-{os.getuid()}")
    assert reglages.KernelManager.transport == "ipc"
    assert reglages.KernelManager.ip == str(dossier / "noyau")
    assert len(f"{reglages.KernelManager.ip}-999") < 100, (
        "un chemin de socket Unix est limité à 107 caractères"
    )
    etat = dossier.lstat()
    assert (
        stat.S_ISDIR(etat.st_mode)
        and etat.st_uid == os.getuid()
        and stat.S_IMODE(etat.st_mode) == 0o700
    )


def test_un_dossier_des_noyaux_pose_par_un_autre_compte_n_est_pas_utilise(monkeypatch):
    """Un dossier déjà là, à quelqu'un d'autre ou ouvert à tous (ou un lien) : le serveur reste en TCP."""
    uid = 60000 + os.getpid() % 5000  # un compte qui n'est pas celui qui lance le test
    piege = Path(f"/tmp/atelier-noyaux-{uid}")
    if piege.exists() or piege.is_symlink():
        pytest.skip(f"{piege} existe déjà")
    piege.symlink_to(tempfile.mkdtemp())
    try:
        monkeypatch.setattr(os, "getuid", lambda: uid)
        reglages = _reglages_communs()
        assert "transport" not in reglages.KernelManager and "ip" not in reglages.KernelManager
    finally:
        shutil.rmtree(os.readlink(piege), ignore_errors=True)
        piege.unlink()


@pytest.mark.lent
@pytest.mark.hub
def test_trente_participants_en_meme_temps_sans_aucune_erreur():
    exiger(os.geteuid() == 0, "la salle crée de vrais comptes Unix : il faut être root")
    exiger(shutil.which("configurable-http-proxy") is not None, "configurable-http-proxy absent")
    exiger(shutil.which("useradd") is not None, "useradd absent")
    import charge

    lecon = json.loads(LECON.read_text(encoding="utf-8"))
    cellules = sum(1 for c in lecon["cells"] if c["cell_type"] == "code")
    noms = [f"p{i:02d}" for i in range(NB_PARTICIPANTS)]
    with charge.salle_de_test(noms, [], RACINE / "exercises" / "source") as (
        hub,
        prefixe,
        _,
        journal,
    ):
        mesure = charge.palier(hub, [prefixe + n for n in noms], lecon, MOUVEMENTS)
        en_erreur = [
            p["nom"] for p in mesure["parcours"] if p["erreur"] or p["demarrage_s"] is None
        ]
        journal_des_erreurs = "\n".join(charge.journal_de(journal, en_erreur)) if en_erreur else ""
        causes = {nom: charge.cause_connue(journal, nom) for nom in en_erreur}

    resume = {k: v for k, v in mesure.items() if k != "parcours"}
    print(f"\n{json.dumps(resume, ensure_ascii=False)}\n{journal_des_erreurs}")
    assert mesure["demarres"] == NB_PARTICIPANTS, (resume, journal_des_erreurs)
    assert mesure["erreurs"] == [], (mesure["erreurs"], causes, journal_des_erreurs)
    assert mesure["noyaux_ouverts"] == NB_PARTICIPANTS, resume
    for p in mesure["parcours"]:
        assert len(p["latences_s"]) == cellules + len(MOUVEMENTS), p
