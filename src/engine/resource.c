/* resource.c - pools of performers and their queues.
 *
 * FIFO queues are ring buffers (O(1) at both ends); EDD and priority queues are binary heaps on
 * (key, arrival order), so that ties are served first come, first served. Removal from the middle
 * happens only when a boundary event interrupts waiting work and is O(n). */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "engine/resource_int.h"

void flujo_res_init(flujo_res_t *r, bool unlimited, long count, flujo_queue_t disc, double t0,
                    double t1)
{
    memset(r, 0, sizeof(*r));
    r->unlimited = unlimited;
    r->count = count;
    r->disc = disc;
    flujo_timeavg_init(&r->busy_avg, t0, t1);
    flujo_timeavg_init(&r->queue_avg, t0, t1);
}

void flujo_res_reset(flujo_res_t *r, double t0, double t1)
{
    r->busy = 0;
    r->head = 0;
    r->n = 0;
    r->seq = 0;
    flujo_timeavg_init(&r->busy_avg, t0, t1);
    flujo_timeavg_init(&r->queue_avg, t0, t1);
}

void flujo_res_destroy(flujo_res_t *r)
{
    free(r->w);
    r->w = NULL;
}

static bool before(const flujo_wait_t *a, const flujo_wait_t *b)
{
    return a->key != b->key ? a->key < b->key : a->seq < b->seq;
}

static flujo_wait_t *at(flujo_res_t *r, size_t i)
{
    return r->disc == FLUJO_QUEUE_FIFO ? &r->w[(r->head + i) % r->cap] : &r->w[i];
}

static void set_busy(flujo_res_t *r, double now, long busy)
{
    r->busy = busy;
    flujo_timeavg_set(&r->busy_avg, now, (double)busy);
}

bool flujo_res_can_seize(const flujo_res_t *r, long units)
{
    return r->unlimited || (r->n == 0 && r->busy + units <= r->count);
}

bool flujo_res_seize(flujo_res_t *r, double now, long units)
{
    if (!flujo_res_can_seize(r, units)) {
        return false;
    }
    set_busy(r, now, r->busy + units);
    return true;
}

static void grow(flujo_res_t *r)
{
    size_t old = r->cap;
    flujo_grow((void **)&r->w, &r->cap, r->n + 1, sizeof(*r->w));
    if (r->disc == FLUJO_QUEUE_FIFO && r->head + r->n > old) {
        /* unwrap the ring: the part before head goes after the old end */
        size_t wrapped = r->head + r->n - old;
        memcpy(&r->w[old], &r->w[0], wrapped * sizeof(*r->w));
    }
}

static void sift_up(flujo_res_t *r, size_t i)
{
    flujo_wait_t x = r->w[i];
    while (i > 0 && before(&x, &r->w[(i - 1) / 2])) {
        r->w[i] = r->w[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    r->w[i] = x;
}

static void sift_down(flujo_res_t *r, size_t i)
{
    flujo_wait_t x = r->w[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= r->n) {
            break;
        }
        if (c + 1 < r->n && before(&r->w[c + 1], &r->w[c])) {
            c++;
        }
        if (!before(&r->w[c], &x)) {
            break;
        }
        r->w[i] = r->w[c];
        i = c;
    }
    r->w[i] = x;
}

void flujo_res_wait(flujo_res_t *r, double now, uint32_t token, long units, double key)
{
    if (r->n == r->cap) {
        grow(r);
    }
    flujo_wait_t w = {token, (uint32_t)units, r->disc == FLUJO_QUEUE_FIFO ? 0 : key, r->seq++};
    if (r->disc == FLUJO_QUEUE_FIFO) {
        r->w[(r->head + r->n) % r->cap] = w;
        r->n++;
    } else {
        r->w[r->n++] = w;
        sift_up(r, r->n - 1);
    }
    flujo_timeavg_set(&r->queue_avg, now, (double)r->n);
}

/* Removes entry i (0 = head) keeping the order of the rest. */
static void remove_at(flujo_res_t *r, size_t i)
{
    if (r->disc == FLUJO_QUEUE_FIFO) {
        for (size_t k = i; k + 1 < r->n; k++) {
            *at(r, k) = *at(r, k + 1);
        }
        r->n--;
        return;
    }
    r->w[i] = r->w[--r->n];
    if (i < r->n) {
        sift_down(r, i);
        sift_up(r, i);
    }
}

bool flujo_res_next(flujo_res_t *r, double now, uint32_t *token)
{
    if (r->n == 0) {
        return false;
    }
    flujo_wait_t *w = at(r, 0);
    if (!r->unlimited && r->busy + (long)w->units > r->count) {
        return false;
    }
    *token = w->token;
    set_busy(r, now, r->busy + (long)w->units);
    if (r->disc == FLUJO_QUEUE_FIFO) {
        r->head = (r->head + 1) % r->cap;
        r->n--;
    } else {
        remove_at(r, 0);
    }
    flujo_timeavg_set(&r->queue_avg, now, (double)r->n);
    return true;
}

void flujo_res_release(flujo_res_t *r, double now, long units)
{
    set_busy(r, now, r->busy - units);
}

bool flujo_res_remove(flujo_res_t *r, double now, uint32_t token)
{
    for (size_t i = 0; i < r->n; i++) {
        if (at(r, i)->token == token) {
            remove_at(r, i);
            flujo_timeavg_set(&r->queue_avg, now, (double)r->n);
            return true;
        }
    }
    return false;
}
