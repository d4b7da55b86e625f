"""Les questions notées de chaque module (une variable ``qN`` par question)."""
