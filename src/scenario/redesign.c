/* redesign.c - the redesign: key: the list of changes, each read, checked and applied in turn
 * (remove, merge and parallel change the model; automate, staff and calendar the parameters). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "scenario/load_int.h"

void flujo__changed(flujo__loader_t *L, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    flujo_diags_add(&L->s->changes, FLUJO_SEV_NOTE, "redesign", NULL, 0, "%s", msg);
}

/* The names of a list of steps, bound to nodes of the current model. */
static flujo_status_t bind_steps(flujo__loader_t *L, const flujo__ynode_t *y, const char *path,
                                 flujo__node_filter_t ok, const char *what, const char *whats,
                                 int64_t **out, size_t *n)
{
    if (y->kind != FLUJO__Y_SEQ || y->n < 2) {
        return flujo__fail(L, y, path, "expected a list of at least two %s: [A, B]", whats);
    }
    *out = flujo_xcalloc(y->n, sizeof(int64_t));
    *n = y->n;
    for (size_t i = 0; i < y->n; i++) {
        flujo_status_t st = flujo__need_scalar(L, y->items[i], path);
        if (st == FLUJO_OK) {
            st = flujo__bind_node(L, y->items[i], path, y->items[i]->value, ok, what, &(*out)[i]);
        }
        if (st != FLUJO_OK) {
            free(*out);
            *out = NULL;
            return st;
        }
    }
    return FLUJO_OK;
}

/* - remove: STEP - bypasses it (once: a step already removed is named again by mistake). */
static flujo_status_t read_remove(flujo__loader_t *L, const flujo__ynode_t *y, const char *path)
{
    flujo_scenario_t *s = L->s;
    flujo_err_t e = {0};
    char la[300];
    int64_t v;
    flujo_status_t st;
    if ((st = flujo__need_scalar(L, y, path)) == FLUJO_OK) {
        for (size_t r = 0; r < L->n_removed; r++) {
            if (strcmp(L->removed[r], y->value) == 0) {
                st = flujo__fail(L, y, path, "'%s' is already removed by an earlier change",
                                 y->value);
                break;
            }
        }
    }
    if (st == FLUJO_OK && (st = flujo__bind_node(L, y, path, y->value, flujo__is_step_node,
                                                 "activity or event", &v)) == FLUJO_OK) {
        flujo_model_label(s->model, v, la, sizeof(la));
        char *id = flujo_xstrdup(s->model->nodes[v].id);
        char *name = flujo_xstrdup(s->model->nodes[v].name);
        if (flujo__redesign_remove(s, v, &e) != FLUJO_OK) {
            st = flujo__fail(L, y, path, "%s", e.msg);
            free(id);
            free(name);
        } else {
            flujo__changed(L, _("%s removed (bypassed)"), la);
            flujo_grow((void **)&L->removed, &L->cap_removed, L->n_removed + 2, sizeof(char *));
            L->removed[L->n_removed++] = id;
            if (name[0] != '\0') {
                L->removed[L->n_removed++] = name;
            } else {
                free(name);
            }
        }
    }
    return st;
}

/* - merge: [A, B] (as: NAME) - one task doing both. */
static flujo_status_t read_merge(flujo__loader_t *L, const flujo__ynode_t *op,
                                 const flujo__ynode_t *y, const char *idx, const char *path)
{
    flujo_scenario_t *s = L->s;
    flujo_err_t e = {0};
    char la[300], lb[300];
    int64_t *vs = NULL;
    size_t n = 0;
    flujo_status_t st;
    const flujo__ynode_t *as = flujo__yaml_get(op, "as");
    if ((st = bind_steps(L, y, path, flujo__is_task_only, "task", "tasks", &vs, &n)) != FLUJO_OK) {
        return st;
    }
    if (n != 2) {
        st = flujo__fail(L, y, path,
                         "merge takes two tasks, the first directly before the "
                         "second");
        free(vs);
        return st;
    }
    char *ap = flujo__join_path(idx, "as");
    if (as != NULL && (st = flujo__need_scalar(L, as, ap)) != FLUJO_OK) {
        free(ap);
        free(vs);
        return st;
    }
    free(ap);
    char *name =
        as != NULL ? flujo_strdup_squeeze(as->value) : flujo_xstrdup(s->model->nodes[vs[0]].name);
    flujo_model_label(s->model, vs[0], la, sizeof(la));
    flujo_model_label(s->model, vs[1], lb, sizeof(lb));
    if (flujo__redesign_merge(s, vs[0], vs[1], name, &e) != FLUJO_OK) {
        st = flujo__fail(L, y, path, "%s", e.msg);
    } else {
        flujo__changed(L, _("%s and %s merged into '%s'"), la, lb, name);
    }
    free(name);
    free(vs);
    return st;
}

/* - parallel: [A, B, ...] - the chain runs in parallel. */
static flujo_status_t read_parallel(flujo__loader_t *L, const flujo__ynode_t *y, const char *path)
{
    flujo_scenario_t *s = L->s;
    flujo_err_t e = {0};
    char la[300], lb[300];
    int64_t *vs = NULL;
    size_t n = 0;
    flujo_status_t st;
    if ((st = bind_steps(L, y, path, flujo__is_activity_node, "activity", "activities", &vs, &n)) !=
        FLUJO_OK) {
        return st;
    }
    flujo_model_label(s->model, vs[0], la, sizeof(la));
    flujo_model_label(s->model, vs[n - 1], lb, sizeof(lb));
    if (flujo__redesign_parallel(s, vs, n, &e) != FLUJO_OK) {
        st = flujo__fail(L, y, path, "%s", e.msg);
    } else {
        flujo__changed(L, _("%zu steps from %s to %s run in parallel"), n, la, lb);
    }
    free(vs);
    return st;
}

static flujo_status_t read_redesign(flujo__loader_t *L, const flujo__ynode_t *list)
{
    static const char *const ops[] = {"remove", "merge",    "parallel", "automate",
                                      "staff",  "calendar", NULL};
    if (list->kind != FLUJO__Y_SEQ) {
        return flujo__fail(L, list, "redesign",
                           "expected a list of changes: - remove: TASK, - merge: [A, B] (as: "
                           "NAME), - parallel: [A, B], - automate: TASK (duration, resource), - "
                           "staff: {POOL: +1}, - calendar: {POOL: CALENDAR}");
    }
    flujo_status_t st = FLUJO_OK;
    for (size_t i = 0; i < list->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *op = list->items[i];
        char idx[48];
        snprintf(idx, sizeof(idx), "redesign[%zu]", i + 1);
        if ((st = flujo__need_map(L, op, idx)) != FLUJO_OK) {
            break;
        }
        int which = -1;
        for (int k = 0; ops[k] != NULL; k++) {
            if (flujo__yaml_get(op, ops[k]) != NULL) {
                if (which >= 0) {
                    st = flujo__fail(L, op, idx, "one change per item: both %s and %s", ops[which],
                                     ops[k]);
                    break;
                }
                which = k;
            }
        }
        if (st != FLUJO_OK) {
            break;
        }
        if (which < 0) {
            st = flujo__fail(
                L, op, idx,
                "no change named: use remove, merge, parallel, automate, staff or calendar");
            break;
        }
        static const char *const merge_keys[] = {"merge", "as", NULL};
        static const char *const automate_keys[] = {"automate", "duration", "resource", NULL};
        const char *one[] = {ops[which], NULL};
        const char *const *keys = which == 1 ? merge_keys : which == 3 ? automate_keys : one;
        if ((st = flujo__check_keys(L, op, idx, keys)) != FLUJO_OK) {
            break;
        }
        char *path = flujo__join_path(idx, ops[which]);
        const flujo__ynode_t *y = flujo__yaml_get(op, ops[which]);
        switch (which) {
        case 0:
            st = read_remove(L, y, path);
            break;
        case 1:
            st = read_merge(L, op, y, idx, path);
            break;
        case 2:
            st = read_parallel(L, y, path);
            break;
        case 3:
            st = flujo__redesign_automate(L, op, path);
            break;
        case 4:
            st = flujo__redesign_staff(L, y, path);
            break;
        default:
            st = flujo__redesign_calendar(L, y, path);
            break;
        }
        free(path);
    }
    return st;
}

/* redesign: - the changes in turn, then every task must still be able to start. */
flujo_status_t flujo__key_redesign(flujo__loader_t *L, const flujo__ynode_t *x)
{
    flujo_status_t st;
    if (x == NULL) {
        return FLUJO_OK;
    }
    if ((st = read_redesign(L, x)) != FLUJO_OK) {
        return st;
    }
    return flujo__check_units(L);
}
