# Atelier numérique des communes — les deux commandes du README :
#   make lab    installe le kit et ouvre JupyterLab (en français) sur la page d'accueil
#   make test   installe le kit avec les outils de test et lance tous les tests
#
# Variables utiles :
#   LAB_ARGS="--no-browser --port=8890"   options passées à JupyterLab
#   PYTEST_ARGS="-k donnees"              options passées à pytest
#   PYTHON=python3.11                     interpréteur utilisé pour créer .venv

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LAB_ARGS ?=
VOILA_ARGS ?=
PYTEST_ARGS ?=

# Réglages JupyterLab du kit, gardés dans le dépôt et non dans le dossier personnel.
# Le lanceur (atelier.lanceur.environnement) pose les mêmes ; ils servent ici à make test
# (tests/test_lanceur.py vérifie que les deux restent identiques).
export JUPYTER_CONFIG_DIR := $(CURDIR)/config/jupyter
export JUPYTERLAB_SETTINGS_DIR := $(CURDIR)/.etat/lab/user-settings
export JUPYTERLAB_WORKSPACES_DIR := $(CURDIR)/.etat/lab/workspaces
# L'onglet des devoirs de nbgrader en français (préparé par « python -m atelier lab »),
# puis le noyau et les gabarits du kit (Voilà hors ligne).
export JUPYTER_PATH := $(CURDIR)/.etat/jupyter-fr:$(CURDIR)/config/jupyter-data
# nbgrader appelle « alembic » : le bin du venv doit être en tête du PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: lab test test-rapide exercices applis guide lint clean help paquet

help:
	@echo "make lab    ouvre l'atelier dans JupyterLab (en français)"
	@echo "make test   lance tous les tests"
	@echo "make test-rapide  les tests courts seulement (ni lents, ni hub, ni navigateur, sans les carnets) : environ 2 minutes"
	@echo "make applis ouvre les applications (simulateurs, fiche commune) sans code"
	@echo "make guide  guide du formateur imprimable (HTML et PDF) dans facilitator_guide/_construit/"
	@echo "make paquet paquet hors ligne pour clé USB (Windows, macOS, Linux) : PAQUET_ARGS=\"--sortie DOSSIER\""
	@echo "make salle  (root) JupyterHub d'une salle : LISTE=ma-salle.csv (puis salle-etat, salle-arreter, salle-redemarrer, salle-retirer)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Un fichier témoin par variante d'installation : refait si pyproject.toml change.
# Versions exactes connues pour marcher : contraintes.txt (le même fichier pour CI et le paquet hors ligne).
$(VENV)/.installe-base: pyproject.toml contraintes.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c contraintes.txt -e .
	@touch $@

# Le guide imprimable a son extra (mistune) ; les tests le construisent aussi.
$(VENV)/.installe-guide: pyproject.toml contraintes.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c contraintes.txt -e ".[guide]"
	@touch $@ $(VENV)/.installe-base

$(VENV)/.installe-test: pyproject.toml contraintes.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c contraintes.txt -e ".[test,hub,guide]"
	@touch $@ $(VENV)/.installe-base $(VENV)/.installe-guide

# Le Makefile n'est qu'un raccourci : tout passe par le lanceur « python -m atelier »,
# le même sous Windows, macOS et Linux (src/atelier/lanceur.py).
exercices: $(VENV)/.installe-base
	$(BIN)/python -m atelier exercices

lab: $(VENV)/.installe-base
	$(BIN)/python -m atelier lab $(LAB_ARGS)

# Les simulateurs et la fiche commune en applications web, sans code (Voilà).
applis: $(VENV)/.installe-base
	$(BIN)/python -m atelier applis $(VOILA_ARGS)

# Le guide du formateur imprimable : HTML autonome et PDF (Chromium), fiches d'une page.
GUIDE_ARGS ?=
guide: $(VENV)/.installe-guide
	$(BIN)/python -m atelier guide $(GUIDE_ARGS)

# Le paquet hors ligne (dossier et zip pour une clé USB) ; le construire demande le réseau.
PAQUET_ARGS ?=
paquet: $(VENV)/.installe-base
	$(BIN)/python -m atelier paquet $(PAQUET_ARGS)

test: $(VENV)/.installe-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Réponse rapide pour qui modifie le kit : ni tests lents, ni hub, ni navigateur, et les carnets
# ne sont pas exécutés (seul le dossier tests/). « make test » reste la suite complète.
test-rapide: $(VENV)/.installe-test
	$(BIN)/python -m pytest tests -m "not lent and not hub and not navigateur" $(PYTEST_ARGS)

lint: $(VENV)/.installe-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf .etat exercises/release exercises/gradebook.db

# JupyterHub d'une salle d'atelier (en root) : comptes réels depuis une liste CSV,
# cartes de connexion, échange nbgrader. Voir facilitator_guide/salle.md.
#   make salle LISTE=ma-salle.csv   installe (ou met à jour) la salle et (re)lance le hub en arrière-plan
#   make salle-etat                 le hub tourne-t-il ?
#   make salle-arreter              arrête le hub
#   make salle-redemarrer           le relance (sans rien réinstaller)
#   make salle-retirer              arrête le hub et supprime tout ce que la salle a installé
LISTE ?= deploy/liste-exemple.csv
SALLE_DOSSIER ?= /srv/atelier-salle
SALLE_ARGS ?=
.PHONY: salle salle-etat salle-arreter salle-redemarrer salle-retirer
salle: $(VENV)/.installe-test
	$(BIN)/python -m atelier.salle installer --liste "$(LISTE)" --dossier "$(SALLE_DOSSIER)" $(SALLE_ARGS)
	$(BIN)/python -m atelier.salle redemarrer --dossier "$(SALLE_DOSSIER)"

salle-etat salle-arreter salle-redemarrer salle-retirer: $(VENV)/.installe-base
	$(BIN)/python -m atelier.salle $(subst salle-,,$@) --dossier "$(SALLE_DOSSIER)"
