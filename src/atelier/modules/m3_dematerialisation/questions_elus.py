"""Module 3 — Dématérialisation : les questions du parcours des élus.

``q1`` à ``q8`` : l'exercice noté des élus (exercises/source/m3_dematerialisation_elus).
Chaque réponse se lit à l'écran (tableau de bord, graphique, simulateur) et se
recopie telle quelle. Les réponses attendues sont des empreintes
(``python -m atelier.exercices``). Données synthétiques (fictives, pour l'exercice).
"""

from atelier.exercices import Question

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]

q1 = Question(
    identifiant="m3_elus_q1",
    intitule="Question 1 (actes délivrés en 72 heures à Parakou)",
    attendu="3089f444894abf227329dfc86bd14ca6a68e17af5f49a25778d66d037ea9d90b",
    decimales=1,
    unite="%",
    pieges={
        "ac1186fcecc240d65df33a7cac238a40fb6979b7ea3e21bd641f579b68166b95": (
            "C'est la médiane des 77 communes (colonne « médiane des 77 ») : la question demande "
            "la valeur de Parakou, dans la colonne « Parakou »."
        ),
        "43fb2bac458e9b4d995fee5264e7007683ac80978b8a709b93d7409d9b96e551": (
            "90 % est le repère de l'e-casier judiciaire (colonne « repère ») : la question demande "
            "la valeur de Parakou."
        ),
    },
    indices=[
        "Regardez le tableau affiché sous le menu « Votre commune », au-dessus du graphique.",
        "Ligne « actes en 72 h (%) », colonne « Parakou » (la première colonne de chiffres). "
        "Recopiez le nombre avec un point à la place de la virgule.",
    ],
)

q2 = Question(
    identifiant="m3_elus_q2",
    intitule="Question 2 (écart de Parakou à la médiane des 77 communes)",
    attendu="584bc2d5cd9a4c6a3368b50ff78dc5a4b2f6f9f943c1425db25a3245c3bd5ca7",
    decimales=1,
    unite="points",
    pieges={
        "cfe83b695426a382bc82ca3bd2fc25ca5ad48b96684362b16bba75bf6688db5b": (
            "Le signe est inversé : Parakou est au-dessus de la médiane, l'écart est positif "
            "(valeur de Parakou moins médiane)."
        ),
        "2126b3ccf52f3a06d27e5a20ca193e1e1e449645a27224083d70aabc6deb9250": (
            "C'est l'écart entre Parakou et le repère de 90 % : la question compare Parakou à la "
            "médiane des 77 communes."
        ),
    },
    indices=[
        "Même tableau que la question 1, même ligne « actes en 72 h (%) ».",
        "Faites la soustraction : valeur de Parakou moins valeur de la colonne « médiane des 77 ».",
    ],
)

q3 = Question(
    identifiant="m3_elus_q3",
    intitule="Question 3 (communes au repère de 90 % en 72 heures)",
    attendu="b59403e0f2cfe71928b751d629cfeb3fcfa9fdd988e22c2706c5ae07653e1c22",
    entier=True,
    unite="communes",
    pieges={
        "20cb302eea9ea536e39e131f05b81d9b3c78e2762dad2338f38eb9136f543fd8": (
            "C'est à peu près le nombre de barres grises, les communes sous le repère : la question "
            "demande les communes au repère ou au-dessus (barres bleues)."
        ),
    },
    indices=[
        "Le titre du graphique donne la réponse en toutes lettres.",
        "Le titre commence par « … communes sur 77 délivrent au moins 90 % » : recopiez le premier nombre.",
    ],
)

q4 = Question(
    identifiant="m3_elus_q4",
    intitule="Question 4 (VAN à Savalou avec 10 % des demandes en ligne)",
    attendu="619c8951a49c1570474351fa18d8f1a1754f70b2270148862841bf3adf5903eb",
    decimales=1,
    unite="millions de FCFA",
    pieges={
        "ce0c7f2248db28ea39c0e57e5411ea8d09259d24debbd2e89ecf1c242634d10d": (
            "C'est la VAN avec 30 % des demandes en ligne (le réglage de départ) : relancez la "
            "cellule du simulateur, qui met le curseur « Demandes faites en ligne » sur 10 %."
        ),
    },
    indices=[
        "La VAN est écrite dans le titre du graphique du simulateur, en millions de FCFA.",
        "Vérifiez d'abord le titre : « Savalou (10 % en ligne, taux 10,0 %) ». Puis recopiez le "
        "nombre après « VAN sur 5 ans : », avec un point à la place de la virgule.",
    ],
)

q5 = Question(
    identifiant="m3_elus_q5",
    intitule="Question 5 (VAN à Comè avec un taux de 12 %)",
    attendu="36fa0e128dda0a294d3216f8281efea2d8603091226394ddf4051509e44e944e",
    decimales=1,
    unite="millions de FCFA",
    pieges={
        "6376587b0e35745737c46140058d8e73328bf63929a6a32610cc1a52065b6576": (
            "C'est la VAN au taux de 10 % (la première cellule) : la question demande la VAN au taux "
            "de 12 %, affichée par la cellule suivante."
        ),
        "f07db98fe2a2fc1c0654a93083b220c68f06ee8063b71eeab2c1289b7ab6baa5": (
            "C'est la baisse de la VAN entre 10 % et 12 % : la question demande la VAN elle-même, au "
            "taux de 12 %."
        ),
    },
    indices=[
        "Lisez le titre du second simulateur de Comè, celui réglé sur un taux de 12 %.",
        "Le titre commence par « Comè (30 % en ligne, taux 12,0 %) » ; recopiez le nombre après "
        "« VAN sur 5 ans : ».",
    ],
)

q6 = Question(
    identifiant="m3_elus_q6",
    intitule="Question 6 (guichets nécessaires à Zogbodomey)",
    attendu="7923bb7d8563ae5f262d995f9282d04554bea2574d060cb9cf0f56075c3edf87",
    entier=True,
    unite="guichets",
    pieges={
        "635bb438fdd4ac4584976843c2c394770d416a607ca32412550c78fd9574f79f": (
            "C'est le nombre de guichets ouverts aujourd'hui (la barre encadrée de noir) : avec eux, "
            "l'attente dépasse 15 minutes. La question demande combien il en faut."
        ),
        "0cf4034388b00e0c01786ba83a21d9cc0189e4a2ca15757016a403a6470c8140": (
            "C'est l'attente en minutes avec les guichets actuels : la question demande un nombre "
            "de guichets."
        ),
    },
    indices=[
        "Le titre du graphique dit combien de guichets il faut pour rester sous 15 minutes.",
        "Cherchez dans le titre « il en faut … pour rester sous 15 min ». Sur le graphique, c'est la "
        "première barre sous la ligne pointillée.",
    ],
)

q7 = Question(
    identifiant="m3_elus_q7",
    intitule="Question 7 (attente à Djidja avec 30 % des demandes en ligne)",
    attendu="e0a96a1d12029dcad03a837b1f0a271503b7164e6dd7fcd2a2685eeb2647cf71",
    decimales=0,
    unite="minutes",
    pieges={
        "b208a7e1a917fcb5a5cd0f3cb1f83c39ed9e437839d34b7b2564f0df5429478b": (
            "C'est l'attente sans demandes en ligne : relancez la cellule du simulateur, qui met le "
            "curseur « Demandes faites en ligne » sur 30 %."
        ),
        "a8bb2684573889b45d2df43941aa29dfdbcdb393c7f4eebe3f41cf42d5b0cd9d": (
            "C'est un nombre de guichets : la question demande l'attente moyenne, en minutes."
        ),
    },
    indices=[
        "Le titre du graphique donne l'attente moyenne avec les guichets actuels.",
        "Cherchez « on attend … min en moyenne » dans le titre ; c'est aussi le nombre écrit "
        "au-dessus de la barre orange encadrée de noir.",
    ],
)

q8 = Question(
    identifiant="m3_elus_q8",
    intitule="Question 8 (le gain rapide qui ne dépend pas de la mairie)",
    genre="choix",
    options=["Légalisation", "Certificat de résidence", "CIP (ANIP)"],
    attendu="9edb8b47046022ed18fe93fce55e8844d4f5b62a0b6c278f67d470066d9e9bea",
    pieges={
        "c691b98232ed7dad087641cb03815a2d138500aaed25081e37e9412f8d763cf2": (
            "La légalisation se demande au guichet de la mairie (point plein) : cherchez le gain "
            "rapide dessiné par un rond vide."
        ),
        "69a347e2fae96ce5f80bc351e1d7845348eebf2f3a6b3bccc6ce95172bf8bd9e": (
            "Le certificat de résidence se demande au guichet de la mairie (point plein) : cherchez "
            "le gain rapide dessiné par un rond vide."
        ),
    },
    indices=[
        "Le titre nomme les trois gains rapides ; la légende, sous le graphique, dit ce que veut "
        "dire un point plein et un rond vide.",
        "En haut à gauche (GAINS RAPIDES), un seul des trois est un rond vide : il dépend d'une "
        "autre administration. Recopiez son nom entre guillemets, tel qu'il est écrit dans le titre.",
    ],
)
