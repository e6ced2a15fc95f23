# SPDX-License-Identifier: MIT
cmake_minimum_required(VERSION 3.21)
# Runs Doxygen and fails on any warning, printing them (cmake -DDOXYGEN= -DDOXYFILE= -DLOG= -P).
get_filename_component(out_dir "${LOG}" DIRECTORY)
file(MAKE_DIRECTORY "${out_dir}")
file(REMOVE "${LOG}")
execute_process(COMMAND "${DOXYGEN}" "${DOXYFILE}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
set(warnings "")
if(EXISTS "${LOG}")
  file(READ "${LOG}" warnings)
endif()
if(rc OR NOT warnings STREQUAL "")
  message(FATAL_ERROR "Doxygen failed (exit ${rc}); every public declaration needs a /** */ "
                      "comment (docs/api.md):\n${warnings}${err}")
endif()
message(STATUS "API reference written to ${out_dir}/html (no warnings)")
