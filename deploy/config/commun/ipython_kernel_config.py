# Noyaux de la salle : pas d'historique SQLite (un fil et une base de moins par noyau).
c = get_config()  # noqa: F821
c.HistoryManager.enabled = False
