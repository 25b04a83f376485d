/* bpmn.c - BPMN 2.0 XML → flujo_model_t, with libxml2. The only file that includes libxml2.
 *
 * The document is read into a tree, then walked twice: the first pass creates processes,
 * participants, lanes and flow nodes (recursing into sub-processes); the second resolves what
 * refers to them by id (sequence flows, lane membership, boundary attachment, default flows,
 * message flows, diagram elements). Elements are recognised by namespace URI + local name only,
 * so `bpmn:`, `bpmn2:`, `semantic:` and default-namespace files read alike, and vendor extension
 * elements, being in other namespaces, are never visited. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "base/base_int.h"
#include "bpmn/bpmn_int.h"
#include "flujo_bpmn.h"
#include "model/model_int.h"

#define NS_MODEL  "http://www.omg.org/spec/BPMN/20100524/MODEL"
#define NS_BPMNDI "http://www.omg.org/spec/BPMN/20100524/DI"
#define NS_DC     "http://www.omg.org/spec/DD/20100524/DC"
#define NS_DI     "http://www.omg.org/spec/DD/20100524/DI"

/* A flow node element: its local name, simulation role and count slot. */
typedef struct node_type {
    const char *local;       /* BPMN local name */
    flujo_node_kind_t kind;  /* role */
    flujo_gateway_t gateway; /* gateway type */
    flujo_count_t count;     /* slot in model counts */
} node_type_t;

static const node_type_t node_types[] = {
    {"task", FLUJO_NODE_TASK, FLUJO_GW_NONE, FLUJO_COUNT_TASK},
    {"userTask", FLUJO_NODE_TASK, FLUJO_GW_NONE, FLUJO_COUNT_USER_TASK},
    {"manualTask", FLUJO_NODE_TASK, FLUJO_GW_NONE, FLUJO_COUNT_MANUAL_TASK},
    {"serviceTask", FLUJO_NODE_TASK, FLUJO_GW_NONE, FLUJO_COUNT_SERVICE_TASK},
    {"scriptTask", FLUJO_NODE_TASK, FLUJO_GW_NONE, FLUJO_COUNT_SCRIPT_TASK},
    {"businessRuleTask", FLUJO_NODE_TASK, FLUJO_GW_NONE, FLUJO_COUNT_BUSINESS_RULE_TASK},
    {"sendTask", FLUJO_NODE_TASK, FLUJO_GW_NONE, FLUJO_COUNT_SEND_TASK},
    {"receiveTask", FLUJO_NODE_TASK, FLUJO_GW_NONE, FLUJO_COUNT_RECEIVE_TASK},
    {"subProcess", FLUJO_NODE_SUBPROCESS, FLUJO_GW_NONE, FLUJO_COUNT_SUB_PROCESS},
    {"transaction", FLUJO_NODE_SUBPROCESS, FLUJO_GW_NONE, FLUJO_COUNT_TRANSACTION},
    {"adHocSubProcess", FLUJO_NODE_SUBPROCESS, FLUJO_GW_NONE, FLUJO_COUNT_AD_HOC_SUB_PROCESS},
    {"callActivity", FLUJO_NODE_CALL, FLUJO_GW_NONE, FLUJO_COUNT_CALL_ACTIVITY},
    {"startEvent", FLUJO_NODE_START, FLUJO_GW_NONE, FLUJO_COUNT_START_EVENT},
    {"endEvent", FLUJO_NODE_END, FLUJO_GW_NONE, FLUJO_COUNT_END_EVENT},
    {"intermediateCatchEvent", FLUJO_NODE_CATCH, FLUJO_GW_NONE,
     FLUJO_COUNT_INTERMEDIATE_CATCH_EVENT},
    {"intermediateThrowEvent", FLUJO_NODE_THROW, FLUJO_GW_NONE,
     FLUJO_COUNT_INTERMEDIATE_THROW_EVENT},
    {"boundaryEvent", FLUJO_NODE_BOUNDARY, FLUJO_GW_NONE, FLUJO_COUNT_BOUNDARY_EVENT},
    {"exclusiveGateway", FLUJO_NODE_GATEWAY, FLUJO_GW_EXCLUSIVE, FLUJO_COUNT_EXCLUSIVE_GATEWAY},
    {"parallelGateway", FLUJO_NODE_GATEWAY, FLUJO_GW_PARALLEL, FLUJO_COUNT_PARALLEL_GATEWAY},
    {"inclusiveGateway", FLUJO_NODE_GATEWAY, FLUJO_GW_INCLUSIVE, FLUJO_COUNT_INCLUSIVE_GATEWAY},
    {"eventBasedGateway", FLUJO_NODE_GATEWAY, FLUJO_GW_EVENT, FLUJO_COUNT_EVENT_BASED_GATEWAY},
    {"complexGateway", FLUJO_NODE_GATEWAY, FLUJO_GW_COMPLEX, FLUJO_COUNT_COMPLEX_GATEWAY},
};

/* An event definition element and its bit. */
typedef struct event_type {
    const char *local;     /* local name of the definition element */
    flujo_event_def_t def; /* bit */
    const char *ref_attr;  /* attribute naming what it refers to, or NULL */
} event_type_t;

static const event_type_t event_types[] = {
    {"timerEventDefinition", FLUJO_EV_TIMER, NULL},
    {"messageEventDefinition", FLUJO_EV_MESSAGE, "messageRef"},
    {"signalEventDefinition", FLUJO_EV_SIGNAL, "signalRef"},
    {"errorEventDefinition", FLUJO_EV_ERROR, "errorRef"},
    {"escalationEventDefinition", FLUJO_EV_ESCALATION, "escalationRef"},
    {"conditionalEventDefinition", FLUJO_EV_CONDITIONAL, NULL},
    {"linkEventDefinition", FLUJO_EV_LINK, "name"},
    {"terminateEventDefinition", FLUJO_EV_TERMINATE, NULL},
    {"compensateEventDefinition", FLUJO_EV_COMPENSATE, "activityRef"},
    {"cancelEventDefinition", FLUJO_EV_CANCEL, NULL},
};

/* A sequence flow element waiting for its nodes to exist. */
typedef struct pending_flow {
    xmlNodePtr el;   /* the sequenceFlow element */
    int64_t process; /* process it was found in */
    int64_t parent;  /* sub-process it was found in, or -1 */
} pending_flow_t;

/* Elements kept between the passes, by the index of what they became. */
typedef struct el_list {
    xmlNodePtr *el; /* el[i] */
    size_t n;       /* used */
    size_t cap;     /* allocated */
} el_list_t;

typedef struct reader {
    flujo_model_t *m;           /* the model being built */
    flujo_err_t *err;           /* where a fatal error goes */
    flujo_status_t st;          /* FLUJO_OK until a fatal error */
    flujo_strmap_t ids;         /* id → line of every element read, for duplicates */
    flujo_strmap_t lane_ids;    /* lane id → lane index */
    flujo_strmap_t process_ids; /* process id → process index */
    flujo_strmap_t part_ids;    /* participant id → index */
    flujo_strmap_t msg_ids;     /* message flow id → index */
    flujo_strmap_t global_defs; /* id of a top-level event definition → index in globals */
    el_list_t globals;          /* top-level event definitions */
    el_list_t node_el;          /* node_el.el[v]: element of node v */
    el_list_t lane_el;          /* element of lane i */
    el_list_t part_el;          /* element of participant i */
    el_list_t msg_el;           /* element of message flow i */
    pending_flow_t *flows;      /* sequence flows to create in pass 2 */
    size_t n_flows;             /* number of pending flows */
    size_t cap_flows;           /* allocated */
    size_t anon;                /* number of ids made up for elements without one */
    size_t n_elements;          /* model elements read so far, against FLUJO_BPMN_MAX_ELEMENTS */
} reader_t;

static void el_push(el_list_t *l, xmlNodePtr el)
{
    flujo_grow((void **)&l->el, &l->cap, l->n + 1, sizeof(*l->el));
    l->el[l->n++] = el;
}

static bool in_ns(xmlNodePtr el, const char *ns)
{
    return el->type == XML_ELEMENT_NODE && el->ns != NULL && el->ns->href != NULL &&
           strcmp((const char *)el->ns->href, ns) == 0;
}

static bool is_el(xmlNodePtr el, const char *ns, const char *local)
{
    return in_ns(el, ns) && strcmp((const char *)el->name, local) == 0;
}

static long line_of(xmlNodePtr el)
{
    return xmlGetLineNo(el);
}

/* The value of an unqualified attribute, copied (free()), or NULL. */
static char *get_attr(xmlNodePtr el, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)name);
    if (v == NULL) {
        return NULL;
    }
    char *s = flujo_xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

/* xsd:boolean attribute, or dflt when absent or not a boolean. */
static bool get_bool(xmlNodePtr el, const char *name, bool dflt)
{
    char *v = get_attr(el, name);
    bool b = dflt;
    if (v != NULL) {
        char *t = flujo_strdup_squeeze(v);
        if (strcmp(t, "true") == 0 || strcmp(t, "1") == 0) {
            b = true;
        } else if (strcmp(t, "false") == 0 || strcmp(t, "0") == 0) {
            b = false;
        }
        free(t);
        free(v);
    }
    return b;
}

/* The text content of an element with surrounding white space removed, copied, or NULL when
 * there is none. */
static char *get_text(xmlNodePtr el)
{
    xmlChar *v = xmlNodeGetContent(el);
    if (v == NULL) {
        return NULL;
    }
    const char *s = (const char *)v;
    size_t n = strlen(s);
    while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL) {
        n--;
    }
    while (n > 0 && strchr(" \t\r\n", *s) != NULL) {
        s++;
        n--;
    }
    char *out = n > 0 ? flujo_xstrndup(s, n) : NULL;
    xmlFree(v);
    return out;
}

/* Looks a reference up in map. References typed xsd:QName in the BPMN schema (processRef,
 * attachedToRef, bpmnElement, ...) may carry a prefix ("tns:Task_1"); the local part is tried
 * when the whole value is not an id. */
static bool lookup_ref(const flujo_strmap_t *map, const char *ref, int64_t *out)
{
    if (ref == NULL) {
        return false;
    }
    if (flujo_strmap_get(map, ref, out)) {
        return true;
    }
    const char *colon = strrchr(ref, ':');
    return colon != NULL && flujo_strmap_get(map, colon + 1, out);
}

/* lookup_ref in the model's index of node and flow ids. */
static bool lookup_model_ref(const flujo_model_t *m, const char *ref, int64_t *out)
{
    if (ref == NULL) {
        return false;
    }
    if (flujo__model_id(m, ref, out)) {
        return true;
    }
    const char *colon = strrchr(ref, ':');
    return colon != NULL && flujo__model_id(m, colon + 1, out);
}

static int64_t find_node_ref(const reader_t *r, const char *ref)
{
    int64_t v;
    if (lookup_model_ref(r->m, ref, &v) && v >= 0) {
        return v;
    }
    return -1;
}

static int64_t find_flow_ref(const reader_t *r, const char *ref)
{
    int64_t v;
    if (lookup_model_ref(r->m, ref, &v) && v < 0) {
        return -v - 1;
    }
    return -1;
}

static int64_t find_in(const flujo_strmap_t *map, const char *ref)
{
    int64_t v;
    return lookup_ref(map, ref, &v) ? v : -1;
}

/* xsd:ID is an NCName: a letter, '_' or a non-ASCII character first, then also digits, '-' and
 * '.', never ':' or white space. */
static bool valid_xml_id(const char *id)
{
    const unsigned char *p = (const unsigned char *)id;
    if (!(isalpha(*p) || *p == '_' || *p >= 0x80)) {
        return false;
    }
    for (p++; *p; p++) {
        if (!(isalnum(*p) || *p == '_' || *p == '-' || *p == '.' || *p >= 0x80)) {
            return false;
        }
    }
    return true;
}

/* The element's id, copied; elements without one get a made-up id that cannot clash with XML
 * ids ("#3"). A second element with an id already read is fatal: references would be ambiguous. */
static char *take_id(reader_t *r, xmlNodePtr el)
{
    char *id = get_attr(el, "id");
    long line = line_of(el);
    if (id == NULL || id[0] == '\0') {
        free(id);
        flujo_sbuf_t b;
        flujo_sbuf_init(&b);
        flujo_sbuf_printf(&b, "#%zu", ++r->anon);
        return flujo_sbuf_take(&b);
    }
    if (!valid_xml_id(id)) {
        flujo_diags_add(&r->m->diags, FLUJO_SEV_WARNING, "bad-id", id, line,
                        "id '%s' of <%s> is not a valid XML id (it must start with a letter or "
                        "'_' and hold no spaces): other modelling tools will refuse the file",
                        id, (const char *)el->name);
    }
    int64_t first;
    if (!flujo_strmap_put(&r->ids, id, line, &first) && r->st == FLUJO_OK) {
        r->st = flujo_err_set(r->err, FLUJO_EMODEL,
                              "%s:%ld: duplicate id '%s' on <%s> (already used at line %lld)",
                              r->m->file, line, id, (const char *)el->name, (long long)first);
    }
    return id;
}

static const node_type_t *node_type_of(xmlNodePtr el)
{
    if (!in_ns(el, NS_MODEL)) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof(node_types) / sizeof(node_types[0]); i++) {
        if (strcmp((const char *)el->name, node_types[i].local) == 0) {
            return &node_types[i];
        }
    }
    return NULL;
}

static const event_type_t *event_type_of(xmlNodePtr el)
{
    if (!in_ns(el, NS_MODEL)) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof(event_types) / sizeof(event_types[0]); i++) {
        if (strcmp((const char *)el->name, event_types[i].local) == 0) {
            return &event_types[i];
        }
    }
    return NULL;
}

/* Adds the definition `def` (element `el` of type t) to node v. */
static void add_event_def(reader_t *r, int64_t v, const event_type_t *t, xmlNodePtr def)
{
    flujo_node_t *n = &r->m->nodes[v];
    n->event_defs |= t->def;
    if (t->def == FLUJO_EV_TIMER && n->timer == NULL) {
        for (xmlNodePtr c = def->children; c != NULL; c = c->next) {
            if (is_el(c, NS_MODEL, "timeDuration") || is_el(c, NS_MODEL, "timeDate") ||
                is_el(c, NS_MODEL, "timeCycle")) {
                n->timer = get_text(c);
                break;
            }
        }
    }
    if (t->ref_attr != NULL && n->event_ref == NULL) {
        char *ref = get_attr(def, t->ref_attr);
        n->event_ref = ref != NULL ? flujo_strdup_squeeze(ref) : NULL;
        free(ref);
        /* Some tools (GenMyModel) leave the link name empty and name the events instead. */
        if (t->def == FLUJO_EV_LINK && (n->event_ref == NULL || n->event_ref[0] == '\0') &&
            n->name[0] != '\0') {
            free(n->event_ref);
            n->event_ref = flujo_xstrdup(n->name);
        }
    }
}

static void read_event_defs(reader_t *r, int64_t v, xmlNodePtr el)
{
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        const event_type_t *t = event_type_of(c);
        if (t != NULL) {
            add_event_def(r, v, t, c);
        } else if (is_el(c, NS_MODEL, "eventDefinitionRef")) {
            char *ref = get_text(c);
            int64_t g = find_in(&r->global_defs, ref);
            if (g >= 0) {
                add_event_def(r, v, event_type_of(r->globals.el[g]), r->globals.el[g]);
            } else {
                flujo_diags_add(&r->m->diags, FLUJO_SEV_WARNING, "dangling-event-definition",
                                r->m->nodes[v].id, line_of(c),
                                "event %s refers to event definition '%s', which does not exist",
                                r->m->nodes[v].id, ref != NULL ? ref : "");
            }
            free(ref);
        }
    }
}

static void read_loop(reader_t *r, int64_t v, xmlNodePtr el)
{
    flujo_node_t *n = &r->m->nodes[v];
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (is_el(c, NS_MODEL, "standardLoopCharacteristics")) {
            n->loop = FLUJO_LOOP_STANDARD;
            char *max = get_attr(c, "loopMaximum");
            n->loop_maximum = max != NULL ? strtol(max, NULL, 10) : 0;
            free(max);
            for (xmlNodePtr d = c->children; d != NULL; d = d->next) {
                if (is_el(d, NS_MODEL, "loopCondition") && n->loop_condition == NULL) {
                    n->loop_condition = get_text(d);
                }
            }
        } else if (is_el(c, NS_MODEL, "multiInstanceLoopCharacteristics")) {
            n->loop = get_bool(c, "isSequential", false) ? FLUJO_LOOP_MI_SEQUENTIAL
                                                         : FLUJO_LOOP_MI_PARALLEL;
            for (xmlNodePtr d = c->children; d != NULL; d = d->next) {
                if (is_el(d, NS_MODEL, "loopCardinality") && n->loop_cardinality == NULL) {
                    n->loop_cardinality = get_text(d);
                } else if (is_el(d, NS_MODEL, "completionCondition") && n->loop_condition == NULL) {
                    n->loop_condition = get_text(d);
                }
            }
        }
    }
}

static void read_scope(reader_t *r, xmlNodePtr el, int64_t process, int64_t parent);

/* Counts one more model element; false (with the error set) past the limit. */
static bool count_element(reader_t *r, xmlNodePtr el)
{
    if (++r->n_elements > FLUJO_BPMN_MAX_ELEMENTS && r->st == FLUJO_OK) {
        r->st = flujo_err_set(r->err, FLUJO_ELIMIT,
                              "%s:%ld: <%s> is element number %zu: flujo reads models of up to %d "
                              "flow nodes, flows and lanes",
                              r->m->file, line_of(el), (const char *)el->name, r->n_elements,
                              FLUJO_BPMN_MAX_ELEMENTS);
    }
    return r->st == FLUJO_OK;
}

static void read_node(reader_t *r, xmlNodePtr el, const node_type_t *t, int64_t process,
                      int64_t parent)
{
    char *id = take_id(r, el);
    char *name = get_attr(el, "name");
    int64_t v = flujo_model_add_node(r->m, id, name, t->local, t->kind, line_of(el));
    free(id);
    free(name);
    el_push(&r->node_el, el);
    r->m->counts[t->count]++;

    flujo_node_t *n = &r->m->nodes[v];
    n->gateway = t->gateway;
    n->process = process;
    n->parent = parent;
    n->cancel_activity = get_bool(el, "cancelActivity", true);
    n->is_interrupting = get_bool(el, "isInterrupting", true);
    n->triggered_by_event = get_bool(el, "triggeredByEvent", false);
    n->for_compensation = get_bool(el, "isForCompensation", false);
    n->called_element = get_attr(el, "calledElement");
    read_event_defs(r, v, el);
    read_loop(r, v, el);
    if (t->kind == FLUJO_NODE_SUBPROCESS) {
        read_scope(r, el, process, v);
    }
}

static void read_lane_set(reader_t *r, xmlNodePtr set, int64_t process, int64_t parent)
{
    for (xmlNodePtr c = set->children; c != NULL && r->st == FLUJO_OK; c = c->next) {
        if (!is_el(c, NS_MODEL, "lane") || !count_element(r, c)) {
            continue;
        }
        char *id = take_id(r, c);
        char *name = get_attr(c, "name");
        int64_t i = flujo_model_add_lane(r->m, id, name, process, parent, line_of(c));
        flujo_strmap_put(&r->lane_ids, id, i, NULL);
        el_push(&r->lane_el, c);
        r->m->counts[FLUJO_COUNT_LANE]++;
        free(id);
        free(name);
        for (xmlNodePtr d = c->children; d != NULL; d = d->next) {
            if (is_el(d, NS_MODEL, "childLaneSet")) {
                read_lane_set(r, d, process, i);
            }
        }
    }
}

/* Reads the flow elements of a process or sub-process. */
static void read_scope(reader_t *r, xmlNodePtr el, int64_t process, int64_t parent)
{
    for (xmlNodePtr c = el->children; c != NULL && r->st == FLUJO_OK; c = c->next) {
        const node_type_t *t = node_type_of(c);
        if ((t != NULL || is_el(c, NS_MODEL, "sequenceFlow")) && !count_element(r, c)) {
            break;
        }
        if (t != NULL) {
            read_node(r, c, t, process, parent);
        } else if (is_el(c, NS_MODEL, "sequenceFlow")) {
            flujo_grow((void **)&r->flows, &r->cap_flows, r->n_flows + 1, sizeof(*r->flows));
            r->flows[r->n_flows++] = (pending_flow_t){c, process, parent};
            r->m->counts[FLUJO_COUNT_SEQUENCE_FLOW]++;
        } else if (is_el(c, NS_MODEL, "laneSet")) {
            read_lane_set(r, c, process, -1);
        }
    }
}

static void read_process(reader_t *r, xmlNodePtr el)
{
    char *id = take_id(r, el);
    char *name = get_attr(el, "name");
    int64_t p = flujo_model_add_process(r->m, id, name, line_of(el));
    r->m->processes[p].is_executable = get_bool(el, "isExecutable", false);
    r->m->counts[FLUJO_COUNT_PROCESS]++;
    flujo_strmap_put(&r->process_ids, id, p, NULL);
    free(id);
    free(name);
    read_scope(r, el, p, -1);
}

static void read_collaboration(reader_t *r, xmlNodePtr el)
{
    for (xmlNodePtr c = el->children; c != NULL && r->st == FLUJO_OK; c = c->next) {
        if (is_el(c, NS_MODEL, "participant")) {
            char *id = take_id(r, c);
            char *name = get_attr(c, "name");
            int64_t i = flujo_model_add_participant(r->m, id, name, line_of(c));
            flujo_strmap_put(&r->part_ids, id, i, NULL);
            el_push(&r->part_el, c);
            r->m->counts[FLUJO_COUNT_PARTICIPANT]++;
            free(id);
            free(name);
        } else if (is_el(c, NS_MODEL, "messageFlow")) {
            char *id = take_id(r, c);
            char *name = get_attr(c, "name");
            int64_t i = flujo_model_add_msgflow(r->m, id, name, line_of(c));
            flujo_strmap_put(&r->msg_ids, id, i, NULL);
            el_push(&r->msg_el, c);
            r->m->counts[FLUJO_COUNT_MESSAGE_FLOW]++;
            free(id);
            free(name);
        }
    }
}

/* ---- pass 2: references ---------------------------------------------------------------------- */

static void link_participants(reader_t *r)
{
    flujo_model_t *m = r->m;
    for (size_t i = 0; i < m->n_participants; i++) {
        char *ref = get_attr(r->part_el.el[i], "processRef");
        int64_t p = find_in(&r->process_ids, ref);
        if (p >= 0) {
            m->participants[i].process = p;
            if (m->processes[p].participant < 0) {
                m->processes[p].participant = (int64_t)i;
            }
        } else if (ref != NULL) {
            flujo_diags_add(&m->diags, FLUJO_SEV_WARNING, "dangling-process-ref",
                            m->participants[i].id, m->participants[i].line,
                            "participant '%s' (%s) refers to process '%s', which does not exist",
                            m->participants[i].name, m->participants[i].id, ref);
        }
        free(ref);
    }
}

/* Describes the scope a node lives in, for messages. */
static const char *scope_name(const flujo_model_t *m, int64_t v)
{
    const flujo_node_t *n = &m->nodes[v];
    return n->parent >= 0 ? m->nodes[n->parent].id : m->processes[n->process].id;
}

static void read_flows(reader_t *r)
{
    flujo_model_t *m = r->m;
    for (size_t k = 0; k < r->n_flows; k++) {
        const pending_flow_t *pf = &r->flows[k];
        char *id = take_id(r, pf->el);
        char *name = get_attr(pf->el, "name");
        char *src_ref = get_attr(pf->el, "sourceRef");
        char *tgt_ref = get_attr(pf->el, "targetRef");
        long line = line_of(pf->el);
        int64_t src = find_node_ref(r, src_ref);
        int64_t tgt = find_node_ref(r, tgt_ref);

        if (src < 0 || tgt < 0) {
            bool bad_src = src < 0;
            const char *ref = bad_src ? src_ref : tgt_ref;
            if (ref == NULL) {
                flujo_diags_add(&m->diags, FLUJO_SEV_ERROR, "dangling-flow", id, line,
                                "sequence flow '%s' has no %s", id,
                                bad_src ? "sourceRef" : "targetRef");
            } else {
                flujo_diags_add(&m->diags, FLUJO_SEV_ERROR, "dangling-flow", id, line,
                                "sequence flow '%s' %s '%s', which is not a flow node of this "
                                "model",
                                id, bad_src ? "comes from" : "goes to", ref);
            }
        } else if (m->nodes[src].process != pf->process || m->nodes[src].parent != pf->parent ||
                   m->nodes[tgt].process != pf->process || m->nodes[tgt].parent != pf->parent) {
            int64_t out = m->nodes[src].parent != pf->parent || m->nodes[src].process != pf->process
                              ? src
                              : tgt;
            flujo_diags_add(
                &m->diags, FLUJO_SEV_ERROR, "flow-crosses-scope", id, line,
                "sequence flow '%s' defined in '%s' connects '%s', which belongs to "
                "'%s': use a message flow between pools, and start and end events "
                "inside sub-processes",
                id, pf->parent >= 0 ? m->nodes[pf->parent].id : m->processes[pf->process].id,
                m->nodes[out].id, scope_name(m, out));
        } else {
            int64_t j = flujo_model_add_flow(m, id, name, src, tgt, line);
            for (xmlNodePtr c = pf->el->children; c != NULL; c = c->next) {
                if (is_el(c, NS_MODEL, "conditionExpression")) {
                    m->flows[j].condition = get_text(c);
                    break;
                }
            }
        }
        free(id);
        free(name);
        free(src_ref);
        free(tgt_ref);
    }
}

/* Lane membership: a node listed by nested lanes belongs to the innermost one. */
static void read_lane_refs(reader_t *r)
{
    flujo_model_t *m = r->m;
    for (size_t i = 0; i < m->n_lanes; i++) {
        for (xmlNodePtr c = r->lane_el.el[i]->children; c != NULL; c = c->next) {
            if (!is_el(c, NS_MODEL, "flowNodeRef")) {
                continue;
            }
            char *ref = get_text(c);
            int64_t v = find_node_ref(r, ref);
            if (v < 0) {
                flujo_diags_add(&m->diags, FLUJO_SEV_WARNING, "dangling-lane-ref", m->lanes[i].id,
                                line_of(c),
                                "lane '%s' (%s) lists '%s', which is not a flow node of this model",
                                m->lanes[i].name, m->lanes[i].id, ref != NULL ? ref : "");
            } else if (m->nodes[v].lane < 0 ||
                       m->lanes[m->nodes[v].lane].depth < m->lanes[i].depth) {
                m->nodes[v].lane = (int64_t)i;
            }
            free(ref);
        }
    }
}

/* attachedToRef of boundary events and default flows of gateways and activities. */
static void read_node_refs(reader_t *r)
{
    flujo_model_t *m = r->m;
    for (size_t v = 0; v < m->n_nodes; v++) {
        xmlNodePtr el = r->node_el.el[v];
        flujo_node_t *n = &m->nodes[v];
        if (n->kind == FLUJO_NODE_BOUNDARY) {
            char *ref = get_attr(el, "attachedToRef");
            int64_t a = find_node_ref(r, ref);
            if (a >= 0 && m->nodes[a].kind != FLUJO_NODE_TASK &&
                m->nodes[a].kind != FLUJO_NODE_SUBPROCESS && m->nodes[a].kind != FLUJO_NODE_CALL) {
                a = -1;
            }
            if (a < 0) {
                flujo_diags_add(&m->diags, FLUJO_SEV_ERROR, "dangling-boundary", n->id, n->line,
                                "boundary event '%s' (%s) is attached to '%s', which is not an "
                                "activity of this model",
                                n->name, n->id, ref != NULL ? ref : "");
            }
            n->attached_to = a;
            free(ref);
        }
        char *def = get_attr(el, "default");
        if (def != NULL) {
            int64_t j = find_flow_ref(r, def);
            if (j >= 0 && m->flows[j].source == (int64_t)v) {
                n->default_flow = j;
                m->flows[j].is_default = true;
            } else {
                flujo_diags_add(&m->diags, FLUJO_SEV_ERROR, "bad-default-flow", n->id, n->line,
                                "the default flow '%s' of %s '%s' is not one of its outgoing "
                                "sequence flows",
                                def, n->type, n->id);
            }
            free(def);
        }
    }
}

/* Resolves one end of a message flow to a node or a participant. */
static bool msg_end(reader_t *r, const char *ref, int64_t *node, int64_t *part)
{
    *node = find_node_ref(r, ref);
    *part = *node < 0 ? find_in(&r->part_ids, ref) : -1;
    return *node >= 0 || *part >= 0;
}

static void read_msgflow_refs(reader_t *r)
{
    flujo_model_t *m = r->m;
    for (size_t i = 0; i < m->n_msgflows; i++) {
        flujo_msgflow_t *f = &m->msgflows[i];
        char *src = get_attr(r->msg_el.el[i], "sourceRef");
        char *tgt = get_attr(r->msg_el.el[i], "targetRef");
        bool ok_src = msg_end(r, src, &f->source_node, &f->source_participant);
        bool ok_tgt = msg_end(r, tgt, &f->target_node, &f->target_participant);
        if (!ok_src || !ok_tgt) {
            const char *ref = !ok_src ? src : tgt;
            flujo_diags_add(&m->diags, FLUJO_SEV_WARNING, "dangling-message-flow", f->id, f->line,
                            "message flow '%s' %s '%s', which is neither a flow node nor a pool",
                            f->id, !ok_src ? "comes from" : "goes to", ref != NULL ? ref : "");
        }
        free(src);
        free(tgt);
    }
}

/* ---- diagram -----------------------------------------------------------------------------------
 */

static bool get_double(xmlNodePtr el, const char *name, double *out)
{
    char *v = get_attr(el, name);
    if (v == NULL) {
        return false;
    }
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    while (*end == ' ' || *end == '\t') {
        end++;
    }
    bool ok = end != v && *end == '\0' && errno == 0 && isfinite(d);
    free(v);
    if (ok) {
        *out = d;
    }
    return ok;
}

static bool get_bounds(xmlNodePtr el, double *x, double *y, double *w, double *h)
{
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (is_el(c, NS_DC, "Bounds")) {
            return get_double(c, "x", x) && get_double(c, "y", y) && get_double(c, "width", w) &&
                   get_double(c, "height", h);
        }
    }
    return false;
}

/* What a bpmnElement reference of the diagram points to. */
static flujo_di_kind_t di_target(reader_t *r, const char *ref, int64_t *index)
{
    if ((*index = find_node_ref(r, ref)) >= 0) {
        return FLUJO_DI_NODE;
    }
    if ((*index = find_flow_ref(r, ref)) >= 0) {
        return FLUJO_DI_FLOW;
    }
    if ((*index = find_in(&r->lane_ids, ref)) >= 0) {
        return FLUJO_DI_LANE;
    }
    if ((*index = find_in(&r->part_ids, ref)) >= 0) {
        return FLUJO_DI_PARTICIPANT;
    }
    if ((*index = find_in(&r->msg_ids, ref)) >= 0) {
        return FLUJO_DI_MSGFLOW;
    }
    *index = -1;
    return FLUJO_DI_OTHER;
}

static void read_shape(reader_t *r, xmlNodePtr el, int plane)
{
    flujo_model_t *m = r->m;
    double x, y, w, h;
    char *ref = get_attr(el, "bpmnElement");
    if (ref == NULL || !get_bounds(el, &x, &y, &w, &h)) {
        free(ref);
        return;
    }
    int64_t i = flujo_model_add_shape(m, ref, plane);
    flujo_shape_t *s = &m->shapes[i];
    s->kind = di_target(r, ref, &s->index);
    s->x = x;
    s->y = y;
    s->w = w;
    s->h = h;
    s->expanded = get_bool(el, "isExpanded", false);
    s->horizontal = get_bool(el, "isHorizontal", true);
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (is_el(c, NS_BPMNDI, "BPMNLabel")) {
            s->has_label = get_bounds(c, &s->lx, &s->ly, &s->lw, &s->lh);
        }
    }
    free(ref);
}

static void read_edge(reader_t *r, xmlNodePtr el, int plane)
{
    flujo_model_t *m = r->m;
    char *ref = get_attr(el, "bpmnElement");
    if (ref == NULL) {
        return;
    }
    int64_t i = flujo_model_add_edge(m, ref, plane);
    m->edges[i].kind = di_target(r, ref, &m->edges[i].index);
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        double x, y;
        if (is_el(c, NS_DI, "waypoint") && get_double(c, "x", &x) && get_double(c, "y", &y)) {
            flujo_model_add_point(m, x, y);
        }
    }
    free(ref);
}

static void read_diagram(reader_t *r, xmlNodePtr diagram)
{
    for (xmlNodePtr p = diagram->children; p != NULL; p = p->next) {
        if (!is_el(p, NS_BPMNDI, "BPMNPlane")) {
            continue;
        }
        int plane = r->m->n_planes++;
        for (xmlNodePtr c = p->children; c != NULL; c = c->next) {
            if (is_el(c, NS_BPMNDI, "BPMNShape")) {
                read_shape(r, c, plane);
            } else if (is_el(c, NS_BPMNDI, "BPMNEdge")) {
                read_edge(r, c, plane);
            }
        }
    }
}

/* ---- parsing ------------------------------------------------------------------------------------
 */

/* State of the SAX hooks that refuse entity declarations and external DTDs. */
typedef struct entity_guard {
    bool refused;   /* an entity declaration was seen */
    bool external;  /* a DOCTYPE naming an external DTD was seen */
    long line;      /* its line */
    char name[128]; /* the entity's name, or the DTD's system id */
} entity_guard_t;

/* Called for <!DOCTYPE ...>. An external DTD is never loaded (no DTDLOAD), but a document that
 * names one may use entities it would declare, which would silently vanish from the names: such
 * a file is refused. */
static void refuse_external_dtd(void *ctx, const xmlChar *name, const xmlChar *external_id,
                                const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    entity_guard_t *g = ctxt->_private;
    if (external_id == NULL && system_id == NULL) {
        xmlSAX2InternalSubset(ctx, name, external_id, system_id);
        return;
    }
    if (!g->refused && !g->external) {
        g->external = true;
        g->line = xmlSAX2GetLineNumber(ctxt);
        snprintf(g->name, sizeof(g->name), "%s",
                 (const char *)(system_id != NULL ? system_id : external_id));
    }
    xmlStopParser(ctxt);
}

/* Called by the parser for every <!ENTITY ...> of a DOCTYPE. BPMN files never declare entities;
 * refusing them up front rules out entity expansion bombs and external entities (a SYSTEM entity
 * naming /etc/passwd is never opened), whatever the parser's own limits are. */
static void refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                          const xmlChar *system_id, xmlChar *content)
{
    xmlParserCtxtPtr ctxt = ctx;
    entity_guard_t *g = ctxt->_private;
    (void)type;
    (void)public_id;
    (void)system_id;
    (void)content;
    if (!g->refused && !g->external) {
        g->refused = true;
        g->line = xmlSAX2GetLineNumber(ctxt);
        snprintf(g->name, sizeof(g->name), "%s", (const char *)name);
    }
    xmlStopParser(ctxt);
}

/* NUL bytes near the start of a file without a UTF-16/32 byte order mark or "<" next to a NUL
 * (how libxml2 recognises UTF-16 without a mark) mean an image, an archive or similar. */
static bool looks_binary(const char *buf, size_t len)
{
    const unsigned char *u = (const unsigned char *)buf;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF) ||
                     (u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == '<'))) {
        return false;
    }
    if (len >= 4 && u[0] == 0 && u[1] == 0 && (u[2] == 0xFE || u[2] == '<' || u[3] == '<')) {
        return false;
    }
    return memchr(buf, 0, len < 4096 ? len : 4096) != NULL;
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Parses buf as XML in the encoding its declaration names (UTF-8 by default), refusing
 * entity declarations and external DTDs. A file that says UTF-8 but is not (Windows tools write
 * windows-1252 and call it UTF-8) is refused naming the line and the bytes, with the fix. */
static flujo_status_t parse(const char *buf, size_t len, const char *name, xmlDocPtr *out,
                            flujo_err_t *err)
{
    entity_guard_t guard = {0};
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        return flujo_err_set(err, FLUJO_EPARSE, "%s: cannot create an XML parser", name);
    }
    ctxt->sax->entityDecl = refuse_entity;
    ctxt->sax->internalSubset = refuse_external_dtd;
    ctxt->_private = &guard;
    /* NONET: never fetch anything; no NOENT, DTDLOAD or XINCLUDE: nothing but this file is read.
     * BIG_LINES: line numbers above 65535 stay right. */
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    /* Encoding converters report through the generic handler, which prints: silence it here
     * (the error still reaches the context, read below). */
    xmlGenericErrorFunc old = xmlGenericError;
    void *old_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL, opts);
    xmlSetGenericErrorFunc(old_ctx, old);
    flujo_status_t st = FLUJO_OK;
    if (guard.refused) {
        st = flujo_err_set(err, FLUJO_EPARSE,
                           "%s:%ld: the DOCTYPE declares entity '%s': entity declarations are not "
                           "allowed in BPMN files (nothing was expanded or read)",
                           name, guard.line, guard.name);
    } else if (guard.external) {
        st =
            flujo_err_set(err, FLUJO_EPARSE,
                          "%s:%ld: the DOCTYPE names an external DTD ('%s'): BPMN files have none, "
                          "and flujo reads nothing but the file it is given (nothing was read)",
                          name, guard.line, guard.name);
    } else if (doc == NULL || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        if (e != NULL && e->code == XML_ERR_INTERNAL_ERROR && e->message != NULL &&
            strstr(e->message, "depth") != NULL) {
            /* libxml2's own limit, which suggests an option we do not offer */
            st = flujo_err_set(err, FLUJO_ELIMIT,
                               "%s:%d: elements nested more than %d levels deep: no modelling "
                               "tool writes that, the file is broken or hostile",
                               name, e->line, e->int1);
        } else if (e != NULL && e->message != NULL && strstr(e->message, "not proper UTF-8")) {
            const char *bytes = strstr(e->message, "Bytes: ");
            bytes = bytes != NULL ? bytes + 7 : "";
            int n = (int)strcspn(bytes, "\n");
            while (n > 0 && bytes[n - 1] == ' ') {
                n--;
            }
            st = flujo_err_set(err, FLUJO_EPARSE,
                               "%s:%d: the text is not UTF-8 (bytes %.*s): save the file as UTF-8, "
                               "or declare its encoding, e.g. <?xml version=\"1.0\" "
                               "encoding=\"windows-1252\"?>",
                               name, e->line, n, bytes);
        } else {
            /* libxml2 messages end with a newline; flujo_err_set turns it into a space */
            st = flujo_err_set(err, FLUJO_EPARSE, "%s:%d: not well-formed XML: %s", name,
                               e != NULL ? e->line : 0,
                               e != NULL && e->message != NULL ? e->message : "unknown error");
        }
    }
    if (st != FLUJO_OK) {
        xmlFreeDoc(doc);
    } else {
        *out = doc;
    }
    xmlFreeParserCtxt(ctxt);
    return st;
}

/* The checks before parsing (empty, binary, too large), then the parse. */
static flujo_status_t parse_checked(const char *buf, size_t len, const char *name, xmlDocPtr *out,
                                    flujo_err_t *err)
{
    if (len == 0) {
        return flujo_err_set(err, FLUJO_EPARSE, "%s:1: empty file, expected a BPMN 2.0 XML model",
                             name);
    }
    if (looks_binary(buf, len)) {
        return flujo_err_set(err, FLUJO_EPARSE,
                             "%s:1: binary data, not a text file: expected a BPMN 2.0 XML model",
                             name);
    }
    if (len > FLUJO_BPMN_MAX_BYTES || len > (size_t)INT32_MAX) {
        return flujo_err_set(err, FLUJO_ELIMIT, "%s: file is larger than the limit of %zu MiB",
                             name, FLUJO_BPMN_MAX_BYTES >> 20);
    }
    return parse(buf, len, name, out, err);
}

static void reader_destroy(reader_t *r)
{
    flujo_strmap_destroy(&r->ids);
    flujo_strmap_destroy(&r->lane_ids);
    flujo_strmap_destroy(&r->process_ids);
    flujo_strmap_destroy(&r->part_ids);
    flujo_strmap_destroy(&r->msg_ids);
    flujo_strmap_destroy(&r->global_defs);
    free(r->globals.el);
    free(r->node_el.el);
    free(r->lane_el.el);
    free(r->part_el.el);
    free(r->msg_el.el);
    free(r->flows);
}

static flujo_status_t read_doc(xmlDocPtr doc, const char *name, flujo_model_t **out,
                               flujo_err_t *err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root == NULL || !is_el(root, NS_MODEL, "definitions")) {
        const char *ns = root != NULL && root->ns != NULL ? (const char *)root->ns->href : "";
        return flujo_err_set(err, FLUJO_EMODEL,
                             "%s:%ld: not a BPMN 2.0 model: the root element is <%s> in namespace "
                             "'%s', expected <definitions> in namespace '%s'",
                             name, root != NULL ? line_of(root) : 1L,
                             root != NULL ? (const char *)root->name : "", ns, NS_MODEL);
    }
    reader_t r = {0};
    r.m = flujo_model_new(name);
    r.err = err;
    flujo_strmap_init(&r.ids);
    flujo_strmap_init(&r.lane_ids);
    flujo_strmap_init(&r.process_ids);
    flujo_strmap_init(&r.part_ids);
    flujo_strmap_init(&r.msg_ids);
    flujo_strmap_init(&r.global_defs);

    for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
        if (event_type_of(c) != NULL) {
            char *id = get_attr(c, "id");
            if (id != NULL) {
                flujo_strmap_put(&r.global_defs, id, (int64_t)r.globals.n, NULL);
                el_push(&r.globals, c);
            }
            free(id);
        }
    }
    for (xmlNodePtr c = root->children; c != NULL && r.st == FLUJO_OK; c = c->next) {
        if (is_el(c, NS_MODEL, "process")) {
            read_process(&r, c);
        } else if (is_el(c, NS_MODEL, "collaboration")) {
            read_collaboration(&r, c);
        }
    }
    if (r.st == FLUJO_OK) {
        link_participants(&r);
        read_flows(&r);
    }
    if (r.st == FLUJO_OK) {
        read_lane_refs(&r);
        read_node_refs(&r);
        read_msgflow_refs(&r);
        for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
            if (is_el(c, NS_BPMNDI, "BPMNDiagram")) {
                read_diagram(&r, c);
            }
        }
    }
    if (r.st == FLUJO_OK) {
        r.st = flujo_model_finish(r.m, err);
    }
    flujo_status_t st = r.st;
    if (st == FLUJO_OK) {
        *out = r.m;
    } else {
        flujo_model_free(r.m);
    }
    reader_destroy(&r);
    return st;
}

flujo_status_t flujo_bpmn_read_memory(const char *buf, size_t len, const char *name,
                                      flujo_model_t **out, flujo_err_t *err)
{
    xmlDocPtr doc = NULL;
    flujo_status_t st = parse_checked(buf, len, name, &doc, err);
    if (st != FLUJO_OK) {
        return st;
    }
    st = read_doc(doc, name, out, err);
    xmlFreeDoc(doc);
    return st;
}

flujo_status_t flujo__bpmn_parse_file(const char *path, xmlDocPtr *out, flujo_err_t *err)
{
    char *buf;
    size_t len;
    flujo_status_t st = flujo_read_file(path, FLUJO_BPMN_MAX_BYTES, &buf, &len, err);
    if (st != FLUJO_OK) {
        return st;
    }
    st = parse_checked(buf, len, path, out, err);
    free(buf);
    return st;
}

flujo_status_t flujo_bpmn_read(const char *path, flujo_model_t **out, flujo_err_t *err)
{
    xmlDocPtr doc = NULL;
    flujo_status_t st = flujo__bpmn_parse_file(path, &doc, err);
    if (st != FLUJO_OK) {
        return st;
    }
    st = read_doc(doc, path, out, err);
    xmlFreeDoc(doc);
    return st;
}

/* ---- writing a diagram ----------------------------------------------------------------------- */

/* The namespace with href on the root, declared with the first free prefix of the list if
 * absent. */
static xmlNsPtr need_ns(xmlDocPtr doc, xmlNodePtr root, const char *href, const char *const *prefs)
{
    xmlNsPtr ns = xmlSearchNsByHref(doc, root, (const xmlChar *)href);
    if (ns != NULL) {
        return ns;
    }
    for (size_t i = 0; prefs[i] != NULL; i++) {
        if (xmlSearchNs(doc, root, (const xmlChar *)prefs[i]) == NULL) {
            return xmlNewNs(root, (const xmlChar *)href, (const xmlChar *)prefs[i]);
        }
    }
    return NULL;
}

/* Helpers to build DI elements. */
typedef struct di_writer {
    xmlNsPtr di, dc, ddi; /* BPMNDI, DC and DI namespaces */
} di_writer_t;

static void set_num(xmlNodePtr el, const char *name, double v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%.0f", v);
    xmlNewProp(el, (const xmlChar *)name, (const xmlChar *)buf);
}

/* Sets attribute id of el to prefix followed by the whole of id (never cut: a cut id could split
 * a UTF-8 character or make two long ids equal). */
static void set_prefixed_id(xmlNodePtr el, const char *prefix, const char *id)
{
    xmlChar *v = xmlStrcat(xmlStrdup((const xmlChar *)prefix), (const xmlChar *)id);
    xmlNewProp(el, (const xmlChar *)"id", v);
    xmlFree(v);
}

static xmlNodePtr add_shape(const di_writer_t *w, xmlNodePtr plane, const char *id, const double *b,
                            bool horizontal, bool expanded_attr, bool expanded)
{
    xmlNodePtr s = xmlNewChild(plane, w->di, (const xmlChar *)"BPMNShape", NULL);
    set_prefixed_id(s, "flujo-di-", id);
    xmlNewProp(s, (const xmlChar *)"bpmnElement", (const xmlChar *)id);
    if (horizontal) {
        xmlNewProp(s, (const xmlChar *)"isHorizontal", (const xmlChar *)"true");
    }
    if (expanded_attr) {
        xmlNewProp(s, (const xmlChar *)"isExpanded",
                   (const xmlChar *)(expanded ? "true" : "false"));
    }
    xmlNodePtr bounds = xmlNewChild(s, w->dc, (const xmlChar *)"Bounds", NULL);
    set_num(bounds, "x", b[0]);
    set_num(bounds, "y", b[1]);
    set_num(bounds, "width", b[2]);
    set_num(bounds, "height", b[3]);
    return s;
}

static void add_edge(const di_writer_t *w, xmlNodePtr plane, const char *id, const double *pts,
                     size_t n)
{
    xmlNodePtr e = xmlNewChild(plane, w->di, (const xmlChar *)"BPMNEdge", NULL);
    set_prefixed_id(e, "flujo-di-", id);
    xmlNewProp(e, (const xmlChar *)"bpmnElement", (const xmlChar *)id);
    for (size_t k = 0; k < n; k++) {
        xmlNodePtr wp = xmlNewChild(e, w->ddi, (const xmlChar *)"waypoint", NULL);
        set_num(wp, "x", pts[2 * k]);
        set_num(wp, "y", pts[2 * k + 1]);
    }
}

/* Puts each element child of el on its own line, indented two spaces per level, as modellers
 * write their files (libxml2 does not indent nodes added to a parsed document). */
static void indent(xmlDocPtr doc, xmlNodePtr el, int depth)
{
    char pad[130];
    bool any = false;
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        any = any || c->type == XML_ELEMENT_NODE;
    }
    if (!any) {
        return;
    }
    int n = 2 * (depth + 1) < 128 ? 2 * (depth + 1) : 128;
    pad[0] = '\n';
    memset(pad + 1, ' ', (size_t)n);
    pad[n + 1] = '\0';
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            xmlAddPrevSibling(c, xmlNewDocText(doc, (const xmlChar *)pad));
            indent(doc, c, depth + 1);
        }
    }
    pad[n - 1] = '\0'; /* two spaces less before the closing tag */
    xmlAddChild(el, xmlNewDocText(doc, (const xmlChar *)pad));
}

static xmlNodePtr new_plane(const di_writer_t *w, xmlNodePtr root, const char *element)
{
    xmlNodePtr d = xmlNewChild(root, w->di, (const xmlChar *)"BPMNDiagram", NULL);
    set_prefixed_id(d, "flujo-diagram-", element);
    xmlNodePtr p = xmlNewChild(d, w->di, (const xmlChar *)"BPMNPlane", NULL);
    set_prefixed_id(p, "flujo-plane-", element);
    xmlNewProp(p, (const xmlChar *)"bpmnElement", (const xmlChar *)element);
    return p;
}

/* Shapes and edges of the nodes and flows of one scope (parent -1: every process). */
static void plane_contents(const di_writer_t *w, xmlNodePtr plane, const flujo_model_t *m,
                           const flujo_layout_t *lay, int64_t parent)
{
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        int64_t scope = n->parent;
        if (scope != parent || n->id[0] == '#') {
            continue;
        }
        bool sub = n->kind == FLUJO_NODE_SUBPROCESS;
        add_shape(w, plane, n->id, &lay->node[4 * v], false, sub, false);
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        const flujo_flow_t *f = &m->flows[j];
        if (m->nodes[f->source].parent != parent || f->id[0] == '#') {
            continue;
        }
        add_edge(w, plane, f->id, &lay->points[2 * lay->first[j]],
                 lay->first[j + 1] - lay->first[j]);
    }
}

flujo_status_t flujo_bpmn_write_layout(const char *path, const flujo_model_t *m,
                                       const flujo_layout_t *lay, FILE *out, flujo_err_t *err)
{
    static const char *const di_prefs[] = {"bpmndi", "flujodi", NULL};
    static const char *const dc_prefs[] = {"dc", "omgdc", "flujodc", NULL};
    static const char *const ddi_prefs[] = {"di", "omgdi", "flujoddi", NULL};
    xmlDocPtr doc = NULL;
    flujo_status_t st = flujo__bpmn_parse_file(path, &doc, err);
    if (st != FLUJO_OK) {
        return st;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!is_el(root, NS_MODEL, "definitions")) {
        xmlFreeDoc(doc);
        return flujo_err_set(err, FLUJO_EMODEL, "%s: not a BPMN 2.0 model", path);
    }
    di_writer_t w = {need_ns(doc, root, NS_BPMNDI, di_prefs), need_ns(doc, root, NS_DC, dc_prefs),
                     need_ns(doc, root, NS_DI, ddi_prefs)};
    /* the old diagrams go; the collaboration (or first process) gets the new plane */
    const char *main_el = m->n_processes > 0 ? m->processes[0].id : "definitions";
    for (xmlNodePtr c = root->children, next; c != NULL; c = next) {
        next = c->next;
        if (is_el(c, NS_BPMNDI, "BPMNDiagram")) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    xmlChar *collab = NULL;
    for (xmlNodePtr c = root->children; c != NULL && collab == NULL; c = c->next) {
        if (is_el(c, NS_MODEL, "collaboration")) {
            collab = xmlGetNoNsProp(c, (const xmlChar *)"id");
        }
    }
    xmlNodePtr plane = new_plane(&w, root, collab != NULL ? (const char *)collab : main_el);
    for (size_t i = 0; i < m->n_participants; i++) {
        int64_t p = m->participants[i].process;
        if (p >= 0) {
            add_shape(&w, plane, m->participants[i].id, &lay->pool[4 * p], true, false, false);
        }
    }
    for (size_t i = 0; i < m->n_lanes; i++) {
        if (lay->lane[4 * i + 3] > 0 && m->lanes[i].id[0] != '#') {
            add_shape(&w, plane, m->lanes[i].id, &lay->lane[4 * i], true, false, false);
        }
    }
    plane_contents(&w, plane, m, lay, -1);
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (m->nodes[v].kind != FLUJO_NODE_SUBPROCESS) {
            continue;
        }
        bool inner = false;
        for (size_t u = 0; u < m->n_nodes && !inner; u++) {
            inner = m->nodes[u].parent == (int64_t)v;
        }
        if (inner) {
            plane_contents(&w, new_plane(&w, root, m->nodes[v].id), m, lay, (int64_t)v);
        }
    }
    xmlFree(collab);
    for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
        if (is_el(c, NS_BPMNDI, "BPMNDiagram")) {
            xmlAddPrevSibling(c, xmlNewDocText(doc, (const xmlChar *)"  "));
            xmlAddNextSibling(c, xmlNewDocText(doc, (const xmlChar *)"\n"));
            indent(doc, c, 1);
        }
    }
    /* written as UTF-8 whatever the file declared: every name fits, where a declared
     * ISO-8859-1 could not hold a character read from a reference (libxml2 would print an
     * encoder error and stop) */
    xmlFree((xmlChar *)doc->encoding);
    doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
    xmlGenericErrorFunc old = xmlGenericError;
    void *old_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet);
    int rc = xmlDocDump(out, doc);
    xmlSetGenericErrorFunc(old_ctx, old);
    xmlFreeDoc(doc);
    if (rc < 0 || fflush(out) != 0 || ferror(out)) {
        return flujo_err_set(err, FLUJO_EIO, "cannot write the model");
    }
    return FLUJO_OK;
}
