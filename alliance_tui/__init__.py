"""Alliance TUI: the designed alliance, visible beside a live coaching call."""

__version__ = "0.1.0"
