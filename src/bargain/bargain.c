/* SPDX-License-Identifier: MIT */
/*
 * The one bargaining forecast (docs/models/bargaining.md): the weighted-median baseline, both
 * readings of Bueno de Mesquita's model and KTAB's SMP on every issue, their spread as the
 * forecast's model uncertainty, and each forecast judged against the win-set of the veto players
 * (Tsebelis 2002: the settlements every veto player prefers to no deal).
 */
#include "statecraft/bargain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "core/diag_internal.h"
#include "core/parallel.h"
#include "statecraft/rng.h"
#include "statecraft/uncertainty.h"

const char *sc_agreement_verdict_name(sc_agreement_verdict v)
{
    switch (v) {
    case SC_AGREEMENT_SETTLEMENT: return "settlement";
    case SC_AGREEMENT_REJECTED: return "rejected";
    case SC_AGREEMENT_NONE: return "no agreement";
    case SC_AGREEMENT_NOT_COVERED: break;
    }
    return "not covered";
}

const char *sc_bargain_model_name(sc_bargain_model m)
{
    switch (m) {
    case SC_BARGAIN_EUM_SCHOLZ: return "eum-scholz";
    case SC_BARGAIN_EUM_PRINTED: return "eum-printed";
    case SC_BARGAIN_SMP: return "smp";
    case SC_BARGAIN_BASELINE:
    case SC_BARGAIN_MODELS: break;
    }
    return "baseline";
}

/* A veto player's acceptable interval on an issue; 0 if it does not constrain the issue. */
static int acceptable(const sc_scenario *s, size_t i, size_t issue, double *lo, double *hi)
{
    const sc_stance *st = sc_scenario_stance(s, i, issue);
    if (!sc_scenario_is_veto_player(s, i) || !st->present || isnan(st->reservation.value)) {
        return 0;
    }
    const sc_issue *is = sc_scenario_issue(s, issue);
    double x = st->position.value, r = fabs(st->position.value - st->reservation.value);
    *lo = fmax(is->scale_min, x - r);
    *hi = fmin(is->scale_max, x + r);
    return 1;
}

sc_status sc_agreement_winset(const sc_scenario *s, size_t issue, sc_winset *out, sc_diag *diag)
{
    memset(out, 0, sizeof *out);
    out->lo_by = out->hi_by = -1;
    if (issue >= sc_scenario_issue_count(s)) {
        return sc__diag_set(diag, SC_EINVAL, "no issue %zu", issue);
    }
    const sc_issue *is = sc_scenario_issue(s, issue);
    out->lo = is->scale_min;
    out->hi = is->scale_max;
    if (!sc_scenario_agreement_covers(s, issue)) {
        return SC_OK;
    }
    for (size_t i = 0; i < sc_scenario_actor_count(s); i++) {
        double lo, hi;
        if (!acceptable(s, i, issue, &lo, &hi)) {
            continue;
        }
        out->covered = 1;
        /* ties: the first veto player in the scenario's order closes it */
        if (lo > out->lo || (out->lo_by < 0 && lo == out->lo && lo > is->scale_min)) {
            out->lo = lo;
            out->lo_by = (long)i;
        }
        if (hi < out->hi || (out->hi_by < 0 && hi == out->hi && hi < is->scale_max)) {
            out->hi = hi;
            out->hi_by = (long)i;
        }
    }
    out->exists = out->lo <= out->hi;
    return SC_OK;
}

sc_agreement sc_agreement_judge(const sc_scenario *s, size_t issue, const sc_winset *w,
                                double forecast)
{
    sc_agreement a = {SC_AGREEMENT_NOT_COVERED, forecast, -1};
    if (!w->covered || isnan(forecast)) {
        return a;
    }
    if (!w->exists) {
        a.verdict = SC_AGREEMENT_NONE;
        a.at = (double)NAN;
        return a;
    }
    if (forecast >= w->lo && forecast <= w->hi) {
        a.verdict = SC_AGREEMENT_SETTLEMENT;
        return a;
    }
    a.verdict = SC_AGREEMENT_REJECTED;
    a.at = forecast < w->lo ? w->lo : w->hi;
    /* the veto player the forecast lies farthest outside of rejects it */
    double worst = 0;
    for (size_t i = 0; i < sc_scenario_actor_count(s); i++) {
        double lo, hi;
        if (!acceptable(s, i, issue, &lo, &hi)) {
            continue;
        }
        double out = forecast < lo ? lo - forecast : forecast > hi ? forecast - hi : 0;
        if (out > worst) {
            worst = out;
            a.rejected_by = (long)i;
        }
    }
    return a;
}

void sc_bargain_result_free(sc_bargain_result *r)
{
    if (r) {
        free(r->issues);
        free(r);
    }
}

void sc_bargain_params_init(sc_bargain_params *p)
{
    memset(p, 0, sizeof *p);
}

/*
 * The runs of one forecast are independent work items: item 0 the SMP (every issue at once, the
 * longest, so it starts first), item 1 + 2j + v the EUM on issue j under variant v. Each writes
 * only its own cells of the result, so the numbers do not depend on how many workers share the
 * items. Workers look at the cancel flag before each item, and the runs themselves look at it
 * before each round (the EUM) or each actor's turn (the SMP): a run it stops is not done, its
 * cells left NAN with done 0, never taken for a finished run or for a model that cannot run.
 * Worker 0 reports the progress.
 */
typedef struct bargain_job {
    const sc_scenario *s;
    const sc_eum_params *ep;
    const sc_smp_params *sp;
    const sc_bargain_params *bp;
    sc_bargain_result *r;
    size_t items;     /* 1 + 2m */
    unsigned w, nw;   /* this worker, of nw */
    unsigned eum_threads;
    size_t *done;     /* items completed, shared (atomic) */
    sc_status rc;     /* SC_ENOMEM if an item ran out of memory */
} bargain_job;

/* 1 if a run's status says the cancel flag stopped it (SC_ELIMIT with the flag raised). */
static int stopped(const bargain_job *J, sc_status rc)
{
    return rc == SC_ELIMIT && J->bp->cancel && __atomic_load_n(J->bp->cancel, __ATOMIC_RELAXED);
}

static sc_status bargain_smp(const bargain_job *J)
{
    const sc_scenario *s = J->s;
    sc_bargain_result *r = J->r;
    sc_smp_input *in = NULL;
    sc_smp_result *sr = NULL;
    sc_diag local;
    sc_diag_init(&local);
    sc_status rc = sc_smp_input_from_scenario(s, &in, &local);
    if (rc == SC_OK) {
        rc = sc_smp_run(in, J->sp, &sr, &local);
    }
    if (rc == SC_OK) {
        for (size_t k = 0; k < in->m; k++) {
            long j = sc_scenario_issue_index(s, in->dim[k]);
            const sc_issue *is = sc_scenario_issue(s, (size_t)j);
            double lo = is->scale_min, span = is->scale_max - is->scale_min;
            sc_bargain_issue *bi = &r->issues[j];
            bi->forecast[SC_BARGAIN_SMP] = lo + span * sr->forecast[k];
            bi->range_lo[SC_BARGAIN_SMP] = lo + span * sr->forecast_lo[k];
            bi->range_hi[SC_BARGAIN_SMP] = lo + span * sr->forecast_hi[k];
            bi->outcome[SC_BARGAIN_SMP] = sc_smp_outcome_name(sr->outcome);
        }
    } else if (stopped(J, rc)) {
        sc_smp_result_free(sr);
        sc_smp_input_free(in);
        return SC_ELIMIT; /* interrupted: not done, and no note that it cannot run */
    } else if (rc != SC_ENOMEM) {
        snprintf(r->note, sizeof r->note, "the SMP did not run: %.200s", local.message);
    }
    if (rc != SC_ENOMEM) {
        for (size_t j = 0; j < r->n; j++) {
            r->issues[j].done[SC_BARGAIN_SMP] = 1;
        }
    }
    sc_smp_result_free(sr);
    sc_smp_input_free(in);
    return rc == SC_ENOMEM ? SC_ENOMEM : SC_OK;
}

static sc_status bargain_eum(const bargain_job *J, size_t j, int v)
{
    sc_eum_params p = *J->ep;
    p.variant = (sc_eum_variant)v;
    p.threads = J->eum_threads;
    sc_eum_result *er = NULL;
    const char **ids = NULL;
    sc_diag local;
    sc_diag_init(&local);
    sc_status erc = sc_eum_run_scenario(J->s, j, &p, &er, &ids, &local);
    sc_bargain_issue *bi = &J->r->issues[j];
    int k = v == 0 ? SC_BARGAIN_EUM_SCHOLZ : SC_BARGAIN_EUM_PRINTED;
    int interrupted = stopped(J, erc);
    bi->done[k] = !interrupted && erc != SC_ENOMEM;
    if (erc == SC_OK) {
        bi->forecast[k] = er->forecast;
        bi->range_lo[k] = er->forecast_lo;
        bi->range_hi[k] = er->forecast_hi;
        bi->outcome[k] = sc_eum_outcome_name(er->outcome);
    }
    sc_free((void *)ids);
    sc_eum_result_free(er);
    /* interrupted: not done; a game that cannot run is "not run" (done, NAN) */
    return interrupted ? SC_ELIMIT : erc == SC_ENOMEM ? SC_ENOMEM : SC_OK;
}

static void *bargain_worker(void *arg)
{
    bargain_job *J = arg;
    const sc_bargain_params *bp = J->bp;
    for (size_t t = J->w; t < J->items && J->rc == SC_OK; t += J->nw) {
        /* the flag is set by a signal handler in another thread: an atomic load, which a plain
         * read of a volatile sig_atomic_t is not across threads */
        if (bp->cancel && __atomic_load_n(bp->cancel, __ATOMIC_RELAXED)) {
            break;
        }
        sc_status rc = t == 0 ? bargain_smp(J) : bargain_eum(J, (t - 1) / 2, (int)((t - 1) % 2));
        if (rc == SC_ELIMIT) {
            break; /* the flag stopped the run under way: it is not done */
        }
        J->rc = rc;
        size_t d = __atomic_add_fetch(J->done, 1, __ATOMIC_RELAXED);
        if (J->w == 0 && bp->progress) {
            bp->progress(d, J->items, bp->progress_ctx);
        }
    }
    return NULL;
}

sc_status sc_bargain_run(const sc_scenario *s, const sc_bargain_params *params,
                         sc_bargain_result **out, sc_diag *diag)
{
    *out = NULL;
    sc_bargain_params defaults;
    sc_bargain_params_init(&defaults);
    const sc_bargain_params *bp = params ? params : &defaults;
    size_t m = sc_scenario_issue_count(s);
    sc_bargain_result *r = calloc(1, sizeof *r);
    if (!r || !(r->issues = calloc(m ? m : 1, sizeof *r->issues))) {
        sc_bargain_result_free(r);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    r->n = m;
    sc_eum_params ep;
    sc_eum_params_init(&ep);
    sc_status rc = sc_eum_params_from_scenario(s, &ep, diag);
    sc_smp_params sp;
    sc_smp_params_init(&sp);
    if (rc == SC_OK) {
        rc = sc_smp_params_from_scenario(s, &sp, diag);
    }
    if (rc != SC_OK) {
        sc_bargain_result_free(r);
        return rc;
    }
    /* the flag reaches the runs themselves: Ctrl-C stops the one under way, not only the next */
    ep.cancel = bp->cancel;
    sp.cancel = bp->cancel;
    for (size_t j = 0; j < m; j++) {
        sc_bargain_issue *bi = &r->issues[j];
        bi->issue = j;
        bi->done[SC_BARGAIN_BASELINE] = 1; /* no run: the weighted median */
        for (int k = 0; k < SC_BARGAIN_MODELS; k++) {
            bi->forecast[k] = bi->range_lo[k] = bi->range_hi[k] = (double)NAN;
            bi->outcome[k] = NULL;
        }
        double mean = 0, median = 0;
        if (sc_scenario_issue_baseline(s, j, &mean, &median, NULL) == SC_OK) {
            bi->forecast[SC_BARGAIN_BASELINE] = bi->range_lo[0] = bi->range_hi[0] = median;
            bi->outcome[SC_BARGAIN_BASELINE] = "no bargaining";
        }
    }
    /* the models' runs, on the workers */
    size_t items = 1 + 2 * m, done = 0;
    unsigned nw = bp->threads ? bp->threads : sc_threads_default();
    if (nw > items) {
        nw = (unsigned)items;
    }
    bargain_job *jobs = calloc(nw, sizeof *jobs);
    if (!jobs) {
        sc_bargain_result_free(r);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (unsigned w = 0; w < nw; w++) {
        /* one worker: the EUM's own threads as the caller set them; several: they share none */
        jobs[w] = (bargain_job){s,     &ep,  &sp,  bp,   r,     items, w,
                                nw,    nw > 1 ? 1 : bp->threads, &done, SC_OK};
    }
    sc__run_parallel(bargain_worker, jobs, sizeof *jobs, nw);
    for (unsigned w = 0; w < nw; w++) {
        if (jobs[w].rc != SC_OK) {
            rc = jobs[w].rc;
        }
    }
    free(jobs);
    if (rc != SC_OK) {
        sc_bargain_result_free(r);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    r->runs = items;
    r->runs_done = done;
    /* the spread and the verdicts, of the runs done */
    for (size_t j = 0; j < m; j++) {
        sc_bargain_issue *bi = &r->issues[j];
        bi->lo = HUGE_VAL;
        bi->hi = -HUGE_VAL;
        for (int k = 0; k < SC_BARGAIN_MODELS; k++) {
            if (!isnan(bi->forecast[k])) {
                bi->lo = fmin(bi->lo, bi->forecast[k]);
                bi->hi = fmax(bi->hi, bi->forecast[k]);
            }
        }
        if (bi->lo > bi->hi) {
            bi->lo = bi->hi = (double)NAN;
        }
        rc = sc_agreement_winset(s, j, &bi->winset, diag);
        if (rc != SC_OK) {
            sc_bargain_result_free(r);
            return rc;
        }
        for (int k = 0; k < SC_BARGAIN_MODELS; k++) {
            bi->verdict[k] = sc_agreement_judge(s, j, &bi->winset, bi->forecast[k]);
        }
    }
    *out = r;
    if (done < items) {
        return sc__diag_set(diag, SC_ELIMIT, "cancelled after %zu of %zu model runs", done,
                            items);
    }
    return SC_OK;
}

/* ---- the probability of agreement across draws ---------------------------------------------- */

/* The models drawn: every model of the one forecast (baseline, both EUM readings, the SMP). */
#define SC_ODDS_MODELS SC_BARGAIN_MODELS

/* What one draw gives on one issue. */
typedef struct odds_cell {
    signed char covered, exists;
    signed char settles[SC_ODDS_MODELS];
    double forecast[SC_ODDS_MODELS];
} odds_cell;

typedef struct odds_job {
    const sc_scenario *s; /* as given */
    const sc_state *state;
    const sc_eum_params *ep;
    const sc_smp_params *sp;
    uint64_t seed;
    size_t runs, m, w, nw;
    odds_cell *cells; /* runs * m, draw-major */
    sc_status rc;
    char message[SC_DIAG_MESSAGE_MAX];
} odds_job;

/* The SMP of one drawn state, every issue a dimension, into cells[j].forecast (the issue's
 * scale); an SMP that cannot run on the draw (e.g. too few actors) leaves NAN, as in the report. */
static sc_status odds_smp(const sc_scenario *d, const sc_smp_params *sp, odds_cell *cells,
                          sc_diag *diag)
{
    sc_smp_input *in = NULL;
    sc_smp_result *sr = NULL;
    sc_diag local;
    sc_diag_init(&local);
    sc_status rc = sc_smp_input_from_scenario(d, &in, &local);
    if (rc == SC_OK) {
        rc = sc_smp_run(in, sp, &sr, &local);
    }
    if (rc == SC_OK) {
        for (size_t k = 0; k < in->m; k++) {
            long j = sc_scenario_issue_index(d, in->dim[k]);
            const sc_issue *is = sc_scenario_issue(d, (size_t)j);
            cells[j].forecast[SC_BARGAIN_SMP] =
                is->scale_min + (is->scale_max - is->scale_min) * sr->forecast[k];
        }
    }
    sc_smp_result_free(sr);
    sc_smp_input_free(in);
    if (rc == SC_ENOMEM) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    return SC_OK;
}

static void *odds_worker(void *arg)
{
    odds_job *J = arg;
    for (size_t k = J->w; k < J->runs && J->rc == SC_OK; k += J->nw) {
        sc_rng rng;
        sc_rng_init(&rng, J->seed, k);
        sc_scenario *drawn = NULL, *d = NULL;
        sc_diag local;
        sc_diag_init(&local);
        /* draw the scenario as given, then apply the state: the events' and the variant's shifts
         * move the drawn values (sampling a state's copy would draw around the given values) */
        sc_status rc = sc_scenario_sample(J->s, &rng, &drawn, &local);
        if (rc == SC_OK) {
            rc = sc_scenario_at(drawn, J->state, &d, &local);
        }
        sc_scenario_free(drawn);
        for (size_t j = 0; j < J->m; j++) {
            for (int q = 0; q < SC_ODDS_MODELS; q++) {
                J->cells[k * J->m + j].forecast[q] = (double)NAN;
            }
        }
        if (rc == SC_OK) {
            rc = odds_smp(d, J->sp, J->cells + k * J->m, &local);
        }
        for (size_t j = 0; j < J->m && rc == SC_OK; j++) {
            odds_cell *c = &J->cells[k * J->m + j];
            double mean = 0, median = 0;
            if (sc_scenario_issue_baseline(d, j, &mean, &median, NULL) == SC_OK) {
                c->forecast[0] = median;
            }
            for (int v = 0; v < 2 && rc == SC_OK; v++) {
                sc_eum_params p = *J->ep;
                p.variant = (sc_eum_variant)v;
                p.threads = 1;
                sc_eum_result *er = NULL;
                const char **ids = NULL;
                sc_diag e;
                sc_diag_init(&e);
                sc_status erc = sc_eum_run_scenario(d, j, &p, &er, &ids, &e);
                if (erc == SC_OK) {
                    c->forecast[v == 0 ? SC_BARGAIN_EUM_SCHOLZ : SC_BARGAIN_EUM_PRINTED] =
                        er->forecast;
                } else if (erc == SC_ENOMEM) {
                    rc = sc__diag_set(&local, SC_ENOMEM, "out of memory");
                }
                sc_free((void *)ids);
                sc_eum_result_free(er);
            }
            sc_winset ws;
            if (rc == SC_OK) {
                rc = sc_agreement_winset(d, j, &ws, &local);
            }
            if (rc == SC_OK) {
                c->covered = (signed char)(ws.covered != 0);
                c->exists = (signed char)(ws.covered && ws.exists);
                for (int q = 0; q < SC_ODDS_MODELS; q++) {
                    c->settles[q] = (signed char)(
                        !isnan(c->forecast[q]) &&
                        sc_agreement_judge(d, j, &ws, c->forecast[q]).verdict ==
                            SC_AGREEMENT_SETTLEMENT);
                }
            }
        }
        sc_scenario_free(d);
        if (rc != SC_OK) {
            J->rc = rc;
            snprintf(J->message, sizeof J->message, "%s", local.message);
        }
    }
    return NULL;
}

void sc_bargain_odds_free(sc_bargain_odds *o)
{
    if (o) {
        free(o->issues);
        free(o);
    }
}

sc_status sc_bargain_odds_run(const sc_scenario *s, const sc_state *state, size_t runs,
                              uint64_t seed, unsigned threads, sc_bargain_odds **out,
                              sc_diag *diag)
{
    *out = NULL;
    if (runs == 0 || runs > 10000000) {
        return sc__diag_set(diag, SC_ERANGE, "draws must be 1 to 10000000 (got %zu)", runs);
    }
    size_t m = sc_scenario_issue_count(s);
    sc_eum_params ep;
    sc_eum_params_init(&ep);
    sc_status rc = sc_eum_params_from_scenario(s, &ep, diag);
    sc_smp_params sp;
    sc_smp_params_init(&sp);
    if (rc == SC_OK) {
        rc = sc_smp_params_from_scenario(s, &sp, diag);
    }
    if (rc != SC_OK) {
        return rc;
    }
    sp.threads = 1; /* the draws already share the workers */
    sc_bargain_odds *o = calloc(1, sizeof *o);
    odds_cell *cells = m ? calloc(runs * m, sizeof *cells) : NULL;
    double *v = malloc(runs * sizeof *v);
    if (!o || !(o->issues = calloc(m ? m : 1, sizeof *o->issues)) || (m && !cells) || !v) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    o->runs = runs;
    o->seed = seed;
    o->n = m;
    unsigned nw = threads ? threads : sc_threads_default(); /* affinity and cgroup quota */
    if (nw > runs) {
        nw = (unsigned)runs;
    }
    odds_job *jobs = calloc(nw, sizeof *jobs);
    if (!jobs) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (unsigned w = 0; w < nw; w++) {
        jobs[w] = (odds_job){.s = s, .state = state, .ep = &ep, .sp = &sp,
                             .seed = seed, .runs = runs, .m = m, .w = w,
                             .nw = nw, .cells = cells, .rc = SC_OK};
    }
    /* draw k depends on (seed, k) alone and lands in its own cells: any worker count gives the
     * same numbers */
    sc__run_parallel(odds_worker, jobs, sizeof *jobs, nw);
    for (unsigned w = 0; w < nw && rc == SC_OK; w++) {
        if (jobs[w].rc != SC_OK) {
            rc = sc__diag_set(diag, jobs[w].rc, "%s", jobs[w].message);
        }
    }
    free(jobs);
    if (rc != SC_OK) {
        goto done;
    }
    for (size_t j = 0; j < m; j++) {
        sc_bargain_odds_issue *oi = &o->issues[j];
        oi->issue = j;
        size_t covered = 0, exists = 0, settles[SC_ODDS_MODELS] = {0};
        for (size_t k = 0; k < runs; k++) {
            const odds_cell *c = &cells[k * m + j];
            covered += (size_t)c->covered;
            exists += (size_t)c->exists;
            for (int q = 0; q < SC_ODDS_MODELS; q++) {
                settles[q] += (size_t)c->settles[q];
            }
        }
        /* the veto players are the scenario's, whatever the draw: covered in all or none */
        oi->covered = covered == runs;
        for (int q = 0; q < SC_BARGAIN_MODELS; q++) {
            oi->p_settlement[q] = oi->q10[q] = oi->q50[q] = oi->q90[q] = (double)NAN;
        }
        oi->p_winset = oi->p_winset_lo = oi->p_winset_hi = (double)NAN;
        if (oi->covered) {
            oi->p_winset = (double)exists / (double)runs;
            sc_wilson_interval(exists, runs, 0.95, &oi->p_winset_lo, &oi->p_winset_hi);
        }
        for (int q = 0; q < SC_ODDS_MODELS; q++) {
            size_t nv = 0;
            for (size_t k = 0; k < runs; k++) {
                double f = cells[k * m + j].forecast[q];
                if (!isnan(f)) {
                    v[nv++] = f;
                }
            }
            if (oi->covered) {
                oi->p_settlement[q] = (double)settles[q] / (double)runs;
            }
            if (nv) {
                gsl_sort(v, 1, nv);
                oi->q10[q] = gsl_stats_quantile_from_sorted_data(v, 1, nv, 0.1);
                oi->q50[q] = gsl_stats_quantile_from_sorted_data(v, 1, nv, 0.5);
                oi->q90[q] = gsl_stats_quantile_from_sorted_data(v, 1, nv, 0.9);
            }
        }
    }
    *out = o;
    o = NULL;
done:
    free(v);
    free(cells);
    sc_bargain_odds_free(o);
    return rc;
}
