/* test_helpers.h - what the cmocka test programs share. */
#ifndef FLUJO_TEST_HELPERS_H
#define FLUJO_TEST_HELPERS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#ifndef FIXTURES
#define FIXTURES "tests/fixtures"
#endif
#ifndef SHARED
#define SHARED "../shared"
#endif

/* cmocka 1.1's assert_float_equal compares as float; doubles need their own check. */
#define assert_close(a, b, tol) assert_close_impl((a), (b), (tol), #a, __FILE__, __LINE__)

static inline void assert_close_impl(double a, double b, double tol, const char *expr,
                                     const char *file, int line)
{
    if (!(fabs(a - b) <= tol)) {
        print_error("%s = %.10g, expected %.10g +/- %.3g\n", expr, a, b, tol);
        _fail(file, line);
    }
}

/* True if haystack contains needle; for asserting on error messages. */
#define assert_contains(haystack, needle)                                                          \
    do {                                                                                           \
        const char *h_ = (haystack);                                                               \
        if (strstr(h_, (needle)) == NULL) {                                                        \
            print_error("'%s' does not contain '%s'\n", h_, (needle));                             \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

#endif
