"""Module 0 — les questions du parcours des élus (exercice noté ``m0_prise_en_main_elus``).

Chaque réponse se lit à l'écran (la fiche d'une commune, un tableau, le
simulateur de projection) et se recopie telle quelle : ``reponse_q1 = 171781``.
Les réponses attendues sont des empreintes (voir ``atelier.exercices``) :
``python -m atelier.exercices m0_elus_q1 nombre 171781 --decimales 0``.
"""

from atelier.exercices import Question

RECOPIER = 'Recopiez le nombre sans espaces (171781), ou entre guillemets ("171 781").'

q1 = Question(
    identifiant="m0_elus_q1",
    intitule="Question 1 (population de Bohicon)",
    genre="nombre",
    entier=True,
    unite="habitants",
    attendu="c9de31fbf8e0fa1f82d11d46d57455e884cebf43134079aaa6a30aca8dd84e75",
    indices=[
        "Regardez le tableau affiché sous la cellule de la question 1 : il a une ligne par information.",
        "La ligne « Population en 2013 » donne le nombre d'habitants. Vérifiez que le menu montre bien Bohicon. "
        + RECOPIER,
    ],
)

q2 = Question(
    identifiant="m0_elus_q2",
    intitule="Question 2 (communes des Collines)",
    genre="nombre",
    entier=True,
    unite="communes",
    attendu="6d36f260f39cb6b20e75411bf01a5043352cba8f8c245f018b260df665d1b92d",
    pieges={
        "80224ff3425dfd9a23a550b4bfb58d8ac7f744efd08d3e1cf89698ea7012a2f1": (
            "77, c'est le nombre de communes de tout le Bénin. Lisez seulement la ligne des Collines."
        ),
    },
    indices=[
        "Le tableau affiché sous la question 2 a une ligne par département.",
        "Sur la ligne « Collines », lisez le nombre de la colonne « communes », juste à droite du nom du département.",
    ],
)

q3 = Question(
    identifiant="m0_elus_q3",
    intitule="Question 3 (Parakou en 2030)",
    genre="nombre",
    entier=True,
    unite="habitants",
    attendu="ff4fbaaa9f419e84580aaeddfe8ce9c2060c006b9fb3c67753afb70ae104fbed",
    pieges={
        "aa1a38ecac3650af523d83d18db1329b85aa854866d9a2e32a6e3b45198f6476": (
            "C'est la projection pour 2026 à 3,5 % par an, le réglage de départ du simulateur. "
            "Lancez la cellule de la question 3 : elle règle le simulateur sur 2030 et 3 %."
        ),
    },
    indices=[
        "Lancez la cellule de la question 3, puis lisez le titre du graphique qui s'affiche dessous.",
        "Le titre dit « Parakou : environ … habitants en 2030 si la croissance reste de 3,0 % par an » : "
        "recopiez ce nombre. " + RECOPIER,
    ],
)
