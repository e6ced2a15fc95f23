# SPDX-License-Identifier: MIT
# Every file of src/ is named in docs/architecture.md ("Every file of `src/`"), in backquotes.
# cmake -DSRC=<source dir> -P check_architecture_map.cmake
file(READ "${SRC}/docs/architecture.md" doc)
file(GLOB_RECURSE files RELATIVE "${SRC}/src" "${SRC}/src/*.c" "${SRC}/src/*.h")
set(missing)
foreach(f ${files})
  get_filename_component(name "${f}" NAME)
  string(FIND "${doc}" "`${name}`" at)
  if(at EQUAL -1)
    list(APPEND missing "src/${f}")
  endif()
endforeach()
list(LENGTH files n)
if(missing)
  list(JOIN missing "\n  " text)
  message(FATAL_ERROR "docs/architecture.md does not name:\n  ${text}")
endif()
message(STATUS "docs/architecture.md names all ${n} files of src/")
