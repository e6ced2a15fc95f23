#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the byte-level members of tests/data/bad (files an editor would mangle).

Run from anywhere: python3 tests/data/make_binary_inputs.py. The output is committed; rerunning
it must leave `git status` clean. Each file's first line is '# expect: SUBSTRING'.
"""
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad")
HEAD = b"statecraft: 1\nmetadata: {title: t}\n"

FILES = {
    # every control byte, then bytes that never occur in UTF-8
    "binary_garbage.yaml": (b"this is not a text file", bytes(range(32)) + b"\x7f\xff\xfe" * 10),
    "nul_byte.yaml": (b"NUL byte", b"statecraft: 1\x00\n"),
    # Latin-1 e-acute
    "invalid_utf8.yaml": (b"invalid UTF-8", b'statecraft: 1\nmetadata: {title: "caf\xe9"}\n'),
    # BEL inside a title
    "control_char.yaml": (b"control character 0x07", HEAD.replace(b"title: t", b"title: t\x07")),
    # a 3-byte sequence cut off at the end of the file
    "truncated_utf8.yaml": (b"truncated UTF-8 sequence", HEAD + b"# \xe2\x82"),
    # overlong encoding of '/'
    "overlong_utf8.yaml": (b"invalid UTF-8 byte 0xC0", HEAD + b"# \xc0\xaf\n"),
    # a UTF-16 byte order mark
    "utf16_bom.yaml": (b"this is not a text file", b"\xff\xfes\x00t\x00"),
}

for name, (expect, body) in FILES.items():
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(b"# expect: " + expect + b"\n" + body)
