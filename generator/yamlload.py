"""Read one YAML file into plain Python data plus the line and column of every key.

YAML 1.2 rules for scalars: only `true`/`false` are booleans (the step key `no`
must stay the string "no"), and dates stay text so the validator can say which
date does not exist. Duplicate keys, merge keys, tags and alias bombs are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem

try:  # the C loader parses about ten times faster when libyaml is present
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]


class _Resolver(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema: null, true/false, integers, floats; the rest is text."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)

_SAFE_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    pass


# The C loader resolves through the Python resolver class attributes.
_Loader.yaml_implicit_resolvers = _Resolver.yaml_implicit_resolvers


@dataclass(frozen=True)
class LoadedFile:
    """A file's data and where each key and list item starts."""

    path: str
    data: Any
    marks: dict[Path_, tuple[int, int]]

    def mark(self, loc: Path_) -> tuple[int, int]:
        """The mark of `loc`, or of its nearest ancestor that has one."""
        while loc and loc not in self.marks:
            loc = loc[:-1]
        return self.marks.get(loc, (1, 1))

    def problem(self, loc: Path_, message: str) -> Problem:
        """A problem located at the key `loc` of this file."""
        line, column = self.mark(loc)
        return Problem(self.path, line, column, _dotted(loc), message)


class _TooBig(Exception):
    pass


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _problem(path: str, node: yaml.Node, key: str, message: str) -> Problem:
    line, col = _mark(node)
    return Problem(path, line, col, key, message)


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar by its resolved tag; cheaper than PyYAML's constructor, which dominates large loads."""
    tag, text = node.tag, node.value
    if tag == "tag:yaml.org,2002:str":
        return text
    if tag == "tag:yaml.org,2002:int":
        return int(text)
    if tag == "tag:yaml.org,2002:float":
        return float(text)
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() == "true"
    return None  # the null tag: the only one left in _SAFE_TAGS


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, loc: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        if node.tag not in _SAFE_TAGS:
            self.problems.append(
                _problem(self.path, node, _dotted(loc), f"tag YAML `{node.tag}` tidak diizinkan")
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self._item(child, loc + (i,)) for i, child in enumerate(node.value)]
        return _scalar(node)

    def _item(self, node: yaml.Node, loc: Path_) -> Any:
        self.marks.setdefault(loc, _mark(node))
        return self.build(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                self.problems.append(
                    _problem(self.path, key_node, _dotted(loc), "kunci gabungan `<<` tidak didukung")
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    _problem(self.path, key_node, _dotted(loc), "kunci harus berupa teks")
                )
                continue
            key = str(key_node.value)
            if key in result:
                self.problems.append(
                    _problem(
                        self.path,
                        key_node,
                        _dotted(loc + (key,)),
                        f"kunci `{key}` ditulis dua kali (pertama di baris {first_line[key]})",
                    )
                )
                continue
            first_line[key] = _mark(key_node)[0]
            self.marks[loc + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, loc + (key,))
        return result


def _dotted(loc: Path_) -> str:
    """A key path as editors count: list items are numbered from 1 ("langkah ke-3 › waktu")."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f" ke-{part + 1}"
        else:
            text += f" › {part}" if text else part
    return text


def load_file(path: Path, shown_as: str, content: bytes | None = None) -> tuple[LoadedFile | None, list[Problem]]:
    """Load `path`, or its `content` already read; `shown_as` is the name used in messages (relative to the repository)."""
    try:
        if content is None:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                return None, [
                    Problem(shown_as, 1, 1, "", f"berkas terlalu besar ({size} bita; batas {MAX_FILE_BYTES} bita)")
                ]
            content = path.read_bytes()
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(shown_as, 1, 1, "", f"berkas bukan teks UTF-8 ({exc.reason})")]
    except OSError as exc:
        return None, [Problem(shown_as, 1, 1, "", f"berkas tidak dapat dibaca ({exc.strerror})")]
    return load_text(text, shown_as)


def load_text(text: str, shown_as: str) -> tuple[LoadedFile | None, list[Problem]]:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return LoadedFile(shown_as, None, {}), []
        builder = _Builder(shown_as)
        data = builder.build(root, ())
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket or quote is found lines later; point at where it was opened.
        opened = str(exc.context or "").startswith(("while parsing a flow", "while scanning a quoted"))
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(shown_as, line, col, "", f"sintaks YAML salah: {_yaml_reason(exc)}")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown_as, 1, 1, "", f"sintaks YAML salah: {exc}")]
    except (_TooBig, RecursionError):
        return None, [
            Problem(shown_as, 1, 1, "", f"berkas terlalu rumit (lebih dari {MAX_NODES} simpul; periksa alias `*`)")
        ]
    except ValueError as exc:  # e.g. an integer literal too long to convert
        return None, [Problem(shown_as, 1, 1, "", f"nilai tidak dapat dibaca: {exc}")]
    finally:
        loader.dispose()
    if builder.problems:
        return None, builder.problems
    return LoadedFile(shown_as, data, builder.marks), []


_REASONS = {
    "mapping values are not allowed": "titik dua `:` tidak boleh di sini (beri tanda kutip pada teks yang memuat `: `)",
    "could not find expected ':'": "tanda `:` yang diharapkan tidak ditemukan",
    "found character '\\t' that cannot start any token": "karakter tab tidak boleh dipakai untuk indentasi; gunakan spasi",
    "found undefined alias": "alias `*` tidak dikenal",
    "did not find expected ',' or ']'": "kurung siku `[` belum ditutup dengan `]`",
    "did not find expected ',' or '}'": "kurung kurawal `{` belum ditutup dengan `}`",
    "found unknown escape character": "garis miring terbalik `\\` dalam teks berkutip ganda; pakai kutip tunggal",
    "found unexpected end of stream": "berkas berakhir sebelum tanda kutip atau kurung ditutup",
    "expected <block end>, but found '-'": "indentasi daftar `-` tidak sejajar",
    "did not find expected key": "indentasi tidak sejajar",
    "but found another document": "berkas memuat lebih dari satu dokumen YAML (`---`)",
}


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    problem = str(exc.problem or exc.context or "")
    for english, indonesian in _REASONS.items():
        if english in problem:
            return indonesian
    return problem


class Findings:
    """The problems found in one loaded file, each located by its key path."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []

    def add(self, loc: Path_, message: str) -> None:
        self.problems.append(self.loaded.problem(loc, message))
