"""Module 5 — Formation et sensibilisation : les questions du parcours des élus.

``q1`` à ``q7`` : l'exercice noté des élus (exercises/source/m5_formation_elus).
Chaque réponse se lit à l'écran (graphique, simulateur) et se recopie telle quelle.
Les réponses attendues sont des empreintes (``python -m atelier.exercices``).
Enquête et évaluation : données synthétiques (fictives, pour l'exercice).
"""

from atelier.exercices import Question
from atelier.modules.m5_formation.modele import DOMAINES

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]

q1 = Question(
    identifiant="m5_elus_q1",
    intitule="Question 1 (le domaine le moins maîtrisé à Djougou)",
    genre="choix",
    options=list(DOMAINES.values()),
    attendu="5c72c50158db110d04c64389ef6a87cd87172304abe12354ff0d75fd0868457b",
    pieges={
        "4e1e37147bc6682e818f499640a279877588c1525066eaaa560e5a669ab61e5a": (
            "C'est le domaine le mieux maîtrisé à Djougou (la barre bleue la plus longue) : la "
            "question demande le moins maîtrisé."
        ),
        "bc88a6a6a470884c725814a89d40095a051a923caf165bf5e62ec84f9b5c64c3": (
            "Ce domaine est faible, mais un autre l'est davantage à Djougou : comparez les nombres "
            "écrits au bout des barres bleues."
        ),
    },
    indices=[
        "Le titre du graphique nomme le domaine le moins maîtrisé de la commune.",
        "Le titre commence par « Djougou : le domaine le moins maîtrisé est « … » » : recopiez ce "
        "nom entre guillemets.",
    ],
)

q2 = Question(
    identifiant="m5_elus_q2",
    intitule="Question 2 (Création de contenu à Djougou)",
    attendu="800e042c5e69e33f6c0288c7110ab3c5ce0bcb7c3ccf3372dafd2b7bba77c7a4",
    decimales=1,
    unite="%",
    pieges={
        "22ec8218924ba5be073d19fcdccd35e9b75d8e71d569f3da3a190bfd036cfc6e": (
            "C'est la part dans l'ensemble des 77 communes (barre hachurée) : la question demande "
            "celle de Djougou (barre bleue)."
        ),
        "3623d1c065ddf29838c5f03188aff48922f6de78ea04f28b3dfad0104fe43c69": (
            "C'est la part en « Information et données » : la question porte sur « Création de "
            "contenu »."
        ),
    },
    indices=[
        "Chaque barre bleue porte sa valeur à son extrémité ; le titre la rappelle pour le domaine "
        "le plus faible.",
        "Barre bleue « Création de contenu », ou la parenthèse du titre : « (… % au niveau 1 ou "
        "plus) ». Recopiez le nombre avec un point pour la virgule.",
    ],
)

q3 = Question(
    identifiant="m5_elus_q3",
    intitule="Question 3 (écart entre milieu urbain et milieu rural en sécurité)",
    attendu="40d0e97fd168e9f9a357e2b0feefb2a36a984c97b106089a9849f261fb9304a3",
    decimales=0,
    unite="points",
    pieges={
        "24960445b55b556777c6b9ecce7540da25c257ee139cc7d9d08b625472c15b88": (
            "C'est la part du milieu urbain : la question demande l'écart entre les deux barres, en "
            "points."
        ),
        "3d8b8dcf15cf3630b6d82dd22dc21a569557c6b83c629b6164bd41849e3d046d": (
            "C'est la part du milieu rural : la question demande l'écart entre les deux barres, en "
            "points."
        ),
    },
    indices=[
        "Le titre du graphique donne les deux parts et l'écart entre elles.",
        "Cherchez « soit … points d'écart » à la fin du titre (c'est la part urbaine moins la part "
        "rurale).",
    ],
)

q4 = Question(
    identifiant="m5_elus_q4",
    intitule="Question 4 (sessions de formation à Nikki)",
    attendu="89cd02a39166f922ca470819fe2613e8650ae384629e9145d269ce623b7ad474",
    entier=True,
    unite="sessions",
    pieges={
        "d58d2e2ca49e5b90347fe1913c7747a95aed90b47ad937a2080f76f1ea2c35bf": (
            "C'est le nombre de sessions de 20 personnes : relancez la cellule du simulateur, qui "
            "règle le curseur « Personnes par session » sur 25."
        ),
        "efaaa92128290241587418e6001726fd1f7f92136b4d62b9085a3f559774711a": (
            "C'est le nombre d'adultes à former : la question demande le nombre de sessions."
        ),
    },
    indices=[
        "Le titre du graphique donne, sur sa deuxième ligne, le nombre de sessions du plan.",
        "Vérifiez les réglages (part visée 55 %, 3 ans, 25 personnes par session), puis recopiez le "
        "nombre écrit avant « sessions » dans le titre, sans espace.",
    ],
)

q5 = Question(
    identifiant="m5_elus_q5",
    intitule="Question 5 (formateurs nécessaires à Nikki)",
    attendu="aa10dcf3faf31f4a98c18f8f55d094c9f8fbdf52437d6706458711b4c5593013",
    entier=True,
    unite="formateurs",
    pieges={
        "14e89fffc3cf66adfd26cd3159721672bfecb8a878a637ae9d596cb76d827789": (
            "C'est le nombre de formateurs avec des sessions de 20 personnes : relancez la cellule "
            "du simulateur, qui règle le curseur « Personnes par session » sur 25."
        ),
    },
    indices=[
        "Même simulateur que la question 4 : le titre dit combien de formateurs le plan demande.",
        "Cherchez « demande … formateurs » sur la première ligne du titre.",
    ],
)

q6 = Question(
    identifiant="m5_elus_q6",
    intitule="Question 6 (progression des élus communaux)",
    attendu="972f0e955c038844df3780b1b5ecd59f5bdf499055321d2ca9ac3c1368485087",
    decimales=1,
    unite="points sur 20",
    pieges={
        "b8b18971fbb339105352c4355419e73b60d595f2e3956e7c5ae4c4627bee4897": (
            "C'est le gain du public qui progresse le plus, cité dans le titre : la question porte "
            "sur la ligne « Élus communaux »."
        ),
    },
    indices=[
        "Chaque ligne du graphique est un public ; le nombre « +… » à droite est son gain moyen.",
        "Ligne « Élus communaux » : recopiez le nombre écrit après le « + », avec un point pour la "
        "virgule.",
    ],
)

q7 = Question(
    identifiant="m5_elus_q7",
    intitule="Question 7 (progression de la réussite au test)",
    attendu="89c0d1491daf9c58a6589fb56c6b7a2598e06fd155f6f61918dfa4fc9db17401",
    decimales=0,
    unite="points",
    pieges={
        "20887b0a59de4f6e794b999abf50b958b62b7bdfb662fdb376edb0abd0aad6f4": (
            "C'est la part qui réussit après la formation : retranchez la part qui réussissait avant."
        ),
        "6939a53962c933e3329c92a820dd7905491f53b745f6bbbae79010de12869e8e": (
            "C'est la part qui réussissait avant la formation : la question demande de combien de "
            "points elle a augmenté."
        ),
    },
    indices=[
        "Le titre du graphique donne deux pourcentages : avant et après la formation.",
        "Faites la soustraction : part après moins part avant, en points.",
    ],
)
