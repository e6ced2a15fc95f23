# SPDX-License-Identifier: MIT
# Installs the library, the public headers, the CLI, a relocatable CMake package and a pkg-config
# file. Nothing installed names an absolute path: the CMake files locate the prefix from their
# own place, statecraft.pc from ${pcfiledir}, and a static library's dependencies are recorded
# by link name (libgsl, libgmp, ...) and found again on the consumer's machine.

# SC_LIB_DEPS as link names and flags ("gsl", "-pthread"), in link order: targets are expanded
# in place through their interface, full paths reduced to the library's name.
function(sc_link_names out)
  set(names "")
  foreach(item ${ARGN})
    if(TARGET "${item}")
      set(sub "")
      get_target_property(type "${item}" TYPE)
      if(NOT type STREQUAL "INTERFACE_LIBRARY")
        get_target_property(loc "${item}" IMPORTED_LOCATION)
        if(loc)
          list(APPEND sub "${loc}")
        endif()
      endif()
      foreach(prop INTERFACE_LINK_LIBRARIES INTERFACE_LINK_OPTIONS)
        get_target_property(v "${item}" ${prop})
        if(v)
          list(APPEND sub ${v})
        endif()
      endforeach()
      sc_link_names(sub_names ${sub})
      list(APPEND names ${sub_names})
    elseif(item MATCHES "^\\$<LINK_ONLY:(.*)>$")
      sc_link_names(sub_names "${CMAKE_MATCH_1}")
      list(APPEND names ${sub_names})
    elseif(item MATCHES "/lib([^/]+)\\.(so[.0-9]*|a)$")
      list(APPEND names "${CMAKE_MATCH_1}")
    elseif(item MATCHES "^-l(.+)$")
      list(APPEND names "${CMAKE_MATCH_1}")
    elseif(item MATCHES "^-" OR item MATCHES "^[A-Za-z0-9_+.-]+$")
      list(APPEND names "${item}")
    elseif(item AND NOT item MATCHES "-NOTFOUND$")
      message(FATAL_ERROR "sc_link_names: cannot express '${item}' as a link name")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES names)
  set(${out} "${names}" PARENT_SCOPE)
endfunction()
sc_link_names(SC_STATIC_LINK_NAMES ${SC_LIB_DEPS})

set(SC_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/statecraft")
if(BUILD_SHARED_LIBS)
  set(SC_LIBRARY_KIND shared)
else()
  set(SC_LIBRARY_KIND static)
endif()

install(TARGETS statecraft EXPORT statecraft-targets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS statecraft_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# KTAB's XML to KTAB's CSV (docs/ktab.md), which the scenario reader's refusal of XML names:
# Python's standard library only; prefixed so that it cannot shadow a tool of KTAB's own
install(PROGRAMS scripts/ktab-xml-to-csv DESTINATION ${CMAKE_INSTALL_BINDIR}
        RENAME statecraft-ktab-xml-to-csv)
# the man pages and the bash completion generated from the option tables (CMakeLists.txt)
install(DIRECTORY "${SC_MAN_DIR}/" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES "${SC_COMPLETION}" DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(DIRECTORY include/statecraft DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(FILES "${PROJECT_BINARY_DIR}/include/statecraft/version.h"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/statecraft)
# One targets file per kind, so a shared and a static build can be installed into one prefix.
install(EXPORT statecraft-targets NAMESPACE statecraft::
        FILE statecraft-${SC_LIBRARY_KIND}-targets.cmake DESTINATION ${SC_CMAKE_DIR})

# The config file gets the static library's link names; the version file follows the project.
string(REPLACE ";" " " SC_STATIC_LINK_NAMES_TEXT "${SC_STATIC_LINK_NAMES}")
configure_file(cmake/statecraft-config.cmake.in "${PROJECT_BINARY_DIR}/statecraft-config.cmake"
               @ONLY)
# 0.x may break compatibility at each minor version (as the SONAME says), 1.x and later at majors
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(sc_compat SameMinorVersion)
else()
  set(sc_compat SameMajorVersion)
endif()
write_basic_package_version_file("${PROJECT_BINARY_DIR}/statecraft-config-version.cmake"
  COMPATIBILITY ${sc_compat})
install(FILES "${PROJECT_BINARY_DIR}/statecraft-config.cmake"
              "${PROJECT_BINARY_DIR}/statecraft-config-version.cmake"
        DESTINATION ${SC_CMAKE_DIR})

# statecraft.pc: the prefix relative to the .pc file; Libs.private for `pkg-config --static`.
set(sc_pcdir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${sc_pcdir}")
  set(SC_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH sc_rel "/root/${sc_pcdir}" "/root")
  string(REGEX REPLACE "/$" "" sc_rel "${sc_rel}")
  set(SC_PC_PREFIX "\${pcfiledir}/${sc_rel}")
endif()
foreach(d LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${d}}")
    set(SC_PC_${d} "${CMAKE_INSTALL_${d}}")
  else()
    set(SC_PC_${d} "\${prefix}/${CMAKE_INSTALL_${d}}")
  endif()
endforeach()
set(SC_PC_LIBS_PRIVATE "")
foreach(n ${SC_STATIC_LINK_NAMES})
  if(n MATCHES "^-")
    string(APPEND SC_PC_LIBS_PRIVATE " ${n}")
  else()
    string(APPEND SC_PC_LIBS_PRIVATE " -l${n}")
  endif()
endforeach()
string(STRIP "${SC_PC_LIBS_PRIVATE}" SC_PC_LIBS_PRIVATE)
configure_file(cmake/statecraft.pc.in "${PROJECT_BINARY_DIR}/statecraft.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/statecraft.pc" DESTINATION ${sc_pcdir})
