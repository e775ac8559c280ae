"""The coach's config file applied to the running app: key remapping, a sample file."""

from .keymap import (
    BindingInfo,
    KeymapResult,
    binding_catalogue,
    key_name_problem,
    normalize_key,
    resolve_keymap,
    sample_config,
)

__all__ = [
    "BindingInfo",
    "KeymapResult",
    "binding_catalogue",
    "key_name_problem",
    "normalize_key",
    "resolve_keymap",
    "sample_config",
]
