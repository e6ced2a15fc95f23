/* SPDX-License-Identifier: MIT */
/*
 * scx_file_write_atomic where the file system has no unnamed temporary files (run under the
 * no_tmpfile preload shim, which makes openat(O_TMPFILE) fail with EOPNOTSUPP): the output goes
 * to a named temporary file renamed over the target. A new file gets the content, an existing
 * one is replaced whole with its mode kept, and no temporary name is left behind. Without the
 * shim Linux always takes the O_TMPFILE path, so this is the only test of the fallback.
 */
#define _GNU_SOURCE
#include "sc_test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scx/scx.h"

static char dir[4096];

static void listing(char *out, size_t cap)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    out[0] = '\0';
    size_t n = 0;
    char names[8][256];
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2]))) {
            continue;
        }
        assert_true(n < 8);
        snprintf(names[n++], sizeof names[0], "%s", e->d_name);
    }
    closedir(d);
    /* sorted, so the answer does not depend on the directory's order */
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char t[256];
            memcpy(t, names[j], sizeof t);
            memcpy(names[j], names[j - 1], sizeof t);
            memcpy(names[j - 1], t, sizeof t);
        }
    }
    for (size_t i = 0; i < n; i++) {
        strncat(out, names[i], cap - strlen(out) - 2);
        strcat(out, " ");
    }
}

static void test_fallback(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/output-fallback-XXXXXX", SC_BINARY_DIR);
    assert_non_null(mkdtemp(dir));
    /* the shim is in place: no unnamed temporary file can be made here */
    int probe = openat(AT_FDCWD, dir, O_TMPFILE | O_WRONLY, 0600);
    if (probe >= 0) {
        close(probe);
        fail_msg("O_TMPFILE works: run this test under the no_tmpfile shim (LD_PRELOAD)");
    }
    assert_int_equal(errno, EOPNOTSUPP);

    char path[4200], names[512];
    snprintf(path, sizeof path, "%s/report.txt", dir);
    sc_diag d;
    sc_diag_init(&d);
    /* a new file */
    assert_int_equal(scx_file_write_atomic(path, "first version\n", 14, &d), SC_OK);
    size_t len = 0;
    char *text = sc_test_slurp(path, &len);
    assert_non_null(text);
    assert_int_equal(len, 14);
    assert_memory_equal(text, "first version\n", 14);
    free(text);
    listing(names, sizeof names);
    assert_string_equal(names, "report.txt ");
    /* an existing file, replaced whole, its mode kept */
    assert_int_equal(chmod(path, 0640), 0);
    assert_int_equal(scx_file_write_atomic(path, "second\n", 7, &d), SC_OK);
    text = sc_test_slurp(path, &len);
    assert_non_null(text);
    assert_int_equal(len, 7);
    assert_memory_equal(text, "second\n", 7);
    free(text);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    listing(names, sizeof names);
    assert_string_equal(names, "report.txt ");
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_fallback)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
