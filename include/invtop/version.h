/* version.h - the one place the release number lives. */
#ifndef INVTOP_VERSION_H
#define INVTOP_VERSION_H
#define INVTOP_VERSION "0.1.0"
#endif
