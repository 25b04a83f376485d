/* test_util.c - strings, the hash map, file reading, error buffers and diagnostic lists. */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_error.h"
#include "test_helpers.h"

static void strmap__many_keys__all_found_after_rehashing(void **state)
{
    flujo_strmap_t m;
    char key[32];
    int64_t v;
    (void)state;
    flujo_strmap_init(&m);
    assert_false(flujo_strmap_get(&m, "x", &v)); /* empty map */
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof(key), "sid-%d", i);
        assert_true(flujo_strmap_put(&m, key, i, NULL));
    }
    assert_int_equal(m.n, 5000);
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof(key), "sid-%d", i);
        assert_true(flujo_strmap_get(&m, key, &v));
        assert_int_equal(v, i);
    }
    assert_false(flujo_strmap_get(&m, "sid-5000", &v));
    flujo_strmap_destroy(&m);
}

static void strmap__duplicate_key__kept_and_old_value_returned(void **state)
{
    flujo_strmap_t m;
    int64_t old = 0, v = 0;
    (void)state;
    flujo_strmap_init(&m);
    assert_true(flujo_strmap_put(&m, "Mesa de Partes", 7, NULL));
    assert_false(flujo_strmap_put(&m, "Mesa de Partes", 9, &old));
    assert_int_equal(old, 7);
    assert_true(flujo_strmap_get(&m, "Mesa de Partes", &v));
    assert_int_equal(v, 7);
    flujo_strmap_destroy(&m);
}

static void squeeze__multi_line_label__single_spaces_trimmed(void **state)
{
    (void)state;
    char *s = flujo_strdup_squeeze("  Verificar\n\t requisitos \r\n del  TUPA ");
    assert_string_equal(s, "Verificar requisitos del TUPA");
    free(s);
    s = flujo_strdup_squeeze(" \n ");
    assert_string_equal(s, "");
    free(s);
    assert_null(flujo_strdup_squeeze(NULL));
}

static void sbuf__printf_and_take__concatenates(void **state)
{
    flujo_sbuf_t b;
    (void)state;
    flujo_sbuf_init(&b);
    char *empty = flujo_sbuf_take(&b);
    assert_string_equal(empty, "");
    free(empty);
    for (int i = 0; i < 1000; i++) {
        flujo_sbuf_printf(&b, "%d,", i % 10);
    }
    flujo_sbuf_add(&b, "fin");
    assert_int_equal(b.len, 2003);
    char *s = flujo_sbuf_take(&b);
    assert_int_equal(strncmp(s, "0,1,2,", 6), 0);
    assert_string_equal(s + 2000, "fin");
    assert_null(b.s);
    free(s);
}

static void err_set__control_characters__one_line_without_trailing_space(void **state)
{
    flujo_err_t err = {0};
    (void)state;
    assert_int_equal(flujo_err_set(&err, FLUJO_EPARSE, "a\nb\tc %s", "d\n"), FLUJO_EPARSE);
    assert_string_equal(err.msg, "a b c d");
    assert_int_equal(err.status, FLUJO_EPARSE);
    assert_int_equal(flujo_err_set(NULL, FLUJO_EIO, "ignored"), FLUJO_EIO);
}

static void diags__add_and_count__by_severity(void **state)
{
    flujo_diags_t d;
    (void)state;
    flujo_diags_init(&d);
    for (int i = 0; i < 20; i++) {
        flujo_diags_add(&d, i % 3 == 0 ? FLUJO_SEV_ERROR : FLUJO_SEV_WARNING, "code", NULL, i,
                        "finding %d\nsecond line", i);
    }
    assert_int_equal(d.n, 20);
    assert_int_equal(flujo_diags_count(&d, FLUJO_SEV_ERROR), 7);
    assert_int_equal(flujo_diags_count(&d, FLUJO_SEV_WARNING), 13);
    assert_string_equal(d.items[19].message, "finding 19 second line");
    assert_null(d.items[0].id);
    flujo_diags_destroy(&d);
    assert_int_equal(d.n, 0);
}

static void read_file__over_limit__elimit_and_nothing_returned(void **state)
{
    char *buf = (char *)0x1;
    size_t len = 42;
    flujo_err_t err = {0};
    (void)state;
    assert_int_equal(flujo_read_file(FIXTURES "/full.bpmn", 100, &buf, &len, &err), FLUJO_ELIMIT);
    assert_ptr_equal(buf, (char *)0x1);
    assert_int_equal(len, 42);
    assert_contains(err.msg, "full.bpmn: file is larger than the limit");
    assert_int_equal(flujo_read_file(FIXTURES "/minimal.bpmn", 1 << 20, &buf, &len, &err),
                     FLUJO_OK);
    assert_int_equal(strlen(buf), len);
    assert_int_equal(strncmp(buf, "<?xml", 5), 0);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strmap__many_keys__all_found_after_rehashing),
        cmocka_unit_test(strmap__duplicate_key__kept_and_old_value_returned),
        cmocka_unit_test(squeeze__multi_line_label__single_spaces_trimmed),
        cmocka_unit_test(sbuf__printf_and_take__concatenates),
        cmocka_unit_test(err_set__control_characters__one_line_without_trailing_space),
        cmocka_unit_test(diags__add_and_count__by_severity),
        cmocka_unit_test(read_file__over_limit__elimit_and_nothing_returned),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
