/* SPDX-License-Identifier: MIT */
/*
 * statecraft: event data (GDELT 1.0/2.0, the GDELT reduced file, ICEWS, Phoenix) and UN General
 * Assembly voting turned into dyadic relation scores.
 *
 * Readers stream: memory does not grow with the size of a file. Every record is mapped to a
 * (source, target) dyad of actor ids, a CAMEO code from the compiled table and a weight; records
 * are de-duplicated one per (day, source, target, code) and scored with the decayed, shrunk,
 * weighted mean Goldstein score (DSMG, docs/events.md):
 *
 *     A(d) = delta A(d-1) + sum w g,   B(d) = delta B(d-1) + sum w,   delta = 2^(-1/h)
 *     R(d) = A(d) / (10 (B(d) + k))
 */
#ifndef STATECRAFT_EVENTS_H
#define STATECRAFT_EVENTS_H

#include "statecraft/common.h"
#include "statecraft/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the CAMEO event codes, compiled in from data/events/goldstein.csv ---------------------- */

/** One CAMEO event code of the compiled table. */
typedef struct sc_cameo_code {
    const char *code;       /**< with its leading zeros, e.g. "0841" */
    const char *label;      /**< GDELT's description */
    double goldstein;       /**< GDELT Goldstein value: the one every score uses */
    double goldstein_icews; /**< the ICEWS codebook's value (reference only) */
    double goldstein_old;   /**< the old CAMEO scale used by Phoenix (reference only) */
    int level;              /**< 1 root (2 digits), 2 base (3 digits), 3 leaf (4 digits) */
    int quad;               /**< GDELT quad class: 1 verbal cooperation, 2 material cooperation,
                               3 verbal conflict, 4 material conflict */
    int penta;              /**< Phoenix penta class 0-4 */
} sc_cameo_code;

/** Number of codes in the table (311) and code i, in the table's order. */
SC_API size_t sc_cameo_count(void);
SC_API const sc_cameo_code *sc_cameo_at(size_t i);
/** The code spelled exactly `code` (leading zeros included), or NULL. */
SC_API const sc_cameo_code *sc_cameo_find(const char *code);
/** Where the table comes from (the source line of goldstein.csv). */
SC_API const char *sc_cameo_source(void);
/** "verbal cooperation", "material cooperation", "verbal conflict", "material conflict". */
SC_API const char *sc_cameo_quad_name(int quad);

/**
 * The valid code a possibly damaged spelling stands for. Spreadsheets and R or pandas exports
 * turn "010" into "10" and "0841" into "841"; `root` (the file's root-code column, damaged the
 * same way, or NULL) tells "10" (root 10, Demand) from "010" (root 01). Returns NULL when no valid
 * code fits, or when two fit and nothing decides between them (*ambiguous is then set to 1).
 * A valid spelling that agrees with `root` is always taken as it is.
 */
SC_API const sc_cameo_code *sc_cameo_restore(const char *code, const char *root, int *ambiguous);

/* ---- countries and actors ------------------------------------------------------------------- */

/** The ISO 3166-1 alpha-3 code of a country name as ICEWS and the ISO standard write it
 *  ("Russian Federation", "Russia", "Cote d'Ivoire"; case-insensitive), or NULL. */
SC_API const char *sc_country_code(const char *name);
/** A short English name for an ISO alpha-3 code ("RUS" -> "Russia"), or NULL. */
SC_API const char *sc_country_name(const char *iso3);

/**
 * A user's actor mapping: lines `KEY<TAB>ID` (or `KEY,ID`), '#' comments. KEY is what a file
 * writes (a full CAMEO actor code, a GDELT KnownGroupCode, a country code, an ICEWS actor or
 * country name), optionally prefixed `code:`, `group:`, `country:`, `name:` or `country-name:` to
 * say which field it must match; ID is a scenario actor id, or `-` for "no actor".
 * Entries override the built-in rules (docs/events.md).
 */
typedef struct sc_actor_map sc_actor_map;

SC_API sc_status sc_actor_map_parse(const char *text, size_t len, const char *filename,
                                    sc_actor_map **out, sc_diag *diag);
SC_API sc_status sc_actor_map_read(const char *path, sc_actor_map **out, sc_diag *diag);
SC_API void sc_actor_map_free(sc_actor_map *map);

/* ---- reading event files -------------------------------------------------------------------- */

typedef enum sc_events_format {
    SC_EVENTS_DETECT = 0,   /**< decide from each file's content */
    SC_EVENTS_GDELT1,       /**< GDELT 1.0 events: 57 (backfile) or 58 (daily) TAB columns */
    SC_EVENTS_GDELT2,       /**< GDELT 2.0 export: 61 TAB columns (or a CSV re-export with header) */
    SC_EVENTS_GDELT_REDUCED, /**< the GDELT 1.0 reduced dyadic file (header, 17 columns) */
    SC_EVENTS_ICEWS,        /**< ICEWS Dataverse .tab/.tsv with header (20 columns) */
    SC_EVENTS_PHOENIX,      /**< Phoenix (OEDA): 26 TAB columns, or a CSV re-export with header */
    SC_EVENTS_SIMPLE        /**< YYYYMMDD<TAB>SOURCE<TAB>TARGET<TAB>CODE[<TAB>WEIGHT] */
} sc_events_format;

/** Parses "gdelt1", "gdelt2", "gdelt-reduced", "icews", "phoenix", "simple" (or "auto"). */
SC_API sc_status sc_events_format_parse(const char *name, sc_events_format *out, sc_diag *diag);
SC_API const char *sc_events_format_name(sc_events_format format);

/** Why a row was not scored. The first group is bad input (a located error under `strict`). */
typedef enum sc_events_skip {
    SC_SKIP_COLUMNS = 0,  /**< wrong number of fields: truncated, ragged, or a wrong delimiter */
    SC_SKIP_DATE,         /**< a date that is malformed or does not exist */
    SC_SKIP_CODE,         /**< an unknown CAMEO code (or one that contradicts its root column) */
    SC_SKIP_NUMBER,       /**< a malformed number (NumSources, a weight) */
    SC_SKIP_ACTOR,        /**< a malformed actor field */
    SC_SKIP_BINARY,       /**< NUL bytes or invalid UTF-8 */
    SC_SKIP_HEADER,       /**< a header line in the middle of the data, or another format's header */
    SC_SKIP_LONG_LINE,    /**< a line longer than 1 MiB */
    SC_SKIP_NO_ACTOR,     /**< a side without an actor (empty, a role, an unmapped organisation) */
    SC_SKIP_SELF,         /**< source and target are the same actor */
    SC_SKIP_NOT_SELECTED, /**< an actor outside the chosen ones */
    SC_SKIP_OUTSIDE,      /**< dated outside --from/--to (or after --at) */
    SC_SKIP_DUPLICATE,    /**< a second record of the same (day, source, target, code) */
    SC_SKIP_COUNT
} sc_events_skip;

/** "columns", "date", "cameo", "number", "actor", "binary", "header", "long_line", "no_actor",
 *  "self", "not_selected", "outside_dates", "duplicate". */
SC_API const char *sc_events_skip_name(sc_events_skip why);
/** 1 for the reasons that are bad input, 0 for records that are fine but not scored. */
SC_API int sc_events_skip_is_error(sc_events_skip why);

/** What to read and keep; set up by sc_events_opts_init. */
typedef struct sc_events_opts {
    sc_events_format format;   /**< SC_EVENTS_DETECT by default */
    int strict;                /**< the first bad row is a located error instead of a skip */
    const char *const *actors; /**< keep only records between these ids (NULL: every actor) */
    size_t n_actors;           /**< number of actors */
    const char *from;          /**< first event date kept, yyyy-mm-dd (NULL: open) */
    const char *to;            /**< last event date kept, yyyy-mm-dd (NULL: open) */
    const sc_actor_map *map;   /**< the user's actor mapping, or NULL */
    size_t memory_budget;      /**< bytes the de-duplication table may use before it spills sorted
                                  runs to a temporary file (default 48 MiB, minimum 64 KiB) */
} sc_events_opts;

SC_API void sc_events_opts_init(sc_events_opts *opts);

/** What reading one file found. */
typedef struct sc_events_file_stats {
    const char *path;          /**< the file as given */
    sc_events_format format;   /**< as detected or given */
    uint64_t rows;             /**< data rows (header and '#' comment lines excluded) */
    uint64_t used;             /**< rows that became a record before de-duplication */
    uint64_t skipped[SC_SKIP_COUNT]; /**< rows not scored, by reason (duplicates: only in the total) */
} sc_events_file_stats;

/** What reading all the files found. */
typedef struct sc_events_stats {
    uint64_t rows;                   /**< rows read, every file */
    uint64_t records;                /**< records scored after de-duplication */
    uint64_t skipped[SC_SKIP_COUNT]; /**< rows (or records) not scored, by reason */
    size_t n_files;                  /**< number of files */
    const sc_events_file_stats *files; /**< what each file gave */
    size_t spills; /**< sorted runs written to disk (0: everything fitted the budget) */
} sc_events_stats;

/* ---- the relation score (DSMG) ------------------------------------------------------------- */

/** The score's parameters; set up by sc_dsmg_params_init. */
typedef struct sc_dsmg_params {
    double half_life; /**< h, days (default 30) */
    double prior;     /**< k, neutral pseudo-events (default 5) */
} sc_dsmg_params;

SC_API void sc_dsmg_params_init(sc_dsmg_params *p);

/** One directed dyad: its score on the last event day (or `at`) and its range. */
typedef struct sc_events_dyad {
    const char *source;  /**< the source actor's id */
    const char *target;  /**< the target actor's id */
    uint64_t events;     /**< records after de-duplication */
    char first_day[11];  /**< the first day with records, yyyy-mm-dd */
    char last_day[11];   /**< the last day with records */
    char at[11];         /**< the day r_last and weight_last stand for (last_day or --at) */
    double r_last;       /**< R on `at` */
    double r_min;        /**< the smallest R over first_day..last_day */
    double r_max;        /**< the largest R over first_day..last_day */
    char r_min_day[11];  /**< the day of r_min */
    char r_max_day[11];  /**< the day of r_max */
    double a_last;       /**< A (the decayed sum of w g) on `at` */
    double weight_last;  /**< B (the decayed sum of w) on `at` */
    double quad_last[4]; /**< the decayed weight of each quad class on `at` */
} sc_events_dyad;

/** One unordered pair {a, b} (a < b): the undirected score (A_ab + A_ba) / (10 (B_ab + B_ba + k)). */
typedef struct sc_events_pair {
    const char *a;       /**< the first actor (a < b) */
    const char *b;       /**< the second actor */
    uint64_t events;     /**< records of both directions */
    char at[11];         /**< the later of the two dyads' `at` days */
    double r_last;       /**< the undirected R on `at` */
    double weight_last;  /**< B_ab + B_ba on `at` */
    double quad_last[4]; /**< the quad-class weights of both directions on `at` */
} sc_events_pair;

/** Every directed dyad and pair of the files, with what was read. */
typedef struct sc_events_relations {
    sc_dsmg_params params;        /**< h and k used */
    char at[11];                  /**< the --at date, or "" */
    size_t n_dyads;               /**< number of directed dyads */
    sc_events_dyad *dyads;        /**< sorted by source, then target */
    size_t n_pairs;               /**< number of unordered pairs */
    sc_events_pair *pairs;        /**< sorted by a, then b */
    sc_events_stats stats;        /**< what was read and skipped */
} sc_events_relations;

/**
 * Reads the files (in order: "the first record in file order" spans them) and scores every
 * directed dyad. `at` (yyyy-mm-dd or NULL) evaluates every score on that day and leaves out the
 * records after it. A file in which no row is readable is an error (SC_EPARSE, located at its
 * first bad row), as is any bad row under opts->strict.
 */
SC_API sc_status sc_events_relations_compute(const char *const *paths, size_t n_paths,
                                             const sc_events_opts *opts, const sc_dsmg_params *p,
                                             const char *at, sc_events_relations **out,
                                             sc_diag *diag);
SC_API void sc_events_relations_free(sc_events_relations *r);

/* ---- daily series of chosen dyads ----------------------------------------------------------- */

/** One day on which a dyad has records (after de-duplication). */
typedef struct sc_events_day {
    char date[11];      /**< yyyy-mm-dd */
    uint32_t events;    /**< records that day */
    double sum;         /**< sum of w g */
    double weight;      /**< sum of w */
    double quad[4];     /**< sum of w per quad class */
    const char *code;   /**< the CAMEO code of the record that moved the day most (largest |w g|) */
} sc_events_day;

/** The days of every directed dyad among opts->actors (which must be given). */
typedef struct sc_events_series sc_events_series;

SC_API sc_status sc_events_series_read(const char *const *paths, size_t n_paths,
                                       const sc_events_opts *opts, sc_events_series **out,
                                       sc_diag *diag);
SC_API void sc_events_series_free(sc_events_series *s);
SC_API const sc_events_stats *sc_events_series_stats(const sc_events_series *s);
/** The dyads with at least one record, sorted by source then target. */
SC_API size_t sc_events_series_dyad_count(const sc_events_series *s);
SC_API void sc_events_series_dyad(const sc_events_series *s, size_t i, const char **source,
                                  const char **target, const sc_events_day **days, size_t *n_days);

/** The state of a dyad's score on a day. */
typedef struct sc_dsmg_state {
    double r;           /**< R on the day */
    double a;           /**< A on the day */
    double b;           /**< B on the day */
    double quad[4];     /**< the quad-class weights on the day */
    uint64_t events;    /**< records up to that day */
    char last_day[11];  /**< the last day with records up to that day, "" if none */
} sc_dsmg_state;

/**
 * The score of source->target (undirected: of the pair, both directions) on `date`, from the
 * records up to that day. A dyad without records gives r = 0, b = 0, events = 0.
 */
SC_API sc_status sc_events_series_score(const sc_events_series *s, const char *source,
                                        const char *target, int undirected, const char *date,
                                        const sc_dsmg_params *p, sc_dsmg_state *out,
                                        sc_diag *diag);

/** One day of a timeline: the day's records and the scores with three memories. */
typedef struct sc_events_timeline_row {
    char date[11];       /**< yyyy-mm-dd */
    uint32_t events;     /**< records that day */
    double weight_day;   /**< sum of w that day */
    double r;            /**< R with the chosen half-life */
    double weight;       /**< B with the chosen half-life */
    double r_short;      /**< R with h = 14 */
    double r_long;       /**< R with h = 180 */
    double shock;        /**< r_short - r_long */
    double jump;         /**< the change of shock since the day before: what this day's records did */
    const char *code;    /**< the day's strongest record's code, NULL on days without records */
} sc_events_timeline_row;

/**
 * Every calendar day from `from` to `to` (NULL: the dyad's first and last days with records) of
 * source->target (or the pair when undirected). *rows is freed with sc_free.
 */
SC_API sc_status sc_events_series_timeline(const sc_events_series *s, const char *source,
                                           const char *target, int undirected,
                                           const sc_dsmg_params *p, const char *from,
                                           const char *to, sc_events_timeline_row **rows,
                                           size_t *n_rows, sc_diag *diag);

/**
 * The days of a timeline where the short and long memories diverge most: of the days with
 * records, the one with the largest |shock| (> 0), then the largest at least 7 days from every
 * one taken (one episode, one shock), up to `max_shocks`, in date order. After a hostile day
 * |shock| may keep growing for some days, as the short memory forgets the friendly past
 * faster; `jump` tells the day whose records moved it. Returns the number written to `out` (an
 * array of max_shocks indices into rows).
 */
SC_API size_t sc_events_timeline_shocks(const sc_events_timeline_row *rows, size_t n_rows,
                                        size_t max_shocks, size_t *out);

/* ---- from scores to amity ------------------------------------------------------------------- */

/**
 * amity = clamp(intercept + slope * R, -1, 1). The defaults are the fit documented in
 * docs/events.md (sc_amity_map_init); sc_amity_map_fit refits them.
 */
typedef struct sc_amity_map {
    double intercept; /**< amity at R = 0 */
    double slope;     /**< amity per unit of R */
} sc_amity_map;

SC_API void sc_amity_map_init(sc_amity_map *m);
SC_API double sc_amity_map_apply(const sc_amity_map *m, double r);
/** Where the default map comes from (one line). */
SC_API const char *sc_amity_map_source(void);

typedef enum sc_amity_fit {
    SC_AMITY_FIT_EQUATE = 0, /**< a scale, whatever the correlation: 0 stays 0 and the weighted
                                root mean square of the scores is matched to the reference's */
    SC_AMITY_FIT_LEAST_SQUARES /**< regression of the reference on the scores */
} sc_amity_fit;

/** Fits the map of scores x to reference amities y (weights w, NULL: equal); r2 (the squared
 *  weighted correlation) may be NULL. */
SC_API sc_status sc_amity_map_fit(const double *x, const double *y, const double *w, size_t n,
                                  sc_amity_fit method, sc_amity_map *out, double *r2,
                                  sc_diag *diag);

/* ---- UN General Assembly ideal points (Bailey, Strezhnev & Voeten 2017) --------------------- */

/** The ideal-point file as published (IdealpointestimatesAll_<release>.csv). */
typedef struct sc_unga sc_unga;

SC_API sc_status sc_unga_parse(const char *text, size_t len, const char *filename, sc_unga **out,
                               sc_diag *diag);
SC_API sc_status sc_unga_read(const char *path, sc_unga **out, sc_diag *diag);
SC_API void sc_unga_free(sc_unga *u);
/** The last session in the file (78 for the Jun2024 release). */
SC_API int sc_unga_last_session(const sc_unga *u);
/** A state's ideal point (by ISO alpha-3) in a session; SC_ENOTFOUND if it has none. */
SC_API sc_status sc_unga_ideal_point(const sc_unga *u, const char *iso3, int session, double *out,
                                     sc_diag *diag);
/** The file's rows (states with an estimate), sorted by ISO code then session. */
SC_API size_t sc_unga_row_count(const sc_unga *u);
SC_API void sc_unga_row(const sc_unga *u, size_t i, const char **iso3, int *session,
                        double *ideal_point);
/** The calendar year a session opened in (session 1 = 1946, session 78 = 2023). */
SC_API int sc_unga_session_year(int session);

/**
 * The map from ideal-point distance d to expected vote agreement and amity:
 * agreement(d) = 1 / (1 + exp(-(alpha + beta d))), amity = 2 agreement - 1. The defaults
 * (sc_unga_map_init) are fitted on the published agreement of every state with the US, Russia
 * and China (docs/events.md); sc_unga_map_fit refits them on any file and range of sessions.
 */
typedef struct sc_unga_map {
    double alpha; /**< the logit of agreement at distance 0 */
    double beta;  /**< its change per unit of distance */
} sc_unga_map;

SC_API void sc_unga_map_init(sc_unga_map *m);
SC_API double sc_unga_agreement(const sc_unga_map *m, double distance);
SC_API double sc_unga_amity(const sc_unga_map *m, double distance);
SC_API const char *sc_unga_map_source(void);

/** How well the UN map fits. */
typedef struct sc_unga_fit_info {
    size_t n;          /**< country-sessions used */
    double deviance;   /**< binomial deviance at the fit */
    double rmse;       /**< root mean squared error of the predicted agreement */
} sc_unga_fit_info;

/**
 * Fits alpha and beta by binomial maximum likelihood (iteratively reweighted least squares, each
 * country-session weighted by its number of votes) on the agreement columns with the US, Russia
 * and China of sessions first..last. info may be NULL.
 */
SC_API sc_status sc_unga_map_fit(const sc_unga *u, int first_session, int last_session,
                                 sc_unga_map *out, sc_unga_fit_info *info, sc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
