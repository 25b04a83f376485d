/* test_scenario.c - scenario files: every key, binding by id and name, defaults, extends, --set,
 * conditions, calendars, and the one-line errors that name file, line and key. */
#define _XOPEN_SOURCE 700 /* realpath, mkdtemp */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "flujo_bpmn.h"
#include "flujo_scenario.h"
#include "scenario/scenario_int.h"
#include "test_helpers.h"

#include <unistd.h>

static char fixtures[PATH_MAX];
static char dir[64];
static int n_files;

/* Writes text to a new scenario file in a temporary directory; "@F" stands for the absolute
 * fixtures directory. Returns its path (static buffer). */
static const char *write_scenario(const char *text)
{
    static char path[PATH_MAX + 64];
    snprintf(path, sizeof(path), "%s/s%d.yaml", dir, ++n_files);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (const char *p = text; *p; p++) {
        if (p[0] == '@' && p[1] == 'F') {
            fputs(fixtures, f);
            p++;
        } else {
            fputc(*p, f);
        }
    }
    fclose(f);
    return path;
}

static flujo_scenario_t *load_ok(const char *text, const char *const *sets, size_t n)
{
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    flujo_status_t st = flujo_scenario_load(write_scenario(text), sets, n, &s, &err);
    if (st != FLUJO_OK) {
        print_error("%s\n", err.msg);
    }
    assert_int_equal(st, FLUJO_OK);
    return s;
}

/* Loads text that must fail; returns the message (static). */
static const char *load_fails(const char *text, flujo_status_t want)
{
    static flujo_err_t err;
    flujo_scenario_t *s = (flujo_scenario_t *)0x1;
    memset(&err, 0, sizeof(err));
    flujo_status_t st = flujo_scenario_load(write_scenario(text), NULL, 0, &s, &err);
    assert_int_equal(st, want);
    assert_ptr_equal(s, (flujo_scenario_t *)0x1);
    assert_null(strchr(err.msg, '\n'));
    return err.msg;
}

#define HEAD  "flujo: 1\nmodel: @F/unlabelled_split.bpmn\n"
#define BENCH "flujo: 1\nmodel: @F/bench/reference.bpmn\n"

static int setup(void **state)
{
    (void)state;
    assert_non_null(realpath(FIXTURES, fixtures));
    snprintf(dir, sizeof(dir), "/tmp/flujo-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static size_t pool_of(const flujo_scenario_t *s, const char *id)
{
    return (size_t)s->tasks[flujo_model_find_node(s->model, id)].pool;
}

static void scenario__full_file__every_key_bound(void **state)
{
    (void)state;
    flujo_scenario_t *s = load_ok(
        "flujo: 1\n"
        "name: Licencia — as-is\n"
        "description: a test\n"
        "model: @F/full.bpmn\n"
        "start: 2026-03-02\n"
        "seed: 42\n"
        "replications: 5\n"
        "warmup: 2bd\n"
        "horizon: 20bd\n"
        "calendars:\n"
        "  oficina: {week: {mon-fri: [\"08:00-13:00\", \"14:00-16:45\"]}, holidays: [peru, "
        "2026-11-04]}\n"
        "  firma:   {week: {lun-vie: [\"16:00-16:30\"]}, holidays: peru}\n"
        "  siempre: always\n"
        "legal_calendar: oficina\n"
        "arrivals:\n"
        "  - at: Solicitud presentada\n"
        "    interarrival: exponential(40m)\n"
        "    calendar: oficina\n"
        "    priority: 2\n"
        "    attributes: {riesgo: {bajo: 0.55, medio: 0.30, alto: 0.12, muy_alto: 0.03}}\n"
        "resources:\n"
        "  Mesa de Partes: {count: 3, calendar: oficina, cost_per_hour: 12.5}\n"
        "  Inspectores: {count: 4, queue: edd, calendar: siempre}\n"
        "  Gerencia: {count: 2, calendar: firma}\n"
        "  Ciudadano: {count: unlimited}\n"
        "tasks:\n"
        "  Verificar requisitos: {duration: triangular(9m, 15m, 30m), asme: inspección, "
        "value_added: false}\n"
        "  inspect: {duration: pert(1.5h, 3h, 6h), resource: {Inspectores: 2}, error: 0.05, "
        "instances: 2}\n"
        "  script: {loop: 0.2, loop_max: 3, deadline: 7bd}\n"
        "gateways:\n"
        "  ¿Completo?: {Sí: \"riesgo in [bajo, medio] or riesgo == alto\", No: else}\n"
        "  or_split: {Técnico: 0.6, Legal: 0.7}\n"
        "events:\n"
        "  10 días: {duration: uniform(1bd, 2bd)}\n"
        "  b_timer: {at: [\"15:00\", \"11:00\"], calendar: oficina}\n"
        "sla:\n"
        "  deadline: 8bd\n"
        "  grace: 5bd\n"
        "  silence: positivo\n"
        "  pause_in: [Ciudadano]\n",
        NULL, 0);
    const flujo_model_t *m = s->model;
    assert_string_equal(s->name, "Licencia — as-is");
    assert_int_equal(s->seed, 42);
    assert_int_equal(s->replications, 5);
    long start;
    assert_true(flujo_parse_date("2026-03-02", &start));
    assert_int_equal(s->start_day, start);
    /* 2 business days from Monday 2026-03-02 00:00 on the office calendar: Wednesday 00:00 */
    assert_close(s->warmup_end, 2 * 86400, 1e-6);
    assert_true(s->arrivals_end > s->warmup_end + 20 * 86400);
    assert_string_equal(flujo_calendar_name(s->calendars[s->legal_calendar]), "oficina");
    assert_int_equal(s->n_arrivals, 1);
    assert_int_equal(s->arrivals[0].start, flujo_model_find_node(m, "start"));
    assert_close(s->arrivals[0].priority, 2, 0);
    assert_int_equal(s->n_attrs, 1);
    assert_int_equal(s->attrs[0].n, 4);
    assert_close(s->arrivals[0].attr_cum[0][1], 0.85, 1e-12);
    size_t mesa = pool_of(s, "review");
    assert_string_equal(s->pools[mesa].name, "Mesa de Partes");
    assert_int_equal(s->pools[mesa].count, 3);
    assert_close(s->pools[mesa].cost_per_hour, 12.5, 0);
    assert_false(s->pools[mesa].assumed);
    size_t insp = pool_of(s, "inspect");
    assert_int_equal(s->pools[insp].queue, FLUJO_QUEUE_EDD);
    const flujo_task_t *t = &s->tasks[flujo_model_find_node(m, "inspect")];
    assert_int_equal(t->units, 2);
    assert_int_equal(t->instances, 2);
    assert_close(t->error, 0.05, 0);
    assert_int_equal(t->error_boundary, flujo_model_find_node(m, "b_err"));
    const flujo_task_t *rv = &s->tasks[flujo_model_find_node(m, "review")];
    assert_string_equal(rv->asme, "inspeccion");
    assert_int_equal(rv->value_added, 0);
    assert_close(rv->duration.p[1], 900, 0);
    const flujo_task_t *sc = &s->tasks[flujo_model_find_node(m, "script")];
    assert_close(sc->loop, 0.2, 0);
    assert_int_equal(sc->loop_max, 3);
    assert_close(sc->deadline, 7 * 86400, 0);
    assert_int_equal(s->tasks[flujo_model_find_node(m, "call")].called_process, 1);
    /* the pool of a lane not under resources is assumed, with a note */
    assert_true(s->pools[pool_of(s, "brt")].assumed);
    const flujo_split_t *g = &s->gateways[flujo_model_find_node(m, "gw_ok")];
    assert_int_equal(g->route, FLUJO_ROUTE_COND);
    int values[1] = {2}; /* alto */
    assert_true(flujo__cond_eval(g->cond[0], values));
    values[0] = 3; /* muy_alto */
    assert_false(flujo__cond_eval(g->cond[0], values));
    assert_null(g->cond[1]); /* else */
    const flujo_split_t *o = &s->gateways[flujo_model_find_node(m, "or_split")];
    assert_int_equal(o->route, FLUJO_ROUTE_PROB);
    assert_close(o->prob[1], 0.7, 0);
    const flujo_delay_t *e = &s->events[flujo_model_find_node(m, "c_timer")];
    assert_true(e->has_delay);
    assert_int_equal(e->delay.clock, FLUJO_CLOCK_BDAYS);
    const flujo_delay_t *bt = &s->events[flujo_model_find_node(m, "b_timer")];
    assert_int_equal(bt->n_at, 2);
    assert_close(bt->at[0], 11 * 3600, 0); /* sorted */
    assert_true(s->sla.set);
    assert_close(s->sla.deadline, 8 * 86400, 0);
    assert_int_equal(s->sla.silence, FLUJO_SILENCE_POSITIVE);
    flujo_scenario_free(s);
}

static void scenario__bare_model__documented_defaults_as_notes(void **state)
{
    (void)state;
    char path[PATH_MAX + 64];
    snprintf(path, sizeof(path), "%s/../../models/tramite_documentario/expediente_simple.bpmn",
             fixtures);
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_load(path, NULL, 0, &s, &err), FLUJO_OK);
    const char *codes[] = {"default-replications", "default-warmup",   "default-horizon",
                           "default-pool",         "default-duration", "default-gateway",
                           "default-arrivals"};
    assert_int_equal(s->notes.n, 7);
    for (size_t i = 0; i < 7; i++) {
        assert_string_equal(s->notes.items[i].code, codes[i]);
    }
    assert_int_equal(s->replications, 10);
    assert_int_equal(s->n_pools, 4);
    /* the default arrival rate loads the busiest unit to 70% */
    flujo_capacity_t cap;
    assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
    assert_close(cap.rho[cap.busiest], 0.7, 1e-9);
    flujo_capacity_destroy(&cap);
    flujo_scenario_free(s);
}

static void scenario__extends_and_set__deep_merge_then_override(void **state)
{
    (void)state;
    const char *base = write_scenario(BENCH "name: base\nseed: 7\nresources:\n"
                                            "  Intake: {count: 2, cost_per_hour: 10}\n"
                                            "  Review: {count: 2}\n"
                                            "arrivals:\n  - interarrival: exponential(1h)\n");
    char text[512];
    snprintf(text, sizeof(text),
             "flujo: 1\nextends: %s\nname: derived\nresources:\n  Intake: {count: 3}\n", base);
    const char *sets[] = {"resources.Review.count=5", "seed=9",
                          "resources.Nuevo pool={count: 2, new: true}"};
    flujo_scenario_t *s = load_ok(text, sets, 3);
    assert_string_equal(s->name, "derived");
    assert_int_equal(s->seed, 9);
    size_t intake = pool_of(s, "T1");
    assert_int_equal(s->pools[intake].count, 3);           /* from the file */
    assert_close(s->pools[intake].cost_per_hour, 10, 0);   /* kept from the base */
    assert_int_equal(s->pools[pool_of(s, "T3")].count, 5); /* from --set */
    flujo_scenario_free(s);
}

static void scenario__bind_by_id_and_name__ambiguity_is_an_error(void **state)
{
    (void)state;
    /* two tasks named the same: by name is ambiguous, by id works */
    const char *msg = load_fails("flujo: 1\nmodel: @F/sim/dup_names.bpmn\n"
                                 "arrivals: [{interarrival: 1h}]\n"
                                 "tasks:\n  Revisar: {duration: 1h}\n",
                                 FLUJO_ESCENARIO);
    assert_contains(msg, ":5: tasks.Revisar: 2 tasks are named 'Revisar' (a, b)");
    flujo_scenario_t *s = load_ok("flujo: 1\nmodel: @F/sim/dup_names.bpmn\n"
                                  "arrivals: [{interarrival: 1h}]\n"
                                  "tasks:\n  a: {duration: 2h}\n",
                                  NULL, 0);
    assert_close(s->tasks[flujo_model_find_node(s->model, "a")].duration.p[0], 7200, 0);
    flujo_scenario_free(s);
}

static void scenario__bad_inputs__one_line_naming_file_line_key(void **state)
{
    (void)state;
    struct {
        const char *text;
        const char *msg;
    } cases[] = {
        {HEAD "resourcez: {x: 1}\n", ":3: resourcez: unknown key (did you mean 'resources'?)"},
        {HEAD "tasks:\n  Revisr: {duration: 1h}\n",
         ":4: tasks.Revisr: the model has no task with this id or name"},
        {HEAD "gateways:\n  g: {f2: 0.3, f3: 0.3, f4: 0.2, Sí: 0.1}\n",
         ":4: gateways.g: the probabilities add up to 0.9, not 1"},
        {HEAD "tasks:\n  a: {duration: triangular(5m, 1m, 2m)}\n",
         ":4: tasks.a.duration: triangular(5m, 1m, 2m): needs 0 <= min <= mode <= max"},
        {HEAD "resources:\n  p: {count: -2}\n",
         ":4: resources.p.count: a pool needs a whole number of performers, at least 1"},
        {"flujo: 1\nmodel: no-such-model.bpmn\n", ":2: model: "},
        {HEAD "gateways:\n  g: {f2: 1, f9: 0}\n",
         "'f9' is not an outgoing flow of this gateway; its flows are: f2, f3, f4, 'Sí' (f5)"},
        {HEAD "gateways:\n  g: {Sí: \"riesgo in [bajo]\"}\n", "no case attribute 'riesgo'"},
        {HEAD "tasks:\n  a: {error: 0.1}\n", "has no error boundary event"},
        {HEAD "tasks:\n  a: {instances: 3}\n", "is not a multi-instance activity"},
        {HEAD "tasks:\n  a: {resource: Nadie}\n", "no pool named 'Nadie'"},
        {HEAD "tasks:\n  a: {resource: {Equipo: 3}}\nresources:\n  Equipo: 2\n",
         ":4: tasks.a: needs 3 performers of 'Equipo' at once, which has 2: it could never start"},
        {HEAD "arrivals:\n  - {interarrival: 1h, background: yes}\n",
         ":4: arrivals[1].background: expected true or false, not 'yes'"},
        {HEAD "sla: {deadline: 8bd, until: Notificado}\n",
         ":3: sla.until: the model has no node with this id or name"},
        {HEAD "calendars:\n  c: {week: {mon-fry: [\"08:00-13:00\"]}}\n",
         ":4: calendars.c.week.mon-fry: unknown days"},
        {HEAD "calendars:\n  c: {week: {mon: [\"13:00-08:00\"]}}\n", "is not an interval"},
        {HEAD "sla: {deadline: 8h}\n", ":3: sla.deadline: the plazo is counted in business days"},
        {HEAD "arrivals:\n  - interarrival: exponential(0h)\n", "the mean must be positive"},
        {HEAD "replications: 1\n", ":3: replications: expected a whole number from 2"},
        {HEAD "start: 2026-02-30\n", ":3: start: '2026-02-30' is not a date"},
        {HEAD "seed: 1\nseed: 2\n", ":4: duplicate key 'seed' (first at line 3)"},
        {"flujo: 2\nmodel: x.bpmn\n", ":1: flujo: this flujo reads scenario format 1, not '2'"},
        {"model: x.bpmn\n", ":1: missing 'flujo: 1'"},
        {"", ":1: empty scenario"},
        {"- a\n- b\n", ":1: a scenario is a map"},
        {HEAD "---\nflujo: 1\n", "a second document"},
        {HEAD "name: [unclosed\n", "YAML syntax error"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        /* YAML that libyaml cannot read is a syntax error; the rest are scenario errors */
        bool syntax = strstr(cases[i].msg, "YAML") != NULL || strstr(cases[i].msg, "duplicate") ||
                      strstr(cases[i].msg, "second document");
        const char *msg = load_fails(cases[i].text, syntax ? FLUJO_EPARSE : FLUJO_ESCENARIO);
        if (strstr(msg, cases[i].msg) == NULL) {
            print_error("case %zu: '%s' lacks '%s'\n", i, msg, cases[i].msg);
            fail();
        }
    }
}

static void scenario__alias_bomb__refused_at_the_node_limit(void **state)
{
    (void)state;
    const char *msg = load_fails("flujo: 1\nmodel: x.bpmn\n"
                                 "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                                 "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                 "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                                 "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                                 "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                                 "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
                                 FLUJO_ELIMIT);
    assert_contains(msg, "expands to more than 200000 nodes");
}

static void scenario__set__bad_override_is_usage_error(void **state)
{
    (void)state;
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    const char *path = write_scenario(BENCH "arrivals: [{interarrival: 1h}]\n");
    const char *bad[] = {"novalue"};
    assert_int_equal(flujo_scenario_load(path, bad, 1, &s, &err), FLUJO_EUSAGE);
    assert_contains(err.msg, "expected KEY=VALUE");
    const char *cross[] = {"flujo.x=1"};
    assert_int_equal(flujo_scenario_load(path, cross, 1, &s, &err), FLUJO_EUSAGE);
    assert_contains(err.msg, "is not a map");
    const char *typo[] = {"resources.Intake.cuont=3"};
    assert_int_equal(flujo_scenario_load(path, typo, 1, &s, &err), FLUJO_ESCENARIO);
    assert_contains(err.msg, "--set: resources.Intake.cuont: unknown key (did you mean 'count'?)");
    assert_null(s);
}

/* The diagnostic of code `code` among the findings, or NULL. */
static const flujo_diag_t *finding(const flujo_findings_t *fi, const char *code)
{
    for (size_t i = 0; i < fi->diags.n; i++) {
        if (strcmp(fi->diags.items[i].code, code) == 0) {
            return &fi->diags.items[i];
        }
    }
    return NULL;
}

static void scenario_check__routed_split__no_warning_and_capacity_computed(void **state)
{
    (void)state;
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_load(FIXTURES "/unlabelled_split.yaml", NULL, 0, &s, &err),
                     FLUJO_OK);
    flujo_findings_t fi;
    assert_int_equal(flujo_scenario_check(s, &fi, &err), FLUJO_OK);
    assert_null(finding(&fi, "unlabelled-split")); /* the scenario gives its probabilities */
    assert_true(fi.has_capacity);
    assert_int_equal(flujo_diags_count(&fi.diags, FLUJO_SEV_ERROR), 0);
    flujo_findings_destroy(&fi);
    /* the bare model still warns: nothing routes its split */
    flujo_model_t *m = NULL;
    flujo_diags_t d;
    flujo_diags_init(&d);
    assert_int_equal(flujo_bpmn_read(FIXTURES "/unlabelled_split.bpmn", &m, &err), FLUJO_OK);
    assert_int_equal(flujo_model_check(m, &d, NULL, NULL, &err), FLUJO_OK);
    bool warned = false;
    for (size_t i = 0; i < d.n; i++) {
        warned = warned || strcmp(d.items[i].code, "unlabelled-split") == 0;
    }
    assert_true(warned);
    flujo_diags_destroy(&d);
    flujo_model_free(m);
    flujo_scenario_free(s);
}

static void scenario_check__loads__overloaded_error_high_load_warning_naming_scenario(void **state)
{
    (void)state;
    /* one case an hour; Notification (1 performer, T5) at 1.6 h per case is offered 160%, at
     * 0.88 h 88%; the other pools stay at 80% */
    const char *over[] = {"tasks.T5.duration=exponential(1.6h)"};
    const char *high[] = {"tasks.T5.duration=exponential(0.88h)"};
    flujo_err_t err = {0};
    flujo_scenario_t *s = NULL;
    assert_int_equal(flujo_scenario_load(FIXTURES "/bench/reference.yaml", over, 1, &s, &err),
                     FLUJO_OK);
    flujo_findings_t fi;
    assert_int_equal(flujo_scenario_check(s, &fi, &err), FLUJO_OK);
    const flujo_diag_t *d = finding(&fi, "overloaded");
    assert_non_null(d);
    assert_int_equal(d->severity, FLUJO_SEV_ERROR);
    assert_string_equal(d->file, FIXTURES "/bench/reference.yaml");
    assert_contains(d->message, "'Notification' is offered 160%");
    assert_contains(d->message, "it needs 1 more performer");
    flujo_findings_destroy(&fi);
    flujo_scenario_free(s);
    assert_int_equal(flujo_scenario_load(FIXTURES "/bench/reference.yaml", high, 1, &s, &err),
                     FLUJO_OK);
    assert_int_equal(flujo_scenario_check(s, &fi, &err), FLUJO_OK);
    assert_null(finding(&fi, "overloaded"));
    d = finding(&fi, "high-load");
    assert_non_null(d);
    assert_int_equal(d->severity, FLUJO_SEV_WARNING);
    assert_contains(d->message, "'Notification' is loaded to 88%");
    flujo_findings_destroy(&fi);
    flujo_scenario_free(s);
}

static void scenario_check__endless_loop__one_error_no_capacity(void **state)
{
    (void)state;
    flujo_err_t err = {0};
    flujo_scenario_t *s = NULL;
    assert_int_equal(
        flujo_scenario_load("tests/bad/yaml_loop_probability_one.yaml", NULL, 0, &s, &err),
        FLUJO_OK);
    flujo_findings_t fi;
    assert_int_equal(flujo_scenario_check(s, &fi, &err), FLUJO_OK);
    assert_false(fi.has_capacity);
    const flujo_diag_t *d = finding(&fi, "endless-loop");
    assert_non_null(d);
    assert_int_equal(d->severity, FLUJO_SEV_ERROR);
    assert_contains(d->message, "a loop that is never left");
    assert_int_equal(fi.n_cycles, 1); /* the rework loop itself */
    flujo_findings_destroy(&fi);
    flujo_scenario_free(s);
}

#define ARR "arrivals: [{interarrival: 1h}]\n"

static void scenario__unused_names__typos_refused_references_kept(void **state)
{
    (void)state;
    struct {
        const char *text;
        const char *msg;
    } bad[] = {
        {BENCH ARR "resources:\n  Intak: 2\n",
         ":5: resources.Intak: no lane or participant of the model is named 'Intak' and no "
         "task's resource: names it (did you mean 'Intake'?); write new: true"},
        {BENCH ARR "resources:\n  Review: 2\n  \"Review \": 3\n",
         ":6: resources.Review : another key names pool 'Review' (white space aside)"},
        /* staffing a pool gives it no work: still a typo */
        {BENCH ARR "resources:\n  Revisores: 2\nredesign:\n  - staff: {Revisores: +1}\n",
         ":5: resources.Revisores: no lane or participant"},
        {BENCH ARR "calendars:\n  turno: {week: {mon-fri: [\"08:00-16:00\"]}}\n",
         ":5: calendars.turno: no pool, arrival, event, legal_calendar or redesign uses this "
         "calendar; write new: true"},
        {BENCH ARR "resources:\n  X: {count: 1, new: yes}\n",
         ":5: resources.X.new: expected true or false, not 'yes'"},
        {BENCH "arrivals: [{interarrival: 1h, attributes: {riesgo: {alto: 0.5, bajo: 0.5}}}]\n"
               "sla: {deadline: {\"riesg == alto\": 4bd, else: 8bd}}\n",
         "no case attribute 'riesg' (did you mean 'riesgo'?)"},
        {BENCH "arrivals: [{interarrival: 1h, attributes: {riesgo: {alto: 0.5, bajo: 0.5}}}]\n"
               "sla: {deadline: {\"riesgo > 2\": 4bd, else: 8bd}}\n",
         "attribute 'riesgo' has no numeric value to compare with a number (its values: alto, "
         "bajo)"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *msg = load_fails(bad[i].text, FLUJO_ESCENARIO);
        if (strstr(msg, bad[i].msg) == NULL) {
            print_error("case %zu: '%s' lacks '%s'\n", i, msg, bad[i].msg);
            fail();
        }
    }
    /* a pool only a redesign gives work, pools and calendars declared new, a numeric attribute */
    flujo_scenario_t *s = load_ok(
        BENCH
        "arrivals: [{interarrival: 1h, attributes: {monto: {\"1000\": 0.5, \"9000\": 0.5}}}]\n"
        "calendars:\n  turno: {week: {mon-fri: [\"08:00-16:00\"]}, new: true}\n"
        "resources:\n  Plataforma: unlimited\n  Reserva: {count: 2, new: true}\n"
        "sla: {deadline: {\"monto > 5000\": 4bd, else: 8bd}}\n"
        "redesign:\n  - automate: T1 Register\n    duration: 1m\n    resource: Plataforma\n",
        NULL, 0);
    assert_string_equal(s->pools[pool_of(s, "T1")].name, "Plataforma");
    flujo_scenario_free(s);
    /* what a base file uses stays in use where the scenario extending it moves that work */
    const char *base = write_scenario(
        BENCH ARR "calendars:\n  turno: {week: {mon-fri: [\"08:00-16:00\"]}}\n"
                  "resources:\n  Intake: {count: 1, calendar: turno}\n  Ventanilla: 1\n"
                  "tasks:\n  T2 Assess: {resource: Ventanilla}\n");
    char text[512];
    snprintf(text, sizeof(text),
             "flujo: 1\nextends: %s\nresources:\n  Intake: {calendar: always}\n"
             "tasks:\n  T2 Assess: {resource: Intake}\n",
             base);
    s = load_ok(text, NULL, 0);
    assert_string_equal(s->pools[pool_of(s, "T2")].name, "Intake");
    flujo_scenario_free(s);
}

static void scenario__paid_hours__calendar_default_given_value_and_staff_cost(void **state)
{
    (void)state;
    flujo_scenario_t *s = load_ok(
        BENCH ARR "calendars:\n  firma: {week: {mon-fri: [\"16:00-16:30\"]}, holidays: [peru]}\n"
                  "  oficina: {week: {mon-fri: [\"08:00-16:00\"]}}\n"
                  "resources:\n"
                  "  Decision: {count: 1, calendar: firma, cost_per_hour: 40}\n"
                  "  Review: {count: 2, calendar: firma, cost_per_hour: 20, "
                  "paid_hours_per_week: 40}\n"
                  "  Assessment: {count: 3, calendar: oficina, cost_per_hour: 10}\n"
                  "  Intake: {count: unlimited, cost_per_hour: 5}\n",
        NULL, 0);
    size_t dec = pool_of(s, "T4"), rev = pool_of(s, "T3"), ass = pool_of(s, "T2");
    size_t in = pool_of(s, "T1"), note = pool_of(s, "T5");
    assert_close(s->pools[dec].paid_hours_per_week, 2.5, 1e-12); /* 5 × 30 min, holidays aside */
    assert_close(s->pools[rev].paid_hours_per_week, 40, 0);
    assert_close(s->pools[ass].paid_hours_per_week, 40, 1e-12);
    assert_close(s->pools[in].paid_hours_per_week, 0, 0);     /* unlimited: no staff */
    assert_close(s->pools[note].paid_hours_per_week, 168, 0); /* assumed: 24/7 */
    assert_close(flujo_scenario_staff_cost_per_week(s, dec), 1 * 2.5 * 40, 1e-9);
    assert_close(flujo_scenario_staff_cost_per_week(s, rev), 2 * 40 * 20, 1e-9);
    assert_close(flujo_scenario_staff_cost_per_week(s, ass), 3 * 40 * 10, 1e-9);
    assert_close(flujo_scenario_staff_cost_per_week(s, in), 0, 0);
    assert_close(flujo_scenario_staff_cost_per_week(s, note), 0, 0); /* no cost per hour */
    assert_close(flujo_scenario_staff_cost(s), 100 + 1600 + 1200, 1e-9);
    assert_string_equal(s->currency, "PEN");
    flujo_scenario_free(s);
    /* the default follows the calendar a redesign gives; the currency as written */
    s = load_ok(BENCH ARR "currency: USD\n"
                          "calendars:\n  firma: {week: {mon-fri: [\"16:00-16:30\"]}}\n"
                          "  oficina: {week: {mon-fri: [\"08:00-16:00\"]}}\n"
                          "resources:\n  Decision: {count: 1, calendar: firma}\n"
                          "redesign:\n  - calendar: {Decision: oficina}\n",
                NULL, 0);
    assert_close(s->pools[pool_of(s, "T4")].paid_hours_per_week, 40, 1e-12);
    assert_string_equal(s->currency, "USD");
    flujo_scenario_free(s);
    struct {
        const char *text;
        const char *msg;
    } bad[] = {
        {BENCH ARR "resources:\n  Review: {count: 1, paid_hours_per_week: 0}\n",
         ":5: resources.Review.paid_hours_per_week: paid hours per week are more than 0 and at "
         "most 168 (a whole week), not 0"},
        {BENCH ARR "resources:\n  Review: {count: 1, paid_hours_per_week: -8}\n", "not -8"},
        {BENCH ARR "resources:\n  Review: {count: 1, paid_hours_per_week: 200}\n", "not 200"},
        {BENCH ARR "resources:\n  Review: {count: 1, paid_hours_per_week: cuarenta}\n",
         ":5: resources.Review.paid_hours_per_week: 'cuarenta' is not a number"},
        {BENCH ARR "resources:\n  Review: {count: 1, paid_hours_per_week: .nan}\n",
         "'.nan' is not a number"},
        {BENCH ARR "resources:\n  Review: {count: unlimited, paid_hours_per_week: 40}\n",
         ":5: resources.Review.paid_hours_per_week: an unlimited pool has no staff to pay"},
        {BENCH ARR "currency: soles\n", ":4: currency: 'soles' is not a currency code"},
        {BENCH ARR "currency: pen\n", "'pen' is not a currency code"},
        {BENCH ARR "currency: PENN\n", "'PENN' is not a currency code"},
        {BENCH ARR "currency: [PEN]\n", ":4: currency: expected a single value, not a list"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *msg = load_fails(bad[i].text, FLUJO_ESCENARIO);
        if (strstr(msg, bad[i].msg) == NULL) {
            print_error("case %zu: '%s' lacks '%s'\n", i, msg, bad[i].msg);
            fail();
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scenario__full_file__every_key_bound),
        cmocka_unit_test(scenario__bare_model__documented_defaults_as_notes),
        cmocka_unit_test(scenario__extends_and_set__deep_merge_then_override),
        cmocka_unit_test(scenario__bind_by_id_and_name__ambiguity_is_an_error),
        cmocka_unit_test(scenario__bad_inputs__one_line_naming_file_line_key),
        cmocka_unit_test(scenario__alias_bomb__refused_at_the_node_limit),
        cmocka_unit_test(scenario__set__bad_override_is_usage_error),
        cmocka_unit_test(scenario__unused_names__typos_refused_references_kept),
        cmocka_unit_test(scenario__paid_hours__calendar_default_given_value_and_staff_cost),
        cmocka_unit_test(scenario_check__routed_split__no_warning_and_capacity_computed),
        cmocka_unit_test(scenario_check__loads__overloaded_error_high_load_warning_naming_scenario),
        cmocka_unit_test(scenario_check__endless_loop__one_error_no_capacity),
    };
    flujo_lib_init();
    return cmocka_run_group_tests_name("scenario", tests, setup, teardown);
}
