# SPDX-License-Identifier: MIT
# Warnings are applied per target, never through global flags.
function(sc_use_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wdouble-promotion -Wstrict-prototypes
    -Wmissing-prototypes -Wwrite-strings -Wcast-qual -Wvla -Wformat=2 -Wundef)
  if(SC_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Tests and benchmarks: the same checks, minus the pedantic prototype rules that cmocka's
# macros and test tables trip over.
function(sc_use_test_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wwrite-strings -Wvla)
  if(SC_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
