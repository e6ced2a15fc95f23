# SPDX-License-Identifier: MIT
"""docs/python.md's session runs, cell by cell, and prints what the page shows.

A ```python cell followed by a ```text cell must produce that text: its printed output, then
the value of its last line when that line is an expression (as a notebook shows it). After a
change of the models' numbers, refresh the page with
    python3 python/tests/test_docs.py --update
"""
import ast
import contextlib
import io
import os
import re
import sys

import pandas as pd

ROOT = os.environ.get("STATECRAFT_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGE = os.path.join(ROOT, "docs", "python.md")
CELL = re.compile(r"```python\n(.*?)```\n(?:```text\n(.*?)```\n)?", re.S)


def _run(code, env):
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(tree, "<docs/python.md>", "exec"), env)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<docs/python.md>", "eval"), env)
            if value is not None:
                print(repr(value))
    return out.getvalue()


def _session(update=False):
    with open(PAGE) as f:
        page = f.read()
    env = {}
    results = []
    with pd.option_context("display.width", 100, "display.max_columns", 12):
        for m in CELL.finditer(page):
            got = _run(m.group(1), env)
            results.append((m, got))
    if update:
        parts, pos = [], 0
        for m, got in results:
            parts.append(page[pos:m.start()])
            parts.append(f"```python\n{m.group(1)}```\n```text\n{got}```\n" if got
                         else f"```python\n{m.group(1)}```\n")
            pos = m.end()
        parts.append(page[pos:])
        with open(PAGE, "w") as f:
            f.write("".join(parts))
    return results


def test_python_page_session():
    results = _session()
    assert len(results) >= 8
    for m, got in results:
        want = m.group(2)
        if want is not None:
            assert got.rstrip() == want.rstrip(), f"cell:\n{m.group(1)}\nprinted:\n{got}"


if __name__ == "__main__":
    _session(update="--update" in sys.argv)
