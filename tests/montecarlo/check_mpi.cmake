# SPDX-License-Identifier: MIT
# `statecraft run --draws` under mpirun with 1, 2 and 4 ranks gives the bytes of one process
# without mpirun (the draws are split by blocks and merged in block order on rank 0).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
# SCENARIO: a scenario file (default: the built-in one); DRAWS: "N;M" draws and sensitivity rows
list(GET DRAWS 0 N)
list(GET DRAWS 1 M)
set(ARGS run ${SCENARIO} --draws ${N} --sensitivity-draws ${M} --bootstrap 50 --threads 1 --format json)
execute_process(COMMAND "${CLI}" ${ARGS} -o "${WORK}/single.json" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the single-process run failed (${rc})")
endif()
foreach(n 1 2 4)
  execute_process(COMMAND "${MPIEXEC}" --oversubscribe --allow-run-as-root -n ${n} "${CLI}" ${ARGS}
                          -o "${WORK}/mpi${n}.json"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mpirun -n ${n} failed (${rc}): ${err}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${WORK}/single.json" "${WORK}/mpi${n}.json"
                  RESULT_VARIABLE diff)
  if(NOT diff EQUAL 0)
    message(FATAL_ERROR "mpirun -n ${n} printed other bytes than one process")
  endif()
endforeach()
# a checkpoint written by 2 ranks resumes under 4 and in one process alike
execute_process(COMMAND "${MPIEXEC}" --oversubscribe --allow-run-as-root -n 2 "${CLI}" ${ARGS}
                        --checkpoint "${WORK}/ck.bin" -o "${WORK}/ck2.json" RESULT_VARIABLE rc)
execute_process(COMMAND "${CLI}" ${ARGS} --checkpoint "${WORK}/ck.bin" -o "${WORK}/ck1.json"
                RESULT_VARIABLE rc2)
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${WORK}/single.json" "${WORK}/ck1.json"
                RESULT_VARIABLE diff)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT diff EQUAL 0)
  message(FATAL_ERROR "a finished checkpoint from 2 ranks did not give the same bytes")
endif()
message(STATUS "mpirun -n 1, 2, 4: the same bytes as one process")
