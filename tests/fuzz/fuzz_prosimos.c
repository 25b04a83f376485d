/* fuzz_prosimos.c - the Prosimos reader on any JSON, as parameters of the loan model (p.bpmn),
 * then the capacity check and a short simulation of what it accepts. */
#include <stdint.h>
#include <stdio.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char set[300], model[300];
    snprintf(set, sizeof(set), "params=%s", fuzz_write("p.json", data, size));
    snprintf(model, sizeof(model), "%s/p.bpmn", fuzz_dir());
    const char *sets[] = {set, "cases=50"};
    fuzz_simulate(model, sets, 2);
    return 0;
}
