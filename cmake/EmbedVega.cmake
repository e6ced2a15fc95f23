# SPDX-License-Identifier: MIT
# Joins the Vega modules of Debian's libjs-vega (one UMD file per module, VEGA_DIR) into one
# script for the self-contained HTML report, and writes it as the C source OUT defining
# sc__vega_js / sc__vega_js_len / sc__vega_version. Debian's files name every dependency
# "vega" in their browser-global branch, so they are loaded through their CommonJS branch with
# a small require() over the joined modules; the transforms are registered the way Vega's own
# index.js does (vega-util extend into vega-dataflow's registry).
set(modules vega-util vega-canvas vega-time vega-format vega-loader vega-dataflow vega-scale
    vega-scenegraph vega-expression vega-event-selector vega-statistics vega-selection
    vega-functions vega-runtime vega-view vega-parser vega-transforms vega-view-transforms
    vega-encode vega-label)
set(js "/*! Vega ${VERSION} (https://vega.github.io/vega), Copyright 2015-2021 UW Interactive Data Lab, BSD-3-Clause licence; the modules of Debian's libjs-vega joined by statecraft for an offline page. */\n")
string(APPEND js "(function(){\"use strict\";var F={},R={};function req(n){if(n===\"vega-selections\")n=\"vega-selection\";if(!R[n]){if(!F[n])throw new Error(\"vega module not bundled: \"+n);var m={exports:{}};R[n]=m.exports;F[n].call(window,m.exports,m,req);R[n]=m.exports;}return R[n];}\n")
set(all "")
foreach(m ${modules})
  file(READ "${VEGA_DIR}/${m}.min.js" code)
  string(REGEX REPLACE "\n//# sourceMappingURL=[^\n]*" "" code "${code}")
  string(APPEND js "F[\"${m}\"]=function(exports,module,require){\n${code}\n};\n")
  string(APPEND all "Object.assign(v,req(\"${m}\"));")
endforeach()
string(APPEND js "var v={};${all}req(\"vega-util\").extend(req(\"vega-dataflow\").transforms,req(\"vega-transforms\"),req(\"vega-view-transforms\"),req(\"vega-encode\"),req(\"vega-label\"));window.vega=v;})();\n")
string(LENGTH "${js}" len)
file(WRITE "${OUT}.js" "${js}")
file(READ "${OUT}.js" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
file(WRITE "${OUT}" "/* Generated from Debian's libjs-vega ${VERSION} by cmake/EmbedVega.cmake; do not edit. */\n#include <stddef.h>\n"
  "extern const unsigned char sc__vega_js[];\nextern const size_t sc__vega_js_len;\nextern const char sc__vega_version[];\n"
  "const unsigned char sc__vega_js[] = {\n${body}0x00};\n"
  "const size_t sc__vega_js_len = sizeof sc__vega_js - 1;\n"
  "const char sc__vega_version[] = \"${VERSION}\";\n")
