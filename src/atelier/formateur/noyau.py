"""Démarre le noyau IPython d'un participant derrière un crochet d'audit.

Lancé par le bac à sable de la correction à la place de ``ipykernel_launcher``.
Le crochet refuse (PermissionError) et note dans le journal de la correction
toute ouverture, lecture de dossier, suppression ou modification visant un
chemin protégé (le cours, l'échange, les autres copies, le carnet de notes),
sauf le dossier de travail du noyau. C'est un signalement et une seconde
barrière : la barrière principale est la vue privée et le compte dédié.
"""

import os
import sys

# Lancé par son chemin : son dossier ne doit pas masquer des modules du noyau.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

import json  # noqa: E402

EVENEMENTS = {
    "open",
    "os.listdir",
    "os.scandir",
    "glob.glob",
    "os.remove",
    "os.rename",
    "os.rmdir",
    "os.mkdir",
    "os.chmod",
    "os.chown",
    "os.symlink",
    "os.link",
    "os.truncate",
    "os.utime",
    "shutil.rmtree",
    "shutil.copyfile",
    "shutil.move",
    "os.chdir",
    "os.exec",
    "os.posix_spawn",
}


def installer_surveillance() -> None:
    proteges = json.loads(os.environ.pop("ATELIER_PROTEGES", "[]"))
    journal = int(os.environ.pop("ATELIER_JOURNAL_FD", "-1"))
    permis = os.path.realpath(os.getcwd())
    realpath, fspath, sep = os.path.realpath, os.fspath, os.sep

    def vise(argument):
        if isinstance(argument, int) or argument is None:
            return None
        chemin = realpath(os.fsdecode(fspath(argument)))
        if chemin == permis or chemin.startswith(permis + sep):
            return None
        for protege in proteges:
            if chemin == protege or chemin.startswith(protege + sep):
                return chemin
        return None

    def crochet(evenement, arguments):
        if evenement not in EVENEMENTS or not arguments:
            return
        for argument in arguments[:2]:
            try:
                cible = vise(argument)
            except (TypeError, ValueError, OSError):
                continue
            if cible:
                if journal >= 0:
                    try:
                        os.write(journal, f"{evenement} {cible}\n".encode(errors="replace"))
                    except OSError:
                        pass
                raise PermissionError(13, "Accès refusé pendant la correction", cible)

    sys.addaudithook(crochet)


if __name__ == "__main__":
    installer_surveillance()
    # Comme ipykernel_launcher : le dossier courant ne doit pas masquer ipykernel.
    if sys.path and sys.path[0] in ("", os.getcwd()):
        sys.path.pop(0)
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
