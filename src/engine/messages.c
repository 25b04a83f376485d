/* messages.c - message flows between pools: a message starts the receiving process for the same
 * case at its message start event, or reaches a catch event of the case, where a token waits for
 * it or finds it kept. The boxes of a case are a short list freed with the case, so memory does
 * not grow with the cases simulated. */
#include "engine/engine_int.h"

/* The box of case cas for catch event v (made if make), or NONE. */
static int32_t box(flujo_engine_t *e, int32_t cas, int32_t v, bool make)
{
    for (int32_t b = e->cs[cas].msgs; b != NONE; b = e->mb[b].next) {
        if (e->mb[b].node == v) {
            return b;
        }
    }
    if (!make) {
        return NONE;
    }
    int32_t b = e->free_mb;
    if (b != NONE) {
        e->free_mb = e->mb[b].next;
    } else {
        flujo_grow((void **)&e->mb, &e->cap_mb, e->n_mb + 1, sizeof(*e->mb));
        b = (int32_t)e->n_mb++;
    }
    e->mb[b] = (msgbox_t){v, 0, NONE, e->cs[cas].msgs};
    e->cs[cas].msgs = b;
    return b;
}

void flujo__send_messages(flujo_engine_t *e, int32_t t)
{
    int32_t v = e->tok[t].node, cas = e->tok[t].cas;
    const ninfo_t *ni = &e->ni[v];
    for (int32_t i = 0; i < ni->msg_n; i++) {
        int32_t w = e->msgt[ni->msg_first + i];
        if (e->m->nodes[w].kind == FLUJO_NODE_START) {
            /* the receiving pool's process, for this case, along the sender's path */
            int32_t x = flujo__tok_new(e, e->cs[cas].top);
            memcpy(e->tok[x].part, e->tok[t].part, sizeof(e->tok[x].part));
            e->tok[x].node = w;
            flujo__tok_leave(e, x);
            continue;
        }
        int32_t b = box(e, cas, w, true);
        int32_t y = e->mb[b].waiter;
        if (y == NONE) {
            e->mb[b].count++;
            continue;
        }
        e->mb[b].waiter = e->tok[y].wnext;
        flujo__meas_take(e, y, t); /* the message decided when it goes on: the sender's path */
        flujo__tok_leave(e, y);
    }
}

void flujo__msg_wait(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    int32_t b = box(e, k->cas, k->node, true);
    if (e->mb[b].count > 0) {
        e->mb[b].count--;
        flujo__tok_leave(e, t);
        return;
    }
    k->state = T_MSG;
    k->wnext = NONE;
    /* last in the list: messages release the waiting tokens in the order they came */
    int32_t *p = &e->mb[b].waiter;
    while (*p != NONE) {
        p = &e->tok[*p].wnext;
    }
    *p = t;
}

void flujo__msg_unwait(flujo_engine_t *e, int32_t t)
{
    int32_t b = box(e, e->tok[t].cas, e->tok[t].node, false);
    for (int32_t *p = b != NONE ? &e->mb[b].waiter : NULL; p != NULL && *p != NONE;
         p = &e->tok[*p].wnext) {
        if (*p == t) {
            *p = e->tok[t].wnext;
            return;
        }
    }
}

void flujo__msgs_free(flujo_engine_t *e, int32_t cas)
{
    int32_t b = e->cs[cas].msgs;
    while (b != NONE) {
        int32_t next = e->mb[b].next;
        e->mb[b].next = e->free_mb;
        e->free_mb = b;
        b = next;
    }
    e->cs[cas].msgs = NONE;
}
