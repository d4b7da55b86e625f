"""La fiche commune : ``modele`` (les chiffres d'une commune et sa place dans son département),
``vues`` (la fiche interactive, avec la carte)."""
