/* read.c - pass 1 of the BPMN reader: the elements. Processes, participants, message flows,
 * lanes and flow nodes (with their event definitions and loop markers, recursing into
 * sub-processes) become model elements; sequence flows wait for pass 2 (refs.c), since they may
 * name nodes further down the file. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "bpmn/reader_int.h"
#include "flujo_bpmn.h"

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

static void el_push(flujo__bpmn_el_list_t *l, xmlNodePtr el)
{
    flujo_grow((void **)&l->el, &l->cap, l->n + 1, sizeof(*l->el));
    l->el[l->n++] = el;
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

char *flujo__bpmn_take_id(flujo__bpmn_reader_t *r, xmlNodePtr el)
{
    char *id = flujo__bpmn_get_attr(el, "id");
    long line = flujo__bpmn_line_of(el);
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
    if (!flujo__bpmn_in_ns(el, NS_MODEL)) {
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
    if (!flujo__bpmn_in_ns(el, NS_MODEL)) {
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
static void add_event_def(flujo__bpmn_reader_t *r, int64_t v, const event_type_t *t, xmlNodePtr def)
{
    flujo_node_t *n = &r->m->nodes[v];
    n->event_defs |= t->def;
    if (t->def == FLUJO_EV_TIMER && n->timer == NULL) {
        for (xmlNodePtr c = def->children; c != NULL; c = c->next) {
            if (flujo__bpmn_is_el(c, NS_MODEL, "timeDuration") ||
                flujo__bpmn_is_el(c, NS_MODEL, "timeDate") ||
                flujo__bpmn_is_el(c, NS_MODEL, "timeCycle")) {
                n->timer = flujo__bpmn_get_text(c);
                break;
            }
        }
    }
    if (t->ref_attr != NULL && n->event_ref == NULL) {
        char *ref = flujo__bpmn_get_attr(def, t->ref_attr);
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

static void read_event_defs(flujo__bpmn_reader_t *r, int64_t v, xmlNodePtr el)
{
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        const event_type_t *t = event_type_of(c);
        if (t != NULL) {
            add_event_def(r, v, t, c);
        } else if (flujo__bpmn_is_el(c, NS_MODEL, "eventDefinitionRef")) {
            char *ref = flujo__bpmn_get_text(c);
            int64_t g = flujo__bpmn_find_in(&r->global_defs, ref);
            if (g >= 0) {
                add_event_def(r, v, event_type_of(r->globals.el[g]), r->globals.el[g]);
            } else {
                flujo_diags_add(&r->m->diags, FLUJO_SEV_WARNING, "dangling-event-definition",
                                r->m->nodes[v].id, flujo__bpmn_line_of(c),
                                "event %s refers to event definition '%s', which does not exist",
                                r->m->nodes[v].id, ref != NULL ? ref : "");
            }
            free(ref);
        }
    }
}

static void read_loop(flujo__bpmn_reader_t *r, int64_t v, xmlNodePtr el)
{
    flujo_node_t *n = &r->m->nodes[v];
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (flujo__bpmn_is_el(c, NS_MODEL, "standardLoopCharacteristics")) {
            n->loop = FLUJO_LOOP_STANDARD;
            char *max = flujo__bpmn_get_attr(c, "loopMaximum");
            n->loop_maximum = max != NULL ? strtol(max, NULL, 10) : 0;
            free(max);
            for (xmlNodePtr d = c->children; d != NULL; d = d->next) {
                if (flujo__bpmn_is_el(d, NS_MODEL, "loopCondition") && n->loop_condition == NULL) {
                    n->loop_condition = flujo__bpmn_get_text(d);
                }
            }
        } else if (flujo__bpmn_is_el(c, NS_MODEL, "multiInstanceLoopCharacteristics")) {
            n->loop = flujo__bpmn_get_bool(c, "isSequential", false) ? FLUJO_LOOP_MI_SEQUENTIAL
                                                                     : FLUJO_LOOP_MI_PARALLEL;
            for (xmlNodePtr d = c->children; d != NULL; d = d->next) {
                if (flujo__bpmn_is_el(d, NS_MODEL, "loopCardinality") &&
                    n->loop_cardinality == NULL) {
                    n->loop_cardinality = flujo__bpmn_get_text(d);
                } else if (flujo__bpmn_is_el(d, NS_MODEL, "completionCondition") &&
                           n->loop_condition == NULL) {
                    n->loop_condition = flujo__bpmn_get_text(d);
                }
            }
        }
    }
}

static void read_scope(flujo__bpmn_reader_t *r, xmlNodePtr el, int64_t process, int64_t parent);

/* Counts one more model element; false (with the error set) past the limit. */
static bool count_element(flujo__bpmn_reader_t *r, xmlNodePtr el)
{
    if (++r->n_elements > FLUJO_BPMN_MAX_ELEMENTS && r->st == FLUJO_OK) {
        r->st = flujo_err_set(r->err, FLUJO_ELIMIT,
                              "%s:%ld: <%s> is element number %zu: flujo reads models of up to %d "
                              "flow nodes, flows and lanes",
                              r->m->file, flujo__bpmn_line_of(el), (const char *)el->name,
                              r->n_elements, FLUJO_BPMN_MAX_ELEMENTS);
    }
    return r->st == FLUJO_OK;
}

static void read_node(flujo__bpmn_reader_t *r, xmlNodePtr el, const node_type_t *t, int64_t process,
                      int64_t parent)
{
    char *id = flujo__bpmn_take_id(r, el);
    char *name = flujo__bpmn_get_attr(el, "name");
    int64_t v = flujo_model_add_node(r->m, id, name, t->local, t->kind, flujo__bpmn_line_of(el));
    free(id);
    free(name);
    el_push(&r->node_el, el);
    r->m->counts[t->count]++;

    flujo_node_t *n = &r->m->nodes[v];
    n->gateway = t->gateway;
    n->process = process;
    n->parent = parent;
    n->cancel_activity = flujo__bpmn_get_bool(el, "cancelActivity", true);
    n->is_interrupting = flujo__bpmn_get_bool(el, "isInterrupting", true);
    n->triggered_by_event = flujo__bpmn_get_bool(el, "triggeredByEvent", false);
    n->for_compensation = flujo__bpmn_get_bool(el, "isForCompensation", false);
    n->called_element = flujo__bpmn_get_attr(el, "calledElement");
    read_event_defs(r, v, el);
    read_loop(r, v, el);
    if (t->kind == FLUJO_NODE_SUBPROCESS) {
        read_scope(r, el, process, v);
    }
}

static void read_lane_set(flujo__bpmn_reader_t *r, xmlNodePtr set, int64_t process, int64_t parent)
{
    for (xmlNodePtr c = set->children; c != NULL && r->st == FLUJO_OK; c = c->next) {
        if (!flujo__bpmn_is_el(c, NS_MODEL, "lane") || !count_element(r, c)) {
            continue;
        }
        char *id = flujo__bpmn_take_id(r, c);
        char *name = flujo__bpmn_get_attr(c, "name");
        int64_t i = flujo_model_add_lane(r->m, id, name, process, parent, flujo__bpmn_line_of(c));
        flujo_strmap_put(&r->lane_ids, id, i, NULL);
        el_push(&r->lane_el, c);
        r->m->counts[FLUJO_COUNT_LANE]++;
        free(id);
        free(name);
        for (xmlNodePtr d = c->children; d != NULL; d = d->next) {
            if (flujo__bpmn_is_el(d, NS_MODEL, "childLaneSet")) {
                read_lane_set(r, d, process, i);
            }
        }
    }
}

/* Reads the flow elements of a process or sub-process. */
static void read_scope(flujo__bpmn_reader_t *r, xmlNodePtr el, int64_t process, int64_t parent)
{
    for (xmlNodePtr c = el->children; c != NULL && r->st == FLUJO_OK; c = c->next) {
        const node_type_t *t = node_type_of(c);
        if ((t != NULL || flujo__bpmn_is_el(c, NS_MODEL, "sequenceFlow")) && !count_element(r, c)) {
            break;
        }
        if (t != NULL) {
            read_node(r, c, t, process, parent);
        } else if (flujo__bpmn_is_el(c, NS_MODEL, "sequenceFlow")) {
            flujo_grow((void **)&r->flows, &r->cap_flows, r->n_flows + 1, sizeof(*r->flows));
            r->flows[r->n_flows++] = (flujo__bpmn_pending_flow_t){c, process, parent};
            r->m->counts[FLUJO_COUNT_SEQUENCE_FLOW]++;
        } else if (flujo__bpmn_is_el(c, NS_MODEL, "laneSet")) {
            read_lane_set(r, c, process, -1);
        }
    }
}

static void read_process(flujo__bpmn_reader_t *r, xmlNodePtr el)
{
    char *id = flujo__bpmn_take_id(r, el);
    char *name = flujo__bpmn_get_attr(el, "name");
    int64_t p = flujo_model_add_process(r->m, id, name, flujo__bpmn_line_of(el));
    r->m->processes[p].is_executable = flujo__bpmn_get_bool(el, "isExecutable", false);
    r->m->counts[FLUJO_COUNT_PROCESS]++;
    flujo_strmap_put(&r->process_ids, id, p, NULL);
    free(id);
    free(name);
    read_scope(r, el, p, -1);
}

static void read_collaboration(flujo__bpmn_reader_t *r, xmlNodePtr el)
{
    for (xmlNodePtr c = el->children; c != NULL && r->st == FLUJO_OK; c = c->next) {
        if (flujo__bpmn_is_el(c, NS_MODEL, "participant")) {
            char *id = flujo__bpmn_take_id(r, c);
            char *name = flujo__bpmn_get_attr(c, "name");
            int64_t i = flujo_model_add_participant(r->m, id, name, flujo__bpmn_line_of(c));
            flujo_strmap_put(&r->part_ids, id, i, NULL);
            el_push(&r->part_el, c);
            r->m->counts[FLUJO_COUNT_PARTICIPANT]++;
            free(id);
            free(name);
        } else if (flujo__bpmn_is_el(c, NS_MODEL, "messageFlow")) {
            char *id = flujo__bpmn_take_id(r, c);
            char *name = flujo__bpmn_get_attr(c, "name");
            int64_t i = flujo_model_add_msgflow(r->m, id, name, flujo__bpmn_line_of(c));
            flujo_strmap_put(&r->msg_ids, id, i, NULL);
            el_push(&r->msg_el, c);
            r->m->counts[FLUJO_COUNT_MESSAGE_FLOW]++;
            free(id);
            free(name);
        }
    }
}

void flujo__bpmn_read_elements(flujo__bpmn_reader_t *r, xmlNodePtr root)
{
    for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
        if (event_type_of(c) != NULL) {
            char *id = flujo__bpmn_get_attr(c, "id");
            if (id != NULL) {
                flujo_strmap_put(&r->global_defs, id, (int64_t)r->globals.n, NULL);
                el_push(&r->globals, c);
            }
            free(id);
        }
    }
    for (xmlNodePtr c = root->children; c != NULL && r->st == FLUJO_OK; c = c->next) {
        if (flujo__bpmn_is_el(c, NS_MODEL, "process")) {
            read_process(r, c);
        } else if (flujo__bpmn_is_el(c, NS_MODEL, "collaboration")) {
            read_collaboration(r, c);
        }
    }
}
