"""Module 2 — Centres communautaires de ressources numériques : les questions.

``q1`` … ``q8`` : l'exercice noté ; ``a1`` … ``a3`` : les exercices « À vous »
de la leçon. Les réponses attendues sont des empreintes (voir
``atelier.exercices``) ; les chiffres viennent des tables ``arrondissements``
(données synthétiques (fictives, pour l'exercice), sauf la population).
"""

from atelier.exercices import Question

# --- L'exercice noté -----------------------------------------------------------------

q1 = Question(
    identifiant="m2_q1",
    intitule="Question 1 (distance d'Ouesse au chef-lieu de Savalou)",
    attendu="4da834a461d149e2e4df3e7a6ae54636affc1ca6e63aaaf728da1950ce07b7d8",
    decimales=1,
    unite="km",
    pieges={
        "4283a5dd33a83a0d4b05c324079dc9aefc78c492822b03e45dec1c11bf625161": (
            "0 km, c'est l'arrondissement Ouesse de la commune de Ouèssè, qui est son chef-lieu. "
            "La question porte sur l'arrondissement Ouesse de la commune de Savalou : filtrez sur la "
            "commune ET sur l'arrondissement."
        ),
    },
    indices=[
        "La colonne `dist_centre_km` donne la distance de chaque arrondissement au chef-lieu de sa commune.",
        "Deux arrondissements s'appellent « Ouesse » (à Savalou et à Ouèssè) : gardez la ligne où "
        '`arrondissements["commune"] == "Savalou"` et `arrondissements["arrondissement"] == "Ouesse"`.',
        'Une ligne suffit : `arrondissements.loc[(arrondissements["commune"] == "Savalou") & '
        '(arrondissements["arrondissement"] == "Ouesse"), "dist_centre_km"].item()`.',
    ],
)

q2 = Question(
    identifiant="m2_q2",
    intitule="Question 2 (part des habitants de Lokossa à 5 km au plus du chef-lieu)",
    attendu="617df99893b268aced59d34205e56d52732655f372b39d6a55ace16c7df70b61",
    decimales=1,
    unite="%",
    proche="2be37d9541b2b97e5cc36baed2f1c857bdeab33f458487a0adc86763c89c7f3b",
    pieges={
        "5fc2640f4ab81c7447a9dbb5d39806e57b9a7504725c2a8a32b70dc120ba65be": (
            "40 %, c'est la part des arrondissements (2 sur 5). La question demande la part des "
            "habitants : chaque arrondissement compte pour sa population."
        ),
    },
    indices=[
        "Le centre existant de Lokossa est au chef-lieu, l'arrondissement « Lokossa ».",
        "`part_desservie(tableau, sites, rayon_km)` donne la part des habitants desservis, en %.",
        '`part_desservie(lokossa, ["Lokossa"], 5)`.',
    ],
)

q3 = Question(
    identifiant="m2_q3",
    intitule="Question 3 (le prochain site à Ouèssè)",
    genre="choix",
    options=[
        "Challa-Ogoi",
        "Djegbe",
        "Gbanlin",
        "Kemon",
        "Kilibo",
        "Laminou",
        "Odougba",
        "Ouesse",
        "Toui",
    ],
    attendu="4d33708dcb6db78bff430f166f69a06eb5f2883e0f590e93cefa57bba1b01a0a",
    pieges={
        "0b977f7fb1bdb122085899d6fabd96327c9844b77f049fb71891735b17235a45": (
            "Vous êtes parti(e) de zéro centre. Ouesse, le chef-lieu, a déjà le sien : donnez-le comme "
            "site déjà là, et cherchez le deuxième."
        ),
        "cf339cdba647a34223083f4cd237f38f4d2ec4597bf7dcc1b7e6ae40bcca13a5": (
            "Toui n'est que deuxième. Un centre dessert aussi les arrondissements voisins à moins de "
            "20 km : comparez les habitants gagnés avec `gains(...)`."
        ),
    },
    indices=[
        "Ouèssè a déjà un centre au chef-lieu (arrondissement « Ouesse »).",
        "`site_suivant(tableau, sites_deja_la, rayon_km)` donne le site qui ajoute le plus d'habitants ; "
        "`gains(...)` montre le classement complet.",
        '`site_suivant(ouesse, ["Ouesse"], 20)`.',
    ],
)

q4 = Question(
    identifiant="m2_q4",
    intitule="Question 4 (Banikoara : trois nouveaux centres)",
    attendu="a380993d4b75eb432f24bb44ced7f305154fa9989937cf72aa64f268e4fd042b",
    decimales=1,
    unite="%",
    proche="faf524961ee20b708e4960f3d9c45ecd638f10e23daec8a6ef978d5b4f327d56",
    pieges={
        "a0e3791aef350d8faf57b7f02a7e01fe049e714512ebbb9b675eb465b07e0492": (
            "Vous êtes parti(e) de zéro centre. Banikoara a déjà un point numérique communautaire au "
            'chef-lieu : donnez-le comme centre existant (`existants=["Banikoara"]`).'
        ),
        "fcbb9532ceef3cc58a77d92abdcc854e56f80785572cb32e98ee3b537402f7fc": (
            "C'est le résultat pour 10 km. La question fixe la distance à 15 km."
        ),
    },
    indices=[
        "`choisir_sites(tableau, k, rayon_km, existants)` ajoute k centres un par un ; la dernière ligne "
        "donne la part desservie à la fin.",
        "Le centre existant est au chef-lieu « Banikoara » ; k = 3 ; rayon 15 km.",
        '`choisir_sites(banikoara, 3, 15, ["Banikoara"])["part_desservie"].iloc[-1]`.',
    ],
)

q5 = Question(
    identifiant="m2_q5",
    intitule="Question 5 (coût complet d'une visite à Gamia, Bembèrèkè)",
    attendu="981f53a0696cb6bda1a1030bb13034e0ef79682ccbe4cf67a0939509d157e0ba",
    decimales=0,
    unite="FCFA",
    proche="c7313a6792e5737f0d01ace1d77062105a185be763eb3ae6920feef43e14a039",
    pieges={
        "9934d682d57c0248a75755ffa9e27d397ed8ce753d9d1103f8b6cd382ab1e3b6": (
            "Gamia n'est pas raccordé à l'électricité : il faut ajouter le kit solaire "
            "(`cout_solaire_fcfa`) au coût d'installation."
        ),
        "bfedb3128d8936249f9394e9cdcc6970907da682edf08d1e012af5692f2b45e9": (
            "Vous n'avez compté que le fonctionnement. Le coût complet compte aussi l'installation, "
            "amortie sur 5 ans."
        ),
    },
    indices=[
        "Coût complet d'une visite = (installation ÷ 5 ans + fonctionnement d'une année) ÷ visites d'une année.",
        "Gamia n'a pas l'électricité : installation = `capex_fcfa` + `cout_solaire_fcfa`. "
        "La fonction `cout_par_usager(installation, opex_annuel, usagers_jour)` fait le reste.",
        '`cout_par_usager(gamia["capex_fcfa"] + gamia["cout_solaire_fcfa"], '
        'gamia["opex_annuel_fcfa"], gamia["usagers_jour"])`.',
    ],
)

q6 = Question(
    identifiant="m2_q6",
    intitule="Question 6 (tarif d'équilibre du centre de Lokossa)",
    attendu="ffc00c69b906f94ac98c409f04449c95c79f29fa4964e176eebd80fd2f316009",
    decimales=0,
    unite="FCFA",
    pieges={
        "a85de279cd768cc76824c11c3d6fdfe155a10a011a91e6bac4f3eece099f70af": (
            "Votre tarif est 12 fois trop grand : `opex_annuel_fcfa` est le coût d'une année, "
            "divisez-le par 12 pour avoir les charges d'un mois."
        ),
        "3629b72eaed7ae81ab24357442f66f0f35abfbd61a882b6c0eb58684faebaf44": (
            "C'est le tarif pratiqué aujourd'hui (`tarif_fcfa`). La question demande le tarif qui "
            "couvre juste les frais."
        ),
    },
    indices=[
        "Tarif d'équilibre = charges d'un mois ÷ visites d'un mois (visites par jour × 25 jours).",
        "Charges d'un mois = `opex_annuel_fcfa` ÷ 12 ; visites par jour = `usagers_jour`.",
        '`tarif_equilibre(centre_lokossa["opex_annuel_fcfa"] / 12, centre_lokossa["usagers_jour"])`.',
    ],
)

q7 = Question(
    identifiant="m2_q7",
    intitule="Question 7 (visites nécessaires au centre de Karimama)",
    attendu="d3e9fde2a8fd569f4bc87e093424e9f525188ee62953f23b8a1d205350978152",
    entier=True,
    unite="visites par jour",
    pieges={
        "9fe06d19aa30c8a61eed6b91e6cebfbe1f9443d1a3e3cded7ee0723744ebb633": (
            "Avec ce nombre de visites, il manque encore un peu d'argent : arrondissez à l'entier "
            "supérieur (`math.ceil`)."
        ),
        "73aa129afbe0e6c5f04d2ea64f583b8f1962e2c51ffde6244d1ea820ccc294ff": (
            "Vous avez pris les charges d'une année : divisez `opex_annuel_fcfa` par 12 pour un mois."
        ),
        "24c301d8b5a5b3d5bbfd4efa26da11c615f9554ad3b3cd9443ecd13531cd25c1": (
            "Vous avez pris les charges d'une année : divisez `opex_annuel_fcfa` par 12 pour un mois, "
            "puis arrondissez à l'entier supérieur."
        ),
        "4843d2d9ef3c6488ebfdaba560ab1b4f4a06f41137178dc8ec7fb83d2a598b6f": (
            "C'est le nombre de visites d'aujourd'hui (`usagers_jour`). La question demande combien "
            "il en faudrait pour couvrir les frais."
        ),
    },
    indices=[
        "Visites d'équilibre par jour = charges d'un mois ÷ (tarif × 25 jours).",
        "`visites_equilibre(charges_mois, tarif)` ; charges d'un mois = `opex_annuel_fcfa` ÷ 12. "
        "Un nombre de visites est entier : arrondissez au-dessus avec `math.ceil(...)`.",
        '`math.ceil(visites_equilibre(centre_karimama["opex_annuel_fcfa"] / 12, centre_karimama["tarif_fcfa"]))`.',
    ],
)

q8 = Question(
    identifiant="m2_q8",
    intitule="Question 8 (Bembèrèkè : le site le moins cher par habitant gagné)",
    genre="choix",
    options=["Bembereke", "Beroubouay", "Bouanri", "Gamia", "Ina"],
    attendu="4427e030facdb9670fb30462a9d827baa71677107c667e57a79373ab200125a1",
    pieges={
        "db9d3128fe8680ba32e4e1853568b6b0c82f158ecd52e9649606c8862a03925a": (
            "Gamia gagne le plus d'habitants, mais il n'a pas l'électricité : avec le kit solaire, "
            "chaque habitant gagné y coûte plus cher. Regardez la colonne `fcfa_par_habitant_gagne`."
        ),
        "e4104f0da68da0a15b1087294e5960b4a8e13e373f360052bab52f566dc8247d": (
            "Ina est le moins cher à installer, mais il est déjà à moins de 15 km du chef-lieu : "
            "il ne gagne aucun habitant."
        ),
    },
    indices=[
        "Partez du centre du chef-lieu (« Bembereke ») et d'une distance de 15 km.",
        "`classer_sites(tableau, rayon_km, sites_deja_la)` range les sites du moins cher au plus cher "
        "par habitant gagné, kit solaire compris.",
        '`classer_sites(bembereke, 15, ["Bembereke"])["arrondissement"].iloc[0]`.',
    ],
)

# --- Les exercices « À vous » de la leçon -----------------------------------------------

a1 = Question(
    identifiant="m2_a1",
    intitule="À vous 1 (part des habitants de Malanville à 5 km au plus du chef-lieu)",
    attendu="a260a169163358cf34feef8abe19ae13dfeed890f0330806ea52986ed7c6dc8c",
    decimales=1,
    unite="%",
    proche="b68869dbcd43ae8595381be4d7de9101940d29e3e346ca2bfca8a901134d202e",
    pieges={
        "d47c301b0f8cf17cb2f9b5d07d4bdac3e0284dc0e8c342e05d9866ff0d5d1383": (
            "20 %, c'est la part des arrondissements (1 sur 5), pas celle des habitants."
        ),
    },
    indices=[
        "Le chef-lieu de Malanville est l'arrondissement « Malanville ».",
        '`part_desservie(malanville, ["Malanville"], 5)`.',
    ],
)

a2 = Question(
    identifiant="m2_a2",
    intitule="À vous 2 (le prochain site à Savalou)",
    genre="choix",
    options=[
        "Djaloukou",
        "Doume",
        "Gobada",
        "Kpataba",
        "Lahotan",
        "Lema",
        "Logozohoue",
        "Monkpa",
        "Ottola",
        "Ouesse",
        "Savalou-Aga",
        "Savalou-Agbado",
        "Savalou-Attake",
        "Tchetti",
    ],
    attendu="d97a64cff5dd82820fc56949938182c3d65345e882ff482ed3079a3f8eace32b",
    pieges={
        "11df2db2c482439253cd36d77b676d51a6188c12da810632e02e992c909f6369": (
            "Tchetti serait le meilleur premier centre s'il n'y en avait aucun. Ici, le chef-lieu "
            "« Savalou-Aga » a déjà son centre : passez-le dans la liste des sites."
        ),
    },
    indices=[
        "Partez du centre du chef-lieu, « Savalou-Aga », avec une distance de 15 km.",
        '`site_suivant(savalou, ["Savalou-Aga"], 15)`.',
    ],
)

a3 = Question(
    identifiant="m2_a3",
    intitule="À vous 3 (coût complet d'une visite à Kpankou, Kétou)",
    attendu="22b4302991922a7cd0c7339ab809145b2fc9aef2e6d57878129cdbdcfd113051",
    decimales=0,
    unite="FCFA",
    proche="bd0195ec65b891b18aa3e0690142f39804824220cae4b648864c5ec46cec4b7a",
    pieges={
        "b668c963f63d6fddacc5e14d721c91526af39b76369f28bfe5a380fbcac1c866": (
            "Kpankou n'a pas l'électricité : ajoutez le kit solaire au coût d'installation."
        ),
    },
    indices=[
        "Installation = `capex_fcfa` + `cout_solaire_fcfa` (Kpankou n'est pas électrifié).",
        '`cout_par_usager(kpankou["capex_fcfa"] + kpankou["cout_solaire_fcfa"], '
        'kpankou["opex_annuel_fcfa"], kpankou["usagers_jour"])`.',
    ],
)
