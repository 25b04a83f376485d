/* parse.c - the safe XML parse of a BPMN file: empty, binary and oversized files refused before
 * parsing, no network, no entity declarations and no external DTD, nothing read but the file,
 * and libxml2's errors turned into one line naming the file and line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "bpmn/reader_int.h"
#include "flujo_bpmn.h"

/* State of the SAX hooks that refuse entity declarations and external DTDs. */
typedef struct entity_guard {
    bool refused;   /* an entity declaration was seen */
    bool external;  /* a DOCTYPE naming an external DTD was seen */
    long line;      /* its line */
    char name[128]; /* the entity's name, or the DTD's system id */
} entity_guard_t;

/* Called for <!DOCTYPE ...>. An external DTD is never loaded (no DTDLOAD), but a document that
 * names one may use entities it would declare, which would silently vanish from the names: such
 * a file is refused. */
static void refuse_external_dtd(void *ctx, const xmlChar *name, const xmlChar *external_id,
                                const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    entity_guard_t *g = ctxt->_private;
    if (external_id == NULL && system_id == NULL) {
        xmlSAX2InternalSubset(ctx, name, external_id, system_id);
        return;
    }
    if (!g->refused && !g->external) {
        g->external = true;
        g->line = xmlSAX2GetLineNumber(ctxt);
        snprintf(g->name, sizeof(g->name), "%s",
                 (const char *)(system_id != NULL ? system_id : external_id));
    }
    xmlStopParser(ctxt);
}

/* Called by the parser for every <!ENTITY ...> of a DOCTYPE. BPMN files never declare entities;
 * refusing them up front rules out entity expansion bombs and external entities (a SYSTEM entity
 * naming /etc/passwd is never opened), whatever the parser's own limits are. */
static void refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                          const xmlChar *system_id, xmlChar *content)
{
    xmlParserCtxtPtr ctxt = ctx;
    entity_guard_t *g = ctxt->_private;
    (void)type;
    (void)public_id;
    (void)system_id;
    (void)content;
    if (!g->refused && !g->external) {
        g->refused = true;
        g->line = xmlSAX2GetLineNumber(ctxt);
        snprintf(g->name, sizeof(g->name), "%s", (const char *)name);
    }
    xmlStopParser(ctxt);
}

/* NUL bytes near the start of a file without a UTF-16/32 byte order mark or "<" next to a NUL
 * (how libxml2 recognises UTF-16 without a mark) mean an image, an archive or similar. */
static bool looks_binary(const char *buf, size_t len)
{
    const unsigned char *u = (const unsigned char *)buf;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF) ||
                     (u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == '<'))) {
        return false;
    }
    if (len >= 4 && u[0] == 0 && u[1] == 0 && (u[2] == 0xFE || u[2] == '<' || u[3] == '<')) {
        return false;
    }
    return memchr(buf, 0, len < 4096 ? len : 4096) != NULL;
}

void flujo__bpmn_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Parses buf as XML in the encoding its declaration names (UTF-8 by default), refusing
 * entity declarations and external DTDs. A file that says UTF-8 but is not (Windows tools write
 * windows-1252 and call it UTF-8) is refused naming the line and the bytes, with the fix. */
static flujo_status_t parse(const char *buf, size_t len, const char *name, xmlDocPtr *out,
                            flujo_err_t *err)
{
    entity_guard_t guard = {0};
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        return flujo_err_set(err, FLUJO_EPARSE, "%s: cannot create an XML parser", name);
    }
    ctxt->sax->entityDecl = refuse_entity;
    ctxt->sax->internalSubset = refuse_external_dtd;
    ctxt->_private = &guard;
    /* NONET: never fetch anything; no NOENT, DTDLOAD or XINCLUDE: nothing but this file is read.
     * BIG_LINES: line numbers above 65535 stay right. */
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    /* Encoding converters report through the generic handler, which prints: silence it here
     * (the error still reaches the context, read below). */
    xmlGenericErrorFunc old = xmlGenericError;
    void *old_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, flujo__bpmn_quiet);
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL, opts);
    xmlSetGenericErrorFunc(old_ctx, old);
    flujo_status_t st = FLUJO_OK;
    if (guard.refused) {
        st = flujo_err_set(err, FLUJO_EPARSE,
                           "%s:%ld: the DOCTYPE declares entity '%s': entity declarations are not "
                           "allowed in BPMN files (nothing was expanded or read)",
                           name, guard.line, guard.name);
    } else if (guard.external) {
        st =
            flujo_err_set(err, FLUJO_EPARSE,
                          "%s:%ld: the DOCTYPE names an external DTD ('%s'): BPMN files have none, "
                          "and flujo reads nothing but the file it is given (nothing was read)",
                          name, guard.line, guard.name);
    } else if (doc == NULL || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        if (e != NULL && e->code == XML_ERR_INTERNAL_ERROR && e->message != NULL &&
            strstr(e->message, "depth") != NULL) {
            /* libxml2's own limit, which suggests an option we do not offer */
            st = flujo_err_set(err, FLUJO_ELIMIT,
                               "%s:%d: elements nested more than %d levels deep: no modelling "
                               "tool writes that, the file is broken or hostile",
                               name, e->line, e->int1);
        } else if (e != NULL && e->message != NULL && strstr(e->message, "not proper UTF-8")) {
            const char *bytes = strstr(e->message, "Bytes: ");
            bytes = bytes != NULL ? bytes + 7 : "";
            int n = (int)strcspn(bytes, "\n");
            while (n > 0 && bytes[n - 1] == ' ') {
                n--;
            }
            st = flujo_err_set(err, FLUJO_EPARSE,
                               "%s:%d: the text is not UTF-8 (bytes %.*s): save the file as UTF-8, "
                               "or declare its encoding, e.g. <?xml version=\"1.0\" "
                               "encoding=\"windows-1252\"?>",
                               name, e->line, n, bytes);
        } else {
            /* libxml2 messages end with a newline; flujo_err_set turns it into a space */
            st = flujo_err_set(err, FLUJO_EPARSE, "%s:%d: not well-formed XML: %s", name,
                               e != NULL ? e->line : 0,
                               e != NULL && e->message != NULL ? e->message : "unknown error");
        }
    }
    if (st != FLUJO_OK) {
        xmlFreeDoc(doc);
    } else {
        *out = doc;
    }
    xmlFreeParserCtxt(ctxt);
    return st;
}

flujo_status_t flujo__bpmn_parse_checked(const char *buf, size_t len, const char *name,
                                         xmlDocPtr *out, flujo_err_t *err)
{
    if (len == 0) {
        return flujo_err_set(err, FLUJO_EPARSE, "%s:1: empty file, expected a BPMN 2.0 XML model",
                             name);
    }
    if (looks_binary(buf, len)) {
        return flujo_err_set(err, FLUJO_EPARSE,
                             "%s:1: binary data, not a text file: expected a BPMN 2.0 XML model",
                             name);
    }
    if (len > FLUJO_BPMN_MAX_BYTES || len > (size_t)INT32_MAX) {
        return flujo_err_set(err, FLUJO_ELIMIT, "%s: file is larger than the limit of %zu MiB",
                             name, FLUJO_BPMN_MAX_BYTES >> 20);
    }
    return parse(buf, len, name, out, err);
}

flujo_status_t flujo__bpmn_parse_file(const char *path, xmlDocPtr *out, flujo_err_t *err)
{
    char *buf;
    size_t len;
    flujo_status_t st = flujo_read_file(path, FLUJO_BPMN_MAX_BYTES, &buf, &len, err);
    if (st != FLUJO_OK) {
        return st;
    }
    st = flujo__bpmn_parse_checked(buf, len, path, out, err);
    free(buf);
    return st;
}
