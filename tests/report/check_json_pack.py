# SPDX-License-Identifier: MIT
"""Checks every json_pack() call in the given C files: the number of values its format takes
must equal the number of arguments after it. jansson cannot check this itself (a mismatch reads
garbage off the stack), and the HTML renderers build their Vega specifications with many long
json_pack calls.

usage: check_json_pack.py FILE.c ...
"""
import re
import sys


def calls(text):
    for m in re.finditer(r'\bjson_pack\(', text):
        i, depth = m.end(), 1
        start = i
        in_str = False
        while depth and i < len(text):
            c = text[i]
            if in_str:
                if c == '\\':
                    i += 1
                elif c == '"':
                    in_str = False
            elif c == '"':
                in_str = True
            elif c in '([{':
                depth += 1
            elif c in ')]}':
                depth -= 1
            i += 1
        yield text[:m.start()].count('\n') + 1, text[start:i - 1]


def split_args(s):
    args, depth, in_str, cur, i = [], 0, False, '', 0
    while i < len(s):
        c = s[i]
        if in_str:
            cur += c
            if c == '\\':
                cur += s[i + 1]
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            cur += c
        elif c in '([{':
            depth += 1
            cur += c
        elif c in ')]}':
            depth -= 1
            cur += c
        elif c == ',' and depth == 0:
            args.append(cur.strip())
            cur = ''
        else:
            cur += c
        i += 1
    if cur.strip():
        args.append(cur.strip())
    return args


def main():
    bad = 0
    n = 0
    for path in sys.argv[1:]:
        text = open(path, encoding='utf-8').read()
        for line, body in calls(text):
            args = split_args(body)
            lits = re.findall(r'"((?:[^"\\]|\\.)*)"', args[0])
            if not lits or re.sub(r'"((?:[^"\\]|\\.)*)"', '', args[0]).strip():
                continue  # a format that is not a literal: cannot check
            fmt = ''.join(lits)
            want = sum(1 for ch in fmt if ch in 'sifoObI')
            n += 1
            if want != len(args) - 1:
                print(f'{path}:{line}: json_pack format takes {want} values, given {len(args) - 1}')
                bad += 1
    print(f'{n} json_pack calls checked')
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
