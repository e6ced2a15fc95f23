#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages the build and the tests need, only those missing.
# Called by `make run` and `make test`; safe to run again.
set -eu
pkgs="build-essential cmake pkg-config clang libclang-rt-14-dev \
      libfyaml-dev libcmocka-dev libgmp-dev libgsl-dev libcsv-dev libjansson-dev
      libjq-dev
      libsqlite3-dev
      libopenmpi-dev openmpi-bin
      doxygen
      python3-cffi python3-pandas python3-pytest python3-venv python3-pip python3-setuptools python3-wheel
      r-base-core r-cran-jsonlite
      python3-jsonschema
      mawk
      locales
      libjs-vega chromium python3-websocket"
# mawk: bench/bench_events times statecraft against it (issue 16)
# locales: glibc's locale sources, from which test_locale_numbers generates de_DE.UTF-8
missing=""
for p in $pkgs; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -n "$missing" ]; then
  echo "statecraft: installing missing Debian packages:$missing"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
