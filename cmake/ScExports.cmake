# SPDX-License-Identifier: MIT
cmake_minimum_required(VERSION 3.21)
# The public API as a list of function names: every function a public header declares with SC_API.
# The headers are run through the C preprocessor (comments gone, SC_API expanded to its
# visibility attribute) and each declaration carrying the attribute gives one name.
#   cmake -DCC=<compiler> -DINCLUDE_DIRS="<dir>|<dir>" -DHEADER=statecraft/statecraft.h
#         -DOUT=<file> [-DMAP=<version script>] [-DVERSION_NODE=STATECRAFT_0.1] -P ScExports.cmake
# OUT gets one name per line; MAP, if given, a GNU ld version script exporting exactly those.
string(REPLACE "|" ";" INCLUDE_DIRS "${INCLUDE_DIRS}")
set(inc_flags "")
foreach(d ${INCLUDE_DIRS})
  list(APPEND inc_flags "-I${d}")
endforeach()
file(WRITE "${OUT}.c" "#include <${HEADER}>\n")
execute_process(COMMAND "${CC}" -E -P ${inc_flags} "${OUT}.c"
                OUTPUT_VARIABLE pre ERROR_VARIABLE err RESULT_VARIABLE rc)
file(REMOVE "${OUT}.c")
if(rc)
  message(FATAL_ERROR "preprocessing ${HEADER} failed:\n${err}")
endif()
# one declaration per match: the attribute, then everything up to the end of the declaration
string(REPLACE "\n" " " pre "${pre}")
string(REGEX MATCHALL "visibility *\\( *\"default\" *\\) *\\) *\\)[^;]*" decls "${pre}")
set(names "")
foreach(d ${decls})
  string(REGEX REPLACE "^visibility *\\( *\"default\" *\\) *\\) *\\)" "" d "${d}")
  string(REGEX MATCH "([A-Za-z_][A-Za-z0-9_]*) *\\(" m "${d}")
  set(name "${CMAKE_MATCH_1}")
  if(NOT name MATCHES "^sc_")
    message(FATAL_ERROR "SC_API on something that is not an sc_ function: ${d}")
  endif()
  list(APPEND names "${name}")
endforeach()
list(REMOVE_DUPLICATES names)
list(SORT names)
list(LENGTH names n)
if(n LESS 10)
  message(FATAL_ERROR "only ${n} SC_API functions found in ${HEADER}: the scan is broken")
endif()
list(JOIN names "\n" text)
file(WRITE "${OUT}" "${text}\n")
if(MAP)
  list(JOIN names ";\n    " body)
  file(WRITE "${MAP}" "/* Generated from the public headers by cmake/ScExports.cmake: the library exports exactly\n   the SC_API functions. */\n${VERSION_NODE} {\n  global:\n    ${body};\n  local:\n    *;\n};\n")
endif()
