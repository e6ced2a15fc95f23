# SPDX-License-Identifier: MIT
# SC_SANITIZE="address;undefined" builds everything with those sanitizers. IEEE infinities are
# intended in a few models (limits of utilities), so float division by zero is not trapped.
function(sc_use_sanitizers target)
  if(SC_SANITIZE)
    list(JOIN SC_SANITIZE "," san)
    target_compile_options(${target} PRIVATE -fsanitize=${san} -fno-omit-frame-pointer
                           -fno-sanitize-recover=all -fno-sanitize=float-divide-by-zero)
    target_link_options(${target} PRIVATE -fsanitize=${san})
    # With libFuzzer targets in the build, instrument the library for coverage feedback too.
    if(SC_BUILD_FUZZERS AND CMAKE_C_COMPILER_ID MATCHES "Clang")
      target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
    endif()
  endif()
endfunction()
