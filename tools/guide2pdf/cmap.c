/* cmap.c: a correct ToUnicode map for libharu's UTF-8 TrueType fonts.
 *
 * With HPDF_UseUTFEncodings the codes libharu writes are the characters'
 * UTF-16 code units (BMP only) and its CIDToGIDMap turns them into glyphs, so
 * the right ToUnicode map is the identity, but for the private codes that
 * stand for characters above U+FFFF (typeset.h), which map to those
 * characters as UTF-16 surrogate pairs, and the Arabic presentation forms
 * that bidi.c shapes letters into, which map to the letters they stand for.
 * libharu 2.3.0 writes a CID map in its
 * place ("begincidrange" in a ToUnicode stream), which readers reject, so search
 * and copy and paste lose the text. We rewrite the stream's content before the
 * document is saved.
 *
 * Owns: the ToUnicode stream of each font libharu loads. Never: touches the
 * glyphs, widths or the codes written in the content streams. */
#include "guide2pdf/typeset.h"

#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <utf8proc.h>

/* A bfrange may not cross a change of the first byte; at most 100 per block. */
#define RANGES_PER_BLOCK 100

static const char CMAP_HEAD[] = "/CIDInit /ProcSet findresource begin\n"
				"12 dict begin\n"
				"begincmap\n"
				"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
				"/CMapName /Adobe-Identity-UCS def\n"
				"/CMapType 2 def\n"
				"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
static const char CMAP_TAIL[] = "endcmap\n"
				"CMapName currentdict /CMap defineresource pop\n"
				"end\nend\n";

static int is_surrogate_row(unsigned row)
{
	return row >= 0xD8 && row <= 0xDF;
}

/* One row of 256 codes: the identity, or the row of characters above U+FFFF
 * its private codes stand for. Those rows start at a multiple of 256, so the
 * last byte of the pair counts up through the row without a carry. */
static void format_range(char *line, size_t size, unsigned row)
{
	uint32_t first = astral_char(row << 8);
	if (first == row << 8) {
		snprintf(line, size, "<%02X00> <%02XFF> <%02X00>\n", row, row, row);
		return;
	}
	uint32_t offset = first - 0x10000;
	snprintf(line, size, "<%02X00> <%02XFF> <%04X%04X>\n", row, row,
		 (unsigned)(0xD800 + (offset >> 10)), (unsigned)(0xDC00 + (offset & 0x3FF)));
}

/* Arabic presentation forms B, U+FE70-U+FEFC, in the row written apart. */
#define FORMS_ROW 0xFEu
#define FORMS_FIRST 0xFE70u
#define FORMS_LAST 0xFEFCu

/* The letters of presentation form CP (its compatibility decomposition, less
 * the space an isolated mark carries) as UTF-16 hex, at most 4 units. */
static void format_letters(char *out, size_t size, uint32_t cp)
{
	utf8proc_int32_t letters[4];
	int bound = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)cp, letters, 4,
						     UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &bound);
	utf8proc_ssize_t first = n > 1 && letters[0] == ' ' ? 1 : 0;
	if (n < 1 || n > 4) {
		snprintf(out, size, "%04X", (unsigned)cp);
		return;
	}
	size_t len = 0;
	for (utf8proc_ssize_t i = first; i < n && len + 5 <= size; i++)
		len += (size_t)snprintf(out + len, size - len, "%04X", (unsigned)letters[i]);
}

static int write_forms(HPDF_Stream stream)
{
	char line[64], letters[24];
	if (HPDF_Stream_WriteStr(stream, "2 beginbfrange\n<FE00> <FE6F> <FE00>\n"
					 "<FEFD> <FEFF> <FEFD>\nendbfrange\n") != HPDF_OK)
		return -1;
	for (uint32_t first = FORMS_FIRST; first <= FORMS_LAST; first += RANGES_PER_BLOCK) {
		uint32_t last = first + RANGES_PER_BLOCK - 1 < FORMS_LAST ? first + RANGES_PER_BLOCK - 1
									  : FORMS_LAST;
		snprintf(line, sizeof line, "%u beginbfchar\n", (unsigned)(last - first + 1));
		if (HPDF_Stream_WriteStr(stream, line) != HPDF_OK)
			return -1;
		for (uint32_t cp = first; cp <= last; cp++) {
			format_letters(letters, sizeof letters, cp);
			snprintf(line, sizeof line, "<%04X> <%s>\n", (unsigned)cp, letters);
			if (HPDF_Stream_WriteStr(stream, line) != HPDF_OK)
				return -1;
		}
		if (HPDF_Stream_WriteStr(stream, "endbfchar\n") != HPDF_OK)
			return -1;
	}
	return 0;
}

static int write_ranges(HPDF_Stream stream)
{
	unsigned rows[256], count = 0;
	for (unsigned row = 0; row < 256; row++)
		if (!is_surrogate_row(row) && row != FORMS_ROW)
			rows[count++] = row;
	char line[64];
	for (unsigned first = 0; first < count; first += RANGES_PER_BLOCK) {
		unsigned n = count - first < RANGES_PER_BLOCK ? count - first : RANGES_PER_BLOCK;
		snprintf(line, sizeof line, "%u beginbfrange\n", n);
		if (HPDF_Stream_WriteStr(stream, line) != HPDF_OK)
			return -1;
		for (unsigned i = first; i < first + n; i++) {
			format_range(line, sizeof line, rows[i]);
			if (HPDF_Stream_WriteStr(stream, line) != HPDF_OK)
				return -1;
		}
		if (HPDF_Stream_WriteStr(stream, "endbfrange\n") != HPDF_OK)
			return -1;
	}
	return 0;
}

int cmap_fix(HPDF_Font font)
{
	HPDF_Dict map = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (!map || !map->stream)
		return -1;
	HPDF_MemStream_FreeData(map->stream);
	if (HPDF_Stream_WriteStr(map->stream, CMAP_HEAD) != HPDF_OK ||
	    write_ranges(map->stream) != 0 || write_forms(map->stream) != 0 ||
	    HPDF_Stream_WriteStr(map->stream, CMAP_TAIL) != HPDF_OK)
		return -1;
	return 0;
}
