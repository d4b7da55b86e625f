"""Une salle de 30 (issue 17) : trente participants démarrent, ouvrent une leçon, l'exécutent et
bougent un curseur en même temps, sur un vrai hub avec de vrais comptes (en root, sur 127.0.0.1).

Version courte de bench/salle/charge.py (paliers 10, 20, 30, leçon du module 2, comparaison avec
JupyterHub par défaut : bench/salle/charge.md) : une petite leçon (pandas, matplotlib, ipywidgets),
les réglages du kit seuls, un seul palier de 30. Comptes préfixés, supprimés même en cas d'échec.
"""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

from conftest import RACINE, exiger

pytestmark = [pytest.mark.lent, pytest.mark.hub]

sys.path.insert(0, str(RACINE / "bench" / "salle"))

NB_PARTICIPANTS = 30
LECON = RACINE / "tests" / "fixtures" / "salle" / "lecon_charge.ipynb"
# Le curseur de la leçon bougé trois fois, et le calcul qu'il commande refait à chaque fois.
MOUVEMENTS = ["seuils = []"] + [
    f"curseur.value = {v}\nseuils.append(int((communes.connectes > curseur.value).sum()))\nprint(seuils[-1])"
    for v in (0.1, 0.35, 0.55)
]


def test_trente_participants_en_meme_temps_sans_aucune_erreur():
    exiger(os.geteuid() == 0, "la salle crée de vrais comptes Unix : il faut être root")
    exiger(shutil.which("configurable-http-proxy") is not None, "configurable-http-proxy absent")
    exiger(shutil.which("useradd") is not None, "useradd absent")
    import charge

    lecon = json.loads(LECON.read_text(encoding="utf-8"))
    cellules = sum(1 for c in lecon["cells"] if c["cell_type"] == "code")
    noms = [f"p{i:02d}" for i in range(NB_PARTICIPANTS)]
    with charge.salle_de_test(noms, [], RACINE / "exercises" / "source") as (hub, prefixe, _, journal):
        mesure = charge.palier(hub, [prefixe + n for n in noms], lecon, MOUVEMENTS)
        en_erreur = [p["nom"] for p in mesure["parcours"] if p["erreur"] or p["demarrage_s"] is None]
        journal_des_erreurs = "\n".join(charge.journal_de(journal, en_erreur)) if en_erreur else ""
        causes = {nom: charge.cause_connue(journal, nom) for nom in en_erreur}

    resume = {k: v for k, v in mesure.items() if k != "parcours"}
    print(f"\n{json.dumps(resume, ensure_ascii=False)}\n{journal_des_erreurs}")
    assert mesure["demarres"] == NB_PARTICIPANTS, (resume, journal_des_erreurs)
    inexpliquees = [p["erreur"] for p in mesure["parcours"] if p["erreur"] and not causes.get(p["nom"])]
    assert inexpliquees == [], (inexpliquees, journal_des_erreurs)
    for p in mesure["parcours"]:
        if not p["erreur"]:
            assert len(p["latences_s"]) == cellules + len(MOUVEMENTS), p
    if causes:
        # Défaut connu, pas encore corrigé (bench/salle/charge.md) : signalé, jamais passé sous silence.
        pytest.xfail(f"{len(causes)} participant(s) sur {NB_PARTICIPANTS} : {charge.PORT_DEJA_PRIS}")
    assert mesure["noyaux_ouverts"] == NB_PARTICIPANTS, resume
