/* model_int.h - what the readers and editors of models (bpmn/, scenario/ redesign) use to build
 * one, and the model's private part: its id index, its graph and the sizes of its arrays. */
#ifndef FLUJO_MODEL_INT_H
#define FLUJO_MODEL_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/base_int.h"
#include "flujo_model.h"

struct flujo_graph; /* the igraph graph, private to model/ (graph_int.h) */

struct flujo_model_priv {
    flujo_strmap_t ids;        /* node and flow ids: node i → i, flow j → -(j + 1) */
    struct flujo_graph *graph; /* vertex i = nodes[i], edge j = flows[j] */
    size_t cap_nodes;          /* allocated slots of nodes */
    size_t cap_flows;          /* of flows */
    size_t cap_lanes;          /* of lanes */
    size_t cap_processes;      /* of processes */
    size_t cap_participants;   /* of participants */
    size_t cap_msgflows;       /* of msgflows */
    size_t cap_shapes;         /* of shapes */
    size_t cap_edges;          /* of edges */
    size_t cap_points;         /* of points (pairs) */
};

/* Makes igraph report errors through return codes only (flujo_lib_init calls it). */
void flujo__model_lib_init(void);

/* Creates an empty model for a file (the path is copied, only used in messages). */
flujo_model_t *flujo_model_new(const char *file);

/* Builders used by readers. Each appends an element, copying its strings, and returns its
 * index. Names are squeezed (see flujo_strdup_squeeze). Indices stay valid; pointers to elements
 * do not survive the next append of the same kind. */
int64_t flujo_model_add_node(flujo_model_t *m, const char *id, const char *name, const char *type,
                             flujo_node_kind_t kind, long line);
int64_t flujo_model_add_flow(flujo_model_t *m, const char *id, const char *name, int64_t source,
                             int64_t target, long line);
int64_t flujo_model_add_lane(flujo_model_t *m, const char *id, const char *name, int64_t process,
                             int64_t parent, long line);
int64_t flujo_model_add_process(flujo_model_t *m, const char *id, const char *name, long line);
int64_t flujo_model_add_participant(flujo_model_t *m, const char *id, const char *name, long line);
int64_t flujo_model_add_msgflow(flujo_model_t *m, const char *id, const char *name, long line);

/* Appends a diagram shape or edge for element id `element` on plane `plane`; the caller fills in
 * the geometry. flujo_model_add_point appends a waypoint to the last edge added. */
int64_t flujo_model_add_shape(flujo_model_t *m, const char *element, int plane);
int64_t flujo_model_add_edge(flujo_model_t *m, const char *element, int plane);
void flujo_model_add_point(flujo_model_t *m, double x, double y);

/* Builds adjacency arrays and the igraph graph once every node and flow is in place, and
 * completes derived fields (inherited lanes, default-flow marks). Call exactly once. On failure
 * (igraph out of memory) returns FLUJO_EGRAPH and the model must only be freed. */
flujo_status_t flujo_model_finish(flujo_model_t *m, flujo_err_t *err);

/* A node a model edit adds: a gateway or task placed in the scope and lane of an existing node. */
typedef struct flujo_new_node {
    const char *id;          /* a new BPMN id */
    const char *name;        /* label, or NULL */
    const char *type;        /* BPMN local name ("parallelGateway"), static storage */
    flujo_node_kind_t kind;  /* simulation role */
    flujo_gateway_t gateway; /* gateway type, or FLUJO_GW_NONE */
    int64_t like;            /* existing node whose process, sub-process and lane it takes */
} flujo_new_node_t;

/* A sequence flow a model edit adds; ends in the edit's numbering (old nodes 0..n_nodes-1, then
 * the added nodes n_nodes + k). */
typedef struct flujo_new_flow {
    const char *id;
    int64_t source, target;
} flujo_new_flow_t;

/* A structural change to a model: nodes and flows left out, flows given other ends, nodes
 * renamed, nodes and flows added. Arrays indexed by old node or flow may be NULL (no change). */
typedef struct flujo_model_edit {
    const bool *drop_node;      /* [n_nodes] leave the node out */
    const bool *drop_flow;      /* [n_flows] leave the flow out */
    const int64_t *flow_source; /* [n_flows] new source (edit numbering), -1 keeps it */
    const int64_t *flow_target; /* [n_flows] new target (edit numbering), -1 keeps it */
    char *const *rename;        /* [n_nodes] new name, or NULL to keep it */
    const flujo_new_node_t *add_nodes;
    size_t n_add_nodes;
    const flujo_new_flow_t *add_flows;
    size_t n_add_flows;
} flujo_model_edit_t;

/* A finished copy of m with the edit applied: kept nodes and flows in their order, then the added
 * ones; processes, lanes and participants as they were; the diagram of what was not changed;
 * element counts updated. node_map[v] (n_nodes + n_add_nodes entries, edit numbering) and
 * flow_map[j] (n_flows) receive the new index of each old element, or -1 if it was left out.
 * Every kept flow must end at kept nodes (assert). NULL if igraph fails (err set). */
flujo_model_t *flujo_model_edited(const flujo_model_t *m, const flujo_model_edit_t *ed,
                                  int64_t *node_map, int64_t *flow_map, flujo_err_t *err);

/* ---- shared by the files of model/ (graph_int.h and layout_int.h have the rest) ------------- */

/* Builds the graph of a model whose flows are in place (m->priv->graph). On failure (igraph out
 * of memory) returns FLUJO_EGRAPH with err set, and the model has no graph (graph.c). */
flujo_status_t flujo__model_graph_build(flujo_model_t *m, flujo_err_t *err);

/* Frees the model's graph, if it has one (graph.c). */
void flujo__model_graph_free(flujo_model_t *m);

/* A task, sub-process or call activity (check.c). */
bool flujo__node_is_activity(const flujo_node_t *n);

/* Nodes that run without a sequence flow reaching them: event sub-processes (started by their
 * trigger) and compensation handlers (started by a compensation boundary event). */
bool flujo__node_is_triggered(const flujo_node_t *n);

/* A link event of that kind (catch or throw) with a link name. */
bool flujo__node_is_link(const flujo_node_t *n, flujo_node_kind_t kind);

/* The checks flujo_model_check runs (check.c), each adding its findings to d: forward
 * reachability from the starts of every process and backward from every sink (check_reach.c),
 * and the synchronisation of parallel splits and joins (check_sync.c). They fail only when igraph
 * does (FLUJO_EGRAPH, err set), with the findings so far left in d. */
flujo_status_t flujo__check_reachability(const flujo_model_t *m, flujo_diags_t *d,
                                         flujo_err_t *err);
flujo_status_t flujo__check_synchronisation(const flujo_model_t *m, flujo_diags_t *d,
                                            flujo_err_t *err);

/* The loops of the model in the order of their first node in the file, into a new array *cycles
 * of *n_cycles entries (free with flujo_model_cycles_free; NULL, 0 when there is none). Fails
 * with FLUJO_EGRAPH (err set) when igraph does (cycles.c). */
flujo_status_t flujo__find_cycles(const flujo_model_t *m, flujo_cycle_t **cycles, size_t *n_cycles,
                                  flujo_err_t *err);

#endif
