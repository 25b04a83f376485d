/* fuzz_bpmn.c - the BPMN reader on any bytes, then what `flujo check`, `flujo graph` and
 * `flujo layout` do with a model it accepts: the structural checks, the DOT and GraphML writers,
 * the automatic layout and the writing of the laid-out file, which must succeed and read back. */
#include <stdint.h>
#include <stdio.h>

#include "flujo_bpmn.h"
#include "flujo_model.h"
#include "flujo_report.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL) {
        abort();
    }
    const char *path = fuzz_write("in.bpmn", data, size);
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    if (flujo_bpmn_read(path, &m, &err) != FLUJO_OK) {
        return 0;
    }
    flujo_diags_t d;
    flujo_diags_init(&d);
    flujo_cycle_t *cycles = NULL;
    size_t n = 0;
    if (flujo_model_check(m, &d, &cycles, &n, &err) == FLUJO_OK) {
        flujo_model_cycles_free(cycles, n);
    }
    flujo_diags_destroy(&d);
    (void)flujo_report_graph_dot(sink, m, &err);
    (void)flujo_report_graph_graphml(sink, m, &err);
    flujo_layout_t lay;
    if (flujo_model_layout(m, &lay, &err) == FLUJO_OK) {
        /* what flujo layout writes of a model it read, it reads again */
        char out[256];
        snprintf(out, sizeof(out), "%s/out.bpmn", fuzz_dir());
        FILE *f = fopen(out, "w");
        if (f == NULL || flujo_bpmn_write_layout(path, m, &lay, f, &err) != FLUJO_OK ||
            fclose(f) != 0) {
            abort();
        }
        flujo_layout_destroy(&lay);
        flujo_model_t *back = NULL;
        if (flujo_bpmn_read(out, &back, &err) != FLUJO_OK) {
            abort();
        }
        flujo_model_free(back);
    }
    flujo_model_free(m);
    return 0;
}
