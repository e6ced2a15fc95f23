# SPDX-License-Identifier: MIT
cmake_minimum_required(VERSION 3.21)
# One version from one place: the project version of CMakeLists.txt is what every artefact says.
# cmake -DVERSION= -DSRC= -DBIN= -DCLI= [-DPYTHON=] -P check_version.cmake
set(bad "")
macro(expect what got)
  if(NOT "${got}" STREQUAL "${VERSION}")
    list(APPEND bad "${what} says '${got}'")
  endif()
endmacro()

execute_process(COMMAND "${CLI}" --version OUTPUT_VARIABLE out OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX REPLACE "^statecraft " "" out "${out}")
expect("statecraft --version (sc_version())" "${out}")

file(STRINGS "${BIN}/include/statecraft/version.h" line REGEX "define SC_VERSION_STRING")
string(REGEX MATCH "\"([^\"]*)\"" m "${line}")
expect("version.h SC_VERSION_STRING" "${CMAKE_MATCH_1}")

file(STRINGS "${BIN}/statecraft.pc" line REGEX "^Version:")
string(REGEX REPLACE "^Version: *" "" v "${line}")
expect("statecraft.pc" "${v}")

include("${BIN}/statecraft-config-version.cmake")
expect("the CMake package (statecraft-config-version.cmake)" "${PACKAGE_VERSION}")

file(STRINGS "${SRC}/CHANGELOG.md" line REGEX "^## [0-9]" LIMIT_COUNT 1)
string(REGEX MATCH "^## ([0-9]+\\.[0-9]+\\.[0-9]+)" m "${line}")
expect("CHANGELOG.md's top entry" "${CMAKE_MATCH_1}")

if(PYTHON)
  execute_process(COMMAND "${PYTHON}" setup.py --version WORKING_DIRECTORY "${SRC}/python"
                  OUTPUT_VARIABLE out ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
  string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+$" v "${out}")
  expect("the Python package (python/setup.py --version)" "${v}")
endif()

if(bad)
  list(JOIN bad "\n  " msg)
  message(FATAL_ERROR "the project version is ${VERSION}, but\n  ${msg}")
endif()
message(STATUS "every artefact says ${VERSION}")
