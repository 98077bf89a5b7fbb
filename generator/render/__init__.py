"""Pages as text: pure functions from the model to Markdown, with the templates, diagrams and links they use.

Gather, then write: gather.py computes statuses, review flags and the cross-reference index once; pages/ only format
them, and templates get small dataclasses (shared fragments are macros in templates/_macros.md.j2).

Knows nothing of MkDocs: must not import mkdocs, generator.plugin or generator.commands.
"""
