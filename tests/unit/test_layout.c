/* test_layout.c - `flujo layout`: the automatic diagram of a model. For every file that reads (the
 * fixtures, the models of models/ and the 180 well-formed files of ../shared/bpmn-miwg), the
 * laid-out file must read back with the same elements, and its diagram must be complete and clean
 * (check_diagram: every node a shape inside its lane, no two overlapping, every flow an edge from
 * border to border crossing no other node); laying out twice gives the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "flujo_bpmn.h"
#include "flujo_model.h"
#include "test_helpers.h"

#include <dirent.h>

#define MAX_FILES 512

static char *files[MAX_FILES];
static size_t n_files;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the .bpmn files of dir, and of its sub-directories if deep. */
static void collect(const char *dir, bool deep)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "test_layout: cannot open %s (run from the repository root, SHARED=...)\n",
                dir);
        exit(1);
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        char path[2048];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (e->d_name[0] == '.') {
            continue;
        }
        if (len > 5 && strcmp(e->d_name + len - 5, ".bpmn") == 0 && n_files < MAX_FILES) {
            files[n_files++] = strdup(path);
        } else if (deep) {
            DIR *sub = opendir(path);
            if (sub != NULL) {
                closedir(sub);
                collect(path, false);
            }
        }
    }
    closedir(d);
}

/* Lays out the model of path and writes the file with its new diagram into a new buffer. */
static char *lay_out(const char *path, const flujo_model_t *m, size_t *len)
{
    flujo_layout_t lay;
    flujo_err_t err = {0};
    assert_int_equal(flujo_model_layout(m, &lay, &err), FLUJO_OK);
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    assert_non_null(f);
    assert_int_equal(flujo_bpmn_write_layout(path, m, &lay, f, &err), FLUJO_OK);
    fclose(f);
    flujo_layout_destroy(&lay);
    return buf;
}

static size_t total_crossings, n_laid_out;

static void file__laid_out__reads_back_complete_and_clean(void **state)
{
    const char *path = *state;
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    if (flujo_bpmn_read(path, &m, &err) != FLUJO_OK) {
        return; /* refused files (malformed, unsafe) have nothing to lay out */
    }
    size_t len = 0;
    char *xml = lay_out(path, m, &len);
    flujo_model_t *back = NULL;
    if (flujo_bpmn_read_memory(xml, len, path, &back, &err) != FLUJO_OK) {
        print_error("%s\n", err.msg);
        fail();
    }
    /* the same process: same elements, same ids, same flows */
    assert_int_equal(back->n_nodes, m->n_nodes);
    assert_int_equal(back->n_flows, m->n_flows);
    assert_int_equal(back->n_lanes, m->n_lanes);
    for (size_t v = 0; v < m->n_nodes; v++) {
        assert_string_equal(back->nodes[v].id, m->nodes[v].id);
    }
    for (int c = 0; c < FLUJO_COUNT_N; c++) {
        const char *name = flujo_count_name((flujo_count_t)c);
        if (strncmp(name, "BPMN", 4) != 0) {
            assert_int_equal(back->counts[c], m->counts[c]);
        }
    }
    diagram_check_t c = check_diagram(back, path);
    assert_int_equal(c.problems, 0);
    assert_int_equal(c.crossings, 0);
    total_crossings += c.crossings;
    n_laid_out++;
    /* deterministic: the same model gives the same file */
    size_t len2 = 0;
    char *again = lay_out(path, m, &len2);
    assert_int_equal(len2, len);
    assert_memory_equal(again, xml, len);
    free(again);
    free(xml);
    flujo_model_free(back);
    flujo_model_free(m);
}

/* The checker itself: a flow drawn through a third task and two overlapping tasks are caught. */
static void check_diagram__finds_crossing_and_overlap(void **state)
{
    (void)state;
    static const char xml[] =
        "<definitions xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL'"
        " xmlns:bpmndi='http://www.omg.org/spec/BPMN/20100524/DI'"
        " xmlns:dc='http://www.omg.org/spec/DD/20100524/DC'"
        " xmlns:di='http://www.omg.org/spec/DD/20100524/DI'>"
        "<process id='p'><startEvent id='s'/><task id='a'/><task id='b'/><task id='c'/>"
        "<sequenceFlow id='f1' sourceRef='s' targetRef='a'/>"
        "<sequenceFlow id='f2' sourceRef='a' targetRef='c'/>"
        "<sequenceFlow id='f3' sourceRef='c' targetRef='b'/></process>"
        "<bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement='p'>"
        "<bpmndi:BPMNShape bpmnElement='s'><dc:Bounds x='0' y='22' width='36' height='36'/>"
        "</bpmndi:BPMNShape>"
        "<bpmndi:BPMNShape bpmnElement='a'><dc:Bounds x='100' y='0' width='100' height='80'/>"
        "</bpmndi:BPMNShape>"
        "<bpmndi:BPMNShape bpmnElement='b'><dc:Bounds x='250' y='0' width='100' height='80'/>"
        "</bpmndi:BPMNShape>"
        "<bpmndi:BPMNShape bpmnElement='c'><dc:Bounds x='400' y='0' width='100' height='80'/>"
        "</bpmndi:BPMNShape>"
        "<bpmndi:BPMNEdge bpmnElement='f1'><di:waypoint x='36' y='40'/><di:waypoint x='100' "
        "y='40'/></bpmndi:BPMNEdge>"
        "<bpmndi:BPMNEdge bpmnElement='f2'><di:waypoint x='200' y='40'/><di:waypoint x='400' "
        "y='40'/></bpmndi:BPMNEdge>"
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>";
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_bpmn_read_memory(xml, sizeof(xml) - 1, "crossing.bpmn", &m, &err),
                     FLUJO_OK);
    diagram_check_t c = check_diagram(m, "crossing.bpmn");
    assert_int_equal(c.crossings, 1); /* f2 through b */
    assert_int_equal(c.problems, 1);  /* f3 has no edge */
    flujo_model_free(m);

    static const char overlapping[] =
        "<definitions xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL'"
        " xmlns:bpmndi='http://www.omg.org/spec/BPMN/20100524/DI'"
        " xmlns:dc='http://www.omg.org/spec/DD/20100524/DC'>"
        "<process id='p'><task id='a'/><task id='b'/></process>"
        "<bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement='p'>"
        "<bpmndi:BPMNShape bpmnElement='a'><dc:Bounds x='0' y='0' width='100' height='80'/>"
        "</bpmndi:BPMNShape>"
        "<bpmndi:BPMNShape bpmnElement='b'><dc:Bounds x='50' y='40' width='100' height='80'/>"
        "</bpmndi:BPMNShape>"
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>";
    assert_int_equal(
        flujo_bpmn_read_memory(overlapping, sizeof(overlapping) - 1, "overlap.bpmn", &m, &err),
        FLUJO_OK);
    c = check_diagram(m, "overlap.bpmn");
    assert_int_equal(c.problems, 1);
    flujo_model_free(m);
}

/* The shared-segment check: a gateway whose two flows leave along one stretch before parting,
 * and two flows that turn at one point (a "+" that reads either way), are caught; two flows
 * into one task along one stretch (a merge) are not. */
static void shared_segments__split_and_plus__caught_merge_not(void **state)
{
    (void)state;
    static const char xml[] =
        "<definitions xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL'"
        " xmlns:bpmndi='http://www.omg.org/spec/BPMN/20100524/DI'"
        " xmlns:di='http://www.omg.org/spec/DD/20100524/DI'>"
        "<process id='p'><exclusiveGateway id='g'/><task id='a'/><task id='b'/><task id='c'/>"
        "<task id='d'/><task id='e'/>"
        "<sequenceFlow id='si' sourceRef='g' targetRef='a'/>"
        "<sequenceFlow id='no' sourceRef='g' targetRef='b'/>"
        "<sequenceFlow id='h' sourceRef='c' targetRef='d'/>"
        "<sequenceFlow id='v' sourceRef='e' targetRef='c'/>"
        "<sequenceFlow id='m1' sourceRef='a' targetRef='e'/>"
        "<sequenceFlow id='m2' sourceRef='b' targetRef='e'/></process>"
        "<bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement='p'>"
        /* si and no: along y=0 from x=0 to 60, then si turns up */
        "<bpmndi:BPMNEdge bpmnElement='si'><di:waypoint x='0' y='0'/><di:waypoint x='60' "
        "y='0'/><di:waypoint x='60' y='-100'/><di:waypoint x='100' y='-100'/>"
        "</bpmndi:BPMNEdge>"
        "<bpmndi:BPMNEdge bpmnElement='no'><di:waypoint x='0' y='0'/><di:waypoint x='100' "
        "y='0'/></bpmndi:BPMNEdge>"
        /* h turns down at (500, 0), v turns right at the same point */
        "<bpmndi:BPMNEdge bpmnElement='h'><di:waypoint x='400' y='0'/><di:waypoint x='500' "
        "y='0'/><di:waypoint x='500' y='100'/></bpmndi:BPMNEdge>"
        "<bpmndi:BPMNEdge bpmnElement='v'><di:waypoint x='500' y='-100'/><di:waypoint x='500' "
        "y='0'/><di:waypoint x='600' y='0'/></bpmndi:BPMNEdge>"
        /* m1 and m2 join at x=900 and run into e together */
        "<bpmndi:BPMNEdge bpmnElement='m1'><di:waypoint x='800' y='-50'/><di:waypoint x='900' "
        "y='-50'/><di:waypoint x='900' y='0'/><di:waypoint x='1000' y='0'/>"
        "</bpmndi:BPMNEdge>"
        "<bpmndi:BPMNEdge bpmnElement='m2'><di:waypoint x='800' y='0'/><di:waypoint x='1000' "
        "y='0'/></bpmndi:BPMNEdge>"
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>";
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_bpmn_read_memory(xml, sizeof(xml) - 1, "shared.bpmn", &m, &err),
                     FLUJO_OK);
    assert_int_equal(shared_segments(m, "shared.bpmn"), 2); /* si/no and h/v */
    flujo_model_free(m);
}

static bool have_corpus; /* the MIWG corpus is there */

static void corpus__all_laid_out(void **state)
{
    (void)state;
    print_message("%zu files laid out, %zu crossings\n", n_laid_out, total_crossings);
    /* every readable MIWG file (180 of 184) and the models and fixtures */
    assert_true(n_laid_out >= (have_corpus ? 180u : 0u) + 7);
}

int main(void)
{
    flujo_lib_init();
    collect(FIXTURES, false);
    collect("models", true);
    have_corpus = have_shared("bpmn-miwg", "test_layout: the 184 MIWG files");
    if (have_corpus) {
        collect(SHARED "/bpmn-miwg", true);
    }
    qsort(files, n_files, sizeof(char *), cmp_str);
    struct CMUnitTest *tests = calloc(n_files + 3, sizeof(*tests));
    tests[0] = (struct CMUnitTest)cmocka_unit_test(check_diagram__finds_crossing_and_overlap);
    tests[1] =
        (struct CMUnitTest)cmocka_unit_test(shared_segments__split_and_plus__caught_merge_not);
    for (size_t i = 0; i < n_files; i++) {
        tests[i + 2].name = files[i];
        tests[i + 2].test_func = file__laid_out__reads_back_complete_and_clean;
        tests[i + 2].initial_state = files[i];
    }
    tests[n_files + 2] = (struct CMUnitTest)cmocka_unit_test(corpus__all_laid_out);
    int failed = _cmocka_run_group_tests("layout", tests, n_files + 3, NULL, NULL);
    for (size_t i = 0; i < n_files; i++) {
        free(files[i]);
    }
    free(tests);
    return failed;
}
