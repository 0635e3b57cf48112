/* test_user.c - who a process acts for (feed/user.c): the one rule the
 * local engine and a remote viewer both use. */
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "invtop/user.h"

/* The name the password database gives the real uid, as the rule's last
 * resort before "uid:N". */
static const char *uid_name(char *out, size_t cap)
{
    const struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name && pw->pw_name[0])
        snprintf(out, cap, "%s", pw->pw_name);
    else
        snprintf(out, cap, "uid:%lu", (unsigned long)getuid());
    return out;
}

static void given_wins(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(setenv("USER", "alice", 1), 0);
    assert_ptr_equal(user_name("bob", out, sizeof out), out);
    assert_string_equal(out, "bob");
}

static void then_user(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(setenv("USER", "alice", 1), 0);
    assert_string_equal(user_name(NULL, out, sizeof out), "alice");
    assert_string_equal(user_name("", out, sizeof out), "alice"); /* --user "" is no name */
}

static void then_the_uid(void **state)
{
    (void)state;
    char out[64], want[64];
    assert_int_equal(unsetenv("USER"), 0);
    assert_string_equal(user_name(NULL, out, sizeof out), uid_name(want, sizeof want));
    assert_string_not_equal(out, "viewer"); /* the viewer's old fallback */
    assert_int_equal(setenv("USER", "", 1), 0); /* set but empty: no name either */
    assert_string_equal(user_name(NULL, out, sizeof out), want);
}

static void cut_to_fit(void **state)
{
    (void)state;
    char out[4];
    assert_string_equal(user_name("abcdef", out, sizeof out), "abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(given_wins),
        cmocka_unit_test(then_user),
        cmocka_unit_test(then_the_uid),
        cmocka_unit_test(cut_to_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
