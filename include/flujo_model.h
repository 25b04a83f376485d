/* flujo_model.h - a process model: flow nodes, sequence flows, lanes, pools, diagram; its graph and
 * structural checks. */
#ifndef FLUJO_MODEL_H
#define FLUJO_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "flujo_error.h"

/* What a flow node does in a simulation. The BPMN element name is kept in flujo_node_t.type. */
typedef enum flujo_node_kind {
    FLUJO_NODE_TASK = 0,   /* task, userTask, serviceTask, ... */
    FLUJO_NODE_SUBPROCESS, /* subProcess, transaction, adHocSubProcess: an embedded scope */
    FLUJO_NODE_CALL,       /* callActivity */
    FLUJO_NODE_START,      /* startEvent */
    FLUJO_NODE_END,        /* endEvent */
    FLUJO_NODE_CATCH,      /* intermediateCatchEvent */
    FLUJO_NODE_THROW,      /* intermediateThrowEvent */
    FLUJO_NODE_BOUNDARY,   /* boundaryEvent */
    FLUJO_NODE_GATEWAY     /* any gateway */
} flujo_node_kind_t;

/* Gateway types. */
typedef enum flujo_gateway {
    FLUJO_GW_NONE = 0,  /* not a gateway */
    FLUJO_GW_EXCLUSIVE, /* XOR */
    FLUJO_GW_PARALLEL,  /* AND */
    FLUJO_GW_INCLUSIVE, /* OR */
    FLUJO_GW_EVENT,     /* event-based */
    FLUJO_GW_COMPLEX    /* complex */
} flujo_gateway_t;

/* Event definitions; an event with several definitions has the bits of each in event_defs. */
typedef enum flujo_event_def {
    FLUJO_EV_NONE = 0,
    FLUJO_EV_TIMER = 1 << 0,
    FLUJO_EV_MESSAGE = 1 << 1,
    FLUJO_EV_SIGNAL = 1 << 2,
    FLUJO_EV_ERROR = 1 << 3,
    FLUJO_EV_ESCALATION = 1 << 4,
    FLUJO_EV_CONDITIONAL = 1 << 5,
    FLUJO_EV_LINK = 1 << 6,
    FLUJO_EV_TERMINATE = 1 << 7,
    FLUJO_EV_COMPENSATE = 1 << 8,
    FLUJO_EV_CANCEL = 1 << 9
} flujo_event_def_t;

/* Loop characteristics of an activity. */
typedef enum flujo_loop {
    FLUJO_LOOP_NONE = 0,     /* runs once */
    FLUJO_LOOP_STANDARD,     /* standardLoopCharacteristics */
    FLUJO_LOOP_MI_PARALLEL,  /* multiInstanceLoopCharacteristics, isSequential="false" */
    FLUJO_LOOP_MI_SEQUENTIAL /* multiInstanceLoopCharacteristics, isSequential="true" */
} flujo_loop_t;

/* A flow node: activity, event or gateway. Vertex i of the graph is nodes[i]. */
typedef struct flujo_node {
    char *id;                /* BPMN id, unique in the file */
    char *name;              /* label with white space squeezed; "" when unnamed */
    const char *type;        /* BPMN element local name ("userTask"), static storage */
    flujo_node_kind_t kind;  /* simulation role */
    flujo_gateway_t gateway; /* gateway type, FLUJO_GW_NONE for other kinds */
    unsigned event_defs;     /* OR of flujo_event_def_t bits */
    char *timer;          /* timeDuration/timeDate/timeCycle text of a timer definition, or NULL */
    char *event_ref;      /* link name, or messageRef/signalRef/errorRef/escalationRef, or NULL */
    long line;            /* line of the element in its file */
    int64_t process;      /* index into processes */
    int64_t parent;       /* enclosing sub-process node, -1 at process level */
    int64_t lane;         /* innermost lane holding the node (inherited from the parent), or -1 */
    int64_t attached_to;  /* boundary events: the activity they are attached to, else -1 */
    bool cancel_activity; /* boundary events: interrupting (true, the BPMN default) */
    bool is_interrupting; /* start events of event sub-processes: interrupting (default true) */
    bool triggered_by_event; /* sub-processes: an event sub-process */
    bool for_compensation;   /* activities: isForCompensation="true" */
    int64_t default_flow;    /* gateways and activities: index of the default flow, or -1 */
    flujo_loop_t loop;       /* loop characteristics */
    char *loop_cardinality;  /* multi-instance loopCardinality text, or NULL */
    char *loop_condition;    /* loopCondition / completionCondition text, or NULL */
    long loop_maximum;       /* standard loop loopMaximum, 0 when absent */
    char *called_element;    /* call activities: calledElement, or NULL */
} flujo_node_t;

/* A sequence flow. Edge j of the graph is flows[j]. */
typedef struct flujo_flow {
    char *id;        /* BPMN id */
    char *name;      /* label with white space squeezed; "" when unnamed */
    char *condition; /* conditionExpression text, or NULL */
    int64_t source;  /* source node */
    int64_t target;  /* target node */
    int64_t process; /* index into processes */
    bool is_default; /* named as the default flow of its source */
    long line;       /* line of the element */
} flujo_flow_t;

/* A lane; lanes nest through childLaneSet. */
typedef struct flujo_lane {
    char *id;        /* BPMN id */
    char *name;      /* label with white space squeezed */
    int64_t process; /* process whose laneSet holds the lane */
    int64_t parent;  /* enclosing lane, or -1 for a lane of the top lane set */
    int depth;       /* 0 for top-level lanes */
    long line;       /* line of the element */
} flujo_lane_t;

/* A process (one per pool, or stand-alone). */
typedef struct flujo_process {
    char *id;            /* BPMN id */
    char *name;          /* label, "" when unnamed */
    int64_t participant; /* the participant (pool) whose processRef names it, or -1 */
    bool is_executable;  /* isExecutable */
    long line;           /* line of the element */
} flujo_process_t;

/* A participant (pool) of a collaboration. */
typedef struct flujo_participant {
    char *id;        /* BPMN id */
    char *name;      /* label with white space squeezed */
    int64_t process; /* the process it holds, or -1 for a black-box pool */
    long line;       /* line of the element */
} flujo_participant_t;

/* A message flow between pools or their nodes. The ends are resolved to nodes or participants. */
typedef struct flujo_msgflow {
    char *id;                   /* BPMN id */
    char *name;                 /* label with white space squeezed */
    int64_t source_node;        /* source flow node, or -1 */
    int64_t target_node;        /* target flow node, or -1 */
    int64_t source_participant; /* source pool when the flow starts at the pool border, or -1 */
    int64_t target_participant; /* target pool when the flow ends at the pool border, or -1 */
    long line;                  /* line of the element */
} flujo_msgflow_t;

/* What a diagram shape or edge draws. */
typedef enum flujo_di_kind {
    FLUJO_DI_OTHER = 0,   /* an element flujo does not model (data object, annotation, ...) */
    FLUJO_DI_NODE,        /* nodes[index] */
    FLUJO_DI_LANE,        /* lanes[index] */
    FLUJO_DI_PARTICIPANT, /* participants[index] */
    FLUJO_DI_FLOW,        /* flows[index] */
    FLUJO_DI_MSGFLOW      /* msgflows[index] */
} flujo_di_kind_t;

/* A BPMNShape: the bounds of an element on a diagram plane. */
typedef struct flujo_shape {
    char *element;         /* bpmnElement id */
    flujo_di_kind_t kind;  /* what element refers to */
    int64_t index;         /* index in the array kind names, -1 for FLUJO_DI_OTHER */
    int plane;             /* which BPMNPlane (diagram) of the file, from 0 */
    double x, y, w, h;     /* dc:Bounds */
    bool has_label;        /* label bounds present */
    double lx, ly, lw, lh; /* BPMNLabel dc:Bounds */
    bool expanded;         /* isExpanded (sub-processes) */
    bool horizontal;       /* isHorizontal (pools and lanes; true when absent) */
} flujo_shape_t;

/* A BPMNEdge: the waypoints of a flow; its points are points[2*first .. 2*(first+n_points)). */
typedef struct flujo_edge {
    char *element;        /* bpmnElement id */
    flujo_di_kind_t kind; /* FLUJO_DI_FLOW, FLUJO_DI_MSGFLOW or FLUJO_DI_OTHER */
    int64_t index;        /* index in flows or msgflows, -1 for other */
    int plane;            /* which BPMNPlane */
    size_t first;         /* first point */
    size_t n_points;      /* number of (x, y) points */
} flujo_edge_t;

/* Element local names that flujo reads and counts, in the order `check` lists them. */
typedef enum flujo_count {
    FLUJO_COUNT_PROCESS = 0,
    FLUJO_COUNT_PARTICIPANT,
    FLUJO_COUNT_LANE,
    FLUJO_COUNT_TASK,
    FLUJO_COUNT_USER_TASK,
    FLUJO_COUNT_MANUAL_TASK,
    FLUJO_COUNT_SERVICE_TASK,
    FLUJO_COUNT_SCRIPT_TASK,
    FLUJO_COUNT_BUSINESS_RULE_TASK,
    FLUJO_COUNT_SEND_TASK,
    FLUJO_COUNT_RECEIVE_TASK,
    FLUJO_COUNT_SUB_PROCESS,
    FLUJO_COUNT_TRANSACTION,
    FLUJO_COUNT_AD_HOC_SUB_PROCESS,
    FLUJO_COUNT_CALL_ACTIVITY,
    FLUJO_COUNT_START_EVENT,
    FLUJO_COUNT_END_EVENT,
    FLUJO_COUNT_INTERMEDIATE_CATCH_EVENT,
    FLUJO_COUNT_INTERMEDIATE_THROW_EVENT,
    FLUJO_COUNT_BOUNDARY_EVENT,
    FLUJO_COUNT_EXCLUSIVE_GATEWAY,
    FLUJO_COUNT_PARALLEL_GATEWAY,
    FLUJO_COUNT_INCLUSIVE_GATEWAY,
    FLUJO_COUNT_EVENT_BASED_GATEWAY,
    FLUJO_COUNT_COMPLEX_GATEWAY,
    FLUJO_COUNT_SEQUENCE_FLOW,
    FLUJO_COUNT_MESSAGE_FLOW,
    FLUJO_COUNT_N
} flujo_count_t;

/* The BPMN local name counted by slot c ("userTask"). */
const char *flujo_count_name(flujo_count_t c);

struct flujo_model_priv; /* src/model/model_int.h */

/* A process model read from one file. The model owns every string and array in it. */
typedef struct flujo_model {
    char *file;                        /* path it was read from (for messages) */
    flujo_node_t *nodes;               /* nodes[0..n_nodes) */
    size_t n_nodes;                    /* number of flow nodes */
    flujo_flow_t *flows;               /* flows[0..n_flows) */
    size_t n_flows;                    /* number of sequence flows */
    flujo_lane_t *lanes;               /* lanes[0..n_lanes) */
    size_t n_lanes;                    /* number of lanes */
    flujo_process_t *processes;        /* processes[0..n_processes) */
    size_t n_processes;                /* number of processes */
    flujo_participant_t *participants; /* participants[0..n_participants) */
    size_t n_participants;             /* number of participants */
    flujo_msgflow_t *msgflows;         /* message flows */
    size_t n_msgflows;                 /* number of message flows */
    flujo_shape_t *shapes;             /* diagram shapes */
    size_t n_shapes;                   /* number of shapes */
    flujo_edge_t *edges;               /* diagram edges */
    size_t n_edges;                    /* number of edges */
    double *points;                    /* x0, y0, x1, y1, ... of every edge */
    size_t n_points;                   /* number of points (half the doubles) */
    int n_planes;                      /* number of diagram planes */
    size_t counts[FLUJO_COUNT_N];      /* elements read, by local name */
    size_t *out_start;                 /* flows leaving node v: out_flow[out_start[v]..[v+1]) */
    int64_t *out_flow;                 /* flow indices, grouped by source */
    size_t *in_start;                  /* flows entering node v: in_flow[in_start[v]..[v+1]) */
    int64_t *in_flow;                  /* flow indices, grouped by target */
    flujo_diags_t diags;               /* problems found while reading (dangling references) */
    struct flujo_model_priv *priv;     /* the library's own: id index, graph, allocation sizes */
} flujo_model_t;

/* Frees the model and everything it owns. NULL is a no-op. */
void flujo_model_free(flujo_model_t *m);

/* The node with BPMN id `id`, or -1. */
int64_t flujo_model_find_node(const flujo_model_t *m, const char *id);

/* How a sequence flow out of an activity or event is taken (BPMN 2.0 §10.3.1): always, when its
 * conditionExpression holds, or (the source's default flow) when none of the source's conditions
 * holds. */
typedef enum flujo_flow_kind {
    FLUJO_FLOW_ALWAYS = 0,
    FLUJO_FLOW_COND,
    FLUJO_FLOW_DEFAULT
} flujo_flow_kind_t;

/* The kind of flow `flow` (of a gateway: FLUJO_FLOW_ALWAYS; the gateway decides). */
flujo_flow_kind_t flujo_model_flow_kind(const flujo_model_t *m, int64_t flow);

/* True if node v is an activity or event (not a gateway) with a conditional or default outgoing
 * flow: it chooses among its flows as an inclusive gateway would, its plain flows always taken. */
bool flujo_model_conditional_out(const flujo_model_t *m, int64_t v);

/* The node message flow i delivers to, when flujo simulates it: from a node to the start event of
 * another process (which the message starts, for the same case) or to an intermediate catch
 * event (which waits for it); -1 otherwise (a pool's border, a task, a boundary event). */
int64_t flujo_model_msgflow_target(const flujo_model_t *m, size_t i);

/* The boundary event of activity `activity` that catches what `thrower` (an error or escalation
 * end event, or an escalation throw event) throws: one of the same kind with the same
 * errorRef/escalationRef, else one of that kind without a ref (it catches all); -1 if none. */
int64_t flujo_model_catcher(const flujo_model_t *m, int64_t activity, int64_t thrower);

/* The activity around `thrower` whose boundary event catches what it throws, as the
 * file nests them (sub-processes; not the call activities that may call its process), with that
 * boundary event in *boundary; -1 if none. */
int64_t flujo_model_static_catcher(const flujo_model_t *m, int64_t thrower, int64_t *boundary);

/* The flow with BPMN id `id`, or -1. */
int64_t flujo_model_find_flow(const flujo_model_t *m, const char *id);

/* Number of outgoing / incoming sequence flows of node v. */
size_t flujo_model_out_degree(const flujo_model_t *m, int64_t v);
size_t flujo_model_in_degree(const flujo_model_t *m, int64_t v);

/* The name of the unit (pool of performers) node v belongs to: its innermost lane's name, else its
 * participant's name, else its process's name or id. Borrowed from the model; never NULL. */
const char *flujo_model_unit(const flujo_model_t *m, int64_t v);

/* Node label for messages, "'name' (id)", or the id alone when unnamed; written to buf of size n,
 * which is returned. */
const char *flujo_model_label(const flujo_model_t *m, int64_t v, char *buf, size_t n);

/* A rework loop: a strongly connected set of nodes, in the order a token travels it from its entry
 * node. */
typedef struct flujo_cycle {
    int64_t *nodes; /* node indices */
    size_t n;       /* number of nodes */
} flujo_cycle_t;

/* Structural checks of the model. Appends to diags, in a stable order: the reader's findings
 * (m->diags), then errors (nodes unreachable from any start, nodes that cannot reach an end) and
 * warnings (pass-through gateways, unlabelled XOR/OR splits, AND splits whose branches never meet
 * at an AND join, AND joins fed by exclusive branches, implicit ends). Rework loops are returned in
 * *cycles (caller frees with flujo_model_cycles_free), if cycles is not NULL. Returns FLUJO_EGRAPH
 * only if igraph fails. */
flujo_status_t flujo_model_check(const flujo_model_t *m, flujo_diags_t *diags,
                                 flujo_cycle_t **cycles, size_t *n_cycles, flujo_err_t *err);

/* Frees the cycles returned by flujo_model_check. */
void flujo_model_cycles_free(flujo_cycle_t *cycles, size_t n);

/* A computed diagram: bounds of every node, lane and pool, waypoints of every sequence flow. */
typedef struct flujo_layout {
    double *node;   /* node v: x, y, w, h at node[4v..4v+4) */
    double *lane;   /* lane i: x, y, w, h */
    double *pool;   /* process p: x, y, w, h (the pool band) */
    size_t *first;  /* flow j: its points are points[2*first[j] .. 2*first[j+1]) */
    double *points; /* x, y pairs */
    double width;   /* whole diagram */
    double height;
} flujo_layout_t;

/* Lays the model out as swimlanes: each process is a pool, its lanes horizontal bands, and its
 * nodes in columns by the layers of a Sugiyama layout of the flow graph (igraph; the layers are
 * the longest paths once the rework loops, the flows back to a node on a depth-first walk from
 * the start events, are set aside), stacked inside their lane where several share a column;
 * boundary events sit on the lower edge of their activity; each flow is the cheapest of a few
 * orthogonal routes (crossing no shape, then sharing least with flows already routed, then the
 * most natural). The contents of sub-processes are laid out in bands of their own under the
 * pools. Fails with FLUJO_EGRAPH only if igraph does. Free with flujo_layout_destroy. */
flujo_status_t flujo_model_layout(const flujo_model_t *m, flujo_layout_t *lay, flujo_err_t *err);

void flujo_layout_destroy(flujo_layout_t *lay);

#endif
