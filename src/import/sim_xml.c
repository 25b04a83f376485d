/* sim_xml.c - the XML helpers of the readers of simulation parameters inside BPMN files (BPSim,
 * QBP): elements by namespace and name wherever they are, attributes, ids, and messages naming
 * the element's line. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "flujo_dist.h"
#include "import/bpmn_sim_int.h"

static bool in_ns(xmlNodePtr n, const char *ns)
{
    return n->ns != NULL && n->ns->href != NULL && strcmp((const char *)n->ns->href, ns) == 0;
}

bool flujo__sim_is_el(xmlNodePtr n, const char *ns, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
           (ns == NULL || in_ns(n, ns));
}

long flujo__sim_line_of(xmlNodePtr n)
{
    return n != NULL ? xmlGetLineNo(n) : 0;
}

xmlNodePtr flujo__sim_find(xmlNodePtr n, const char *ns, const char *name, bool last)
{
    xmlNodePtr found = NULL;
    for (; n != NULL; n = n->next) {
        if (flujo__sim_is_el(n, ns, name)) {
            if (!last) {
                return n;
            }
            found = n;
        }
        if (n->type == XML_ELEMENT_NODE) {
            xmlNodePtr f = flujo__sim_find(n->children, ns, name, last);
            if (f != NULL) {
                if (!last) {
                    return f;
                }
                found = f;
            }
        }
    }
    return found;
}

xmlNodePtr flujo__sim_child(xmlNodePtr n, const char *ns, const char *name)
{
    for (xmlNodePtr c = n != NULL ? n->children : NULL; c != NULL; c = c->next) {
        if (flujo__sim_is_el(c, ns, name)) {
            return c;
        }
    }
    return NULL;
}

char *flujo__sim_prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (v == NULL) {
        return NULL;
    }
    char *s = flujo_xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

bool flujo__sim_num_prop(xmlNodePtr n, const char *name, double *out)
{
    char *v = flujo__sim_prop(n, name);
    bool ok = v != NULL && flujo_parse_number(v, out) && isfinite(*out);
    free(v);
    return ok;
}

flujo_status_t flujo__sim_fail(flujo__sim_ctx_t *c, xmlNodePtr n, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return flujo__imp_fail(c->err, c->file, flujo__sim_line_of(n), "%s", msg);
}

void flujo__sim_note(flujo__sim_ctx_t *c, xmlNodePtr n, const char *code, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, code, NULL, c->file, flujo__sim_line_of(n), "%s",
                       msg);
}

xmlNodePtr flujo__sim_by_id(xmlNodePtr n, const char *id)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (in_ns(n, FLUJO__NS_MODEL)) {
            xmlChar *v = xmlGetProp(n, (const xmlChar *)"id");
            bool hit = v != NULL && strcmp((const char *)v, id) == 0;
            xmlFree(v);
            if (hit) {
                return n;
            }
        }
        xmlNodePtr f = flujo__sim_by_id(n->children, id);
        if (f != NULL) {
            return f;
        }
    }
    return NULL;
}

bool flujo__sim_name_ends(xmlNodePtr n, const char *suffix)
{
    size_t a = strlen((const char *)n->name), b = strlen(suffix);
    return a >= b && strcmp((const char *)n->name + a - b, suffix) == 0;
}
