"""Les pages du hub en français pour Zero to JupyterHub (``deploy/z2jh/gabarits.yaml``).

Le hub de Zero to JupyterHub tourne dans l'image du chart, sans le kit : les gabarits
de ``deploy/templates/`` (connexion, accueil, attente, erreurs) lui sont donnés comme
fichiers montés (``hub.extraFiles``), avec le réglage qui les fait préférer aux pages
d'origine. ``python -m atelier.salle.z2jh`` récrit le fichier ; un test vérifie qu'il suit
``deploy/templates/`` et qu'il respecte le schéma du chart.

    helm upgrade --install atelier jupyterhub/jupyterhub \\
        -f deploy/z2jh/values.yaml -f deploy/z2jh/gabarits.yaml
"""

from __future__ import annotations

from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
MONTAGE = "/usr/local/share/jupyterhub/atelier-templates"
ENTETE = (
    "# Fichier produit par « python -m atelier.salle.z2jh » depuis deploy/templates/ : ne pas modifier\n"
    "# à la main. Les pages du hub en français pour Zero to JupyterHub, à passer à helm après values.yaml :\n"
    "#   helm upgrade --install atelier jupyterhub/jupyterhub -f deploy/z2jh/values.yaml -f deploy/z2jh/gabarits.yaml\n"
)


def valeurs(gabarits: Path = DEPLOY / "templates") -> dict:
    fichiers = {
        f"gabarit-{g.stem}": {
            "mountPath": f"{MONTAGE}/{g.name}",
            "stringData": g.read_text(encoding="utf-8"),
        }
        for g in sorted(gabarits.glob("*.html"))
    }
    reglage = f"# Les pages du hub en français (deploy/templates/).\nc.JupyterHub.template_paths = [{MONTAGE!r}]\n"
    return {"hub": {"extraFiles": fichiers, "extraConfig": {"atelier-gabarits": reglage}}}


def texte(gabarits: Path = DEPLOY / "templates") -> str:
    import yaml

    class Lisible(yaml.SafeDumper):
        """Les pages en bloc littéral (« | ») : lisibles et comparables ligne à ligne."""

    Lisible.add_representer(
        str,
        lambda d, t: d.represent_scalar(
            "tag:yaml.org,2002:str", t, style="|" if "\n" in t else None
        ),
    )
    return ENTETE + yaml.dump(
        valeurs(gabarits), Dumper=Lisible, allow_unicode=True, sort_keys=False, width=1000
    )


if __name__ == "__main__":
    cible = DEPLOY / "z2jh" / "gabarits.yaml"
    cible.write_text(texte(), encoding="utf-8")
    print(f"Écrit : {cible.relative_to(DEPLOY.parent)}")
