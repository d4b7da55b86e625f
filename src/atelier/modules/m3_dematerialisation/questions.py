"""Module 3 — Dématérialisation des services communaux : les questions.

``q1`` à ``q9`` : l'exercice noté (exercises/source/m3_dematerialisation) ;
``a1`` à ``a4`` : les vérifications de la leçon (notebooks/m3_dematerialisation).
Les réponses attendues sont des empreintes (``python -m atelier.exercices``).
Les données sont des données synthétiques (fictives, pour l'exercice).
"""

from atelier.exercices import Question

__all__ = ["a1", "a2", "a3", "a4", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]

# --- L'exercice noté -------------------------------------------------------------------

q1 = Question(
    identifiant="m3_q1",
    intitule="Question 1 (demandes d'actes à Parakou)",
    attendu="145880231ad12955cc3e6d1c1d8c6c05f5d46a0f11da17e936635542a05a64cb",
    entier=True,
    unite="demandes par an",
    pieges={
        "6e800c861dc1891ffbba839f1d1e52832f6b03f5054f81b0191aa5dbbc423e36": (
            "C'est le nombre de demandes par jour ouvré : la question demande le total de l'année "
            "(colonne demandes_actes_an)."
        ),
        "fb6e8f7576256ad614962e1c9874dc0cf8bc88a81d5d077eafdf7081e11e2fb5": (
            "C'est le nombre de naissances déclarées : la question demande toutes les demandes "
            "d'actes (naissance, copie, mariage, décès), colonne demandes_actes_an."
        ),
    },
    indices=[
        "La table etat_civil a une ligne par commune ; la colonne utile s'appelle demandes_actes_an.",
        'Lisez une case avec etat_civil.loc["nom de la commune", "nom de la colonne"].',
    ],
)

q2 = Question(
    identifiant="m3_q2",
    intitule="Question 2 (coût d'une visite à la mairie de Kandi)",
    attendu="8da27305603b3676799326e06cdc280d885c00b8cabb66cd0eb297e094ac3e56",
    decimales=0,
    proche="c8407288ea69c35062014f614eff2ba1a536994818e6db7137b62bbe189a9913",
    unite="FCFA",
    pieges={
        "c809126c7cb6ca1cd3b0714d72c6ddd72c613fcc4ec340b09b2295204ec07f48": (
            "Vous avez compté l'aller seulement : l'usager rentre chez lui, la distance compte deux fois."
        ),
        "cea7d09aef01b10a7262f2f38a0b3c25c6b8ce980eb6b0098aca13418bebb87f": (
            "Vous avez compté le transport mais pas le temps perdu : ajoutez durée du déplacement × "
            "valeur d'une heure (valeur_temps)."
        ),
        "13a72819107d973d85e09f5c8a280f4dbe0fb56a5a45b7bed85e9ed21f465837": (
            "Vous avez valorisé l'heure au SMIG horaire : le kit compte 30 % du SMIG horaire pour "
            "une heure de temps non travaillé, soit valeur_temps."
        ),
    },
    indices=[
        "Une visite coûte le transport aller et retour, plus le temps perdu.",
        "Transport : 2 × distance (dist_moy_mairie_km) × prix du km (cout_transport_fcfa_km). "
        "Temps : duree_deplacement_h × valeur_temps.",
        'kandi = etat_civil.loc["Kandi"], puis cout_visite(kandi["dist_moy_mairie_km"], '
        'kandi["cout_transport_fcfa_km"], kandi["duree_deplacement_h"], valeur_temps).',
    ],
)

q3 = Question(
    identifiant="m3_q3",
    intitule="Question 3 (gain annuel des usagers de Bohicon)",
    attendu="70cbedf03aea8232c4710a0e0670c32c3333f87e91911c0d5c5c3fe4086d7016",
    chiffres=3,
    proche="c6f02414050424be8647f4d72e32fc364f975c9a27a8b20740e3cd4d9aea3e71",
    unite="FCFA par an",
    pieges={
        "051850782fcb2e90e5073e23dce69d8c915e283e5a0118fb6eb0d411e8e980c9": (
            "Vous avez compté un seul déplacement évité : une demande en ligne en évite 2 "
            "(il reste le retrait de l'acte)."
        ),
        "79046e567b6bea32dd5d384dec05e45119c4e9dfad9200b9217ec888ea0e88ac": (
            "Vous avez compté 3 déplacements évités : le retrait de l'acte demande encore une "
            "visite, on en évite 3 − 1 = 2."
        ),
    },
    indices=[
        "Gain de l'année = demandes en ligne × déplacements évités × coût d'une visite.",
        "Demandes en ligne = demandes_actes_an × 0.30 ; déplacements évités = 2 ; "
        "le coût d'une visite se calcule comme à la question 2.",
        'Vous pouvez contrôler avec van_commune("Bohicon", part_en_ligne_pct=30)["gain_annuel"].',
    ],
)

q4 = Question(
    identifiant="m3_q4",
    intitule="Question 4 (VAN de Savalou avec 10 % en ligne)",
    attendu="a087d8f743c173961c89e3e6a1ad0876ab67a1fec80c8d432a9f6dc4d3d4ca24",
    chiffres=3,
    proche="e5795061f2be6317c2b3e5d07bc7b37a8a9a9dc391bce14e3d1ed5bd072aa54d",
    unite="FCFA",
    pieges={
        "bb340318a41a06ff2bc18598baf5ca6a84c5d823555cefda7e5fbdd200732249": (
            "C'est la VAN avec 30 % des demandes en ligne (la valeur par défaut) : "
            "ajoutez part_en_ligne_pct=10."
        ),
        "4a597b009ec31ce17d6cce50a7099df8ce6990d2e231d8ecbee48101a6525a7a": (
            "Vous avez additionné les flux sans les actualiser : un franc dans 5 ans vaut moins "
            "qu'un franc aujourd'hui, divisez chaque flux par (1 + taux)^année."
        ),
    },
    indices=[
        "La fonction van_commune calcule la VAN d'une commune ; on peut lui changer une hypothèse.",
        'van_commune("Savalou", part_en_ligne_pct=10) renvoie un dictionnaire : la VAN est sous la clé "van".',
    ],
)

q5 = Question(
    identifiant="m3_q5",
    intitule="Question 5 (VAN de Comè au taux de 12 %)",
    attendu="fc07fa9d91e0e189847747b4d7d459d11ce442f6e9ee8d9826e0865f9250de88",
    chiffres=3,
    proche="edb94f55751f1850ad66300e3ebad305d2e84810bfadb36777f21f7dc6ec4c97",
    unite="FCFA",
    pieges={
        "423026f42d1b527d5853622cda3bc04d3048e0fa2204cd6e4742e65c9eb5ae01": (
            "C'est la VAN au taux de 10 % (la valeur par défaut) : ajoutez taux_pct=12."
        ),
    },
    indices=[
        "Le taux d'actualisation se change comme la part en ligne à la question 4.",
        'van_commune("Comè", taux_pct=12)["van"] ; ou lisez la ligne 12 % de sensibilite_taux("Comè").',
    ],
)

q6 = Question(
    identifiant="m3_q6",
    intitule="Question 6 (attente moyenne au guichet de Djidja)",
    attendu="318085e4553b2b023f19010ea4d185a8411472bb107bb2a670d09706ddb11777",
    decimales=0,
    proche="eff35799543fa8c246bb87125129c28e2d908ac8e6406eafc5fd76394e030b65",
    unite="minutes",
    pieges={
        "2b4bbffc1eb64deb0612efe942bf0f56c3cafb41352da51bd0b94ef6887442bb": (
            "Vous avez ajouté le temps de traitement : la question demande l'attente avant "
            "d'arriver au guichet, sans le temps passé devant l'agent."
        ),
    },
    indices=[
        "Il faut d'abord les arrivées par heure : demandes_jour ÷ heures_ouverture (arrivees_par_heure).",
        "Puis attente_moyenne_min(arrivées par heure, temps_traitement_min, nb_guichets).",
        'djidja = etat_civil.loc["Djidja"] ; arrivees = arrivees_par_heure(djidja["demandes_jour"], '
        'djidja["heures_ouverture"]).',
    ],
)

q7 = Question(
    identifiant="m3_q7",
    intitule="Question 7 (guichets nécessaires à Zogbodomey)",
    attendu="a8ea1d1d1bfa0125a093b29c9350c1372fc15e5bd733518e012aa135bc87c75f",
    entier=True,
    unite="guichets",
    pieges={
        "c7b24403569be7e17ff1c5d6cb116cce1cdafb5335e2cbf5f5d835e4d92dee07": (
            "C'est le nombre actuel de guichets : avec eux, l'attente moyenne dépasse 15 minutes."
        ),
    },
    indices=[
        "La fonction guichets_necessaires(arrivées par heure, temps de traitement, attente visée) "
        "cherche le plus petit nombre de guichets qui suffit.",
        "Calculez d'abord les arrivées par heure à Zogbodomey comme à la question 6, puis attente visée = 15.",
    ],
)

q8 = Question(
    identifiant="m3_q8",
    intitule="Question 8 (communes au repère des 72 heures)",
    attendu="9c6d27178ed9f11db161faf98bfb66fa6bc1418d01102bb5974b84236b68cebe",
    entier=True,
    unite="communes",
    pieges={
        "289bc0fc626dfbbec63517d661ebd192806d89678ebe293eaff375357fedb61b": (
            "Une commune est exactement à 90 % : « au moins 90 % » la compte. Utilisez >= plutôt que >."
        ),
        "7817e97ff0cdb10f203e99d961cf6ecf65b04e1efcac209618b4bea2be2aba6d": (
            "Vous avez compté les communes sous le repère : la question demande celles qui l'atteignent."
        ),
    },
    indices=[
        'etat_civil["pct_72h"] >= 90 donne Vrai ou Faux pour chaque commune.',
        'La somme d\'une colonne de Vrai/Faux compte les Vrai : (etat_civil["pct_72h"] >= 90).sum().',
    ],
)

q9 = Question(
    identifiant="m3_q9",
    intitule="Question 9 (gains rapides au guichet de la mairie)",
    genre="ensemble",
    attendu="5a438d0b9b263d1994724c2cb8a49fbf543186d90f3a3ca67467bd5898d528c5",
    taille=2,
    pieges={
        "1a5f6123fab8e920af9809ea9c1f985dfe997d02ac81ed418655eb74d3703388": (
            "Le CIP est bien un gain rapide, mais il est délivré par l'ANIP, pas au guichet de la "
            "mairie : gardez les services où guichet_communal vaut True."
        ),
    },
    indices=[
        "priorites(services) ajoute la colonne « quadrant » ; on cherche « gain rapide ».",
        'Deux conditions à la fois : (p["quadrant"] == "gain rapide") & p["guichet_communal"].',
        'p = priorites(services), puis p.loc[conditions, "code_service"].',
    ],
)

# --- Les vérifications de la leçon -----------------------------------------------------

a1 = Question(
    identifiant="m3_a1",
    intitule="À vous 1 (coût d'une visite à Natitingou)",
    attendu="9e8820e46daf3a23a401381521d1a7584af9ab7688e583886bd20b78ca7cf56c",
    decimales=0,
    proche="fecbf567ad021e53268a660d994c8d09a9e2fa122844e6e39db1bb1b9301c92a",
    unite="FCFA",
    indices=[
        "Reprenez le calcul fait plus haut pour Lokossa, avec la ligne de Natitingou.",
        'natitingou = etat_civil.loc["Natitingou"], puis cout_visite(...) avec ses quatre valeurs.',
    ],
)

a2 = Question(
    identifiant="m3_a2",
    intitule="À vous 2 (VAN de Djougou)",
    attendu="6435196ad84f745efca0cbee50e87680d91a78b0f03a78add6124ac3ad4a670b",
    chiffres=3,
    proche="27695038a75887a31abb1a71593147f8cd8c548344890557a0200a32f34d45d5",
    unite="FCFA",
    indices=[
        "Les hypothèses par défaut (30 % en ligne, taux de 10 %, 5 ans) conviennent.",
        'van_commune("Djougou")["van"]',
    ],
)

a3 = Question(
    identifiant="m3_a3",
    intitule="À vous 3 (taux d'occupation des guichets de Cotonou)",
    attendu="01e78c3bade4b2f4d5155b52a9fd308bf7639c9253f14b5186c77fd638fecacf",
    decimales=0,
    proche="4af147578fd62aa3f2c1253580ea9e51723148b96ce2c5519c9de92bee7ec2b6",
    unite="%",
    pieges={
        "1beb1da698db6e90cf6ed4613c0add9caa1d1b14d48b229f4b93257eeb0d49e6": (
            "C'est la charge d'un seul guichet : partagez-la entre les guichets ouverts (nb_guichets)."
        ),
    },
    indices=[
        "Arrivées par heure d'abord, puis taux_occupation(arrivées, temps de traitement, guichets).",
        'cotonou = etat_civil.loc["Cotonou"] ; arrivees_par_heure(cotonou["demandes_jour"], cotonou["heures_ouverture"]).',
    ],
)

a4 = Question(
    identifiant="m3_a4",
    intitule="À vous 4 (personnes qui attendent à Abomey-Calavi)",
    attendu="4600d3d278849ba28999b77519e1ddeb60806df4932992ca5348c5998b919dec",
    decimales=1,
    proche="b0fa5dce4751916a38e0889e7b36ce48ed20b93c598e3817aa9a061c0478acfe",
    unite="personnes",
    pieges={
        "fcc21463b111555bd2d90bbd341cd66277c5b931bc54bae41a9de5b5d5eb6644": (
            "Les arrivées sont comptées par heure et l'attente en minutes : divisez l'attente par 60 "
            "(ou utilisez file_moyenne, qui le fait)."
        ),
    },
    indices=[
        "Loi de Little : personnes qui attendent = arrivées par heure × attente en heures.",
        "Calculez arrivées et attente (attente_moyenne_min) à Abomey-Calavi, puis file_moyenne(arrivées, attente).",
    ],
)
