/* builddate: the one date the outputs carry (title page, PDF Info, EPUB
 * dcterms:modified, deck mod times), chosen the same way by every tool.
 *
 * Order: SOURCE_DATE_EPOCH (reproducible builds); else the tree's meta/date,
 * which md2guide records from the source file, so a build through a pipe is
 * dated like one from a file; else the input file's modification time; else
 * the clock. Never 0 (1970) for want of a file. */
#ifndef GUIDE_BUILDDATE_H
#define GUIDE_BUILDDATE_H

#include <libxml/tree.h>

#define BUILDDATE_MAX 253402300799LL /* 9999-12-31T23:59:59Z */

/* SOURCE_DATE_EPOCH into *SECONDS: 1 when it is set, 0 when not, -1 after
 * reporting "PROGRAM: error: SOURCE_DATE_EPOCH='...' is not ..." (the caller
 * exits EXIT_SYSTEM) when it is not a number of seconds up to the year 9999. */
int builddate_epoch(long long *seconds);

/* The date of an output made from TREE, read from INPUT (NULL or "-":
 * standard input). 0, or -1 when SOURCE_DATE_EPOCH is wrong (reported). */
int builddate_of(const xmlDoc *tree, const char *input, long long *seconds);

/* SECONDS as "YYYY-MM-DDTHH:MM:SSZ" into OUT. Returns 0, or -1 for a time
 * gmtime cannot take. */
int builddate_iso(long long seconds, char out[21]);

#endif
