"""Les calculs des modules : fonctions pures, sans widgets, testées et notées."""
