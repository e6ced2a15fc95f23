#!/bin/sh
# SPDX-License-Identifier: MIT
# `make fuzz`: runs libFuzzer targets from their committed corpora and merges what they find into
# those corpora (docs/testing.md).
#
#   scripts/fuzz.sh [--cpu] BUILD_DIR SECONDS [TARGET...]
#
# BUILD_DIR is a clang build with -DSC_BUILD_FUZZERS=ON (make build-asan); every target there
# (tests/fuzz/fuzz_NAME) runs one after the other, from tests/fuzz/corpus/NAME into a scratch
# directory BUILD_DIR/fuzz-work/NAME; then the inputs that add coverage are merged into
# tests/fuzz/corpus/NAME (libFuzzer -merge=1), so committing the corpus keeps them.
#
# SECONDS is wall time by default (libFuzzer -max_total_time). With --cpu it is CPU time of the
# fuzzer process (user + system, read from /proc/PID/stat every 2 s): the run is stopped with
# SIGINT once it has used that much, so libFuzzer prints its final statistics and the merge still
# runs. On a shared machine wall time says little about how much was fuzzed; CPU time does.
# (RLIMIT_CPU is not used: its SIGXCPU kills libFuzzer without statistics.)
#
# FUZZ_NICE (default 19) is the nice level of the fuzzer and of the merge.
#
# A crash, leak, timeout or out-of-memory input is kept in BUILD_DIR/fuzz-artifacts/ and makes the
# script fail at the end. One line per target goes to BUILD_DIR/fuzz-work/summary.tsv: target,
# start (UTC), wall seconds, CPU seconds, executions, coverage (edges), features, corpus files
# before and after the merge, findings.
set -u
cpu_budget=0
if [ "${1:-}" = "--cpu" ]; then
    cpu_budget=1
    shift
fi
build=${1:?usage: scripts/fuzz.sh [--cpu] BUILD_DIR SECONDS [TARGET...]}
secs=${2:?usage: scripts/fuzz.sh [--cpu] BUILD_DIR SECONDS [TARGET...]}
shift 2
case $secs in
    ''|*[!0-9]*) echo "scripts/fuzz.sh: SECONDS must be a whole number, not '$secs'" >&2; exit 2 ;;
esac
nicelvl=${FUZZ_NICE:-19}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
bindir="$build/tests/fuzz"
work="$build/fuzz-work"
arts="$build/fuzz-artifacts"
mkdir -p "$work" "$arts"
if [ $# -eq 0 ]; then
    set -- $(cd "$bindir" 2>/dev/null && ls fuzz_* 2>/dev/null | sed 's/^fuzz_//')
fi
if [ $# -eq 0 ]; then
    echo "scripts/fuzz.sh: no fuzz targets in $bindir (configure with CC=clang -DSC_BUILD_FUZZERS=ON)" >&2
    exit 2
fi
header='target	start	wall_s	cpu_s	execs	cov	ft	corpus_before	corpus_after	findings'
if [ -f "$work/summary.tsv" ] && [ "$(head -n 1 "$work/summary.tsv")" != "$header" ]; then
    mv "$work/summary.tsv" "$work/summary.old.tsv"
fi
[ -f "$work/summary.tsv" ] || printf '%s\n' "$header" > "$work/summary.tsv"
hz=$(getconf CLK_TCK)
failed=0
for t in "$@"; do
    bin="$bindir/fuzz_$t"
    corpus="$root/tests/fuzz/corpus/$t"
    if [ ! -x "$bin" ]; then
        echo "scripts/fuzz.sh: no target fuzz_$t" >&2
        failed=1
        continue
    fi
    mkdir -p "$corpus" "$work/$t"
    before=$(ls "$corpus" | wc -l)
    log="$work/$t.log"
    # slow-unit-* files are libFuzzer's notes on units over 10 s of wall time, not findings
    start=$(ls "$arts" | grep -vc -- '-slow-unit-')
    if [ "$cpu_budget" -eq 1 ]; then
        wall=0                      # stopped by CPU time below
    else
        wall=$secs
    fi
    t0=$(date +%s)
    stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    # -rss_limit_mb: the memory budget of an input is far below this; more is a finding.
    # -timeout is wall time: at nice 19 on a busy machine a unit of 2 CPU seconds can take
    # minutes, so only a unit stuck for 10 minutes counts as a hang.
    /usr/bin/time -f '%U %S' -o "$work/$t.time" \
        nice -n "$nicelvl" env ASAN_OPTIONS=detect_leaks=1 \
        LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" \
        "$bin" -max_total_time="$wall" -rss_limit_mb=2048 -max_len=65536 -timeout=600 \
        -print_final_stats=1 -artifact_prefix="$arts/$t-" "$work/$t" "$corpus" > "$log" 2>&1 &
    tpid=$!
    if [ "$cpu_budget" -eq 1 ]; then
        # the fuzzer is the only child of time (nice and env exec it)
        fpid=
        while kill -0 "$tpid" 2>/dev/null; do
            [ -n "$fpid" ] || fpid=$(cat "/proc/$tpid/task/$tpid/children" 2>/dev/null | awk '{print $1}')
            if [ -n "$fpid" ] && [ -r "/proc/$fpid/stat" ]; then
                # fields 14 and 15 after the command name in parentheses: utime, stime (ticks)
                used=$(sed 's/^.*) //' "/proc/$fpid/stat" 2>/dev/null | awk '{print $12 + $13}')
                if [ -n "$used" ] && [ "$used" -ge $((secs * hz)) ]; then
                    kill -INT "$fpid" 2>/dev/null
                    break
                fi
            fi
            sleep 2
        done
    fi
    wait "$tpid"
    status=$?
    # 72 is libFuzzer's exit status after SIGINT (-interrupted_exitcode): the budget was reached
    if [ "$cpu_budget" -eq 1 ] && [ "$status" -eq 72 ]; then
        status=0
    fi
    elapsed=$(($(date +%s) - t0))
    nice -n "$nicelvl" "$bin" -merge=1 -rss_limit_mb=2048 -max_len=65536 -timeout=600 \
        "$corpus" "$work/$t" > "$work/$t.merge.log" 2>&1
    after=$(ls "$corpus" | wc -l)
    cpu=$(tail -n 1 "$work/$t.time" 2>/dev/null | awk '{printf "%.0f", $1 + $2}')
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    found=$(($(ls "$arts" | grep -vc -- '-slow-unit-') - start))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$stamp" "$elapsed" "${cpu:-?}" \
        "${execs:-?}" "${cov:-?}" "${ft:-?}" "$before" "$after" "$found" >> "$work/summary.tsv"
    echo "fuzz_$t: ${elapsed} s wall, ${cpu:-?} CPU s, ${execs:-?} executions, cov ${cov:-?}, corpus $before -> $after, findings $found"
    if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
        echo "fuzz_$t: FOUND something (exit $status): see $log and $arts" >&2
        failed=1
    fi
done
exit $failed
