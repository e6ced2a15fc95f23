# SPDX-License-Identifier: MIT
cmake_minimum_required(VERSION 3.21)
# The API's rules that a machine can check (docs/api.md), on the preprocessed public headers:
#   1. a fallible function (returning sc_status) takes `sc_diag *` as its last parameter;
#   2. one destroy verb: `sc_T_free(sc_T *)` frees what the library allocates, so some public
#      function must hand out an `sc_T **` (or return `sc_T *`); a struct that only ever lives in
#      the caller's storage is emptied by `sc_T_destroy` instead.
# cmake -DCC= -DINCLUDE_DIRS="a|b" -DWORK= -P check_rules.cmake
string(REPLACE "|" ";" INCLUDE_DIRS "${INCLUDE_DIRS}")
file(MAKE_DIRECTORY "${WORK}/stub")
foreach(h stddef.h stdint.h stdio.h stdarg.h stdbool.h signal.h time.h)
  file(WRITE "${WORK}/stub/${h}" "")
endforeach()
file(WRITE "${WORK}/api.c" "#include <statecraft/statecraft.h>\n")
set(flags "")
foreach(d ${INCLUDE_DIRS})
  list(APPEND flags "-I${d}")
endforeach()
# -undef: SC_API expands to nothing; -nostdinc with empty stand-ins: only our declarations
execute_process(COMMAND "${CC}" -E -P -undef -nostdinc "-I${WORK}/stub" ${flags} "${WORK}/api.c"
                OUTPUT_VARIABLE pre RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc)
  message(FATAL_ERROR "preprocessing the public headers failed:\n${err}")
endif()
string(REGEX REPLACE "[ \t\r\n]+" " " pre "${pre}")
string(REPLACE ";" "\n" pre "${pre}") # one declaration per line; CMake lists hate semicolons

set(bad "")
# 1. fallible functions end with sc_diag *
string(REGEX MATCHALL "sc_status (sc_[a-z0-9_]+) ?\\(([^\n]*)\\) *(\n|$)" fallible "${pre}")
set(n_fallible 0)
foreach(decl ${fallible})
  string(REGEX MATCH "sc_status (sc_[a-z0-9_]+) ?\\((.*)\\)" m "${decl}")
  set(name "${CMAKE_MATCH_1}")
  set(params "${CMAKE_MATCH_2}")
  math(EXPR n_fallible "${n_fallible} + 1")
  if(NOT params MATCHES "sc_diag \\*[a-z_]*$")
    list(APPEND bad "${name}: a fallible function takes sc_diag * last")
  endif()
endforeach()
if(n_fallible LESS 20)
  message(FATAL_ERROR "only ${n_fallible} fallible functions found: the scan is broken")
endif()

# 2. _free only for what the library allocates
string(REGEX MATCHALL "void (sc_[a-z0-9_]+)_free ?\\((const )?(sc_[a-z0-9_]+) ?\\*" frees "${pre}")
foreach(f ${frees})
  string(REGEX MATCH "void (sc_[a-z0-9_]+)_free ?\\((const )?(sc_[a-z0-9_]+) ?\\*" m "${f}")
  set(base "${CMAKE_MATCH_1}")
  set(fn "${base}_free")
  set(type "${CMAKE_MATCH_3}")
  string(REGEX MATCH "${type} ?\\*\\*|(^|\n) *(const )?${type} ?\\*+ ?sc_[a-z0-9_]+ ?\\(" handed "${pre}")
  if(NOT handed)
    list(APPEND bad "${fn}: no public function hands out a ${type} *, so the caller owns its "
                    "storage: name it ${base}_destroy (docs/api.md)")
  endif()
endforeach()

if(bad)
  list(JOIN bad "\n  " msg)
  message(FATAL_ERROR "the public API breaks its rules (docs/api.md):\n  ${msg}")
endif()
list(LENGTH frees n_frees)
message(STATUS "${n_fallible} fallible functions end with sc_diag *; ${n_frees} _free functions "
               "free what the library allocates")
