"""The manual: the SOP model, loading every file under sop_defs/, cross-reference checks, and the cross index.

Must not import generator.records, .trail, .render, .plugin or .commands.
"""
