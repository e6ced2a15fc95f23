# SPDX-License-Identifier: MIT
# The two set-up commands of the README. Each installs what is missing, configures and builds.
#   make run   - build and run the built-in scenario
#   make test  - build, then run every test in a normal and an ASan+UBSan build
SHARED ?= $(abspath ../shared)
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: run test deps build build-asan bench clean

deps:
	@bash scripts/deps.sh

build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSC_SHARED_DIR=$(SHARED) -DSC_WARNINGS_AS_ERRORS=ON $(CMAKE_FLAGS)
	cmake --build build -j $(JOBS)

# The sanitizer build uses clang so that the libFuzzer targets are built too.
build-asan: deps
	CC=clang cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DSC_SANITIZE="address;undefined" \
	  -DSC_BUILD_FUZZERS=ON -DSC_SHARED_DIR=$(SHARED) -DSC_WARNINGS_AS_ERRORS=ON $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)

# The built-in scenario's report, computed once: the text on the terminal, the result document in
# build/report.json and the self-contained HTML report in build/report.html.
run: build
	./build/statecraft run --format json -o build/report.json
	./build/statecraft render build/report.json
	./build/statecraft render build/report.json --format html -o build/report.html
	@echo "statecraft: the HTML report is $(CURDIR)/build/report.html (the JSON: build/report.json)"

test: build build-asan
	cd build && ctest --output-on-failure -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  ctest --output-on-failure -j $(JOBS) -LE slow

bench: build
	cmake --build build --target benchmarks -j $(JOBS)

clean:
	rm -rf build build-asan
