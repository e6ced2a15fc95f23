# SPDX-License-Identifier: MIT
cmake_minimum_required(VERSION 3.21)
# R CMD INSTALL the wrapper into a private library, then run its tests.
# cmake -DR= -DRSCRIPT= -DPKG= -DLIB= -P run_r.cmake
file(REMOVE_RECURSE "${LIB}")
file(MAKE_DIRECTORY "${LIB}")
execute_process(COMMAND "${R}" CMD INSTALL --no-test-load "--library=${LIB}" "${PKG}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
  message(FATAL_ERROR "R CMD INSTALL failed:\n${out}")
endif()
set(ENV{R_LIBS} "${LIB}")
execute_process(COMMAND "${RSCRIPT}" "${PKG}/tests/test_statecraft.R" RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "the R tests failed")
endif()
