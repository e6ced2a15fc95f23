# SPDX-License-Identifier: MIT
# Turns the file IN into a C source OUT defining sc__builtin_scenario_text/len.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
get_filename_component(name "${IN}" NAME)
file(WRITE "${OUT}" "/* Generated from ${name}; do not edit. */\n#include <stddef.h>\n"
  "extern const unsigned char sc__builtin_scenario_text[];\nextern const size_t sc__builtin_scenario_len;\n"
  "extern const char sc__builtin_scenario_name[];\n"
  "const unsigned char sc__builtin_scenario_text[] = {\n${body}0x00};\n"
  "const size_t sc__builtin_scenario_len = ${len};\n"
  "const char sc__builtin_scenario_name[] = \"${name}\";\n")
