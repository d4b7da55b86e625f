"""La commande du formateur : préparer, distribuer, ramasser, corriger, rendre, faire le bilan.

``atelier-formateur --help`` (ou ``python -m atelier.formateur --help``).
"""
