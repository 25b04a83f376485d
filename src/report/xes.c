/* xes.c - the event log in XES (IEEE 1849-2016), for process-mining tools (PM4Py, ProM,
 * Disco): one trace per expediente with its attributes, and for each activity instance the
 * schedule (reached), start and complete events with the performing pool (org:resource) and the
 * lane (org:group).
 *
 * Activities arrive in completion order across cases; a trace is written when its case ends, so
 * the writer holds only the events of cases in process (memory does not grow with the number of
 * cases, only with work in process). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_report.h"
#include "report/report_int.h"

typedef struct xes_act {
    uint64_t case_id;
    int64_t node, pool;
    double enable, start, end;
    int64_t next; /* next activity of the same case, or -1 */
} xes_act_t;

typedef struct xes_slot {
    uint64_t case_id; /* 0: empty */
    int64_t head;     /* first activity (in completion order), or -1 */
    int64_t tail;
} xes_slot_t;

struct flujo_xes {
    FILE *f;
    const flujo_scenario_t *s;
    xes_act_t *acts;
    size_t n_acts, cap_acts;
    int64_t free_act; /* free list through next */
    xes_slot_t *slots;
    size_t n_slots, used;
};

/* Text and attribute values, escaped (format.c). */
static void esc(FILE *f, const char *s)
{
    flujo__xml_text(f, s);
}

/* Writes key as an XML Name (what XES requires of keys): characters that cannot be in one become
 * '_', and a key that cannot start one gets a '_' in front. */
static void name(FILE *f, const char *key)
{
    unsigned char c = (unsigned char)key[0];
    if (!(c == '_' || c == ':' || c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) {
        fputc('_', f);
    }
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        bool ok = *p >= 0x80 || *p == '_' || *p == ':' || *p == '-' || *p == '.' ||
                  (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z');
        fputc(ok ? *p : '_', f);
    }
}

static void attr(FILE *f, int indent, const char *type, const char *key, const char *value)
{
    fprintf(f, "%*s<%s key=\"", indent, "", type);
    name(f, key);
    fputs("\" value=\"", f);
    esc(f, value);
    fputs("\"/>\n", f);
}

/* Simulation time as an XES date: local time of Peru, which keeps UTC-5 all year. */
static void date(const flujo_scenario_t *s, double t, char *buf, size_t n)
{
    /* rounded to the millisecond once, so that the order of times is the order of dates */
    double ms = floor(t * 1000 + 0.5);
    double sec = floor(ms / 1000);
    char local[32];
    flujo_format_time(s->start_day, sec, local, sizeof(local));
    snprintf(buf, n, "%s.%03d-05:00", local, (int)(ms - sec * 1000));
}

flujo_xes_t *flujo_xes_begin(FILE *f, const flujo_scenario_t *s)
{
    flujo_xes_t *x = flujo_xcalloc(1, sizeof(*x));
    x->f = f;
    x->s = s;
    x->free_act = -1;
    x->n_slots = 1024;
    x->slots = flujo_xcalloc(x->n_slots, sizeof(*x->slots));
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<log xes.version=\"1.0\" xes.features=\"\" "
          "xmlns=\"http://www.xes-standard.org/\">\n"
          "  <extension name=\"Concept\" prefix=\"concept\" "
          "uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
          "  <extension name=\"Lifecycle\" prefix=\"lifecycle\" "
          "uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>\n"
          "  <extension name=\"Time\" prefix=\"time\" "
          "uri=\"http://www.xes-standard.org/time.xesext\"/>\n"
          "  <extension name=\"Organizational\" prefix=\"org\" "
          "uri=\"http://www.xes-standard.org/org.xesext\"/>\n"
          "  <global scope=\"trace\">\n"
          "    <string key=\"concept:name\" value=\"UNKNOWN\"/>\n"
          "  </global>\n"
          "  <global scope=\"event\">\n"
          "    <string key=\"concept:name\" value=\"UNKNOWN\"/>\n"
          "    <string key=\"lifecycle:transition\" value=\"complete\"/>\n"
          "    <date key=\"time:timestamp\" value=\"1970-01-01T00:00:00.000+00:00\"/>\n"
          "  </global>\n"
          "  <classifier name=\"Activity\" keys=\"concept:name\"/>\n"
          "  <classifier name=\"ActivityAndTransition\" "
          "keys=\"concept:name lifecycle:transition\"/>\n",
          f);
    attr(f, 2, "string", "concept:name", s->name);
    attr(f, 2, "string", "flujo:scenario", s->file);
    return x;
}

/* The slot of a case id (open addressing, linear probing); grows the table at half load. */
static xes_slot_t *slot(flujo_xes_t *x, uint64_t id, bool create)
{
    if (create && 2 * (x->used + 1) > x->n_slots) {
        xes_slot_t *old = x->slots;
        size_t n = x->n_slots;
        x->n_slots *= 2;
        x->slots = flujo_xcalloc(x->n_slots, sizeof(*x->slots));
        x->used = 0;
        for (size_t i = 0; i < n; i++) {
            if (old[i].case_id != 0) {
                xes_slot_t *s = slot(x, old[i].case_id, true);
                *s = old[i];
            }
        }
        free(old);
    }
    size_t i = (size_t)(id * 0x9E3779B97F4A7C15ULL) & (x->n_slots - 1);
    while (x->slots[i].case_id != 0 && x->slots[i].case_id != id) {
        i = (i + 1) & (x->n_slots - 1);
    }
    if (x->slots[i].case_id == 0) {
        if (!create) {
            return NULL;
        }
        x->slots[i].case_id = id;
        x->slots[i].head = x->slots[i].tail = -1;
        x->used++;
    }
    return &x->slots[i];
}

void flujo_xes_activity(flujo_xes_t *x, const flujo_activity_rec_t *rec)
{
    if (rec->background) {
        return; /* the units' other work is not an expediente */
    }
    int64_t a = x->free_act;
    if (a >= 0) {
        x->free_act = x->acts[a].next;
    } else {
        flujo_grow((void **)&x->acts, &x->cap_acts, x->n_acts + 1, sizeof(*x->acts));
        a = (int64_t)x->n_acts++;
    }
    x->acts[a] = (xes_act_t){rec->case_id,    rec->node,     rec->pool, rec->enable_time,
                             rec->start_time, rec->end_time, -1};
    xes_slot_t *s = slot(x, rec->case_id, true);
    if (s->tail >= 0) {
        x->acts[s->tail].next = a;
    } else {
        s->head = a;
    }
    s->tail = a;
}

typedef struct xes_event {
    double t;
    int phase; /* 0 schedule, 1 start, 2 complete */
    int64_t act;
} xes_event_t;

static int by_time(const void *pa, const void *pb)
{
    const xes_event_t *a = pa, *b = pb;
    if (a->t != b->t) {
        return a->t < b->t ? -1 : 1;
    }
    if (a->act != b->act) {
        return a->act < b->act ? -1 : 1;
    }
    return a->phase - b->phase;
}

/* Writes the trace of case id (its events in time order) and frees its activities. */
static void write_trace(flujo_xes_t *x, uint64_t id, const flujo_case_rec_t *rec)
{
    static const char *const phase[] = {"schedule", "start", "complete"};
    const flujo_scenario_t *s = x->s;
    const flujo_model_t *m = s->model;
    FILE *f = x->f;
    char buf[64];
    xes_slot_t *sl = slot(x, id, false);
    fputs("  <trace>\n", f);
    snprintf(buf, sizeof(buf), "%llu", (unsigned long long)id);
    attr(f, 4, "string", "concept:name", buf);
    if (rec != NULL) {
        const flujo_node_t *st = &m->nodes[rec->start];
        attr(f, 4, "string", "flujo:start_event", st->name[0] ? st->name : st->id);
        for (size_t k = 0; k < s->n_attrs && rec->attrs != NULL; k++) {
            if (rec->attrs[k] >= 0) {
                attr(f, 4, "string", s->attrs[k].name, s->attrs[k].values[rec->attrs[k]]);
            }
        }
        snprintf(buf, sizeof(buf), "%.6g", rec->legal_bd);
        attr(f, 4, "float", "flujo:legal_time_bd", buf);
        if (s->sla.set) {
            attr(f, 4, "boolean", "flujo:within_plazo", rec->within ? "true" : "false");
            attr(f, 4, "boolean", "flujo:silenced", rec->silenced ? "true" : "false");
        }
    } else {
        attr(f, 4, "boolean", "flujo:finished", "false");
    }
    size_t n = 0;
    for (int64_t a = sl != NULL ? sl->head : -1; a >= 0; a = x->acts[a].next) {
        n++;
    }
    xes_event_t *ev = flujo_xcalloc(3 * n + 1, sizeof(*ev));
    size_t k = 0;
    for (int64_t a = sl != NULL ? sl->head : -1; a >= 0; a = x->acts[a].next) {
        ev[k++] = (xes_event_t){x->acts[a].enable, 0, a};
        ev[k++] = (xes_event_t){x->acts[a].start, 1, a};
        ev[k++] = (xes_event_t){x->acts[a].end, 2, a};
    }
    qsort(ev, k, sizeof(*ev), by_time);
    for (size_t i = 0; i < k; i++) {
        const xes_act_t *a = &x->acts[ev[i].act];
        const flujo_node_t *nd = &m->nodes[a->node];
        fputs("    <event>\n", f);
        attr(f, 6, "string", "concept:name", nd->name[0] ? nd->name : nd->id);
        attr(f, 6, "string", "lifecycle:transition", phase[ev[i].phase]);
        date(s, ev[i].t, buf, sizeof(buf));
        attr(f, 6, "date", "time:timestamp", buf);
        attr(f, 6, "string", "org:resource", s->pools[a->pool].name);
        attr(f, 6, "string", "org:group", flujo_model_unit(m, a->node));
        attr(f, 6, "string", "flujo:activity_id", nd->id);
        fputs("    </event>\n", f);
    }
    fputs("  </trace>\n", f);
    free(ev);
    /* give the activities back and empty the slot (re-inserting its followers) */
    if (sl != NULL) {
        for (int64_t a = sl->head; a >= 0;) {
            int64_t next = x->acts[a].next;
            x->acts[a].next = x->free_act;
            x->free_act = a;
            a = next;
        }
        size_t i = (size_t)(sl - x->slots);
        x->slots[i].case_id = 0;
        x->used--;
        for (size_t j = (i + 1) & (x->n_slots - 1); x->slots[j].case_id != 0;
             j = (j + 1) & (x->n_slots - 1)) {
            xes_slot_t moved = x->slots[j];
            x->slots[j].case_id = 0;
            x->used--;
            *slot(x, moved.case_id, true) = moved;
        }
    }
}

static int by_id(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

void flujo_xes_case(flujo_xes_t *x, const flujo_case_rec_t *rec)
{
    write_trace(x, rec->case_id, rec);
}

flujo_status_t flujo_xes_end(flujo_xes_t *x, flujo_err_t *err)
{
    /* cases still in process at the end (that could not finish): their events so far, in the
     * order of their numbers (writing one moves others in the table, so list them first) */
    uint64_t *ids = flujo_xcalloc(x->used + 1, sizeof(*ids));
    size_t n = 0;
    for (size_t i = 0; i < x->n_slots; i++) {
        if (x->slots[i].case_id != 0) {
            ids[n++] = x->slots[i].case_id;
        }
    }
    qsort(ids, n, sizeof(*ids), by_id);
    for (size_t i = 0; i < n; i++) {
        write_trace(x, ids[i], NULL);
    }
    free(ids);
    fputs("</log>\n", x->f);
    bool ok = fflush(x->f) == 0 && !ferror(x->f);
    free(x->acts);
    free(x->slots);
    free(x);
    return ok ? FLUJO_OK : flujo_err_set(err, FLUJO_EIO, "cannot write the XES log");
}
