"""``python -m atelier`` : voir atelier.lanceur."""

from atelier.lanceur import main

raise SystemExit(main())
