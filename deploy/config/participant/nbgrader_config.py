# Participant : les copies sont remises au dépôt de la salle (service du hub qui sait
# qui remet), jamais écrites dans un dossier partagé (voir src/atelier/salle/depot.py).
c = get_config()  # noqa: F821

c.ExchangeFactory.submit = "atelier.nbgrader_ext.DepotAuthentifie"
# Le dossier d'échange n'est modifiable que par les formateurs : nbgrader ne doit pas
# exiger d'y écrire pour récupérer un devoir ou ses retours.
c.CourseDirectory.groupshared = True
