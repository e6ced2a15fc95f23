# SPDX-License-Identifier: MIT
cmake_minimum_required(VERSION 3.21)
# The installed package works for consumers, shared and static, from a prefix that was moved after
# installation (relocatable), using only <statecraft/statecraft.h>:
#   1. installs this build (KIND shared or static) and builds the other kind from SOURCE_DIR
#      (library and CLI only) and installs it, each into its own prefix, then moves both prefixes;
#   2. checks the installed CMake and pkg-config files name no absolute path;
#   3. per prefix: the installed CLI runs; a CMake consumer (find_package, no leaked variables)
#      and a pkg-config consumer (cc main.c $(pkg-config --cflags --libs [--static] statecraft))
#      build and run, and link libstatecraft dynamically or statically as the kind says;
#   4. both kinds installed into one prefix: statecraft_SHARED_LIBS picks either.
# cmake -DSOURCE_DIR= -DBUILD_DIR= -DKIND= -DCONSUMER_DIR= -DWORK_DIR= -DC_COMPILER= -P this
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(run_out "${out}" PARENT_SCOPE)
endfunction()

find_program(READELF NAMES readelf REQUIRED)
find_program(PKG_CONFIG NAMES pkg-config pkgconf REQUIRED)
if(KIND STREQUAL "shared")
  set(OTHER static)
  set(other_shared OFF)
else()
  set(OTHER shared)
  set(other_shared ON)
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# 1. both kinds, installed, then moved
run("cmake --install (${KIND})" ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/stage-${KIND}")
run("configuring the ${OTHER} library" ${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/build-${OTHER}"
    -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=${other_shared} -DSC_BUILD_TESTS=OFF
    -DSC_BUILD_BENCH=OFF -DCMAKE_C_COMPILER=${C_COMPILER})
include(ProcessorCount)
run("building the ${OTHER} library" ${CMAKE_COMMAND} --build "${WORK_DIR}/build-${OTHER}" -j 2)
run("cmake --install (${OTHER})" ${CMAKE_COMMAND} --install "${WORK_DIR}/build-${OTHER}" --prefix "${WORK_DIR}/stage-${OTHER}")
foreach(k shared static)
  file(RENAME "${WORK_DIR}/stage-${k}" "${WORK_DIR}/${k}")
endforeach()

function(check_kind exe kind)
  run("readelf ${exe}" ${READELF} -d "${exe}")
  string(FIND "${run_out}" "libstatecraft.so" at)
  if(kind STREQUAL "shared" AND at LESS 0)
    message(FATAL_ERROR "${exe} should link libstatecraft.so:\n${run_out}")
  elseif(kind STREQUAL "static" AND at GREATER_EQUAL 0)
    message(FATAL_ERROR "${exe} should link libstatecraft statically:\n${run_out}")
  endif()
endfunction()

function(check_output exe out)
  if(NOT out MATCHES "statecraft [0-9]+\\.[0-9]+\\.[0-9]+: [0-9]+ actors, report of [0-9]+ bytes, NE,1/2,1/2,1/2,1/2\n.*P\\(ceasefire\\)")
    message(FATAL_ERROR "${exe} printed:\n${out}")
  endif()
endfunction()

foreach(kind shared static)
  set(prefix "${WORK_DIR}/${kind}")
  # 2. nothing installed names an absolute path (the prefix was moved; the build is elsewhere)
  file(GLOB_RECURSE meta "${prefix}/*.cmake" "${prefix}/*.pc")
  foreach(f ${meta})
    file(READ "${f}" text)
    foreach(bad "/usr/" "${WORK_DIR}" "${BUILD_DIR}" "${SOURCE_DIR}" "/lib/x86_64-linux-gnu")
      string(FIND "${text}" "${bad}" at)
      if(at GREATER_EQUAL 0)
        message(FATAL_ERROR "${f} names the absolute path '${bad}'")
      endif()
    endforeach()
  endforeach()
  # 3. the CLI, then the two consumers
  run("installed CLI (${kind})" "${prefix}/bin/statecraft" --version)
  if(NOT run_out MATCHES "^statecraft [0-9]")
    message(FATAL_ERROR "installed CLI printed: ${run_out}")
  endif()
  # the XML converter the CLI's refusal of KTAB's XML names, installed and runnable, and its CSV
  # read by the installed CLI
  set(conv "${prefix}/bin/statecraft-ktab-xml-to-csv")
  run("installed XML converter (${kind})" "${conv}" "${SOURCE_DIR}/tests/data/ktab/dummyData_3Dim.xml")
  if(NOT run_out MATCHES "^[^\n]*,[^\n]*,7,3,?[ \r]*\n[Aa]ctor,")
    message(FATAL_ERROR "${conv} printed:\n${run_out}")
  endif()
  file(WRITE "${WORK_DIR}/dummy-${kind}.csv" "${run_out}")
  run("the installed CLI on the converted CSV (${kind})" "${prefix}/bin/statecraft" forecast
      --model smp "${WORK_DIR}/dummy-${kind}.csv")
  if(NOT run_out MATCHES "KTAB Spatial Model of Politics")
    message(FATAL_ERROR "forecast --model smp on the converted CSV printed:\n${run_out}")
  endif()
  run("configuring the CMake consumer (${kind})" ${CMAKE_COMMAND} -S "${CONSUMER_DIR}"
      -B "${WORK_DIR}/consumer-${kind}" -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_C_COMPILER=${C_COMPILER})
  string(FIND "${run_out}" "${kind} library" at)
  if(at LESS 0)
    message(FATAL_ERROR "the CMake consumer did not get the ${kind} library:\n${run_out}")
  endif()
  run("building the CMake consumer (${kind})" ${CMAKE_COMMAND} --build "${WORK_DIR}/consumer-${kind}")
  set(exe "${WORK_DIR}/consumer-${kind}/consumer_cmake")
  run("${exe}" "${exe}")
  check_output("${exe}" "${run_out}")
  check_kind("${exe}" ${kind})

  set(ENV{PKG_CONFIG_PATH} "${prefix}/lib/pkgconfig")
  set(static_flag "")
  if(kind STREQUAL "static")
    set(static_flag --static)
  endif()
  run("pkg-config (${kind})" ${PKG_CONFIG} --cflags --libs ${static_flag} statecraft)
  string(STRIP "${run_out}" flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  set(exe "${WORK_DIR}/consumer-pc-${kind}")
  run("building the pkg-config consumer (${kind}): cc main.c ${flags}"
      ${C_COMPILER} "${CONSUMER_DIR}/main.c" ${flags} -o "${exe}")
  set(ENV{LD_LIBRARY_PATH} "${prefix}/lib")
  run("${exe}" "${exe}")
  unset(ENV{LD_LIBRARY_PATH})
  check_output("${exe}" "${run_out}")
  check_kind("${exe}" ${kind})
  message(STATUS "${kind}: CLI, find_package and pkg-config consumers work from a moved prefix")
endforeach()

# 4. both kinds in one prefix
run("cmake --install (both, ${KIND})" ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/both")
run("cmake --install (both, ${OTHER})" ${CMAKE_COMMAND} --install "${WORK_DIR}/build-${OTHER}" --prefix "${WORK_DIR}/both")
foreach(choice ON OFF)
  run("configuring the consumer with statecraft_SHARED_LIBS=${choice}" ${CMAKE_COMMAND}
      -S "${CONSUMER_DIR}" -B "${WORK_DIR}/consumer-both-${choice}" -DCMAKE_PREFIX_PATH=${WORK_DIR}/both
      -Dstatecraft_SHARED_LIBS=${choice} -DCMAKE_C_COMPILER=${C_COMPILER})
  run("building it" ${CMAKE_COMMAND} --build "${WORK_DIR}/consumer-both-${choice}")
  set(exe "${WORK_DIR}/consumer-both-${choice}/consumer_cmake")
  run("${exe}" "${exe}")
  check_output("${exe}" "${run_out}")
  if(choice)
    check_kind("${exe}" shared)
  else()
    check_kind("${exe}" static)
  endif()
endforeach()
message(STATUS "both kinds in one prefix: statecraft_SHARED_LIBS chooses")
