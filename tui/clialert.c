/* clialert.c - [alert NAME] sections, the [alerts] options' company, and
 * what the command line prints of them (see clialert.h). */
#include "tui/clialert.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "invtop/book.h"
#include "invtop/numparse.h"

/* OT_CHOICE writes an int: the enums it writes must be one */
_Static_assert(sizeof(al_op) == sizeof(int) && sizeof(al_severity) == sizeof(int), "enums are ints");

const char *const clialert_ops[] = {">", ">=", "<", "<=", NULL};                 /* al_op */
const char *const clialert_severities[] = {"info", "warning", "critical", NULL}; /* al_severity */

#define RULE(obj) ((alrtcfg_rule *)(obj))
#define CRULE(obj) ((const alrtcfg_rule *)(obj))
#define AT(obj, off, T) ((T *)(void *)((char *)(obj) + (off)))
#define CAT(obj, off, T) ((const T *)(const void *)((const char *)(obj) + (off)))

/* ---- the keys' values ---- */

int clialert_parse_metric(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    if (alrt_metric_parse(arg) >= 0) {
        snprintf(RULE(obj)->metric, sizeof RULE(obj)->metric, "%s", arg);
        return 0;
    }
    size_t len = (size_t)snprintf(err, errlen, "is not a metric: one of");
    for (int m = 0; alrt_metric_name(m) && len < errlen; m++)
        len += (size_t)snprintf(err + len, errlen - len, "%s %s", m ? "," : "", alrt_metric_name(m));
    return -1;
}

void clialert_format_metric(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    (void)r;
    snprintf(buf, cap, "%s", CRULE(obj)->metric);
}

/* threshold, clear: any finite number (NAN until given) at r->off. */
int clialert_parse_number(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    double v;
    if (num_parse(arg, -DBL_MAX, DBL_MAX, false, &v) != 0) {
        snprintf(err, errlen, "is not a number");
        return -1;
    }
    *AT(obj, r->off, double) = v;
    return 0;
}

void clialert_format_number(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    double v = *CAT(obj, r->off, double);
    buf[0] = '\0';
    if (!isnan(v))
        snprintf(buf, cap, "%.15g", v);
}

/* scope, action_scope: an underlying, an instrument, a venue or a book, into
 * the char[EVENT_ID_MAX] at r->off. */
int clialert_parse_scope(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    if (!book_id_ok(arg)) {
        snprintf(err, errlen, "is not an underlying, an instrument (SYM or SYM@VENUE), a venue or a book: "
                              "letters, digits and . _ : / -, 1 to %d of them (each side of an @)",
                 EVENT_SYM_MAX - 1);
        return -1;
    }
    snprintf(AT(obj, r->off, char), EVENT_ID_MAX, "%s", arg);
    return 0;
}

void clialert_format_scope(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", CAT(obj, r->off, char));
}

int clialert_parse_action(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    if (alrtcfg_parse_action(arg, RULE(obj)) == 0)
        return 0;
    snprintf(err, errlen, "is not an action: widen:F (or widen F, or widen with factor = F; F from 1e-06 to "
                          "1000000), pause, kill, hedge or none");
    return -1;
}

/* widen:F carries its factor; the others nothing ("" for none). */
void clialert_format_action(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    (void)r;
    alrtcfg_format_action(CRULE(obj), buf, cap);
}

/* factor = F: as widen:F's F, whatever the action (the action may come after
 * it). */
int clialert_parse_factor(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    double f;
    if (num_parse(arg, 1e-6, 1e6, false, &f) != 0) {
        snprintf(err, errlen, "is not a factor: a number from 1e-06 to 1000000");
        return -1;
    }
    RULE(obj)->factor = f;
    return 0;
}

/* Printed only when action does not say it already (widen:F). */
void clialert_format_factor(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    (void)r;
    const alrtcfg_rule *a = CRULE(obj);
    buf[0] = '\0';
    if (!isnan(a->factor) && a->action != ALRT_ACT_WIDEN)
        snprintf(buf, cap, "%.15g", a->factor);
}

/* ---- the sections ---- */

/* A rule's name: 1 to ALRT_NAME_MAX - 1 letters, digits, '.', '_' or '-'
 * (it names the user of its actions, alert:NAME, and --set's "alert
 * NAME:KEY=V" ends it at the first ':'). */
static bool name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= ALRT_NAME_MAX)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '.' ||
              *s == '_' || *s == '-'))
            return false;
    return true;
}

int clialert_on_ini(alrtcfg *a, const char *section, const char *key, const char *value, char *err, size_t cap)
{
    static const char scope[] = "alert";
    const size_t n = sizeof scope - 1;
    if (!strcmp(section, scope)) {
        snprintf(err, cap, "[%s] needs a name: [alert NAME]", section);
        return 1;
    }
    if (strncmp(section, scope, n) != 0 || section[n] != ' ')
        return 0;
    const char *name = section + n + 1;
    const ot_prog *p = cli_prog();
    const ot_row *r = ot_find_key(p->keys, p->nkeys, scope, key);
    size_t k = 0;
    while (k < a->n && strcmp(a->rule[k].name, name) != 0)
        k++;
    alrtcfg_rule fresh = alrtcfg_rule_new(name); /* a new rule goes in only once its first key is good */
    char why[400];
    if (!r)
        snprintf(err, cap, "unknown key '%s' in [%s]", key, section);
    else if (!name_ok(name))
        snprintf(err, cap, "[%s]: an alert's name is 1 to %d letters, digits, '.', '_' or '-'", section,
                 ALRT_NAME_MAX - 1);
    else if (k == ALRT_MAX)
        snprintf(err, cap, "[%s]: too many alert rules: at most %d", section, ALRT_MAX);
    else if (ot_set(r, k < a->n ? &a->rule[k] : &fresh, value, why, sizeof why) != 0)
        snprintf(err, cap, "%s = %s in [%s] %s", key, value, section, why);
    else if (k == a->n)
        a->rule[a->n++] = fresh;
    return 1;
}

/* alrtcfg_check decides; the clear rule it says in general words is said
 * here with the rule's own values. */
static int check_rule(const alrtcfg_rule *r, char *why, size_t cap)
{
    if (alrtcfg_check(r, why, cap) == 0)
        return 0;
    const al_rule *q = &r->rule;
    const bool up = q->op == AL_GT || q->op == AL_GE;
    if (alrt_metric_parse(r->metric) >= 0 && isfinite(q->threshold) && isfinite(q->clear) &&
        (up ? q->clear > q->threshold : q->clear < q->threshold))
        snprintf(why, cap, "[alert %s] clear = %.15g is %s threshold = %.15g: with op %s the alert fires past the "
                           "threshold and resolves back past clear, so clear must be at %s the threshold",
                 r->name, q->clear, up ? "above" : "below", q->threshold, clialert_ops[q->op], up ? "most" : "least");
    return -1;
}

int clialert_check(const alrtcfg *a, char *why, size_t cap)
{
    assert(a->n <= ALRT_MAX);
    for (size_t k = 0; k < a->n; k++)
        if (check_rule(&a->rule[k], why, cap) != 0)
            return -1;
    return 0;
}

void clialert_print_config(const alrtcfg *a, FILE *out)
{
    const ot_prog *p = cli_prog();
    for (size_t k = 0; k < a->n; k++) {
        fprintf(out, "\n[alert %s]\n", a->rule[k].name);
        ot_print_block(p->keys, p->nkeys, "alert", &a->rule[k], out);
    }
}

/* The rules the example config ships: in force as the file is, but the last,
 * which needs an instrument the feed may not have. */
static const char example_rules[] =
    "#\n"
    "# Alert rules a desk starts from: in force when this file is used as it is\n"
    "# (change or delete them). vol_spike needs an instrument DVOL in the feed\n"
    "# (Deribit's volatility index) and --trader to act: uncomment it to use it.\n"
    "\n"
    "[alert var_high]\n"
    "metric = var_util\nop = >\nthreshold = 0.8\nclear = 0.7\nfor = 30\nseverity = warning\n"
    "\n"
    "[alert var_breach]\n"
    "metric = var_util\nop = >\nthreshold = 1\nseverity = critical\n"
    "\n"
    "[alert delta_high]\n"
    "metric = net_delta_usd\nop = >\nthreshold = 500000\nclear = 400000\nseverity = warning\n"
    "\n"
    "[alert drawdown]\n"
    "metric = drawdown_usd\nop = >\nthreshold = 10000\nseverity = critical\n"
    "\n"
    "[alert feed_silent]\n"
    "metric = msg_rate\nop = <\nthreshold = 1\nfor = 10\nseverity = critical\n"
    "\n"
    "[alert stale]\n"
    "metric = stale_s\nop = >\nthreshold = 30\nseverity = warning\n"
    "\n"
    "[alert rejects]\n"
    "metric = reject_rate\nop = >\nthreshold = 10\nseverity = warning\n"
    "\n"
    "[alert journal]\n"
    "metric = journal_error\nop = >\nthreshold = 0\nseverity = critical\n"
    "\n"
    "# [alert vol_spike]\n"
    "# metric = price\n# scope = DVOL\n# op = >\n# threshold = 80\n# clear = 70\n# severity = critical\n"
    "# action = widen:2\n# action_scope = BTC\n# undo = true\n";

void clialert_print_example(FILE *out)
{
    fputs("#\n# Metrics an [alert NAME] may watch (metric = NAME):\n", out);
    for (int m = 0; alrt_metric_name(m); m++)
        fprintf(out, "#   %-22s %s\n", alrt_metric_name(m), alrt_metric_doc(m));
    fputs(example_rules, out);
}

bool clialert_same(const alrtcfg *a, const alrtcfg *b)
{
    const char *ca = a->notify_cmd ? a->notify_cmd : "", *cb = b->notify_cmd ? b->notify_cmd : "";
    return a->n == b->n && memcmp(a->rule, b->rule, a->n * sizeof *a->rule) == 0 &&
           memcmp(&a->timing, &b->timing, sizeof a->timing) == 0 && a->notify_timeout_s == b->notify_timeout_s &&
           !strcmp(ca, cb);
}
