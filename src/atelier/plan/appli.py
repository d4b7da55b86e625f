"""L'application « Mon plan numérique communal » (Voilà) : choisir sa commune, voir ce qui est noté,
écrire le volet numérique du PDC et le télécharger.

Sur un ordinateur ou dans le JupyterLab d'un participant, le plan est celui de son
dossier personnel. Le Voilà partagé de la salle tourne sous un compte commun
(« nobody ») qui ne doit garder le plan de personne : l'application y écrit le
document sans rien noter, et le dit.
"""

from __future__ import annotations

import base64
import html
import os
import tempfile
from pathlib import Path

import ipywidgets as widgets

from atelier.donnees import communes_disponibles
from atelier.erreurs import ErreurAtelier, nombre_fr
from atelier.plan import Plan, produire_document
from atelier.plan.stockage import MODULES, plan_vide

COMPTE_PARTAGE = (
    "nobody"  # le compte du Voilà partagé de la salle (atelier.salle.hub.COMPTE_APPLIS)
)
CHOISIR = "— choisissez votre commune —"
TYPES = {
    "docx": (
        "Word (à modifier)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": ("PDF (à imprimer)", "application/pdf"),
    "xlsx": (
        "Excel (tableau des actions)",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def plan_personnel_possible() -> bool:
    """Faux dans le Voilà partagé de la salle : son compte commun ne garde le plan de personne.

    Deux signes, l'un suffit : le compte (« nobody ») et la variable que la salle ne pose
    que pour ce Voilà-là (``ATELIER_APPLIS_NOYAUX_MAX``, voir ``atelier.salle.hub.service_applis``).
    """
    import getpass

    if os.environ.get("ATELIER_APPLIS_NOYAUX_MAX"):
        return False
    try:
        return getpass.getuser() != COMPTE_PARTAGE
    except (KeyError, OSError):  # compte sans nom : pas le compte partagé de la salle
        return True


def _valeur(v) -> str:
    if isinstance(v, bool):
        return "oui" if v else "non"
    if isinstance(v, (int, float)):
        return nombre_fr(v, 0 if float(v).is_integer() else 1)
    if isinstance(v, dict):
        return (
            f"{sum(1 for x in v.values() if x is True)} indicateur(s) coché(s)"
            if all(isinstance(x, bool) for x in v.values())
            else f"{len(v)} élément(s)"
        )
    if isinstance(v, list):
        return ", ".join(
            x
            if isinstance(x, str)
            else str(x.get("service", "…"))
            if isinstance(x, dict)
            else str(x)
            for x in v[:6]
        )
    return str(v)


def resume_html(plan: Plan | None) -> str:
    """Ce qui est noté dans le plan, module par module, en HTML simple."""
    if plan is None or plan.commune is None:
        return "<p>Choisissez votre commune : ce que vous avez noté dans les modules s'affichera ici.</p>"
    choix = plan.choix()
    lignes = []
    for module, titre in MODULES.items():
        notes = choix.get(module, {})
        detail = (
            "; ".join(
                f"{html.escape(cle.replace('_', ' '))} : {html.escape(_valeur(v))}"
                for cle, v in notes.items()
            )
            or "<i>rien de noté (le document proposera une action à discuter)</i>"
        )
        lignes.append(f"<li><b>{html.escape(titre)}</b> — {detail}</li>")
    chiffres = plan.mes_chiffres()
    lignes.append(
        f"<li><b>Mes vrais chiffres</b> — {len(chiffres)} chiffre(s) de la commune</li>"
        if chiffres
        else "<li><b>Mes vrais chiffres</b> — <i>aucun : les chiffres de l'atelier sont utilisés</i></li>"
    )
    return f"<p>Noté pour <b>{html.escape(plan.commune)}</b> :</p><ul>{''.join(lignes)}</ul>"


def liens_html(fichiers: dict[str, Path]) -> str:
    """Des liens de téléchargement (le fichier est dans la page : rien à chercher sur le serveur)."""
    liens = []
    for genre, chemin in fichiers.items():
        libelle, mime = TYPES[genre]
        donnees = base64.b64encode(chemin.read_bytes()).decode("ascii")
        taille = nombre_fr(chemin.stat().st_size / 1024, 0)
        liens.append(
            f'<li><a class="atelier-telecharger" style="color:#0b5cad;text-decoration:underline" download="{html.escape(chemin.name)}" '
            f'href="data:{mime};base64,{donnees}">{html.escape(libelle)} : {html.escape(chemin.name)}</a> '
            f"({taille}\u00a0Ko)</li>"
        )
    return "<ul>" + "".join(liens) + "</ul>"


def mon_plan_interactif(commune: str | None = None) -> widgets.VBox:
    """Le menu des communes, le résumé du plan, le bouton qui écrit les trois fichiers et les liens."""
    personnel = plan_personnel_possible()
    plan = Plan.ouvrir() if personnel else None
    depart = commune or (plan.commune if plan else None) or CHOISIR
    menu = widgets.Dropdown(
        options=[CHOISIR, *communes_disponibles()],
        value=depart,
        description="Votre commune",
        style={"description_width": "8em"},
        layout=widgets.Layout(width="32em"),
    )
    resume = widgets.HTML()
    bouton = widgets.Button(
        description="Écrire mon document (Word, PDF, Excel)",
        button_style="primary",
        icon="file-text",
        layout=widgets.Layout(width="24em"),
    )
    message = widgets.HTML()
    liens = widgets.HTML()
    avertissement = widgets.HTML(
        f"<p style='color:#8a4b00'>{html.escape(plan.avertissement)}</p>"
        if plan and plan.avertissement
        else ""
    )
    if not personnel:
        avertissement.value = (
            "<p style='color:#8a4b00'>Ici, sur l'application partagée de la salle, vos choix ne sont pas "
            "gardés : le document propose des actions à discuter. Pour y retrouver vos choix, ouvrez le "
            "carnet « applications/mon_plan.ipynb » dans votre JupyterLab et lancez-le (menu Exécution, "
            "« Exécuter toutes les cellules »).</p>"
        )
    etat = {"plan": plan}

    def changer(_=None):
        liens.value = message.value = ""
        nom = None if menu.value == CHOISIR else menu.value
        bouton.disabled = nom is None
        if nom and personnel:
            try:
                etat["plan"] = Plan.ouvrir(nom)  # note la commune choisie
                if etat["plan"].avertissement:
                    avertissement.value = (
                        f"<p style='color:#8a4b00'>{html.escape(etat['plan'].avertissement)}</p>"
                    )
            except (ErreurAtelier, OSError) as erreur:
                message.value = f"<p style='color:#a00'>{html.escape(str(erreur))}</p>"
        if nom and not personnel:
            resume.value = (
                "<p>Rien n'est noté ici : le document proposera des actions à discuter.</p>"
            )
        else:
            resume.value = resume_html(etat["plan"] if nom else None)

    def ecrire(_=None):
        nom = None if menu.value == CHOISIR else menu.value
        if nom is None:
            return
        bouton.disabled = True
        message.value = "<p>Écriture en cours (quelques secondes)…</p>"
        liens.value = ""
        try:
            if personnel:
                dossier, plan_lu = etat["plan"].chemin.parent / "mon_plan_numerique", etat["plan"]
            else:  # rien n'est lu ni gardé au nom du compte partagé
                dossier, plan_lu = (
                    Path(tempfile.mkdtemp(prefix="mon-plan-")),
                    Plan(None, plan_vide(), nom),
                )
            fichiers = produire_document(nom, dossier, plan_lu)
        except (ErreurAtelier, OSError) as erreur:
            message.value = f"<p style='color:#a00'>Le document n'a pas pu être écrit : {html.escape(str(erreur))}</p>"
        else:
            ou = (
                f" Une copie est aussi dans le dossier {html.escape(str(dossier))}."
                if personnel
                else ""
            )
            message.value = f"<p>✓ Votre document est prêt : cliquez pour le télécharger.{ou}</p>"
            liens.value = liens_html(fichiers)
        finally:
            bouton.disabled = False

    menu.observe(changer, names="value")
    bouton.on_click(ecrire)
    changer()
    boite = widgets.VBox([avertissement, menu, resume, bouton, message, liens])
    boite.menu, boite.bouton, boite.liens, boite.message, boite.resume = (
        menu,
        bouton,
        liens,
        message,
        resume,
    )
    boite.ecrire = ecrire
    return boite
