/* routing.c - tokens reaching nodes: what each kind of node does with them, gateways choosing
 * their flows (probabilities, conditions, parallel, inclusive), joins waiting for their inputs,
 * event-based gateways racing their events; all within one instant, through the work list. */
#include <math.h>
#include <stdlib.h>

#include "engine/engine_int.h"

static void split(flujo_engine_t *e, int32_t t);

static int32_t join_entry(flujo_engine_t *e, int32_t sc, int32_t node, int32_t pos)
{
    /* the oldest entry of this join still missing this position (AND), or any entry (OR) */
    for (int32_t j = e->sc[sc].joins; j != NONE; j = e->jn[j].next) {
        if (e->jn[j].node == node && (pos < 0 || !(e->jn[j].mask & (1ULL << pos)))) {
            return j;
        }
    }
    int32_t j = e->free_jn;
    if (j != NONE) {
        e->free_jn = e->jn[j].next;
    } else {
        flujo_grow((void **)&e->jn, &e->cap_jn, e->n_jn + 1, sizeof(*e->jn));
        j = (int32_t)e->n_jn++;
    }
    /* append, so that older entries are matched first */
    e->jn[j] = (join_t){node, NONE, NONE, 0};
    int32_t *link = &e->sc[sc].joins;
    while (*link != NONE) {
        link = &e->jn[*link].next;
    }
    *link = j;
    return j;
}

static void join_remove(flujo_engine_t *e, int32_t sc, int32_t j)
{
    int32_t *link = &e->sc[sc].joins;
    while (*link != j) {
        link = &e->jn[*link].next;
    }
    *link = e->jn[j].next;
    e->jn[j].next = e->free_jn;
    e->free_jn = j;
}

/* Fires join entry j: one waiting token goes on (returned), the others end. */
static int32_t join_fire(flujo_engine_t *e, int32_t sc, int32_t j)
{
    int32_t keep = e->jn[j].waiting;
    int32_t x = e->tok[keep].wnext;
    join_remove(e, sc, j);
    e->sc[sc].active++; /* the scope must not complete while the extra tokens go */
    while (x != NONE) {
        int32_t nx = e->tok[x].wnext;
        flujo__tok_free(e, x);
        x = nx;
    }
    e->sc[sc].active--;
    flujo__meas_flush(e, keep); /* the last to come: it waited only for an OR join to decide */
    e->tok[keep].wnext = NONE;
    e->tok[keep].state = T_MOVING;
    return keep;
}

/* An OR join fires when no other token of its scope can still reach it. */
static void or_check(flujo_engine_t *e, int32_t sc)
{
    scope_t *s = &e->sc[sc];
    s->dirty = 0;
    for (int32_t j = s->joins; j != NONE && s->or_wait > 0;) {
        int32_t next = e->jn[j].next;
        int32_t node = e->jn[j].node;
        if (e->ni[node].join != J_OR) {
            j = next;
            continue;
        }
        const uint64_t *row = &e->reach[(size_t)e->ni[node].or_index * e->reach_words];
        bool blocked = false;
        for (int32_t x = s->first; x != NONE && !blocked; x = e->tok[x].snext) {
            const tok_t *k = &e->tok[x];
            if (k->state == T_JOIN && k->node == node) {
                continue;
            }
            int32_t at = k->node;
            blocked = at >= 0 && (row[at / 64] & (1ULL << (at % 64))) != 0;
        }
        if (!blocked) {
            s->or_wait--;
            int32_t t = join_fire(e, sc, j);
            split(e, t);
        }
        j = next;
    }
}

static void split(flujo_engine_t *e, int32_t t)
{
    const flujo_model_t *m = e->m;
    int32_t v = e->tok[t].node;
    const flujo_node_t *nd = &m->nodes[v];
    size_t first = m->out_start[v], n = m->out_start[v + 1] - first;
    e->tok[t].gen++;
    if (n == 0) {
        flujo__tok_free(e, t);
        return;
    }
    if (n == 1 || nd->gateway == FLUJO_GW_PARALLEL) {
        for (size_t k = 1; k < n; k++) {
            flujo__tok_follow(e, flujo__tok_clone(e, t), m->out_flow[first + k]);
        }
        flujo__tok_follow(e, t, m->out_flow[first]);
        return;
    }
    const flujo_split_t *g = &e->s->gateways[v];
    flujo_rng_t *r = e->node_rng[v];
    const int *attrs = flujo__case_attrs(e, e->tok[t].cas);
    bool exclusive = nd->gateway == FLUJO_GW_EXCLUSIVE;
    /* chosen flows as a bit set over positions (several for inclusive gateways) */
    bool pick[64] = {false};
    bool *chosen = n <= 64 ? pick : flujo_xcalloc(n, sizeof(bool));
    size_t n_chosen = 0;
    if (g->route == FLUJO_ROUTE_COND) {
        for (size_t o = 0; o < n; o++) {
            size_t k = g->order[o];
            if (g->cond[k] == NULL ? n_chosen == 0 : flujo__cond_eval(g->cond[k], attrs)) {
                chosen[k] = true;
                n_chosen++;
                if (exclusive) {
                    break;
                }
            }
        }
        if (n_chosen == 0) {
            flujo__run_fail(
                e, FLUJO_ESIM,
                "no condition of gateway '%s' holds for case %llu and it has no else flow",
                flujo__label(e, v), (unsigned long long)e->cs[e->tok[t].cas].id);
            if (chosen != pick) {
                free(chosen);
            }
            return;
        }
    } else if (exclusive) {
        size_t k = 0;
        if (g->route == FLUJO_ROUTE_PROB) {
            double u = flujo_rng_uniform(r), acc = 0;
            for (k = 0; k + 1 < n; k++) {
                acc += g->prob[k];
                if (u < acc) {
                    break;
                }
            }
        } else {
            k = (size_t)flujo_rng_uniform_int(r, n);
        }
        chosen[k] = true;
        n_chosen = 1;
    } else {
        /* inclusive: each flow by its probability, drawn again until at least one is taken */
        for (int attempt = 0; attempt < 1000 && n_chosen == 0; attempt++) {
            for (size_t k = 0; k < n; k++) {
                double p = g->route == FLUJO_ROUTE_PROB ? g->prob[k] : 1.0 / (double)n;
                chosen[k] = flujo_rng_uniform(r) < p;
                n_chosen += chosen[k];
            }
        }
        if (n_chosen == 0) {
            chosen[0] = true;
            n_chosen = 1;
        }
    }
    bool used = false;
    for (size_t k = 0; k < n; k++) {
        if (!chosen[k]) {
            continue;
        }
        flujo__tok_follow(e, used ? flujo__tok_clone(e, t) : t, m->out_flow[first + k]);
        used = true;
    }
    if (chosen != pick) {
        free(chosen);
    }
}

static void race(flujo_engine_t *e, int32_t t)
{
    const flujo_model_t *m = e->m;
    int32_t v = e->tok[t].node;
    size_t first = m->out_start[v], n = m->out_start[v + 1] - first;
    double best = INFINITY;
    size_t win = 0;
    for (size_t k = 0; k < n; k++) {
        int32_t target = (int32_t)m->flows[m->out_flow[first + k]].target;
        const flujo_delay_t *d = &e->s->events[target];
        if (!d->has_delay && d->n_at == 0) {
            continue; /* an event nothing triggers never wins */
        }
        double when = flujo__delay_end(e, target);
        if (when < best) {
            best = when;
            win = k;
        }
    }
    if (!isfinite(best)) {
        /* no event can fire: the first target takes the token at once */
        best = e->now;
        win = 0;
    }
    e->tok[t].state = T_DELAY;
    flujo__schedule(
        e, best, EV_RACE,
        (flujo_ev_data_t){.race = {(uint32_t)t, e->tok[t].gen, (uint32_t)(first + win)}});
}

void flujo__leave_choosing(flujo_engine_t *e, int32_t t)
{
    const flujo_model_t *m = e->m;
    int32_t v = e->tok[t].node;
    size_t first = m->out_start[v], n = m->out_start[v + 1] - first;
    const flujo_split_t *g = &e->s->gateways[v];
    const int *attrs = flujo__case_attrs(e, e->tok[t].cas);
    bool pick[64] = {false};
    bool *take = n <= 64 ? pick : flujo_xcalloc(n, sizeof(bool));
    bool plain = false, any = false;
    int64_t dflt = -1;
    for (int attempt = 0; attempt < 1000 && !any; attempt++) {
        for (size_t k = 0; k < n; k++) {
            flujo_flow_kind_t kind = flujo_model_flow_kind(m, m->out_flow[first + k]);
            take[k] = kind == FLUJO_FLOW_ALWAYS;
            plain = plain || take[k];
            dflt = kind == FLUJO_FLOW_DEFAULT ? (int64_t)k : dflt;
            if (kind == FLUJO_FLOW_COND) {
                take[k] = g->route == FLUJO_ROUTE_COND
                              ? g->cond[k] != NULL && flujo__cond_eval(g->cond[k], attrs)
                              : flujo_rng_uniform(e->branch_rng[v]) < g->prob[k];
                any = any || take[k];
            }
        }
        if (!any && dflt >= 0) {
            take[dflt] = true;
            any = true;
        }
        any = any || plain || g->route == FLUJO_ROUTE_COND;
    }
    size_t n_take = 0;
    for (size_t k = 0; k < n; k++) {
        n_take += take[k];
    }
    if (n_take == 0) {
        flujo__run_fail(e, FLUJO_ESIM,
                        "no condition on the flows out of '%s' holds for case %llu and it has no "
                        "default flow",
                        flujo__label(e, v), (unsigned long long)e->cs[e->tok[t].cas].id);
    }
    bool used = false;
    for (size_t k = 0; k < n && n_take > 0; k++) {
        if (take[k]) {
            flujo__tok_follow(e, used ? flujo__tok_clone(e, t) : t, m->out_flow[first + k]);
            used = true;
        }
    }
    if (take != pick) {
        free(take);
    }
}

/* Token t reached an error or escalation end event (end) or an escalation throw event: the
 * nearest enclosing activity (sub-process, call, or one instance's) with a boundary event that
 * catches it goes on from that boundary event, its content cancelled (an interrupting one) or
 * still running (a non-interrupting escalation: the thrower's path ends at an end event and goes
 * on after a throw event). Nothing catches it: a plain end or throw (check warns). */
static void throw_end(flujo_engine_t *e, int32_t t, bool end)
{
    int32_t v = e->tok[t].node;
    for (int32_t sc = e->tok[t].scope; e->sc[sc].parent != NONE;) {
        int32_t p = e->sc[sc].parent;
        int32_t owner = e->tok[p].parent != NONE ? e->tok[p].parent : p;
        int32_t b = (int32_t)flujo_model_catcher(e->m, e->tok[owner].node, v);
        if (b == NONE) {
            sc = e->tok[owner].scope;
            continue;
        }
        double path[FLUJO_PART_N];
        flujo__meas_path(e, t, path); /* the case goes on along the thrower's path */
        int32_t go = owner;
        bool cancel = e->m->nodes[b].cancel_activity;
        if (cancel) {
            flujo__tok_cancel(e, owner); /* the content, t with it, and any other instances */
        } else {
            go = flujo__tok_clone(e, owner);
        }
        memcpy(e->tok[go].part, path, sizeof(path));
        e->tok[go].mark = e->now;
        e->tok[go].node = b;
        flujo__tok_pause(e, go, e->ni[b].pause);
        flujo__tok_leave(e, go);
        if (!cancel && end) {
            flujo__tok_free(e, t);
        } else if (!cancel) {
            flujo__tok_leave(e, t); /* a throw event goes on */
        }
        return;
    }
    if (end) {
        flujo__tok_free(e, t);
    } else {
        flujo__tok_leave(e, t);
    }
}

/* Token t reaches node v (through incoming position pos): do what the node does. */
static void arrive(flujo_engine_t *e, int32_t t, int32_t v, int32_t pos)
{
    tok_t *k = &e->tok[t];
    const ninfo_t *ni = &e->ni[v];
    flujo__meas_flush(e, t); /* a moving token: nothing, unless a wait was not accounted */
    k->node = v;
    k->enable = e->now;
    k->inpos = pos;
    if (e->s->sla.until != NULL && e->s->sla.until[v] && e->cs[k->cas].decided < 0) {
        e->cs[k->cas].decided = e->now;
    }
    flujo__tok_pause(e, t, ni->pause);
    flujo__scope_mark(e, k->scope);
    switch (ni->beh) {
    case B_TASK:
        flujo__task_enable(e, t);
        return;
    case B_SCOPE:
        flujo__scope_enter(e, t);
        return;
    case B_END:
        if (ni->msg_n > 0) {
            flujo__send_messages(e, t); /* a message end event */
        }
        flujo__tok_free(e, t);
        return;
    case B_THROW_END:
        throw_end(e, t, true);
        return;
    case B_THROW_ESC:
        throw_end(e, t, false);
        return;
    case B_TERMINATE: {
        int32_t sc = k->scope;
        flujo__scope_cancel(e, sc, t);
        flujo__tok_free(e, t);
        return;
    }
    case B_CATCH: {
        if (ni->msg_wait) {
            flujo__msg_wait(e, t);
            return;
        }
        double when = flujo__delay_end(e, v);
        if (when > e->now) {
            k->state = T_DELAY;
            flujo__schedule(e, when, EV_DELAY_DONE,
                            (flujo_ev_data_t){.token = {(uint32_t)t, k->gen}});
        } else {
            flujo__tok_leave(e, t);
        }
        return;
    }
    case B_LINK:
        if (ni->link != NONE) {
            k->gen++;
            flujo__tok_go(e, t, ni->link, NONE);
        } else {
            flujo__tok_free(e, t);
        }
        return;
    case B_RACE:
        race(e, t);
        return;
    case B_GATEWAY:
        if (ni->join == J_AND) {
            int32_t j = join_entry(e, k->scope, v, pos);
            join_t *jn = &e->jn[j];
            jn->mask |= 1ULL << pos;
            k->wnext = jn->waiting;
            jn->waiting = t;
            k->state = T_JOIN;
            size_t in = flujo_model_in_degree(e->m, v);
            uint64_t full = in >= 64 ? ~0ULL : (1ULL << in) - 1;
            if (jn->mask != full) {
                return;
            }
            t = join_fire(e, k->scope, j);
        } else if (ni->join == J_OR) {
            int32_t j = join_entry(e, k->scope, v, -1);
            join_t *jn = &e->jn[j];
            if (jn->waiting == NONE) {
                e->sc[k->scope].or_wait++;
            }
            k->wnext = jn->waiting;
            jn->waiting = t;
            k->state = T_JOIN;
            flujo__scope_mark(e, k->scope);
            return;
        }
        split(e, t);
        return;
    default:
        flujo__tok_leave(e, t);
        return;
    }
}

/* Moves tokens until none is left to move at this instant, then settles OR joins. */
void flujo__drain(flujo_engine_t *e)
{
    for (;;) {
        while (e->wl_n > 0 && e->st == FLUJO_OK) {
            move_t mv = e->wl[e->wl_head];
            e->wl_head = (e->wl_head + 1) % e->wl_cap;
            e->wl_n--;
            if (++e->routing > FLUJO__MAX_ROUTING) {
                flujo__run_fail(
                    e, FLUJO_ESIM,
                    "tokens keep moving at the same instant around '%s': a loop without any "
                    "duration (set durations or probabilities to leave it)",
                    flujo__label(e, mv.node));
                return;
            }
            arrive(e, mv.tok, mv.node, mv.inpos);
        }
        if (e->n_dirty == 0 || e->st != FLUJO_OK) {
            return;
        }
        size_t n = e->n_dirty;
        e->n_dirty = 0;
        for (size_t i = 0; i < n; i++) {
            int32_t sc = e->dirty[i];
            if (e->sc[sc].dirty) {
                or_check(e, sc);
            }
        }
    }
}
