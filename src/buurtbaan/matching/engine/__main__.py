"""``python -m buurtbaan.matching.engine suggest|team|round ...`` (see cli.py)."""

from .cli import main

raise SystemExit(main())
