/* curve.c - CURVE keys and allow-lists (see curve.h). */
#include "invtop/curve.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

bool curve_key_ok(const char *s)
{
    static const char z85[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                              ".-:+=^!/*?&<>()[]{}@%$#";
    if (strlen(s) != CURVE_KEY_LEN)
        return false;
    for (const char *c = s; *c; c++)
        if (!strchr(z85, *c))
            return false;
    return true;
}

static int write_file(const char *path, const char *text, mode_t mode, char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    size_t n = strlen(text);
    int rc = write(fd, text, n) == (ssize_t)n && fchmod(fd, mode) == 0 ? 0 : -1;
    if (rc != 0)
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    if (close(fd) != 0)
        rc = -1;
    return rc;
}

int curve_keygen(const char *dir, const char *name, char *err, size_t errlen)
{
    char pub[41], sec[41], path[4096], line[64];
    if (zmq_curve_keypair(pub, sec) != 0) {
        snprintf(err, errlen, "libzmq has no CURVE support: %s", zmq_strerror(errno));
        return -1;
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s.key", dir, name);
    snprintf(line, sizeof line, "%s\n", sec);
    if (write_file(path, line, 0600, err, errlen) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/%s.pub", dir, name);
    snprintf(line, sizeof line, "%s\n", pub);
    return write_file(path, line, 0644, err, errlen);
}

/* The first line of path, without its newline, into out (cap bytes). */
static int first_line(const char *path, char *out, size_t cap, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    if (!fgets(out, (int)cap, fp))
        out[0] = '\0';
    fclose(fp);
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

int curve_read_key(const char *spec, bool want_public, char *out, char *err, size_t errlen)
{
    char key[128];
    if (curve_key_ok(spec)) {
        snprintf(key, sizeof key, "%s", spec);
    } else if (first_line(spec, key, sizeof key, err, errlen) != 0) {
        return -1;
    } else if (!curve_key_ok(key)) {
        snprintf(err, errlen, "%s does not hold a Z85 CURVE key (40 characters)", spec);
        return -1;
    }
    size_t n = strlen(spec);
    bool secret_file = n > 4 && strcmp(spec + n - 4, ".key") == 0;
    if (want_public && secret_file)
        return zmq_curve_public(out, key) == 0 ? 0 : -1;
    snprintf(out, CURVE_KEY_LEN + 1, "%s", key);
    return 0;
}

static int allow_add(curve_allow *a, const char *key, const char *where, char *err, size_t errlen)
{
    if (!curve_key_ok(key)) {
        snprintf(err, errlen, "%s: not a Z85 CURVE public key: '%.40s'", where, key);
        return -1;
    }
    if (a->n == CURVE_MAX_ALLOWED) {
        snprintf(err, errlen, "%s: more than %d keys", where, CURVE_MAX_ALLOWED);
        return -1;
    }
    snprintf(a->key[a->n++], CURVE_KEY_LEN + 1, "%s", key);
    return 0;
}

int curve_load_allow(const char *path, curve_allow *a, char *err, size_t errlen)
{
    struct stat st;
    a->n = 0;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d) {
            snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
            return -1;
        }
        struct dirent *e;
        int rc = 0;
        while (rc == 0 && (e = readdir(d)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n < 5 || strcmp(e->d_name + n - 4, ".pub") != 0)
                continue;
            char file[4096], key[128];
            snprintf(file, sizeof file, "%s/%s", path, e->d_name);
            rc = first_line(file, key, sizeof key, err, errlen);
            if (rc == 0)
                rc = allow_add(a, key, file, err, errlen);
        }
        closedir(d);
        return rc;
    }
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char line[256];
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *k = line + strspn(line, " \t");
        if (*k && *k != '#')
            rc = allow_add(a, k, path, err, errlen);
    }
    fclose(fp);
    return rc;
}

bool curve_allowed(const curve_allow *a, const unsigned char *key32)
{
    char z[CURVE_KEY_LEN + 1];
    if (!zmq_z85_encode(z, key32, 32))
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->key[i], z) == 0)
            return true;
    return false;
}

int curve_set_server(void *socket, const char *secret, const char *domain)
{
    int one = 1;
    if (zmq_setsockopt(socket, ZMQ_CURVE_SERVER, &one, sizeof one) != 0 ||
        zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, secret, CURVE_KEY_LEN) != 0 ||
        zmq_setsockopt(socket, ZMQ_ZAP_DOMAIN, domain, strlen(domain)) != 0)
        return -1;
    return 0;
}

int curve_set_client(void *socket, const char *secret, const char *server_public)
{
    char pub[CURVE_KEY_LEN + 1];
    int zero = 0;
    if (zmq_curve_public(pub, secret) != 0 ||
        zmq_setsockopt(socket, ZMQ_CURVE_SERVER, &zero, sizeof zero) != 0 ||
        zmq_setsockopt(socket, ZMQ_CURVE_SERVERKEY, server_public, CURVE_KEY_LEN) != 0 ||
        zmq_setsockopt(socket, ZMQ_CURVE_PUBLICKEY, pub, CURVE_KEY_LEN) != 0 ||
        zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, secret, CURVE_KEY_LEN) != 0)
        return -1;
    return 0;
}

int curve_set_plain(void *socket)
{
    int zero = 0;
    /* Setting CURVE_SERVER to 0 without client keys resets the mechanism to NULL. */
    return zmq_setsockopt(socket, ZMQ_CURVE_SERVER, &zero, sizeof zero);
}
