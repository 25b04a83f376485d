/* sys.c - what flujo asks of the system: whole files read safely, the monotonic clock. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base_int.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

flujo_status_t flujo_read_file(const char *path, size_t max_bytes, char **buf, size_t *len,
                               flujo_err_t *err)
{
    /* Non-blocking open: a named pipe nobody writes to reads as empty instead of hanging. */
    struct stat sb;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return flujo_err_set(err, FLUJO_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    const char *what = NULL;
    if (fstat(fd, &sb) != 0) {
        what = strerror(errno);
    } else if (S_ISDIR(sb.st_mode)) {
        what = "is a directory, not a file";
    } else if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode)) {
        what = "is a device, not a file"; /* /dev/zero, /dev/urandom, a terminal: never ends */
    } else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
        what = strerror(errno);
    }
    FILE *f = what == NULL ? fdopen(fd, "rb") : NULL;
    if (f == NULL) {
        close(fd);
        return flujo_err_set(err, FLUJO_EIO, "%s: %s", path, what != NULL ? what : strerror(errno));
    }
    flujo_sbuf_t b;
    char chunk[65536];
    size_t n;
    flujo_sbuf_init(&b);
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (b.len + n > max_bytes) {
            flujo_sbuf_destroy(&b);
            fclose(f);
            return flujo_err_set(err, FLUJO_ELIMIT, "%s: file is larger than the limit of %zu MiB",
                                 path, max_bytes >> 20);
        }
        flujo_sbuf_addn(&b, chunk, n);
    }
    if (ferror(f)) {
        int e = errno;
        flujo_sbuf_destroy(&b);
        fclose(f);
        return flujo_err_set(err, FLUJO_EIO, "%s: cannot read: %s", path, strerror(e));
    }
    fclose(f);
    *len = b.len;
    *buf = flujo_sbuf_take(&b);
    return FLUJO_OK;
}

double flujo_monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
