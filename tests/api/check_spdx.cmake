# SPDX-License-Identifier: MIT
cmake_minimum_required(VERSION 3.21)
# Every source file says its licence: an SPDX-License-Identifier line within its first three
# lines (C and headers, CMake, shell, Python, templates; README "Licence"). Inputs under
# tests/data and the fuzz corpora are data, not sources, except the scripts that generate them.
# Run with -DSRC=<source dir>.
# The files: git's view of the checkout (tracked and new files, .gitignore respected), else
# every file under SRC.
find_package(Git QUIET)
set(files "")
if(GIT_EXECUTABLE AND EXISTS "${SRC}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SRC}" ls-files --cached --others
                          --exclude-standard
                  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc)
    string(REPLACE "\n" ";" files "${out}")
  endif()
endif()
if(NOT files)
  file(GLOB_RECURSE files RELATIVE "${SRC}" "${SRC}/*")
endif()
set(sources "")
foreach(f ${files})
  if((f MATCHES "(\\.(c|h|h\\.in|cmake|cmake\\.in|pc\\.in|sh|py|R)|/CMakeLists\\.txt|^CMakeLists\\.txt|^Makefile)$"
      OR f MATCHES "^(\\.ci|scripts)/") AND EXISTS "${SRC}/${f}")
    list(APPEND sources "${f}")
  endif()
endforeach()
set(files ${sources})
set(missing "")
set(checked 0)
foreach(f ${files})
  # build trees, virtual environments and generated Python files are not sources
  if(f MATCHES "^(build[^/]*|\\.git|\\.venv[^/]*)/" OR f MATCHES "/(__pycache__|\\.pytest_cache|[^/]*\\.egg-info)/"
     OR f MATCHES "^tests/fuzz/corpus/")
    continue()
  endif()
  if(f MATCHES "^tests/data/" AND NOT f MATCHES "\\.py$")
    continue()
  endif()
  file(STRINGS "${SRC}/${f}" head LIMIT_COUNT 3)
  math(EXPR checked "${checked} + 1")
  if(NOT head MATCHES "SPDX-License-Identifier: MIT")
    list(APPEND missing "${f}")
  endif()
endforeach()
if(missing)
  list(JOIN missing "\n  " msg)
  message(FATAL_ERROR "no SPDX-License-Identifier line in the first three lines of:\n  ${msg}")
endif()
message(STATUS "${checked} source files carry an SPDX line")
