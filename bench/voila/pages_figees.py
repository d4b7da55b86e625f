"""Combien de pages Voilà restent figées ? Client de jupyter contre client du kit.

Ouvre N fois les applications du kit dans Chromium (comme les tests), déplace un
curseur, referme la page, et compte les pages sans contrôle affiché après 45 s.

    .venv/bin/python bench/voila/pages_figees.py 70 --client jupyter
    .venv/bin/python bench/voila/pages_figees.py 70 --client kit

« kit » : les réglages de config/jupyter/voila.py (ClientVigilant) ; « jupyter » :
les mêmes, avec le client ordinaire d'AsyncKernelManager. Résultats : RESULTATS.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RACINE / "tests"))
sys.path.insert(0, str(RACINE / "src"))
from test_navigateur import ARGUMENTS_CHROMIUM  # noqa: E402

from conftest import port_libre  # noqa: E402

CLIENTS = {
    "kit": [],
    "jupyter": ["--KernelManager.client_factory=jupyter_client.asynchronous.AsyncKernelClient"],
}


def mesurer(pages: int, client: str) -> dict:
    from playwright.sync_api import sync_playwright

    port, home = port_libre(), tempfile.mkdtemp(prefix="bench-voila-")
    env = {
        **os.environ,
        "HOME": home,
        "JUPYTER_CONFIG_DIR": str(RACINE / "config" / "jupyter"),
        "JUPYTER_PATH": str(RACINE / "config" / "jupyter-data"),
    }
    voila = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "voila"),
            "notebooks/applications",
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--MappingKernelManager.cull_idle_timeout=30",
            "--MappingKernelManager.cull_interval=5",
            *CLIENTS[client],
        ],
        cwd=RACINE,
        env=env,
        stdout=open(Path(home) / "voila.log", "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    applis = sorted(p.stem for p in (RACINE / "notebooks" / "applications").glob("*.ipynb"))
    figees: list[str] = []
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as p:
            navigateur = p.chromium.launch(
                executable_path="/usr/bin/chromium", args=ARGUMENTS_CHROMIUM
            )
            for i in range(pages):
                appli = applis[i % len(applis)]
                page = navigateur.new_page(viewport={"width": 1280, "height": 1000})
                page.goto(f"http://127.0.0.1:{port}/voila/render/{appli}.ipynb", timeout=60_000)
                try:
                    page.locator(".widget-dropdown:visible, .widget-slider:visible").first.wait_for(
                        timeout=45_000
                    )
                    curseurs = page.locator(".widget-slider .noUi-handle")
                    if curseurs.count():
                        curseurs.first.focus()
                        curseurs.first.press("ArrowRight")
                        page.wait_for_timeout(500)
                except Exception:  # noqa: BLE001 - page figée
                    figees.append(appli)
                page.close()
            navigateur.close()
    finally:
        os.killpg(voila.pid, signal.SIGTERM)
        voila.wait()
    return {"client": client, "pages": pages, "figees": len(figees), "applications_figees": figees}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=int, nargs="?", default=70)
    parser.add_argument("--client", choices=sorted(CLIENTS), default="kit")
    arguments = parser.parse_args()
    print(mesurer(arguments.pages, arguments.client))
