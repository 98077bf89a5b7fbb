"""Reading one data file: bytes from the repository, YAML with line marks, type checks, and the values files hold.

Knows files, YAML and dates; nothing of SOPs, records, pages or MkDocs.
Must not import generator.manual, .records, .trail, .render, .plugin or .commands.
"""
