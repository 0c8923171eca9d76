"""Bytes to text: byte-order marks, UTF-8, a guessed legacy encoding, and binary refused.

A reader never holds more than its size cap in memory: files are read up to `max_bytes`,
lines of JSON Lines and stdin are read with a bounded `readline`.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol, TextIO, cast

from ingest.errors import InputError
from ingest.sources.notes import InputNote, NoteSink

# UTF-32 LE first: its mark begins with the two bytes of the UTF-16 LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A detector's guess is trusted only when the text it gives has few control characters.
_MAX_CONTROL_SHARE = 0.05
_SKIP_CHUNK = 1024 * 1024
_ENGLISH_LEGACY = "cp1252"
_NEAR_BEST = 0.75  # share of the best guess's confidence within which cp1252 is preferred


class ByteLines(Protocol):
    """What the line readers need from a stream: bounded `readline` and `read` in bytes."""

    def readline(self, size: int = -1, /) -> bytes: ...

    def read(self, size: int = -1, /) -> bytes: ...


class TextAsBytes:
    """A text stream (e.g. `io.StringIO`) seen as UTF-8 bytes, so one reader serves both."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def readline(self, size: int = -1, /) -> bytes:
        return self.stream.readline(size).encode("utf-8", "surrogateescape")

    def read(self, size: int = -1, /) -> bytes:
        return self.stream.read(size).encode("utf-8", "surrogateescape")


def byte_stream(stream: TextIO | BinaryIO) -> ByteLines:
    """The bytes under `stream`: a text stream's buffer (real stdin), else an adapter."""
    if not isinstance(stream, io.TextIOBase):
        return cast(BinaryIO, stream)
    buffer = getattr(stream, "buffer", None)
    return cast(BinaryIO, buffer) if buffer is not None else TextAsBytes(cast(TextIO, stream))


def open_binary(path: Path) -> BinaryIO:
    """`path` opened for reading bytes; failures as one InputError naming it."""
    try:
        return path.open("rb")
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file or directory") from exc
    except IsADirectoryError as exc:
        raise InputError(str(path), "is a directory") from exc
    except PermissionError as exc:
        raise InputError(str(path), "permission denied") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot open ({exc.strerror})") from exc


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole file, refused when empty or over `max_bytes` (never more is read)."""
    with open_binary(path) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(str(path), f"file is over the {size_label(max_bytes)} limit")
    if not data.strip():
        raise InputError(str(path), "empty file")
    return data


def bounded_lines(stream: ByteLines, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of `stream`; None for a line over `max_bytes`, whose bytes are skipped unread
    into memory (so one huge line costs neither the memory nor the rest of the stream)."""
    while line := stream.readline(max_bytes + 1):
        if is_over_cap(line, max_bytes):
            skip_rest_of_line(stream, line)
            yield None
        else:
            yield line


def is_over_cap(line: bytes, max_bytes: int) -> bool:
    """Whether a line read with `readline(max_bytes + 1)` holds more than `max_bytes`."""
    return len(line.rstrip(b"\r\n")) > max_bytes


def skip_rest_of_line(stream: ByteLines, start: bytes) -> None:
    """Read past the end of the line that began with `start`, a chunk at a time."""
    line = start
    while line and not line.endswith(b"\n"):
        line = stream.readline(_SKIP_CHUNK)


def declared_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of `data` declares, if any."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding
    return None


def is_wide_unicode(data: bytes) -> bool:
    """True for UTF-16/32 marked data: its lines cannot be split on the byte b'\\n'."""
    return declared_encoding(data) in {"utf-16", "utf-32"}


def decode_text(data: bytes, where: str, on_note: NoteSink) -> str:
    """`data` as text: the encoding its byte-order mark declares, else UTF-8, else the
    legacy encoding a detector finds (cp1252, koi8-r, shift_jis, ...; a note names it).

    Data with NUL bytes and no UTF-16/32 mark is binary; so is data no encoding fits.
    """
    declared = declared_encoding(data)
    if declared is not None:
        try:
            return data.decode(declared)
        except UnicodeDecodeError as exc:
            name = codecs.lookup(declared).name.removesuffix("-sig").upper()
            raise InputError(
                where, f"marked as {name} but not valid {name} (at byte {exc.start})"
            ) from exc
    if b"\x00" in data:
        raise InputError(where, "binary data (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guessed = _guess_legacy_encoding(data)
        if guessed is None:
            raise InputError(
                where,
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}) and no "
                "other encoding fits; convert it, e.g. iconv -f cp1252 -t utf-8",
            ) from exc
        encoding, text = guessed
        on_note(InputNote(where, f"not UTF-8 and no encoding declared; read as {encoding}"))
        return text


def _guess_legacy_encoding(data: bytes) -> tuple[str, str] | None:
    """(encoding, text) as chardet reads `data` among today's web encodings, or None.

    Short texts leave any detector unsure between neighbouring single-byte encodings
    (cp1250, cp1252, cp1254 ...); cp1252, the legacy encoding of English text and the web's
    reading of latin-1, wins when it is nearly as likely as the first guess.
    chardet is imported here, on first need: most input is UTF-8 and never pays for it.
    """
    import chardet
    from chardet.enums import EncodingEra

    candidates = [
        (name, found["confidence"])
        for found in chardet.detect_all(data, encoding_era=EncodingEra.MODERN_WEB)
        if (name := _python_codec(found["encoding"])) is not None
    ]
    if not candidates:
        return None
    best, confidence = candidates[0]
    if any(n == _ENGLISH_LEGACY and c >= _NEAR_BEST * confidence for n, c in candidates):
        best = _ENGLISH_LEGACY
    try:
        text = data.decode(best)
    except UnicodeDecodeError:
        return None
    if _control_share(text) > _MAX_CONTROL_SHARE:
        return None
    return best, text


def _python_codec(name: str | None) -> str | None:
    """Python's name for the codec a detector names, or None when Python has none."""
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def check_binary(text: str, where: str) -> None:
    """Refuse text that is really binary: NUL characters or many control characters."""
    if "\x00" in text:
        raise InputError(where, "binary data (contains NUL bytes)")
    if _control_share(text[:8192]) > _MAX_CONTROL_SHARE:
        raise InputError(where, "binary data (too many control characters)")


def _control_share(sample: str) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls / len(sample)


def size_label(max_bytes: int) -> str:
    """A size cap as people say it: '5 MB', '1 KB', '300 bytes'."""
    if max_bytes >= 1024 * 1024:
        return f"{max_bytes / (1024 * 1024):g} MB"
    if max_bytes >= 1024:
        return f"{max_bytes / 1024:g} KB"
    return f"{max_bytes} bytes"
