/* SPDX-License-Identifier: MIT */
/* Status strings, the library's free function and its version. */
#include "statecraft/common.h"
#include "statecraft/version.h"

#include <stdlib.h>

const char *sc_status_str(sc_status status)
{
    switch (status) {
    case SC_OK: return "success";
    case SC_ENOMEM: return "out of memory";
    case SC_EINVAL: return "invalid argument or value";
    case SC_EIO: return "input/output error";
    case SC_EPARSE: return "malformed input";
    case SC_ERANGE: return "number out of range";
    case SC_ENOCONV: return "did not converge";
    case SC_ENOTFOUND: return "not found";
    case SC_ELIMIT: return "input exceeds a size limit";
    case SC_EUNSUPPORTED: return "not supported";
    }
    return "unknown status";
}

void sc_free(void *p)
{
    free(p);
}

const char *sc_version(void)
{
    return SC_VERSION_STRING;
}
