# SPDX-License-Identifier: MIT
cmake_minimum_required(VERSION 3.21)
# Runs python/tests with pytest.
#   MODE=install: `pip install ./python` (offline, from SRC, as the README says) into a fresh
#                 virtual environment WORK/venv made from PYTHON with --system-site-packages,
#                 then pytest with that environment's interpreter against the installed package;
#   MODE=source:  pytest with PYTHON on the source tree (PYTHONPATH and STATECRAFT_LIBRARY set
#                 by the caller).
#   SKIP (optional): a pytest -k expression of the tests to leave out.
# cmake -DPYTHON= -DSRC= -DWORK= -DMODE= [-DSKIP=] -P run_pytest.cmake
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "${what} failed (${rc})")
  endif()
endfunction()

if(MODE STREQUAL "install")
  set(venv "${WORK}/venv")
  file(REMOVE_RECURSE "${venv}")
  run("creating the virtual environment" "${PYTHON}" -m venv --system-site-packages "${venv}")
  unset(ENV{STATECRAFT_LIBRARY})
  unset(ENV{STATECRAFT_INCLUDE})
  unset(ENV{PYTHONPATH})
  execute_process(COMMAND "${venv}/bin/pip" install --no-index ./python
                  WORKING_DIRECTORY "${SRC}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE out)
  if(rc)
    message(FATAL_ERROR "pip install ./python failed (${rc}):\n${out}")
  endif()
  set(ENV{STATECRAFT_EXPECT_INSTALLED} "${venv}")
  set(py "${venv}/bin/python")
else()
  set(py "${PYTHON}")
endif()
set(select)
if(SKIP)
  set(select -k "not (${SKIP})")
endif()
execute_process(COMMAND "${py}" -m pytest -q -p no:cacheprovider ${select} "${SRC}/python/tests"
                WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "the Python tests failed (${rc})")
endif()
