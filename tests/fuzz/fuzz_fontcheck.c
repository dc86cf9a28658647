/* fuzz_fontcheck: a libFuzzer target for the font check (tools/lib/fontcheck.c)
 * and for its promise: a font it passes is one libharu loads, measures and
 * embeds without reading or writing out of bounds, in bounded time. So every
 * font that passes goes on to libharu the way guide2pdf uses it. */
#include "fontcheck.h"

#include <hpdf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[300];

static void remove_file(void) { unlink(path); }

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	(void)error;
	(void)detail;
	(void)data;
}

/* Loads, measures and embeds the font at PATH; failing cleanly is fine. */
static void through_libharu(void)
{
	HPDF_Doc doc = HPDF_New(on_error, NULL);
	if (!doc)
		return;
	HPDF_UseUTFEncodings(doc);
	const char *name = HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE);
	HPDF_Font font = name ? HPDF_GetFont(doc, name, "UTF-8") : NULL;
	HPDF_Page page = font ? HPDF_AddPage(doc) : NULL;
	if (page && HPDF_GetError(doc) == HPDF_OK) {
		static const HPDF_UNICODE probes[] = {0x20, 'A', 'g', 0xE9, 0x2500, 0xFFFD, 0xFFFF};
		for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++)
			(void)HPDF_Font_GetUnicodeWidth(font, probes[i]);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, 12);
		HPDF_Page_ShowText(page, "Ag \xc3\xa9\xe2\x94\x80");
		HPDF_Page_EndText(page);
		HPDF_SaveToStream(doc);
	}
	HPDF_Free(doc);
}

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

/* Mostly overwrites a few bytes in place: a font whose offsets still hold
 * passes the check far more often than one with bytes inserted or erased, and
 * only a font that passes reaches libharu. One time in eight, libFuzzer's own
 * mutations. The inputs stay whole fonts, so a crash is a font to replay. */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	static const uint8_t VALUES[] = {0x00, 0x01, 0x02, 0x7F, 0x80, 0xFE, 0xFF};
	uint32_t state = seed * 2654435761u + 1;
	if (size < 16 || (state >> 29) == 0)
		return LLVMFuzzerMutate(data, size, max_size);
	int edits = 1 + (int)(state % 4);
	for (int i = 0; i < edits; i++) {
		state = state * 1103515245u + 12345u;
		size_t at = (state >> 8) % size;
		state = state * 1103515245u + 12345u;
		data[at] = (state >> 16) & 1 ? VALUES[(state >> 8) % sizeof VALUES]
					     : (uint8_t)(state >> 8);
	}
	return size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256] = "";
	if (fontcheck_memory(data, size, 0, why, sizeof why) != 0) {
		if (!why[0])
			abort(); /* refused without a reason */
		return 0;
	}
	if (!path[0]) {
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(path, sizeof path, "%s/guide-fuzz-font-%ld.ttf", base, (long)getpid());
		atexit(remove_file);
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	through_libharu();
	return 0;
}
