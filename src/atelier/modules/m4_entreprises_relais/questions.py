"""Module 4 — Entreprises, start-ups et relais digitaux : les questions.

``q1`` … ``q8`` : l'exercice noté ; ``a1`` … ``a3`` : les entraînements de la leçon.
Les carnets préparent les mêmes noms :

    economie = charger_communes("economie_numerique", "connectivite").set_index("commune")
    secteurs = charger("entreprises_secteurs")
    citoyens_par_mois = parametre("citoyens_formes_par_relais_mois")   # 60 [58]
    jours_ouverture = 26

Les réponses attendues et les erreurs fréquentes sont des empreintes
(``python -m atelier.exercices m4_q4 nombre 154 --decimales 0``).
"""

from atelier.exercices import Question

SECTEURS = (
    "Cybercafés, impression et saisie",
    "Vente et réparation de téléphones et d'ordinateurs",
    "Commerce en ligne et livraison",
    "Développement web et logiciels",
    "Agriculture et numérique (agritech)",
    "Formation au numérique",
    "Médias, communication et création de contenus",
    "Paiements et services financiers numériques (fintech)",
)

_ARRONDI_HAUT = (
    "Arrondissez vers le haut (math.ceil) : avec un de moins, le compte n'y est pas tout à fait."
)

_EN_UN_MOIS = (
    "C'est ce qu'il faudrait pour tout faire en un mois : les relais ont 12 mois, multipliez "
    "citoyens_par_mois par 12."
)

# --- L'exercice noté ------------------------------------------------------------------

q1 = Question(
    identifiant="m4_q1",
    intitule="Question 1 (points de monnaie électronique à Djougou)",
    attendu="118895a45ecf9af5596b5f92c4ba0286f40a576564d5c4b73625196722eb7c63",
    entier=True,
    unite="points",
    proche="f6fc2a37207f0a28b820fc8c201eec3f5453306d2d374c52ac139941dbb59ff1",
    pieges={
        "0f98175b9aeb994ad6f628b256e357098345ba486cb50c93c9a445affe2f2c43": (
            "C'est le nombre de comptes des habitants ; la question demande les points "
            "(agents de dépôt-retrait) : colonne nb_points_mobile_money."
        ),
    },
    indices=(
        "Le tableau `economie` a une ligne par commune, et le nom de la commune sert d'étiquette de ligne.",
        '`economie.loc["Djougou", "nom_de_la_colonne"]` lit une case ; la colonne est '
        "`nb_points_mobile_money`.",
    ),
)

q2 = Question(
    identifiant="m4_q2",
    intitule="Question 2 (entreprises du numérique pour 10 000 habitants à Bohicon)",
    attendu="4d91c07e115c4d5186975a0fcebaba0e7a28a6866b8214578e6bfa200cb51ca2",
    decimales=1,
    unite="entreprises pour 10 000 habitants",
    proche="9e3d286f08344c8c037097f587d90544fa68d1e83f4b7ddbc6b9aeef625e534f",
    pieges={
        "7cb4ff3589b2c11ec9370fe36991ee655fbc7492401f558229162d0a01af7dca": (
            "Vous avez divisé par la population de 2013 : les entreprises sont comptées en 2024, "
            "prenez population_2024."
        ),
        "2f9920243c351d862fd1a231c9863fd282c9cddd46454d175b02e9dd0d70dc38": (
            "Vous avez divisé par les seuls adultes : la question porte sur tous les habitants (population_2024)."
        ),
        "3b574dfec4eda214f2618e171ec47f9d2063948eaf1668c052b4b82b565ccfd7": (
            "Vous avez calculé pour 1 000 habitants : multipliez par 10 000, pas par 1 000."
        ),
    },
    indices=(
        "Un nombre « pour 10 000 habitants » : nombre ÷ population × 10 000.",
        'Les colonnes : `nb_entreprises_num` et `population_2024`, sur la ligne "Bohicon" du tableau `economie`.',
        '`economie.loc["Bohicon", "nb_entreprises_num"] / economie.loc["Bohicon", "population_2024"] * 10000`',
    ),
)

q3 = Question(
    identifiant="m4_q3",
    intitule="Question 3 (premier secteur du numérique à Aplahoué)",
    genre="choix",
    attendu="ce07979ac13b501145e540b31a969ba195366acd81fd3c93723f200b3618374a",
    options=SECTEURS,
    pieges={
        "f28efe5ef5b39db593659361a122fe329895fa49b0b2a1de712fb177eb7fc8d6": (
            "Ce secteur est en tête dans la plupart des communes, mais regardez bien les chiffres "
            "d'Aplahoué : un autre le dépasse."
        ),
    },
    indices=(
        'Gardez les lignes d\'Aplahoué : `secteurs[secteurs["commune"] == "Aplahoué"]`.',
        "Sur ces lignes, `.idxmax()` sur la colonne `nb_entreprises` donne l'étiquette de la ligne la plus "
        'grande ; `.loc[etiquette, "secteur"]` lit le secteur.',
    ),
)

q4 = Question(
    identifiant="m4_q4",
    intitule="Question 4 (seuil de rentabilité du kiosque de Dangbo)",
    attendu="760bbd53ef893483b442c7684cdacbd62e626e19b521d81080a3769f32054900",
    entier=True,
    unite="prestations par mois",
    proche="b4b30a54745e021cc68b521d0500747abcf995192d2c6ce2c69f316093c6098c",
    pieges={
        "0b358a869d2221b4c3bfcc60913beda1446b99d52af7117e3fd017cc602b1eff": (
            "Vous avez divisé par le prix : chaque prestation coûte aussi (papier, encre, connexion). "
            "Divisez par la marge, prix − coût variable."
        ),
        "c17aadd80c9924e45883c655761d11a5456b5c51bf9692083d4c004077f41c6e": (
            "Il manque une charge fixe : le loyer se paie aussi chaque mois, avec le salaire."
        ),
        "40e5e7d936d4cb8831b8b5ac4603b831fdbb760a7c5e07571afd9531f0ef06b9": (
            "C'est un nombre par jour ; la question demande des prestations par mois."
        ),
        "ccb98fea3c0d19de66b3fcd675b881c08db868f84f452902ceed1441dcc45a04": (
            "Avec ce nombre de prestations, il manque encore un peu d'argent chaque mois : "
            "arrondissez vers le haut, avec `math.ceil(...)`."
        ),
    },
    indices=(
        "Seuil = charges fixes du mois ÷ (prix − coût variable). Les charges fixes : loyer + salaire.",
        '`dangbo = economie.loc["Dangbo"]` donne la ligne de Dangbo ; `dangbo["loyer_fcfa"]` lit une valeur.',
        '`math.ceil((dangbo["loyer_fcfa"] + dangbo["salaire_fcfa"]) / (dangbo["prix_prestation_fcfa"] - '
        'dangbo["cout_variable_fcfa"]))`',
    ),
)

q5 = Question(
    identifiant="m4_q5",
    intitule="Question 5 (résultat du mois du kiosque de Lokossa)",
    attendu="1a2473ee3f00aacb7a75b6f7fdaf3dba5e4df73f0bdd76a0b1ef07f9e2c74dc7",
    decimales=0,
    unite="FCFA",
    proche="6020c1a7a81a3408e90945e95c57a412e827730ad8a0dfc28e0539f677e6ca3e",
    pieges={
        "b3a19a15e8c5de56c6519453f812479adb1b4eee61faaffabb50c1ddfd1b260b": (
            "Vous avez oublié le coût variable : chaque prestation coûte cout_variable_fcfa au kiosque."
        ),
        "2b69e5a19291a3539658b55120f3ef475ed430ed06874e2f9d50422a14ea4344": (
            "Vous avez oublié les charges fixes (loyer et salaire), payées chaque mois."
        ),
        "f04703fc901a9eab5bacbf0469406e39d445d537c71342e4725e94eca1ee49b5": (
            "Ce sont les recettes du mois ; le résultat retire les coûts variables et les charges fixes."
        ),
        "a4c08ae59a64bdfe1a1c6eaf707a4ff86dc3b390e763ae7468bab4903e3016c9": (
            "Vous avez compté les visites d'un seul jour : multipliez par les jours d'ouverture (jours_ouverture)."
        ),
    },
    indices=(
        "Résultat du mois = prestations du mois × (prix − coût variable) − loyer − salaire.",
        "Prestations du mois = 15 visites × jours_ouverture (26 jours).",
        '`lokossa = economie.loc["Lokossa"]` puis `15 * jours_ouverture * (lokossa["prix_prestation_fcfa"] - '
        'lokossa["cout_variable_fcfa"]) - lokossa["loyer_fcfa"] - lokossa["salaire_fcfa"]`',
    ),
)

q6 = Question(
    identifiant="m4_q6",
    intitule="Question 6 (adultes hors ligne à Natitingou)",
    attendu="de048dbf1c36febde444fbd9588886646915befeb4550b35fefdf68e8f5945bb",
    decimales=0,
    unite="adultes",
    proche="d7c046ebf282648ed7d3e628e26e184d2e12ba679561beefb6e3b3b13cd2f6fe",
    pieges={
        "eb046648bc3ecf85e8fcdb4d1002dbabfd8e16b391cc753040cac2719d070acb": (
            "Vous avez compté les adultes qui utilisent internet ; la question demande ceux qui ne "
            "l'utilisent pas : (1 − taux ÷ 100)."
        ),
        "3ab843e256e455deacb104e203028a8cfcc070d376be0e4b11f72a7344e683fd": (
            "Vous êtes parti de toute la population ; la question porte sur les adultes "
            "(population_adulte_2024)."
        ),
        "e003a3ec085b12152c7dccaf593d42cbd1417777eff3389301b0dfd68eebcb3e": (
            "Vous avez pris la part sans smartphone ; la question porte sur l'usage d'internet "
            "(taux_usage_internet)."
        ),
    },
    indices=(
        "Adultes hors ligne = population adulte × (1 − taux d'usage d'internet ÷ 100).",
        '`economie.loc["Natitingou", "population_adulte_2024"] * (1 - economie.loc["Natitingou", '
        '"taux_usage_internet"] / 100)`',
    ),
)

q7 = Question(
    identifiant="m4_q7",
    intitule="Question 7 (relais nécessaires à Savalou en 12 mois)",
    attendu="464d767689e9cc788d611a105e6816c3330e22106c403a1781d050421723a14b",
    entier=True,
    unite="relais",
    proche="18a21e19d264ab34fac59fb11b4eda73bee36ba27b73e7d729965e0469b68c52",
    pieges={
        "381c73a3a091c3129d1a2f90c569f98f0a453e30650713c1e65b176660d1e7e3": _ARRONDI_HAUT,
        "b2beb233c5b42b4bb6b450f3751c0d0c82a408bb3c29c188c75f1f6963e50d7f": _EN_UN_MOIS,
        "1e72cd02fbe07cdb0314e5e39e4d5d3bdc94f5cf3b0c68922d74ee11a48bf495": _EN_UN_MOIS,
        "16253d5e91a10420f3a9fb06227924d9aaa360ba668fe5a543d605432f7511f0": (
            "Vous êtes parti des adultes qui utilisent déjà internet ; les relais forment ceux qui ne "
            "l'utilisent pas : (1 − taux ÷ 100)."
        ),
        "bc003c2ec08452798ec7d26af78961c25e5570585a5716cdaae0b01b151b5b49": (
            "Vous êtes parti de toute la population ; les relais forment les adultes (population_adulte_2024)."
        ),
    },
    indices=(
        "D'abord les adultes hors ligne de Savalou (comme à la question 6), puis : "
        "relais = adultes hors ligne ÷ (citoyens_par_mois × 12).",
        "Arrondissez vers le haut avec `math.ceil(...)` : un relais de plus plutôt qu'un habitant oublié.",
        '`ligne_savalou = economie.loc["Savalou"]` ; `hors_ligne = ligne_savalou["population_adulte_2024"] * (1 - '
        'ligne_savalou["taux_usage_internet"] / 100)` ; `math.ceil(hors_ligne / (citoyens_par_mois * 12))`',
    ),
)

q8 = Question(
    identifiant="m4_q8",
    intitule="Question 8 (part des adultes hors ligne de Sakété atteinte en 12 mois)",
    attendu="9c0f6c09c8866b7731ed2cf0e3fd71b64745ffadb04066ad6aa64bdfb0c22be8",
    decimales=1,
    unite="%",
    proche="ab9f22d1c2b1b56007e3958d03472140cab53b52f86581540397148fd91a56df",
    pieges={
        "71f4c61df69b89eb5218b8cf2e601485c17093ac7f5e566ce7bebc642bb8f991": (
            "C'est la part atteinte en un seul mois : les relais travaillent 12 mois."
        ),
        "6339d7858e8e7094ef8ea6ddfb5c12aae8fc064fa8dcea089ecc78f71b19d5ad": (
            "Vous avez divisé par tous les adultes ; la question porte sur les adultes hors ligne."
        ),
        "c386504213dbe18ee9208368830d1be31eabbc5149443ffa3a76cb3c41d531db": (
            "Vous avez divisé par les adultes qui utilisent internet ; il faut ceux qui ne l'utilisent pas."
        ),
    },
    indices=(
        "Personnes atteintes en 12 mois = relais actuels (nb_relais) × citoyens_par_mois × 12. "
        "Part = personnes atteintes ÷ adultes hors ligne × 100 (sans dépasser 100).",
        '`sakete = economie.loc["Sakété"]` ; adultes hors ligne comme à la question 6.',
        '`min(100, sakete["nb_relais"] * citoyens_par_mois * 12 / hors_ligne * 100)`',
    ),
)

# --- Les entraînements de la leçon -----------------------------------------------------

a1 = Question(
    identifiant="m4_a1",
    intitule="Entraînement 1 (entreprises du numérique pour 10 000 habitants à Abomey-Calavi)",
    attendu="d950eed759759ccf2b8af9f0d5208c17ed16218f0f8457e9a425a3acf1ca98c2",
    decimales=1,
    unite="entreprises pour 10 000 habitants",
    proche="98e9e537b8fcc81c4857ba20b22acc28127fa782499c012529e29198de30aaa1",
    pieges={
        "cf0dca78fdc46b85ec6ab01f2db5ce03e22ba0ccc1a6000bb070163941c6697d": (
            "Vous avez divisé par la population de 2013 : prenez population_2024."
        ),
    },
    indices=(
        "Comme pour Cotonou plus haut : nombre ÷ population × 10 000.",
        '`economie.loc["Abomey-Calavi", "nb_entreprises_num"] / economie.loc["Abomey-Calavi", '
        '"population_2024"] * 10000`',
    ),
)

a2 = Question(
    identifiant="m4_a2",
    intitule="Entraînement 2 (seuil de rentabilité du kiosque de Banikoara)",
    attendu="3852c7c1dae8689918bcc192fed208d04a576b8d3dc1a835e7f9795d93f8f410",
    decimales=0,
    unite="prestations par mois",
    proche="14f9ffd70a4221a7ba170c1be61c0ffeff7e6eb45bca12e7366acfc77bf67cf6",
    pieges={
        "9c6c3eb59022afc3a5da05548997c4402d9ae72e7b294734b0bef44a5d97cc25": _ARRONDI_HAUT,
        "51ed3b64bad81c71eb0a68d1c626715fb0fc50f76064331bc01845fd0b996de5": (
            "Vous avez divisé par le prix : divisez par la marge, prix − coût variable."
        ),
        "b8926f77b43a278f188ce2df3204f7cc6a59babdea78a043a71012e825e868fb": (
            "C'est un nombre par jour ; la question demande des prestations par mois."
        ),
    },
    indices=(
        "Comme pour Parakou plus haut : (loyer + salaire) ÷ (prix − coût variable), arrondi vers le haut.",
        '`ligne = economie.loc["Banikoara"]` puis `math.ceil((ligne["loyer_fcfa"] + ligne["salaire_fcfa"]) / '
        '(ligne["prix_prestation_fcfa"] - ligne["cout_variable_fcfa"]))`',
    ),
)

a3 = Question(
    identifiant="m4_a3",
    intitule="Entraînement 3 (relais nécessaires à Akpro-Missérété en 12 mois)",
    attendu="efd289b244038cac61eb1886aaf6cca54c4ac9e4a144232b2c4c5af5640bbcb1",
    decimales=0,
    unite="relais",
    proche="3a873e95a4ea80b64869ce8ca2c12ff36869f02aba3986aff05d0fa1a7331719",
    pieges={
        "0a3fe6f2ad2a1fe731722fb4ab997adaf13781607fd7f630eda1281ece978271": _ARRONDI_HAUT,
        "6f25874497bf96a5f2c00d86ff5ccb95994a4f545acaeab01338a6c4db6d2679": (
            "Vous êtes parti des adultes qui utilisent déjà internet ; les relais forment ceux qui ne "
            "l'utilisent pas : (1 − taux ÷ 100)."
        ),
    },
    indices=(
        "Comme pour Banikoara plus haut : adultes hors ligne ÷ (citoyens_par_mois × 12), arrondi vers le haut.",
        '`ligne = economie.loc["Akpro-Missérété"]` ; `hors_ligne = ligne["population_adulte_2024"] * (1 - '
        'ligne["taux_usage_internet"] / 100)` ; `math.ceil(hors_ligne / (citoyens_par_mois * 12))`',
    ),
)
