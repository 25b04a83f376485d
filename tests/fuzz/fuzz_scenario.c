/* fuzz_scenario.c - the scenario reader on any text (a scenario of m.bpmn or p.bpmn in the fuzz
 * directory), then, for what it accepts, the capacity check and a short simulation bounded in
 * events: parameters that pass the reader must never crash or hang the engine. */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *sets[] = {"replications=2"};
    fuzz_simulate(fuzz_write("s.yaml", data, size), sets, 1);
    return 0;
}
