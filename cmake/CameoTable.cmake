# SPDX-License-Identifier: MIT
# Turns data/events/goldstein.csv (CAMEO code -> Goldstein value, level, root, quad class,
# Phoenix penta class, ICEWS and old-CAMEO values) and data/events/cameo_eventcodes.csv (code ->
# description) into a C table: the library never reads a file to score an event.
#   cmake -DGOLDSTEIN=... -DLABELS=... -DOUT=... -P CameoTable.cmake
file(STRINGS "${GOLDSTEIN}" glines ENCODING UTF-8)
file(STRINGS "${LABELS}" llines ENCODING UTF-8)

# Descriptions first: code -> label. A label is quoted when it holds a comma.
foreach(line IN LISTS llines)
  if(line MATCHES "^([0-9]+),\"([^\"]*)\",")
    set(label_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
  elseif(line MATCHES "^([0-9]+),([^,]*),")
    set(label_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
  endif()
endforeach()

set(source "")
set(rows "")
set(n 0)
foreach(line IN LISTS glines)
  if(line MATCHES "^# source: (.*)$")
    set(source "${CMAKE_MATCH_1}")
    continue()
  endif()
  if(line MATCHES "^cameo_code," OR line STREQUAL "")
    continue()
  endif()
  # code,goldstein,level,root,base,quad,penta,icews,old
  if(NOT line MATCHES "^([0-9]+),(-?[0-9.]+),([0-9]),([0-9]+),([0-9]+),([1-4]),([0-4]),(-?[0-9.]*),(-?[0-9.]*)$")
    message(FATAL_ERROR "CameoTable: unexpected line in ${GOLDSTEIN}: ${line}")
  endif()
  set(code "${CMAKE_MATCH_1}")
  if(NOT DEFINED label_${code})
    message(FATAL_ERROR "CameoTable: no description for CAMEO code ${code} in ${LABELS}")
  endif()
  string(REPLACE "\\" "\\\\" lab "${label_${code}}")
  string(REPLACE "\"" "\\\"" lab "${lab}")
  # the ICEWS and old-scale values are missing for a few codes: NAN
  set(icews "${CMAKE_MATCH_8}")
  set(old "${CMAKE_MATCH_9}")
  if(icews STREQUAL "")
    set(icews "(double)NAN")
  endif()
  if(old STREQUAL "")
    set(old "(double)NAN")
  endif()
  string(APPEND rows "    {\"${code}\", \"${lab}\", ${CMAKE_MATCH_2}, ${icews}, ${old}, "
                     "${CMAKE_MATCH_3}, ${CMAKE_MATCH_6}, ${CMAKE_MATCH_7}},\n")
  math(EXPR n "${n} + 1")
endforeach()
if(source STREQUAL "")
  message(FATAL_ERROR "CameoTable: ${GOLDSTEIN} has no '# source:' line")
endif()
string(REPLACE "\\" "\\\\" source "${source}")
string(REPLACE "\"" "\\\"" source "${source}")
get_filename_component(gname "${GOLDSTEIN}" NAME)
file(WRITE "${OUT}.tmp"
  "/* Generated from data/events/${gname} and cameo_eventcodes.csv by cmake/CameoTable.cmake; do not edit. */\n"
  "#include <math.h>\n\n#include \"events/cameo_internal.h\"\n\n"
  "const char sc__cameo_source[] =\n    \"${source}\";\n\n"
  "const size_t sc__cameo_count = ${n};\n\n"
  "const sc_cameo_code sc__cameo_table[] = {\n${rows}};\n")
# Only touch OUT when it changes, so an unrelated reconfigure does not rebuild the module.
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
