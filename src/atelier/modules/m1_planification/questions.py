"""Module 1 — les questions : entraînement de la leçon (a1…a4) et exercice noté (q1…q8).

Dans la leçon comme dans l'exercice, ``budget`` et ``etat_civil`` sont les
tables de l'atelier rangées par commune :
``budget = charger("budget").set_index("commune")``, ce qui permet d'écrire
``budget.loc["Kandi", "pai_total_fcfa"]``.

Les réponses attendues sont des empreintes (voir ``atelier.exercices``) :
``python -m atelier.exercices m1_q2 nombre 1.1172 --decimales 2``.
"""

from atelier.exercices import Question
from atelier.modules.m1_planification.modele import CRITERES, NIVEAUX

SANS_BUDGET = (
    "Vous avez divisé par le budget total de la commune. La question porte sur le plan annuel "
    "d'investissement : divisez par pai_total_fcfa."
)
FADEC_SUR_BUDGET = (
    "Vous avez divisé par le budget total. Ici, on rapporte le FADeC non affecté au PAI "
    "(pai_total_fcfa)."
)
AVEC_FADEC_AFFECTE = (
    "Vous avez ajouté le FADeC affecté. Le repère de 72 % porte sur le FADeC non affecté seul "
    "(fadec_non_affecte_fcfa)."
)
OUBLI_DEPART = (
    "Vous avez oublié de partir de la valeur de départ : un jalon = valeur de départ + "
    "(nombre d'années écoulées) × (pas annuel)."
)

# --- Entraînement (leçon) ---------------------------------------------------------

a1 = Question(
    identifiant="m1_a1",
    intitule="Entraînement 1 (part du numérique à Bohicon)",
    genre="nombre",
    decimales=2,
    unite="%",
    attendu="10581ae264c0c0bc3325cf5d9b5c264c50d9f6f8a4a656dbb2b98f98a6eaaeff",
    proche="587f021f941112a8d44743eb772052120d0c4357c7da37ae07dbc519b66317ab",
    pieges={"4d3dbb0e0d71064d0bc47991f490a4686dfed0189a814cfb403fcdb8444ce3f0": SANS_BUDGET},
    indices=[
        "Part = montant numérique du PAI ÷ montant total du PAI × 100.",
        'Les deux montants : budget.loc["Bohicon", "pai_numerique_fcfa"] et budget.loc["Bohicon", "pai_total_fcfa"].',
    ],
)

a2 = Question(
    identifiant="m1_a2",
    intitule="Entraînement 2 (le FADeC dans le PAI d'Abomey)",
    genre="nombre",
    decimales=1,
    unite="%",
    attendu="fcddc00f93ecb27e70c7c827ccb0b4a822404caf89a76c401d0c5e46eb3eba27",
    proche="defb5bfbcafcc149bf628d330ccebd67a26616a5ab4b9d490dca75e5e77a06f5",
    pieges={
        "fd424219d1670df88968c55cb51bf710c716288e1d129dc8cba7f14db6fdc89a": FADEC_SUR_BUDGET,
        "caf1af9527334f27482348e57d2e7c8ff8bfab897eebe90c2a9ea227270f61fd": AVEC_FADEC_AFFECTE,
    },
    indices=[
        "Dépendance = FADeC non affecté ÷ PAI total × 100.",
        'budget.loc["Abomey", "fadec_non_affecte_fcfa"] / budget.loc["Abomey", "pai_total_fcfa"] * 100',
    ],
)

a3 = Question(
    identifiant="m1_a3",
    intitule="Entraînement 3 (niveau de maturité d'Allada)",
    genre="choix",
    options=NIVEAUX,
    attendu="ec9e08e13d82402d43b0403c55e6a3dd335d9586cb30d484ee73af116c005683",
    indices=[
        'score_global(reponses_commune("Allada")) donne le pourcentage d\'indicateurs remplis.',
        "Puis niveau_maturite(ce pourcentage) donne le niveau ; ou comparez vous-même aux seuils 25, 50 et 75 %.",
    ],
)

a4 = Question(
    identifiant="m1_a4",
    intitule="Entraînement 4 (jalon 2027 de Nikki)",
    genre="nombre",
    decimales=1,
    unite="%",
    attendu="d8ace2f1fe5cc7dfe4daba42687a1afc370b2a3a0a15eb7f41acd7ea69314652",
    proche="996fad9ad23d3cdcb8658c4eb3aa890442032f83db01f26f64b0f3212d8f0f61",
    pieges={
        "dafedac35f9c5e76a40921cd961d7abbc011f3ed08dfa9a7fb101d8a81e6ef27": OUBLI_DEPART,
        "1dbadcf8705dd68c3b32337ad2d1468a7f610508588577201aa85eff3dc13daa": OUBLI_DEPART,
        "3e7547c8728a80f2e9fc76c1e1dcd1acbff59fdf598c6716734b699ae059df26": (
            "C'est le pas annuel (ce qu'on gagne chaque année). La question demande la valeur "
            "visée en 2027 : départ + 3 pas."
        ),
        "c9d55106ed7adbc0a7183416708726e8c94a08c5ae6967c4b28cb8351c0ed5a6": (
            "Vous avez compté 2 années. De 2024 à 2027, il y en a 3."
        ),
        "c9f51d429b47e1992667f816f725474f4819aeae90855b7891570b4e8e0b98c3": (
            "Vous avez compté 4 années. De 2024 à 2027, il y en a 3."
        ),
    },
    indices=[
        "Le pas annuel = (cible − départ) ÷ 5 ; le jalon 2027 = départ + 3 pas.",
        'depart = etat_civil.loc["Nikki", "part_actes_demandes_en_ligne"], puis depart + 3 * (20 - depart) / 5',
    ],
)

# --- Exercice noté -----------------------------------------------------------------

q1 = Question(
    identifiant="m1_q1",
    intitule="Question 1 (FADeC non affecté de Natitingou)",
    genre="nombre",
    entier=True,
    unite="FCFA",
    attendu="0e83e7878cec10e3cbcfd097af094fd3cb78dc27c1f692a6bdc02c69bf35b4f9",
    pieges={
        "9cc3594611e7d3ba1735aea4c3bff2297aefd758eb9d02e40851a5d0d77078a6": (
            "C'est le FADeC affecté (transferts sectoriels). La question demande le FADeC non affecté."
        ),
        "8f93d024ce93294ff61313827c65d0bcbe26adf7e0f7a5cf5a798b2dee03f19f": (
            "C'est le montant du PAI. La question demande le FADeC non affecté (fadec_non_affecte_fcfa)."
        ),
    },
    indices=[
        "La colonne s'appelle fadec_non_affecte_fcfa ; la ligne, Natitingou.",
        'budget.loc["Natitingou", "fadec_non_affecte_fcfa"]',
    ],
)

q2 = Question(
    identifiant="m1_q2",
    intitule="Question 2 (part du numérique à Djougou)",
    genre="nombre",
    decimales=2,
    unite="%",
    attendu="f245a4d57c28661fce6dcb6bce513a2e58dac3e59ca2669e08a6e875daf4f5f9",
    proche="ddbb16a9e1f82758e60141433474284be4291c7718e0fd25c3d27ae719a5c44b",
    pieges={"9c3e8e6a77945be0e36fa4670e58fedbd98eff50f739c01305561d3232e2f771": SANS_BUDGET},
    indices=[
        "Part = montant numérique du PAI ÷ montant total du PAI × 100.",
        'Les deux montants : budget.loc["Djougou", "pai_numerique_fcfa"] et budget.loc["Djougou", "pai_total_fcfa"].',
    ],
)

q3 = Question(
    identifiant="m1_q3",
    intitule="Question 3 (médiane du Borgou)",
    genre="nombre",
    decimales=3,
    unite="%",
    attendu="35736245feb5124ee0fb23fb20fc09ab9ddf64380e117b5fd1ae1c72e406c4f1",
    proche="82157a4080686f0e53a4c69dfebffb94db94b952af7a2db67b01ad03dc4d058f",
    pieges={
        "c76667ae243e45ed018589cb7a84654f68a854ed139ae549820231aea1719f57": (
            "C'est la moyenne (mean). La question demande la médiane (median) : la valeur du milieu, "
            "que Parakou, très au-dessus des autres, ne tire pas vers le haut."
        ),
        "fed0d669eab23315e846c42a7d476d17fffd83fce5e89fb9e22dbf6542df1690": (
            "C'est la médiane des 77 communes. Ne gardez que les communes du Borgou."
        ),
        "cc54c5293ffe0058d0a17724552d2d88917686f69a6e70fdad3019aec45021e3": (
            "C'est la médiane de l'Alibori, l'exemple de la leçon. Remplacez « Alibori » par « Borgou »."
        ),
    },
    indices=[
        'Gardez les lignes du Borgou : budget[budget["departement"] == "Borgou"].',
        'Puis la colonne part_numerique_pct et .median() : budget.loc[budget["departement"] == "Borgou", "part_numerique_pct"].median()',
    ],
)

q4 = Question(
    identifiant="m1_q4",
    intitule="Question 4 (le FADeC dans le PAI de Kandi)",
    genre="nombre",
    decimales=1,
    unite="%",
    attendu="b235024332b3edfe96fd0632309b2078955e755923f47f52239ff19e3011e420",
    proche="666d823975035c761bee007f28ff7a6b376c0276b88fb60586ee9b84089bb8c2",
    pieges={
        "ab3598ae5b66beee1cd8951651d191c5bbedb53da60bd203f4261db7ef1c8431": FADEC_SUR_BUDGET,
        "fb57594d86f1cdfcac7ed91d78776740ea5d2b8ea226ca57236372b4152b2cc4": AVEC_FADEC_AFFECTE,
    },
    indices=[
        "Dépendance = FADeC non affecté ÷ PAI total × 100.",
        'budget.loc["Kandi", "fadec_non_affecte_fcfa"] / budget.loc["Kandi", "pai_total_fcfa"] * 100',
    ],
)

q5 = Question(
    identifiant="m1_q5",
    intitule="Question 5 (PAI de Lokossa après la baisse)",
    genre="nombre",
    decimales=0,
    unite="FCFA",
    attendu="7b659fcfe833cbde119d789ec24b21f5d84029c00d6d24e27357ce4779d29d61",
    proche="af285496778590c0e1dee8567ec36c0a8dddca8977b3035f167ce4721a530d21",
    pieges={
        "a66884950d497ffcc8e2faa6f6afd87dab03e809b03359ecf047be4a5bed8da9": (
            "Vous avez retiré 25 % de tout le PAI. Seul le FADeC non affecté baisse de 25 % ; "
            "les autres ressources du PAI ne changent pas."
        ),
        "e3bda909bc7e7f50058c0200805a67fdcf2949d5fb3b2208ee0cc8fa39d9e204": (
            "C'est le FADeC non affecté après la baisse. La question demande tout le PAI après la baisse."
        ),
        "3c355f27e3a330eeb528a2b9f9e1a50f255780440820bd4ca83ab0e1dbf49ce8": (
            "C'est le montant perdu. La question demande ce qui reste : PAI − ce montant."
        ),
        "42e24c985d6e7e80748b7b10b3f308f7ac40a6acda4778e3f4630ab60fbca226": (
            "Vous avez retiré 25 % du budget total. Seul le FADeC non affecté baisse de 25 %."
        ),
    },
    indices=[
        "Ce que perd le PAI : 25 % du FADeC non affecté, soit 0.25 × fadec_non_affecte_fcfa.",
        'PAI après = budget.loc["Lokossa", "pai_total_fcfa"] − 0.25 × budget.loc["Lokossa", "fadec_non_affecte_fcfa"]',
    ],
)

q6 = Question(
    identifiant="m1_q6",
    intitule="Question 6 (point faible de Ouidah)",
    genre="choix",
    options=CRITERES,
    attendu="e2ff00b5f8f0f099437b6027feb4971acb0474dbdcde019aff9ae597a43b198b",
    pieges={
        "2b26b54fbe7c7eac59f491db2be8108d1a3a1905dc90614270d8139aa10bd5e0": (
            "Les services en ligne sont le critère le moins rempli dans l'enquête mondiale LOSI, mais "
            "pas à Ouidah : regardez les scores affichés par la cellule d'essai."
        ),
    },
    indices=[
        'Lancez la cellule d\'essai : scores_par_critere(reponses_commune("Ouidah")) affiche un score par critère.',
        "Recopiez, entre guillemets, le nom du critère qui a le plus petit score.",
    ],
)

q7 = Question(
    identifiant="m1_q7",
    intitule="Question 7 (niveau d'Abomey-Calavi)",
    genre="choix",
    options=NIVEAUX,
    attendu="1ab1e5c4b8caf16aab57507df1b76681e4fde0ad94762d86e05a387c53a6b53c",
    indices=[
        'score_global(reponses_commune("Abomey-Calavi")) donne le pourcentage d\'indicateurs remplis.',
        "niveau_maturite(ce pourcentage) donne le niveau ; les seuils sont 25, 50 et 75 %.",
    ],
)

q8 = Question(
    identifiant="m1_q8",
    intitule="Question 8 (jalon 2026 de Parakou)",
    genre="nombre",
    decimales=1,
    unite="%",
    attendu="a8660864073a7941376130ae488c208a480be747d6ae5c00d761f25a36f02184",
    proche="d6464bcf739ab744ebb83ad26e3794279e7104935bcc1b8be0f40bce28b2a77e",
    pieges={
        "9d950baddead7f7ae4f4dd75e2559fdc0e59780cb60f9b8b2ad2b08bee0df448": OUBLI_DEPART,
        "2e5bd5f73e566c2401132df98060aea12e22e8529d092e1adbc0ab5f39b325ef": OUBLI_DEPART,
        "34e26d74fc8d9501d1fbf2ef765fe406470ba2416b112f020906afac3bc05ad4": (
            "C'est le pas annuel. La question demande la valeur visée en 2026 : départ + 2 pas."
        ),
        "22af8afa268a0f1a6224fe35d7f2d0638e2201dd61bf8d8c015028fbc749fdc1": (
            "Vous avez compté 3 années. De 2024 à 2026, il y en a 2."
        ),
        "4ce1c67d0d6dd4dad999c6342443d1a382427fec885fc9a90d232be64dcec0a1": (
            "Vous avez compté 1 année. De 2024 à 2026, il y en a 2."
        ),
    },
    indices=[
        "Pas annuel = (30 − départ) ÷ 5 ; jalon 2026 = départ + 2 pas.",
        'depart = etat_civil.loc["Parakou", "part_actes_demandes_en_ligne"], puis depart + 2 * (30 - depart) / 5',
    ],
)
