"""The only code that touches TinyDB or the disk; it takes and returns models."""

from .errors import (
    ChangedOnDisk,
    ClientUnavailable,
    CorruptFile,
    FileProblem,
    InvalidInput,
    NewerSchema,
    PracticeUnavailable,
    ReadOnlyPractice,
    StoreError,
    UnknownRecord,
    WriteFailed,
)
from .jsonfile import CLIENT_SCHEMA_VERSION, SCHEMA_VERSION
from .paths import resolve_config_dir, resolve_data_dir
from .practice import PracticeStore

__all__ = [
    "CLIENT_SCHEMA_VERSION",
    "SCHEMA_VERSION",
    "ChangedOnDisk",
    "ClientUnavailable",
    "CorruptFile",
    "FileProblem",
    "InvalidInput",
    "NewerSchema",
    "PracticeStore",
    "PracticeUnavailable",
    "ReadOnlyPractice",
    "StoreError",
    "UnknownRecord",
    "WriteFailed",
    "resolve_config_dir",
    "resolve_data_dir",
]
