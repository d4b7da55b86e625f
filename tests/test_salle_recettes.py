"""La salle sans démarrer de hub : liste, mots de passe, cartes, réglages par rôle, recettes Z2JH et image."""

from __future__ import annotations

import copy
import os
import stat
from pathlib import Path

import jsonschema
import pytest
import yaml
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from atelier.salle import cartes
from atelier.salle.comptes import mot_de_passe
from atelier.salle.liste import ListeInvalide, lire_liste

from conftest import RACINE

DEPLOY = RACINE / "deploy"
Z2JH = RACINE / "tests" / "fixtures" / "z2jh"  # copie du schéma du chart (voir son README)


def _liste(tmp_path: Path, texte: str) -> Path:
    chemin = tmp_path / "liste.csv"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def test_la_liste_exemple_se_lit_avec_un_prefixe():
    personnes = lire_liste(DEPLOY / "liste-exemple.csv", prefixe="s1-")
    assert [p.identifiant for p in personnes][:2] == ["s1-form", "s1-awa"]
    assert sum(p.formateur for p in personnes) == 1 and personnes[1].commune == "Abomey"


@pytest.mark.parametrize(
    "contenu, message",
    [
        ("id,nom,commune\nawa,A,B\n", "colonne\\(s\\) manquante\\(s\\) : role"),
        ("id,nom,commune,role\nAwa Dossou,A,B,formateur\n", "identifiant « awa dossou » invalide"),
        ("id,nom,commune,role\nroot;rm,A,B,formateur\n", "invalide"),
        ("id,nom,commune,role\nawa,A,B,maire\n", "rôle « maire » inconnu"),
        ("id,nom,commune,role\nawa,A,B,formateur\nawa,C,D,participant\n", "en double"),
        ("id,nom,commune,role\nawa,A,B,participant\n", "au moins un formateur"),
    ],
)
def test_une_liste_fautive_est_refusee_en_francais(tmp_path, contenu, message):
    with pytest.raises(ListeInvalide, match=message):
        lire_liste(_liste(tmp_path, contenu))


def test_les_premiers_mots_de_passe_sont_lisibles_et_differents():
    secrets_ = {mot_de_passe() for _ in range(200)}
    assert len(secrets_) == 200
    for secret in secrets_:
        assert len(secret) == 17 and not set(secret) & set("lo01")


def test_les_cartes_echappent_le_html_et_restent_privees(tmp_path):
    personnes = [
        {
            "identifiant": "awa",
            "nom": "Awa <b>Fictive</b>",
            "commune": "Abomey",
            "role": "participant",
        },
        {"identifiant": "form", "nom": "Estelle", "commune": "Porto-Novo", "role": "formateur"},
    ]
    fichier = cartes.ecrire_cartes(
        personnes,
        {"awa": "bazu-kemi-tafe-47", "form": None},
        "http://10.0.0.5:8000/",
        tmp_path / "cartes.html",
    )
    page = fichier.read_text(encoding="utf-8")
    assert "bazu-kemi-tafe-47" in page and "Awa &lt;b&gt;Fictive&lt;/b&gt;" in page
    assert "(inchangé : déjà remis)" in page and page.count('class="carte"') == 2
    assert stat.S_IMODE(fichier.stat().st_mode) == 0o600


def _config(role: str, fichier: str = "jupyter_server_config.py") -> Config:
    return PyFileConfigLoader(fichier, path=str(DEPLOY / "config" / role)).load_config()


def test_les_applications_marchent_avec_ou_sans_voila_partage(monkeypatch):
    """Dans la salle, le Voilà partagé sert les applications ; sous TLJH ou z2jh (sans lui), le serveur
    du participant garde le sien, sinon les liens de la page d'accueil ne mèneraient nulle part."""
    from atelier import applications

    monkeypatch.setenv("ATELIER_APPLIS", "/services/applis/voila/render/")
    assert _config("participant").ServerApp.jpserver_extensions["voila.server_extension"] is False
    assert applications.adresse("m2_centres_numeriques").startswith("/services/applis/")
    monkeypatch.delenv("ATELIER_APPLIS")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/awa/")
    assert _config("participant").ServerApp.jpserver_extensions["voila.server_extension"] is True
    assert applications.adresse("m2_centres_numeriques") == (
        "/user/awa/voila/render/notebooks/applications/m2_centres_numeriques.ipynb"
    )


def test_les_participants_n_ont_ni_terminal_ni_correction():
    participant, formateur = _config("participant"), _config("formateur")
    extensions = participant.ServerApp.jpserver_extensions
    assert participant.ServerApp.terminals_enabled is False
    assert extensions["jupyter_server_terminals"] is False
    assert extensions["nbgrader.server_extensions.formgrader"] is False
    assert extensions["atelier.salle.devoirs"] is True
    assert formateur.ServerApp.jpserver_extensions["nbgrader.server_extensions.formgrader"] is True
    # jupyter/nbgrader#1870 : le formgrader doit pouvoir s'afficher dans le cadre de JupyterLab.
    entetes = formateur.ServerApp.tornado_settings["headers"]
    assert entetes["Content-Security-Policy"] == "frame-ancestors 'self'"
    commun = _config("commun")
    assert commun.MappingKernelManager.cull_idle_timeout > 0
    assert commun.ServerApp.shutdown_no_activity_timeout > 0


def test_le_hub_n_a_ni_serveur_root_ni_entree_libre(tmp_path):
    from atelier.salle.hub import SpawnerSalle, configurer
    from atelier.salle.installation import Salle

    salle = Salle(
        dossier=str(tmp_path),
        kit="/opt/atelier-numerique/kit",
        venv="/opt/atelier-numerique/venv",
        personnes=[
            {"identifiant": "form", "nom": "", "commune": "", "role": "formateur"},
            {"identifiant": "awa", "nom": "", "commune": "", "role": "participant"},
        ],
    )
    c = Config()
    configurer(c, salle)
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.Authenticator.allowed_users == {"form", "awa"} and c.Authenticator.admin_users == {
        "form"
    }
    assert c.JupyterHub.spawner_class is SpawnerSalle
    assert "--allow-root" not in " ".join(c.Spawner.get("args", []))
    assert c.JupyterHub.load_groups["nbgrader-atelier-numerique"] == {"users": ["awa"]}
    # Les copies passent par le dépôt, sous son propre compte ; le jeton de chaque serveur y donne accès.
    (depot,) = [s for s in c.JupyterHub.services if s["name"] == "depot"]
    assert (
        depot["user"] == salle.compte_depot != "root" and "atelier.salle.depot" in depot["command"]
    )
    assert "access:services!service=depot" in c.Spawner.server_token_scopes


def test_tljh_remet_par_le_depot():
    c = PyFileConfigLoader("atelier.py", path=str(DEPLOY / "tljh")).load_config()
    (depot,) = c.JupyterHub.services
    assert depot["name"] == "depot" and depot["user"] == "atelier-depot"
    assert "access:services!service=depot" in c.Spawner.server_token_scopes
    assert {
        "name": "user",
        "scopes": ["self", "access:services!service=depot"],
    } in c.JupyterHub.load_roles
    assert (
        "inbound"
        not in (DEPLOY / "tljh" / "README.md")
        .read_text(encoding="utf-8")
        .split("Pas de dossier")[0]
    )


def test_z2jh_remet_par_le_depot():
    valeurs = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8"))
    deploiement, service = yaml.safe_load_all(
        (DEPLOY / "z2jh" / "depot.yaml").read_text(encoding="utf-8")
    )
    port = service["spec"]["ports"][0]["port"]
    assert (
        valeurs["hub"]["services"]["depot"]["url"] == f"http://{service['metadata']['name']}:{port}"
    )
    assert (
        valeurs["singleuser"]["extraEnv"]["ATELIER_DEPOT"]
        == f"http://atelier-depot:{port}/services/depot/"
    )
    gabarit = deploiement["spec"]["template"]
    (conteneur,) = gabarit["spec"]["containers"]
    jeton = next(e for e in conteneur["env"] if e["name"] == "JUPYTERHUB_API_TOKEN")
    assert jeton["valueFrom"]["secretKeyRef"] == {
        "name": "hub",
        "key": "hub.services.depot.apiToken",
    }
    uid = conteneur["securityContext"]["runAsUser"]
    droits = gabarit["spec"]["initContainers"][0]["args"][0]
    assert f"chown {uid}:2000 $E/depots && chmod 2750 $E/depots" in droits
    assert gabarit["metadata"]["labels"]["hub.jupyter.org/network-access-hub"] == "true"
    (sortie,) = valeurs["singleuser"]["networkPolicy"]["egress"]
    assert (
        sortie["to"][0]["podSelector"]["matchLabels"]
        == deploiement["spec"]["selector"]["matchLabels"]
    )


def _fusion(base: dict, ajout: dict) -> dict:
    """Comme Helm : les valeurs fournies remplacent les défauts du chart, clé par clé."""
    resultat = copy.deepcopy(base)
    for cle, valeur in ajout.items():
        if isinstance(valeur, dict) and isinstance(resultat.get(cle), dict):
            resultat[cle] = _fusion(resultat[cle], valeur)
        else:
            resultat[cle] = valeur
    return resultat


@pytest.fixture(scope="module")
def schema_z2jh():
    schema = yaml.safe_load((Z2JH / "values.schema.yaml").read_text(encoding="utf-8"))
    defauts = yaml.safe_load((Z2JH / "values.default.yaml").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema), defauts


def test_les_valeurs_z2jh_respectent_le_schema_du_chart(schema_z2jh):
    validateur, defauts = schema_z2jh
    valeurs = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8"))
    erreurs = [
        f"{'/'.join(map(str, e.path))}: {e.message}"
        for e in validateur.iter_errors(_fusion(defauts, valeurs))
    ]
    assert not erreurs, erreurs
    assert valeurs["cull"]["enabled"] and valeurs["singleuser"]["defaultUrl"].startswith("/lab")
    assert "profileList" not in valeurs["singleuser"], (
        "les profils sont filtrés par groupe dans hub.extraConfig"
    )
    assert (
        valeurs["singleuser"]["storage"]["extraVolumeMounts"][0]["mountPath"]
        == "/srv/nbgrader/exchange"
    )


def test_z2jh_un_uid_par_personne_et_profil_formateur_reserve_aux_formateurs():
    """Les extraits Python de hub.extraConfig, exécutés contre une config traitlets et des comptes factices."""
    from types import SimpleNamespace

    from traitlets.config import Config

    valeurs = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8"))
    c = Config()
    c.KubeSpawner.environment = {}
    for extrait in valeurs["hub"]["extraConfig"].values():
        exec(extrait, {"c": c})

    def compte(identifiant, nom, groupes):
        user = SimpleNamespace(
            id=identifiant, name=nom, groups=[SimpleNamespace(name=g) for g in groupes]
        )
        return SimpleNamespace(user=user)

    awa = compte(7, "awa", ["nbgrader-atelier-numerique"])
    estelle = compte(8, "estelle", ["formgrade-atelier-numerique"])
    assert c.KubeSpawner.uid(awa) != c.KubeSpawner.uid(estelle) and c.KubeSpawner.uid(awa) >= 1000
    assert c.KubeSpawner.environment["USER"](awa) == "awa"
    assert [p["slug"] for p in c.KubeSpawner.profile_list(awa)] == ["participant"]
    assert [p["slug"] for p in c.KubeSpawner.profile_list(estelle)] == ["participant", "formateur"]


def test_z2jh_sert_les_pages_du_hub_en_francais(schema_z2jh):
    """deploy/z2jh/gabarits.yaml suit deploy/templates/ et, avec values.yaml, respecte le schéma du chart."""
    from atelier.salle import z2jh

    ecrit = (DEPLOY / "z2jh" / "gabarits.yaml").read_text(encoding="utf-8")
    assert ecrit == z2jh.texte(), (
        "gabarits.yaml en retard : lancez « python -m atelier.salle.z2jh »"
    )
    gabarits = yaml.safe_load(ecrit)
    fichiers = gabarits["hub"]["extraFiles"]
    assert {Path(f["mountPath"]).name for f in fichiers.values()} == {
        g.name for g in (DEPLOY / "templates").glob("*.html")
    }
    assert all(
        f["stringData"]
        == (DEPLOY / "templates" / Path(f["mountPath"]).name).read_text(encoding="utf-8")
        for f in fichiers.values()
    )
    c = Config()
    exec(gabarits["hub"]["extraConfig"]["atelier-gabarits"], {"c": c})
    assert c.JupyterHub.template_paths == [
        str(Path(next(iter(fichiers.values()))["mountPath"]).parent)
    ]
    validateur, defauts = schema_z2jh
    valeurs = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8"))
    tout = _fusion(_fusion(defauts, valeurs), gabarits)
    assert [e.message for e in validateur.iter_errors(tout)] == []
    assert "atelier-comptes" in tout["hub"]["extraConfig"], (
        "les réglages de values.yaml sont gardés"
    )


def test_le_schema_z2jh_refuse_bien_une_faute(schema_z2jh):
    validateur, defauts = schema_z2jh
    valeurs = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8"))
    valeurs["singleuser"]["memoire"] = "1G"  # clé inconnue du chart
    assert not validateur.is_valid(_fusion(defauts, valeurs))


def test_l_image_part_d_environment_yml_sans_les_solutions():
    dockerfile = (DEPLOY / "image" / "Dockerfile").read_text(encoding="utf-8")
    ignore = (DEPLOY / "image" / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    assert "--file environment.yml" in dockerfile and "default_setting_overrides.json" in dockerfile
    assert "exercises/source" in ignore and ".git" in ignore
    assert os.path.exists(RACINE / "environment.yml")
