"""Pages as text: pure functions from the model to Markdown, with the templates, diagrams and links they use.

Knows nothing of MkDocs: must not import mkdocs, generator.plugin or generator.commands.
"""
