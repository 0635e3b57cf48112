/* test_record.c - recorder/replay round trip, torn lines, and the JSON writer. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "invtop/jsonw.h"
#include "invtop/record.h"

static void round_trip_and_torn_line(void **state)
{
    (void)state;
    char path[] = "/tmp/invtop-test-recXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    recorder r;
    assert_int_equal(recorder_open(&r, path), 0);
    const char *body1 = "{\"sym\":\"A\",\n\"mid\":1}";
    assert_int_equal(recorder_write(&r, 1700000000.125, "px.A", 4, body1, strlen(body1)), 0);
    const char *body2 = "{\"sym\":\"B\",\"qty\":-2,\"nested\":{\"x\":[1,2]}}";
    assert_int_equal(recorder_write(&r, 1700000001.5, "odd \"topic\"", 11, body2, strlen(body2)), 0);
    assert_int_equal(recorder_close(&r), 0);
    /* a crash mid-write leaves a torn last line */
    FILE *fp = fopen(path, "a");
    assert_non_null(fp);
    fputs("{\"t\":1700000002,\"topic\":\"px.C\",\"body\":{\"sym\":\"C\",\"mi", fp);
    fclose(fp);

    replay rp;
    replay_msg m;
    assert_int_equal(replay_open(&rp, path), 0);
    assert_int_equal(replay_next(&rp, &m), 1);
    assert_true(m.t == 1700000000.125);
    assert_int_equal(m.topic_len, 4);
    assert_memory_equal(m.topic, "px.A", 4);
    assert_int_equal(m.body_len, strlen(body1));
    assert_memory_equal(m.body, "{\"sym\":\"A\", \"mid\":1}", m.body_len); /* newline -> space */
    assert_int_equal(replay_next(&rp, &m), 1);
    assert_true(m.t == 1700000001.5);
    assert_memory_equal(m.topic, "odd \"topic\"", 11);
    assert_memory_equal(m.body, body2, strlen(body2));
    assert_int_equal(replay_next(&rp, &m), 0);
    assert_int_equal(rp.bad_lines, 1);
    replay_close(&rp);
    unlink(path);
    assert_int_equal(replay_open(&rp, "/nonexistent/x"), -1);
    replay_close(&rp);
}

static void json_writer(void **state)
{
    (void)state;
    jw w = {0};
    jw_obj_begin(&w);
    jw_kstr(&w, "s", "a\"b\\c\n\x01");
    jw_knum(&w, "n", 0.1);
    jw_knum(&w, "nan", NAN);
    jw_key(&w, "f");
    jw_fixed(&w, -0.0001, 2);
    jw_key(&w, "a");
    jw_arr_begin(&w);
    jw_int(&w, -3);
    jw_bool(&w, true);
    jw_null(&w);
    jw_obj_begin(&w);
    jw_obj_end(&w);
    jw_arr_end(&w);
    jw_obj_end(&w);
    assert_true(jw_ok(&w));
    assert_string_equal(w.buf, "{\"s\":\"a\\\"b\\\\c\\u000a\\u0001\",\"n\":0.1,\"nan\":null,"
                               "\"f\":0.00,\"a\":[-3,true,null,{}]}");
    jw_reset(&w);
    jw_obj_end(&w); /* unbalanced: flagged, not a crash */
    assert_false(jw_ok(&w));
    jw_reset(&w);
    for (int i = 0; i < JW_MAX_DEPTH + 2; i++)
        jw_arr_begin(&w);
    assert_false(jw_ok(&w));
    jw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_and_torn_line),
        cmocka_unit_test(json_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
