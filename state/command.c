/* command.c - the command grammar (see command.h). */
#include "invtop/command.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "invtop/book.h"
#include "invtop/numparse.h"

static const char *const names[CMD_COUNT] = {
    [CMD_SKEW] = "skew",   [CMD_SPREAD] = "spread", [CMD_PAUSE] = "pause",
    [CMD_CLEAR] = "clear", [CMD_SET] = "set",       [CMD_UNDO] = "undo",
    [CMD_KILL] = "kill",   [CMD_UNKILL] = "unkill", [CMD_CLEAR_ALL] = "clear-all",
    [CMD_HEDGE] = "hedge", [CMD_ACK] = "ack",
};

/* The most lots one hedge command may name: a typo guard; the engine's
 * maximum order size is the real cap. */
#define CMD_HEDGE_MAX_LOTS 1e12

/* The longest silence one ack may ask for (about 31 years): a typo guard. */
#define CMD_ACK_MAX_S 1e9

/* An alert rule's name as the config spells it: 1-47 symbol characters
 * (letters, digits and . _ : / -; book_id_ok, so one @ passes too: a name
 * the grammar takes and no rule has is the engine's to refuse). */
#define CMD_RULE_MAX 47

const char *cmd_name(cmd_kind k)
{
    return (unsigned)k < CMD_COUNT ? names[k] : "?";
}

bool cmd_has_id(cmd_kind k)
{
    return k <= CMD_SET;
}

/* Fields of `set`, in the order cmd_format writes them. */
typedef struct {
    const char *key;
    size_t offset;
    double lo, hi;
    bool flag;
} set_field;

static const set_field set_fields[] = {
    {"skew", offsetof(ovr, skew_bps), -1e4, 1e4, false},
    {"half", offsetof(ovr, half_spread_bps), 0, 1e4, false},
    {"bid", offsetof(ovr, bid), 1e-12, 1e12, false},
    {"ask", offsetof(ovr, ask), 1e-12, 1e12, false},
    {"size_bid", offsetof(ovr, size_bid), 0, 1e12, false},
    {"size_ask", offsetof(ovr, size_ask), 0, 1e12, false},
    {"ttl", offsetof(ovr, expires), 0, 1e9, false},
};

static int fail(char *err, size_t errlen, const char *fmt, const char *what)
{
    snprintf(err, errlen, fmt, what);
    return -1;
}

static int parse_set(char *rest, command *out, char *err, size_t errlen)
{
    out->set = ovr_none();
    bool any = false;
    char *save = NULL;
    for (char *tok = strtok_r(rest, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq)
            return fail(err, errlen, "set wants KEY=VALUE, got '%s'", tok);
        *eq = '\0';
        const char *v = eq + 1;
        double x;
        if (!strcmp(tok, "replace") || !strcmp(tok, "paused")) {
            if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
                return fail(err, errlen, "%s is 0 or 1", tok);
            if (!strcmp(tok, "replace"))
                out->set.skew_replace = v[0] == '1';
            else
                out->set.paused = v[0] == '1';
            any = true;
            continue;
        }
        size_t k = 0, n = sizeof set_fields / sizeof *set_fields;
        while (k < n && strcmp(tok, set_fields[k].key) != 0)
            k++;
        if (k == n)
            return fail(err, errlen, "unknown set key '%s'", tok);
        if (num_parse(v, set_fields[k].lo, set_fields[k].hi, false, &x) != 0)
            return fail(err, errlen, "bad value for %s", tok);
        if (!strcmp(tok, "ttl") && x == 0)
            x = NAN; /* ttl=0: until cleared */
        memcpy((char *)&out->set + set_fields[k].offset, &x, sizeof x);
        any = true;
    }
    if (!any)
        return fail(err, errlen, "%s", "set needs at least one KEY=VALUE");
    return 0;
}

int cmd_parse(const char *text, command *out, char *err, size_t errlen)
{
    char buf[CMD_TEXT_MAX];
    if (strlen(text) >= sizeof buf)
        return fail(err, errlen, "%s", "command too long");
    snprintf(buf, sizeof buf, "%s", text);
    memset(out, 0, sizeof *out);
    out->value = NAN;
    char *save = NULL, *word = strtok_r(buf, " \t\r\n", &save);
    if (!word)
        return fail(err, errlen, "%s", "empty command");
    int k = 0;
    while (k < CMD_COUNT && strcmp(word, names[k]) != 0)
        k++;
    if (k == CMD_COUNT)
        return fail(err, errlen, "unknown command '%s'", word);
    out->kind = (cmd_kind)k;
    char *rest = save ? save : buf + strlen(buf);
    if (cmd_has_id(out->kind)) {
        char *id = strtok_r(NULL, " \t\r\n", &save);
        if (!id || !book_id_ok(id))
            return fail(err, errlen, "%s wants an instrument (SYM or SYM@VENUE)", word);
        snprintf(out->id, sizeof out->id, "%s", id);
        rest = save ? save : id + strlen(id);
    }
    char *arg = NULL;
    switch (out->kind) {
    case CMD_SKEW:
    case CMD_SPREAD:
        arg = strtok_r(NULL, " \t\r\n", &save);
        if (!arg || num_parse(arg, -1e4, 1e4, false, &out->value) != 0)
            return fail(err, errlen, "%s wants a number of bp, like +2", word);
        break;
    case CMD_SET:
        return parse_set(rest, out, err, errlen);
    case CMD_HEDGE:
        arg = strtok_r(NULL, " \t\r\n", &save);
        if (!arg || !book_id_ok(arg) || strchr(arg, '@') || strlen(arg) >= EVENT_SYM_MAX)
            return fail(err, errlen, "%s wants an underlying, like BTC", word);
        snprintf(out->id, sizeof out->id, "%s", arg);
        arg = strtok_r(NULL, " \t\r\n", &save);
        if (arg && (num_parse(arg, -CMD_HEDGE_MAX_LOTS, CMD_HEDGE_MAX_LOTS, false, &out->value) != 0 ||
                    out->value != floor(out->value) || out->value == 0))
            return fail(err, errlen, "%s wants whole lots, like -5000 (> 0 buys)", word);
        break;
    case CMD_ACK:
        arg = strtok_r(NULL, " \t\r\n", &save);
        if (!arg || !book_id_ok(arg) || strlen(arg) > CMD_RULE_MAX)
            return fail(err, errlen, "%s wants an alert rule's name, like var_high", word);
        snprintf(out->id, sizeof out->id, "%s", arg);
        arg = strtok_r(NULL, " \t\r\n", &save);
        if (arg && (num_parse(arg, 0, CMD_ACK_MAX_S, false, &out->value) != 0 || !(out->value > 0)))
            return fail(err, errlen, "%s wants seconds > 0, like 600 (none: until it resolves)", word);
        break;
    default:
        break;
    }
    if (strtok_r(NULL, " \t\r\n", &save))
        return fail(err, errlen, "too many words after '%s'", word);
    return 0;
}

int cmd_format(const command *c, char *out, size_t cap)
{
    size_t n = 0;
    int w = snprintf(out, cap, "%s", cmd_name(c->kind));
#define ADVANCE()                              \
    do {                                       \
        if (w < 0 || (size_t)w >= cap - n)     \
            return -1;                         \
        n += (size_t)w;                        \
    } while (0)
    ADVANCE();
    if (cmd_has_id(c->kind)) {
        w = snprintf(out + n, cap - n, " %s", c->id);
        ADVANCE();
    }
    if (c->kind == CMD_HEDGE || c->kind == CMD_ACK) {
        w = snprintf(out + n, cap - n, " %s", c->id);
        ADVANCE();
        if (!isnan(c->value)) {
            w = snprintf(out + n, cap - n, c->kind == CMD_ACK ? " %.17g" : " %+.17g", c->value);
            ADVANCE();
        }
    } else if (c->kind == CMD_SKEW || c->kind == CMD_SPREAD) {
        w = snprintf(out + n, cap - n, " %+.17g", c->value);
        ADVANCE();
    } else if (c->kind == CMD_SET) {
        for (size_t k = 0; k < sizeof set_fields / sizeof *set_fields; k++) {
            double x;
            memcpy(&x, (const char *)&c->set + set_fields[k].offset, sizeof x);
            if (isnan(x))
                continue;
            w = snprintf(out + n, cap - n, " %s=%.17g", set_fields[k].key, x);
            ADVANCE();
        }
        w = snprintf(out + n, cap - n, " replace=%d paused=%d", c->set.skew_replace, c->set.paused);
        ADVANCE();
    }
#undef ADVANCE
    return (int)n;
}
