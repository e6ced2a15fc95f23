# SPDX-License-Identifier: MIT
cmake_minimum_required(VERSION 3.21)
# The umbrella header includes every public header, so that <statecraft/statecraft.h> alone
# gives a consumer the whole API (and the export map, generated from it, every SC_API function).
# cmake -DSRC=<source dir> -P check_umbrella.cmake
file(READ "${SRC}/include/statecraft/statecraft.h" umbrella)
file(GLOB headers RELATIVE "${SRC}/include/statecraft" "${SRC}/include/statecraft/*.h"
     "${SRC}/include/statecraft/*.h.in")
set(missing "")
foreach(h ${headers})
  string(REGEX REPLACE "\\.in$" "" h "${h}")
  if(h STREQUAL "statecraft.h")
    continue()
  endif()
  string(FIND "${umbrella}" "#include \"statecraft/${h}\"" at)
  if(at LESS 0)
    list(APPEND missing "${h}")
  endif()
endforeach()
if(missing)
  list(JOIN missing ", " m)
  message(FATAL_ERROR "statecraft/statecraft.h does not include: ${m}")
endif()
list(LENGTH headers n)
math(EXPR n "${n} - 1")
message(STATUS "the umbrella header includes all ${n} other public headers")
