"""Module 2 — les questions du parcours des élus (exercice noté ``m2_centres_numeriques_elus``).

Chaque réponse se lit à l'écran (la carte et les barres du simulateur de
couverture, le compte du mois d'un centre) et se recopie telle quelle :
``reponse_q3 = 350000``. Les réponses attendues sont des empreintes (voir
``atelier.exercices``) : ``python -m atelier.exercices m2_elus_q1 nombre 59 --decimales 0``.
"""

from atelier.exercices import Question

q1 = Question(
    identifiant="m2_elus_q1",
    intitule="Question 1 (habitants de Lokossa à 5 km d'un centre)",
    genre="nombre",
    decimales=0,
    unite="%",
    attendu="2e7569e2a1fcbb885a0247b61bdd686649204b20d73bbcb3eaa6162e30be2584",
    pieges={
        "278ec7cc9a72520185c5d9f20a01f516ea8b3ec31ba26ad8c3f5d7daec7d6125": (
            "C'est la part des habitants qui vivent plus loin. La question demande ceux qui vivent à "
            "moins de 5 km d'un centre."
        ),
    },
    indices=[
        "Lisez le titre en gras au-dessus de la carte de Lokossa.",
        "« … % des habitants vivent à moins de 5 km d'un centre » : recopiez ce pourcentage, sans le signe %.",
    ],
)

q2 = Question(
    identifiant="m2_elus_q2",
    intitule="Question 2 (combien de centres pour la moitié de Banikoara)",
    genre="nombre",
    entier=True,
    unite="centres",
    attendu="6c2fffc7ff895abd361a92c82000637fdeb7cd257e4350418c4c22d6e56e64eb",
    pieges={
        "c63900fffda6957bbdd5442922bda79282d3b08a6bdeaaa89ef9aa16bcfe123a": (
            "Avec 3 nouveaux centres, plus de la moitié des habitants sont desservis, c'est vrai ; mais "
            "avec un centre de moins, est-ce déjà le cas ? Regardez la barre précédente."
        ),
        "2be4f0ff4d3cab3864ac521bba80a4c3cf28979306dcc393dd1ccd334a0118bd": (
            "Avec 1 nouveau centre, la barre reste sous 50 % : ce n'est pas encore la moitié des habitants."
        ),
        "c28fb08926f9a028961e343aeac03c9d71f7972c7402242f8570e976a45a0f0a": (
            "C'est un pourcentage d'habitants. La question demande un nombre de nouveaux centres : "
            "le nombre écrit sous la barre."
        ),
    },
    indices=[
        "Regardez le graphique en barres sous la carte de Banikoara : une barre par nombre de nouveaux "
        "centres (écrit sous la barre), avec le pourcentage d'habitants desservis au-dessus.",
        "Cherchez, de gauche à droite, la première barre qui dépasse 50 % et recopiez le nombre de centres "
        "écrit sous elle.",
    ],
)

q3 = Question(
    identifiant="m2_elus_q3",
    intitule="Question 3 (ce que gagne le centre de Lokossa chaque mois)",
    genre="nombre",
    decimales=0,
    unite="FCFA",
    attendu="440c059db77ea066d0b369a99330aa70e5e3785044e63cc5dbe3f71ac7968230",
    pieges={
        "eaf0c261c340221cb5bed362338c9c81b0977fe87a1a87f72fde24100d70ebc0": (
            "C'est ce que le centre encaisse (ses recettes). La question demande ce qu'il gagne, une fois "
            "ses charges payées."
        ),
        "bd87b5b0707cde49c89b5448607fa8c49af6942579338e71a9845a5908b89a1c": (
            "Ce sont les charges du mois. La question demande ce que le centre gagne une fois ses charges "
            "payées."
        ),
    },
    indices=[
        "Lisez la première ligne du titre du graphique du compte du mois.",
        "« … le centre gagne … FCFA par mois » : recopiez ce montant sans espaces (123456), ou entre "
        'guillemets ("123 456").',
    ],
)

q4 = Question(
    identifiant="m2_elus_q4",
    intitule="Question 4 (visites nécessaires au tarif de 300 FCFA)",
    genre="nombre",
    entier=True,
    unite="visites par jour",
    attendu="d150b1adb8f955e942d48ec3d918530d3836481c557bf3c22106faa808d1641d",
    pieges={
        "951ed6185d2cf7650fc2b22d1f395e7078b0a55efb0042169420366cbd315884": (
            "Avec ce nombre de visites, on reste sous le seuil : le centre perd encore un peu d'argent. "
            "Arrondissez au-dessus."
        ),
        "78f8526ce93f8485ae3126ba8137e580522ffe8d4e2c3ec70a9026b52c71ef1e": (
            "C'est le seuil au tarif de départ (400 FCFA). Lancez la cellule de la question 4, qui règle "
            "le tarif sur 300 FCFA, et lisez le graphique affiché dessous."
        ),
    },
    indices=[
        "Lancez la cellule de la question 4, puis regardez la légende du graphique : la ligne en tirets "
        "noirs est le « seuil ».",
        "La légende dit « seuil : … visites par jour » avec une décimale. On ne reçoit pas une fraction de "
        "visiteur : donnez le nombre entier juste au-dessus.",
    ],
)

q5 = Question(
    identifiant="m2_elus_q5",
    intitule="Question 5 (le centre de Lokossa, installation comprise)",
    genre="booleen",
    attendu="e2e1bd28fe63a2e4e78a38f27081ccc45280372c8502af392b0cef99636c73f4",
    indices=[
        "Lancez la cellule de la question 5 : elle remet le tarif à 400 FCFA et coche « Compter "
        "l'installation ». Lisez le titre du graphique affiché dessous.",
        "Le titre dit « le centre gagne … » ou « le centre perd … ». S'il perd, il ne couvre pas ses "
        "charges : répondez False ; s'il gagne, répondez True.",
    ],
)
