"""Read one YAML file into plain Python data plus the line and column of every key.

YAML 1.2 rules for scalars: only `true`/`false` are booleans (the step key `no`
must stay the string "no"), and dates stay text so the validator can say which
date does not exist. Duplicate keys, merge keys, tags, alias bombs, deep nesting
and control characters in text are errors. Data is built from the parser's events
with an explicit stack: PyYAML's own composer recurses in C and crashes on deep input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.data.fsutil import UnreadableFile, read_inside
from generator.errors import Problem, Severity

try:  # the C loader parses about ten times faster when libyaml is present
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64  # real data nests about 5 deep

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

    def problem(self, loc: Path_, message: str, severity: Severity = Severity.ERROR) -> Problem:
        """A problem located at the key `loc` of this file."""
        line, column = self.mark(loc)
        return Problem(self.path, line, column, _dotted(loc), message, severity)


class _Refused(Exception):
    """The file cannot be built into data at all; carries the one problem to report."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _scalar(tag: str, text: str) -> Any:
    """A scalar by its resolved tag; cheaper than PyYAML's constructor, which dominates large loads."""
    if tag == "tag:yaml.org,2002:str":
        return text
    if tag == "tag:yaml.org,2002:int":
        return int(text)
    if tag == "tag:yaml.org,2002:float":
        return float(text)
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() == "true"
    return None  # the null tag: the only one left in _SAFE_TAGS


# Control characters, and the bidirectional controls that make text display differently from what it says.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def forbidden_character(text: str) -> str | None:
    """A description of the first character that text from the data may not contain, or None."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    name = unicodedata.name(char, "karakter kendali")
    return f"U+{ord(char):04X} ({name})"


@dataclass
class _Collection:
    """A mapping or sequence being built, with what its next node is for."""

    loc: Path_
    value: dict[str, Any] | list[Any]
    start: tuple[int, int]
    anchor: str | None
    size: int = 1
    key: str | None = None  # a mapping's key whose value comes next
    first_line: dict[str, int] = field(default_factory=dict)
    skip_value: bool = False


class _Builder:
    """Builds data from parser events with an explicit stack: no recursion, so no depth can crash it."""

    def __init__(self, path: str, loader: Any) -> None:
        self.path = path
        self.loader = loader
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Collection] = []

    def build(self) -> Any:
        root: list[Any] = []
        documents = 0
        get_event = self.loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._scalar_node(event, root)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = self.stack.pop()
                if done.anchor is not None:
                    self.anchors[done.anchor] = (done.value, done.size)
                self._place(done.value, done.size, done.start, root)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._collection(event, root)
            elif kind is yaml.AliasEvent:
                self._alias(event, root)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(self._problem(event, "", "berkas memuat lebih dari satu dokumen YAML (`---`)"))
            elif kind is yaml.StreamEndEvent:
                return root[0] if root else None

    def _alias(self, event: yaml.AliasEvent, root: list[Any]) -> None:
        if event.anchor not in self.anchors:
            raise _Refused(self._problem(event, _dotted(self._child_loc()), f"alias `*{event.anchor}` tidak dikenal"))
        value, size = self.anchors[event.anchor]
        self._count(size)
        self._place(value, size, _mark(event), root)

    def _tag(self, event: yaml.NodeEvent, kind: type[yaml.Node], value: str | None) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(kind, value, event.implicit)
        if tag not in _SAFE_TAGS:
            self.problems.append(self._problem(event, _dotted(self._child_loc()), f"tag YAML `{tag}` tidak diizinkan"))
            return "tag:yaml.org,2002:null"
        return tag  # type: ignore[no-any-return]

    def _scalar_node(self, event: yaml.ScalarEvent, root: list[Any]) -> None:
        self._count(1)
        tag = self._tag(event, yaml.ScalarNode, event.value)
        if tag == "tag:yaml.org,2002:str" and (bad := forbidden_character(event.value)):
            self.problems.append(self._problem(event, _dotted(self._child_loc()), f"teks memuat karakter {bad} yang tidak diizinkan"))
        value = _scalar(tag, event.value)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self._place(value, 1, _mark(event), root, raw=event.value)

    def _collection(self, event: yaml.CollectionStartEvent, root: list[Any]) -> None:
        self._count(1)
        is_mapping = type(event) is yaml.MappingStartEvent
        self._tag(event, yaml.MappingNode if is_mapping else yaml.SequenceNode, None)
        loc = self._child_loc()
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(self._problem(event, _dotted(loc), f"data bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat)"))
        self.stack.append(_Collection(loc, {} if is_mapping else [], _mark(event), event.anchor))

    def _child_loc(self) -> Path_:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return top.loc + (len(top.value),)
        return top.loc + (top.key,) if top.key is not None else top.loc

    def _place(self, value: Any, size: int, mark: tuple[int, int], root: list[Any], raw: str | None = None) -> None:
        """Put a finished node where it belongs: the root, a list item, a mapping key or a mapping value."""
        if not self.stack:
            root.append(value)
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            self.marks.setdefault(top.loc + (len(top.value),), mark)
            top.value.append(value)
        elif top.key is None and not top.skip_value:
            self._key(top, value, mark, raw)
        else:
            if not top.skip_value:
                top.value[top.key] = value  # type: ignore[index]
            top.key, top.skip_value = None, False

    def _key(self, top: _Collection, value: Any, mark: tuple[int, int], raw: str | None) -> None:
        line, column = mark
        if raw is None or raw == "<<":
            message = "kunci harus berupa teks" if raw is None else "kunci gabungan `<<` tidak didukung"
            self.problems.append(Problem(self.path, line, column, _dotted(top.loc), message))
            top.skip_value = True
            return
        if raw in top.first_line:
            self.problems.append(
                Problem(self.path, line, column, _dotted(top.loc + (raw,)),
                        f"kunci `{raw}` ditulis dua kali (pertama di baris {top.first_line[raw]})")
            )
            top.skip_value = True
            return
        top.first_line[raw] = line
        self.marks[top.loc + (raw,)] = mark
        top.key = raw

    def _count(self, size: int) -> None:
        self.count += size
        if self.count > MAX_NODES:
            raise _TooBig

    def _problem(self, event: yaml.Event, key: str, message: str) -> Problem:
        line, column = _mark(event)
        return Problem(self.path, line, column, key, message)


class _TooBig(Exception):
    pass


def _dotted(loc: Path_) -> str:
    """A key path as editors count: list items are numbered from 1 ("langkah ke-3 › waktu")."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f" ke-{part + 1}"
        else:
            text += f" › {part}" if text else part
    return text


def load_file(root: Path, rel: str, content: bytes | None = None) -> tuple[LoadedFile | None, list[Problem]]:
    """Load the repository file `rel`, or its `content` already read; `rel` is also the name used in messages."""
    try:
        if content is None:
            content = read_inside(root, rel, MAX_FILE_BYTES)
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem.whole_file(rel, f"berkas bukan teks UTF-8 (bita tidak sah di posisi {exc.start})")]
    except UnreadableFile as exc:
        return None, [Problem.whole_file(rel, str(exc))]
    return load_text(text, rel)


_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_depth(text: str) -> int:
    """An upper bound of the bracket nesting: libyaml slows down quadratically with it, so it is checked first."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest


def load_text(text: str, shown_as: str) -> tuple[LoadedFile | None, list[Problem]]:
    if _flow_depth(text) > MAX_DEPTH:
        return None, [Problem.whole_file(shown_as, f"kurung `[` atau `{{` bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat)")]
    loader = _Loader(text)
    builder = _Builder(shown_as, loader)
    try:
        data = builder.build()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, shown_as)]
    except yaml.YAMLError:
        return None, [Problem.whole_file(shown_as, f"sintaks YAML salah: {_UNKNOWN}")]
    except _TooBig:
        return None, [Problem.whole_file(shown_as, f"berkas terlalu rumit (lebih dari {MAX_NODES} simpul; periksa alias `*`)")]
    except _Refused as exc:
        return None, [exc.problem]
    except ValueError:  # an integer literal longer than Python converts
        return None, [Problem.whole_file(shown_as, "angka terlalu panjang untuk dibaca; tulis sebagai teks berkutip bila memang teks")]
    finally:
        loader.dispose()
    if builder.problems:
        return None, builder.problems
    return LoadedFile(shown_as, data, builder.marks), []


# The generic reason: PyYAML's English never reaches an editor.
_UNKNOWN = (
    "baris ini tidak dapat dibaca; periksa indentasi (spasi, bukan tab), tanda kutip dan kurung yang belum ditutup, "
    "serta titik dua `:` di dalam nilai (beri tanda kutip)"
)
_TAB = "karakter tab tidak boleh dipakai untuk indentasi; ganti dengan spasi"
_STRAY_COLON = "titik dua `:` di dalam nilai; beri tanda kutip pada seluruh nilai, misalnya `kunci: \"Rapat: bahas\"`"
_TOO_FAR = (
    "indentasi berlebih: baris ini menjorok lebih dalam daripada kunci di atasnya; "
    "hapus spasi di awal baris agar sejajar dengan kunci sejajarnya"
)
_TOO_LITTLE = (
    "indentasi kurang: baris ini tidak sejajar dengan kunci di atasnya; "
    "tambahkan spasi di awal baris agar sejajar dengan kunci sejajarnya"
)
_LIST_ALIGN = "butir daftar `-` tidak sejajar; setiap `- ` dalam satu daftar harus dimulai pada kolom yang sama"
_AFTER_QUOTE = "ada teks sesudah tanda kutip penutup; tulis seluruh nilai di dalam tanda kutip"

_REASONS = {
    "found unknown escape character": "garis miring terbalik `\\` dalam teks berkutip ganda; pakai kutip tunggal",
    "could not find expected ':'": "tanda `:` sesudah kunci tidak ditemukan; tulis `kunci: nilai`",
    "while scanning a directive": "baris tidak boleh diawali `%`; beri tanda kutip pada teks ini",
    "found a tab character": _TAB,
    "found character '\\t'": _TAB,
}


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, shown_as: str) -> Problem:
    """Where the mistake is and how to fix it, worked out from the text: PyYAML's message names its symptom."""
    lines = text.split("\n")
    mark, reason = _diagnose(exc, lines)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(shown_as, line, column, "", f"sintaks YAML salah: {reason}")


def _diagnose(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[Any, str]:
    problem, context = str(exc.problem or ""), str(exc.context or "")
    mark, opened = exc.problem_mark or exc.context_mark, exc.context_mark
    if context.startswith("while scanning a quoted"):  # an unclosed quote is found at the end of the file
        return opened, f"tanda kutip {_char_at(lines, opened)} belum ditutup; tambahkan tanda kutip penutup di akhir nilai"
    if context.startswith("while parsing a flow"):  # an unclosed bracket is found lines later
        pair = "`[` belum ditutup dengan `]`" if "sequence" in context else "`{` belum ditutup dengan `}`"
        return opened, f"kurung {pair}; tutup kurungnya di baris yang sama atau tulis daftar dengan `- `"
    for english, indonesian in _REASONS.items():
        if english in problem or english in context:
            return mark, indonesian
    if mark is None:
        return None, _UNKNOWN
    return _by_position(problem, mark, lines)


def _by_position(problem: str, mark: Any, lines: list[str]) -> tuple[Any, str]:
    """The cases PyYAML reports the same way, told apart by what the line holds."""
    line = lines[mark.line] if mark.line < len(lines) else ""
    before = line[: mark.column]
    char = line[mark.column : mark.column + 1]
    at_start = not before.strip()
    if problem.startswith("mapping values are not allowed"):
        if ": " in before or before.rstrip().endswith(":"):
            return mark, _STRAY_COLON
        return _line_start(mark, line), _TOO_FAR
    if char == "\t":
        return mark, _TAB
    if "cannot start any token" in problem:
        return mark, f"nilai tidak boleh diawali `{char}`; beri tanda kutip pada seluruh nilai"
    if "expected '-' indicator" in problem or (at_start and char == "-"):
        return mark, _LIST_ALIGN
    if "expected key" in problem or "expected <block end>" in problem:
        if at_start:
            return mark, _TOO_LITTLE
        quote = _quote_opened_earlier(lines, mark)
        if quote is not None:
            return quote, f"tanda kutip {_char_at(lines, quote)} belum ditutup; tambahkan tanda kutip penutup di akhir nilai"
        return mark, _AFTER_QUOTE
    return mark, _UNKNOWN


def _line_start(mark: Any, line: str) -> Any:
    """The mark moved to the first character of its line, where the indentation is wrong."""
    return _Mark(mark.line, len(line) - len(line.lstrip()))


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int


def _char_at(lines: list[str], mark: Any) -> str:
    char = lines[mark.line][mark.column : mark.column + 1] if mark and mark.line < len(lines) else ""
    return f"`{char}`" if char in ("'", '"') else ""


def _quote_opened_earlier(lines: list[str], mark: Any) -> _Mark | None:
    """The opening quote of the quoted text ending just before `mark`, when it is on an earlier line."""
    before = lines[mark.line][: mark.column].rstrip()
    if not before or before[-1] not in "'\"":
        return None
    quote = before[-1]
    head = before[:-1]
    if quote in head:
        return None  # opened and closed on this line
    for number in range(mark.line - 1, -1, -1):
        found = lines[number].rfind(quote)
        if found >= 0:
            return _Mark(number, found)
    return None


class Findings:
    """The problems found in one loaded file, each located by its key path."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []

    def add(self, loc: Path_, message: str) -> None:
        self.problems.append(self.loaded.problem(loc, message))

    def warn(self, loc: Path_, message: str) -> None:
        self.problems.append(self.loaded.problem(loc, message, Severity.WARNING))
