"""Compléments à nbgrader utilisés par la configuration du cours."""

from nbconvert.preprocessors import Preprocessor


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
