"""Module 4 — Entreprises et relais digitaux : les questions du parcours des élus.

``q1`` à ``q6`` : l'exercice noté des élus (exercises/source/m4_entreprises_relais_elus).
Chaque réponse se lit à l'écran (titre d'un graphique, simulateur) et se recopie
telle quelle. Les réponses attendues sont des empreintes (``python -m atelier.exercices``).
Données synthétiques (fictives, pour l'exercice).
"""

from atelier.exercices import Question

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6"]

q1 = Question(
    identifiant="m4_elus_q1",
    intitule="Question 1 (entreprises du numérique à Aplahoué)",
    attendu="88d0fe7c2ddf611792dc25c5a94cdeac4355786aaa4e6acd177e4a80d34a8cc0",
    entier=True,
    unite="entreprises",
    pieges={
        "4faf06d26b07c2bd2f174aca3cd2699bcf6a4a294bf2be2fd9b601fe1fc3df6c": (
            "C'est le nombre d'entreprises du premier secteur seulement : la question demande toutes "
            "les entreprises du numérique de la commune (le dernier nombre du titre)."
        ),
    },
    indices=[
        "Le titre du graphique donne le total des entreprises du numérique de la commune.",
        "La deuxième ligne du titre dit « … entreprises sur … » : recopiez le second nombre, le total.",
    ],
)

q2 = Question(
    identifiant="m4_elus_q2",
    intitule="Question 2 (part du premier secteur à Aplahoué)",
    attendu="6b52f46fc7f00300fc14e13310ef97fb09f68b5d5d9f3297ca471d604011748c",
    decimales=0,
    unite="%",
    pieges={
        "2f81541ee247f41039c27a08d04f2bc3152d82b750cc338b58398f212ac49d4a": (
            "C'est un nombre d'entreprises : la question demande une part, en %. Divisez ce nombre "
            "par le total de la question 1, puis multipliez par 100."
        ),
        "b5d54a0b0bf366f9ad736034606989f5d29cf2514985fc6ed336713f2e04a2a4": (
            "C'est la part de tous les autres secteurs réunis : la question demande la part du "
            "premier secteur."
        ),
    },
    indices=[
        "Le titre donne deux nombres : les entreprises du premier secteur et le total.",
        "Part en % = entreprises du premier secteur ÷ total × 100. La barre bleue la plus longue "
        "du graphique permet de vérifier l'ordre de grandeur.",
    ],
)

q3 = Question(
    identifiant="m4_elus_q3",
    intitule="Question 3 (seuil de rentabilité d'un kiosque à Kandi)",
    attendu="062b016cc457c8df114a4144887a89af36f1147a0873b28139f00229e06aeca4",
    entier=True,
    unite="visites par jour",
    pieges={
        "aa23afb9e7fa9022985362c7948705f47db6b5e797e435639212dce8efde8739": (
            "C'est la position du curseur « Visites par jour » (le point noir) : la question demande "
            "le seuil, la ligne pointillée grise où les recettes rattrapent les coûts."
        ),
        "a87283e22dccefc2eadd80e5dfd3c46e6771cca7124354a4005c8ba53f96c20e": (
            "C'est un seuil en prestations par mois : la question demande des visites par jour, "
            "comme l'écrit le titre du graphique."
        ),
    },
    indices=[
        "Le titre du graphique dit à partir de combien de visites par jour le kiosque est rentable.",
        "Cherchez « rentable dès … visites par jour » dans le titre ; c'est aussi la ligne pointillée "
        "grise de la légende (« Seuil : … visites par jour »).",
    ],
)

q4 = Question(
    identifiant="m4_elus_q4",
    intitule="Question 4 (résultat du mois d'un kiosque à Parakou)",
    attendu="0bce1bcc9d6cb7d8ee18cbaffc1fddb699a52946c570ade3ec8abc168c8339ff",
    decimales=0,
    unite="FCFA par mois",
    pieges={
        "a81fcfec92d311ae54e224054680a8d9bf947b11aa88b92d7c295829eee86424": (
            "Le montant est juste, mais le titre parle d'une perte : une perte s'écrit avec un signe "
            "moins devant le nombre."
        ),
        "a9902480f334213b72e21a6858f97123eb430e3a5de1d3af6b9379d712eda8fa": (
            "C'est le total des charges fixes (loyer + salaire) : la question demande le résultat du "
            "mois, recettes moins coûts, écrit dans le titre."
        ),
    },
    indices=[
        "Le titre du graphique dit, pour 10 visites par jour, si le kiosque fait un bénéfice ou une "
        "perte, et de combien.",
        "Cherchez « à 10 visites, … FCFA par mois » dans le titre. Un bénéfice s'écrit tel quel ; une "
        "perte s'écrit avec un signe moins devant, sans espace dans le nombre.",
    ],
)

q5 = Question(
    identifiant="m4_elus_q5",
    intitule="Question 5 (relais nécessaires à Savalou)",
    attendu="87e9a4c87e7735f5f3602c605cb0071d8a8f9a8b43399c6f7002e453f2175864",
    entier=True,
    unite="relais",
    pieges={
        "e9c316b51835cdad8d04acdb94000e4c101d0c24dab6d9b5a678b26ed63a3844": (
            "C'est le nombre de relais actifs aujourd'hui (le curseur « Nombre de relais ») : la "
            "question demande combien il en faudrait pour atteindre tous les adultes hors ligne."
        ),
        "c97aed7dad41c9bce4fc60447401c082a02f22a3a24fe35c08ac13338cffbb8d": (
            "C'est la part des adultes hors ligne atteinte avec les relais d'aujourd'hui, en % : la "
            "question demande un nombre de relais."
        ),
    },
    indices=[
        "Le titre du graphique dit combien de relais il faudrait pour atteindre tout le monde.",
        "Cherchez « il en faudrait … pour tous les atteindre » dans le titre.",
    ],
)

q6 = Question(
    identifiant="m4_elus_q6",
    intitule="Question 6 (part des adultes hors ligne atteinte à Sakété)",
    attendu="c6f3c758311524ba0f1c7f581800bb42c51b696c22e702dc393738669e43e43c",
    decimales=0,
    unite="%",
    pieges={
        "c0a682a866a91eef755974373732568009cdc5dabbe6a4f6f0c8813d7cc68651": (
            "C'est le nombre de relais actifs : la question demande la part des adultes hors ligne "
            "atteinte, en %."
        ),
        "5508fb76e8e80409b7a2ca3f5ceeb7522cf3e2a26484ac70200d93fab7e8296d": (
            "C'est le nombre de relais qu'il faudrait : la question demande la part atteinte avec les "
            "relais d'aujourd'hui, en %."
        ),
    },
    indices=[
        "Le titre du graphique donne la part atteinte en 12 mois ; la courbe verte finit au même niveau.",
        "Cherchez « avec … relais, … % des … adultes hors ligne atteints en 12 mois » : recopiez le "
        "pourcentage, sans le signe %.",
    ],
)
