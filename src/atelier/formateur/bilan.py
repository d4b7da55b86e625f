"""Bilan de la salle : tableaux CSV (dont une version pour Excel) et tableau de bord HTML.

Les notes viennent du carnet de notes nbgrader (notes manuelles comprises) ;
les participants, de la liste fournie par le formateur (id, nom, commune,
role, departement) ; les statuts, de l'état gardé par « corriger » ; les incidents
du ramassage (dépôts au nom d'un autre, liens, fichiers refusés), de « ramasser ».
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
from dataclasses import dataclass
from pathlib import Path

from atelier.formateur.cours import ETAT, Participant, charger_config
from atelier.formateur.ramassage import lire_incidents


@dataclass
class Ligne:
    """Une copie (ou son absence) d'un participant pour un exercice."""

    participant: Participant
    exercice: str
    rendu: bool
    score: float | None
    max_score: float
    a_lire: int  # cellules à noter à la main
    statut: str

    @property
    def pourcentage(self) -> float | None:
        return (
            None if self.score is None or not self.max_score else 100 * self.score / self.max_score
        )


@dataclass
class Question:
    exercice: str
    carnet: str
    cellule: str
    points: float
    notes: list[float]
    automatique: bool = True  # False : réponse écrite ou tâche, notée à la main

    @property
    def taux_reussite(self) -> float | None:
        return (
            None
            if not self.notes
            else 100 * sum(n >= self.points for n in self.notes) / len(self.notes)
        )


def lire_notes(
    cours: Path, participants: dict[str, Participant]
) -> tuple[list[Ligne], list[Question], list[str]]:
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=charger_config(cours))
    lignes, questions = [], []
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        exercices = sorted(a.name for a in gb.assignments)
        tous = dict(participants)
        for etudiant in gb.students:
            tous.setdefault(
                etudiant.id, Participant(etudiant.id, etudiant.last_name or "", "", "", "")
            )
        for exercice in exercices:
            assignment = gb.find_assignment(exercice)
            par_cellule = {}
            for nb in assignment.notebooks:
                a_la_main = {c.name for c in [*nb.solution_cells, *nb.task_cells]}
                for cellule in [*nb.grade_cells, *nb.task_cells]:
                    q = Question(
                        exercice,
                        nb.name,
                        cellule.name,
                        cellule.max_score,
                        [],
                        cellule.name not in a_la_main,
                    )
                    par_cellule[(nb.name, cellule.name)] = q
                    questions.append(q)
            for ident, participant in sorted(tous.items()):
                etat = cours / ETAT / exercice / f"{ident}.json"
                statut = (
                    json.loads(etat.read_text(encoding="utf-8"))["statuts"] if etat.exists() else []
                )
                try:
                    sub = gb.find_submission(exercice, ident)
                except MissingEntry:
                    rendu = (cours / "submitted" / ident / exercice).is_dir()
                    lignes.append(
                        Ligne(
                            participant,
                            exercice,
                            rendu,
                            None,
                            assignment.max_score,
                            0,
                            " ; ".join(statut)
                            or ("pas encore corrigée" if rendu else "pas de copie"),
                        )
                    )
                    continue
                a_lire = 0
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        a_lire += bool(grade.needs_manual_grade)
                        question = par_cellule.get((nb.name, grade.name))
                        if question and grade.score is not None and not grade.needs_manual_grade:
                            question.notes.append(grade.score)
                lignes.append(
                    Ligne(
                        participant,
                        exercice,
                        True,
                        sub.score,
                        sub.max_score,
                        a_lire,
                        " ; ".join(statut) or "corrigée avec nbgrader",
                    )
                )
    return lignes, questions, exercices


def _nombre(valeur, excel: bool) -> str:
    if valeur is None:
        return ""
    texte = f"{valeur:.1f}" if isinstance(valeur, float) else str(valeur)
    return texte.replace(".", ",") if excel else texte


def _ecrire(chemin: Path, entetes: list[str], rangs: list[list], excel: bool) -> Path:
    with open(chemin, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as f:
        ecrivain = csv.writer(f, delimiter=";" if excel else ",")
        ecrivain.writerow(entetes)
        for rang in rangs:
            ecrivain.writerow(
                [_nombre(v, excel) if isinstance(v, (int, float)) or v is None else v for v in rang]
            )
    return chemin


def _tables(
    lignes: list[Ligne], questions: list[Question]
) -> dict[str, tuple[list[str], list[list]]]:
    participants = (
        [
            "id",
            "nom",
            "commune",
            "departement",
            "role",
            "exercice",
            "rendu",
            "score",
            "max",
            "pourcentage",
            "cellules_a_noter_a_la_main",
            "statut",
        ],
        [
            [
                ligne.participant.id,
                ligne.participant.nom,
                ligne.participant.commune,
                ligne.participant.departement,
                ligne.participant.role,
                ligne.exercice,
                "oui" if ligne.rendu else "non",
                ligne.score,
                ligne.max_score,
                ligne.pourcentage,
                ligne.a_lire,
                ligne.statut,
            ]
            for ligne in lignes
        ],
    )
    questions_t = (
        [
            "exercice",
            "carnet",
            "cellule",
            "notation",
            "points",
            "copies_notees",
            "taux_reussite",
            "moyenne",
        ],
        [
            [
                q.exercice,
                q.carnet,
                q.cellule,
                "automatique" if q.automatique else "à la main",
                q.points,
                len(q.notes),
                q.taux_reussite,
                sum(q.notes) / len(q.notes) if q.notes else None,
            ]
            for q in questions
        ],
    )
    groupes: dict[tuple, list[Ligne]] = {}
    for ligne in lignes:
        groupes.setdefault(
            (ligne.participant.departement, ligne.participant.commune, ligne.exercice), []
        ).append(ligne)
    communes = (
        [
            "departement",
            "commune",
            "exercice",
            "participants",
            "copies_rendues",
            "pourcentage_moyen",
        ],
        [
            [dep, com, ex, len(ls), sum(x.rendu for x in ls), _moyenne([x.pourcentage for x in ls])]
            for (dep, com, ex), ls in sorted(groupes.items())
        ],
    )
    return {"participants": participants, "questions": questions_t, "communes": communes}


def _moyenne(valeurs: list[float | None]) -> float | None:
    valeurs = [v for v in valeurs if v is not None]
    return sum(valeurs) / len(valeurs) if valeurs else None


def _image(figure) -> str:
    tampon = io.BytesIO()
    figure.savefig(tampon, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    return f'<img alt="graphique" src="data:image/png;base64,{base64.b64encode(tampon.getvalue()).decode()}">'


def _graphiques(
    lignes: list[Ligne], questions: list[Question], exercices: list[str]
) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    images = {}
    # Les réponses écrites attendent le formateur : seules les questions notées
    # automatiquement disent où la salle bloque.
    manquees = sorted(
        (q for q in questions if q.notes and q.automatique), key=lambda q: q.taux_reussite
    )[:10]
    if manquees:
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(manquees) + 1))
        ax.barh(
            [f"{q.exercice} · {q.cellule}" for q in manquees][::-1],
            [100 - q.taux_reussite for q in manquees][::-1],
            color="#b35806",
            hatch="//",
            edgecolor="black",
        )
        ax.set_xlabel("participants qui n'ont pas eu tous les points (%)")
        ax.set_xlim(0, 100)
        ax.set_title("Les questions les plus manquées")
        images["manquees"] = _image(fig)
    moyennes = [_moyenne([x.pourcentage for x in lignes if x.exercice == e]) for e in exercices]
    rendus = [
        100
        * sum(x.rendu for x in lignes if x.exercice == e)
        / max(1, sum(x.exercice == e for x in lignes))
        for e in exercices
    ]
    if exercices:
        fig, ax = plt.subplots(figsize=(7, 3.5))
        ax.plot(
            exercices,
            [m if m is not None else float("nan") for m in moyennes],
            marker="o",
            color="#542788",
            label="note moyenne (%)",
        )
        ax.plot(
            exercices,
            rendus,
            marker="s",
            linestyle="--",
            color="#b35806",
            label="copies rendues (%)",
        )
        ax.set_ylim(0, 105)
        ax.set_ylabel("%")
        ax.set_title("Progression d'un module à l'autre")
        ax.legend()
        images["progression"] = _image(fig)
    return images


def _tableau_html(entetes: list[str], rangs: list[list]) -> str:
    tete = "".join(f"<th>{html.escape(str(e))}</th>" for e in entetes)
    corps = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(_nombre(v, True) if isinstance(v, (int, float)) or v is None else str(v))}</td>"
            for v in rang
        )
        + "</tr>"
        for rang in rangs
    )
    return f"<table><thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>"


STYLE = """
body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #999;padding:.3em .6em}
th{background:#eee}td:nth-child(n+2){text-align:left}.alerte{color:#8b0000}
"""


def _html(lignes, questions, exercices, tables, images, ramassage: list[dict]) -> str:
    absents = [
        [x.participant.id, x.participant.nom, x.participant.commune, x.exercice]
        for x in lignes
        if not x.rendu
    ]
    incidents = [
        [x.participant.id, x.exercice, x.statut]
        for x in lignes
        if x.rendu and (" ; " in x.statut or x.statut.startswith(("échec", "ALERTE")))
    ]
    incidents += [
        [i["compte"], i["exercice"], f"ALERTE au ramassage ({i['quand']}) : {i['message']}"]
        for i in ramassage
    ]
    a_lire = sum(x.a_lire for x in lignes)
    morceaux = [
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>",
        "<title>Bilan de la salle</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Bilan de la salle</h1>",
        f"<p>{len({x.participant.id for x in lignes})} participants, {len(exercices)} exercice(s) : "
        f"{html.escape(', '.join(exercices))}. {a_lire} réponse(s) restent à noter à la main dans formgrader.</p>",
        (
            f"<p class='alerte'><strong>{len(ramassage)} incident(s) au ramassage</strong> (dépôt au nom d'un autre, "
            "lien ou fichier refusé) : voir « Copies à regarder ».</p>"
        )
        if ramassage
        else "",
        "<h2>Qui n'a pas rendu sa copie</h2>",
        _tableau_html(["id", "nom", "commune", "exercice"], absents)
        if absents
        else "<p>Tout le monde a rendu.</p>",
        "<h2>Les questions les plus manquées</h2>",
        images.get("manquees", "<p>Pas encore de note.</p>"),
        "<h2>Progression d'un module à l'autre</h2>",
        images.get("progression", ""),
        "<h2>Copies à regarder (incidents de ramassage et de correction)</h2>",
        _tableau_html(["id", "exercice", "statut"], incidents)
        if incidents
        else "<p>Aucun incident.</p>",
        "<h2>Par commune</h2>",
        _tableau_html(*tables["communes"]),
        "<h2>Par participant</h2>",
        _tableau_html(*tables["participants"]),
        "<h2>Par question</h2>",
        _tableau_html(*tables["questions"]),
        "</body></html>",
    ]
    return "\n".join(morceaux)


def faire_bilan(cours: Path, participants: dict[str, Participant], sortie: Path) -> list[Path]:
    """Écrit les fichiers du bilan dans ``sortie`` ; renvoie leurs chemins."""
    lignes, questions, exercices = lire_notes(cours, participants)
    sortie.mkdir(parents=True, exist_ok=True)
    tables = _tables(lignes, questions)
    fichiers = []
    for nom, (entetes, rangs) in tables.items():
        fichiers.append(_ecrire(sortie / f"notes_{nom}.csv", entetes, rangs, excel=False))
        fichiers.append(_ecrire(sortie / f"notes_{nom}_excel.csv", entetes, rangs, excel=True))
    tableau = sortie / "tableau_de_bord.html"
    tableau.write_text(
        _html(
            lignes,
            questions,
            exercices,
            tables,
            _graphiques(lignes, questions, exercices),
            lire_incidents(cours),
        ),
        encoding="utf-8",
    )
    return [*fichiers, tableau]
