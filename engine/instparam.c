/* instparam.c - configured values per named thing (see instparam.h). */
#include "invtop/instparam.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *ip_scope_name(ip_scope s)
{
    static const char *const names[] = {"instrument", "underlying", "venue", "book"};
    return (unsigned)s < IP_SCOPES ? names[s] : NULL;
}

inst_param ip_none(ip_scope s, const char *name)
{
    inst_param p = {.scope = s, .model = -1, .fee_base = -1, .auto_hedge = -1};
    for (size_t k = 0; k < IP_NUM; k++)
        p.v[k] = NAN;
    snprintf(p.name, sizeof p.name, "%s", name);
    return p;
}

const inst_param *ip_block(const ip_set *set, ip_scope s, const char *name)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->e[i].scope == s && strcmp(set->e[i].name, name) == 0)
            return &set->e[i];
    return NULL;
}

inst_param *ip_slot(ip_set *set, ip_scope s, const char *name)
{
    const inst_param *found = ip_block(set, s, name);
    if (found)
        return &set->e[found - set->e];
    if (set->n == IP_MAX_BLOCKS || !name[0] || strlen(name) >= sizeof set->e[0].name)
        return NULL;
    set->e[set->n] = ip_none(s, name);
    return &set->e[set->n++];
}

/* Fold block p's given values into r. */
static void merge(inst_param *r, const inst_param *p)
{
    if (p->model >= 0)
        r->model = p->model;
    if (p->fee_base >= 0)
        r->fee_base = p->fee_base;
    if (p->auto_hedge >= 0)
        r->auto_hedge = p->auto_hedge;
    if (p->hedge[0])
        snprintf(r->hedge, sizeof r->hedge, "%s", p->hedge);
    if (p->hedge_book[0])
        snprintf(r->hedge_book, sizeof r->hedge_book, "%s", p->hedge_book);
    for (size_t k = 0; k < IP_NUM; k++)
        if (!isnan(p->v[k]))
            r->v[k] = p->v[k];
}

inst_param ip_for(const ip_set *set, const char *id, const char *sym, const char *und)
{
    inst_param r = ip_none(IP_INSTRUMENT, id);
    const inst_param *p;
    if ((p = ip_block(set, IP_UNDERLYING, und)))
        merge(&r, p);
    if ((p = ip_block(set, IP_INSTRUMENT, sym)))
        merge(&r, p);
    if (strcmp(id, sym) != 0 && (p = ip_block(set, IP_INSTRUMENT, id)))
        merge(&r, p);
    return r;
}
