# SPDX-License-Identifier: MIT
# Every source file says its licence: an SPDX-License-Identifier line within its first three
# lines (C and headers, CMake, shell, Python, templates; README "Licence"). Inputs under
# tests/data and the fuzz corpora are data, not sources, except the scripts that generate them.
# Run with -DSRC=<source dir>.
set(patterns
  "*.c" "*.h" "*.h.in" "*.cmake" "*.cmake.in" "*.pc.in" "CMakeLists.txt" "Makefile" "*.sh" "*.py"
  "*.R" ".ci/*" "scripts/*")
set(files "")
foreach(p ${patterns})
  file(GLOB_RECURSE found RELATIVE "${SRC}" "${SRC}/${p}")
  list(APPEND files ${found})
endforeach()
list(REMOVE_DUPLICATES files)
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
