# SPDX-License-Identifier: MIT
# The `docs` target: the C API reference from the public headers (Doxygen), written to
# build/docs/api/html. Any Doxygen warning (an undocumented public declaration, a broken
# reference) fails it; tests/api runs it as the test docs_api_reference (docs/api.md).
find_program(SC_DOXYGEN NAMES doxygen DOC "Doxygen, for the API reference (docs target)")
set(SC_DOCS_OUT "${PROJECT_BINARY_DIR}/docs/api")
if(SC_DOXYGEN)
  configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${PROJECT_BINARY_DIR}/docs/Doxyfile"
                 @ONLY)
  add_custom_target(docs
    COMMAND ${CMAKE_COMMAND} -DDOXYGEN=${SC_DOXYGEN} -DDOXYFILE=${PROJECT_BINARY_DIR}/docs/Doxyfile
            -DLOG=${SC_DOCS_OUT}/warnings.log -P "${PROJECT_SOURCE_DIR}/cmake/ScRunDoxygen.cmake"
    COMMENT "API reference: ${SC_DOCS_OUT}/html/index.html"
    VERBATIM)
else()
  add_custom_target(docs
    COMMAND ${CMAKE_COMMAND} -E echo "docs: install doxygen (scripts/deps.sh) to build the API reference"
    COMMAND ${CMAKE_COMMAND} -E false)
endif()
