"""How long work says how far it has got, whoever shows it (a terminal bar, a line in the app)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]  # (done, total), called before each step
