/* load.c - flujo_scenario_load: a scenario file (or a bare model) → parameters bound to model
 * elements, with defaults.
 *
 * The file is read into a tree (yaml.c), merged over the files it extends, overridden by --set,
 * and then walked key by key. Every parameter binds to a model element by id, else by its exact
 * (white-space squeezed) name, and every message names the file, line and key it is about. What
 * the file leaves out gets the documented default, and each default is recorded as a note. */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_bpmn.h"
#include "import/import_int.h"
#include "scenario/load_int.h"

#include <sys/stat.h>

#define MAX_SCENARIO_BYTES ((size_t)16 << 20)

static const char *remember_file(flujo__loader_t *L, const char *path)
{
    flujo_grow((void **)&L->files, &L->cap_files, L->n_files + 1, sizeof(*L->files));
    L->files[L->n_files] = flujo_xstrdup(path);
    return L->files[L->n_files++];
}

/* A relative path resolved against the directory of the file that mentions it. */
static char *relative_to(const char *file, const char *path)
{
    if (path[0] == '/') {
        return flujo_xstrdup(path);
    }
    const char *slash = strrchr(file, '/');
    if (slash == NULL) {
        return flujo_xstrdup(path);
    }
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    flujo_sbuf_addn(&b, file, (size_t)(slash - file + 1));
    flujo_sbuf_add(&b, path);
    return flujo_sbuf_take(&b);
}

/* Reads a scenario file and everything it extends, merged (the file's own keys win). */
static flujo_status_t read_tree(flujo__loader_t *L, const char *path, int depth,
                                flujo__ynode_t **out)
{
    if (depth > FLUJO__MAX_EXTENDS) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO,
                             "%s: extends goes deeper than %d files (a cycle?)", path,
                             FLUJO__MAX_EXTENDS);
    }
    char *buf;
    size_t len;
    flujo_status_t st = flujo_read_file(path, MAX_SCENARIO_BYTES, &buf, &len, L->err);
    if (st != FLUJO_OK) {
        return st;
    }
    const char *file = remember_file(L, path);
    stat(path, &L->chain[depth]);
    flujo__ynode_t *root = NULL;
    st = flujo__yaml_parse(buf, len, file, &root, L->err);
    free(buf);
    if (st != FLUJO_OK) {
        return st;
    }
    if (root == NULL) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO,
                             "%s:1: empty scenario: it needs at least 'flujo: 1' and 'model:'",
                             path);
    }
    if (root->kind != FLUJO__Y_MAP) {
        st = flujo_err_set(L->err, FLUJO_ESCENARIO,
                           "%s:%ld: a scenario is a map of 'key: value' lines", path, root->line);
        flujo__yaml_free(root);
        return st;
    }
    flujo__collect_refs(L, root); /* before a file that extends it overrides them */
    long ei = flujo__yaml_find(root, "extends");
    if (ei >= 0) {
        flujo__ynode_t *ext = root->items[ei];
        if (ext->kind != FLUJO__Y_SCALAR) {
            st = flujo_err_set(L->err, FLUJO_ESCENARIO, "%s:%ld: extends: expected a file name",
                               path, ext->line);
            flujo__yaml_free(root);
            return st;
        }
        char *base_path = relative_to(path, ext->value);
        struct stat sb;
        bool found = stat(base_path, &sb) == 0;
        for (int i = 0; i <= depth && found && st == FLUJO_OK; i++) {
            if (L->chain[i].st_dev == sb.st_dev && L->chain[i].st_ino == sb.st_ino) {
                st = flujo_err_set(L->err, FLUJO_ESCENARIO,
                                   "%s:%ld: extends: %s is already being read (extends goes "
                                   "round in a cycle)",
                                   path, ext->line, ext->value);
            }
        }
        flujo__ynode_t *base = NULL;
        if (st == FLUJO_OK) {
            st = read_tree(L, base_path, depth + 1, &base);
        }
        free(base_path);
        if (st != FLUJO_OK) {
            flujo__yaml_free(root);
            return st;
        }
        root = flujo__yaml_merge(base, root);
    }
    *out = root;
    return FLUJO_OK;
}

/* The keys a scenario may have, in the order the message about an unknown one lists them (the walk
 * below reads them in another order). */
static const char *const top_keys[] = {
    "flujo",  "name",      "kind",           "description",  "model",     "extends",
    "params", "start",     "seed",           "replications", "warmup",    "horizon",
    "cases",  "calendars", "legal_calendar", "arrivals",     "resources", "currency",
    "tasks",  "gateways",  "events",         "sla",          "redesign",  NULL,
};

/* One step of the walk over a scenario: the reader of a top-level key, or a step of binding. */
typedef struct walk_step {
    const char *key; /* the top-level key read, NULL for a step of binding */
    /* reads the key's value (NULL when the scenario does not have it) */
    flujo_status_t (*read)(flujo__loader_t *L, const flujo__ynode_t *x);
    flujo_status_t (*bind)(flujo__loader_t *L); /* the step of binding (key NULL) */
} walk_step_t;

/* The walk, once the model is read: every key in the order its reader must see the ones before it
 * (and the first error reported and the notes of defaults come in this order). A new key is a
 * reader (in a file of its own) and a line here, and its name in top_keys. */
static const walk_step_t walk[] = {
    {NULL, NULL, flujo__bind_calls},
    /* name, start, seed, replications */
    {"name", flujo__key_name, NULL},
    {"kind", flujo__key_kind, NULL},
    {"start", flujo__key_start, NULL},
    {"seed", flujo__key_seed, NULL},
    {"replications", flujo__key_replications, NULL},
    {"currency", flujo__key_currency, NULL},
    /* warm-up and horizon, then calendars sized to cover them; or a number of cases, and the
     * calendars sized once the arrival rate is known (cases_span) */
    {"cases", flujo__key_cases, NULL},
    {"warmup", flujo__key_warmup, NULL},
    {"horizon", flujo__key_horizon, NULL},
    {NULL, NULL, flujo__window_days},
    {"calendars", flujo__key_calendars, NULL},
    {"legal_calendar", flujo__key_legal_calendar, NULL},
    {NULL, NULL, flujo__finish_calendars},
    /* pools, then everything that refers to them */
    {"resources", flujo__key_resources, NULL},
    {"arrivals", flujo__key_arrivals, NULL},
    {"tasks", flujo__key_tasks, NULL},
    {NULL, NULL, flujo__bind_pools},
    {NULL, NULL, flujo__check_units},
    {"gateways", flujo__key_gateways, NULL},
    {"events", flujo__key_events, NULL},
    {"sla", flujo__key_sla, NULL},
    {NULL, NULL, flujo__default_durations},
    {NULL, NULL, flujo__model_conditions},
    {NULL, NULL, flujo__default_gateways},
    {NULL, NULL, flujo__default_events},
    {NULL, NULL, flujo__check_races},
    {"redesign", flujo__key_redesign, NULL},
    /* pools and calendars declared that nothing uses, once the redesign has named its own */
    {NULL, NULL, flujo__check_unused},
    /* what staff are paid, on the calendars the redesign left */
    {NULL, NULL, flujo__default_paid_hours},
    /* multi-instance counts and loop bounds from the model where the scenario gives none */
    {NULL, NULL, flujo__model_loops},
    /* what needs the whole scenario: default arrivals by its capacity, calendars by its cases */
    {NULL, NULL, flujo__default_arrivals},
    {NULL, NULL, flujo__cases_span},
    /* what the model asks that flujo does not simulate with this scenario, named */
    {NULL, NULL, flujo__check_unsimulated},
};

/* flujo: and model: - the format version, then the BPMN model, relative to the scenario. */
static flujo_status_t read_model(flujo__loader_t *L, const char *path, const flujo__ynode_t *root)
{
    flujo_scenario_t *s = L->s;
    flujo_status_t st;
    const flujo__ynode_t *x;
    if ((st = flujo__check_keys(L, root, "", top_keys)) != FLUJO_OK) {
        return st;
    }
    x = flujo__yaml_get(root, "flujo");
    if (x == NULL) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO,
                             "%s:1: missing 'flujo: 1' (the scenario format version)", path);
    }
    if (x->kind != FLUJO__Y_SCALAR || strcmp(x->value, "1") != 0) {
        return flujo__fail(L, x, "flujo", "this flujo reads scenario format 1, not '%s'",
                           x->kind == FLUJO__Y_SCALAR ? x->value : "?");
    }
    x = flujo__yaml_get(root, "model");
    if (x == NULL) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO,
                             "%s:1: missing 'model:' (the BPMN file, relative to the scenario)",
                             path);
    }
    if ((st = flujo__need_scalar(L, x, "model")) != FLUJO_OK) {
        return st;
    }
    char *mp = relative_to(x->file != NULL && x->file[0] != '-' ? x->file : path, x->value);
    flujo_err_t merr = {0};
    st = flujo_bpmn_read(mp, &s->model, &merr);
    free(mp);
    if (st != FLUJO_OK) {
        if (merr.status == FLUJO_EIO) {
            return flujo__fail(L, x, "model", "%s", merr.msg);
        }
        *L->err = merr;
        return st;
    }
    return FLUJO_OK;
}

/* A bare model: the model itself, then the keys its parameters (or --set) gave. */
static flujo_status_t read_bare_model(flujo__loader_t *L, const char *path,
                                      const flujo__ynode_t *root)
{
    flujo_err_t merr = {0};
    flujo_status_t st = flujo_bpmn_read(path, &L->s->model, &merr);
    if (st != FLUJO_OK) {
        *L->err = merr;
        return st;
    }
    return flujo__check_keys(L, root, "", top_keys);
}

/* Errors in the model's structure make any simulation meaningless: the first one fails. */
static flujo_status_t check_model(flujo__loader_t *L)
{
    const flujo_model_t *m = L->s->model;
    for (size_t i = 0; i < m->diags.n; i++) {
        const flujo_diag_t *d = &m->diags.items[i];
        if (d->severity == FLUJO_SEV_ERROR) {
            return flujo_err_set(L->err, FLUJO_EMODEL, "%s:%ld: %s", m->file, d->line, d->message);
        }
    }
    return FLUJO_OK;
}

/* The parameters of every node, at their defaults. */
static void alloc_params(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    s->tasks = flujo_xcalloc(m->n_nodes + 1, sizeof(*s->tasks));
    s->gateways = flujo_xcalloc(m->n_nodes + 1, sizeof(*s->gateways));
    s->events = flujo_xcalloc(m->n_nodes + 1, sizeof(*s->events));
    for (size_t v = 0; v < m->n_nodes; v++) {
        flujo__task_init(&s->tasks[v]);
        s->events[v].calendar = -1;
        s->gateways[v].n = flujo_model_out_degree(m, (int64_t)v);
    }
}

/* The model, then the walk over the keys. */
static flujo_status_t load(flujo__loader_t *L, const char *path, flujo__ynode_t *root)
{
    flujo_status_t st = L->bare ? read_bare_model(L, path, root) : read_model(L, path, root);
    if (st == FLUJO_OK) {
        st = check_model(L);
    }
    if (st != FLUJO_OK) {
        return st;
    }
    alloc_params(L);
    L->path = path;
    L->root = root;
    L->warmup = L->horizon = 0; /* window.c sets them, unless cases: */
    L->warmup_clock = L->horizon_clock = FLUJO_CLOCK_BDAYS;
    for (size_t i = 0; i < sizeof(walk) / sizeof(walk[0]); i++) {
        const walk_step_t *w = &walk[i];
        st = w->key != NULL ? w->read(L, flujo__yaml_get(root, w->key)) : w->bind(L);
        if (st != FLUJO_OK) {
            return st;
        }
    }
    return FLUJO_OK;
}

static bool is_model_path(const char *path)
{
    size_t n = strlen(path);
    return (n > 5 && strcmp(path + n - 5, ".bpmn") == 0) ||
           (n > 4 && strcmp(path + n - 4, ".xml") == 0);
}

/* params: FILE.json - Prosimos parameters under the scenario's own keys (which win). A path from
 * the command line is relative to the working directory, one in a file to that file. */
static flujo_status_t import_params(flujo__loader_t *L, const char *path, flujo__ynode_t **root)
{
    const flujo__ynode_t *x = flujo__yaml_get(*root, "params");
    if (x == NULL) {
        return FLUJO_OK;
    }
    flujo_status_t st = flujo__need_scalar(L, x, "params");
    if (st != FLUJO_OK) {
        return st;
    }
    bool cli = x->file == NULL || x->file[0] == '-';
    char *pp =
        cli ? flujo_xstrdup(x->value) : relative_to(x->file != NULL ? x->file : path, x->value);
    char *buf;
    size_t len;
    flujo_err_t e = {0};
    if (flujo_read_file(pp, MAX_SCENARIO_BYTES, &buf, &len, &e) != FLUJO_OK) {
        free(pp);
        if (cli) { /* the message names the file */
            *L->err = e;
            return e.status;
        }
        return flujo__fail(L, x, "params", "%s", e.msg);
    }
    const char *file = remember_file(L, pp);
    L->imported = file;
    free(pp);
    flujo__ynode_t *conv = NULL;
    st = flujo__prosimos_tree(buf, len, file, &conv, &L->s->notes, L->err);
    free(buf);
    if (st == FLUJO_OK) {
        *root = flujo__yaml_merge(conv, *root);
    }
    return st;
}

flujo_status_t flujo_scenario_load(const char *path, const char *const *sets, size_t n_sets,
                                   flujo_scenario_t **out, flujo_err_t *err)
{
    flujo__loader_t L = {0};
    flujo__ynode_t *root = NULL;
    flujo_status_t st = FLUJO_OK;

    L.err = err;
    flujo_strmap_init(&L.pool_refs);
    flujo_strmap_init(&L.cal_refs);
    L.s = flujo_xcalloc(1, sizeof(*L.s));
    L.s->file = flujo_xstrdup(path);
    flujo_diags_init(&L.s->notes);
    flujo_diags_init(&L.s->changes);
    L.bare = is_model_path(path);
    if (!L.bare) {
        st = read_tree(&L, path, 0, &root);
    } else {
        /* a model run as it is: with the BPSim or QBP parameters it carries, if any, unless
         * other parameters are given (params=FILE) */
        bool params = false;
        for (size_t i = 0; i < n_sets; i++) {
            params = params || strncmp(sets[i], "params=", 7) == 0;
        }
        if (!params) {
            L.imported = remember_file(&L, path);
            st = flujo__bpmn_sim_tree(path, L.imported, &root, &L.s->notes, err);
        }
        if (st == FLUJO_OK && root == NULL) {
            root = flujo__yaml_new_map(path, 0);
        }
    }
    for (size_t i = 0; i < n_sets && st == FLUJO_OK; i++) {
        const char *eq = strchr(sets[i], '=');
        if (eq == NULL || eq == sets[i]) {
            st = flujo_err_set(err, FLUJO_EUSAGE, "--set %s: expected KEY=VALUE", sets[i]);
            break;
        }
        char *key = flujo_xstrndup(sets[i], (size_t)(eq - sets[i]));
        st = flujo__yaml_set_path(&root, key, eq + 1, "--set", err);
        free(key);
    }
    if (st == FLUJO_OK) {
        st = import_params(&L, path, &root);
    }
    if (st == FLUJO_OK) {
        st = load(&L, path, root);
    }
    flujo__yaml_free(root);
    for (size_t i = 0; i < L.n_files; i++) {
        free(L.files[i]);
    }
    free(L.files);
    for (size_t i = 0; i < L.n_removed; i++) {
        free(L.removed[i]);
    }
    free(L.removed);
    free(L.pool_used);
    free(L.cal_used);
    flujo_strmap_destroy(&L.pool_refs);
    flujo_strmap_destroy(&L.cal_refs);
    if (st != FLUJO_OK) {
        flujo_scenario_free(L.s);
        return st;
    }
    *out = L.s;
    return FLUJO_OK;
}

void flujo_scenario_free(flujo_scenario_t *s)
{
    if (s == NULL) {
        return;
    }
    size_t nn = s->model != NULL ? s->model->n_nodes : 0;
    for (size_t v = 0; v < nn && s->tasks != NULL; v++) {
        flujo__task_destroy(&s->tasks[v]);
    }
    for (size_t v = 0; v < nn && s->gateways != NULL; v++) {
        flujo__split_destroy(&s->gateways[v]);
    }
    for (size_t v = 0; v < nn && s->events != NULL; v++) {
        flujo__delay_destroy(&s->events[v]);
    }
    free(s->tasks);
    free(s->gateways);
    free(s->events);
    for (size_t i = 0; i < s->n_arrivals; i++) {
        flujo_dist_destroy(&s->arrivals[i].interarrival);
        for (size_t k = 0; s->arrivals[i].attr_cum != NULL && k < s->n_attrs; k++) {
            free(s->arrivals[i].attr_cum[k]);
        }
        free(s->arrivals[i].attr_cum);
    }
    free(s->arrivals);
    for (size_t i = 0; i < s->n_attrs; i++) {
        for (size_t k = 0; k < s->attrs[i].n; k++) {
            free(s->attrs[i].values[k]);
        }
        free(s->attrs[i].values);
        free(s->attrs[i].number);
        free(s->attrs[i].name);
    }
    free(s->attrs);
    for (size_t i = 0; i < s->n_pools; i++) {
        free(s->pools[i].name);
        free(s->pools[i].file);
    }
    free(s->pools);
    for (size_t i = 0; i < s->n_calendars; i++) {
        flujo_calendar_free(s->calendars[i]);
    }
    free(s->calendars);
    free(s->sla.pause);
    free(s->sla.until);
    for (size_t i = 0; i < s->sla.n_rules; i++) {
        flujo__cond_free(s->sla.rule_cond[i]);
        free(s->sla.rule_text[i]);
    }
    free(s->sla.rule_text);
    free(s->sla.rule_cond);
    free(s->sla.rule_deadline);
    flujo_diags_destroy(&s->notes);
    flujo_diags_destroy(&s->changes);
    flujo_model_free(s->model);
    free(s->name);
    free(s->currency);
    free(s->file);
    free(s);
}
