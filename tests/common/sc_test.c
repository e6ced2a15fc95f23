/* SPDX-License-Identifier: MIT */
/* Helpers shared by the cmocka tests: running the CLI and reading files. */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <sys/wait.h>
#include <unistd.h>

char *sc_test_slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (n + 1 >= cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(fp);
    if (buf) {
        buf[n] = '\0';
    }
    if (len) {
        *len = n;
    }
    return buf;
}

int sc_test_corpus_expect(const char *text, char *expect, size_t cap, int *line, int *col)
{
    *line = *col = 0;
    expect[0] = '\0';
    if (strncmp(text, "# expect: ", 10) != 0) {
        return 0;
    }
    snprintf(expect, cap, "%.*s", (int)strcspn(text + 10, "\n"), text + 10);
    const char *second = strchr(text, '\n');
    if (second && strncmp(second + 1, "# at: ", 6) == 0) {
        char *end = NULL;
        *line = (int)strtol(second + 7, &end, 10);
        *col = end && *end == ':' ? (int)strtol(end + 1, NULL, 10) : 0;
    }
    return 1;
}

int sc_test_run_cli(const char *args, char **out, char **err)
{
    char outp[] = "/tmp/sc_test_outXXXXXX";
    char errp[] = "/tmp/sc_test_errXXXXXX";
    int fo = mkstemp(outp), fe = mkstemp(errp);
    if (fo < 0 || fe < 0) {
        return -1;
    }
    close(fo);
    close(fe);
    size_t n = strlen(args) + strlen(SC_CLI_PATH) + 2 * sizeof outp + 32;
    char *cmd = malloc(n);
    snprintf(cmd, n, "'%s' %s >%s 2>%s </dev/null", SC_CLI_PATH, args, outp, errp);
    int st = system(cmd);
    free(cmd);
    if (out) {
        *out = sc_test_slurp(outp, NULL);
    }
    if (err) {
        *err = sc_test_slurp(errp, NULL);
    }
    unlink(outp);
    unlink(errp);
    if (st == -1 || !WIFEXITED(st)) {
        return -1;
    }
    return WEXITSTATUS(st);
}
