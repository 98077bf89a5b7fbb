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

_MESSAGES = {
    "string_type": "harus berupa teks",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "float_type": "harus berupa angka",
    "bool_type": "harus `true` atau `false`",
    "list_type": "harus berupa daftar (baris-baris yang diawali `- `)",
    "dict_type": "harus berupa pemetaan `kunci: nilai`",
    "model_type": "harus berupa pemetaan `kunci: nilai`",
    "model_attributes_type": "harus berupa pemetaan `kunci: nilai`",
    "date_type": "harus berupa tanggal TTTT-BB-HH",
    "too_short": "tidak boleh kosong",
    "union_tag_invalid": "jenis nilai tidak dikenal",
}


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
        return None, [_problem(loaded, err, _keys_at(file_type.kind, err) or known_keys) for err in errors]


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


def _problem(loaded: LoadedFile, err: ErrorDetails, known_keys: set[str]) -> Problem:
    loc = _data_loc(loaded.data, err)
    return loaded.problem(loc, _message(err, loc, known_keys))


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
    if kind == "missing":
        return f"kunci wajib `{key}` tidak ada"
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(key, sorted(known_keys), n=1, cutoff=0.6)
        hint = f"; maksud Anda `{guess[0]}`?" if guess else ""
        return f"kunci `{key}` tidak dikenal{hint}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"nilai `{_show(err['input'])}` tidak sah; pilih salah satu: {expected.replace(' or ', ' atau ')}"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"nilai `{_show(err['input'])}` di luar batas ({err['msg']})"
    base = _MESSAGES.get(kind)
    if base:
        return f"{base} (tertulis: `{_show(err['input'])}`)"
    return f"nilai tidak sah: {err['msg']}"


def _show(value: Any) -> str:
    if value is None:
        return "kosong"
    if isinstance(value, dict):
        return "pemetaan"
    if isinstance(value, list):
        return "daftar"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
