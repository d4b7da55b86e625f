"""Les liens entre carnets et vers les fichiers du kit mènent quelque part."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from conftest import RACINE, notebooks_du_depot

LIEN = re.compile(r"\]\(([^)\s]+)\)")


def _cible(carnet: Path, lien: str) -> Path:
    chemin = (carnet.parent / unquote(lien.split("#")[0])).resolve()
    # mes_exercices/<id>/ est créé par « make lab » à partir de exercises/source/<id>/.
    relatif = chemin.relative_to(RACINE) if chemin.is_relative_to(RACINE) else None
    if relatif and relatif.parts[:1] == ("mes_exercices",):
        return RACINE / "exercises" / "source" / Path(*relatif.parts[1:])
    return chemin


@pytest.mark.parametrize("carnet", notebooks_du_depot(), ids=lambda p: p.name)
def test_les_liens_relatifs_des_carnets_existent(carnet):
    cassés = []
    for cellule in nbformat.read(carnet, as_version=4).cells:
        if cellule.cell_type != "markdown":
            continue
        for lien in LIEN.findall(cellule.source):
            if re.match(r"^[a-z]+:", lien) or lien.startswith("#"):
                continue
            if not _cible(carnet, lien).exists():
                cassés.append(lien)
    assert not cassés, f"liens cassés dans {carnet.name} : {cassés}"


def test_aucun_carnet_ne_charge_quoi_que_ce_soit_depuis_internet():
    for carnet in notebooks_du_depot():
        for cellule in nbformat.read(carnet, as_version=4).cells:
            if cellule.cell_type == "code":
                assert not re.search(r"https?://", cellule.source), (
                    f"{carnet.name} : adresse web dans du code"
                )
