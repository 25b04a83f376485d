/* test_corpus.c - the BPMN reader against the 184 files real modelling tools wrote
 * (../shared/bpmn-miwg). Each well-formed file must read, pass the checks without an internal
 * failure, and give the element counts an independent count (libxml2 XPath over the whole
 * document) gives; each malformed file must fail with FILE:LINE naming the line libxml2 reports. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "flujo_bpmn.h"
#include "flujo_model.h"
#include "test_helpers.h"

#include <dirent.h>

#define CORPUS      SHARED "/bpmn-miwg"
#define NS_MODEL    "http://www.omg.org/spec/BPMN/20100524/MODEL"
#define N_FILES     184
#define N_MALFORMED 4
#define MAX_FILES   256

static char *files[MAX_FILES];
static size_t n_files;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects CORPUS/<tool>/<file>.bpmn, sorted. */
static void collect(void)
{
    DIR *top = opendir(CORPUS);
    if (top == NULL) {
        fprintf(stderr,
                "test_corpus: cannot open %s: set SHARED=path/to/shared (make test "
                "SHARED=...)\n",
                CORPUS);
        exit(1);
    }
    struct dirent *t;
    while ((t = readdir(top)) != NULL) {
        if (t->d_name[0] == '.') {
            continue;
        }
        char dir[1024];
        snprintf(dir, sizeof(dir), "%s/%s", CORPUS, t->d_name);
        DIR *d = opendir(dir);
        if (d == NULL) {
            continue;
        }
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            size_t len = strlen(e->d_name);
            if (len > 5 && strcmp(e->d_name + len - 5, ".bpmn") == 0 && n_files < MAX_FILES) {
                char path[2048];
                snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
                files[n_files++] = strdup(path);
            }
        }
        closedir(d);
    }
    closedir(top);
    qsort(files, n_files, sizeof(files[0]), cmp_str);
}

/* The number of BPMN-namespace elements with a local name, anywhere in the document. */
static long xpath_count(xmlXPathContextPtr ctx, const char *local)
{
    char expr[256];
    snprintf(expr, sizeof(expr), "count(//*[local-name()='%s' and namespace-uri()='%s'])", local,
             NS_MODEL);
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    assert_non_null(o);
    long n = (long)o->floatval;
    xmlXPathFreeObject(o);
    return n;
}

static size_t n_malformed;

static void corpus_file__reads__counts_match_xpath(void **state)
{
    const char *path = *state;
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    flujo_status_t st = flujo_bpmn_read(path, &m, &err);

    xmlDocPtr doc = xmlReadFile(path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_BIG_LINES);
    if (doc == NULL) {
        /* Malformed: flujo must refuse it with the file and the line libxml2 stopped at. */
        const xmlError *xe = xmlGetLastError();
        char where[2100];
        snprintf(where, sizeof(where), "%s:%d: ", path, xe ? xe->line : -1);
        assert_int_equal(st, FLUJO_EPARSE);
        assert_null(m);
        assert_true(strncmp(err.msg, where, strlen(where)) == 0);
        assert_true(strstr(err.msg, "not well-formed XML") != NULL ||
                    strstr(err.msg, "the text is not UTF-8") != NULL);
        n_malformed++;
        return;
    }
    if (st != FLUJO_OK) {
        print_error("%s\n", err.msg);
    }
    assert_int_equal(st, FLUJO_OK);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    for (int c = 0; c < FLUJO_COUNT_N; c++) {
        const char *name = flujo_count_name((flujo_count_t)c);
        long want = xpath_count(ctx, name);
        if ((long)m->counts[c] != want) {
            print_error("%s: %s counted %zu, XPath %ld\n", path, name, m->counts[c], want);
        }
        assert_int_equal(m->counts[c], want);
    }
    /* Every node and sequence flow read is in the model (or reported as dangling). */
    assert_int_equal(
        m->n_nodes,
        m->counts[FLUJO_COUNT_TASK] + m->counts[FLUJO_COUNT_USER_TASK] +
            m->counts[FLUJO_COUNT_MANUAL_TASK] + m->counts[FLUJO_COUNT_SERVICE_TASK] +
            m->counts[FLUJO_COUNT_SCRIPT_TASK] + m->counts[FLUJO_COUNT_BUSINESS_RULE_TASK] +
            m->counts[FLUJO_COUNT_SEND_TASK] + m->counts[FLUJO_COUNT_RECEIVE_TASK] +
            m->counts[FLUJO_COUNT_SUB_PROCESS] + m->counts[FLUJO_COUNT_TRANSACTION] +
            m->counts[FLUJO_COUNT_AD_HOC_SUB_PROCESS] + m->counts[FLUJO_COUNT_CALL_ACTIVITY] +
            m->counts[FLUJO_COUNT_START_EVENT] + m->counts[FLUJO_COUNT_END_EVENT] +
            m->counts[FLUJO_COUNT_INTERMEDIATE_CATCH_EVENT] +
            m->counts[FLUJO_COUNT_INTERMEDIATE_THROW_EVENT] +
            m->counts[FLUJO_COUNT_BOUNDARY_EVENT] + m->counts[FLUJO_COUNT_EXCLUSIVE_GATEWAY] +
            m->counts[FLUJO_COUNT_PARALLEL_GATEWAY] + m->counts[FLUJO_COUNT_INCLUSIVE_GATEWAY] +
            m->counts[FLUJO_COUNT_EVENT_BASED_GATEWAY] + m->counts[FLUJO_COUNT_COMPLEX_GATEWAY]);
    size_t dangling = 0;
    for (size_t i = 0; i < m->diags.n; i++) {
        dangling += strcmp(m->diags.items[i].code, "dangling-flow") == 0 ||
                    strcmp(m->diags.items[i].code, "flow-crosses-scope") == 0;
    }
    assert_int_equal(m->n_flows + dangling, m->counts[FLUJO_COUNT_SEQUENCE_FLOW]);

    flujo_diags_t d;
    flujo_cycle_t *cycles = NULL;
    size_t n_cycles = 0;
    flujo_diags_init(&d);
    assert_int_equal(flujo_model_check(m, &d, &cycles, &n_cycles, &err), FLUJO_OK);
    flujo_model_cycles_free(cycles, n_cycles);
    flujo_diags_destroy(&d);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    flujo_model_free(m);
}

static void corpus__is_complete__184_files_4_malformed(void **state)
{
    (void)state;
    assert_int_equal(n_files, N_FILES);
    assert_int_equal(n_malformed, N_MALFORMED);
}

int main(void)
{
    flujo_lib_init();
    if (!have_shared("bpmn-miwg", "test_corpus: the 184 MIWG files")) {
        return TEST_SKIPPED;
    }
    collect();
    struct CMUnitTest *tests = calloc(n_files + 1, sizeof(*tests));
    for (size_t i = 0; i < n_files; i++) {
        tests[i].name = files[i];
        tests[i].test_func = corpus_file__reads__counts_match_xpath;
        tests[i].initial_state = files[i];
    }
    tests[n_files].name = "corpus__is_complete__184_files_4_malformed";
    tests[n_files].test_func = corpus__is_complete__184_files_4_malformed;
    int failed = _cmocka_run_group_tests("corpus", tests, n_files + 1, NULL, NULL);
    for (size_t i = 0; i < n_files; i++) {
        free(files[i]);
    }
    free(tests);
    xmlCleanupParser();
    return failed;
}
