"""L'onglet des devoirs de nbgrader en français (atelier.nbgrader_fr)."""

from __future__ import annotations

import json

from atelier import nbgrader_fr


def test_chaque_texte_de_l_onglet_est_traduit_pour_la_version_epinglee(tmp_path):
    source = nbgrader_fr.source_installee()
    assert source is not None, "extension JupyterLab de nbgrader introuvable"
    assert nbgrader_fr.preparer(tmp_path, source) == []
    code = "".join(
        f.read_text(encoding="utf-8")
        for f in (tmp_path / nbgrader_fr.EXTENSION / "static").glob("*.js")
    )
    for anglais, francais in nbgrader_fr.TRADUCTIONS.items():
        assert francais in code
        assert anglais not in code, anglais
    # L'original n'est pas touché.
    assert "Released assignments" in "".join(
        f.read_text(encoding="utf-8") for f in (source / "static").glob("*.js")
    )


def test_une_autre_version_est_refaite_et_les_textes_absents_sont_signales(tmp_path):
    source = tmp_path / "source"
    (source / "static").mkdir(parents=True)
    (source / "package.json").write_text(
        json.dumps({"name": "@jupyter/nbgrader", "version": "9.9.9"})
    )
    (source / "static" / "a.js").write_text(
        'x.innerText="Submit";y="Released assignments"', encoding="utf-8"
    )
    donnees = tmp_path / "donnees"
    manquants = nbgrader_fr.preparer(donnees, source)
    assert "Released assignments" not in manquants and 'innerText="Submit"' not in manquants
    assert '"Fetch Feedback"' in manquants
    copie = donnees / nbgrader_fr.EXTENSION / "static" / "a.js"
    assert copie.read_text(encoding="utf-8") == 'x.innerText="Remettre";y="Devoirs distribués"'
    # Même version : rien n'est refait ; nouvelle version : la copie suit.
    copie.write_text("modifié", encoding="utf-8")
    nbgrader_fr.preparer(donnees, source)
    assert copie.read_text(encoding="utf-8") == "modifié"
    (source / "package.json").write_text(
        json.dumps({"name": "@jupyter/nbgrader", "version": "10.0.0"})
    )
    nbgrader_fr.preparer(donnees, source)
    assert "Remettre" in copie.read_text(encoding="utf-8")
