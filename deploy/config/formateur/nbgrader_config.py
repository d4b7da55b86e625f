# Le cours de la salle, vu par un formateur (formgrader et commandes nbgrader).
# On charge la configuration du kit (exercises/nbgrader_config.py, copiée dans le
# dossier du cours), puis on désigne le cours par le lien ~/cours : le formgrader
# ouvre les carnets par un chemin relatif au dossier personnel.
import os

c = get_config()  # noqa: F821

load_subconfig(os.path.join(os.environ["ATELIER_COURS_DOSSIER"], "nbgrader_config.py"))  # noqa: F821
c.CourseDirectory.root = os.path.expanduser("~/cours")
# Plusieurs formateurs partagent le dossier du cours (groupe Unix du cours).
c.CourseDirectory.groupshared = True
# Ramassage (commande, formgrader) : celui du kit, qui ne suit aucun lien et refuse
# les dépôts au nom d'un autre (atelier.formateur.ramassage).
c.ExchangeFactory.collect = "atelier.nbgrader_ext.RamassageSur"
# Distribution (commande, formgrader) : sans recréer « inbound », où chacun pourrait écrire ;
# les copies passent par le dépôt authentifié de la salle (atelier.salle.depot).
c.ExchangeFactory.release_assignment = "atelier.nbgrader_ext.DistributionSansDepotPartage"
