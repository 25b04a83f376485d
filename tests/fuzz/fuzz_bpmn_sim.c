/* fuzz_bpmn_sim.c - a BPMN model with BPSim or QBP data, run as it is: the model reader, the
 * BPSim and QBP readers, and the capacity check and a short simulation of what they accept. */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *sets[] = {"replications=2"};
    fuzz_simulate(fuzz_write("sim.bpmn", data, size), sets, 1);
    return 0;
}
