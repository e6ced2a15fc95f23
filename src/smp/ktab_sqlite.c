/* SPDX-License-Identifier: MIT */
/*
 * A run of the SMP as the SQLite database KTAB's smpc writes with --logmin: the same table and
 * column names, the same scales (positions on 0-100, saliences on [0, 1], capabilities as given),
 * so a KTAB user's queries and GUI read it unchanged. The tables statecraft cannot fill
 * faithfully (PosUtil, Bargn: KTAB's per-estimator utilities and bargain ids) are not written;
 * docs/ktab.md lists every table and column. The database is built in memory with Debian's
 * libsqlite3 and handed out as the bytes of a database file, so the caller writes it atomically
 * like any other output.
 */
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "statecraft/smp.h"

/* KTAB's table definitions (names, columns and types as smpc creates them). */
static const char schema[] =
    "CREATE TABLE ScenarioDesc (Scenario TEXT(512) NOT NULL DEFAULT 'NoName', "
    "\"Desc\" TEXT(512) NOT NULL DEFAULT 'No Description', "
    "ScenarioId TEXT(32) NOT NULL UNIQUE DEFAULT 'None', RNGSeed TEXT(20) NOT NULL DEFAULT '0', "
    "VictoryProbModel INTEGER NULL DEFAULT NULL, ProbCondorcetElection INTEGER NULL DEFAULT NULL, "
    "StateTransition INTEGER NULL DEFAULT NULL, VotingRule INTEGER NULL DEFAULT NULL, "
    "BigRAdjust INTEGER NULL DEFAULT NULL, BigRRange INTEGER NULL DEFAULT NULL, "
    "ThirdPartyCommit INTEGER NULL DEFAULT NULL, InterVecBrgn INTEGER NULL DEFAULT NULL, "
    "BargnModel INTEGER NULL DEFAULT NULL);"
    "CREATE TABLE ActorDescription (ScenarioId TEXT(32) NOT NULL DEFAULT 'None', "
    "Act_i INTEGER NOT NULL DEFAULT 0, Name TEXT(25) NOT NULL DEFAULT 'NoName', "
    "\"Desc\" TEXT(256) NOT NULL DEFAULT 'NoName');"
    "CREATE TABLE DimensionDescription (ScenarioId TEXT(32) NOT NULL DEFAULT 'None', "
    "Dim_k INTEGER NOT NULL DEFAULT 0, \"Desc\" TEXT(256) NOT NULL DEFAULT 'NoDesc');"
    "CREATE TABLE SpatialCapability (ScenarioId TEXT(32) NOT NULL DEFAULT 'None', "
    "Turn_t INTEGER NOT NULL DEFAULT 0, Act_i INTEGER NOT NULL DEFAULT 0, "
    "Cap REAL NOT NULL DEFAULT 0.0);"
    "CREATE TABLE SpatialSalience (ScenarioId TEXT(32) NOT NULL DEFAULT 'None', "
    "Turn_t INTEGER NOT NULL DEFAULT 0, Act_i INTEGER NOT NULL DEFAULT 0, "
    "Dim_k INTEGER NOT NULL DEFAULT 0, Sal REAL NOT NULL DEFAULT 0.0);"
    "CREATE TABLE Accommodation (ScenarioId TEXT(32) NOT NULL DEFAULT 'None', "
    "Act_i INTEGER NOT NULL DEFAULT 0, Act_j INTEGER NOT NULL DEFAULT 0, "
    "Affinity REAL NOT NULL DEFAULT 0.0);"
    "CREATE TABLE VectorPosition (ScenarioId TEXT(32) NOT NULL DEFAULT 'None', "
    "Turn_t INTEGER NOT NULL DEFAULT 0, Act_i INTEGER NOT NULL DEFAULT 0, "
    "Dim_k INTEGER NOT NULL DEFAULT 0, Pos_Coord REAL NOT NULL DEFAULT 0.0, "
    "Idl_Coord REAL NOT NULL DEFAULT 0.0, Mover_BargnId INTEGER NULL DEFAULT NULL);";

/*
 * KTAB's enum indices (kmodel.h, smp.h), which order the values differently from statecraft's
 * enums (whose first value is KTAB's default): index = map[statecraft's value].
 */
static const int ktab_vote[] = {2, 0, 1, 3, 4, 5};  /* Binary, PropBin, Prop, PropCbc, Cubic, ASymProsp */
static const int ktab_radj[] = {1, 0, 2, 3, 4};     /* None, OneThird, Half, TwoThirds, Full */
static const int ktab_rrange[] = {1, 0, 2};         /* Min, Mid, Max */
static const int ktab_tp[] = {1, 0, 2};             /* NoCommit, SemiCommit, FullCommit */
static const int ktab_interp[] = {1, 0, 2};         /* S1P1, S2P2, S2PMax */

/* FNV-1a, 64 bits, continued from h. */
static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return fnv(h, s ? s : "", (s ? strlen(s) : 0) + 1);
}

/*
 * KTAB's ScenarioId is a hash of the start time; statecraft's is a hash of the inputs and options
 * (32 hex digits), so the same run gives the same database byte for byte.
 */
static void scenario_id(const sc_smp_input *in, const sc_smp_params *p, const sc_smp_result *r,
                        char out[33])
{
    uint64_t h[2] = {0xcbf29ce484222325ull, 0x84222325cbf29ce4ull};
    for (int k = 0; k < 2; k++) {
        h[k] = fnv_str(h[k], in->name);
        h[k] = fnv_str(h[k], in->desc);
        for (size_t i = 0; i < in->n; i++) {
            h[k] = fnv_str(h[k], in->actor[i]);
        }
        for (size_t j = 0; j < in->m; j++) {
            h[k] = fnv_str(h[k], in->dim[j]);
        }
        h[k] = fnv(h[k], in->cap, in->n * sizeof *in->cap);
        h[k] = fnv(h[k], in->pos, in->n * in->m * sizeof *in->pos);
        h[k] = fnv(h[k], in->sal, in->n * in->m * sizeof *in->sal);
        int opts[] = {(int)p->vpm, (int)p->pce, p->stochastic, (int)p->vote, (int)p->radj,
                      (int)p->rrange, (int)p->third_party, (int)p->interp, (int)p->bargain,
                      (int)p->stop, r->turns};
        h[k] = fnv(h[k], opts, sizeof opts);
        h[k] = fnv(h[k], &p->seed, sizeof p->seed);
    }
    snprintf(out, 33, "%016" PRIx64 "%016" PRIx64, h[0], h[1]);
}

typedef struct writer {
    sqlite3 *db;
    sc_diag *diag;
    sc_status rc;
} writer;

static int failed(writer *w, const char *what)
{
    if (w->rc == SC_OK) {
        w->rc = sc__diag_set(w->diag, SC_EIO, "SQLite: %s: %s", what, sqlite3_errmsg(w->db));
    }
    return 0;
}

static sqlite3_stmt *prepare(writer *w, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (w->rc == SC_OK && sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK) {
        failed(w, "prepare");
        return NULL;
    }
    return st;
}

/* Runs a bound statement and resets it for the next row. */
static void step(writer *w, sqlite3_stmt *st)
{
    if (w->rc != SC_OK || !st) {
        return;
    }
    if (sqlite3_step(st) != SQLITE_DONE) {
        failed(w, "insert");
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

static void bind_text(sqlite3_stmt *st, int col, const char *s)
{
    if (st) {
        sqlite3_bind_text(st, col, s ? s : "", -1, SQLITE_TRANSIENT);
    }
}

static void bind_int(sqlite3_stmt *st, int col, sqlite3_int64 v)
{
    if (st) {
        sqlite3_bind_int64(st, col, v);
    }
}

static void bind_double(sqlite3_stmt *st, int col, double v)
{
    if (st) {
        sqlite3_bind_double(st, col, v);
    }
}

static void fill(writer *w, const sc_smp_input *in, const sc_smp_params *p,
                 const sc_smp_result *r, const char *id)
{
    size_t n = in->n, m = in->m, T = (size_t)r->turns;
    char seed[24];
    snprintf(seed, sizeof seed, "%020" PRIu64, p->seed);
    sqlite3_stmt *st = prepare(
        w, "INSERT INTO ScenarioDesc (Scenario, \"Desc\", ScenarioId, RNGSeed, VictoryProbModel, "
           "ProbCondorcetElection, StateTransition, VotingRule, BigRAdjust, BigRRange, "
           "ThirdPartyCommit, InterVecBrgn, BargnModel) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    bind_text(st, 1, in->name);
    /* KTAB: the description, or the name when there is none */
    bind_text(st, 2, in->desc && in->desc[0] ? in->desc : in->name);
    bind_text(st, 3, id);
    bind_text(st, 4, seed);
    bind_int(st, 5, (int)p->vpm);
    bind_int(st, 6, (int)p->pce);
    bind_int(st, 7, p->stochastic ? 1 : 0);
    bind_int(st, 8, ktab_vote[p->vote]);
    bind_int(st, 9, ktab_radj[p->radj]);
    bind_int(st, 10, ktab_rrange[p->rrange]);
    bind_int(st, 11, ktab_tp[p->third_party]);
    bind_int(st, 12, ktab_interp[p->interp]);
    bind_int(st, 13, (int)p->bargain);
    step(w, st);
    sqlite3_finalize(st);

    st = prepare(w, "INSERT INTO ActorDescription (ScenarioId, Act_i, Name, \"Desc\") "
                    "VALUES (?1, ?2, ?3, ?4)");
    for (size_t i = 0; i < n; i++) {
        bind_text(st, 1, id);
        bind_int(st, 2, (sqlite3_int64)i);
        bind_text(st, 3, in->actor[i]);
        bind_text(st, 4, in->actor_desc ? in->actor_desc[i] : "");
        step(w, st);
    }
    sqlite3_finalize(st);

    st = prepare(w, "INSERT INTO DimensionDescription (ScenarioId, Dim_k, \"Desc\") "
                    "VALUES (?1, ?2, ?3)");
    for (size_t k = 0; k < m; k++) {
        bind_text(st, 1, id);
        bind_int(st, 2, (sqlite3_int64)k);
        bind_text(st, 3, in->dim[k]);
        step(w, st);
    }
    sqlite3_finalize(st);

    /* capability and salience are constant, but KTAB records them for every turn */
    sqlite3_stmt *cap = prepare(w, "INSERT INTO SpatialCapability (ScenarioId, Turn_t, Act_i, "
                                   "Cap) VALUES (?1, ?2, ?3, ?4)");
    sqlite3_stmt *sal = prepare(w, "INSERT INTO SpatialSalience (ScenarioId, Turn_t, Act_i, "
                                   "Dim_k, Sal) VALUES (?1, ?2, ?3, ?4, ?5)");
    sqlite3_stmt *vp = prepare(w, "INSERT INTO VectorPosition (ScenarioId, Turn_t, Act_i, Dim_k, "
                                  "Pos_Coord, Idl_Coord, Mover_BargnId) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)");
    for (size_t t = 0; t <= T; t++) {
        for (size_t i = 0; i < n; i++) {
            bind_text(cap, 1, id);
            bind_int(cap, 2, (sqlite3_int64)t);
            bind_int(cap, 3, (sqlite3_int64)i);
            bind_double(cap, 4, in->cap[i]);
            step(w, cap);
            for (size_t k = 0; k < m; k++) {
                bind_text(sal, 1, id);
                bind_int(sal, 2, (sqlite3_int64)t);
                bind_int(sal, 3, (sqlite3_int64)i);
                bind_int(sal, 4, (sqlite3_int64)k);
                bind_double(sal, 5, in->sal[i * m + k]);
                step(w, sal);
                /* KTAB logs positions on 0-100; the ideal is the position (identity
                 * accommodation, statecraft's only one) */
                double x = 100.0 * r->pos[(t * n + i) * m + k];
                bind_text(vp, 1, id);
                bind_int(vp, 2, (sqlite3_int64)t);
                bind_int(vp, 3, (sqlite3_int64)i);
                bind_int(vp, 4, (sqlite3_int64)k);
                bind_double(vp, 5, x);
                bind_double(vp, 6, x);
                step(w, vp);
            }
        }
    }
    sqlite3_finalize(cap);
    sqlite3_finalize(sal);
    sqlite3_finalize(vp);

    st = prepare(w, "INSERT INTO Accommodation (ScenarioId, Act_i, Act_j, Affinity) "
                    "VALUES (?1, ?2, ?3, ?4)");
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            bind_text(st, 1, id);
            bind_int(st, 2, (sqlite3_int64)i);
            bind_int(st, 3, (sqlite3_int64)j);
            bind_double(st, 4, i == j ? 1.0 : 0.0);
            step(w, st);
        }
    }
    sqlite3_finalize(st);
}

sc_status sc_smp_ktab_sqlite(const sc_smp_input *in, const sc_smp_params *p,
                             const sc_smp_result *r, void **out, size_t *len, sc_diag *diag)
{
    *out = NULL;
    *len = 0;
    if (!in || !p || !r || r->n != in->n || r->m != in->m || r->turns < 0) {
        return sc__diag_set(diag, SC_EINVAL, "sc_smp_ktab_sqlite: the result is not of this input");
    }
    if ((unsigned)p->vote >= sizeof ktab_vote / sizeof *ktab_vote ||
        (unsigned)p->radj >= sizeof ktab_radj / sizeof *ktab_radj ||
        (unsigned)p->rrange >= sizeof ktab_rrange / sizeof *ktab_rrange ||
        (unsigned)p->third_party >= sizeof ktab_tp / sizeof *ktab_tp ||
        (unsigned)p->interp >= sizeof ktab_interp / sizeof *ktab_interp) {
        return sc__diag_set(diag, SC_EINVAL, "sc_smp_ktab_sqlite: an option out of range");
    }
    writer w = {NULL, diag, SC_OK};
    if (sqlite3_open_v2(":memory:", &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        sc_status rc = sc__diag_set(diag, SC_ENOMEM, "SQLite: cannot open an in-memory database");
        sqlite3_close(w.db);
        return rc;
    }
    char id[33];
    scenario_id(in, p, r, id);
    if (sqlite3_exec(w.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(w.db, schema, NULL, NULL, NULL) != SQLITE_OK) {
        failed(&w, "create the tables");
    }
    if (w.rc == SC_OK) {
        fill(&w, in, p, r, id);
    }
    if (w.rc == SC_OK && sqlite3_exec(w.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        failed(&w, "commit");
    }
    if (w.rc == SC_OK) {
        sqlite3_int64 size = 0;
        unsigned char *bytes = sqlite3_serialize(w.db, "main", &size, 0);
        void *copy = bytes && size > 0 ? malloc((size_t)size) : NULL;
        if (!copy) {
            w.rc = sc__diag_set(diag, SC_ENOMEM, "SQLite: cannot serialise the database");
        } else {
            memcpy(copy, bytes, (size_t)size);
            *out = copy;
            *len = (size_t)size;
        }
        sqlite3_free(bytes);
    }
    sqlite3_close(w.db);
    return w.rc;
}
