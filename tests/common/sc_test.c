/* SPDX-License-Identifier: MIT */
/* Helpers shared by the cmocka tests: running the CLI and reading files. */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <dirent.h>
#include <limits.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static char tmp_dir[PATH_MAX];

const char *sc_test_tmp_make(const char *prefix)
{
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/%sXXXXXX", prefix);
    if (!mkdtemp(tmp_dir)) {
        tmp_dir[0] = '\0';
        return NULL;
    }
    return tmp_dir;
}

const char *sc_test_tmp_path(const char *name)
{
    static char buf[64][PATH_MAX + 256];
    static int k;
    k = (k + 1) % 64;
    /* the directory is shorter than PATH_MAX; a name longer than the rest is cut (and the test
     * then fails to find its file, never writes elsewhere) */
    snprintf(buf[k], sizeof buf[k], "%.*s/%s", PATH_MAX - 1, tmp_dir, name);
    return buf[k];
}

int sc_test_tmp_remove(void)
{
    if (!tmp_dir[0]) {
        return 0;
    }
    char cmd[PATH_MAX + 32];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
    int rc = system(cmd);
    tmp_dir[0] = '\0';
    return rc == 0 ? 0 : -1;
}

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

int sc_test_corpus_each(const char *dir, int (*check)(const sc_test_corpus_file *f, void *ctx),
                        void *ctx, int *files, int *located)
{
    *files = *located = 0;
    DIR *dd = opendir(dir);
    assert_non_null(dd);
    struct dirent *e;
    int bad = 0;
    while ((e = readdir(dd)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char path[PATH_MAX + 256];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        sc_test_corpus_file f;
        memset(&f, 0, sizeof f);
        f.name = e->d_name;
        f.path = path;
        char *text = sc_test_slurp(path, &f.len);
        if (!text) {
            fail_msg("%s: cannot be read", path);
        }
        f.text = text;
        f.has_expect = sc_test_corpus_expect(text, f.expect, sizeof f.expect, &f.line, &f.col);
        assert_true((f.line > 0) == (f.col > 0));
        *located += f.line > 0;
        bad += !check(&f, ctx);
        free(text);
        ++*files;
    }
    closedir(dd);
    return bad;
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
