/* xml.c - the XML accessors the BPMN reader and writer share: elements by namespace and local
 * name, lines, attributes and text content. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "bpmn/reader_int.h"

bool flujo__bpmn_in_ns(xmlNodePtr el, const char *ns)
{
    return el->type == XML_ELEMENT_NODE && el->ns != NULL && el->ns->href != NULL &&
           strcmp((const char *)el->ns->href, ns) == 0;
}

bool flujo__bpmn_is_el(xmlNodePtr el, const char *ns, const char *local)
{
    return flujo__bpmn_in_ns(el, ns) && strcmp((const char *)el->name, local) == 0;
}

long flujo__bpmn_line_of(xmlNodePtr el)
{
    return xmlGetLineNo(el);
}

char *flujo__bpmn_get_attr(xmlNodePtr el, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)name);
    if (v == NULL) {
        return NULL;
    }
    char *s = flujo_xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

bool flujo__bpmn_get_bool(xmlNodePtr el, const char *name, bool dflt)
{
    char *v = flujo__bpmn_get_attr(el, name);
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

char *flujo__bpmn_get_text(xmlNodePtr el)
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
