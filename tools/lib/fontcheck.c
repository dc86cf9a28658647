/* fontcheck: TrueType files checked against what libharu trusts in them.
 * Reads only: never repairs a font, never calls libharu. */
#include "fontcheck.h"
#include "diag.h"
#include "input.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libharu refuses a directory of more than 10000 bytes of its own records. */
#define FONTCHECK_MAX_TABLES 512
#define FONTCHECK_MIN_UNITS_PER_EM 16
#define FONTCHECK_MAX_UNITS_PER_EM 16384

struct font {
	const unsigned char *data;
	size_t len;
	size_t dir;      /* offset of the table directory */
	unsigned tables; /* its number of records */
	char *why;
	size_t why_size;
};

struct table {
	size_t offset, length;
};

static uint32_t be16(const unsigned char *p) { return (uint32_t)p[0] << 8 | p[1]; }

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

__attribute__((format(printf, 2, 3))) static int fail(struct font *f, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	vsnprintf(f->why, f->why_size, fmt, args);
	va_end(args);
	return -1;
}

/* The table directory of face INDEX: a plain font's, or one a collection
 * (ttcf) points at. */
static int find_directory(struct font *f, unsigned index)
{
	if (f->len < 12)
		return fail(f, "the file is too short to be a font");
	f->dir = 0;
	if (memcmp(f->data, "ttcf", 4) == 0) {
		uint32_t faces = be32(f->data + 8);
		if (index >= faces || 12 + 4 * (uint64_t)faces > f->len)
			return fail(f, "the collection has no face %u", index);
		f->dir = be32(f->data + 12 + 4 * (size_t)index);
	} else if (index != 0) {
		return fail(f, "face %u asked of a font that is not a collection", index);
	}
	if ((uint64_t)f->dir + 12 > f->len)
		return fail(f, "the table directory is past the end of the file");
	uint32_t version = be32(f->data + f->dir);
	if (version == 0x4F54544F) /* "OTTO" */
		return fail(f, "it has PostScript (CFF) outlines; the PDF library embeds only "
			       "TrueType outlines");
	if (version != 0x00010000 && version != 0x74727565) /* "true" */
		return fail(f, "it is not a TrueType font");
	f->tables = be16(f->data + f->dir + 4);
	if (f->tables == 0 || f->tables > FONTCHECK_MAX_TABLES)
		return fail(f, "its directory claims %u tables", f->tables);
	if ((uint64_t)f->dir + 12 + 16 * (uint64_t)f->tables > f->len)
		return fail(f, "its table directory is cut short");
	return 0;
}

/* Every table lies inside the file: libharu copies each byte for byte, so a
 * length of 4 GB would cost minutes before it failed. */
static int check_extents(struct font *f)
{
	for (unsigned i = 0; i < f->tables; i++) {
		const unsigned char *record = f->data + f->dir + 12 + 16 * (size_t)i;
		uint64_t offset = be32(record + 8), length = be32(record + 12);
		if (offset + length > f->len)
			return fail(f, "table '%.4s' claims %llu bytes at offset %llu, past the end "
				       "of the file (%zu bytes)",
				    (const char *)record, (unsigned long long)length,
				    (unsigned long long)offset, f->len);
	}
	return 0;
}

static int find_table(struct font *f, const char *tag, size_t min_length, struct table *t)
{
	for (unsigned i = 0; i < f->tables; i++) {
		const unsigned char *record = f->data + f->dir + 12 + 16 * (size_t)i;
		if (memcmp(record, tag, 4) != 0)
			continue;
		t->offset = be32(record + 8);
		t->length = be32(record + 12);
		if (t->length < min_length)
			return fail(f, "table '%s' is %zu bytes, too short (at least %zu)", tag,
				    t->length, min_length);
		return 0;
	}
	return fail(f, "it has no '%s' table", tag);
}

struct metrics {
	uint32_t glyphs, h_metrics, loca_format;
};

static int check_head_maxp_hhea(struct font *f, struct metrics *m)
{
	struct table head, maxp, hhea, post;
	if (find_table(f, "head", 54, &head) != 0 || find_table(f, "maxp", 6, &maxp) != 0 ||
	    find_table(f, "hhea", 36, &hhea) != 0 || find_table(f, "post", 32, &post) != 0)
		return -1;
	const unsigned char *h = f->data + head.offset;
	if (be32(h + 12) != 0x5F0F3CF5)
		return fail(f, "its 'head' table has no magic number");
	uint32_t units = be16(h + 18);
	if (units < FONTCHECK_MIN_UNITS_PER_EM || units > FONTCHECK_MAX_UNITS_PER_EM)
		return fail(f, "its unitsPerEm is %u", units);
	m->loca_format = be16(h + 50);
	if (m->loca_format > 1)
		return fail(f, "its indexToLocFormat is %u (0 or 1)", m->loca_format);
	m->glyphs = be16(f->data + maxp.offset + 4);
	m->h_metrics = be16(f->data + hhea.offset + 34);
	if (m->glyphs == 0)
		return fail(f, "it has no glyphs");
	if (m->h_metrics == 0 || m->h_metrics > m->glyphs)
		return fail(f, "it has %u horizontal metrics for %u glyphs", m->h_metrics,
			    m->glyphs);
	return 0;
}

static int check_hmtx_loca(struct font *f, const struct metrics *m)
{
	struct table hmtx, loca, glyf;
	size_t entry = m->loca_format ? 4 : 2;
	if (find_table(f, "hmtx", 4 * (size_t)m->h_metrics + 2 * (size_t)(m->glyphs - m->h_metrics),
		       &hmtx) != 0 ||
	    find_table(f, "loca", entry * ((size_t)m->glyphs + 1), &loca) != 0 ||
	    find_table(f, "glyf", 0, &glyf) != 0)
		return -1;
	/* Glyph i is loca[i]..loca[i+1]: a step back would be a length of ~4 GB. */
	uint64_t previous = 0;
	for (size_t i = 0; i <= m->glyphs; i++) {
		const unsigned char *p = f->data + loca.offset + i * entry;
		uint64_t at = m->loca_format ? be32(p) : 2 * (uint64_t)be16(p);
		if (at < previous || at > glyf.length)
			return fail(f, "its 'loca' entry %zu (%llu) is out of order or past 'glyf'",
				    i, (unsigned long long)at);
		previous = at;
	}
	return 0;
}

/* The glyph libharu's lookup finds for code C in segment I (its own
 * arithmetic, wrapping included), or -1 where it would read past the glyph
 * array. */
static long segment_glyph(const unsigned char *sub, uint32_t segments, uint32_t array_count,
			  uint32_t i, uint32_t c)
{
	const unsigned char *starts = sub + 16 + 2 * segments, *deltas = starts + 2 * segments;
	const unsigned char *ranges = deltas + 2 * segments, *array = ranges + 2 * segments;
	uint32_t delta = be16(deltas + 2 * i), range = be16(ranges + 2 * i);
	if (range == 0)
		return (long)((c + delta) & 0xFFFF);
	uint32_t index = range / 2 + (c - be16(starts + 2 * i)) - (segments - i);
	if (index > array_count)
		return 0;
	if (index == array_count)
		return -1;
	return (long)((be16(array + 2 * index) + delta) & 0xFFFF);
}

/* Every code point through a format 4 subtable, as libharu's lookup walks it:
 * the first segment whose end is at or above the code decides. The last
 * segment must end at U+FFFF (else the walk runs off the arrays), and every
 * glyph it finds must exist (it indexes loca with it unchecked). At most
 * 65,536 codes, whatever the segments claim. */
static int check_segments(struct font *f, const unsigned char *sub, uint32_t segments,
			  uint32_t array_count, uint32_t glyphs)
{
	const unsigned char *ends = sub + 14, *starts = ends + 2 * segments + 2;
	if (be16(ends + 2 * (segments - 1)) != 0xFFFF)
		return fail(f, "its cmap's last segment does not end at U+FFFF");
	long covered = -1; /* codes up to here are decided by earlier segments */
	for (uint32_t i = 0; i < segments && covered < 0xFFFF; i++) {
		long end = (long)be16(ends + 2 * i), start = (long)be16(starts + 2 * i);
		for (long c = start > covered ? start : covered + 1; c <= end; c++) {
			long glyph = segment_glyph(sub, segments, array_count, i, (uint32_t)c);
			if (glyph < 0 || glyph >= (long)glyphs)
				return fail(f, "its cmap maps U+%04lX to glyph %ld of %u", c, glyph,
					    glyphs);
		}
		if (end > covered)
			covered = end;
	}
	return 0;
}

static int check_cmap(struct font *f, uint32_t glyphs)
{
	struct table cmap;
	if (find_table(f, "cmap", 4, &cmap) != 0)
		return -1;
	const unsigned char *c = f->data + cmap.offset;
	uint32_t count = be16(c + 2);
	if (be16(c) != 0 || 4 + 8 * (size_t)count > cmap.length)
		return fail(f, "its 'cmap' table header is damaged");
	for (uint32_t i = 0; i < count; i++) {
		const unsigned char *record = c + 4 + 8 * (size_t)i;
		uint64_t at = be32(record + 4);
		if (at + 2 > cmap.length)
			return fail(f, "its cmap subtable %u is past the table", i);
		const unsigned char *sub = c + at;
		if (be16(record) != 3 || be16(record + 2) != 1 || be16(sub) != 4)
			continue;
		uint32_t length = at + 14 <= cmap.length ? be16(sub + 2) : 0;
		uint32_t segments = at + 14 <= cmap.length ? be16(sub + 6) / 2 : 0;
		if (segments == 0 || length < 16 + 8 * segments || at + length > cmap.length)
			return fail(f, "its Unicode cmap (format 4) is damaged");
		return check_segments(f, sub, segments, (length - 16 - 8 * segments) / 2, glyphs);
	}
	return fail(f, "it has no Unicode cmap (platform 3, encoding 1, format 4)");
}

static int check_name_os2(struct font *f)
{
	struct table name, os2;
	if (find_table(f, "name", 6, &name) != 0 || find_table(f, "OS/2", 78, &os2) != 0)
		return -1;
	const unsigned char *n = f->data + name.offset;
	uint32_t count = be16(n + 2), strings = be16(n + 4);
	if (count == 0 || 6 + 12 * (size_t)count > name.length)
		return fail(f, "its 'name' table holds %u records in %zu bytes", count, name.length);
	for (uint32_t i = 0; i < count; i++) {
		const unsigned char *record = n + 6 + 12 * (size_t)i;
		if ((size_t)strings + be16(record + 10) + be16(record + 8) > name.length)
			return fail(f, "its name record %u is past the 'name' table", i);
	}
	if (be16(f->data + os2.offset) > 0 && os2.length < 86)
		return fail(f, "its 'OS/2' table is too short for its version");
	return 0;
}

/* The last word: FreeType, which is fuzzed on far more fonts than these
 * checks imagine, must open the face too. */
static int check_freetype(struct font *f, unsigned index)
{
	FT_Library library;
	if (FT_Init_FreeType(&library) != 0)
		return fail(f, "FreeType cannot start");
	FT_Face face;
	FT_Error error = FT_New_Memory_Face(library, f->data, (FT_Long)f->len, (FT_Long)index,
					    &face);
	int status = 0;
	if (error != 0)
		status = fail(f, "FreeType cannot open it (error %d)", error);
	else if (face->num_glyphs < 1)
		status = fail(f, "FreeType finds no glyphs in it");
	if (error == 0)
		FT_Done_Face(face);
	FT_Done_FreeType(library);
	return status;
}

int fontcheck_memory(const unsigned char *data, size_t len, unsigned index, char *why,
		     size_t why_size)
{
	struct font f = {data, len, 0, 0, why, why_size};
	struct metrics m = {0, 0, 0};
	if (find_directory(&f, index) != 0 || check_extents(&f) != 0 ||
	    check_head_maxp_hhea(&f, &m) != 0 || check_hmtx_loca(&f, &m) != 0 ||
	    check_cmap(&f, m.glyphs) != 0 || check_name_os2(&f) != 0)
		return -1;
	return check_freetype(&f, index);
}

int fontcheck_file(const char *path, unsigned index)
{
	size_t len;
	const char *why;
	unsigned char *data;
	struct stat st;
	char reason[256];
	int status = input_read_regular(path, 0, FONTCHECK_MAX_BYTES, &data, &len, &st, &why);
	if (status != 0)
		snprintf(reason, sizeof reason, "it %s", why);
	else
		status = fontcheck_memory(data, len, index, reason, sizeof reason);
	if (status != 0)
		diag_warning(path, 0, "this font file is damaged or not usable (%s); it is not used",
			     reason);
	free(data);
	return status;
}
