/* gateways.c - the gateways: key: the branch probabilities or conditions of each exclusive,
 * inclusive or complex split, and of the conditional flows out of an activity or event. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

/* Index (in out_flow order) of the outgoing flow of gateway v named by key (id, else name). */
static flujo_status_t bind_flow(flujo__loader_t *L, int64_t v, const flujo__ynode_t *where,
                                const char *path, const char *key, size_t *out)
{
    const flujo_model_t *m = L->s->model;
    size_t first = m->out_start[v], n = m->out_start[v + 1] - first;
    char *name = flujo_strdup_squeeze(key);
    long by_name = -1;
    size_t n_named = 0;
    for (size_t k = 0; k < n; k++) {
        const flujo_flow_t *f = &m->flows[m->out_flow[first + k]];
        if (strcmp(f->id, key) == 0) {
            free(name);
            *out = k;
            return FLUJO_OK;
        }
        if (strcmp(f->name, name) == 0) {
            by_name = (long)k;
            n_named++;
        }
    }
    flujo_status_t st = FLUJO_OK;
    if (n_named == 1) {
        *out = (size_t)by_name;
    } else {
        flujo_sbuf_t b;
        flujo_sbuf_init(&b);
        for (size_t k = 0; k < n; k++) {
            const flujo_flow_t *f = &m->flows[m->out_flow[first + k]];
            if (f->name[0]) {
                flujo_sbuf_printf(&b, "%s'%s' (%s)", k ? ", " : "", f->name, f->id);
            } else {
                flujo_sbuf_printf(&b, "%s%s", k ? ", " : "", f->id);
            }
        }
        st = n_named > 1
                 ? flujo__fail(L, where, path,
                               "several outgoing flows are named '%s': use their ids (%s)", name,
                               b.s)
                 : flujo__fail(L, where, path,
                               "'%s' is not an outgoing flow of this gateway; its flows are: %s",
                               key, b.s);
        flujo_sbuf_destroy(&b);
    }
    free(name);
    return st;
}

/* Frees the conditions, probabilities and order of a split being read (n flows). */
static void free_split(flujo_cond_t **cond, double *prob, size_t *order, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        flujo__cond_free(cond[k]);
    }
    free(cond);
    free(prob);
    free(order);
}

/* One flow's value: a probability from 0 to 1 into *prob, else a condition on the case attributes
 * into *cond. */
static flujo_status_t prob_or_cond(flujo__loader_t *L, const flujo__ynode_t *x, const char *p,
                                   double *prob, flujo_cond_t **cond)
{
    if (!x->quoted && flujo_parse_number(x->value, prob)) {
        return *prob < 0 || *prob > 1
                   ? flujo__fail(L, x, p, "a probability must be between 0 and 1, not %s", x->value)
                   : FLUJO_OK;
    }
    char why[256];
    *cond = flujo__cond_parse(L->s, x->value, why, sizeof(why));
    return *cond == NULL ? flujo__fail(L, x, p, "condition '%s': %s", x->value, why) : FLUJO_OK;
}

/* The conditional flows out of activity or event v: a probability (that its condition holds) or a
 * condition for each conditional flow, each taken on its own; the default flow, taken when none
 * is, and the plain flows, always taken, get none ("else" is accepted for the default). */
static flujo_status_t read_conditional(flujo__loader_t *L, int64_t v, const flujo__ynode_t *map,
                                       const char *path)
{
    const flujo_model_t *m = L->s->model;
    flujo_split_t *g = &L->s->gateways[v];
    size_t n = g->n, first = m->out_start[v];
    bool *seen = flujo_xcalloc(n, sizeof(bool));
    double *prob = flujo_xcalloc(n, sizeof(double));
    flujo_cond_t **cond = flujo_xcalloc(n, sizeof(*cond));
    size_t *order = flujo_xcalloc(n + 1, sizeof(size_t));
    size_t n_prob = 0, n_cond = 0, n_order = 0;
    flujo_status_t st = FLUJO_OK;
    for (size_t i = 0; i < map->n && st == FLUJO_OK; i++) {
        char *p = flujo__join_path(path, map->keys[i]);
        flujo__ynode_t kr = flujo__keyref(map, i);
        const flujo__ynode_t *x = map->items[i];
        size_t k = 0;
        if ((st = bind_flow(L, v, &kr, p, map->keys[i], &k)) == FLUJO_OK &&
            (st = flujo__need_scalar(L, x, p)) == FLUJO_OK) {
            flujo_flow_kind_t kind = flujo_model_flow_kind(m, m->out_flow[first + k]);
            if (seen[k]) {
                st = flujo__fail(L, &kr, p, "this flow is given twice");
            } else if (kind == FLUJO_FLOW_ALWAYS) {
                st = flujo__fail(L, &kr, p,
                                 "this flow has no condition in the model: it is always taken");
            } else if (kind == FLUJO_FLOW_DEFAULT) {
                st = strcmp(x->value, "else") == 0
                         ? FLUJO_OK
                         : flujo__fail(L, x, p,
                                       "this is the default flow: it is taken when no condition "
                                       "holds (write else, or leave it out)");
            } else if ((st = prob_or_cond(L, x, p, &prob[k], &cond[k])) == FLUJO_OK &&
                       cond[k] != NULL) {
                order[n_order++] = k;
                n_cond++;
            } else {
                n_prob++;
            }
            seen[k] = true;
        }
        free(p);
    }
    if (st == FLUJO_OK && n_prob > 0 && n_cond > 0) {
        st = flujo__fail(L, map, path, "mixes probabilities with conditions: use one or the other");
    }
    for (size_t k = 0; k < n && st == FLUJO_OK; k++) {
        const flujo_flow_t *f = &m->flows[m->out_flow[first + k]];
        if (!seen[k] && flujo_model_flow_kind(m, m->out_flow[first + k]) == FLUJO_FLOW_COND) {
            st =
                flujo__fail(L, map, path, "no %s for the conditional flow %s: give each one",
                            n_cond > 0 ? "condition" : "probability", f->name[0] ? f->name : f->id);
        }
    }
    free(seen);
    if (st != FLUJO_OK) {
        free_split(cond, prob, order, n);
        return st;
    }
    g->route = n_cond > 0 ? FLUJO_ROUTE_COND : FLUJO_ROUTE_PROB;
    g->prob = prob;
    g->cond = cond;
    g->order = order;
    g->line = map->line;
    return FLUJO_OK;
}

static flujo_status_t read_gateway(flujo__loader_t *L, int64_t v, const flujo__ynode_t *map,
                                   const char *path)
{
    flujo_model_t *m = L->s->model;
    flujo_split_t *g = &L->s->gateways[v];
    const flujo_node_t *nd = &m->nodes[v];
    flujo_status_t st = flujo__need_map(L, map, path);
    if (st != FLUJO_OK) {
        return st;
    }
    if (flujo_model_conditional_out(m, v)) {
        return read_conditional(L, v, map, path);
    }
    if (nd->gateway != FLUJO_GW_EXCLUSIVE && nd->gateway != FLUJO_GW_INCLUSIVE &&
        nd->gateway != FLUJO_GW_COMPLEX) {
        return flujo__fail(L, map, path,
                           "'%s' is a %s: only exclusive, inclusive and complex gateways take "
                           "probabilities or conditions",
                           nd->id, nd->type);
    }
    size_t n = g->n;
    if (n < 2) {
        return flujo__fail(L, map, path, "'%s' has %zu outgoing flow%s: there is nothing to choose",
                           nd->id, n, n == 1 ? "" : "s");
    }
    bool *seen = flujo_xcalloc(n, sizeof(bool));
    size_t n_prob = 0, n_cond = 0, n_else = 0;
    double *prob = flujo_xcalloc(n, sizeof(double));
    flujo_cond_t **cond = flujo_xcalloc(n, sizeof(*cond));
    size_t *order = flujo_xcalloc(n, sizeof(size_t));
    size_t n_order = 0;
    long else_k = -1;
    for (size_t i = 0; i < map->n && st == FLUJO_OK; i++) {
        char *p = flujo__join_path(path, map->keys[i]);
        flujo__ynode_t kr = flujo__keyref(map, i);
        size_t k = 0;
        const flujo__ynode_t *x = map->items[i];
        if ((st = bind_flow(L, v, &kr, p, map->keys[i], &k)) != FLUJO_OK ||
            (st = flujo__need_scalar(L, x, p)) != FLUJO_OK) {
            free(p);
            break;
        }
        if (seen[k]) {
            st = flujo__fail(L, &kr, p, "this flow is given twice");
        } else if (strcmp(x->value, "else") == 0) {
            seen[k] = true;
            n_else++;
            else_k = (long)k;
        } else {
            seen[k] = true;
            if ((st = prob_or_cond(L, x, p, &prob[k], &cond[k])) == FLUJO_OK && cond[k] != NULL) {
                order[n_order++] = k;
                n_cond++;
            } else if (cond[k] == NULL) {
                n_prob++;
            }
        }
        free(p);
    }
    if (st == FLUJO_OK && n_prob > 0 && (n_cond > 0 || n_else > 0)) {
        st = flujo__fail(L, map, path, "mixes probabilities with conditions: use one or the other");
    }
    if (st == FLUJO_OK && n_else > 1) {
        st = flujo__fail(L, map, path, "only one flow can be 'else'");
    }
    if (st == FLUJO_OK && n_prob > 0) {
        double sum = 0;
        flujo_sbuf_t missing;
        flujo_sbuf_init(&missing);
        for (size_t k = 0; k < n; k++) {
            sum += prob[k];
            if (!seen[k]) {
                const flujo_flow_t *f = &m->flows[m->out_flow[m->out_start[v] + k]];
                flujo_sbuf_printf(&missing, "%s%s", missing.len ? ", " : "",
                                  f->name[0] ? f->name : f->id);
            }
        }
        if (missing.len > 0) {
            st = flujo__fail(L, map, path, "no probability for %s: give every outgoing flow one",
                             missing.s);
        } else if (nd->gateway == FLUJO_GW_EXCLUSIVE && fabs(sum - 1) > FLUJO__PROB_TOL) {
            st = flujo__fail(L, map, path, "the probabilities add up to %.10g, not 1", sum);
        } else if (nd->gateway != FLUJO_GW_EXCLUSIVE && sum <= 0) {
            st = flujo__fail(L, map, path, "at least one flow needs a probability above 0");
        }
        flujo_sbuf_destroy(&missing);
        g->route = FLUJO_ROUTE_PROB;
    }
    if (st == FLUJO_OK && n_prob == 0) {
        if (else_k < 0 && nd->default_flow >= 0) {
            /* the BPMN default flow is the else flow unless another is given */
            for (size_t k = 0; k < n; k++) {
                if (m->out_flow[m->out_start[v] + k] == nd->default_flow && !seen[k]) {
                    else_k = (long)k;
                    seen[k] = true;
                }
            }
        }
        for (size_t k = 0; k < n && st == FLUJO_OK; k++) {
            if (!seen[k]) {
                const flujo_flow_t *f = &m->flows[m->out_flow[m->out_start[v] + k]];
                st = flujo__fail(L, map, path,
                                 "flow %s has no condition: give it one, or mark one flow else",
                                 f->name[0] ? f->name : f->id);
            }
        }
        if (else_k >= 0) {
            order[n_order++] = (size_t)else_k;
        }
        g->route = FLUJO_ROUTE_COND;
    }
    free(seen);
    if (st != FLUJO_OK) {
        free_split(cond, prob, order, n);
        g->route = FLUJO_ROUTE_EQUAL;
        return st;
    }
    g->prob = prob;
    g->cond = cond;
    g->order = order;
    g->line = map->line;
    return FLUJO_OK;
}

static flujo_status_t read_gateways(flujo__loader_t *L, const flujo__ynode_t *gws)
{
    flujo_status_t st = flujo__need_map(L, gws, "gateways");
    for (size_t i = 0; i < gws->n && st == FLUJO_OK; i++) {
        char *p = flujo__join_path("gateways", gws->keys[i]);
        int64_t v;
        flujo__ynode_t kr = flujo__keyref(gws, i);
        st = flujo__bind_node(L, &kr, p, gws->keys[i], flujo__is_split_node, "gateway", &v);
        if (st == FLUJO_OK && L->s->gateways[v].line > 0) {
            st = flujo__fail(L, &kr, p, "'%s' is set twice (by id and by name?)",
                             L->s->model->nodes[v].id);
        }
        if (st == FLUJO_OK) {
            st = read_gateway(L, v, gws->items[i], p);
        }
        free(p);
    }
    return st;
}

flujo_status_t flujo__key_gateways(flujo__loader_t *L, const flujo__ynode_t *x)
{
    return x != NULL ? read_gateways(L, x) : FLUJO_OK;
}

void flujo__split_destroy(flujo_split_t *g)
{
    for (size_t k = 0; g->cond != NULL && k < g->n; k++) {
        flujo__cond_free(g->cond[k]);
    }
    free(g->cond);
    free(g->prob);
    free(g->order);
    g->cond = NULL;
    g->prob = NULL;
    g->order = NULL;
}
