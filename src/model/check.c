/* check.c - the structural checks of `flujo check`: flujo_model_check runs them in their order
 * (the reader's findings, reachability (check_reach.c), gateways, implicit splits,
 * synchronisation (check_sync.c), implicit ends, then the loops (cycles.c)); the checks of one node
 * at a time are here, with the node predicates the checks share. */
#include <assert.h>

#include "model/model_int.h"

bool flujo__node_is_activity(const flujo_node_t *n)
{
    return n->kind == FLUJO_NODE_TASK || n->kind == FLUJO_NODE_SUBPROCESS ||
           n->kind == FLUJO_NODE_CALL;
}

bool flujo__node_is_triggered(const flujo_node_t *n)
{
    return (n->kind == FLUJO_NODE_SUBPROCESS && n->triggered_by_event) || n->for_compensation;
}

bool flujo__node_is_link(const flujo_node_t *n, flujo_node_kind_t kind)
{
    return n->kind == kind && (n->event_defs & FLUJO_EV_LINK) != 0 && n->event_ref != NULL;
}

/* Nodes where tokens end without an end event. */
static void check_implicit_ends(const flujo_model_t *m, flujo_diags_t *d)
{
    char lbl[256];
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (flujo_model_out_degree(m, (int64_t)v) > 0 || n->kind == FLUJO_NODE_END ||
            flujo__node_is_triggered(n) || flujo__node_is_link(n, FLUJO_NODE_THROW) ||
            (n->event_defs & FLUJO_EV_COMPENSATE) != 0) {
            continue;
        }
        flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
        flujo_diags_add(d, FLUJO_SEV_WARNING, "implicit-end", n->id, n->line,
                        "%s has no outgoing sequence flow: tokens end there without an end event",
                        lbl);
    }
}

static void check_gateways(const flujo_model_t *m, flujo_diags_t *d)
{
    char lbl[256];
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        size_t in = flujo_model_in_degree(m, (int64_t)v);
        size_t out = flujo_model_out_degree(m, (int64_t)v);
        flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
        if (n->kind == FLUJO_NODE_GATEWAY && in == 1 && out == 1) {
            flujo_diags_add(d, FLUJO_SEV_WARNING, "pass-through-gateway", n->id, n->line,
                            "gateway %s has one incoming and one outgoing flow: it does nothing",
                            lbl);
        }
        if ((n->gateway == FLUJO_GW_EXCLUSIVE || n->gateway == FLUJO_GW_INCLUSIVE) && out >= 2) {
            flujo_sbuf_t ids;
            size_t bare = 0;
            flujo_sbuf_init(&ids);
            for (size_t k = m->out_start[v]; k < m->out_start[v + 1]; k++) {
                const flujo_flow_t *f = &m->flows[m->out_flow[k]];
                if (!f->is_default && f->name[0] == '\0' && f->condition == NULL) {
                    flujo_sbuf_printf(&ids, "%s%s", bare++ ? ", " : "", f->id);
                }
            }
            if (bare > 0) {
                flujo_diags_add(d, FLUJO_SEV_WARNING, "unlabelled-split", n->id, n->line,
                                "%s gateway %s has %zu outgoing flow%s without a name or condition "
                                "(%s): the scenario must give their probabilities by flow id",
                                n->gateway == FLUJO_GW_EXCLUSIVE ? "exclusive" : "inclusive", lbl,
                                bare, bare > 1 ? "s" : "", ids.s);
            }
            flujo_sbuf_destroy(&ids);
        }
    }
}

/* Activities with several unconditional outgoing flows start all of them (BPMN's implicit AND
 * split), which modellers often draw meaning "one of them". */
static void check_implicit_splits(const flujo_model_t *m, flujo_diags_t *d)
{
    char lbl[256];
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        size_t out = flujo_model_out_degree(m, (int64_t)v);
        if (!flujo__node_is_activity(n) || out < 2) {
            continue;
        }
        size_t plain = 0;
        for (size_t k = m->out_start[v]; k < m->out_start[v + 1]; k++) {
            const flujo_flow_t *f = &m->flows[m->out_flow[k]];
            plain += f->condition == NULL && !f->is_default;
        }
        if (plain >= 2) {
            flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
            flujo_diags_add(d, FLUJO_SEV_WARNING, "implicit-split", n->id, n->line,
                            "activity %s has %zu outgoing flows without conditions: all of them "
                            "are taken in parallel (use a gateway if only one is meant)",
                            lbl, plain);
        }
    }
}

flujo_status_t flujo_model_check(const flujo_model_t *m, flujo_diags_t *diags,
                                 flujo_cycle_t **cycles, size_t *n_cycles, flujo_err_t *err)
{
    assert(m->priv->graph != NULL);
    for (size_t i = 0; i < m->diags.n; i++) {
        const flujo_diag_t *g = &m->diags.items[i];
        flujo_diags_add(diags, g->severity, g->code, g->id, g->line, "%s", g->message);
    }
    flujo_status_t st = flujo__check_reachability(m, diags, err);
    if (st != FLUJO_OK) {
        return st;
    }
    check_gateways(m, diags);
    check_implicit_splits(m, diags);
    st = flujo__check_synchronisation(m, diags, err);
    if (st != FLUJO_OK) {
        return st;
    }
    check_implicit_ends(m, diags);
    if (cycles != NULL) {
        st = flujo__find_cycles(m, cycles, n_cycles, err);
    }
    return st;
}
