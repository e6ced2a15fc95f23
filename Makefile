# SPDX-License-Identifier: MIT
# The set-up commands of the README. Each installs what is missing, configures and builds.
#   make run      - build and run the built-in scenario
#   make test     - build, then run every test in a normal and an ASan+UBSan build, and build
#                   Release with gcc and with clang at -O3 (benchmarks included) with warnings
#                   as errors, so that no optimisation level brings a warning back
#   make docs     - the C API reference (build/docs/api/html)
#   make python   - a virtual environment .venv with the Python package installed
#   make mutants  - the mutation score (scripts/mutants, docs/testing.md; not part of make test):
#                   MUTANTS_JOBS=N copies at once, MUTANTS_ARGS="-f src/war -i 'eum-*'" a subset,
#                   MUTANTS_RESUME=1 keeps the kills of the last run's build-mutants/results.tsv;
#                   every verdict is kept in tests/mutants/verdicts.tsv (the ledger: a mutant whose
#                   verdict still holds is not run again); MUTANTS_ARGS=--status reports from it
#                   without running anything
#   make fuzz     - every libFuzzer target for FUZZ_SECONDS each (default 60; FUZZ_TARGETS to
#                   choose; FUZZ_CPU=1: seconds of CPU time, not wall), new coverage merged into
#                   tests/fuzz/corpus (docs/testing.md)
SHARED ?= $(abspath ../shared)
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
PYTHON ?= /usr/bin/python3
# One copy per two cores (each copy builds with -j 1 and runs one test at a time): 1 on 2 cores
MUTANTS_JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n >= 4 ? n / 2 : 1 )))
MUTANTS_NICE ?= 10
MUTANTS_RESULTS ?= build-mutants/results.tsv
MUTANTS_RESUME ?=
MUTANTS_LEDGER ?= tests/mutants/verdicts.tsv
MUTANTS_ARGS ?=
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
FUZZ_CPU ?=

.PHONY: run test deps build build-asan release release-gcc release-clang bench docs python mutants fuzz clean

deps:
	@bash scripts/deps.sh

# The developer/CI builds: warnings are errors here (never in a plain user build). Both build the
# shared library, which the Python tests load; the install test builds the static one.
build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSC_SHARED_DIR=$(SHARED) \
	  -DSC_WARNINGS_AS_ERRORS=ON -DBUILD_SHARED_LIBS=ON $(CMAKE_FLAGS)
	cmake --build build -j $(JOBS)

# The sanitizer build uses clang so that the libFuzzer targets are built too.
build-asan: deps
	CC=clang cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DSC_SANITIZE="address;undefined" \
	  -DSC_BUILD_FUZZERS=ON -DSC_SHARED_DIR=$(SHARED) -DSC_WARNINGS_AS_ERRORS=ON \
	  -DBUILD_SHARED_LIBS=ON $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)

# Release at -O3 with each compiler (static with gcc, shared with clang), benchmarks included.
release: release-gcc release-clang

release-gcc: deps
	CC=gcc cmake -S . -B build-release-gcc -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O3 -DNDEBUG" \
	  -DSC_WARNINGS_AS_ERRORS=ON -DSC_BUILD_TESTS=OFF -DSC_BUILD_BENCH=ON -DBUILD_SHARED_LIBS=OFF $(CMAKE_FLAGS)
	cmake --build build-release-gcc -j $(JOBS)

release-clang: deps
	CC=clang cmake -S . -B build-release-clang -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O3 -DNDEBUG" \
	  -DSC_WARNINGS_AS_ERRORS=ON -DSC_BUILD_TESTS=OFF -DSC_BUILD_BENCH=ON -DBUILD_SHARED_LIBS=ON $(CMAKE_FLAGS)
	cmake --build build-release-clang -j $(JOBS)

# The built-in scenario's report, computed once: the text on the terminal, the result document in
# build/report.json and the self-contained HTML report in build/report.html.
run: build
	./build/statecraft run --format json -o build/report.json
	./build/statecraft render build/report.json
	./build/statecraft render build/report.json --format html -o build/report.html
	@echo "statecraft: the HTML report is $(CURDIR)/build/report.html (the JSON: build/report.json)"

test: build build-asan release
	cd build && ctest --output-on-failure -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  ctest --output-on-failure -j $(JOBS) -LE slow

# The fuzz targets are built by build-asan (clang, -DSC_BUILD_FUZZERS=ON); one runs at a time.
fuzz: build-asan
	sh scripts/fuzz.sh $(if $(FUZZ_CPU),--cpu) build-asan $(FUZZ_SECONDS) $(FUZZ_TARGETS)

bench: build
	cmake --build build --target benchmarks -j $(JOBS)

docs: build
	cmake --build build --target docs

# PEP 668: Debian's Python is externally managed, so the package goes into a virtual environment
# that still sees Debian's cffi, pandas and pytest. Offline: nothing is downloaded.
python: deps
	$(PYTHON) -m venv --system-site-packages .venv
	.venv/bin/pip install --no-index ./python

# Each mutant in its own copy of the tree (build-mutants/), at nice 10: below interactive work,
# but not starved by it (at nice 19 on a loaded machine the unmutated suite alone did not finish
# in 21 minutes). A verdict per line in $(MUTANTS_RESULTS) as each arrives (.partial), so that a
# stopped run resumes with MUTANTS_RESUME=1. Each verdict also goes to the ledger
# $(MUTANTS_LEDGER) with what it was judged against, and a mutant whose verdict there still holds
# for this tree is not run again: a whole verdict over several runs (docs/testing.md, The
# ledger). Fails when fewer than 95% of the non-equivalent mutants are killed.
mutants: deps
	nice -n $(MUTANTS_NICE) $(PYTHON) scripts/mutants -j $(MUTANTS_JOBS) --min-score 95 \
	  --shared $(SHARED) --results $(MUTANTS_RESULTS) --ledger $(MUTANTS_LEDGER) \
	  $(if $(MUTANTS_RESUME),--resume $(MUTANTS_RESULTS)) $(MUTANTS_ARGS)

clean:
	rm -rf build build-asan build-release-gcc build-release-clang build-mutants .venv python/build
