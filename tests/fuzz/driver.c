/* driver.c - runs a libFuzzer harness over files without libFuzzer: `make test` (and `make asan`)
 * build each harness with this driver and feed it the regression inputs of tests/fuzz/regress/,
 * every input that once crashed a reader. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            perror(argv[i]);
            return 1;
        }
        uint8_t *buf = NULL;
        size_t len = 0, cap = 0;
        for (;;) {
            if (len == cap) {
                cap = cap ? 2 * cap : 65536;
                buf = realloc(buf, cap);
                if (buf == NULL) {
                    return 1;
                }
            }
            size_t got = fread(buf + len, 1, cap - len, f);
            if (got == 0) {
                break;
            }
            len += got;
        }
        fclose(f);
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
    }
    return 0;
}
