"""Compléments à nbgrader utilisés par la configuration du cours."""

from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbgrader.exchange.default.collect import ExchangeCollect


class RaccourcirErreurs(Preprocessor):
    """Réduit l'erreur d'une cellule notée à sa dernière ligne (« AssertionError: … »).

    Les traces complètes citent les lignes des tests, y compris des tests
    cachés ; le participant garde le message en français de la vérification.
    """

    # Les préprocesseurs nbconvert sont désactivés par défaut.
    enabled = True

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename')}: {output.get('evalue')}"]
        return cell, resources


class RamassageSur(ExchangeCollect):
    """Le ramassage de nbgrader (bouton « Collect » du formgrader, ``nbgrader collect``) remplacé
    par celui du kit, qui ne suit aucun lien et refuse les dépôts au nom d'un autre
    (voir ``atelier.formateur.ramassage.ramasser_echange``).

    Activé par ``c.ExchangeFactory.collect = "atelier.nbgrader_ext.RamassageSur"``.
    """

    def init_src(self):
        if not self.coursedir.course_id:
            self.fail("Aucun cours indiqué (CourseDirectory.course_id).")

    def copy_files(self):
        from atelier.formateur.cours import ErreurFormateur
        from atelier.formateur.ramassage import ALERTE, ramasser_echange

        inbound = Path(self.root) / self.coursedir.course_id / "inbound"
        try:
            lignes = ramasser_echange(Path(self.coursedir.root), self.coursedir.assignment_id, inbound)
        except ErreurFormateur as erreur:
            self.fail(str(erreur))
        for ligne in lignes:
            (self.log.warning if ligne.startswith(ALERTE) else self.log.info)(ligne)
