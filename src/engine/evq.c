/* evq.c - the future event list, an array-backed binary min-heap. */
#include <stdlib.h>

#include "base/base_int.h"
#include "engine/evq_int.h"

void flujo_evq_init(flujo_evq_t *q)
{
    q->heap = NULL;
    q->n = 0;
    q->cap = 0;
    q->seq = 0;
}

void flujo_evq_destroy(flujo_evq_t *q)
{
    free(q->heap);
    flujo_evq_init(q);
}

void flujo_evq_clear(flujo_evq_t *q)
{
    q->n = 0;
    q->seq = 0;
}

/* True if a must run before b: earlier time, then lower priority, then FIFO by push order (both in
 * key). */
static inline int runs_before(const flujo_ev_t *a, const flujo_ev_t *b)
{
    if (a->time != b->time) {
        return a->time < b->time;
    }
    return a->key < b->key;
}

void flujo_evq_push(flujo_evq_t *q, double time, unsigned priority, uint32_t kind,
                    flujo_ev_data_t data)
{
    if (q->n == q->cap) {
        flujo_grow((void **)&q->heap, &q->cap, q->n + 1, sizeof(*q->heap));
    }
    flujo_ev_t ev = {time, ((uint64_t)(priority & 0xff) << 56) | (q->seq++ & 0xffffffffffffffULL),
                     kind, data};
    /* sift up: move parents down until ev's place is found */
    size_t i = q->n++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!runs_before(&ev, &q->heap[parent])) {
            break;
        }
        q->heap[i] = q->heap[parent];
        i = parent;
    }
    q->heap[i] = ev;
}

int flujo_evq_pop(flujo_evq_t *q, flujo_ev_t *ev)
{
    if (q->n == 0) {
        return 0;
    }
    *ev = q->heap[0];
    flujo_ev_t last = q->heap[--q->n];
    /* sift down the last event from the root */
    size_t i = 0, n = q->n;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n) {
            break;
        }
        if (child + 1 < n && runs_before(&q->heap[child + 1], &q->heap[child])) {
            child++;
        }
        if (!runs_before(&q->heap[child], &last)) {
            break;
        }
        q->heap[i] = q->heap[child];
        i = child;
    }
    if (n > 0) {
        q->heap[i] = last;
    }
    return 1;
}
