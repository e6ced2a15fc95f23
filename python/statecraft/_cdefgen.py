# SPDX-License-Identifier: MIT
"""The cffi declarations of libstatecraft, generated from its public headers (no side effects:
setup.py runs this at build time)."""
import os
import shutil
import subprocess
import tempfile

# The headers include only these system headers; empty stand-ins keep the preprocessed text
# free of the C library's declarations (which cffi's parser does not read). cffi knows size_t
# and the fixed-width integers itself; FILE and sig_atomic_t (game.h's cancel flag: an int in
# glibc and musl) are declared in the prelude.
_STUB_HEADERS = ("stddef.h", "stdint.h", "stdio.h", "stdarg.h", "stdbool.h", "signal.h", "time.h")
_PRELUDE = "typedef struct _IO_FILE FILE;\ntypedef int sig_atomic_t;\n"


def generate_cdef(include_dirs, cc=None):
    """The declarations of <statecraft/statecraft.h> as cffi reads them."""
    cc = cc or os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc") or "clang"
    with tempfile.TemporaryDirectory() as tmp:
        for name in _STUB_HEADERS:
            open(os.path.join(tmp, name), "w").close()
        src = os.path.join(tmp, "api.c")
        with open(src, "w") as f:
            f.write("#include <statecraft/statecraft.h>\n")
        # -undef: no compiler macros, so SC_API expands to nothing and no GNU attribute remains
        cmd = [cc, "-E", "-P", "-undef", "-nostdinc", "-I", tmp]
        for d in include_dirs:
            cmd += ["-I", d]
        cmd.append(src)
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return _PRELUDE + out


