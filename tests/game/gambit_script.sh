#!/bin/sh
# SPDX-License-Identifier: MIT
# A shell script written for Gambit's command-line tools (gambit 17), as a Gambit user writes
# one: several tools, their options with Gambit's meanings, games named on the command line, read
# from standard input and piped in. test_gambit_script.sh runs it with only the command names
# changed (gambit-X -> statecraft gambit-X) and compares what it prints with Gambit's output.
# usage: gambit_script.sh GAMES_DIR
set -e
games=$1

# every pure equilibrium
for g in 2x2 coord333 pd; do
    gambit-enumpure -q "$games/$g.nfg"
done
# extreme equilibria, and the maximal convex sets
gambit-enummixed -q < "$games/oneill.nfg"
gambit-enummixed -q -c "$games/mixdom.nfg"
# Lemke-Howson from every label; a game piped in
gambit-lcp -q "$games/2x2.nfg"
cat "$games/e07.nfg" | gambit-lcp -q
# constant-sum: linear programming
gambit-lp -q "$games/2x2const.nfg"
# simplicial subdivision, three players
gambit-simpdiv -q "$games/2x2x2.nfg"
# the logit branch's end point only
for g in 2x2 coord333 todd1; do
    gambit-logit -q -e "$games/$g.nfg"
done
# GameTracer: one seeded perturbation, and ipa's default
gambit-gnm -q -n 1 -R 1 "$games/coord333.nfg"
gambit-ipa -q < "$games/coord333.nfg"
