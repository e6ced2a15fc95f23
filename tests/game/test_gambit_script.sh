#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs gambit_script.sh (written for Gambit's tools) against statecraft with only the command
# names changed, and compares its output byte for byte with what Gambit's tools printed for the
# same commands (../shared/reference/gambit/expected/TOOL/GAME.out, in the script's order).
# usage: test_gambit_script.sh STATECRAFT_BINARY SHARED_DIR SOURCE_DIR
set -eu
bin=$(cd "$(dirname "$1")" && pwd)
ref=$2/reference/gambit
here=$3/tests/game
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the script, with only the command names changed
sed 's/\(^\|[ |;(]\)gambit-\([a-z]*\)/\1statecraft gambit-\2/g' "$here/gambit_script.sh" \
    > "$tmp/script.sh"
if grep -v '^ *#' "$tmp/script.sh" | sed 's/statecraft gambit-//g' | grep -q 'gambit-'; then
    echo "a gambit- command was not renamed" >&2
    exit 1
fi
PATH="$bin:$PATH" sh "$tmp/script.sh" "$ref/games" > "$tmp/got"

# Gambit's output for the same commands
want() { cat "$ref/expected/$1/$2.out"; }
{
    want enumpure 2x2; want enumpure coord333; want enumpure pd
    want enummixed oneill; want enummixed_c mixdom
    want lcp 2x2; want lcp e07
    want lp 2x2const
    want simpdiv 2x2x2
    want logit 2x2; want logit coord333; want logit todd1
    want gnm coord333
    want ipa coord333
} > "$tmp/want"
if ! cmp -s "$tmp/got" "$tmp/want"; then
    diff "$tmp/want" "$tmp/got" >&2 || true
    echo "statecraft's output differs from Gambit's (above: < Gambit, > statecraft)" >&2
    exit 1
fi
echo "gambit script: $(wc -l < "$tmp/got") lines, the same as Gambit's"
