/* user.c - who this process acts for (see user.h). */
#include "invtop/user.h"

#include <assert.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

char *user_name(const char *given, char *out, size_t cap)
{
    assert(out && cap > 0);
    const char *env = getenv("USER");
    const struct passwd *pw = NULL;
    if (given && given[0])
        snprintf(out, cap, "%s", given);
    else if (env && env[0])
        snprintf(out, cap, "%s", env);
    else if ((pw = getpwuid(getuid())) != NULL && pw->pw_name && pw->pw_name[0])
        snprintf(out, cap, "%s", pw->pw_name);
    else
        snprintf(out, cap, "uid:%lu", (unsigned long)getuid());
    return out;
}
