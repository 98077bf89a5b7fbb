"""The `sopgen` command and what only it does: the atomic build, PDF printing and the JSON schemas.

Must not import generator.plugin (it runs MkDocs in its own process).
"""
