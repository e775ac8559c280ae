"""Screens own the flows; they call the store and never TinyDB."""
