/* keys.c - the key table (see keys.h). */
#include "invtop/keys.h"

#include <curses.h>

#define CTRL(c) ((c) & 0x1f)

static const key_binding table[] = {
    {'q', "q, F10", ACT_QUIT, "quit"},
    {KEY_F(10), "F10", ACT_QUIT, NULL},
    {'?', "?, F1", ACT_HELP, "show or hide this help"},
    {KEY_F(1), "F1", ACT_HELP, NULL},
    {KEY_UP, "Up, k", ACT_UP, "select the row above"},
    {'k', "k", ACT_UP, NULL},
    {KEY_DOWN, "Down, j", ACT_DOWN, "select the row below"},
    {'j', "j", ACT_DOWN, NULL},
    {KEY_PPAGE, "PgUp", ACT_PAGE_UP, "one page up"},
    {KEY_NPAGE, "PgDn", ACT_PAGE_DOWN, "one page down"},
    {'g', "g, Home", ACT_TOP, "first row"},
    {KEY_HOME, "Home", ACT_TOP, NULL},
    {'G', "G, End", ACT_BOTTOM, "last row"},
    {KEY_END, "End", ACT_BOTTOM, NULL},
    {'\t', "Tab", ACT_FOCUS, "next panel; on Events the arrows scroll it"},
    {'/', "/", ACT_FILTER, "filter instruments by symbol (Enter keeps, Esc clears)"},
    {'<', "<", ACT_SORT_LEFT, "sort by the column to the left"},
    {'>', ">", ACT_SORT_RIGHT, "sort by the column to the right"},
    {'I', "I", ACT_SORT_INVERT, "invert the sort order"},
    {'v', "v", ACT_VAR_METHOD, "next VaR method in the summary"},
    {'b', "b", ACT_BOOK, "next book: one book's positions and limits, all after the last"},
    {'Z', "Z", ACT_FREEZE, "freeze: keep the snapshot on screen (keys still work on it; the feed keeps being consumed)"},
    {CTRL('l'), "Ctrl-L", ACT_REDRAW, "redraw the screen"},
    {'R', "R", ACT_RELOAD, "reload the config file (says what needs a restart)"},
    {27, "Esc", ACT_CLOSE, "close the help, the filter or the edit form"},
    {'[', "[ ]", ACT_SKEW_DOWN, "override: skew the selected quote -1 / +1 bp"},
    {']', "]", ACT_SKEW_UP, NULL},
    {'{', "{ }", ACT_SKEW_DOWN10, "override: skew -10 / +10 bp"},
    {'}', "}", ACT_SKEW_UP10, NULL},
    {'-', "- =", ACT_NARROWER, "override: spread 1 bp narrower / wider (each side)"},
    {'=', "=", ACT_WIDER, NULL},
    {'e', "e", ACT_EDIT, "override: edit exact values and TTL (Tab moves, Enter applies)"},
    {'p', "p", ACT_PAUSE, "override: pause or resume the selected quote"},
    {'c', "c", ACT_CLEAR, "override: clear the selected quote back to the model"},
    {'u', "u", ACT_UNDO, "override: undo the last change"},
    {'K', "K", ACT_KILL, "kill switch: pause every quote, or lift it (asks y)"},
    {'C', "C", ACT_CLEAR_ALL, "clear every override (asks y)"},
};

int keys_is_override(key_action a)
{
    return a >= ACT_SKEW_DOWN && a <= ACT_CLEAR_ALL;
}

const key_binding *keys_table(size_t *n)
{
    *n = sizeof table / sizeof *table;
    return table;
}

key_action keys_lookup(int key)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (table[i].key == key)
            return table[i].action;
    return ACT_NONE;
}
