/* sla.c - the sla: key: the legal plazo (one, or by case attributes), the grace period, positive
 * or negative silence, where the clock pauses and where it stops. */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

/* deadline: {"riesgo in [bajo, medio]": 4bd, else: 8bd} - the plazo by case attributes. */
static flujo_status_t read_deadline_rules(flujo__loader_t *L, const flujo__ynode_t *map)
{
    flujo_scenario_t *s = L->s;
    bool has_else = false;
    s->sla.rule_cond = flujo_xcalloc(map->n + 1, sizeof(*s->sla.rule_cond));
    s->sla.rule_deadline = flujo_xcalloc(map->n + 1, sizeof(double));
    s->sla.rule_text = flujo_xcalloc(map->n + 1, sizeof(char *));
    for (size_t i = 0; i < map->n; i++) {
        char *p = flujo__join_path("sla.deadline", map->keys[i]);
        flujo__ynode_t kr = flujo__keyref(map, i);
        double d;
        flujo_clock_t c;
        flujo_status_t st = flujo__get_duration(L, map->items[i], p, &d, &c);
        if (st == FLUJO_OK && c != FLUJO_CLOCK_BDAYS) {
            st = flujo__fail(L, map->items[i], p,
                             "the plazo is counted in business days (bd), e.g. 8bd");
        }
        if (st == FLUJO_OK && strcmp(map->keys[i], "else") == 0) {
            s->sla.deadline = d;
            has_else = true;
        } else if (st == FLUJO_OK) {
            char why[256];
            flujo_cond_t *cond = flujo__cond_parse(s, map->keys[i], why, sizeof(why));
            if (cond == NULL) {
                st = flujo__fail(L, &kr, p, "condition '%s': %s", map->keys[i], why);
            } else {
                s->sla.rule_cond[s->sla.n_rules] = cond;
                s->sla.rule_text[s->sla.n_rules] = flujo_xstrdup(map->keys[i]);
                s->sla.rule_deadline[s->sla.n_rules++] = d;
            }
        }
        free(p);
        if (st != FLUJO_OK) {
            return st;
        }
    }
    if (!has_else) {
        return flujo__fail(
            L, map, "sla.deadline",
            "give the plazo of the other cases with 'else: Nbd' after the conditions");
    }
    return FLUJO_OK;
}

double flujo__scenario_deadline(const flujo_scenario_t *s, const int *values)
{
    for (size_t i = 0; i < s->sla.n_rules; i++) {
        if (flujo__cond_eval(s->sla.rule_cond[i], values)) {
            return s->sla.rule_deadline[i];
        }
    }
    return s->sla.deadline;
}

static flujo_status_t read_sla(flujo__loader_t *L, const flujo__ynode_t *sla)
{
    static const char *const keys[] = {"deadline", "grace", "silence", "pause_in", "until", NULL};
    flujo_scenario_t *s = L->s;
    flujo_status_t st = flujo__need_map(L, sla, "sla");
    if (st == FLUJO_OK) {
        st = flujo__check_keys(L, sla, "sla", keys);
    }
    s->sla.set = true;
    s->sla.silence = FLUJO_SILENCE_NONE;
    const flujo__ynode_t *x;
    flujo_clock_t c;
    if (st == FLUJO_OK) {
        if ((x = flujo__yaml_get(sla, "deadline")) == NULL) {
            st = flujo__fail(L, sla, "sla",
                             "missing deadline (the legal plazo, e.g. deadline: 8bd)");
        } else if (x->kind == FLUJO__Y_MAP) {
            st = read_deadline_rules(L, x);
        } else if ((st = flujo__get_duration(L, x, "sla.deadline", &s->sla.deadline, &c)) ==
                       FLUJO_OK &&
                   c != FLUJO_CLOCK_BDAYS) {
            st = flujo__fail(L, x, "sla.deadline",
                             "the plazo is counted in business days (bd), e.g. 8bd");
        }
    }
    if (st == FLUJO_OK && (x = flujo__yaml_get(sla, "grace")) != NULL) {
        if ((st = flujo__get_duration(L, x, "sla.grace", &s->sla.grace, &c)) == FLUJO_OK &&
            c != FLUJO_CLOCK_BDAYS) {
            st =
                flujo__fail(L, x, "sla.grace", "the grace period is counted in business days (bd)");
        }
    }
    if (st == FLUJO_OK && (x = flujo__yaml_get(sla, "silence")) != NULL &&
        (st = flujo__need_scalar(L, x, "sla.silence")) == FLUJO_OK) {
        if (strcmp(x->value, "positive") == 0 || strcmp(x->value, "positivo") == 0) {
            s->sla.silence = FLUJO_SILENCE_POSITIVE;
        } else if (strcmp(x->value, "negative") == 0 || strcmp(x->value, "negativo") == 0) {
            s->sla.silence = FLUJO_SILENCE_NEGATIVE;
        } else if (strcmp(x->value, "none") != 0) {
            st = flujo__fail(L, x, "sla.silence", "'%s' is not positive, negative or none",
                             x->value);
        }
    }
    const flujo_model_t *m = s->model;
    s->sla.pause = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
    if (st == FLUJO_OK && (x = flujo__yaml_get(sla, "pause_in")) != NULL) {
        size_t n = x->kind == FLUJO__Y_SEQ ? x->n : 1;
        for (size_t k = 0; k < n && st == FLUJO_OK; k++) {
            const flujo__ynode_t *y = x->kind == FLUJO__Y_SEQ ? x->items[k] : x;
            if ((st = flujo__need_scalar(L, y, "sla.pause_in")) != FLUJO_OK) {
                break;
            }
            /* a node pauses the clock if it sits in the lane (unit) or is done by the pool */
            char *sq = flujo_strdup_squeeze(y->value);
            bool any = flujo__find_pool(s, sq) >= 0;
            for (size_t v = 0; v < m->n_nodes; v++) {
                const flujo_task_t *t = &s->tasks[v];
                bool by_pool = t->pool >= 0 && strcmp(s->pools[t->pool].name, sq) == 0;
                for (size_t a = 0; a < t->n_alts; a++) {
                    by_pool = by_pool || strcmp(s->pools[t->alts[a].pool].name, sq) == 0;
                }
                if (strcmp(flujo_model_unit(m, (int64_t)v), sq) == 0 || by_pool) {
                    s->sla.pause[v] = true;
                    any = true;
                }
            }
            if (!any) {
                st = flujo__fail(L, y, "sla.pause_in", "no lane or pool named '%s'", y->value);
            }
            free(sq);
        }
    }
    if (st == FLUJO_OK && (x = flujo__yaml_get(sla, "until")) != NULL) {
        s->sla.until = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
        size_t n = x->kind == FLUJO__Y_SEQ ? x->n : 1;
        for (size_t k = 0; k < n && st == FLUJO_OK; k++) {
            const flujo__ynode_t *y = x->kind == FLUJO__Y_SEQ ? x->items[k] : x;
            int64_t v;
            if ((st = flujo__need_scalar(L, y, "sla.until")) == FLUJO_OK &&
                (st = flujo__bind_node(L, y, "sla.until", y->value, flujo__is_any_node, "node",
                                       &v)) == FLUJO_OK) {
                s->sla.until[v] = true;
            }
        }
    }
    return st;
}

/* sla: - without it, no clock pauses anywhere. */
flujo_status_t flujo__key_sla(flujo__loader_t *L, const flujo__ynode_t *x)
{
    if (x != NULL) {
        return read_sla(L, x);
    }
    L->s->sla.pause = flujo_xcalloc(L->s->model->n_nodes + 1, sizeof(bool));
    return FLUJO_OK;
}
