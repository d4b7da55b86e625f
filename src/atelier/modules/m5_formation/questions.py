"""Module 5 — les questions notées (q1 à q9) et les exercices d'entraînement de la leçon (a1 à a6).

Les réponses attendues sont des empreintes (voir ``atelier.exercices``) ; les
valeurs se recalculent à partir des tables de l'atelier (voir les tests du module).
"""

from atelier.exercices import Question

PALIERS = ("aucun", "fondamental", "intermédiaire", "avancé", "hautement spécialisé")

# --- Exercice noté ----------------------------------------------------------------

q1 = Question(
    identifiant="m5_q1",
    intitule="Question 1 (compétences de base à Djougou)",
    attendu="792df0f49d7e9ebb8522493f2e8b09f6ab1033ad0de4846b0fbc674ba38ab237",
    decimales=1,
    unite="%",
    proche="bd724c6030171611fa16e8a84edad96c49a92fee11f5f66f5f1edce1bd048764",
    pieges={
        "f358c11d9ea395cbaff55978db7d0fa012c0c95332a183149e60d7b4554b0f58": "C'est le taux d'usage d'internet de Djougou, pas la part de compétences de base : "
        "prenez la colonne « part_competences_base ».",
    },
    indices=(
        "La valeur est dans le tableau `connectivite`, colonne « part_competences_base », à la ligne de Djougou.",
        'Sélectionnez la ligne avec `connectivite["commune"] == "Djougou"` et la colonne avec `.loc[...]`, '
        "puis `.item()` pour obtenir le nombre.",
    ),
)

q2 = Question(
    identifiant="m5_q2",
    intitule="Question 2 (palier DigComp du niveau 4)",
    genre="choix",
    attendu="2a3c630066dacc98593d55a4776e11c9a13cc327ceb7a69f09951bd8e9023f28",
    options=PALIERS,
    pieges={
        "747c3283b2ea66b749ccb15c22e9543fd1f5e18fda592162b6b30dc77b1d9b0d": "Avancé, ce sont les niveaux 5 et 6. Regardez de nouveau le tableau des paliers.",
        "c1598bf34df23cdb6b4218295c517456ff77c12177e5abbd67cab31a2b075047": "Fondamental, ce sont les niveaux 1 et 2. Le niveau 4 est au-dessus.",
    },
    indices=(
        "DigComp regroupe ses 8 niveaux deux par deux : 1-2, 3-4, 5-6, 7-8.",
        "Les niveaux 3 et 4 forment le deuxième palier. La fonction `palier_digcomp(4)` vous le confirme.",
    ),
)

q3 = Question(
    identifiant="m5_q3",
    intitule="Question 3 (écart femmes-hommes en création de contenu)",
    attendu="fc8593a3af569fed993672a30d58dc70015488c96f71105fd0dbedbbc3da758a",
    decimales=1,
    unite="points",
    proche="2c2cc977e7ec2d54874c2fd734fdaca2d1525a1e7e006df7879b7716f8bea1a9",
    pieges={
        "95c5ce1bb45d29ee6e801328a84f312e0fd59469eb7bfa9362f239d5049ad88e": "Vous avez compté le niveau 3 ou plus (intermédiaire). La question porte sur le niveau 1 "
        "ou plus (au moins fondamental) : niveau_min=1.",
    },
    indices=(
        '`tableau_par_groupe(enquete, "niv_contenu", "sexe")` donne la part (colonne « part_pct ») '
        "des femmes et des hommes au niveau 1 ou plus.",
        "Écart = part des hommes − part des femmes : "
        '`tableau.loc["homme", "part_pct"] - tableau.loc["femme", "part_pct"]`.',
    ),
)

q4 = Question(
    identifiant="m5_q4",
    intitule="Question 4 (le dénominateur du chiffre de la GSMA)",
    attendu="4fee7eab6a519daee2ec2b92b4712b5ed99795bb14daef0bcdcb5a91de2cc026",
    decimales=1,
    unite="millions d'adultes",
    proche="da1c1d720d71a009542f87334acfbb52291cef11d8223ebc7d8b26f9925fcbbd",
    pieges={
        "2b357c2a36b6c7a0276aff94e2cd27c1c937156b1ffb51e1faea97227431ff1b": "Avec 28 %, vous retrouvez la population totale (enfants compris). La question porte "
        "sur les adultes : 3,8 millions, c'est 48 % des adultes.",
        "31016a8d321af83b61b7d319b44df2f6497e7d8849c2c39436dead49e25b2a33": "Vous avez multiplié. Si 3,8 millions font 48 % des adultes, les adultes sont plus "
        "nombreux que 3,8 millions : il faut diviser par 0,48.",
    },
    indices=(
        "Une part, c'est effectif ÷ population. Ici on connaît l'effectif (3,8 millions) et la part (48 %) : "
        "on cherche la population.",
        "Population = effectif ÷ (part ÷ 100), soit 3.8 / 0.48 (en millions), ou `denominateur(3.8, 48)`.",
    ),
)

q5 = Question(
    identifiant="m5_q5",
    intitule="Question 5 (sessions de formation à Nikki)",
    attendu="3bb0ec8802b7429be8facbb6efe642375a92a364560aa08e3dda77f746e6813e",
    entier=True,
    unite="sessions",
    proche="efddc9baef92a0ed7c923f731c587be44dfdcd1afe3f58b5ddafe6b16179f583",
    pieges={
        "fe23ee6a3bd00c66190f3d2e6191729da7bf259463dcb04aba2afe866117d563": "Vous avez arrondi vers le bas (ou au plus proche). Les dernières personnes forment "
        "une session incomplète, mais il faut bien l'organiser : arrondissez vers le haut avec `math.ceil`.",
        "fd9fc9e22d337fb8a73a73836341ab06ed77d76b42e3071134988169d423899e": "Vous êtes parti de toute la population. La cible porte sur les adultes : "
        "prenez la colonne « population_adulte_2024 ».",
        "842274569a711d6b0a0925db43aae67cf3f838e6d3a1d7a9f8c1948ede5adbc4": "Vous avez compté 20 personnes par session. La question en prévoit 25.",
    },
    indices=(
        "Personnes à former = adultes × (55 − part actuelle) ÷ 100 ; sessions = personnes ÷ 25.",
        "Lisez les adultes (« population_adulte_2024 ») et la part actuelle (« part_competences_base ») de "
        "Nikki dans `communes`, puis arrondissez vers le haut : `math.ceil(personnes / 25)`.",
    ),
)

q6 = Question(
    identifiant="m5_q6",
    intitule="Question 6 (formateurs pour Nikki)",
    attendu="f15cc67dcefb92a8af9f4b04bc84ab89fccd5b717d30cfb43f3a618aeacdc4f2",
    entier=True,
    unite="formateurs",
    pieges={
        "bdca3f1112b4576a839f18c010ce7823d6d1bd8c885d8d991945295cf5d8da73": "Vous avez arrondi vers le bas : avec un formateur de moins, une partie des sessions "
        "de l'année n'aurait personne pour l'animer. Arrondissez vers le haut.",
        "8b482a2e2af084f7c87631c845034879d98f916da822f544c8f1664e14f48fd0": "Vous avez fait comme si toutes les sessions avaient lieu la même année. "
        "Le plan s'étale sur 3 ans : divisez d'abord les sessions par 3.",
    },
    indices=(
        "Sessions par an = sessions ÷ 3 (arrondi vers le haut) ; formateurs = sessions par an ÷ 40.",
        "`math.ceil(math.ceil(sessions_nikki / 3) / 40)`, ou "
        "`formateurs_necessaires(sessions_nikki, 3, 40)`.",
    ),
)

q7 = Question(
    identifiant="m5_q7",
    intitule="Question 7 (gains rapides de la sensibilisation)",
    attendu="a29830f1907d55e7a8c7e49d706f6355e87ec27a891dce5f4c3747ebef400669",
    entier=True,
    unite="actions",
    pieges={
        "3f548fedf72fc94ecf45bc7473af5f94a9bac3c7e29d74183d307dbfd77f3aea": "Vous avez compté toutes les actions à impact fort, y compris les grands projets "
        "(effort élevé). Un gain rapide a un impact fort ET un effort faible.",
        "4f03248713a8d015f1a9b0fc0860d1f31081fd919a6e7456daa43ac47f1587ca": "Vous avez compté toutes les actions faciles (effort faible), y compris celles à faible "
        "impact. Un gain rapide a un impact fort ET un effort faible.",
    },
    indices=(
        "`matrice_impact_effort(canaux)` ajoute une colonne « quadrant » à chaque action.",
        "Comptez les lignes où le quadrant vaut « gain rapide » : "
        '`(matrice["quadrant"] == "gain rapide").sum()`.',
    ),
)

q8 = Question(
    identifiant="m5_q8",
    intitule="Question 8 (gain moyen des élus communaux)",
    attendu="f0d63b2e8d0ee3ea9b802e0b26311d1ffb46dccc035b6b6a600f997d4681f285",
    decimales=1,
    unite="points sur 20",
    proche="3f0fa84cd8d26fcbd25e64480315f496deae7d7e2c0792a6c28305d62a95e49f",
    pieges={
        "a1ee4287f2909ac78344240e49fd35b7b0bc1a1e0d332a1a73042d765c9f7220": "C'est la note moyenne après la formation. Le gain, c'est après − avant.",
        "d296995c5f7f3fe5a01accd61557db875b1890c0c0945e43cc0c30723d007ed8": "C'est le gain moyen de tous les participants. Gardez seulement le groupe "
        "« Élus communaux ».",
    },
    indices=(
        "`resultats_evaluation(evaluation)` donne une ligne par groupe, avec la colonne « gain_moyen ».",
        '`resultats_evaluation(evaluation).loc["Élus communaux", "gain_moyen"]`',
    ),
)

q9 = Question(
    identifiant="m5_q9",
    intitule="Question 9 (niveau de Kirkpatrick d'un test avant / après)",
    attendu="636c25700d02eb3eeea5c4c2b76afe3eb2409f169daf5dda6367ec041767a5f2",
    entier=True,
    unite="",
    pieges={
        "258c59d4f07a4fd4f8d06045e651fae71e79c9cdeac1f46ae59c21fc7e18df64": "Le niveau 1 (réaction) mesure ce que les participants ont pensé de la formation "
        "(fiche d'appréciation en fin de séance), pas ce qu'ils ont appris.",
        "c8f16689bd5093cbd41bcfa9cf0063e403044b2de3b046662b3ab970fa70e606": "Le niveau 3 (comportement) observe ce que les participants font, de retour dans leur "
        "travail, des semaines plus tard. Un test en salle mesure autre chose.",
        "d9f6cb09eb401ebe1f133d84cd2454a2e68e347ccf048f5c211c82f1c89ce5b1": "Le niveau 4 (résultats) regarde les effets pour la commune (plus de démarches en "
        "ligne…), pas les notes à un test.",
    },
    indices=(
        "Les quatre niveaux : 1 réaction, 2 apprentissage, 3 comportement, 4 résultats.",
        "Un test de connaissances passé avant et après mesure ce que les participants ont appris.",
    ),
)

# --- Entraînement (leçon) -------------------------------------------------------------

a1 = Question(
    identifiant="m5_a1",
    intitule="Entraînement 1 (au moins fondamental en information)",
    attendu="7cce5c813473894cdcdc6e91e7ba384c1466cef2ca5f6f0e332ad2f05f39cca6",
    decimales=1,
    unite="%",
    proche="1eb3db634470a192d62583902e928f1b1533f7be3451674fd2e72464a6d40839",
    pieges={
        "6bb7f029b2106ab47544bf47eb6afcb3fab631eb32730fb7d590aa7d303a9cee": "Vous avez compté le niveau 3 ou plus. La question demande le niveau 1 ou plus.",
    },
    indices=(
        '`part_au_moins(enquete, "niv_info", 1)` compte les répondants au niveau 1 ou plus.',
        'Ou, sans la fonction : `100 * (enquete["niv_info"] >= 1).mean()`.',
    ),
)

a2 = Question(
    identifiant="m5_a2",
    intitule="Entraînement 2 (écart entre les 15-24 ans et les 65 ans et plus)",
    attendu="81abd082bc0d7add54e9b9676c24c303333415d676ab96a6e02196617245e353",
    decimales=1,
    unite="points",
    proche="3bf65e3b79d26e5d4ff711ff774d7c08d4a79bae9298793a257dfa9f0a52d487",
    indices=(
        '`tableau_par_groupe(enquete, "niv_comm", "tranche_age")` donne une ligne par tranche d\'âge.',
        "Part des « 15-24 » moins part des « 65+ », dans la colonne « part_pct ».",
    ),
)

a3 = Question(
    identifiant="m5_a3",
    intitule="Entraînement 3 (cartes SIM par abonné unique)",
    attendu="67efa12bb2204d1233a022df6d8cfb31c89e8a14018d91c966efb1f624a9f51e",
    decimales=1,
    unite="cartes SIM par abonné",
    pieges={
        "dcb874ae3efdf652e2e9a4cb2a53534bdc25feeb95745aef79fbe00438f1756b": "Le calcul est inversé : vous avez divisé les abonnés par les cartes SIM. "
        "Divisez les cartes SIM (16,3 millions) par les abonnés (8,5 millions).",
    },
    indices=(
        "Cartes SIM par abonné = cartes SIM ÷ abonnés uniques.",
        "`16.3 / 8.5` (les deux en millions).",
    ),
)

a4 = Question(
    identifiant="m5_a4",
    intitule="Entraînement 4 (sessions pour Kandi)",
    attendu="5b04a1572223501ecff7461889de763c3f66fbe6c7082faf39fe0ab8d56329dd",
    decimales=0,
    unite="sessions",
    proche="5a866d1295e088ced3bded7382f8b91c57a61c86c22faee6c8089cc3c19e59d0",
    pieges={
        "b967ba3cb9bb46cd307e4b55cf4925ffef6c50cad91549356e36bb21638bc659": "Vous avez arrondi vers le bas (ou au plus proche) : il faut une session de plus pour "
        "les dernières personnes. Utilisez `math.ceil`.",
    },
    indices=(
        "Personnes = 120 967 × (60 − 45) ÷ 100 ; sessions = personnes ÷ 20, arrondi vers le haut.",
        "`sessions_necessaires(personnes_a_former(120967, 45, 60), 20)`.",
    ),
)

a5 = Question(
    identifiant="m5_a5",
    intitule="Entraînement 5 (coût par personne de la radio)",
    attendu="48ccb1db2256736f350236a2fe48d85021d51467b29e9fccfdb25c42a0c6c165",
    decimales=1,
    unite="FCFA par personne",
    pieges={
        "0673ba25f0276f287cefda60a478e2c6be20c2d2932fbdd0eff4871743d535cd": "Le calcul est inversé : vous avez obtenu des personnes par franc. "
        "Divisez le coût par le nombre de personnes touchées.",
    },
    indices=(
        "Coût par personne = coût de la campagne ÷ personnes touchées (colonnes « cout_fcfa » et "
        "« portee_estimee »).",
        "`cout_par_personne(canaux)` donne la valeur pour chaque action : "
        '`cout_par_personne(canaux)["Émissions sur la radio communautaire"]`.',
    ),
)

a6 = Question(
    identifiant="m5_a6",
    intitule="Entraînement 6 (réussite des groupements de femmes)",
    attendu="e3e98ce8e5b2a4c03ba572f06f089de9d95c942f229b23c7c3a66e5654c386a4",
    decimales=1,
    unite="%",
    proche="cff16e0f224b26a04b771677573578c4a59e21bce94df649f6ff11ff323487fe",
    pieges={
        "741ae01636aa7720454008f9249f37f8bcc76ab605b3b67ebe49295632577b0b": "C'est la part qui réussissait AVANT la formation. La question porte sur le test "
        "passé après.",
    },
    indices=(
        "`resultats_evaluation(evaluation)` donne, par groupe, la colonne « reussite_apres_pct ».",
        '`resultats_evaluation(evaluation).loc["Groupements de femmes", "reussite_apres_pct"]`',
    ),
)
