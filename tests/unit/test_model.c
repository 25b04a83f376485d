/* test_model.c - structural checks of `flujo check` and the graph writers, one fixture per
 * finding. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "flujo_bpmn.h"
#include "flujo_model.h"
#include "flujo_report.h"
#include "test_helpers.h"

/* The model and the findings of one fixture. */
typedef struct checked {
    flujo_model_t *m;      /* the model */
    flujo_diags_t d;       /* its findings */
    flujo_cycle_t *cycles; /* its rework loops */
    size_t n_cycles;       /* how many */
} checked_t;

static void check(const char *name, checked_t *c)
{
    char path[512];
    flujo_err_t err = {0};
    snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
    assert_int_equal(flujo_bpmn_read(path, &c->m, &err), FLUJO_OK);
    flujo_diags_init(&c->d);
    assert_int_equal(flujo_model_check(c->m, &c->d, &c->cycles, &c->n_cycles, &err), FLUJO_OK);
}

static void done(checked_t *c)
{
    flujo_model_cycles_free(c->cycles, c->n_cycles);
    flujo_diags_destroy(&c->d);
    flujo_model_free(c->m);
}

/* Asserts that the only finding is one of code `code` about element `id`; returns its message. */
static const char *only(const checked_t *c, flujo_severity_t sev, const char *code, const char *id)
{
    if (c->d.n != 1) {
        for (size_t i = 0; i < c->d.n; i++) {
            print_error("finding: %s %s\n", c->d.items[i].code, c->d.items[i].message);
        }
    }
    assert_int_equal(c->d.n, 1);
    assert_int_equal(c->d.items[0].severity, sev);
    assert_string_equal(c->d.items[0].code, code);
    assert_string_equal(c->d.items[0].id, id);
    return c->d.items[0].message;
}

static void check__clean_model__no_findings_no_loops(void **state)
{
    checked_t c;
    (void)state;
    check("minimal.bpmn", &c);
    assert_int_equal(c.d.n, 0);
    assert_int_equal(c.n_cycles, 0);
    done(&c);
}

static void check__clean_fork_join__no_findings(void **state)
{
    checked_t c;
    (void)state;
    check("and_fork_join.bpmn", &c);
    assert_int_equal(c.d.n, 0);
    done(&c);
}

static void check__dangling_flow__one_error_from_the_reader(void **state)
{
    checked_t c;
    (void)state;
    check("dangling_flow.bpmn", &c);
    assert_contains(only(&c, FLUJO_SEV_ERROR, "dangling-flow", "f9"), "'T9'");
    done(&c);
}

static void check__unreachable_task__error_names_it(void **state)
{
    checked_t c;
    (void)state;
    check("unreachable_task.bpmn", &c);
    const char *msg = only(&c, FLUJO_SEV_ERROR, "unreachable", "huerfana");
    assert_contains(msg, "'Archivar copia' (huerfana) cannot be reached from any start event");
    assert_int_equal(c.d.items[0].line, 6);
    done(&c);
}

static void check__no_start__one_error(void **state)
{
    checked_t c;
    (void)state;
    check("no_start.bpmn", &c);
    assert_int_equal(c.d.n, 1);
    assert_string_equal(c.d.items[0].code, "no-start");
    assert_null(c.d.items[0].id);
    done(&c);
}

static void check__loop_without_exit__one_error_for_the_region(void **state)
{
    checked_t c;
    (void)state;
    check("no_end.bpmn", &c);
    const char *msg = only(&c, FLUJO_SEV_ERROR, "no-end", "s");
    assert_contains(msg, "nor from the 2 nodes after it: a, b");
    assert_int_equal(c.n_cycles, 1);
    done(&c);
}

static void check__pass_through_gateway__warning(void **state)
{
    checked_t c;
    (void)state;
    check("pass_through_gateway.bpmn", &c);
    only(&c, FLUJO_SEV_WARNING, "pass-through-gateway", "g");
    done(&c);
}

static void check__unlabelled_split__lists_bare_flows_but_not_default_or_named(void **state)
{
    checked_t c;
    (void)state;
    check("unlabelled_split.bpmn", &c);
    const char *msg = only(&c, FLUJO_SEV_WARNING, "unlabelled-split", "g");
    assert_contains(msg, "(f2, f3)");
    done(&c);
}

static void check__and_branches_merge_at_xor__lack_of_synchronisation(void **state)
{
    checked_t c;
    (void)state;
    check("and_merge_xor.bpmn", &c);
    const char *msg = only(&c, FLUJO_SEV_WARNING, "and-split-no-join", "split");
    assert_contains(msg, "merge at merge");
    done(&c);
}

static void check__and_branches_end_apart__warning(void **state)
{
    checked_t c;
    (void)state;
    check("and_separate_ends.bpmn", &c);
    const char *msg = only(&c, FLUJO_SEV_WARNING, "and-split-no-join", "split");
    assert_contains(msg, "never meet");
    done(&c);
}

static void check__and_join_after_xor__possible_deadlock(void **state)
{
    checked_t c;
    (void)state;
    check("and_join_deadlock.bpmn", &c);
    const char *msg = only(&c, FLUJO_SEV_WARNING, "and-join-deadlock", "join");
    assert_contains(msg, "waits for 2 tokens");
    done(&c);
}

static void check__implicit_split_and_end__two_warnings(void **state)
{
    checked_t c;
    (void)state;
    check("implicit_split_end.bpmn", &c);
    assert_int_equal(c.d.n, 2);
    assert_string_equal(c.d.items[0].code, "implicit-split");
    assert_string_equal(c.d.items[0].id, "a");
    assert_string_equal(c.d.items[1].code, "implicit-end");
    assert_string_equal(c.d.items[1].id, "b");
    done(&c);
}

static void check__rework_loop__reported_in_travel_order(void **state)
{
    checked_t c;
    (void)state;
    check("rework_loop.bpmn", &c);
    assert_int_equal(c.d.n, 0);
    assert_int_equal(c.n_cycles, 1);
    assert_int_equal(c.cycles[0].n, 3);
    assert_string_equal(c.m->nodes[c.cycles[0].nodes[0]].id, "rev"); /* entered from s */
    assert_string_equal(c.m->nodes[c.cycles[0].nodes[1]].id, "ok");
    assert_string_equal(c.m->nodes[c.cycles[0].nodes[2]].id, "sub");
    done(&c);
}

static void check__links_boundaries_event_subprocess__all_reachable(void **state)
{
    checked_t c;
    (void)state;
    check("links_boundary_evsub.bpmn", &c);
    /* only the activity whose normal completion ends the token is worth a warning */
    only(&c, FLUJO_SEV_WARNING, "implicit-end", "a");
    done(&c);
}

static void check__subprocess_scopes__inner_start_and_crossing_flow(void **state)
{
    checked_t c;
    (void)state;
    check("subprocess_scopes.bpmn", &c);
    assert_int_equal(c.d.n, 2);
    assert_string_equal(c.d.items[0].code, "flow-crosses-scope");
    assert_string_equal(c.d.items[0].id, "bad");
    assert_string_equal(c.d.items[1].code, "unreachable");
    assert_string_equal(c.d.items[1].id, "dead");
    done(&c);
}

/* Writes with a writer into memory and returns the text (caller frees). */
static char *capture(flujo_status_t (*writer)(FILE *, const flujo_model_t *, flujo_err_t *),
                     const flujo_model_t *m)
{
    char *buf = NULL;
    size_t len = 0;
    flujo_err_t err = {0};
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(writer(f, m, &err), FLUJO_OK);
    fclose(f);
    return buf;
}

static void graph_graphml__full__well_formed_with_every_node_and_flow(void **state)
{
    checked_t c;
    (void)state;
    check("full.bpmn", &c);
    char *text = capture(flujo_report_graph_graphml, c.m);
    xmlDocPtr doc = xmlReadMemory(text, (int)strlen(text), "g.graphml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    size_t nodes = 0, edges = 0;
    xmlNodePtr graph = xmlDocGetRootElement(doc)->children;
    while (graph != NULL &&
           (graph->type != XML_ELEMENT_NODE || strcmp((const char *)graph->name, "graph") != 0)) {
        graph = graph->next;
    }
    assert_non_null(graph);
    for (xmlNodePtr e = graph->children; e != NULL; e = e->next) {
        if (e->type == XML_ELEMENT_NODE) {
            nodes += strcmp((const char *)e->name, "node") == 0;
            edges += strcmp((const char *)e->name, "edge") == 0;
        }
    }
    assert_int_equal(nodes, c.m->n_nodes);
    assert_int_equal(edges, c.m->n_flows);
    assert_contains(text, "<data key=\"lane\">Mesa de Partes</data>");
    assert_contains(text, "<data key=\"e_condition\">completo == true</data>");
    xmlFreeDoc(doc);
    free(text);
    done(&c);
}

static void graph_dot__full__lanes_as_nested_clusters_and_every_flow(void **state)
{
    checked_t c;
    (void)state;
    check("full.bpmn", &c);
    char *text = capture(flujo_report_graph_dot, c.m);
    assert_contains(text, "subgraph \"cluster_pool_proc\"");
    assert_contains(text, "label=\"Municipalidad Provincial de Puno\"");
    assert_contains(text, "subgraph \"cluster_lane_lane_muni\" {\n      label=\"Gerencia\";\n"
                          "      subgraph \"cluster_lane_lane_mesa\"");
    assert_contains(text, "subgraph \"cluster_sub_sub\"");
    assert_contains(text, "\"gw_ok\" -> \"end_term\" [id=\"f_no\", label=\"No\", "
                          "arrowtail=odiamond, dir=both];");
    size_t arrows = 0;
    for (const char *p = text; (p = strstr(p, " -> ")) != NULL; p++) {
        arrows++;
    }
    /* flows + 2 boundary attachments + 1 node-to-node message flow */
    assert_int_equal(arrows, c.m->n_flows + 2 + 0);
    free(text);
    done(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check__clean_model__no_findings_no_loops),
        cmocka_unit_test(check__clean_fork_join__no_findings),
        cmocka_unit_test(check__dangling_flow__one_error_from_the_reader),
        cmocka_unit_test(check__unreachable_task__error_names_it),
        cmocka_unit_test(check__no_start__one_error),
        cmocka_unit_test(check__loop_without_exit__one_error_for_the_region),
        cmocka_unit_test(check__pass_through_gateway__warning),
        cmocka_unit_test(check__unlabelled_split__lists_bare_flows_but_not_default_or_named),
        cmocka_unit_test(check__and_branches_merge_at_xor__lack_of_synchronisation),
        cmocka_unit_test(check__and_branches_end_apart__warning),
        cmocka_unit_test(check__and_join_after_xor__possible_deadlock),
        cmocka_unit_test(check__implicit_split_and_end__two_warnings),
        cmocka_unit_test(check__rework_loop__reported_in_travel_order),
        cmocka_unit_test(check__links_boundaries_event_subprocess__all_reachable),
        cmocka_unit_test(check__subprocess_scopes__inner_start_and_crossing_flow),
        cmocka_unit_test(graph_graphml__full__well_formed_with_every_node_and_flow),
        cmocka_unit_test(graph_dot__full__lanes_as_nested_clusters_and_every_flow),
    };
    flujo_lib_init();
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
