/* bpmn_sim.c - the simulation parameters some modelling tools keep inside the BPMN file, as a
 * flujo scenario tree: BPSim 1.0 and 2.0 (the WfMC standard: Signavio, Trisotech, Cardanit,
 * Sparx, jBPM) and QBP (BIMP, Apromore, Simod before Prosimos).
 *
 * Real exports bend their schemas (elements out of order, calendars elsewhere, probabilities as
 * percentages): elements are found by namespace and local name wherever they are, and what is
 * unambiguous is read; the rest is refused naming the element, or left out with a note.
 *
 * This file finds which of them a file has and runs its reader (bpsim.c, qbp.c); both turn
 * the flows' probabilities into gateways here. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "flujo_calendar.h"
#include "flujo_dist.h"
#include "import/bpmn_sim_int.h"

/* ---- gateways from flow probabilities -------------------------------------------------------- */

void flujo__sim_flow_weight(flujo__sim_ctx_t *c, xmlNodePtr at, const char *flow, double p)
{
    xmlNodePtr f = flujo__sim_by_id(c->root, flow);
    char *src = f != NULL && flujo__sim_is_el(f, FLUJO__NS_MODEL, "sequenceFlow")
                    ? flujo__sim_prop(f, "sourceRef")
                    : NULL;
    xmlNodePtr g = src != NULL ? flujo__sim_by_id(c->root, src) : NULL;
    if (g == NULL || !flujo__sim_name_ends(g, "Gateway")) {
        flujo__sim_note(
            c, at, "ignored-probability",
            "the probability of flow '%s' is left out: the flow does not leave a gateway", flow);
        free(src);
        return;
    }
    if (c->gateways == NULL) {
        c->gateways = flujo__yaml_new_map(c->file, flujo__sim_line_of(at));
    }
    flujo__ynode_t *gm = flujo__yaml_get(c->gateways, src);
    if (gm == NULL) {
        gm = flujo__yaml_new_map(c->file, flujo__sim_line_of(at));
        flujo__yaml_map_add(c->gateways, src, flujo__sim_line_of(at), gm);
    }
    flujo__yaml_map_add(gm, flow, flujo__sim_line_of(at),
                        flujo__imp_scalarf(c->file, flujo__sim_line_of(at), "%.17g", p));
    free(src);
}

/* Turns each gateway's weights into probabilities adding up to 1. */
static flujo_status_t normalise_gateways(flujo__sim_ctx_t *c)
{
    for (size_t i = 0; c->gateways != NULL && i < c->gateways->n; i++) {
        flujo__ynode_t *gm = c->gateways->items[i];
        double sum = 0, v;
        for (size_t k = 0; k < gm->n; k++) {
            flujo_parse_number(gm->items[k]->value, &v);
            sum += v;
        }
        if (!(sum > 0)) {
            return flujo__imp_fail(c->err, c->file, gm->line,
                                   "the probabilities of the flows leaving gateway '%s' add up "
                                   "to 0",
                                   c->gateways->keys[i]);
        }
        if (fabs(sum - 1) > 1e-6) {
            flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, "normalised", c->gateways->keys[i],
                               c->file, gm->line,
                               "the probabilities of the flows leaving gateway '%s' add up to "
                               "%.6g: divided by it",
                               c->gateways->keys[i], sum);
        }
        for (size_t k = 0; k < gm->n; k++) {
            flujo_parse_number(gm->items[k]->value, &v);
            free(gm->items[k]->value);
            char buf[64];
            snprintf(buf, sizeof(buf), "%.17g", v / sum);
            gm->items[k]->value = flujo_xstrdup(buf);
        }
    }
    return FLUJO_OK;
}

bool flujo__sim_start_text(const char *v, char *buf, size_t n)
{
    if (v == NULL || strlen(v) < 10) {
        return false;
    }
    size_t len = 10;
    if (v[10] == 'T' || v[10] == ' ') {
        len = 11;
        while (v[len] != '\0' && (isdigit((unsigned char)v[len]) || v[len] == ':') && len < 19) {
            len++;
        }
    }
    if (len >= n) {
        return false;
    }
    memcpy(buf, v, len);
    buf[len] = '\0';
    if (buf[10] == ' ') {
        buf[10] = 'T';
    }
    long day;
    double sec;
    return flujo_parse_datetime(buf, &day, &sec);
}

/* ---- the file ------------------------------------------------------------------------------- */

flujo_status_t flujo__bpmn_sim_tree(const char *path, const char *file, flujo__ynode_t **out,
                                    flujo_diags_t *notes, flujo_err_t *err)
{
    *out = NULL;
    xmlDocPtr doc = NULL;
    flujo_status_t st = flujo__bpmn_parse_file(path, &doc, err);
    if (st != FLUJO_OK) {
        /* the model reader reports it the same way, with the rest of its checks */
        return FLUJO_OK;
    }
    flujo__sim_ctx_t c = {0};
    c.file = file;
    c.err = err;
    c.notes = notes;
    c.root = xmlDocGetRootElement(doc);
    xmlNodePtr data = flujo__sim_find(c.root, NS_BPSIM2, "BPSimData", false);
    c.ns = NS_BPSIM2;
    if (data == NULL) {
        data = flujo__sim_find(c.root, NS_BPSIM1, "BPSimData", false);
        c.ns = NS_BPSIM1;
    }
    xmlNodePtr info =
        data == NULL ? flujo__sim_find(c.root, NS_QBP, "processSimulationInfo", true) : NULL;
    if (data == NULL && info == NULL) {
        xmlFreeDoc(doc);
        return FLUJO_OK;
    }
    flujo__ynode_t *tree = flujo__yaml_new_map(file, 1);
    st = data != NULL ? flujo__bpsim(&c, data, tree) : flujo__qbp(&c, info, tree);
    if (st == FLUJO_OK) {
        st = normalise_gateways(&c);
    }
    if (st == FLUJO_OK && c.gateways != NULL) {
        flujo__yaml_map_add(tree, "gateways", c.gateways->line, c.gateways);
        c.gateways = NULL;
    }
    flujo__yaml_free(c.gateways);
    xmlFreeDoc(doc);
    if (st != FLUJO_OK) {
        flujo__yaml_free(tree);
        return st;
    }
    flujo_diags_add_in(notes, FLUJO_SEV_NOTE, "imported", NULL, file, 0,
                       "simulation parameters read from the model's %s data",
                       data != NULL ? "BPSim" : "QBP");
    *out = tree;
    return FLUJO_OK;
}
