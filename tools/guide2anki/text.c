/* text.c: the hashes behind stable ids, Anki's sort-field and checksum rules,
 * and the plain-text import file (--format=tsv). */
#include "guide2anki/anki.h"
#include "buf.h"
#include "htmlsafe.h"

#include <nettle/sha1.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const ANKI_FIELD_NAMES[ANKI_FIELD_COUNT] = {"Question", "Answer", "Why", "Section",
							 "Source"};

unsigned long long anki_hash64(const char *data, size_t len)
{
	struct sha1_ctx ctx;
	uint8_t digest[SHA1_DIGEST_SIZE];
	sha1_init(&ctx);
	sha1_update(&ctx, len, (const uint8_t *)data);
	sha1_digest(&ctx, sizeof digest, digest);
	unsigned long long value = 0;
	for (int i = 0; i < 8; i++)
		value = (value << 8) | digest[i];
	return value;
}

void anki_join_fields(const struct anki_note *note, struct buf *out)
{
	for (int f = 0; f < ANKI_FIELD_COUNT; f++) {
		if (f > 0)
			buf_putc(out, '\x1f');
		buf_puts(out, note->fields[f]);
	}
}

long long anki_stable_id(const char *text, long long base, long long span)
{
	return base + (long long)(anki_hash64(text, strlen(text)) % (unsigned long long)span);
}

/* Anki replaces <img src=NAME> (and audio, video, source, object) by " NAME "
 * before stripping tags, so a card showing only an image still sorts and
 * matches by its file name. Our fields only ever hold <img> media tags. */
static size_t media_name(const char *tag, size_t len, const char **name)
{
	if (len < 5 || strncasecmp(tag, "<img", 4) != 0)
		return 0;
	const char *src = NULL;
	for (size_t i = 4; i + 4 < len; i++) {
		if (strncasecmp(tag + i, "src=", 4) == 0) {
			src = tag + i + 4;
			break;
		}
	}
	if (!src)
		return 0;
	if (*src == '"' || *src == '\'')
		src++;
	size_t n = strcspn(src, "\"'>");
	*name = src;
	return n;
}

char *anki_strip_html(const char *html)
{
	struct buf out;
	buf_init(&out);
	size_t len = strlen(html);
	int has_entity = 0;
	for (size_t i = 0; i < len;) {
		if (html[i] == '<') {
			const char *end = strchr(html + i, '>');
			if (!end) { /* Anki's pattern needs the '>': the rest is text */
				buf_putc(&out, html[i++]);
				continue;
			}
			size_t tag_len = (size_t)(end - (html + i)) + 1;
			const char *name;
			size_t name_len = media_name(html + i, tag_len, &name);
			if (name_len) {
				buf_putc(&out, ' ');
				buf_put(&out, name, name_len);
				buf_putc(&out, ' ');
			}
			i += tag_len;
			continue;
		}
		/* Text up to the next tag, references decoded. */
		const char *lt = strchr(html + i, '<');
		size_t run = lt ? (size_t)(lt - (html + i)) : len - i;
		has_entity = has_entity || memchr(html + i, '&', run) != NULL;
		htmlsafe_unescape(&out, html + i, run);
		i += run;
	}
	if (out.failed) {
		buf_free(&out);
		return NULL;
	}
	char *text = out.data ? out.data : strdup("");
	/* When it decodes entities (only if there is an '&'), Anki also turns
	 * non-breaking spaces into plain ones. */
	for (char *nbsp; text && has_entity && (nbsp = strstr(text, "\xC2\xA0")) != NULL;) {
		*nbsp = ' ';
		memmove(nbsp + 1, nbsp + 2, strlen(nbsp + 2) + 1);
	}
	return text;
}

unsigned long anki_field_checksum(const char *html)
{
	char *text = anki_strip_html(html);
	if (!text)
		return 0;
	unsigned long long hash = anki_hash64(text, strlen(text));
	free(text);
	return (unsigned long)(hash >> 32);
}

/* One TSV cell: quoted CSV-style when it holds a tab, a line break or a quote. */
static void put_cell(FILE *out, const char *text, int last)
{
	if (strpbrk(text, "\t\n\r\"")) {
		fputc('"', out);
		for (const char *p = text; *p; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	} else {
		fputs(text, out);
	}
	fputc(last ? '\n' : '\t', out);
}

static const char *deck_name(const struct anki_deck_set *set, long long id)
{
	for (size_t i = 0; i < set->deck_count; i++)
		if (set->decks[i].id == id)
			return set->decks[i].name;
	return "Default";
}

int anki_write_tsv(FILE *out, const struct anki_deck_set *set)
{
	/* Columns: the five fields, then deck, tags and guid, named by the headers
	 * Anki 2.1.55+ reads (older versions skip '#' lines as comments). */
	fputs("#separator:tab\n#html:true\n#notetype:" ANKI_NOTETYPE_NAME "\n", out);
	fputs("#columns:", out);
	for (int f = 0; f < ANKI_FIELD_COUNT; f++)
		fprintf(out, "%s\t", ANKI_FIELD_NAMES[f]);
	fputs("Deck\tTags\tGUID\n", out);
	fprintf(out, "#deck column:%d\n#tags column:%d\n#guid column:%d\n", ANKI_FIELD_COUNT + 1,
		ANKI_FIELD_COUNT + 2, ANKI_FIELD_COUNT + 3);
	for (size_t i = 0; i < set->note_count; i++) {
		const struct anki_note *note = &set->notes[i];
		for (int f = 0; f < ANKI_FIELD_COUNT; f++)
			put_cell(out, note->fields[f], 0);
		put_cell(out, deck_name(set, note->deck_id), 0);
		put_cell(out, note->tags, 0);
		put_cell(out, note->guid, 1);
	}
	return ferror(out) ? -1 : 0;
}
