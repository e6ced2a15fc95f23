/* SPDX-License-Identifier: MIT */
/** @file scenario.h
 * The scenario, the immutable input every model reads. */
#ifndef STATECRAFT_SCENARIO_H
#define STATECRAFT_SCENARIO_H

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/rng.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- numbers with provenance and uncertainty ------------------------------------------------ */

/** The distribution of an uncertain number. */
typedef enum sc_dist_kind {
    SC_DIST_NONE = 0,  /**< a point value */
    SC_DIST_NORMAL,    /**< a = standard deviation; samples are clamped to the quantity's range */
    SC_DIST_UNIFORM,   /**< on [a, b] */
    SC_DIST_TRIANGULAR /**< on [a, b] with mode c */
} sc_dist_kind;

/** An uncertain number's distribution (parameters as sc_dist_kind says). */
typedef struct sc_dist {
    sc_dist_kind kind; /**< which distribution */
    double a;          /**< standard deviation (normal) or lower end (uniform, triangular) */
    double b;          /**< upper end (uniform, triangular) */
    double c;          /**< mode (triangular) */
} sc_dist;

/** A number of the scenario: its value, its uncertainty and where it comes from. */
typedef struct sc_quantity {
    double value;       /**< the value (NAN when an optional number is not given) */
    sc_dist dist;       /**< its uncertainty (SC_DIST_NONE: a point value) */
    double min;         /**< allowed range, lower end (from the schema or the issue's scale) */
    double max;         /**< allowed range, upper end */
    const char *source; /**< source id, citation or rationale; NULL if none was given */
    const char *group;  /**< uncertainty group (`group:`): its members move together; NULL if
                             none (docs/scenario-format.md, "Uncertain inputs") */
    int group_reverse;  /**< 1: this member moves against its group (takes 1 - u) */
} sc_quantity;

/* ---- the scenario's parts (read-only views owned by the scenario) ---------------------------- */

/** A source the scenario cites. */
typedef struct sc_source {
    const char *id;       /**< the id numbers refer to */
    const char *citation; /**< the full reference */
    const char *url;      /**< may be NULL */
} sc_source;

/** An actor (a state, alliance or other player). */
typedef struct sc_actor {
    const char *id;          /**< short unique id, e.g. "USA" */
    const char *name;        /**< display name */
    const char *description; /**< may be NULL */
    sc_quantity capability;  /**< share of relevant power; only ratios matter to the models */
    sc_quantity milex;       /**< military spending, USD bn (value NAN if not given) */
    sc_quantity gdp;         /**< GDP, USD bn (value NAN if not given) */
} sc_actor;

/** An issue at stake, with the scale positions are measured on. */
typedef struct sc_issue {
    const char *id;    /**< short unique id */
    const char *title; /**< what is at stake */
    double scale_min;  /**< positions lie in [scale_min, scale_max] */
    double scale_max;  /**< the scale's upper end */
    const char *low;   /**< what scale_min means */
    const char *high;  /**< what scale_max means */
} sc_issue;

/** An actor's stance on an issue; `present` is 0 if the scenario gives none. */
typedef struct sc_stance {
    int present;           /**< 1 if the scenario gives this stance */
    sc_quantity position;  /**< on the issue's scale */
    sc_quantity salience;  /**< in [0, 1]: 1 = the actor drops everything else for this issue */
    const char *rationale; /**< why, in the author's words; may be NULL */
    /** The actor's capability on this issue (>= 0), read by every bargaining model in place of
     * its capability; value NAN when not given (sc_scenario_influence then returns the
     * capability). */
    sc_quantity influence;
    /** The worst settlement on this issue the actor accepts rather than no deal, on the issue's
     * scale; value NAN when not given. Read by the agreement analysis (veto players). */
    sc_quantity reservation;
} sc_stance;

/** A dyad's relation; symmetric. `present` is 0 if the scenario gives none. */
typedef struct sc_relation {
    int present;           /**< 1 if the scenario gives this relation */
    sc_quantity amity;     /**< in [-1, 1]: -1 enmity, 0 indifference, 1 alliance */
    sc_quantity trade;     /**< bilateral goods trade, USD bn per year (NAN if not given) */
    const char *rationale; /**< why, in the author's words; may be NULL */
} sc_relation;

/** How a shift changes its target. */
typedef enum sc_shift_op {
    SC_SHIFT_SET, /**< the target takes the value */
    SC_SHIFT_ADD  /**< the value is added to the target */
} sc_shift_op;

/** One change an event or variant makes: target is a path such as "relation.USA.RUS.amity". */
typedef struct sc_shift {
    const char *target; /**< the number changed, as a path */
    sc_shift_op op;     /**< set or add */
    double value;       /**< the new value, or the amount added */
} sc_shift;

/** Something that happened, dated, and the shifts it makes to the scenario's numbers. */
typedef struct sc_event {
    const char *id;            /**< short unique id */
    const char *date;          /**< ISO 8601 yyyy-mm-dd */
    const char *what;          /**< what happened */
    const char *cameo;         /**< CAMEO event code, or NULL */
    const char *source;        /**< may be NULL */
    const char *const *actors; /**< ids of the actors involved */
    size_t n_actors;           /**< entries of actors */
    const sc_shift *shifts;    /**< the changes the event makes, applied in order */
    size_t n_shifts;           /**< entries of shifts */
} sc_event;

/** A what-if: a named set of shifts applied on top of a state (sc_scenario_at). */
typedef struct sc_variant {
    const char *name;        /**< the name `--variant` takes */
    const char *description; /**< what it stands for; may be NULL */
    const sc_shift *shifts;  /**< the changes, applied in order */
    size_t n_shifts;         /**< entries of shifts */
} sc_variant;

/** A claim from the literature or commentary that the models can test. */
typedef struct sc_claim {
    const char *id;     /**< short unique id */
    const char *text;   /**< the claim, as stated */
    const char *source; /**< who made it; may be NULL */
    const char *holds;  /**< the jq predicate (`test.holds`), or NULL for a claim in prose only */
    const char *expect; /**< what the predicate tests, in words (`test.expect`), or NULL */
    const char *const *models; /**< the sections of the result document the predicate reads */
    size_t n_models;           /**< entries of models */
    /** The states it is judged in: "before-events", "after-events" or variant names
     * (`test.when`, default after-events alone), or put side by side (`test.compare`). */
    const char *const *states;
    size_t n_states; /**< entries of states */
    int compare;     /**< 1: judged once on its states side by side (`test.compare`) */
} sc_claim;

/**
 * A scenario: actors, issues, stances, relations, events, variants and claims, immutable once
 * loaded (derive new ones with sc_scenario_at, sc_scenario_with_variant, ...). Opaque; free with
 * sc_scenario_free.
 */
typedef struct sc_scenario sc_scenario;

/* ---- loading --------------------------------------------------------------------------------- */

/** Parser settings; set the defaults with sc_parse_opts_init. */
typedef struct sc_parse_opts {
    const char *filename; /**< used in diagnostics; "<input>" if NULL */
    size_t max_bytes;     /**< inputs larger than this are refused (default 16 MiB) */
} sc_parse_opts;

/** Sets the defaults: no file name, a 16 MiB size limit. */
SC_API void sc_parse_opts_init(sc_parse_opts *opts);

/**
 * Parses a statecraft scenario (YAML 1.2) from memory. On success *out owns a new scenario
 * (free it with sc_scenario_free); on failure *out is NULL and diag is located.
 */
SC_API sc_status sc_scenario_parse(const char *text, size_t len, const sc_parse_opts *opts,
                                   sc_scenario **out, sc_diag *diag);

/**
 * Parses a Bueno de Mesquita actor table (CSV with columns Actor, Capability, Position,
 * Salience; '#' lines are comments) as a one-issue scenario whose issue id is `issue_id`.
 * Saliences on a 0-100 scale are divided by 100.
 */
SC_API sc_status sc_scenario_parse_bdm_csv(const char *text, size_t len, const char *issue_id,
                                           const sc_parse_opts *opts, sc_scenario **out,
                                           sc_diag *diag);

/** What a scenario file holds, judged by its content (sc_file_kind_of). */
typedef enum sc_file_kind {
    SC_FILE_SCENARIO = 0, /**< a statecraft scenario: YAML or JSON (anything unrecognised) */
    SC_FILE_BDM_CSV,      /**< a Bueno de Mesquita actor table: a CSV header naming Actor and
                                Capability, Position or Salience */
    SC_FILE_KTAB_CSV,     /**< KTAB's SMP CSV: a scenario line NAME,DESCRIPTION,N,M with whole
                                numbers N and M, or any scenario line followed by a header whose
                                first field is "Actor"; every file sc_smp_read_ktab_csv reads */
    SC_FILE_KTAB_XML      /**< XML, such as KTAB's SMP XML scenarios (a first '<') */
} sc_file_kind;

/** Sniffs the first lines of a file (a UTF-8 byte order mark and '#' comments skipped). */
SC_API sc_file_kind sc_file_kind_of(const char *text, size_t len);

/** "scenario", "bdm-csv", "ktab-csv" or "ktab-xml". */
SC_API const char *sc_file_kind_name(sc_file_kind kind);

/**
 * Parses a scenario file's text, choosing the format by content (sc_file_kind_of), never by
 * name: a YAML/JSON scenario, or a BDM actor table whose issue id is the stem of `file` ("stdin"
 * for NULL or "-"). KTAB's SMP files are refused with a located error naming the command that
 * reads them (statecraft forecast --model smp).
 */
SC_API sc_status sc_scenario_read(const char *text, size_t len, const char *file,
                                  sc_scenario **out, sc_diag *diag);

/**
 * Loads a file ("-" reads standard input) with sc_scenario_read. A ".csv" file that is no KTAB
 * file is read as a BDM actor table whatever its header, so that its errors are the table's.
 */
SC_API sc_status sc_scenario_load(const char *path, sc_scenario **out, sc_diag *diag);

/** The scenario compiled into the library (scenarios/ukraine-ceasefire-2025.yaml). */
SC_API sc_status sc_scenario_builtin(sc_scenario **out, sc_diag *diag);

/** Name of the built-in scenario's file, for reports. */
SC_API const char *sc_scenario_builtin_name(void);

/** Frees a scenario and everything it owns. NULL is a no-op. */
SC_API void sc_scenario_free(sc_scenario *s);

/* ---- building in code (tests, importers, bindings) ------------------------------------------ */

/**
 * Creates a scenario with the given actors and issues and no stances, all capabilities 1 and
 * positions absent; fill it with the setters below, then call sc_scenario_validate. Issue scales
 * are [0, 100] until set. ids are copied.
 */
SC_API sc_status sc_scenario_new(size_t n_actors, const char *const *actor_ids, size_t n_issues,
                                 const char *const *issue_ids, sc_scenario **out, sc_diag *diag);
/** Sets an actor's capability (finite, >= 0). SC_EINVAL for a bad index or value. */
SC_API sc_status sc_scenario_set_capability(sc_scenario *s, size_t actor, double capability,
                                            sc_diag *diag);
/** Sets an issue's scale [lo, hi] (finite, lo < hi). SC_EINVAL for a bad index or scale. */
SC_API sc_status sc_scenario_set_issue_scale(sc_scenario *s, size_t issue, double lo, double hi,
                                             sc_diag *diag);
/** Gives an actor a stance on an issue (finite numbers; ranges are checked by
 * sc_scenario_validate). SC_EINVAL for a bad index or a non-finite number. */
SC_API sc_status sc_scenario_set_stance(sc_scenario *s, size_t actor, size_t issue, double position,
                                        double salience, sc_diag *diag);
/** Sets the amity of the dyad a-b (both ways; a != b). SC_EINVAL for bad indices or a
 * non-finite amity. */
SC_API sc_status sc_scenario_set_amity(sc_scenario *s, size_t a, size_t b, double amity,
                                       sc_diag *diag);
/** Sets an actor's issue-specific influence (>= 0) on an issue. */
SC_API sc_status sc_scenario_set_influence(sc_scenario *s, size_t actor, size_t issue,
                                           double influence, sc_diag *diag);
/** Sets an actor's reservation point on an issue (on the issue's scale). */
SC_API sc_status sc_scenario_set_reservation(sc_scenario *s, size_t actor, size_t issue,
                                             double reservation, sc_diag *diag);
/** Marks (veto != 0) or unmarks a veto player of the agreement analysis (all issues covered). */
SC_API sc_status sc_scenario_set_veto_player(sc_scenario *s, size_t actor, int veto,
                                             sc_diag *diag);

/** Checks every cross-field rule (ranges, salience sums, ...); the parsers call it too. */
SC_API sc_status sc_scenario_validate(const sc_scenario *s, sc_diag *diag);

/* ---- reading --------------------------------------------------------------------------------- */

/** The scenario's title. */
SC_API const char *sc_scenario_title(const sc_scenario *s);
SC_API const char *sc_scenario_description(const sc_scenario *s); /**< may be NULL */
SC_API const char *sc_scenario_date(const sc_scenario *s);        /**< baseline date, may be NULL */
/** The file it was read from, as given to the parser ("<input>" if none). */
SC_API const char *sc_scenario_filename(const sc_scenario *s);
/** The variant applied, or NULL for the base scenario. */
SC_API const char *sc_scenario_variant_name(const sc_scenario *s);
/** The date up to which events have been applied, or NULL if none were. */
SC_API const char *sc_scenario_events_until(const sc_scenario *s);

/** Number of actors. */
SC_API size_t sc_scenario_actor_count(const sc_scenario *s);
/** Actor i, or NULL if out of range (borrowed: valid while s lives). */
SC_API const sc_actor *sc_scenario_actor(const sc_scenario *s, size_t i);
/** Index of the actor with this id, or -1. */
SC_API long sc_scenario_actor_index(const sc_scenario *s, const char *id);

/** Number of issues. */
SC_API size_t sc_scenario_issue_count(const sc_scenario *s);
/** Issue i, or NULL if out of range (borrowed). */
SC_API const sc_issue *sc_scenario_issue(const sc_scenario *s, size_t i);
/** Index of the issue with this id, or -1. */
SC_API long sc_scenario_issue_index(const sc_scenario *s, const char *id);

/** Stance of actor on issue (never NULL for valid indices; check ->present). */
SC_API const sc_stance *sc_scenario_stance(const sc_scenario *s, size_t actor, size_t issue);
/** Relation of a dyad, a != b (never NULL for valid indices; check ->present). */
SC_API const sc_relation *sc_scenario_relation(const sc_scenario *s, size_t a, size_t b);

/** Number of sources. */
SC_API size_t sc_scenario_source_count(const sc_scenario *s);
/** Source i, or NULL if out of range (borrowed). */
SC_API const sc_source *sc_scenario_source(const sc_scenario *s, size_t i);
/** Number of events. */
SC_API size_t sc_scenario_event_count(const sc_scenario *s);
SC_API const sc_event *sc_scenario_event(const sc_scenario *s, size_t i); /**< sorted by date */
/** Number of variants. */
SC_API size_t sc_scenario_variant_count(const sc_scenario *s);
/** Variant i, or NULL if out of range (borrowed). */
SC_API const sc_variant *sc_scenario_variant(const sc_scenario *s, size_t i);
/** Number of claims. */
SC_API size_t sc_scenario_claim_count(const sc_scenario *s);
/** Claim i, or NULL if out of range (borrowed). */
SC_API const sc_claim *sc_scenario_claim(const sc_scenario *s, size_t i);

/* ---- deriving new scenarios ----------------------------------------------------------------- */

/**
 * A copy with the named variant's overrides applied. SC_ENOTFOUND (with a did-you-mean) if the
 * variant does not exist. The copy is independent of `s`.
 */
SC_API sc_status sc_scenario_with_variant(const sc_scenario *s, const char *variant,
                                          sc_scenario **out, sc_diag *diag);

/**
 * A copy with the effects of every event dated on or before `date` (yyyy-mm-dd) applied in date
 * order; date NULL applies all events. Values are clamped to their ranges after each event.
 */
SC_API sc_status sc_scenario_after_events(const sc_scenario *s, const char *date,
                                          sc_scenario **out, sc_diag *diag);

/**
 * A state of the scenario: which of its events have happened and which variant holds. Every
 * command and report section looks at one state; the default is the latest known one (all
 * events, no variant).
 */
typedef enum sc_events_mode {
    SC_EVENTS_AFTER = 0, /**< the events dated on or before `until` (all when NULL) */
    SC_EVENTS_BEFORE     /**< none of the events: the scenario at its baseline date */
} sc_events_mode;

/** A state of the scenario (see sc_events_mode); set the default with sc_state_init. */
typedef struct sc_state {
    const char *variant;   /**< a variant's name, or NULL for the scenario as given */
    sc_events_mode events; /**< SC_EVENTS_AFTER by default */
    const char *until;     /**< yyyy-mm-dd cut-off for SC_EVENTS_AFTER; NULL applies every event */
} sc_state;

/** Sets the default state: after all events, no variant. */
SC_API void sc_state_init(sc_state *st);

/**
 * The scenario in state `st` (NULL: the default state): the events applied in date order, then
 * the variant's shifts on top of them, so that a variant's `set` values hold whatever the events
 * did (a variant is a posture from the state's date on). The copy records the variant
 * (sc_scenario_variant_name) and the events (sc_scenario_events_until, sc_scenario_state_date).
 */
SC_API sc_status sc_scenario_at(const sc_scenario *s, const sc_state *st, sc_scenario **out,
                                sc_diag *diag);

/**
 * The shifts that take a number outside its declared range (`range:` or `triangular:`, as it
 * stands when the shift applies) on the way to state `st`: the events applied, then the variant;
 * st NULL: every event, then each variant on top of them (what `statecraft validate` checks).
 * Each warning is a located diag (FILE:LINE:COL of the shift's `add:`/`set:` value, code
 * SC_ERANGE) to be shown as a warning, not an error: the state is still valid. In a state an
 * `add` moves the number's declared range with it and a `set` makes the number a point, as a
 * Monte Carlo draw sees them (docs/scenario-format.md,
 * "Paths, events and variants"). *out (free with sc_free) holds *n warnings, or
 * NULL when there are none.
 */
SC_API sc_status sc_scenario_shift_warnings(const sc_scenario *s, const sc_state *st,
                                            sc_diag **out, size_t *n, sc_diag *diag);

/** The date the scenario stands for: the last applied event's date (or the cut-off), else the
 * baseline date; NULL if the scenario has neither. */
SC_API const char *sc_scenario_state_date(const sc_scenario *s);

/**
 * A copy with every uncertain input drawn using `rng`: the i-th uniform of the stream sets input
 * i (statecraft/uncertainty.h: a number, a choice, or a whole `group:`) through its inverse CDF,
 * clamped to the number's range; inputs in document order (actors, stances, relations, then model
 * sections). So (scenario, stream) fixes the sample. The same as sc_scenario_draw with those
 * uniforms. Thread-safe for concurrent calls on the same `s` with distinct `rng`s.
 */
SC_API sc_status sc_scenario_sample(const sc_scenario *s, sc_rng *rng, sc_scenario **out,
                                    sc_diag *diag);

/** Looks up a path ("actor.USA.capability", "stance.nato.USA.position", "relation.USA.RUS.amity",
 * "war.cost_a") and returns its current value. SC_ENOTFOUND if the path names nothing, or a
 * number the scenario does not give (a stance the actor has not got, trade not recorded). */
SC_API sc_status sc_scenario_get_value(const sc_scenario *s, const char *path, double *out,
                                       sc_diag *diag);

/* ---- simple statistics every report shows --------------------------------------------------- */

/**
 * Capability x salience weighted mean and weighted median of the positions on an issue (the
 * median-voter baseline). Actors without a stance are left out. SC_EINVAL if no weight.
 */
SC_API sc_status sc_scenario_issue_baseline(const sc_scenario *s, size_t issue, double *mean,
                                            double *median, sc_diag *diag);

/* ---- bargaining inputs: capability index, influence, veto players, model settings ---------- */

/**
 * Where actors' capabilities come from (`capability_index:` in a scenario;
 * docs/scenario-format.md). The indices are shares of the world total, compiled into the library
 * with their sources: COW NMC v7.0 CINC (1946-2022), SIPRI military spending (2014-2024, current
 * US$) and GDP implied by SIPRI's military burden (2014-2024); the composite is their weighted
 * mean.
 */
typedef enum sc_capability_index {
    SC_CAPABILITY_GIVEN = 0, /**< the actors' `capability` as written */
    SC_CAPABILITY_CINC,      /**< COW NMC v7.0 CINC */
    SC_CAPABILITY_MILEX,     /**< share of world military spending (SIPRI) */
    SC_CAPABILITY_GDP,       /**< share of world GDP (implied by SIPRI's military burden) */
    SC_CAPABILITY_COMPOSITE  /**< weighted mean of the three */
} sc_capability_index;

/** A capability index and how to apply it; set the defaults with sc_capability_spec_init. */
typedef struct sc_capability_spec {
    sc_capability_index index; /**< which index */
    int year; /**< data year; 0: the latest on or before the scenario's date (or the data's) */
    double weights[3]; /**< composite: weights of CINC, military spending and GDP shares */
    double sd; /**< relative standard deviation given to every derived capability (0: none) */
} sc_capability_spec;

/** Sets the spec to `given` with composite weights {0, 1, 1} and no uncertainty. */
SC_API void sc_capability_spec_init(sc_capability_spec *spec);
/** The index's name: "given", "cinc", "milex", "gdp" or "composite". */
SC_API const char *sc_capability_index_name(sc_capability_index index);
/** Parses "given", "cinc", "milex", "gdp", "composite"; SC_EINVAL otherwise. */
SC_API sc_status sc_capability_index_parse(const char *name, sc_capability_index *out,
                                           sc_diag *diag);
/** The citation of an index's data. */
SC_API const char *sc_capability_index_source(sc_capability_index index);

/**
 * The value of an index for a country (ISO 3166 alpha-3 code, e.g. "GBR") in `year` (0: the
 * latest year of each component's data); *data_year gets the year used (the CINC year for the
 * composite) and may be NULL. SC_ENOTFOUND if the data has no value for that country and year.
 */
SC_API sc_status sc_capability_lookup(const char *iso3, const sc_capability_spec *spec, int year,
                                      double *out, int *data_year, sc_diag *diag);

/** The capability index the scenario chose (index SC_CAPABILITY_GIVEN when none). */
SC_API const sc_capability_spec *sc_scenario_capability_spec(const sc_scenario *s);

/**
 * A copy in which every actor the index covers (its id is an ISO3 code with data for the year)
 * takes its capability from `spec`, whatever it was before; the others keep theirs. Used to
 * compare the answers under different indices.
 */
SC_API sc_status sc_scenario_with_capability_index(const sc_scenario *s,
                                                   const sc_capability_spec *spec,
                                                   sc_scenario **out, sc_diag *diag);

/** The actor's influence on an issue: its stance's `influence` if given, else its capability. */
SC_API double sc_scenario_influence(const sc_scenario *s, size_t actor, size_t issue);

/**
 * Veto players (`agreement:`): actors whose consent a settlement needs. 1 if `actor` is one.
 */
SC_API int sc_scenario_is_veto_player(const sc_scenario *s, size_t actor);
/** Number of veto players. */
SC_API size_t sc_scenario_veto_player_count(const sc_scenario *s);
/** 1 if the agreement analysis covers the issue: `agreement.issues` names it (all issues when it
 * names none). */
SC_API int sc_scenario_agreement_covers(const sc_scenario *s, size_t issue);
/** The `agreement.rationale` text, or NULL. */
SC_API const char *sc_scenario_agreement_rationale(const sc_scenario *s);

/** Settings of the bargaining models from the `eum:` and `smp:` sections (defaults if absent). */
typedef struct sc_bargaining_settings {
    double
        eum_tolerance; /**< largest move, as a share of the issue's scale, that is no move (1e-4) */
    int eum_max_rounds;   /**< round cap (100) */
    double eum_q;         /**< status-quo probability Q (1) */
    double eum_t;         /**< probability T that the other moves toward the challenger (1) */
    double smp_tolerance; /**< the same for the SMP, as a share of each issue's scale (1e-4) */
    int smp_max_turns;    /**< turn cap (100) */
    int smp_stop_ktab;    /**< 1: KTAB's stopping rule instead of convergence (`stop: ktab`) */
} sc_bargaining_settings;

/** Sets the defaults given above. */
SC_API void sc_bargaining_settings_init(sc_bargaining_settings *b);

/**
 * Reads the `eum:` and `smp:` sections of this scenario (after its variant and events, whose
 * shifts may change them); located errors for bad values. The parser calls it too.
 */
SC_API sc_status sc_scenario_bargaining_settings(const sc_scenario *s, sc_bargaining_settings *out,
                                                 sc_diag *diag);

/**
 * Writes the scenario as given — the document it was read from, with all its events and
 * variants — as a scenario file: YAML (json 0) or JSON (json 1), which sc_scenario_load reads
 * back to the same scenario (every number keeps the text it was written with; comments are not
 * kept). It is the document of the scenario as given whatever state `s` was derived for. A
 * scenario not read from a scenario file (built in code, imported from a table) is SC_EINVAL.
 * On SC_OK *out is a new string freed with sc_free and *len its length (len may be NULL).
 */
SC_API sc_status sc_scenario_write(const sc_scenario *s, int json, char **out, size_t *len,
                                   sc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
