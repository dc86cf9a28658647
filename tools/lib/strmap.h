/* strmap: a string-keyed hash map (open addressing), for ids, slugs and names.
 * Keys are copied; values are opaque pointers or integers the caller owns. */
#ifndef GUIDE_STRMAP_H
#define GUIDE_STRMAP_H

#include <stddef.h>

struct strmap_entry {
	char *key;
	void *value;
};

struct strmap {
	struct strmap_entry *entries;
	size_t cap;   /* a power of two, or 0 */
	size_t count;
};

void strmap_init(struct strmap *map);
void strmap_free(struct strmap *map);
/* The entry for KEY, or NULL. */
struct strmap_entry *strmap_find(const struct strmap *map, const char *key);
/* The entry for KEY, created with value NULL if new; NULL on allocation failure. */
struct strmap_entry *strmap_insert(struct strmap *map, const char *key);

#endif
