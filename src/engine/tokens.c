/* tokens.c - the engine's pools of objects (tokens, scopes; free lists, arrays that double) and
 * the moves of tokens along sequence flows. */
#include <assert.h>
#include <string.h>

#include "engine/engine_int.h"

static int32_t tok_alloc(flujo_engine_t *e)
{
    int32_t t = e->free_tok;
    if (t != NONE) {
        e->free_tok = e->tok[t].wnext;
    } else {
        flujo_grow((void **)&e->tok, &e->cap_tok, e->n_tok + 1, sizeof(*e->tok));
        t = (int32_t)e->n_tok++;
    }
    uint32_t gen = e->tok[t].gen;
    memset(&e->tok[t], 0, sizeof(tok_t));
    e->tok[t].gen = gen + 1;
    e->tok[t].parent = NONE;
    e->tok[t].child = NONE;
    e->tok[t].wnext = NONE;
    e->tok[t].node = NONE;
    return t;
}

/* Updates the case's legal-clock pause when a token enters (on) or leaves (!on) a pausing node. */
void flujo__tok_pause_change(flujo_engine_t *e, int32_t t, bool on)
{
    tok_t *k = &e->tok[t];
    ecase_t *c = &e->cs[k->cas];
    k->paused = on; /* only pauses between the start of counting and the decision stop it */
    const flujo_calendar_t *legal = e->s->calendars[e->s->legal_calendar];
    double b = flujo_calendar_bclock(legal, e->now);
    b = b > c->bstart ? b : c->bstart;
    if (c->decided >= 0) {
        double d = flujo_calendar_bclock(legal, c->decided);
        b = b < d ? b : d;
    }
    if (on && c->pauses++ == 0) {
        c->pause_since = b;
    } else if (!on && --c->pauses == 0) {
        c->paused += b - c->pause_since;
    }
}

/* A new token of scope sc (and its case), at no node yet. */
int32_t flujo__tok_new(flujo_engine_t *e, int32_t sc)
{
    int32_t t = tok_alloc(e);
    tok_t *k = &e->tok[t];
    scope_t *s = &e->sc[sc];
    k->scope = sc;
    k->cas = s->cas;
    k->state = T_MOVING;
    k->mark = e->now;
    k->sprev = NONE;
    k->snext = s->first;
    if (s->first != NONE) {
        e->tok[s->first].sprev = t;
    }
    s->first = t;
    s->active++;
    return t;
}

/* Releases a token: it leaves its scope (which may then be done). The last token of a scope hands
 * its path to whoever waits for the scope: the token at the sub-process, or the case. */
void flujo__tok_free(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    assert(k->state != T_FREE);
    int32_t sc = k->scope;
    scope_t *s = &e->sc[sc];
    if (s->active == 1) {
        int32_t up = s->parent;
        if (up != NONE) {
            flujo__meas_take(e, up, t);
        } else {
            flujo__meas_path(e, t, e->cs[k->cas].part);
        }
    }
    flujo__tok_pause(e, t, false);
    if (k->sprev != NONE) {
        e->tok[k->sprev].snext = k->snext;
    } else {
        s->first = k->snext;
    }
    if (k->snext != NONE) {
        e->tok[k->snext].sprev = k->sprev;
    }
    k->state = T_FREE;
    k->gen++;
    k->wnext = e->free_tok;
    e->free_tok = t;
    flujo__scope_mark(e, sc);
    if (--s->active == 0) {
        flujo__scope_done(e, sc);
    }
}

int32_t flujo__scope_new(flujo_engine_t *e, int32_t cas, int32_t node, int32_t parent)
{
    int32_t sc = e->free_sc;
    if (sc != NONE) {
        e->free_sc = e->sc[sc].next;
    } else {
        flujo_grow((void **)&e->sc, &e->cap_sc, e->n_sc + 1, sizeof(*e->sc));
        sc = (int32_t)e->n_sc++;
    }
    uint32_t gen = e->sc[sc].gen;
    memset(&e->sc[sc], 0, sizeof(scope_t));
    scope_t *s = &e->sc[sc];
    s->gen = gen + 1;
    s->cas = cas;
    s->node = node;
    s->parent = parent;
    s->first = NONE;
    s->joins = NONE;
    s->next = NONE;
    return sc;
}

void flujo__scope_free_joins(flujo_engine_t *e, int32_t sc)
{
    scope_t *s = &e->sc[sc];
    for (int32_t j = s->joins; j != NONE;) {
        int32_t next = e->jn[j].next;
        e->jn[j].next = e->free_jn;
        e->free_jn = j;
        j = next;
    }
    s->joins = NONE;
}

void flujo__scope_release(flujo_engine_t *e, int32_t sc)
{
    scope_t *s = &e->sc[sc];
    flujo__scope_free_joins(e, sc);
    s->gen++;
    s->next = e->free_sc;
    e->free_sc = sc;
}

/* Queues a token to reach node through incoming position inpos. */
void flujo__tok_go(flujo_engine_t *e, int32_t t, int32_t node, int32_t inpos)
{
    if (e->wl_n == e->wl_cap) {
        size_t old = e->wl_cap;
        flujo_grow((void **)&e->wl, &e->wl_cap, e->wl_n + 1, sizeof(*e->wl));
        if (e->wl_head + e->wl_n > old) {
            memcpy(&e->wl[old], &e->wl[0], (e->wl_head + e->wl_n - old) * sizeof(*e->wl));
        }
    }
    e->wl[(e->wl_head + e->wl_n) % e->wl_cap] = (move_t){t, node, inpos};
    e->wl_n++;
    e->tok[t].state = T_MOVING;
}

/* Leaves node v along every outgoing flow (tasks and events split like a parallel gateway). A
 * node without outgoing flows ends the token. */
void flujo__tok_leave(flujo_engine_t *e, int32_t t)
{
    const flujo_model_t *m = e->m;
    int32_t v = e->tok[t].node;
    size_t first = m->out_start[v], n = m->out_start[v + 1] - first;
    e->tok[t].gen++;
    if (e->ni[v].msg_n > 0) {
        flujo__send_messages(e, t);
    }
    if (n == 0) {
        flujo__tok_free(e, t);
        return;
    }
    if (e->ni[v].choose) {
        flujo__leave_choosing(e, t);
        return;
    }
    for (size_t k = 1; k < n; k++) {
        flujo__tok_follow(e, flujo__tok_clone(e, t), m->out_flow[first + k]);
    }
    flujo__tok_follow(e, t, m->out_flow[first]);
}
