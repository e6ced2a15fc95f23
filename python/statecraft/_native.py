# SPDX-License-Identifier: MIT
"""libstatecraft through cffi's ABI mode.

The C declarations are not written by hand: they are the library's own public headers run
through the C preprocessor (``generate_cdef``), so structs and signatures always match the
library they were generated with. ``pip install ./python`` stores them as ``_cdef.h`` next to
the bundled ``libstatecraft.so``; a source checkout generates them on first import.

Where the library comes from, first match wins:

1. ``STATECRAFT_LIBRARY``: the path of a ``libstatecraft.so`` (e.g. an ASan build);
2. the copy bundled into the package by ``pip install ./python``;
3. the system's library search path (``ctypes.util.find_library``), e.g. after
   ``cmake --install``.

``STATECRAFT_INCLUDE`` (directories separated by ``os.pathsep``) names the headers to generate
the declarations from when no ``_cdef.h`` is bundled.
"""
import ctypes.util
import glob
import os

from cffi import FFI

from ._cdefgen import generate_cdef

_HERE = os.path.dirname(os.path.abspath(__file__))
_CDEF_FILE = os.path.join(_HERE, "_cdef.h")

def _source_include_dirs():
    env = os.environ.get("STATECRAFT_INCLUDE")
    if env:
        return [d for d in env.split(os.pathsep) if d]
    # a source checkout: python/statecraft -> include/ (version.h comes from a build directory)
    root = os.path.dirname(os.path.dirname(_HERE))
    dirs = [os.path.join(root, "include")]
    for build in sorted(glob.glob(os.path.join(root, "build*", "include"))):
        if os.path.exists(os.path.join(build, "statecraft", "version.h")):
            dirs.append(build)
            break
    return dirs


def _cdef():
    if os.path.exists(_CDEF_FILE) and not os.environ.get("STATECRAFT_INCLUDE"):
        with open(_CDEF_FILE) as f:
            return f.read()
    return generate_cdef(_source_include_dirs())


def _library_path():
    env = os.environ.get("STATECRAFT_LIBRARY")
    if env:
        if not os.path.exists(env):
            raise OSError(f"STATECRAFT_LIBRARY={env}: no such file")
        return env
    bundled = sorted(glob.glob(os.path.join(_HERE, "_lib", "libstatecraft.so*")), key=len)
    if bundled:
        return bundled[0]
    found = ctypes.util.find_library("statecraft")
    if found:
        return found
    raise OSError(
        "libstatecraft not found: install the package with `pip install ./python`, install the "
        "library (cmake --install), or set STATECRAFT_LIBRARY to a libstatecraft.so")


ffi = FFI()
ffi.cdef(_cdef())
lib = ffi.dlopen(_library_path())
