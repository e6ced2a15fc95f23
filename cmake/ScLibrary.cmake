# SPDX-License-Identifier: MIT
# libstatecraft from the modules' objects: shared or static as BUILD_SHARED_LIBS says, exporting
# exactly the public API either way.
#
# The public API is the list of SC_API functions in the public headers (cmake/ScExports.cmake,
# regenerated when a header changes). The shared library exports exactly those through a
# generated version script, with an SONAME. The static library is prelinked into one relocatable
# object whose hidden symbols are then made local (ld -r, objcopy --localize-hidden), so a static
# consumer sees the same names as a shared one: no internal sc__ or scx_ symbol can clash with
# the consumer's (or with the CLI's own copy of the scx helpers).

option(SC_STATIC_PRELINK "Static library: prelink and hide internal symbols (needs ld -r and objcopy)" ON)

# 0.x releases may break the ABI at each minor version, so the SONAME carries MAJOR.MINOR until 1.0.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(SC_SOVERSION "${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}")
else()
  set(SC_SOVERSION "${PROJECT_VERSION_MAJOR}")
endif()

file(GLOB SC_PUBLIC_HEADERS CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/include/statecraft/*.h")
set(SC_API_LIST "${PROJECT_BINARY_DIR}/statecraft.api")
set(SC_API_MAP "${PROJECT_BINARY_DIR}/statecraft.map")
add_custom_command(
  OUTPUT "${SC_API_LIST}" "${SC_API_MAP}"
  COMMAND ${CMAKE_COMMAND} -DCC=${CMAKE_C_COMPILER}
          "-DINCLUDE_DIRS=${PROJECT_SOURCE_DIR}/include|${PROJECT_BINARY_DIR}/include"
          -DHEADER=statecraft/statecraft.h -DOUT=${SC_API_LIST} -DMAP=${SC_API_MAP}
          -DVERSION_NODE=STATECRAFT_${SC_SOVERSION}
          -P "${PROJECT_SOURCE_DIR}/cmake/ScExports.cmake"
  DEPENDS ${SC_PUBLIC_HEADERS} "${PROJECT_BINARY_DIR}/include/statecraft/version.h"
          "${PROJECT_SOURCE_DIR}/cmake/ScExports.cmake"
  COMMENT "Listing the public API (SC_API functions)"
  VERBATIM)
add_custom_target(statecraft_api DEPENDS "${SC_API_LIST}" "${SC_API_MAP}")

set(sc_objects "")
set(sc_object_targets "")
foreach(mod ${SC_MODULES})
  list(APPEND sc_objects "$<TARGET_OBJECTS:sc_mod_${mod}>")
  list(APPEND sc_object_targets sc_mod_${mod})
endforeach()

if(BUILD_SHARED_LIBS)
  add_library(statecraft SHARED ${sc_objects})
  target_link_options(statecraft PRIVATE "LINKER:--version-script=${SC_API_MAP}")
  if(NOT SC_SANITIZE)
    # every dependency is linked in: a consumer never needs to know ours
    target_link_options(statecraft PRIVATE "LINKER:--no-undefined")
  endif()
  set_property(TARGET statecraft APPEND PROPERTY LINK_DEPENDS "${SC_API_MAP}")
elseif(SC_STATIC_PRELINK AND CMAKE_LINKER AND CMAKE_OBJCOPY AND NOT CMAKE_INTERPROCEDURAL_OPTIMIZATION)
  set(sc_prelinked "${PROJECT_BINARY_DIR}/statecraft-prelinked.o")
  add_custom_command(
    OUTPUT "${sc_prelinked}"
    COMMAND "${CMAKE_LINKER}" -r -o "${sc_prelinked}" ${sc_objects}
    COMMAND "${CMAKE_OBJCOPY}" --localize-hidden "${sc_prelinked}"
    DEPENDS ${sc_objects} ${sc_object_targets}
    COMMENT "Prelinking libstatecraft's objects (internal symbols made local)"
    COMMAND_EXPAND_LISTS VERBATIM)
  add_library(statecraft STATIC "${sc_prelinked}")
  set_target_properties(statecraft PROPERTIES LINKER_LANGUAGE C)
else()
  add_library(statecraft STATIC ${sc_objects})
endif()
add_library(statecraft::statecraft ALIAS statecraft)
add_dependencies(statecraft statecraft_api)
target_include_directories(statecraft PUBLIC
  "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>"
  "$<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>"
  "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")
# The dependencies link the library (shared) or its users in this build tree (static). An
# installed static library gets them from statecraft::dependencies, which the package's
# config file recreates from the link names (no absolute paths, no build-tree targets).
if(BUILD_SHARED_LIBS)
  target_link_libraries(statecraft PRIVATE ${SC_LIB_DEPS})
else()
  foreach(dep ${SC_LIB_DEPS})
    target_link_libraries(statecraft INTERFACE "$<BUILD_INTERFACE:${dep}>")
  endforeach()
  target_link_libraries(statecraft INTERFACE "$<INSTALL_INTERFACE:statecraft::dependencies>")
endif()
target_compile_features(statecraft PUBLIC c_std_17)
set_target_properties(statecraft PROPERTIES
  VERSION ${PROJECT_VERSION} SOVERSION ${SC_SOVERSION}
  C_VISIBILITY_PRESET hidden
  EXPORT_NAME statecraft)
sc_use_sanitizers(statecraft)
