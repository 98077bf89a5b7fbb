"""The approval trail: the history of each data file read from git, CODEOWNERS, and the review rule.

Must not import generator.render, .plugin or .commands.
"""
