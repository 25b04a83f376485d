/* fuzz_dist.c - the distribution and duration parsers on any text, and a few draws of what they
 * accept (finite, never negative). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flujo_dist.h"
#include "random/random_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) {
        return 0;
    }
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    flujo_dist_t d;
    flujo_err_t err = {0};
    if (flujo_dist_parse(text, &d, &err) == FLUJO_OK) {
        flujo_rng_t *r = flujo_rng_new(1, 1, 1);
        for (int i = 0; i < 16; i++) {
            double x = flujo_dist_sample(&d, r);
            if (!(x >= 0) || isinf(x)) {
                abort(); /* a duration is finite and never negative */
            }
        }
        (void)flujo_dist_mean(&d);
        flujo_rng_free(r);
        flujo_dist_destroy(&d);
    }
    double s;
    flujo_clock_t c;
    (void)flujo_parse_duration(text, &s, &c, &err);
    free(text);
    return 0;
}
