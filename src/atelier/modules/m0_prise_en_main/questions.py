"""Module 0 — les questions : entraînement de la leçon (a1…a4) et exercice noté (q1…q3).

Les réponses attendues sont des empreintes (voir ``atelier.exercices``) :
pour en calculer une, ``python -m atelier.exercices m0_q1 nombre 267812 --decimales 0``.
"""

from atelier.exercices import Question

# --- Entraînement (leçon) ---------------------------------------------------------

a1 = Question(
    identifiant="m0_a1",
    intitule="Entraînement 1 (population de Kandi)",
    genre="nombre",
    decimales=0,
    unite="habitants",
    attendu="46a10b376bb72a2b4370c2b7b39f724cc204264d970ddd5165180440e8272120",
    pieges={
        "874dd5f5e146a09b9c55862fef680ac40a485ac26261b43456d7281317b10bd1": (
            "C'est la population estimée pour 2024 (colonne population_2024). La question demande "
            "celle du recensement de 2013 (colonne population_2013)."
        ),
    },
    indices=[
        "Lancez la cellule qui affiche la fiche de Kandi et cherchez la ligne « population_2013 ».",
        "Recopiez le nombre sans espaces : 12345 et non 12 345.",
    ],
)

a2 = Question(
    identifiant="m0_a2",
    intitule="Entraînement 2 (communes du Zou)",
    genre="nombre",
    decimales=0,
    unite="communes",
    attendu="c5c4da88530d3e59479725db979df2e6fcf6e3eefd2790f23949a3b235e98a42",
    pieges={
        "3b2074afc4d5a7a419a9790619bd97caad9bab3ffe5bc9a6c72ce470165777da": (
            "77, c'est le nombre de communes de tout le Bénin. Ne gardez que celles du Zou."
        ),
        "dd6d7552c08a45ce4673b92ce410fb97b7eb0468afe77ab07839060eed9331f8": (
            "C'est le nombre d'habitants du Zou. La question demande le nombre de communes."
        ),
    },
    indices=[
        "Le tableau des totaux par département a une colonne « communes ».",
        'Ou bien : communes_disponibles("Zou") donne la liste des communes du Zou ; len(...) la compte.',
    ],
)

a3 = Question(
    identifiant="m0_a3",
    intitule="Entraînement 3 (Cotonou en 2030)",
    genre="nombre",
    chiffres=4,
    unite="habitants",
    attendu="def54048021a18b551074bb6012a6613cc4b06fc2fe948f0ce393c339582a521",
    proche="d48343441183c5172eec4cf816dd97236e439a36f96503ff997bb025c3400fce",
    pieges={
        "cd1a85ebacf672834215559618ebd93f21d777b257428896e1b56f456771eaaf": (
            "Vous avez compté 16 années. De 2013 à 2030, il y en a 2030 − 2013 = 17."
        ),
        "8a765dc2dff28622e2f792595c24c79aea94bdb020cb35f75e7837d46323860d": (
            "Vous avez compté 18 années. De 2013 à 2030, il y en a 2030 − 2013 = 17."
        ),
        "04fe3984d48098a0081e7aa95816a8816589f609bb5044ad1b780ea5e351936d": (
            "Vous avez ajouté 3,5 % de la population de 2013 chaque année. Mais la croissance "
            "s'applique chaque année à la population de l'année précédente : il faut multiplier "
            "17 fois par 1,035 (1.035 ** 17)."
        ),
    },
    indices=[
        "Combien d'années entre 2013 et 2030 ? C'est le troisième nombre à donner à projeter_population.",
        "projeter_population(population de 2013, 3.5, nombre d'années).",
        'projeter_population(fiche_commune("Cotonou")["population_2013"], 3.5, 2030 - 2013)',
    ],
)

a4 = Question(
    identifiant="m0_a4",
    intitule="Entraînement 4 (communes à statut particulier)",
    genre="ensemble",
    taille=4,
    attendu="b2a9616bdad5f279493579d63f932d58ffa8784593b5d9680cf5f7cc6bcc632c",
    indices=[
        "Le décret de 2022 en compte quatre ; la colonne « categorie » du tableau les signale.",
        'La liste s\'écrit entre crochets, chaque nom entre guillemets : ["Nom 1", "Nom 2", ...].',
        'communes.loc[communes["categorie"] == "statut particulier", "commune"]',
    ],
)

# --- Exercice noté -----------------------------------------------------------------

q1 = Question(
    identifiant="m0_q1",
    intitule="Question 1 (population de Djougou)",
    genre="nombre",
    entier=True,
    unite="habitants",
    attendu="c29191445ad0d74c1a590727fcbfe5db619b608e92bdb267407911c165af2a35",
    pieges={
        "29848e80bf6f1d360d9e3f11e65a2bef30d4cf44e9a8f57cdda3c6fa547f617b": (
            "C'est la population estimée pour 2024 (colonne population_2024). La question demande "
            "celle du recensement de 2013 (colonne population_2013)."
        ),
    },
    indices=[
        "La fiche de Djougou s'affiche avec la cellule au-dessus ; cherchez la ligne « population_2013 ».",
        "Recopiez le nombre sans espaces après le signe = .",
    ],
)

q2 = Question(
    identifiant="m0_q2",
    intitule="Question 2 (communes du Plateau)",
    genre="nombre",
    entier=True,
    unite="communes",
    attendu="d2b3dd0107728ef0d90c706f0e9f5c94a523bb3d9965b97f7ffb128b5c550616",
    pieges={
        "18c6df90a366be1a01857d5aaeafa55b041d8812807018705a640801fc5f4008": (
            "77, c'est le nombre de communes de tout le Bénin. Ne gardez que celles du Plateau."
        ),
        "1d2d282976da17a81c99c637f68f9992d4ec59dc1936a1d10307b532cbecee16": (
            "C'est le nombre d'habitants du Plateau. La question demande le nombre de communes."
        ),
    },
    indices=[
        "Le tableau des totaux par département a une colonne « communes ».",
        'communes_disponibles("Plateau") donne la liste des communes du Plateau ; len(...) la compte.',
    ],
)

q3 = Question(
    identifiant="m0_q3",
    intitule="Question 3 (Parakou en 2026)",
    genre="nombre",
    decimales=0,
    unite="habitants",
    attendu="f388c271fd75ad71fad465ccf347d44d5e90480e156be760941521542ddba245",
    proche="d2c1740e6a3736889a2c608c87efc8e49cc6a71364f96f04778da2e5b77ec816",
    pieges={
        "6dafc70fb954ff9b0da99561b9be52890d605432040cbde39bda790805bbe884": (
            "Vous avez compté 12 années. De 2013 à 2026, il y en a 2026 − 2013 = 13."
        ),
        "53bab23fd7e4a8c14ab90b6171b2f08b1d0265cf74f86811f3aed8d4231e245b": (
            "Vous avez compté 14 années. De 2013 à 2026, il y en a 2026 − 2013 = 13."
        ),
        "858a0959ac647948c956cbce75f75704483cff4ab07a52219796ffe4fde40229": (
            "Vous avez ajouté 3,5 % de la population de 2013 chaque année. Mais la croissance "
            "s'applique chaque année à la population de l'année précédente : il faut multiplier "
            "13 fois par 1,035."
        ),
    },
    indices=[
        "Combien d'années entre 2013 et 2026 ? C'est le troisième nombre à donner à projeter_population.",
        "projeter_population(population de Parakou en 2013, 3.5, nombre d'années).",
        'projeter_population(fiche_commune("Parakou")["population_2013"], 3.5, 2026 - 2013)',
    ],
)
