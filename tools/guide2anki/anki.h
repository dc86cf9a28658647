/* anki.h: the deck guide2anki builds from the guide tree, and the modules that
 * write it (collection.c: the SQLite collection; package.c: the .apkg zip and the
 * previous package; media.c: images and the code font; text.c: hashing, Anki's
 * field checksum and the text-import file). notes.c walks the tree and
 * holds the deck set (anki_deck_set_free, anki_deck_add, anki_note_add),
 * render.c makes the fields. */
#ifndef GUIDE2ANKI_ANKI_H
#define GUIDE2ANKI_ANKI_H

#include "imagefile.h"
#include "strmap.h"
#include <stddef.h>
#include <stdio.h>

/* The note type's fields, in order (the order is part of the note type). */
enum anki_field {
	ANKI_QUESTION,
	ANKI_ANSWER,
	ANKI_WHY,
	ANKI_SECTION,
	ANKI_SOURCE,
	ANKI_FIELD_COUNT
};
extern const char *const ANKI_FIELD_NAMES[ANKI_FIELD_COUNT];

#define ANKI_NOTETYPE_NAME "Guide Card"
/* Fixed ids: the note type is the same one in every deck this tool writes, so
 * Anki recognises it on every import instead of adding "Guide Card+". */
#define ANKI_NOTETYPE_ID 1700000000001LL
#define ANKI_FIELD_ID_BASE 1700000000101LL    /* + field ord */
#define ANKI_TEMPLATE_ID_BASE 1700000000201LL /* + template ord */
#define ANKI_DEFAULT_DECK_ID 1LL
#define ANKI_DECK_CONFIG_ID 1LL

/* Limits: a guide is hand-written; beyond these it is not a study guide. */
#define ANKI_MAX_NOTES 100000
#define ANKI_MAX_MEDIA 10000
#define ANKI_MAX_MEDIA_BYTES ((size_t)64 << 20) /* one image or font */
#define ANKI_MAX_DECK_NAME 400
#define ANKI_MEDIA_NAME_MAX 120 /* bytes; Anki shortens longer names */
/* A previous export is hostile input: what is read of it is bounded. */
#define ANKI_MAX_PREVIOUS_BYTES ((size_t)128 << 20) /* its collection.anki2 */
#define ANKI_MAX_PREVIOUS_TEXT "128 MiB"
#define ANKI_MAX_PREVIOUS_VALUE (4 << 20)   /* bytes of one field or JSON text */
#define ANKI_PREVIOUS_BUDGET 100000         /* thousands of SQLite instructions */
#define ANKI_MAX_MOD 253402300799LL         /* 9999-12-31, in seconds */

struct anki_note {
	char *fields[ANKI_FIELD_COUNT]; /* HTML */
	char guid[24];
	long long id;      /* notes.id */
	long long card_id; /* cards.id */
	long long deck_id;
	long long mod; /* seconds */
	char *tags;    /* space-separated, no surrounding spaces */
	long line;     /* the card's source line */
};

struct anki_deck {
	char *name;
	long long id;
};

struct anki_media {
	char *name; /* the single-component name fields use */
	char *path; /* the file it is read from */
	unsigned char *data; /* or its bytes, when made here (the cut font) */
	size_t len;
};

struct anki_deck_set {
	struct anki_note *notes;
	size_t note_count, note_cap;
	struct anki_deck *decks;
	size_t deck_count, deck_cap;
	struct strmap deck_names; /* name -> index in decks */
	struct strmap deck_ids;   /* every deck id given out */
	struct anki_media *media;
	size_t media_count, media_cap;
	char *css, *front, *back; /* the note type's style and templates */
	long long notetype_mod;   /* seconds */
	long long timestamp;      /* seconds: SOURCE_DATE_EPOCH or the input's mtime */
};

void anki_deck_set_free(struct anki_deck_set *set);
/* Makes room for one more item in ARRAY (COUNT used of *CAP), doubling it.
 * Returns the array, or NULL when memory is short. */
void *anki_grow(void *array, size_t *cap, size_t count, size_t item_size);
/* The deck named NAME, added when new; NULL on allocation failure. */
struct anki_deck *anki_deck_add(struct anki_deck_set *set, const char *name);
/* A fresh zeroed note at the end; NULL on allocation failure or over the limit. */
struct anki_note *anki_note_add(struct anki_deck_set *set);

/* text.c ---------------------------------------------------------------------- */
struct buf;
/* The fields joined by 0x1F, as notes.flds holds them. */
void anki_join_fields(const struct anki_note *note, struct buf *out);
/* SHA-1 of DATA, as the first 8 bytes read big-endian. */
unsigned long long anki_hash64(const char *data, size_t len);
/* A number in [BASE, BASE + SPAN) derived from TEXT: stable ids. */
long long anki_stable_id(const char *text, long long base, long long span);
/* The text Anki sorts and checksums: tags removed (media file names kept), entities
 * decoded. malloc'd, NULL on allocation failure. */
char *anki_strip_html(const char *html);
/* Anki's csum of a first field. */
unsigned long anki_field_checksum(const char *html);
/* Writes the text-import file (--format=tsv). Returns 0 or -1 (stream error). */
int anki_write_tsv(FILE *out, const struct anki_deck_set *set);

/* collection.c ----------------------------------------------------------------- */
/* Builds collection.anki2 in memory; *data is sqlite3_malloc'd (free with
 * sqlite3_free). Returns 0, or -1 after reporting. */
int anki_collection_build(const struct anki_deck_set *set, unsigned char **data, size_t *len);

/* previous.c ------------------------------------------------------------------- */
/* Applies the previous export (a collection.anki2 image, hostile input): notes
 * whose fields are unchanged keep their old mod; changed ones get a mod later
 * than the old one. Same for the note type. An image that fails any check
 * changes nothing: -1 after one warning naming NAME. Returns 0 when applied. */
int anki_previous_apply(struct anki_deck_set *set, const unsigned char *data, size_t len,
			const char *name);

/* package.c -------------------------------------------------------------------- */
/* Writes the .apkg to PATH atomically. Returns 0, or -1 after reporting. */
int anki_package_write(const struct anki_deck_set *set, const char *path);
/* Reads collection.anki2 from an existing package, at most
 * ANKI_MAX_PREVIOUS_BYTES. Returns 0 and a malloc'd image the caller frees, 1
 * when PATH does not exist, -1 after a warning (not a usable package); *data is
 * NULL unless 0 is returned. */
int anki_package_read_collection(const char *path, unsigned char **data, size_t *len);

/* template.c ------------------------------------------------------------------- */
/* Checks a card template as Anki would (fields of the note type, sections
 * closed in order, a field on the FRONT). Returns 0, or -1 after reporting
 * every problem as "FILE:LINE: error:". */
int anki_template_check(const char *file, const char *text, int front);
/* Loads card.css and both templates from DIR (or the built-in copies) into SET
 * and checks the templates. Returns 0, 1 when a template is wrong, -1 when a
 * file cannot be read (reported). */
int anki_template_load(struct anki_deck_set *set, const char *dir);

/* media.c ---------------------------------------------------------------------- */
/* Resolves an image SRC of the guide (inside FOLDER) into a media entry.
 * Returns the media name fields use (borrowed from SET), or NULL when the image
 * cannot be used; *problem then says why (a static string). */
const char *anki_media_image(struct anki_deck_set *set, const struct image_folder *folder,
			     const char *src, const char **problem);
/* Adds the monospace font for code (found with fontconfig, or FONT_FILE when
 * given) as a media file, cut down to the characters of the notes (call it
 * once they are all made) and named by its content; the note type's style
 * then names that file. Returns 0, or -1 after a warning (cards then fall back
 * to the device's monospace font). */
int anki_media_font(struct anki_deck_set *set, const char *font_file);
/* The font's name in card.css; the packed file is "_guide-mono-HASH.ttf". */
#define ANKI_FONT_MEDIA_NAME "_guide-mono.ttf"
#define ANKI_FONT_MEDIA_STEM "_guide-mono"

#endif
