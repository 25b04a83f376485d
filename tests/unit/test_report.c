/* test_report.c - what the reports are for others to read: the XES event log validates against
 * the XES schema and holds exactly the simulated events, with exact times where the model makes
 * them exact; the HTML report is self-contained, each of its SVG drawings is XML, it draws every
 * lane and activity, speaks the language asked for and is the same for any thread count. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "flujo_compare.h"
#include "flujo_experiment.h"
#include "flujo_i18n.h"
#include "flujo_model.h"
#include "flujo_report.h"
#include "flujo_scenario.h"
#include "test_helpers.h"

#ifndef LOCALEDIR
#define LOCALEDIR "build/locale"
#endif
#define XES_XSD  "tests/xes/xes-ieee-1849-2016.xsd"
#define XES_NS   "http://www.xes-standard.org/"
#define LINEA    FIXTURES "/redesign/linea.yaml"
#define DEADLOCK FIXTURES "/sim/deadlock.yaml"
#define LICENCIA "models/licencia_funcionamiento/actual.yaml"

/* ---- XES ---------------------------------------------------------------------------------- */

typedef struct xes_run {
    flujo_xes_t *x;
    size_t acts;  /* activity instances of expedientes the engine reported */
    size_t cases; /* completed cases it reported */
} xes_run_t;

static void on_activity(void *ctx, const flujo_activity_rec_t *rec)
{
    xes_run_t *c = ctx;
    if (rec->replication == 1) { /* the receivers are called from every replication's thread */
        c->acts += !rec->background;
        flujo_xes_activity(c->x, rec);
    }
}

static void on_case(void *ctx, const flujo_case_rec_t *rec)
{
    xes_run_t *c = ctx;
    if (rec->replication == 1) {
        c->cases++;
        flujo_xes_case(c->x, rec);
    }
}

static int xml_errors;

/* libxml2 2.12 made the error of a structured error handler const. */
#if LIBXML_VERSION >= 21200
#define XML_ERROR_ARG const xmlError *
#else
#define XML_ERROR_ARG xmlError *
#endif

static void count_error(void *ctx, XML_ERROR_ARG e)
{
    (void)ctx;
    print_message("xml: %s", e->message);
    xml_errors++;
}

/* Runs a scenario with the XES log in memory and returns the parsed log; counts what the engine
 * reported into *c. */
static xmlDocPtr run_xes(const char *path, const char *const *sets, size_t n_sets, xes_run_t *c)
{
    flujo_scenario_t *s = scenario_ok(path, sets, n_sets);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    memset(c, 0, sizeof(*c));
    c->x = flujo_xes_begin(f, s);
    flujo_experiment_opts_t o = {.threads = 2};
    o.engine.log = on_activity;
    o.engine.case_log = on_case;
    o.engine.log_ctx = c;
    flujo_results_t *r = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_experiment_run(s, &o, &r, &err), FLUJO_OK);
    assert_int_equal(flujo_xes_end(c->x, &err), FLUJO_OK);
    fclose(f);
    xmlDocPtr doc = xmlReadMemory(buf, (int)len, "log.xes", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    free(buf);
    flujo_results_free(r);
    flujo_scenario_free(s);
    return doc;
}

static void assert_schema_valid(xmlDocPtr doc)
{
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(XES_XSD);
    assert_non_null(pc);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    assert_non_null(schema);
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    xml_errors = 0;
    xmlSchemaSetValidStructuredErrors(vc, count_error, NULL);
    assert_int_equal(xmlSchemaValidateDoc(vc, doc), 0);
    assert_int_equal(xml_errors, 0);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
}

static xmlXPathObjectPtr xpath(xmlDocPtr doc, xmlNodePtr at, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "x", BAD_CAST XES_NS);
    ctx->node = at != NULL ? at : xmlDocGetRootElement(doc);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(o);
    xmlXPathFreeContext(ctx);
    return o;
}

static size_t count(xmlDocPtr doc, xmlNodePtr at, const char *expr)
{
    xmlXPathObjectPtr o = xpath(doc, at, expr);
    size_t n = o->nodesetval != NULL ? (size_t)o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

/* The value of the attribute element with this key directly under node, or NULL. */
static const char *value_of(xmlNodePtr node, const char *key)
{
    for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        xmlChar *k = xmlGetProp(c, BAD_CAST "key");
        bool hit = k != NULL && strcmp((const char *)k, key) == 0;
        xmlFree(k);
        if (hit) {
            /* the value stays alive as long as the document: read it from the attribute node */
            xmlAttrPtr a = xmlHasProp(c, BAD_CAST "value");
            return a != NULL && a->children != NULL ? (const char *)a->children->content : NULL;
        }
    }
    return NULL;
}

/* Every trace: events in time order, each with the standard attributes, and per activity the
 * lifecycle never ahead of itself (no start before its schedule, no complete before its start). */
static void assert_traces_well_formed(xmlDocPtr doc)
{
    xmlXPathObjectPtr traces = xpath(doc, NULL, "/x:log/x:trace");
    for (int t = 0; t < traces->nodesetval->nodeNr; t++) {
        xmlNodePtr tr = traces->nodesetval->nodeTab[t];
        assert_non_null(value_of(tr, "concept:name"));
        const char *prev = "";
        struct {
            const char *name;
            int n[3];
        } seen[64];
        size_t n_seen = 0;
        for (xmlNodePtr ev = tr->children; ev != NULL; ev = ev->next) {
            if (ev->type != XML_ELEMENT_NODE || strcmp((const char *)ev->name, "event") != 0) {
                continue;
            }
            const char *name = value_of(ev, "concept:name");
            const char *life = value_of(ev, "lifecycle:transition");
            const char *when = value_of(ev, "time:timestamp");
            const char *res = value_of(ev, "org:resource");
            const char *group = value_of(ev, "org:group");
            assert_true(name != NULL && life != NULL && when != NULL && res != NULL &&
                        group != NULL);
            assert_true(res[0] != '\0' && group[0] != '\0');
            /* one format and one UTC offset: the order of the strings is the order of time */
            assert_int_equal(strlen(when), strlen("2026-01-06T00:00:00.000-05:00"));
            assert_true(strcmp(prev, when) <= 0);
            prev = when;
            int phase = strcmp(life, "schedule") == 0 ? 0 : strcmp(life, "start") == 0 ? 1 : 2;
            assert_true(phase < 2 || strcmp(life, "complete") == 0);
            size_t k = 0;
            while (k < n_seen && strcmp(seen[k].name, name) != 0) {
                k++;
            }
            if (k == n_seen) {
                assert_true(n_seen < 64);
                seen[n_seen].name = name;
                memset(seen[n_seen].n, 0, sizeof(seen[n_seen].n));
                n_seen++;
            }
            seen[k].n[phase]++;
            assert_true(seen[k].n[0] >= seen[k].n[1] && seen[k].n[1] >= seen[k].n[2]);
        }
    }
    xmlXPathFreeObject(traces);
}

/* One expediente a day through Registrar 1 h, Evaluar 2 h, a 30-minute Ventana and Firmar 3 h,
 * one performer each and no queue: every timestamp is known. */
static void test_xes_exact_times(void **state)
{
    (void)state;
    xes_run_t c;
    xmlDocPtr doc = run_xes(LINEA, NULL, 0, &c);
    assert_schema_valid(doc);
    assert_traces_well_formed(doc);
    assert_true(c.cases > 0);
    assert_int_equal(count(doc, NULL, "/x:log/x:trace"), c.cases);
    assert_int_equal(count(doc, NULL, "//x:event"), 3 * c.acts);
    assert_int_equal(c.acts, 3 * c.cases);
    /* the standard extensions the attributes use are declared */
    const char *prefixes[] = {"concept", "lifecycle", "time", "org"};
    for (size_t i = 0; i < 4; i++) {
        char q[96];
        snprintf(q, sizeof(q), "/x:log/x:extension[@prefix='%s']", prefixes[i]);
        assert_int_equal(count(doc, NULL, q), 1);
    }
    xmlXPathObjectPtr first = xpath(doc, NULL, "/x:log/x:trace[1]/x:event");
    static const char *const want[][4] = {
        {"Registrar", "schedule", "T00:00:00.000-05:00", "Mesa"},
        {"Registrar", "start", "T00:00:00.000-05:00", "Mesa"},
        {"Registrar", "complete", "T01:00:00.000-05:00", "Mesa"},
        {"Evaluar", "schedule", "T01:00:00.000-05:00", "Evaluación"},
        {"Evaluar", "start", "T01:00:00.000-05:00", "Evaluación"},
        {"Evaluar", "complete", "T03:00:00.000-05:00", "Evaluación"},
        {"Firmar", "schedule", "T03:30:00.000-05:00", "Gerencia"},
        {"Firmar", "start", "T03:30:00.000-05:00", "Gerencia"},
        {"Firmar", "complete", "T06:30:00.000-05:00", "Gerencia"},
    };
    assert_int_equal(first->nodesetval->nodeNr, 9);
    for (int i = 0; i < 9; i++) {
        xmlNodePtr ev = first->nodesetval->nodeTab[i];
        assert_string_equal(value_of(ev, "concept:name"), want[i][0]);
        assert_string_equal(value_of(ev, "lifecycle:transition"), want[i][1]);
        assert_contains(value_of(ev, "time:timestamp"), want[i][2]);
        assert_string_equal(value_of(ev, "org:resource"), want[i][3]);
        assert_string_equal(value_of(ev, "org:group"), want[i][3]);
    }
    xmlXPathFreeObject(first);
    xmlFreeDoc(doc);
}

/* Times that are not whole seconds keep their milliseconds, and the date's seconds are not
 * rounded up past them. */
static void test_xes_milliseconds(void **state)
{
    (void)state;
    const char *sets[] = {"tasks.Registrar.duration=1.75s"};
    xes_run_t c;
    xmlDocPtr doc = run_xes(LINEA, sets, 1, &c);
    assert_schema_valid(doc);
    assert_traces_well_formed(doc);
    xmlXPathObjectPtr first = xpath(doc, NULL, "/x:log/x:trace[1]/x:event");
    assert_true(first->nodesetval->nodeNr >= 4);
    assert_contains(value_of(first->nodesetval->nodeTab[2], "time:timestamp"),
                    "T00:00:01.750-05:00");
    xmlXPathFreeObject(first);
    xmlFreeDoc(doc);
}

/* Cases that can never finish still appear, marked unfinished, once each, after the others. */
static void test_xes_unfinished_cases(void **state)
{
    (void)state;
    xes_run_t c;
    xmlDocPtr doc = run_xes(DEADLOCK, NULL, 0, &c);
    assert_schema_valid(doc);
    assert_traces_well_formed(doc);
    size_t unfinished = count(doc, NULL, "/x:log/x:trace[x:boolean[@key='flujo:finished']]");
    assert_true(unfinished > 0);
    assert_int_equal(count(doc, NULL, "/x:log/x:trace"), c.cases + unfinished);
    assert_int_equal(count(doc, NULL, "//x:event"), 3 * c.acts);
    /* case numbers are distinct and the unfinished ones come in increasing order */
    xmlXPathObjectPtr names = xpath(doc, NULL,
                                    "/x:log/x:trace[x:boolean[@key='flujo:finished']]"
                                    "/x:string[@key='concept:name']/@value");
    long prev = 0;
    for (int i = 0; i < names->nodesetval->nodeNr; i++) {
        long id = strtol((const char *)names->nodesetval->nodeTab[i]->children->content, NULL, 10);
        assert_true(id > prev);
        prev = id;
    }
    xmlXPathFreeObject(names);
    xmlFreeDoc(doc);
}

/* A real model: case attributes on the traces, the legal figures, every lane as an org:group. */
static void test_xes_licence_model(void **state)
{
    (void)state;
    const char *sets[] = {"replications=2", "horizon=30bd", "warmup=0bd"};
    xes_run_t c;
    xmlDocPtr doc = run_xes(LICENCIA, sets, 3, &c);
    assert_schema_valid(doc);
    assert_traces_well_formed(doc);
    assert_true(c.cases > 10);
    assert_int_equal(count(doc, NULL, "//x:trace[x:float[@key='flujo:legal_time_bd']]"), c.cases);
    assert_int_equal(count(doc, NULL, "//x:trace[x:string[@key='riesgo']]"), c.cases);
    assert_int_equal(count(doc, NULL, "//x:trace[x:boolean[@key='flujo:within_plazo']]"), c.cases);
    assert_true(count(doc, NULL,
                      "//x:event[x:string[@key='org:group' and "
                      "@value='Inspectores ITSE']]") > 0);
    xmlFreeDoc(doc);
}

/* ---- HTML --------------------------------------------------------------------------------- */

/* The report of path (and of its alternatives, compared) as a string, with threads threads. */
static char *html_report(const char *const *paths, size_t n, int threads)
{
    const char *sets[] = {"replications=3"};
    flujo_scenario_t *sc[4];
    flujo_results_t *res[4];
    assert_true(n <= 4);
    for (size_t i = 0; i < n; i++) {
        sc[i] = scenario_ok(paths[i], sets, 1);
        flujo_experiment_opts_t o = {.threads = threads};
        flujo_err_t err = {0};
        assert_int_equal(flujo_experiment_run(sc[i], &o, &res[i], &err), FLUJO_OK);
    }
    flujo_comparison_t cmp;
    double w[FLUJO_CK_N];
    flujo_compare_default_weights(w);
    flujo_err_t err = {0};
    if (n > 1) {
        assert_int_equal(flujo_compare((const flujo_results_t *const *)res, n, w, &cmp, &err),
                         FLUJO_OK);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(flujo_report_html(f, res[0], n > 1 ? &cmp : NULL, &err), FLUJO_OK);
    fclose(f);
    if (n > 1) {
        flujo_comparison_free(&cmp);
    }
    for (size_t i = 0; i < n; i++) {
        flujo_results_free(res[i]);
        flujo_scenario_free(sc[i]);
    }
    return buf;
}

/* Each top-level <svg>...</svg> of the page parses as XML without an error; returns how many. */
static size_t assert_svgs_are_xml(const char *html)
{
    size_t n = 0;
    for (const char *p = strstr(html, "<svg"); p != NULL; p = strstr(p, "<svg")) {
        int depth = 0;
        const char *q = p;
        for (;;) {
            const char *open = strstr(q + 1, "<svg"), *close = strstr(q + 1, "</svg>");
            assert_non_null(close);
            if (open != NULL && open < close) {
                depth++;
                q = open;
            } else if (depth > 0) {
                depth--;
                q = close;
            } else {
                q = close + strlen("</svg>");
                break;
            }
        }
        xml_errors = 0;
        xmlSetStructuredErrorFunc(NULL, count_error);
        xmlDocPtr doc = xmlReadMemory(p, (int)(q - p), "report.svg", NULL, XML_PARSE_NONET);
        xmlSetStructuredErrorFunc(NULL, NULL);
        assert_non_null(doc);
        assert_int_equal(xml_errors, 0);
        assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "svg");
        xmlFreeDoc(doc);
        n++;
        p = q;
    }
    return n;
}

/* Nothing that reaches outside the file: no scripts, no style sheets or images by address, and
 * "http" only in the XML namespace names of the drawings. */
static void assert_self_contained(const char *html)
{
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<link"));
    assert_null(strstr(html, "<img"));
    for (const char *p = strstr(html, "url("); p != NULL; p = strstr(p + 1, "url(")) {
        assert_true(p[4] == '#'); /* only references within the page (the arrow heads) */
    }
    assert_null(strstr(html, "@import"));
    for (const char *p = strstr(html, "http"); p != NULL; p = strstr(p + 1, "http")) {
        bool ns = strncmp(p, "http://www.w3.org/2000/svg\"", 27) == 0 ||
                  strncmp(p, "http://www.w3.org/1999/xlink\"", 29) == 0;
        if (!ns) {
            print_error("reaches out: %.60s\n", p);
            fail();
        }
    }
}

/* The text of the diagram's drawing (<svg class="bpmn">) without tags and white space, to find
 * names wrapped over several lines in. */
static char *diagram_text(const char *html)
{
    const char *p = strstr(html, "<svg class=\"bpmn\"");
    assert_non_null(p);
    const char *e = strstr(p, "</svg>");
    assert_non_null(e);
    char *out = malloc((size_t)(e - p) + 1);
    size_t o = 0;
    bool tag = false;
    for (; p < e; p++) {
        if (*p == '<') {
            tag = true;
        } else if (*p == '>') {
            tag = false;
        } else if (!tag && *p != ' ' && *p != '\n') {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
    return out;
}

static void squeeze(const char *in, char *out, size_t n)
{
    size_t o = 0;
    for (; *in && o + 1 < n; in++) {
        if (*in != ' ') {
            out[o++] = *in;
        }
    }
    out[o] = '\0';
}

static void test_html_licence_model(void **state)
{
    (void)state;
    flujo_i18n_init(LOCALEDIR, "en");
    const char *paths[] = {LICENCIA};
    char *html = html_report(paths, 1, 2);
    assert_true(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0);
    assert_contains(html, "</html>\n");
    assert_self_contained(html);
    /* the overview, the diagram, the colour scale and six charts */
    assert_true(assert_svgs_are_xml(html) >= 7);
    /* every lane and every activity of the model, by name, on the diagram */
    flujo_scenario_t *s = scenario_ok(LICENCIA, NULL, 0);
    char *text = diagram_text(html);
    char want[256];
    for (size_t i = 0; i < s->model->n_lanes; i++) {
        squeeze(s->model->lanes[i].name, want, sizeof(want));
        assert_contains(text, want);
    }
    size_t tasks = 0;
    for (size_t i = 0; i < s->model->n_nodes; i++) {
        if (s->model->nodes[i].kind == FLUJO_NODE_TASK) {
            squeeze(s->model->nodes[i].name, want, sizeof(want));
            assert_contains(text, want);
            tasks++;
        }
    }
    assert_true(tasks >= 10);
    /* the sections a reader looks for */
    const char *sections[] = {"Where expedientes wait", "Bottlenecks", "Legal time and the plazo",
                              "ASME-VM"};
    for (size_t i = 0; i < 4; i++) {
        assert_contains(html, sections[i]);
    }
    assert_null(strstr(html, "Comparison of redesigns"));
    free(text);
    flujo_scenario_free(s);
    free(html);
}

/* In Spanish: the headings, the legal words and the rule keywords of the plazo are translated. */
static void test_html_spanish(void **state)
{
    (void)state;
    assert_true(flujo_i18n_init(LOCALEDIR, "es"));
    const char *paths[] = {LICENCIA};
    char *html = html_report(paths, 1, 2);
    flujo_i18n_init(LOCALEDIR, "en");
    assert_true(strncmp(html, "<!DOCTYPE html>\n<html lang=\"es\">", 31) == 0);
    assert_contains(html, "Dónde esperan los expedientes");
    assert_contains(html, "Cuellos de botella");
    assert_contains(html, "riesgo en [bajo, medio]");
    assert_contains(html, "otros casos");
    assert_null(strstr(html, "Where expedientes wait"));
    assert_null(strstr(html, "Bottlenecks"));
    assert_svgs_are_xml(html);
    free(html);
}

/* Several scenarios: the comparison table names each; the same page for any thread count. */
static void test_html_comparison_and_threads(void **state)
{
    (void)state;
    flujo_i18n_init(LOCALEDIR, "en");
    const char *paths[] = {LICENCIA, "models/licencia_funcionamiento/firma_delegada.yaml"};
    char *one = html_report(paths, 2, 1);
    char *four = html_report(paths, 2, 4);
    assert_string_equal(one, four);
    assert_contains(one, "Comparison of redesigns");
    assert_contains(one, "Licencia de funcionamiento — firma delegada");
    assert_self_contained(one);
    assert_svgs_are_xml(one);
    free(one);
    free(four);
}

/* A model without diagram coordinates gets a drawing all the same (the automatic layout). */
static void test_html_without_di(void **state)
{
    (void)state;
    flujo_i18n_init(LOCALEDIR, "en");
    const char *paths[] = {LINEA};
    char *html = html_report(paths, 1, 1);
    char *text = diagram_text(html);
    assert_contains(text, "Registrar");
    assert_contains(text, "Evaluar");
    assert_contains(text, "Firmar");
    assert_svgs_are_xml(html);
    free(text);
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xes_exact_times),
        cmocka_unit_test(test_xes_milliseconds),
        cmocka_unit_test(test_xes_unfinished_cases),
        cmocka_unit_test(test_xes_licence_model),
        cmocka_unit_test(test_html_licence_model),
        cmocka_unit_test(test_html_spanish),
        cmocka_unit_test(test_html_comparison_and_threads),
        cmocka_unit_test(test_html_without_di),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
