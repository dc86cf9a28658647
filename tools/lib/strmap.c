/* strmap: open-addressing string hash map (linear probing, load under one half). */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void strmap_init(struct strmap *map) { memset(map, 0, sizeof *map); }

void strmap_free(struct strmap *map)
{
	for (size_t i = 0; i < map->cap; i++)
		free(map->entries[i].key);
	free(map->entries);
	strmap_init(map);
}

/* Eight bytes at a time, each step mixed so every bit of the key reaches the
 * low bits the table uses: md2guide hashes whole code blocks and long
 * question slugs, so a byte-at-a-time hash was a tenth of its own work. */
static uint64_t hash_string(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = 0x9E3779B97F4A7C15u ^ n, w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9u;
		h ^= h >> 31;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0x94D049BB133111EBu;
	return h ^ (h >> 29);
}

static struct strmap_entry *probe(const struct strmap *map, const char *key)
{
	size_t mask = map->cap - 1;
	for (size_t i = hash_string(key) & mask;; i = (i + 1) & mask) {
		struct strmap_entry *e = &map->entries[i];
		if (!e->key || strcmp(e->key, key) == 0)
			return e;
	}
}

struct strmap_entry *strmap_find(const struct strmap *map, const char *key)
{
	if (map->cap == 0)
		return NULL;
	struct strmap_entry *e = probe(map, key);
	return e->key ? e : NULL;
}

static int grow(struct strmap *map)
{
	size_t cap = map->cap ? map->cap * 2 : 64;
	struct strmap_entry *entries = calloc(cap, sizeof *entries);
	if (!entries)
		return -1;
	struct strmap old = *map;
	map->entries = entries;
	map->cap = cap;
	for (size_t i = 0; i < old.cap; i++)
		if (old.entries[i].key)
			*probe(map, old.entries[i].key) = old.entries[i];
	free(old.entries);
	return 0;
}

struct strmap_entry *strmap_insert(struct strmap *map, const char *key)
{
	/* Keep the load under one half so probes stay short. */
	if ((map->count + 1) * 2 > map->cap && grow(map) != 0)
		return NULL;
	struct strmap_entry *e = probe(map, key);
	if (!e->key) {
		e->key = strdup(key);
		if (!e->key)
			return NULL;
		e->value = NULL;
		map->count++;
	}
	return e;
}
