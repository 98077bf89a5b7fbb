"""The MkDocs plugin `sopgen`: wires the library into MkDocs events, and rebuilds only changed pages.

Must not import generator.commands.
"""

from generator.plugin.sopgen import SopPlugin

__all__ = ["SopPlugin"]
