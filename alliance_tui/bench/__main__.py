"""python -m alliance_tui.bench [--quick] [--history] [--output FILE]: the benchmark table."""

from __future__ import annotations

import sys

from .report import main

raise SystemExit(main(sys.argv[1:]))
