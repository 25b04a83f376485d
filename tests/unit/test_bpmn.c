/* test_bpmn.c - the BPMN reader: every construct it reads, and every way a file can be refused. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flujo_bpmn.h"
#include "flujo_model.h"
#include "test_helpers.h"

static flujo_model_t *read_ok(const char *name)
{
    char path[512];
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
    flujo_status_t st = flujo_bpmn_read(path, &m, &err);
    if (st != FLUJO_OK) {
        print_error("%s\n", err.msg);
    }
    assert_int_equal(st, FLUJO_OK);
    assert_non_null(m);
    return m;
}

/* Reads a fixture that must be refused with status st; returns the message. */
static void read_fails(const char *name, flujo_status_t st, flujo_err_t *err)
{
    char path[512];
    flujo_model_t *m = (flujo_model_t *)0x1; /* must stay untouched */
    snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
    assert_int_equal(flujo_bpmn_read(path, &m, err), st);
    assert_ptr_equal(m, (flujo_model_t *)0x1);
    assert_int_equal(err->status, st);
    assert_null(strchr(err->msg, '\n'));
}

static const flujo_node_t *node(const flujo_model_t *m, const char *id)
{
    int64_t v = flujo_model_find_node(m, id);
    if (v < 0) {
        print_error("no node '%s'\n", id);
    }
    assert_true(v >= 0);
    return &m->nodes[v];
}

static const flujo_flow_t *flow(const flujo_model_t *m, const char *id)
{
    int64_t j = flujo_model_find_flow(m, id);
    assert_true(j >= 0);
    return &m->flows[j];
}

static void bpmn_read__minimal__nodes_flows_and_squeezed_names(void **state)
{
    (void)state;
    flujo_model_t *m = read_ok("minimal.bpmn");
    assert_int_equal(m->n_nodes, 3);
    assert_int_equal(m->n_flows, 2);
    assert_int_equal(m->n_processes, 1);
    assert_string_equal(m->processes[0].name, "Trámite mínimo");
    /* a label written on two lines is one name with single spaces */
    assert_string_equal(node(m, "t")->name, "Revisar requisitos");
    assert_string_equal(node(m, "t")->type, "task");
    assert_int_equal(node(m, "s")->kind, FLUJO_NODE_START);
    assert_int_equal(flow(m, "f1")->source, flujo_model_find_node(m, "s"));
    assert_int_equal(flow(m, "f1")->target, flujo_model_find_node(m, "t"));
    assert_int_equal(flujo_model_out_degree(m, flujo_model_find_node(m, "t")), 1);
    assert_int_equal(flujo_model_in_degree(m, flujo_model_find_node(m, "s")), 0);
    assert_int_equal(m->counts[FLUJO_COUNT_TASK], 1);
    assert_int_equal(m->counts[FLUJO_COUNT_SEQUENCE_FLOW], 2);
    assert_int_equal(m->diags.n, 0);
    flujo_model_free(m);
}

static void bpmn_read__dangling_flow__is_read_and_reported_with_line(void **state)
{
    (void)state;
    flujo_model_t *m = read_ok("dangling_flow.bpmn");
    assert_int_equal(m->n_flows, 2); /* f9 is not in the graph */
    assert_int_equal(m->counts[FLUJO_COUNT_SEQUENCE_FLOW], 3);
    assert_int_equal(m->diags.n, 1);
    assert_int_equal(m->diags.items[0].severity, FLUJO_SEV_ERROR);
    assert_string_equal(m->diags.items[0].code, "dangling-flow");
    assert_string_equal(m->diags.items[0].id, "f9");
    assert_int_equal(m->diags.items[0].line, 9);
    assert_contains(m->diags.items[0].message, "'T9'");
    flujo_model_free(m);
}

static void bpmn_read__duplicate_ids__is_emodel_naming_both_lines(void **state)
{
    flujo_err_t err = {0};
    (void)state;
    read_fails("duplicate_ids.bpmn", FLUJO_EMODEL, &err);
    assert_contains(err.msg, "duplicate_ids.bpmn:6: duplicate id 't'");
    assert_contains(err.msg, "line 5");
}

static void bpmn_read__empty_file__is_eparse_line_1(void **state)
{
    flujo_err_t err = {0};
    (void)state;
    read_fails("empty.bpmn", FLUJO_EPARSE, &err);
    assert_contains(err.msg, "empty.bpmn:1: empty file");
}

static void bpmn_read__not_xml__is_eparse(void **state)
{
    flujo_err_t err = {0};
    (void)state;
    read_fails("not_xml.bpmn", FLUJO_EPARSE, &err);
    assert_contains(err.msg, "not_xml.bpmn:1: not well-formed XML");
}

static void bpmn_read__binary_junk__is_eparse(void **state)
{
    flujo_err_t err = {0};
    (void)state;
    read_fails("binary.bpmn", FLUJO_EPARSE, &err);
    assert_contains(err.msg, "binary.bpmn:1: binary data");
}

static void bpmn_read__truncated__names_the_line(void **state)
{
    flujo_err_t err = {0};
    (void)state;
    read_fails("truncated.bpmn", FLUJO_EPARSE, &err);
    assert_contains(err.msg, "truncated.bpmn:7: not well-formed XML");
}

static void bpmn_read__other_xml__is_emodel(void **state)
{
    flujo_err_t err = {0};
    (void)state;
    read_fails("not_bpmn.xml", FLUJO_EMODEL, &err);
    assert_contains(err.msg, "not_bpmn.xml:2: not a BPMN 2.0 model");
    assert_contains(err.msg, "<svg>");
}

static void bpmn_read__missing_file__is_eio(void **state)
{
    flujo_err_t err = {0};
    (void)state;
    read_fails("no-such-file.bpmn", FLUJO_EIO, &err);
    assert_contains(err.msg, "no-such-file.bpmn: cannot open");
}

static void bpmn_read__directory__is_eio(void **state)
{
    flujo_err_t err = {0};
    flujo_model_t *m = NULL;
    (void)state;
    assert_int_equal(flujo_bpmn_read(FIXTURES, &m, &err), FLUJO_EIO);
    assert_null(m);
    assert_contains(err.msg, "is a directory");
}

static void bpmn_read__billion_laughs__refused_at_once(void **state)
{
    flujo_err_t err = {0};
    (void)state;
    clock_t t0 = clock();
    read_fails("billion_laughs.bpmn", FLUJO_EPARSE, &err);
    assert_contains(err.msg, "billion_laughs.bpmn:3:");
    assert_contains(err.msg, "entity 'lol'");
    /* Not a timing test: a bomb that expanded would take seconds and gigabytes. */
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
}

static void bpmn_read__external_entity__never_reads_the_file(void **state)
{
    flujo_err_t err = {0};
    (void)state;
    read_fails("xxe.bpmn", FLUJO_EPARSE, &err);
    assert_contains(err.msg, "xxe.bpmn:3:");
    assert_contains(err.msg, "entity 'secreto'");
    assert_null(strstr(err.msg, "root:")); /* no content of /etc/passwd */
}

static void bpmn_read__latin1__names_become_utf8(void **state)
{
    (void)state;
    flujo_model_t *m = read_ok("latin1.bpmn");
    assert_string_equal(m->processes[0].name, "Licencia de edificación");
    assert_string_equal(node(m, "s")->name, "Solicitud del señor Muñoz");
    assert_string_equal(m->lanes[0].name, "Subgerencia de Obras Públicas y Catastro");
    assert_string_equal(flujo_model_unit(m, flujo_model_find_node(m, "t")),
                        "Subgerencia de Obras Públicas y Catastro");
    flujo_model_free(m);
}

static void bpmn_read__windows1252__names_become_utf8(void **state)
{
    (void)state;
    flujo_model_t *m = read_ok("cp1252.bpmn");
    assert_string_equal(node(m, "t")->name, "Revisión “técnica” – 5 €");
    flujo_model_free(m);
}

/* A file that says UTF-8 but is windows-1252 (as GenMyModel writes) is not well-formed XML: it
 * is refused at the first line that is not UTF-8, with the way to fix it. */
static void bpmn_read__windows1252_labelled_utf8__refused_with_the_fix(void **state)
{
    (void)state;
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_bpmn_read(FIXTURES "/cp1252_says_utf8.bpmn", &m, &err), FLUJO_EPARSE);
    assert_null(m);
    assert_contains(err.msg, "cp1252_says_utf8.bpmn:3: the text is not UTF-8 (bytes 0xF3");
    assert_contains(err.msg, "encoding=\"windows-1252\"");
}

static void bpmn_read__neither_utf8_nor_windows1252__refused_naming_the_bytes(void **state)
{
    (void)state;
    /* 0x81 and 0x8D are undefined in windows-1252 as well */
    const char doc[] = "<?xml version=\"1.0\"?>\n<definitions "
                       "xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n"
                       "<process id=\"p\" name=\"\x81\x8d\"/></definitions>\n";
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_bpmn_read_memory(doc, sizeof(doc) - 1, "x.bpmn", &m, &err),
                     FLUJO_EPARSE);
    assert_null(m);
    assert_contains(err.msg, "x.bpmn:3: the text is not UTF-8 (bytes 0x81 0x8D");
}

static void bpmn_read__any_prefix__matched_by_namespace_only(void **state)
{
    (void)state;
    flujo_model_t *m = read_ok("prefixes.bpmn");
    assert_int_equal(m->n_nodes, 3);
    assert_true(flujo_model_find_node(m, "t") >= 0);
    assert_int_equal(flujo_model_find_node(m, "fake1"), -1);  /* bpmn: bound to a vendor URI */
    assert_int_equal(flujo_model_find_node(m, "fake2"), -1);  /* idem, outside extensions */
    assert_int_equal(flujo_model_find_node(m, "hidden"), -1); /* inside extensionElements */
    assert_int_equal(m->counts[FLUJO_COUNT_TASK], 1);
    assert_int_equal(m->n_flows, 2);
    flujo_model_free(m);
}

static void bpmn_read__full__every_construct(void **state)
{
    (void)state;
    flujo_model_t *m = read_ok("full.bpmn");
    assert_int_equal(m->diags.n, 0);

    /* task types, gateways */
    assert_string_equal(node(m, "review")->type, "userTask");
    assert_string_equal(node(m, "svc")->type, "serviceTask");
    assert_string_equal(node(m, "brt")->type, "businessRuleTask");
    assert_string_equal(node(m, "recv")->type, "receiveTask");
    assert_int_equal(node(m, "gw_ok")->gateway, FLUJO_GW_EXCLUSIVE);
    assert_int_equal(node(m, "or_split")->gateway, FLUJO_GW_INCLUSIVE);
    assert_int_equal(node(m, "evgw")->gateway, FLUJO_GW_EVENT);
    assert_int_equal(node(m, "cx")->gateway, FLUJO_GW_COMPLEX);
    assert_int_equal(node(m, "review")->gateway, FLUJO_GW_NONE);

    /* default flow and conditions */
    assert_int_equal(node(m, "gw_ok")->default_flow, flujo_model_find_flow(m, "f_no"));
    assert_true(flow(m, "f_no")->is_default);
    assert_false(flow(m, "f_si")->is_default);
    assert_string_equal(flow(m, "f_si")->condition, "completo == true");
    assert_string_equal(flow(m, "f_si")->name, "Sí");
    assert_null(flow(m, "f1")->condition);

    /* events and their definitions */
    assert_int_equal(node(m, "start")->event_defs, FLUJO_EV_MESSAGE);
    assert_string_equal(node(m, "start")->event_ref, "msg_pago");
    const flujo_node_t *bt = node(m, "b_timer");
    assert_int_equal(bt->kind, FLUJO_NODE_BOUNDARY);
    assert_int_equal(bt->event_defs, FLUJO_EV_TIMER); /* through eventDefinitionRef */
    assert_string_equal(bt->timer, "P3D");
    assert_false(bt->cancel_activity);
    assert_int_equal(bt->attached_to, flujo_model_find_node(m, "inspect")); /* tns: prefix */
    const flujo_node_t *be = node(m, "b_err");
    assert_int_equal(be->event_defs, FLUJO_EV_ERROR);
    assert_string_equal(be->event_ref, "err_obs");
    assert_true(be->cancel_activity);
    assert_string_equal(node(m, "c_timer")->timer, "P10D");
    assert_int_equal(node(m, "c_timer")->kind, FLUJO_NODE_CATCH);
    assert_string_equal(node(m, "throw_link")->event_ref, "archivo");
    assert_int_equal(node(m, "throw_link")->kind, FLUJO_NODE_THROW);
    assert_string_equal(node(m, "catch_link")->event_ref, "archivo");
    assert_int_equal(node(m, "esc")->event_defs, FLUJO_EV_ESCALATION | FLUJO_EV_SIGNAL);
    assert_int_equal(node(m, "end_term")->event_defs, FLUJO_EV_TERMINATE);
    assert_int_equal(node(m, "end_cancel")->event_defs, FLUJO_EV_CANCEL);
    assert_int_equal(node(m, "ev_e")->event_defs, FLUJO_EV_COMPENSATE);
    assert_int_equal(node(m, "ev_s")->event_defs, FLUJO_EV_CONDITIONAL);
    assert_false(node(m, "ev_s")->is_interrupting);
    assert_true(node(m, "start")->is_interrupting);

    /* loops, calls, scopes */
    assert_int_equal(node(m, "inspect")->loop, FLUJO_LOOP_MI_SEQUENTIAL);
    assert_string_equal(node(m, "inspect")->loop_cardinality, "2");
    assert_int_equal(node(m, "script")->loop, FLUJO_LOOP_STANDARD);
    assert_int_equal(node(m, "script")->loop_maximum, 3);
    assert_string_equal(node(m, "script")->loop_condition, "tasa > 0");
    assert_string_equal(node(m, "call")->called_element, "cobro");
    assert_int_equal(node(m, "call")->kind, FLUJO_NODE_CALL);
    int64_t sub = flujo_model_find_node(m, "sub");
    assert_int_equal(node(m, "sub_t")->parent, sub);
    assert_int_equal(node(m, "evsub")->parent, sub);
    assert_true(node(m, "evsub")->triggered_by_event);
    assert_false(node(m, "sub")->triggered_by_event);
    assert_int_equal(node(m, "ev_s")->parent, flujo_model_find_node(m, "evsub"));
    assert_int_equal(node(m, "review")->parent, -1);
    assert_string_equal(node(m, "tx")->type, "transaction");
    assert_string_equal(node(m, "adhoc")->type, "adHocSubProcess");
    assert_int_equal(node(m, "cobro_s")->process, 1);
    assert_int_equal(flow(m, "cf1")->process, 1);

    /* lanes: nested, innermost wins, inherited by boundaries and sub-process contents */
    assert_int_equal(m->n_lanes, 3);
    int64_t mesa = node(m, "review")->lane;
    assert_true(mesa >= 0);
    assert_string_equal(m->lanes[mesa].id, "lane_mesa");
    assert_string_equal(m->lanes[mesa].name, "Mesa de Partes");
    assert_int_equal(m->lanes[mesa].depth, 1);
    assert_string_equal(m->lanes[m->lanes[mesa].parent].id, "lane_muni");
    assert_string_equal(m->lanes[node(m, "start")->lane].id, "lane_muni");
    assert_string_equal(m->lanes[node(m, "b_err")->lane].id, "lane_insp");
    assert_string_equal(flujo_model_unit(m, flujo_model_find_node(m, "inspect")), "Inspectores");
    assert_string_equal(flujo_model_unit(m, flujo_model_find_node(m, "call")),
                        "Municipalidad Provincial de Puno");
    assert_string_equal(flujo_model_unit(m, flujo_model_find_node(m, "cobro_s")), "Cobro de tasa");

    /* collaboration */
    assert_int_equal(m->n_participants, 2);
    assert_int_equal(m->participants[0].process, -1); /* black-box pool */
    assert_int_equal(m->participants[1].process, 0);  /* processRef="tns:proc" */
    assert_int_equal(m->processes[0].participant, 1);
    assert_true(m->processes[0].is_executable);
    assert_int_equal(m->n_msgflows, 2);
    assert_int_equal(m->msgflows[0].source_participant, 0);
    assert_int_equal(m->msgflows[0].target_node, flujo_model_find_node(m, "start"));
    assert_int_equal(m->msgflows[1].source_node, flujo_model_find_node(m, "notify"));
    assert_int_equal(m->msgflows[1].target_participant, 0);

    /* diagram */
    assert_int_equal(m->n_planes, 1);
    assert_int_equal(m->n_shapes, 6);
    assert_int_equal(m->shapes[0].kind, FLUJO_DI_PARTICIPANT);
    assert_int_equal(m->shapes[1].kind, FLUJO_DI_LANE);
    assert_int_equal(m->shapes[2].kind, FLUJO_DI_NODE);
    assert_true(m->shapes[2].has_label);
    assert_close(m->shapes[2].lw, 77, 0);
    assert_close(m->shapes[3].x, 180, 0);
    assert_close(m->shapes[3].h, 80, 0);
    assert_true(m->shapes[4].expanded);
    assert_int_equal(m->shapes[5].kind, FLUJO_DI_OTHER);
    assert_int_equal(m->shapes[5].index, -1);
    assert_int_equal(m->n_edges, 3);
    assert_int_equal(m->edges[1].kind, FLUJO_DI_FLOW);
    assert_int_equal(m->edges[1].n_points, 3);
    assert_close(m->points[2 * (m->edges[1].first + 2) + 1], 150, 0);
    assert_int_equal(m->edges[2].kind, FLUJO_DI_MSGFLOW);
    assert_int_equal(m->n_points, 7);

    assert_int_equal(m->counts[FLUJO_COUNT_LANE], 3);
    assert_int_equal(m->counts[FLUJO_COUNT_PARTICIPANT], 2);
    assert_int_equal(m->counts[FLUJO_COUNT_MESSAGE_FLOW], 2);
    assert_int_equal(m->counts[FLUJO_COUNT_SUB_PROCESS], 2);
    assert_int_equal(m->counts[FLUJO_COUNT_BOUNDARY_EVENT], 2);
    assert_int_equal(m->counts[FLUJO_COUNT_PROCESS], 2);
    flujo_model_free(m);
}

static void bpmn_read_memory__same_as_file(void **state)
{
    static const char doc[] =
        "<definitions xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL'>"
        "<process id='p'><startEvent id='s'/><endEvent id='e'/>"
        "<sequenceFlow id='f' sourceRef='s' targetRef='e'/></process></definitions>";
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    (void)state;
    assert_int_equal(flujo_bpmn_read_memory(doc, sizeof(doc) - 1, "mem", &m, &err), FLUJO_OK);
    assert_int_equal(m->n_nodes, 2);
    assert_string_equal(m->file, "mem");
    flujo_model_free(m);
}

static void bpmn_read__dangling_boundary_and_default__reported(void **state)
{
    static const char doc[] =
        "<definitions xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL'>\n"
        "<process id='p'><startEvent id='s'/>\n"
        "<exclusiveGateway id='g' default='nope'/>\n"
        "<boundaryEvent id='b' attachedToRef='s'/>\n"
        "<sequenceFlow id='f' sourceRef='s' targetRef='g'/></process></definitions>";
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    (void)state;
    assert_int_equal(flujo_bpmn_read_memory(doc, sizeof(doc) - 1, "mem", &m, &err), FLUJO_OK);
    assert_int_equal(m->diags.n, 2);
    assert_string_equal(m->diags.items[0].code, "bad-default-flow"); /* document order */
    assert_contains(m->diags.items[0].message, "'nope'");
    assert_string_equal(m->diags.items[1].code, "dangling-boundary"); /* a start is no activity */
    assert_int_equal(m->diags.items[1].line, 4);
    flujo_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bpmn_read__minimal__nodes_flows_and_squeezed_names),
        cmocka_unit_test(bpmn_read__dangling_flow__is_read_and_reported_with_line),
        cmocka_unit_test(bpmn_read__duplicate_ids__is_emodel_naming_both_lines),
        cmocka_unit_test(bpmn_read__empty_file__is_eparse_line_1),
        cmocka_unit_test(bpmn_read__not_xml__is_eparse),
        cmocka_unit_test(bpmn_read__binary_junk__is_eparse),
        cmocka_unit_test(bpmn_read__truncated__names_the_line),
        cmocka_unit_test(bpmn_read__other_xml__is_emodel),
        cmocka_unit_test(bpmn_read__missing_file__is_eio),
        cmocka_unit_test(bpmn_read__directory__is_eio),
        cmocka_unit_test(bpmn_read__billion_laughs__refused_at_once),
        cmocka_unit_test(bpmn_read__external_entity__never_reads_the_file),
        cmocka_unit_test(bpmn_read__latin1__names_become_utf8),
        cmocka_unit_test(bpmn_read__windows1252_labelled_utf8__refused_with_the_fix),
        cmocka_unit_test(bpmn_read__neither_utf8_nor_windows1252__refused_naming_the_bytes),
        cmocka_unit_test(bpmn_read__windows1252__names_become_utf8),
        cmocka_unit_test(bpmn_read__any_prefix__matched_by_namespace_only),
        cmocka_unit_test(bpmn_read__full__every_construct),
        cmocka_unit_test(bpmn_read_memory__same_as_file),
        cmocka_unit_test(bpmn_read__dangling_boundary_and_default__reported),
    };
    flujo_lib_init();
    return cmocka_run_group_tests_name("bpmn", tests, NULL, NULL);
}
