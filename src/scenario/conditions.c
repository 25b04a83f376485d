/* conditions.c - the conditionExpression of the model's sequence flows, read into flujo's
 * condition language when the scenario gives a split neither probabilities nor conditions: the
 * forms modellers write (${riesgo == 'alto'}, #{monto > 5000}, FEEL riesgo = "alto", && || !,
 * and flujo's own syntax), on the case attributes of the scenario. A condition flujo cannot read
 * is named in a warning, with its flow and line, and the split keeps its default. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

/* text rewritten in flujo's syntax: the ${...} or #{...} wrapper dropped, quotes around values
 * dropped, && || ! as and or not, FEEL's single = as ==. */
static char *normalise(const char *text)
{
    const char *p = text;
    while (isspace((unsigned char)*p)) {
        p++;
    }
    size_t n = strlen(p);
    while (n > 0 && isspace((unsigned char)p[n - 1])) {
        n--;
    }
    if (n >= 3 && (p[0] == '$' || p[0] == '#') && p[1] == '{' && p[n - 1] == '}') {
        p += 2;
        n -= 3;
    }
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    for (size_t i = 0; i < n; i++) {
        char c = p[i], next = i + 1 < n ? p[i + 1] : '\0';
        char prev = i > 0 ? p[i - 1] : '\0';
        if (c == '\'' || c == '"') {
            continue;
        } else if ((c == '&' && next == '&') || (c == '|' && next == '|')) {
            flujo_sbuf_add(&b, c == '&' ? " and " : " or ");
            i++;
        } else if (c == '!' && next != '=') {
            flujo_sbuf_add(&b, " not ");
        } else if (c == '=' && next != '=' && prev != '=' && prev != '<' && prev != '>' &&
                   prev != '!') {
            flujo_sbuf_add(&b, "==");
        } else {
            flujo_sbuf_printf(&b, "%c", c);
        }
    }
    return flujo_sbuf_take(&b);
}

/* The split v's conditions from the model, if every flow that needs one has one flujo reads (a
 * gateway: each flow but its default; an activity or event: its conditional flows). True if
 * they were applied; else the flows with a condition flujo cannot read are warned of. */
static bool from_model(flujo__loader_t *L, size_t v)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    flujo_split_t *g = &s->gateways[v];
    size_t first = m->out_start[v], n = g->n;
    bool gateway = m->nodes[v].kind == FLUJO_NODE_GATEWAY;
    flujo_cond_t **cond = flujo_xcalloc(n + 1, sizeof(*cond));
    size_t *order = flujo_xcalloc(n + 1, sizeof(size_t));
    size_t n_order = 0, n_cond = 0;
    long dflt = -1;
    bool ok = true;
    for (size_t k = 0; k < n; k++) {
        const flujo_flow_t *f = &m->flows[m->out_flow[first + k]];
        bool is_default = f->is_default || m->nodes[v].default_flow == m->out_flow[first + k];
        if (is_default && f->condition == NULL) {
            dflt = (long)k;
            continue;
        }
        if (f->condition == NULL) {
            ok = ok && !gateway; /* an activity's plain flow needs none */
            continue;
        }
        char *text = normalise(f->condition);
        char why[256];
        cond[k] = flujo__cond_parse(s, text, why, sizeof(why));
        if (cond[k] == NULL) {
            char lbl[256];
            flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
            flujo_diags_add_in(&s->notes, FLUJO_SEV_WARNING, "not-simulated", f->id, m->file,
                               f->line,
                               "the condition '%s' of flow %s out of %s is not one flujo reads "
                               "(%s): the split is taken by probabilities (give them, or a "
                               "condition on the case attributes, under gateways:)",
                               f->condition, f->name[0] ? f->name : f->id, lbl, why);
            ok = false;
        } else {
            order[n_order++] = k;
            n_cond++;
        }
        free(text);
    }
    if (!ok || n_cond == 0) {
        for (size_t k = 0; k < n; k++) {
            flujo__cond_free(cond[k]);
        }
        free(cond);
        free(order);
        return false;
    }
    if (dflt >= 0 && gateway) {
        order[n_order++] = (size_t)dflt; /* the else flow, last */
    }
    g->route = FLUJO_ROUTE_COND;
    g->cond = cond;
    g->order = order;
    free(g->prob);
    g->prob = flujo_xcalloc(n + 1, sizeof(double));
    return true;
}

flujo_status_t flujo__model_conditions(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    flujo_sbuf_t names;
    flujo_sbuf_init(&names);
    size_t n = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        bool chooses = (nd->kind == FLUJO_NODE_GATEWAY && s->gateways[v].n >= 2 &&
                        (nd->gateway == FLUJO_GW_EXCLUSIVE || nd->gateway == FLUJO_GW_INCLUSIVE ||
                         nd->gateway == FLUJO_GW_COMPLEX)) ||
                       flujo_model_conditional_out(m, (int64_t)v);
        if (chooses && s->gateways[v].route == FLUJO_ROUTE_EQUAL && s->gateways[v].line == 0 &&
            from_model(L, v)) {
            flujo_sbuf_printf(&names, "%s%s", n > 0 ? ", " : "", nd->name[0] ? nd->name : nd->id);
            n++;
        }
    }
    if (n > 0) {
        flujo__note(L, "conditions-from-model",
                    "took the conditions of %zu split%s from the model's conditionExpression: %s",
                    n, n == 1 ? "" : "s", names.s);
    }
    flujo_sbuf_destroy(&names);
    return FLUJO_OK;
}
