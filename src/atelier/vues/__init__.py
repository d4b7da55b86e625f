"""Les simulateurs des modules : vues ipywidgets minces au-dessus des modèles."""
