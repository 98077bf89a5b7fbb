"""Execution records: their model, loading, the replay against the SOP, periods, moments and statuses.

Knows the manual; nothing of git, pages or MkDocs.
Must not import generator.trail, .render, .plugin or .commands.
"""
