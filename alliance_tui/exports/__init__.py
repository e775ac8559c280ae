"""What leaves the practice: recaps, the alliance document, the hours log.

Pure functions from models to text. No Textual, no disk: the store writes the
files and the screens and command line decide where they go.
"""

from .alliance_doc import alliance_document
from .hours import HoursRow, hours_log_csv, hours_rows, hours_warnings, session_hours
from .markdown import md_block, md_inline
from .prep import prep_sheet
from .recap import NothingToExport, session_recap

__all__ = [
    "HoursRow",
    "NothingToExport",
    "alliance_document",
    "hours_log_csv",
    "hours_rows",
    "hours_warnings",
    "md_block",
    "md_inline",
    "prep_sheet",
    "session_hours",
    "session_recap",
]
