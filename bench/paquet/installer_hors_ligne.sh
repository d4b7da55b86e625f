#!/bin/sh
# Une installation hors ligne du paquet, comme chez un formateur : le zip décompressé (roues par un
# lien, pour ne pas recopier des centaines de Mo), installer.sh dans un espace réseau vide
# (unshare -n, root), sans aucun réglage pip de la machine. Mesure : /usr/bin/time -v ce script.
#   PAQUET=/var/tmp/atelier-paquet/atelier-hors-ligne PYTHON=python3.11 sh bench/paquet/installer_hors_ligne.sh
set -eu
PAQUET="${PAQUET:-/var/tmp/atelier-paquet/atelier-hors-ligne}"
ici=$(mktemp -d)
trap 'rm -rf "$ici"' EXIT
python3 - "$PAQUET.zip" "$ici" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    z.extractall(sys.argv[2], [n for n in z.namelist() if "/roues/" not in n])
PY
ln -s "$PAQUET/roues" "$ici/atelier-hors-ligne/roues"
cd "$ici/atelier-hors-ligne"
env -i PATH="$PATH" HOME="$ici" PIP_CONFIG_FILE=/dev/null ATELIER_INSTALLER_SEULEMENT=1 \
    PYTHON="${PYTHON:-}" unshare -n sh installer.sh
