/* user.h - who this process acts for (prefix user_): the one rule by which
 * the local engine (its journal, its quotes) and a remote viewer (its
 * commands, --exec) name the user. */
#ifndef INVTOP_USER_H
#define INVTOP_USER_H

#include <stddef.h>

/* Write the user's name into out (cap > 0 bytes, cut to fit): given (a
 * --user NAME) when not NULL nor empty; else $USER when set and not empty;
 * else the name of the real user id in the password database; else
 * "uid:N". Never fails; returns out. Reads the environment and the
 * password database (getpwuid: not thread-safe; call it from one thread). */
char *user_name(const char *given, char *out, size_t cap);

#endif
