"""Code exécuté DANS le noyau par bench_simulateurs.py (pas un module à importer ailleurs).

Construit chaque simulateur d'un module des vues, déplace chaque contrôle sur sa
plage (toutes les options d'un menu, une douzaine de valeurs d'un curseur, une
case cochée puis décochée), et chronomètre avec time.perf_counter, dans le
noyau, comme un participant le vit : le backend « inline » rend chaque figure en
PNG et l'envoie au navigateur par le widget Output du simulateur.

Plancher : autant d'images, de la même taille en pixels, montrant chacune une
simple courbe, par le chemin le plus ordinaire (widget Output, plt.show,
backend inline).
"""

import base64
import importlib
import statistics
import struct
import time

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython import get_ipython
from IPython.display import clear_output

_IMAGES: list[tuple[int, int]] = []
_publier = get_ipython().display_pub.publish


def _espion(data, *args, **kwargs):
    """Note la taille (pixels) de chaque image PNG envoyée au navigateur, quel que soit son chemin."""
    png = data.get("image/png")
    if png is not None:
        brut = base64.b64decode(png) if isinstance(png, str) else png
        _IMAGES.append(struct.unpack(">II", brut[16:24]))  # largeur, hauteur (en-tête IHDR)
    return _publier(data, *args, **kwargs)


get_ipython().display_pub.publish = _espion


def _quantile(valeurs: list[float], q: float) -> float:
    valeurs = sorted(valeurs)
    if len(valeurs) == 1:
        return valeurs[0]
    position = q * (len(valeurs) - 1)
    bas = int(position)
    haut = min(bas + 1, len(valeurs) - 1)
    return valeurs[bas] + (valeurs[haut] - valeurs[bas]) * (position - bas)


def _resume(durees: list[float], cpu: list[float]) -> dict:
    """Temps écoulé (médiane, p95, max) et temps de calcul du noyau (médiane, p95), en ms."""
    return {
        "n": len(durees),
        "mediane_ms": round(1000 * statistics.median(durees), 1),
        "p95_ms": round(1000 * _quantile(durees, 0.95), 1),
        "max_ms": round(1000 * max(durees), 1),
        "cpu_mediane_ms": round(1000 * statistics.median(cpu), 1),
        "cpu_p95_ms": round(1000 * _quantile(cpu, 0.95), 1),
    }


def _valeurs(controle, echantillon: int, echantillon_menu: int | None) -> list:
    """Les valeurs à parcourir pour un contrôle, en finissant par sa valeur de départ."""
    depart = controle.value
    if isinstance(controle, widgets.Checkbox):
        return [not depart, depart]
    options = getattr(controle, "_options_values", None)
    if options is not None:
        valeurs = list(options)
        if isinstance(controle, widgets.SelectionSlider) or echantillon_menu:
            n = echantillon if isinstance(controle, widgets.SelectionSlider) else echantillon_menu
            if len(valeurs) > n:
                valeurs = [valeurs[round(i * (len(valeurs) - 1) / (n - 1))] for i in range(n)]
    else:
        mini, maxi, pas = controle.min, controle.max, controle.step
        brut = [mini + i * (maxi - mini) / (echantillon - 1) for i in range(echantillon)]
        valeurs = [type(depart)(mini + round((v - mini) / pas) * pas) for v in brut]
    suite = [v for v in dict.fromkeys(valeurs) if v != depart]
    return [*suite, depart]


def mesurer_simulateur(
    fabrique, echantillon: int = 12, echantillon_menu: int | None = None
) -> dict:
    _IMAGES.clear()
    debut, debut_cpu = time.perf_counter(), time.process_time()
    sim = fabrique()
    construction, construction_cpu = time.perf_counter() - debut, time.process_time() - debut_cpu
    figures_construction = list(_IMAGES)
    durees, cpu, par_controle = [], [], {}
    figures_mise_a_jour: list = []
    for nom, controle in sim.controles.items():
        propres, propres_cpu = [], []
        for valeur in _valeurs(controle, echantillon, echantillon_menu):
            _IMAGES.clear()
            debut, debut_cpu = time.perf_counter(), time.process_time()
            controle.value = valeur
            propres.append(time.perf_counter() - debut)
            propres_cpu.append(time.process_time() - debut_cpu)
            figures_mise_a_jour = list(_IMAGES) or figures_mise_a_jour
        durees += propres
        cpu += propres_cpu
        if propres:
            par_controle[nom] = _resume(propres, propres_cpu)
    return {
        "construction_ms": round(1000 * construction, 1),
        "construction_cpu_ms": round(1000 * construction_cpu, 1),
        "figures": figures_construction,
        "figures_mise_a_jour": figures_mise_a_jour,
        "mises_a_jour": _resume(durees, cpu),
        "par_controle": par_controle,
    }


_SORTIE = widgets.Output()


def _un_graphique_nu(largeur: int, hauteur: int) -> None:
    with _SORTIE:
        clear_output(wait=True)
        fig, ax = plt.subplots(figsize=(largeur / 100, hauteur / 100), dpi=100)
        ax.plot(range(12), [x * x for x in range(12)], marker="o")
        ax.set_title("Un graphique nu de la même taille")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        plt.show()
        plt.close("all")


def plancher(figures: list, repetitions: int = 12) -> dict:
    """Dessiner ``figures`` (tailles en pixels) en graphiques nus : médiane et p95 de ``repetitions`` essais."""
    _un_graphique_nu(*figures[0]) if figures else None  # échauffement
    durees, cpu = [], []
    for _ in range(repetitions):
        debut, debut_cpu = time.perf_counter(), time.process_time()
        for taille in figures:
            _un_graphique_nu(*taille)
        durees.append(time.perf_counter() - debut)
        cpu.append(time.process_time() - debut_cpu)
    return _resume(durees, cpu) if figures else _resume([0.0], [0.0])


def mesurer_module(
    module: str,
    simulateurs: list[tuple[str, dict]],
    echantillon: int = 12,
    echantillon_menu: int | None = None,
) -> dict:
    debut = time.perf_counter()
    vues = importlib.import_module(module)
    importation = time.perf_counter() - debut
    resultats = {}
    for nom, arguments in simulateurs:
        mesure = mesurer_simulateur(
            lambda nom=nom, arguments=arguments: getattr(vues, nom)(**arguments),
            echantillon,
            echantillon_menu,
        )
        mesure["plancher"] = plancher(mesure["figures_mise_a_jour"] or mesure["figures"])
        resultats[nom] = mesure
    return {"importation_ms": round(1000 * importation, 1), "simulateurs": resultats}
