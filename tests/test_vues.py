"""La base des simulateurs : un changement de contrôle redessine la sortie."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from atelier.vues import Simulateur, case, curseur, figure, menu  # noqa: E402


def test_un_changement_de_controle_recalcule_le_resultat():
    appels = []

    def dessiner(taux, commune, detail):
        appels.append((taux, commune, detail))
        plt.figure()
        return {"double": taux * 2, "commune": commune}

    sim = Simulateur(
        {
            "taux": curseur("Taux", 0, 10, 3),
            "commune": menu("Commune", ["Kandi", "Nikki"]),
            "detail": case("Détail"),
        },
        dessiner,
        titre="Essai",
    )
    assert sim.resultat == {"double": 6, "commune": "Kandi"}
    sim.controles["taux"].value = 5
    assert sim.resultat["double"] == 10
    sim.controles["commune"].value = "Nikki"
    assert sim.resultat["commune"] == "Nikki"
    assert appels[-1] == (5, "Nikki", False)
    assert not plt.get_fignums(), "les figures dessinées doivent être fermées"


def test_curseur_entier_ou_decimal():
    assert type(curseur("n", 0, 10, 2)).__name__ == "IntSlider"
    # pas d'espace dans « 2025 »
    assert type(curseur("Année", 2013, 2040, 2025)).__name__ == "IntSlider"


def test_curseur_affiche_ses_valeurs_a_la_francaise():
    taux = curseur("Taux (%)", 0, 1, 0.5, pas=0.05)
    assert taux.value == 0.5 and taux.label == "0,50"
    assert len(taux.options) == 21 and taux.options[-1] == ("1,00", 1.0)
    taux.value = 0.35  # une valeur de la grille, sans erreur d'arrondi
    assert taux.label == "0,35"
    assert curseur("Taux (%)", 4, 15, 8.0, pas=0.5, format_=".1f").label == "8,0"
    loyer = curseur("Loyer (FCFA/mois)", 0, 150_000, 42_000, pas=1000)
    assert loyer.value == 42_000 and isinstance(loyer.value, int)
    assert loyer.label == "42\u202f000" and loyer.options[-1][0] == "150\u202f000"
    # Une valeur hors de la grille (celle d'une commune, par exemple) prend la plus proche.
    plateforme = curseur("Plateforme", 1, 40, 12.34, pas=0.1, format_=".1f")
    assert plateforme.value == 12.3 and plateforme.label == "12,3"
    plateforme.value = 13.66
    assert plateforme.value == 13.7 and plateforme.label == "13,7"
    plateforme.value = 99
    assert plateforme.value == 40.0


def test_regler_et_lier_redessinent_une_seule_fois():
    appels = []

    def dessiner(a, b):
        appels.append((a, b))
        return a + b

    sim = Simulateur({"a": curseur("a", 0, 10, 1), "b": curseur("b", 0, 10, 1)}, dessiner)
    appels.clear()
    assert sim.regler(a=3, b=4) == 7 and appels == [(3, 4)]
    sim.lier("a", lambda a: {"b": 10 - a})
    appels.clear()
    sim.controles["a"].value = 2
    assert appels == [(2, 8)] and sim.resultat == 10


def test_un_simulateur_reprend_sa_figure_videe_de_ce_que_la_mise_a_jour_precedente_y_avait_mis():
    def dessiner(n):
        fig, ax = figure(4, 3)
        ax.plot(range(n), label="points")
        ax.legend()
        fig.add_axes((0.85, 0.1, 0.05, 0.8))  # un axe ajouté, comme une barre de couleurs
        fig.suptitle(f"{n} points")
        return fig

    sim = Simulateur({"n": curseur("Points", 2, 10, 7)}, dessiner)
    premiere = sim.resultat
    sim.controles["n"].value = 3
    fig = sim.resultat
    assert fig is premiere, "la figure doit être reprise, pas recréée"
    assert len(sim.images) == 1, "la figure reprise est montrée une fois"
    assert (
        len(fig.axes) == 2
        and len(fig.axes[0].lines) == 1
        and len(fig.axes[0].get_legend().get_texts()) == 1
    )
    assert [t.get_text() for t in fig.texts] == ["3 points"] and fig.get_suptitle() == "3 points"
    # les limites suivent 3 points, pas 7
    assert fig.axes[0].get_xlim() == pytest.approx((-0.1, 2.1))
    assert not plt.get_fignums(), "une figure reprise n'est pas une figure pyplot ouverte"
    assert getattr(fig.canvas, "renderer", None) is None, (
        "entre deux mises à jour, pas de tampon de pixels gardé"
    )


def test_hors_d_un_simulateur_figure_cree_une_figure_pyplot_neuve():
    fig, ax = figure(4, 3)
    autre, _ = figure(4, 3)
    assert plt.gcf() is autre and autre is not fig and ax.figure is fig
    plt.close("all")
