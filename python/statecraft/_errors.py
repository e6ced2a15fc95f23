# SPDX-License-Identifier: MIT
"""The exceptions the package raises, built from the library's sc_diag."""
import errno
import os

from ._native import ffi, lib


class StatecraftError(Exception):
    """A failure reported by libstatecraft.

    ``code`` is the library's status name (``"SC_EPARSE"``, ...), ``message`` its text;
    ``file``, ``line`` and ``column`` locate an error in an input file (``line`` and ``column``
    are 1-based, ``None`` when the error has no location), ``source_line`` is the offending line.
    """

    def __init__(self, message, *, code=None, file=None, line=None, column=None,
                 source_line=None):
        self.message = message
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.source_line = source_line
        super().__init__(str(self))

    def __str__(self):
        where = self.file or "statecraft"
        if self.line:
            where += f":{self.line}:{self.column}"
        return f"{where}: error: {self.message}"


class InputError(StatecraftError, ValueError):
    """Bad input: a malformed file or an invalid value, located when it comes from a file."""


class ScenarioError(InputError):
    """A scenario (YAML or actor table) the library refuses, with its file, line and column."""


class GameError(InputError):
    """A game (.nfg) the library refuses, with its file, line and column."""


_STATUS = dict(ffi.typeof("sc_status").elements)  # value -> "SC_EPARSE", ...
# statuses that mean the input (or an argument) was bad rather than that the library failed
_INPUT = {"SC_EINVAL", "SC_EPARSE", "SC_ERANGE", "SC_ELIMIT", "SC_ENOTFOUND"}


def new_diag():
    d = ffi.new("sc_diag *")
    lib.sc_diag_init(d)
    return d


def _text(chars):
    return ffi.string(chars).decode("utf-8", "replace")


def error_from(status, diag, kind=InputError):
    """The exception for a failed call: MemoryError, or `kind` for bad input, else
    StatecraftError."""
    name = _STATUS.get(status, f"status {status}")
    message = _text(diag.message) or _text(lib.sc_status_str(status))
    if name == "SC_ENOMEM":
        return MemoryError(message)
    located = diag.line > 0
    fields = dict(code=name, file=_text(diag.file) or None,
                  line=diag.line if located else None,
                  column=diag.column if located else None,
                  source_line=_text(diag.source_line) if located else None)
    if name in _INPUT or located:
        return kind(message, **fields)
    return StatecraftError(message, **fields)


def check(status, diag, kind=InputError):
    if status != lib.SC_OK:
        raise error_from(status, diag, kind)


def fspath_checked(path, what="file"):
    """os.fspath(path) for an existing readable file; TypeError / FileNotFoundError otherwise."""
    if not isinstance(path, (str, bytes, os.PathLike)):
        raise TypeError(f"{what} must be a path (str or os.PathLike), not {type(path).__name__}")
    p = os.fsdecode(os.fspath(path))
    if "\0" in p:
        raise ValueError(f"{what} path contains a NUL character")
    if not os.path.exists(p):
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), p)
    if os.path.isdir(p):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), p)
    return p
