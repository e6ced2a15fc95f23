/* SPDX-License-Identifier: MIT */
/* A program outside the project using the installed library through its public header. */
#include <statecraft/statecraft.h>
#include <stdio.h>

int main(void)
{
    sc_scenario *s = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_scenario_builtin(&s, &diag) != SC_OK) {
        sc_diag_print(&diag, stderr);
        return 1;
    }
    printf("statecraft %s: %zu actors\n", sc_version(), sc_scenario_actor_count(s));
    sc_scenario_free(s);
    return 0;
}
