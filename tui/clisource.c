/* clisource.c - [source NAME] sections and --sources (see clisource.h). */
#include "tui/clisource.h"

#include <assert.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

int clisource_on_ini(srcmap **m, const char *section, const char *key, const char *value, char *err, size_t cap)
{
    assert(m && section && key && value && err && cap);
    const size_t n = sizeof CLISOURCE_SCOPE - 1;
    if (strncmp(section, CLISOURCE_SCOPE, n) != 0 || (section[n] != ' ' && section[n] != '\0'))
        return 0;
    if (section[n] == '\0' || !section[n + 1]) {
        snprintf(err, cap, "[%s] needs a name: [source NAME]", section);
        return 1;
    }
    if (!*m && !(*m = srcmap_new())) {
        snprintf(err, cap, "[%s]: out of memory", section);
        return 1;
    }
    char why[300];
    if (srcmap_set(*m, section + n + 1, key, value, why, sizeof why) != 0)
        snprintf(err, cap, "%s = %s in [%s]: %s", key, value, section, why);
    return 1;
}

static bool names_file(const char *arg)
{
    const size_t n = strlen(arg);
    return strchr(arg, '/') || (n > 4 && !strcmp(arg + n - 4, ".ini"));
}

/* The directory of the running program, or "" when /proc cannot say. */
static void program_dir(char *dir, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", dir, cap - 1);
    dir[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        dir[0] = '\0';
}

int clisource_find(const char *arg, char *path, size_t cap)
{
    assert(arg && path && cap);
    if (names_file(arg)) {
        snprintf(path, cap, "%s", arg);
        return access(path, R_OK) == 0 ? 0 : -1;
    }
    char dir[PATH_MAX];
    program_dir(dir, sizeof dir);
    /* a checkout's build/ and build/san/ (SANITIZE=1), then an installed tree */
    static const char *const places[] = {"%s/../sources/%s.ini", "%s/../../sources/%s.ini",
                                         "%s/../share/invtop/sources/%s.ini"};
    for (size_t k = 0; k < sizeof places / sizeof *places; k++) {
        snprintf(path, cap, places[k], dir, arg);
        if (access(path, R_OK) == 0)
            return 0;
    }
    snprintf(path, cap, "%s.ini in %s/../sources, %s/../../sources and %s/../share/invtop/sources", arg, dir, dir,
             dir);
    return -1;
}

typedef struct {
    srcmap **m;
    char err[400];
} load_ctx;

/* inih's handler: only [source NAME] sections; 0 stops at this line. */
static int on_line(void *user, const char *section, const char *key, const char *value)
{
    load_ctx *c = user;
    if (clisource_on_ini(c->m, section, key, value, c->err, sizeof c->err))
        return !c->err[0];
    snprintf(c->err, sizeof c->err, "[%s] is not a [source NAME] section (a mapping file holds only those)",
             section);
    return 0;
}

int clisource_load(srcmap **m, const char *arg, char *err, size_t cap)
{
    assert(m && arg && err && cap);
    char path[PATH_MAX * 2 + 64];
    if (clisource_find(arg, path, sizeof path) != 0) {
        if (names_file(arg))
            snprintf(err, cap, "cannot be read: %s", strerror(errno));
        else
            snprintf(err, cap, "is no shipped mapping: no %s", path);
        return -1;
    }
    load_ctx c = {m, ""};
    const int line = ini_parse(path, on_line, &c);
    if (line < 0) {
        snprintf(err, cap, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    if (line > 0 || c.err[0]) {
        snprintf(err, cap, "%s:%d: %s", path, line, c.err[0] ? c.err : "not an INI line");
        return -1;
    }
    return 0;
}

void clisource_print_config(const srcmap *m, FILE *out)
{
    if (m)
        srcmap_print(m, out);
}

int clisource_row_parse(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    (void)obj;
    (void)arg;
    snprintf(err, errlen, "is a mapping key: it goes to [source NAME]");
    return -1;
}

void clisource_row_format(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    (void)r;
    (void)obj;
    if (cap)
        buf[0] = '\0';
}
