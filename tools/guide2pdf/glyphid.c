/* glyphid.c: libharu's character-to-glyph lookup, from a table.
 *
 * libharu 2.3.0 finds a character's glyph in a TrueType font by walking the
 * cmap's segments from the first, and loading a font as a UTF-8 CID font
 * asks for every one of the 65,536 codes: about 8 million instructions per
 * font, most of what a one-page guide's PDF costs. HPDF_TTFontDef_GetGlyphid
 * is exported and libharu calls it through its procedure linkage table, so
 * this definition is the one its calls reach (as memcopy.c's are);
 * tests/pdf-build.sh checks that the executable exports it.
 *
 * The first lookup in a font fills a table of all 65,536 answers in one pass
 * over the codes, with the same rule as libharu's: the first segment whose
 * end is not below the code, the code then below its start being no glyph.
 * As codes grow, that first segment can only move on, so one pointer walks
 * the segments, whatever their order. Two reads libharu makes past its
 * arrays (no segment left; an index equal to the glyph array's length) give
 * no glyph here.
 *
 * Lookups come in long runs in one font (loading it asks for every code), so
 * the font asked about last is tried before any other.
 *
 * Owns: the process's HPDF_TTFontDef_GetGlyphid and its tables, which live
 * as long as the process (one document per run). Never: any other part of
 * the font. */
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <stdint.h>
#include <stdlib.h>

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode);

#define CODES 65536
#define MAX_TABLES 64

/* A font's answers, known by its definition and the arrays of its cmap (a
 * definition freed and another made at its address has new arrays too). */
struct glyph_table {
	const void *fontdef, *attr;
	const HPDF_UINT16 *end_count, *glyph_ids;
	HPDF_UINT16 *gids;
};

static struct glyph_table tables[MAX_TABLES];
static size_t table_count;

static HPDF_UINT16 glyph_of(const HPDF_TTF_CmapRange *cmap, HPDF_UINT seg_count, HPDF_UINT i,
			    HPDF_UINT unicode)
{
	if (i >= seg_count || cmap->start_count[i] > unicode)
		return 0;
	if (cmap->id_range_offset[i] == 0)
		return (HPDF_UINT16)(unicode + (HPDF_UINT)cmap->id_delta[i]);
	HPDF_UINT idx = cmap->id_range_offset[i] / 2 + (unicode - cmap->start_count[i]) -
			(seg_count - i);
	if (idx >= cmap->glyph_id_array_count)
		return 0;
	return (HPDF_UINT16)(cmap->glyph_id_array[idx] + (HPDF_UINT)cmap->id_delta[i]);
}

static HPDF_UINT16 *fill_table(const HPDF_TTF_CmapRange *cmap)
{
	HPDF_UINT16 *gids = malloc(CODES * sizeof *gids);
	if (!gids)
		return NULL;
	HPDF_UINT seg_count = cmap->seg_count_x2 / 2, i = 0;
	for (HPDF_UINT unicode = 0; unicode < CODES; unicode++) {
		while (i < seg_count && unicode > cmap->end_count[i])
			i++;
		gids[unicode] = glyph_of(cmap, seg_count, i, unicode);
	}
	return gids;
}

static int is_table_of(const struct glyph_table *t, HPDF_FontDef fontdef,
		       const HPDF_TTFontDefAttr attr)
{
	return t->fontdef == fontdef && t->attr == attr && t->end_count == attr->cmap.end_count &&
	       t->glyph_ids == attr->cmap.glyph_id_array;
}

static const HPDF_UINT16 *table_of(HPDF_FontDef fontdef, const HPDF_TTFontDefAttr attr)
{
	for (size_t t = 0; t < table_count; t++)
		if (is_table_of(&tables[t], fontdef, attr))
			return tables[t].gids;
	if (table_count == MAX_TABLES)
		return NULL;
	HPDF_UINT16 *gids = fill_table(&attr->cmap);
	if (!gids)
		return NULL;
	tables[table_count++] = (struct glyph_table){fontdef, attr, attr->cmap.end_count,
						     attr->cmap.glyph_id_array, gids};
	return gids;
}

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
	/* The font asked about last, checked before anything else is read. */
	static HPDF_FontDef last_fontdef;
	static void *last_attr;
	static const HPDF_UINT16 *last_gids;
	if (fontdef == last_fontdef && fontdef->attr == last_attr)
		return last_gids[unicode];
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)fontdef->attr;
	const HPDF_TTF_CmapRange *cmap = &attr->cmap;
	if (cmap->format == 0)
		return cmap->glyph_id_array[unicode & 0xFF];
	if (cmap->seg_count_x2 == 0) {
		HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
		return 0;
	}
	const HPDF_UINT16 *gids = table_of(fontdef, attr);
	if (gids) {
		last_fontdef = fontdef;
		last_attr = fontdef->attr;
		last_gids = gids;
		return gids[unicode];
	}
	/* No room for a table: libharu's walk, one code at a time. */
	HPDF_UINT seg_count = cmap->seg_count_x2 / 2, i = 0;
	while (i < seg_count && unicode > cmap->end_count[i])
		i++;
	return glyph_of(cmap, seg_count, i, unicode);
}
