/* SPDX-License-Identifier: MIT */
/* Helpers shared by the cmocka tests: running the CLI and reading files. */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <limits.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static char tmp_dir[PATH_MAX];

/* 1 if path names a directory this process may create files in. */
static int usable_dir(const char *path)
{
    struct stat sb;
    return path && path[0] && strlen(path) < PATH_MAX - 64 && stat(path, &sb) == 0 &&
           S_ISDIR(sb.st_mode) && access(path, W_OK | X_OK) == 0;
}

/* Where the tests' scratch files go: $TMPDIR, else the build directory, else /tmp. */
static const char *tmp_base(void)
{
    const char *env = getenv("TMPDIR");
    if (usable_dir(env)) {
        return env;
    }
    return usable_dir(SC_BINARY_DIR) ? SC_BINARY_DIR : "/tmp";
}

/* Removes dir and everything in it with rm -rf, by fork and exec: what a signal handler may do
 * (no shell, no quoting). Returns 0 on success. */
static int remove_tree(const char *dir)
{
    pid_t pid = fork();
    if (pid < 0) {
        return -1;
    }
    if (pid == 0) {
        execl("/bin/rm", "rm", "-rf", "--", dir, (char *)NULL);
        _exit(127);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* The scratch directory goes with the test however it ends: a normal exit (a failed check
 * included: cmocka returns from main), exit(), and the signals a stopped or timed-out test gets
 * (the handler removes it, then the signal ends the process as it would have). A SIGKILL
 * cannot be caught. Only the process that made the directory removes it (never a forked
 * child). */
static pid_t tmp_owner;

static void tmp_cleanup_at_exit(void)
{
    if (tmp_dir[0] && getpid() == tmp_owner) {
        remove_tree(tmp_dir);
        tmp_dir[0] = '\0';
    }
}

static void tmp_cleanup_on_signal(int sig)
{
    if (tmp_dir[0] && getpid() == tmp_owner) {
        remove_tree(tmp_dir);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

const char *sc_test_tmp_make(const char *prefix)
{
    static int hooked;
    snprintf(tmp_dir, sizeof tmp_dir, "%s/%sXXXXXX", tmp_base(), prefix);
    if (!mkdtemp(tmp_dir)) {
        tmp_dir[0] = '\0';
        return NULL;
    }
    tmp_owner = getpid();
    if (!hooked) {
        hooked = 1;
        atexit(tmp_cleanup_at_exit);
        static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGXCPU};
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
            struct sigaction sa, old;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = tmp_cleanup_on_signal;
            sigemptyset(&sa.sa_mask);
            /* a test that ignores or handles the signal itself keeps its own disposition */
            if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
                sigaction(sigs[i], &sa, NULL);
            }
        }
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
    int rc = remove_tree(tmp_dir);
    tmp_dir[0] = '\0';
    return rc;
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
    char outp[PATH_MAX], errp[PATH_MAX];
    snprintf(outp, sizeof outp, "%s/sc_test_outXXXXXX", tmp_base());
    snprintf(errp, sizeof errp, "%s/sc_test_errXXXXXX", tmp_base());
    int fo = mkstemp(outp), fe = fo < 0 ? -1 : mkstemp(errp);
    if (fo < 0 || fe < 0) {
        if (fo >= 0) {
            close(fo);
            unlink(outp);
        }
        return -1;
    }
    close(fo);
    close(fe);
    size_t n = strlen(args) + strlen(SC_CLI_PATH) + 2 * sizeof outp + 32;
    char *cmd = malloc(n);
    snprintf(cmd, n, "'%s' %s >'%s' 2>'%s' </dev/null", SC_CLI_PATH, args, outp, errp);
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
