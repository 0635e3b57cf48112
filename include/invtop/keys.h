/* keys.h - the one key table (prefix keys_): key -> action, with the label
 * and help text the help overlay and the man page print, so handling and
 * documentation cannot disagree. */
#ifndef INVTOP_KEYS_H
#define INVTOP_KEYS_H

#include <stddef.h>

typedef enum {
    ACT_NONE = 0,
    ACT_QUIT, ACT_HELP, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
    ACT_FOCUS, ACT_FILTER, ACT_SORT_LEFT, ACT_SORT_RIGHT, ACT_SORT_INVERT, ACT_VAR_METHOD,
    ACT_FREEZE, ACT_REDRAW, ACT_CLOSE, ACT_RELOAD, ACT_BOOK,
    /* quote overrides on the selected instrument (trader mode only) */
    ACT_SKEW_DOWN, ACT_SKEW_UP, ACT_SKEW_DOWN10, ACT_SKEW_UP10, ACT_NARROWER, ACT_WIDER,
    ACT_EDIT, ACT_PAUSE, ACT_CLEAR, ACT_UNDO, ACT_KILL, ACT_CLEAR_ALL,
    ACT_COUNT
} key_action;

typedef struct {
    int key;            /* ncurses key code or character */
    const char *label;  /* how the key is written in help */
    key_action action;
    const char *help;   /* what it does; NULL for aliases shown with the first */
} key_binding;

/* The table and its length. */
const key_binding *keys_table(size_t *n);

/* True for the actions that change quotes (refused in read-only mode). */
int keys_is_override(key_action a);

/* The action bound to key (ACT_NONE when unbound). */
key_action keys_lookup(int key);

#endif
