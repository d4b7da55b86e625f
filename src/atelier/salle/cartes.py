"""Cartes de connexion à imprimer : une carte par personne, huit par page A4."""

from __future__ import annotations

import html
import ipaddress
import socket
from pathlib import Path
from urllib.parse import urlsplit

# Une adresse de documentation (RFC 5737) : connect() d'un socket UDP ne fait que choisir
# l'interface de la route par défaut, sans envoyer aucun paquet.
ADRESSE_REPERE = ("198.51.100.1", 9)

STYLE = """
@page { size: A4; margin: 10mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 4mm; }
.avis { font-size: 9pt; margin: 0 0 4mm; }
.cartes { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.carte { border: 1px dashed #555; padding: 4mm; height: 58mm; box-sizing: border-box;
         break-inside: avoid; page-break-inside: avoid; }
.carte h2 { font-size: 12pt; margin: 0 0 1mm; }
.carte .commune { font-size: 10pt; margin: 0 0 3mm; color: #333; }
.carte dl { display: grid; grid-template-columns: auto 1fr; gap: 1.5mm 3mm; margin: 0; font-size: 11pt; }
.carte dt { font-weight: bold; }
.carte dd { margin: 0; font-family: "DejaVu Sans Mono", monospace; font-size: 12pt; }
.carte .pied { font-size: 8pt; margin-top: 3mm; }
.alerte { font-size: 12pt; font-weight: bold; color: #a00; border: 3px solid #a00; padding: 3mm; margin: 0 0 4mm; }
@media print { .avis { display: none; } }
"""


def adresse_reseau() -> str | None:
    """L'adresse IPv4 de cette machine sur le réseau de la salle (interface de la route par défaut).

    None si la machine n'est branchée à aucun réseau (seulement 127.0.0.1).
    """
    candidats = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(ADRESSE_REPERE)
            candidats.append(s.getsockname()[0])
        except OSError:  # pas de route par défaut
            pass
    try:
        candidats += socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        pass
    for ip in candidats:
        if not ipaddress.ip_address(ip).is_loopback and ip != "0.0.0.0":
            return ip
    return None


def adresse_du_hub(ip: str, port: int, url: str = "") -> str:
    """L'adresse que les participants taperont : ``url`` si elle est donnée, sinon celle
    de la machine sur le réseau quand le hub écoute sur toutes les interfaces."""
    if url:
        return url if url.endswith("/") else url + "/"
    hote = ip if ip not in ("0.0.0.0", "") else (adresse_reseau() or "127.0.0.1")
    return f"http://{hote}:{port}/"


def adresses_de_la_machine() -> set[str]:
    import psutil

    return {a.address.split("%")[0] for liste in psutil.net_if_addrs().values() for a in liste}


def avertissement_adresse(url: str, verifier_machine: bool = False) -> str | None:
    """Un avertissement si l'adresse ne sert qu'à cette machine (127.0.0.1, localhost) ou,
    avec ``verifier_machine``, si elle n'est plus une adresse de cette machine (réseau changé)."""
    hote = urlsplit(url).hostname or ""
    try:
        ip = ipaddress.ip_address(hote)
    except ValueError:
        ip = None  # un nom : on ne le vérifie pas
    if (
        verifier_machine
        and ip is not None
        and not ip.is_loopback
        and str(ip) not in adresses_de_la_machine()
    ):
        actuelle = adresse_reseau()
        return (
            f"ATTENTION : l'adresse des cartes, {url}, n'est plus celle de cette machine"
            + (f" (aujourd'hui : {actuelle})" if actuelle else "")
            + " : le réseau a changé. Relancez « make salle » (les cartes changent : réimprimez-les) "
            "ou indiquez une adresse fixe avec --url."
        )
    if hote != "localhost" and not (ip and ip.is_loopback):
        return None
    port = urlsplit(url).port or 80
    return (
        f"ATTENTION : l'adresse {url} ne marche que sur cette machine. Depuis leur poste, "
        "les participants ne pourront pas se connecter avec ces cartes. Branchez la machine au réseau "
        "de la salle et relancez l'installation, ou indiquez l'adresse avec "
        f"--url http://<adresse de la machine>:{port}/ (la commande « ip -4 addr » la donne)."
    )


def carte(personne: dict, mot_de_passe: str | None, url: str) -> str:
    e = html.escape
    secret = e(mot_de_passe) if mot_de_passe else "(inchangé : déjà remis)"
    role = (
        "Formateur ou formatrice"
        if personne["role"] == "formateur"
        else "Participant ou participante"
    )
    return f"""<div class="carte">
  <h2>{e(personne["nom"] or personne["identifiant"])}</h2>
  <p class="commune">{e(personne["commune"])} · {role}</p>
  <dl>
    <dt>Adresse</dt><dd>{e(url)}</dd>
    <dt>Identifiant</dt><dd>{e(personne["identifiant"])}</dd>
    <dt>Mot de passe</dt><dd>{secret}</dd>
  </dl>
  <p class="pied">Atelier numérique des communes. Gardez cette carte pour vous :
  elle ouvre votre espace de travail personnel.</p>
</div>"""


def ecrire_cartes(
    personnes: list[dict], mots_de_passe: dict[str, str | None], url: str, fichier: Path
) -> Path:
    """Écrit la planche de cartes (HTML imprimable, lisible par root seul) et renvoie son chemin."""
    cartes = "\n".join(carte(p, mots_de_passe.get(p["identifiant"]), url) for p in personnes)
    alerte = avertissement_adresse(url)
    alerte = f'<p class="alerte">{html.escape(alerte)}</p>\n' if alerte else ""
    page = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Cartes de connexion</title>
<style>{STYLE}</style></head>
<body>
<h1>Atelier numérique des communes : cartes de connexion</h1>
<p class="avis">Imprimez cette page (Ctrl + P), découpez les cartes et remettez à chaque
personne la sienne. Ce fichier contient des mots de passe : supprimez-le après l'impression.</p>
{alerte}<div class="cartes">
{cartes}
</div>
</body></html>
"""
    fichier = Path(fichier)
    fichier.touch(mode=0o600, exist_ok=True)
    fichier.chmod(0o600)
    fichier.write_text(page, encoding="utf-8")
    return fichier
