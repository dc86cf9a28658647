/* slug: GitHub-style heading anchors, and XML-safe ids made from them.
 *
 * Guides link to their own headings the way GitHub renders them
 * ("#django--django-rest-framework"), so the tree's ids must be the same
 * strings: slug_github() follows GitHub's rules (lower case, punctuation and
 * symbols dropped, each space a hyphen), slug_unique() its numbering of repeats. */
#ifndef GUIDE_SLUG_H
#define GUIDE_SLUG_H

#include "strmap.h"

/* The anchor GitHub gives a heading whose text is TEXT (UTF-8). malloc'd. */
char *slug_github(const char *text);

/* SLUG, or SLUG-1, SLUG-2 ... if taken, recording the result in SEEN. malloc'd. */
char *slug_unique(struct strmap *seen, const char *slug);

/* An id valid as an XML ID (NCName) for SLUG: SLUG itself when it is one,
 * otherwise "_" followed by SLUG with offending characters spelt as "-xHEX".
 * malloc'd. */
char *slug_to_id(const char *slug);

#endif
