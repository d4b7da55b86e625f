"""Module 1 — les questions du parcours des élus (exercice noté ``m1_planification_elus``).

Chaque réponse se lit à l'écran (le radar de la grille de maturité, le
simulateur de baisse du FADeC, les jalons d'un indicateur) et se recopie
telle quelle : ``reponse_q4 = 64.7``. Les réponses attendues sont des
empreintes (voir ``atelier.exercices``) :
``python -m atelier.exercices m1_elus_q4 nombre 64.7 --decimales 1``.
"""

from atelier.exercices import Question
from atelier.modules.m1_planification.modele import CRITERES, NIVEAUX

AVANT_REGLAGE = (
    "Lancez la cellule de la question : elle règle le simulateur, puis lisez le graphique qui "
    "s'affiche juste dessous."
)

q1 = Question(
    identifiant="m1_elus_q1",
    intitule="Question 1 (niveau de maturité de Ouidah)",
    genre="choix",
    options=NIVEAUX,
    attendu="386a80fda5f18136fe56997773e32e875a5920aa4da6dc5d8412ee0cb1f06856",
    indices=[
        "Lisez le titre au-dessus du radar de Ouidah (à droite des cases à cocher).",
        "La première ligne du titre dit « Ouidah : niveau … (… % des indicateurs) » : recopiez le mot qui suit "
        "« niveau », entre guillemets.",
    ],
)

q2 = Question(
    identifiant="m1_elus_q2",
    intitule="Question 2 (le point faible de Ouidah)",
    genre="choix",
    options=CRITERES,
    attendu="0ffb8538b87b6d1f52715438cb88bdc2c42136fff1b91edc4cf6863626e1c4fe",
    pieges={
        "09333c4e658016c0f9361dfd2aca0556438e098f2449a3a00a9a277eaf43645b": (
            "C'est au contraire l'un des critères les plus remplis. Cherchez la branche du radar la plus "
            "proche du centre."
        ),
        "68eb58368cb7b76d951e962ef361bbd28193056b4fc5b237bcc0631e3978ecc5": (
            "C'est au contraire l'un des critères les plus remplis. Cherchez la branche du radar la plus "
            "proche du centre."
        ),
    },
    indices=[
        "Sur le radar, le critère le plus faible est la branche où la forme bleue est la plus proche du centre.",
        "La deuxième ligne du titre du radar le nomme : « critère le plus faible : … ». Recopiez ce nom "
        "entre guillemets.",
    ],
)

q3 = Question(
    identifiant="m1_elus_q3",
    intitule="Question 3 (Ouidah avec deux actions de participation)",
    genre="choix",
    options=NIVEAUX,
    attendu="f9002963a3f5b4f978318094c9b048dadf06c976698422dcd4793f389eaff505",
    pieges={
        "97d4ac7aec51f61a2f35e6b3e2fca7268db5057ac098aa8202d9d83c03626be8": (
            "C'est le niveau de Ouidah avant les deux cases cochées. " + AVANT_REGLAGE
        ),
    },
    indices=[
        "Lancez la cellule de la question 3 : elle coche deux cases de la « Participation » et affiche à "
        "nouveau la grille de Ouidah.",
        "Chaque indicateur rempli compte pour 5 % (20 indicateurs). Lisez le nouveau titre du radar, sous "
        "la cellule de la question 3 : « Ouidah : niveau … ».",
    ],
)

q4 = Question(
    identifiant="m1_elus_q4",
    intitule="Question 4 (le FADeC dans le PAI de Kandi)",
    genre="nombre",
    decimales=1,
    unite="%",
    attendu="61077106d39dde69fcc2e91531129feb0393c7753960896bc87528e9fb7d026e",
    pieges={
        "98a383c4e07abdd8886fcfa13dbacde4a32a7a7b32f33d5b36b7a8f469e5dae2": (
            "C'est la part du PAI consacrée au numérique. La question demande la part du PAI que "
            "représente le FADeC non affecté."
        ),
        "493ef8e7f535cfe18238ea6e2fad2727a6d8f622d054fe02996c67ab21d6df0b": (
            "72 %, c'est le repère national, pas le chiffre de Kandi."
        ),
    },
    indices=[
        "Lisez la phrase écrite sous le graphique du simulateur (elle commence par « Kandi »).",
        "« le FADeC non affecté représente … % du PAI » : recopiez ce nombre avec un point pour la virgule "
        '(64,2 s\'écrit 64.2), ou entre guillemets ("64,2").',
    ],
)

q5 = Question(
    identifiant="m1_elus_q5",
    intitule="Question 5 (ce qu'une baisse de 40 % du FADeC retire au PAI de Kandi)",
    genre="nombre",
    decimales=0,
    unite="millions de FCFA",
    attendu="0466de7b676f7d96c7faab941f65ac118d7b56ab25ce9971a2432d741ea6d18b",
    pieges={
        "f5c51f89fe29b54bb412622e6a67f4dd74cc86391bb54ad4096609d1b91a7dea": (
            "C'est ce que retire une baisse de 25 %, le réglage de départ du simulateur. "
            + AVANT_REGLAGE
        ),
        "a5107145e2b8f3403c7f89110306f8833467174f26cbe82ab4ef1ae310ab048f": (
            "C'est le pourcentage du PAI perdu. La question demande le montant, en millions de FCFA."
        ),
        "0b100a5ca5b4d13e6d4ff035d5376ed4c7a25c9d5042ce3a9e5dc06db84f74bd": (
            "C'est le PAI qui reste après la baisse. La question demande ce que la baisse lui retire."
        ),
        "c04c3b1baf2ad8a6b080749ee65dc93bf21bd50b954b3b8aa9691ea64d1f559c": (
            "C'est le PAI prévu, avant la baisse. La question demande ce que la baisse lui retire."
        ),
    },
    indices=[
        "Lancez la cellule de la question 5 : elle règle la baisse du FADeC sur 40 %. Lisez le titre du "
        "graphique qui s'affiche juste dessous.",
        "Le titre dit « Kandi : la baisse retire … millions de FCFA au PAI » : recopiez ce nombre de millions.",
    ],
)

q6 = Question(
    identifiant="m1_elus_q6",
    intitule="Question 6 (jalon 2026 de Parakou)",
    genre="nombre",
    decimales=1,
    unite="%",
    attendu="616ad18c9628afda37aa4cd51cf08a29d96fb0f33586f4cfbd8539c23ffe46a0",
    pieges={
        "6020e11edbd91bc89b2f0d33088957caf2a41d643849c922d504c37c2dcaf4a5": (
            "C'est le pas annuel (ce que l'on gagne chaque année). La question demande la valeur à "
            "viser en 2026 : lisez le point de l'année 2026."
        ),
        "b3228cb27749465160d66f677759e6450308f2746e38e811e782133821740460": (
            "C'est le jalon de 2025. La question demande celui de 2026 (le point suivant)."
        ),
        "30dcfcafa7b9dece4ce27fd8a0c471418ecfac9841d9f8d22cd18e79632af0f7": (
            "C'est le jalon de 2027. La question demande celui de 2026 (le point précédent)."
        ),
    },
    indices=[
        "Sur le graphique des jalons, chaque point porte sa valeur ; les années sont sur l'axe du bas.",
        "Trouvez le point au-dessus de 2026 et recopiez le nombre écrit à côté, avec un point pour la virgule.",
    ],
)
