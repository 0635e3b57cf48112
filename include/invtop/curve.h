/* curve.h - ZeroMQ CURVE keys and allow-lists (prefix curve_).
 *
 * Key files hold one Z85 key (40 characters) and an optional newline: NAME.pub
 * the public key, NAME.key the secret (mode 0600). An allow-list is a file of
 * public keys, one per line (# comments), or a directory of *.pub files. */
#ifndef INVTOP_CURVE_H
#define INVTOP_CURVE_H

#include <stdbool.h>
#include <stddef.h>

#define CURVE_KEY_LEN 40
#define CURVE_MAX_ALLOWED 1024

typedef struct {
    char key[CURVE_MAX_ALLOWED][CURVE_KEY_LEN + 1];
    size_t n;
} curve_allow;

/* True when s is 40 characters of the Z85 alphabet. */
bool curve_key_ok(const char *s);

/* Write DIR/NAME.key (secret, 0600) and DIR/NAME.pub. Returns 0, or -1 with
 * a one-line reason in err. Refuses to overwrite an existing key. */
int curve_keygen(const char *dir, const char *name, char *err, size_t errlen);

/* Read a key from a file, or take `spec` itself when it is a 40-character
 * key. With want_public, a file named *.key is a secret key and its public
 * key is derived; any other file or string is the public key itself. out
 * holds 41 bytes. Returns 0, or -1 with the reason in err. */
int curve_read_key(const char *spec, bool want_public, char *out, char *err, size_t errlen);

/* Load an allow-list from a file or a directory of *.pub files. Returns 0,
 * or -1 with the reason (and the file) in err. */
int curve_load_allow(const char *path, curve_allow *a, char *err, size_t errlen);

/* True when the binary public key (32 bytes) is on the list. */
bool curve_allowed(const curve_allow *a, const unsigned char *key32);

/* Make socket a CURVE server with the secret key (Z85) for ZAP domain
 * `domain`. Returns 0 or -1 (errno from libzmq). Call before bind. */
int curve_set_server(void *socket, const char *secret, const char *domain);

/* Make socket a CURVE client of server_public, with its own key pair from
 * secret. Returns 0 or -1. Call before connect (per endpoint). */
int curve_set_client(void *socket, const char *secret, const char *server_public);

/* Undo curve_set_client/server for the next bind or connect (plain NULL). */
int curve_set_plain(void *socket);

#endif
