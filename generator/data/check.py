"""Validate loaded YAML against a pydantic type and turn its errors into located problems."""

from __future__ import annotations

import difflib
from types import UnionType
from typing import Annotated, Any, Generic, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from generator.data.yamlload import LoadedFile
from generator.errors import Problem

T = TypeVar("T")

# What a value must be, by pydantic's error type; said as "harus berupa <this>".
_KINDS = {
    "string_type": "teks",
    "string_unicode": "teks",
    "int_type": "bilangan bulat",
    "int_parsing": "bilangan bulat",
    "int_from_float": "bilangan bulat",
    "float_type": "angka",
    "float_parsing": "angka",
    "bool_type": "`true` atau `false`",
    "bool_parsing": "`true` atau `false`",
    "list_type": "daftar (baris-baris yang diawali `- `)",
    "dict_type": "pemetaan `kunci: nilai`",
    "model_type": "pemetaan `kunci: nilai`",
    "model_attributes_type": "pemetaan `kunci: nilai`",
    "date_type": "tanggal TTTT-BB-HH",
    "date_parsing": "tanggal TTTT-BB-HH",
    "date_from_datetime_parsing": "tanggal TTTT-BB-HH",
    "date_from_datetime_inexact": "tanggal TTTT-BB-HH (tanpa jam)",
    "datetime_type": "tanggal dan jam TTTT-BB-HH JJ:MM",
    "datetime_parsing": "tanggal dan jam TTTT-BB-HH JJ:MM",
}

# Messages that need no value from pydantic's context.
_FIXED = {
    "too_short": "tidak boleh kosong",
    "string_too_short": "tidak boleh kosong",
    "union_tag_invalid": "jenis nilai tidak dikenal",
    "union_tag_not_found": "jenis nilai tidak dapat ditentukan; periksa kunci-kuncinya",
    "int_parsing_size": "bilangan terlalu besar",
    "finite_number": "harus berupa angka terhingga (bukan `.inf` atau `.nan`)",
    "none_required": "harus dikosongkan",
}

# Bounds from pydantic's context, as editors read them.
_BOUNDS = {
    "greater_than_equal": ("ge", "paling kecil {}"),
    "greater_than": ("gt", "harus lebih dari {}"),
    "less_than_equal": ("le", "paling besar {}"),
    "less_than": ("lt", "harus kurang dari {}"),
    "multiple_of": ("multiple_of", "harus kelipatan {}"),
    "too_long": ("max_length", "paling banyak {} butir"),
    "string_too_long": ("max_length", "paling panjang {} karakter"),
}

# Where nothing else fits; pydantic's own English never reaches an editor.
_GENERIC = "nilai tidak sah untuk kunci ini; bandingkan dengan contoh di Panduan Editor"


class FileType(Generic[T]):
    """The type one kind of data file must have, and its validator.

    The type is kept beside the adapter because pydantic does not expose the type it adapts,
    and the suggestions for a misspelt key walk that type.
    """

    def __init__(self, kind: Any) -> None:
        self.kind = kind
        self.adapter: TypeAdapter[T] = TypeAdapter(kind)


def validate(file_type: FileType[T], loaded: LoadedFile, known_keys: set[str]) -> tuple[T | None, list[Problem]]:
    """Validate `loaded.data`; every error carries the file's line and column."""
    try:
        return file_type.adapter.validate_python(loaded.data), []
    except ValidationError as exc:
        errors = _merge_misspellings(exc.errors(include_url=False), known_keys)
        return None, _merge_union_members(loaded, errors, lambda err: _keys_at(file_type.kind, err) or known_keys)


def _merge_union_members(loaded: LoadedFile, errors: list[ErrorDetails], keys: Any) -> list[Problem]:
    """A value that fits no member of a union is one mistake: "harus berupa teks atau angka", said once."""
    found: dict[tuple[Any, ...], list[str] | str] = {}  # in the order pydantic reported them
    for number, err in enumerate(errors):
        loc = _data_loc(loaded.data, err)
        kind = _KINDS.get(err["type"])
        if kind is None:
            found[(number, *loc)] = _message(err, loc, keys(err))  # never merged: keyed by its position too
            continue
        kinds = found.setdefault(("tipe", *loc), [])
        if isinstance(kinds, list) and kind not in kinds:
            kinds.append(kind)
            found[("input", *loc)] = _show(err["input"])
    return [
        loaded.problem(where[1:], text if isinstance(text, str) else f"harus berupa {_either(text)} (tertulis: `{found[('input', *where[1:])]}`)")
        for where, text in found.items() if where[0] != "input"
    ]


def _either(kinds: list[str]) -> str:
    return kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} atau {kinds[-1]}"


def _keys_at(kind: Any, err: ErrorDetails) -> set[str]:
    """The keys the model allows where an unknown key was written, for a precise suggestion."""
    if err["type"] != "extra_forbidden":
        return set()
    for part in err["loc"][:-1]:
        kind = _element(kind)
        if isinstance(part, str) and isinstance(kind, type) and issubclass(kind, BaseModel):
            field = next((f for f in kind.model_fields.values() if f.alias == part), None)
            if field is None:
                return set()
            kind = field.annotation
    kind = _element(kind)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {f.alias for f in kind.model_fields.values() if f.alias}
    return set()


def _element(kind: Any) -> Any:
    """Unwrap Optional, list[X] and dict[str, X] down to X."""
    while True:
        args = [a for a in get_args(kind) if a is not type(None)]
        origin = get_origin(kind)
        if origin in (list, dict) and args:
            kind = args[-1]
        elif origin in (Union, UnionType) and len(args) == 1:
            kind = args[0]
        elif origin is Annotated:
            kind = args[0]
        else:
            return kind


def _merge_misspellings(errors: list[ErrorDetails], known_keys: set[str]) -> list[ErrorDetails]:
    """A misspelt key is one mistake, not "missing `kegiatan`" plus "unknown `kegiatn`"."""
    missing = {(e["loc"][:-1], e["loc"][-1]) for e in errors if e["type"] == "missing" and e["loc"]}
    explained = set()
    for e in errors:
        if e["type"] == "extra_forbidden" and e["loc"]:
            parent, key = e["loc"][:-1], str(e["loc"][-1])
            for guess in difflib.get_close_matches(key, sorted(known_keys), n=3):
                if (parent, guess) in missing:
                    explained.add((parent, guess))
    return [e for e in errors if not (e["type"] == "missing" and (e["loc"][:-1], e["loc"][-1]) in explained)]


def _data_loc(data: Any, err: ErrorDetails) -> tuple[str | int, ...]:
    """The part of pydantic's loc that names data (it also names union members and validators)."""
    loc: list[str | int] = []
    parts = list(err["loc"])
    for i, part in enumerate(parts):
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        elif err["type"] == "missing" and i == len(parts) - 1:
            pass
        else:
            continue
        loc.append(part)
    return tuple(loc)


def _message(err: ErrorDetails, loc: tuple[Any, ...], known_keys: set[str]) -> str:
    kind = err["type"]
    key = str(loc[-1]) if loc else ""
    ctx = err.get("ctx", {})
    if kind == "missing":
        return f"kunci wajib `{key}` tidak ada"
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(key, sorted(known_keys), n=1, cutoff=0.6)
        hint = f"; maksud Anda `{guess[0]}`?" if guess else ""
        return f"kunci `{key}` tidak dikenal{hint}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " atau ")
        return f"nilai `{_show(err['input'])}` tidak sah; pilih salah satu: {expected}"
    if kind in ("value_error", "assertion_error"):
        # Raised by this project's validators, whose messages are already Indonesian.
        return str(ctx.get("error", "")) or _GENERIC
    if kind in _BOUNDS:
        name, text = _BOUNDS[kind]
        return f"nilai `{_show(err['input'])}` di luar batas: {text.format(ctx.get(name, '?'))}"
    if kind in _FIXED:
        return f"{_FIXED[kind]} (tertulis: `{_show(err['input'])}`)"
    return f"{_GENERIC} (tertulis: `{_show(err['input'])}`)"


def _show(value: Any) -> str:
    if value is None:
        return "kosong"
    if isinstance(value, dict):
        return "pemetaan"
    if isinstance(value, list):
        return "daftar"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
