"""The domain in pydantic: no Textual, no TinyDB, no disk.

Each model is imported from its own module (alliance_tui.models.record, ...), so
a caller that needs only a light part (the dashboard's ClientSummary, the clock)
does not pay for pydantic and every record model.
"""
