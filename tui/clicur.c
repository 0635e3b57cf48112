/* clicur.c - --currency and [currency NAME] (see clicur.h). */
#include "tui/clicur.h"

#include <string.h>

#include "invtop/book.h"

#define AT(obj, off) ((char *)(obj) + (off))
#define CAT(obj, off) ((const char *)(obj) + (off))

int clicur_parse_code(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    if (!ccy_code_ok(arg)) {
        snprintf(err, errlen, "is not a currency code: 2 to 10 upper-case letters or digits, the first a letter "
                              "(USD, EUR, BTC, USDT)");
        return -1;
    }
    strncpy(AT(obj, r->off), arg, EVENT_SYM_MAX); /* zero-filled: equal settings are equal bytes */
    return 0;
}

void clicur_format_code(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", CAT(obj, r->off));
}

int clicur_parse_inst(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    if (!book_id_ok(arg)) {
        snprintf(err, errlen, "is not an instrument: SYM or SYM@VENUE, letters, digits and . _ : / -, 1 to %d of "
                              "them each side of the @",
                 EVENT_SYM_MAX - 1);
        return -1;
    }
    strncpy(AT(obj, r->off), arg, BOOK_ID_MAX); /* zero-filled, and book_id_ok said it fits */
    return 0;
}

void clicur_format_inst(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", CAT(obj, r->off));
}

int clicur_on_ini(ccy_params *p, const char *section, const char *key, const char *value, char *err, size_t cap)
{
    static const char scope[] = "currency";
    const size_t n = sizeof scope - 1;
    if (!strcmp(section, scope)) {
        snprintf(err, cap, "[%s] needs a name: [currency NAME]", section);
        return 1;
    }
    if (strncmp(section, scope, n) != 0 || section[n] != ' ')
        return 0;
    const char *name = section + n + 1;
    const ot_prog *prog = cli_prog();
    const ot_row *r = ot_find_key(prog->keys, prog->nkeys, scope, key);
    size_t k = 0;
    while (k < p->nbind && strcmp(p->bind[k].name, name) != 0)
        k++;
    ccy_binding fresh; /* a new binding goes in only once its key is good */
    memset(&fresh, 0, sizeof fresh);
    char why[300];
    if (!r)
        snprintf(err, cap, "unknown key '%s' in [%s]", key, section);
    else if (!ccy_code_ok(name))
        snprintf(err, cap, "[%s]: a currency's name is 2 to 10 upper-case letters or digits, the first a letter",
                 section);
    else if (k == CCY_MAX_BINDINGS)
        snprintf(err, cap, "[%s]: too many currencies: at most %d", section, CCY_MAX_BINDINGS);
    else if (ot_set(r, k < p->nbind ? &p->bind[k] : &fresh, value, why, sizeof why) != 0)
        snprintf(err, cap, "%s = %s in [%s] %s", key, value, section, why);
    else if (k == p->nbind) {
        snprintf(fresh.name, sizeof fresh.name, "%s", name);
        p->bind[p->nbind++] = fresh;
    }
    return 1;
}

void clicur_print_config(const ccy_params *p, FILE *out)
{
    const ot_prog *prog = cli_prog();
    for (size_t k = 0; k < p->nbind; k++) {
        fprintf(out, "\n[currency %s]\n", p->bind[k].name);
        ot_print_block(prog->keys, prog->nkeys, "currency", &p->bind[k], out);
    }
}

bool clicur_same(const ccy_params *a, const ccy_params *b)
{
    if (strcmp(a->report, b->report) != 0 || a->nbind != b->nbind)
        return false;
    for (size_t k = 0; k < a->nbind; k++)
        if (strcmp(a->bind[k].name, b->bind[k].name) != 0 || strcmp(a->bind[k].inst, b->bind[k].inst) != 0)
            return false;
    return true;
}
