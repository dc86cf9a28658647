/* glyphid-diff: guide2pdf's HPDF_TTFontDef_GetGlyphid (glyphid.c, linked in)
 * against libharu's own (found in libhpdf with dlsym), for all 65,536 codes
 * of each TrueType font given. Prints "N fonts, M codes, D differ". */
#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <stdio.h>

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode);

static void ignore(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	(void)error;
	(void)detail;
	(void)data;
}

int main(int argc, char **argv)
{
	void *lib = dlopen("libhpdf-2.3.0.so", RTLD_NOW | RTLD_NOLOAD);
	HPDF_UINT16 (*theirs)(HPDF_FontDef, HPDF_UINT16) =
		lib ? (HPDF_UINT16(*)(HPDF_FontDef, HPDF_UINT16))dlsym(lib, "HPDF_TTFontDef_GetGlyphid")
		    : NULL;
	if (!theirs || theirs == HPDF_TTFontDef_GetGlyphid) {
		printf("libharu's own lookup not found\n");
		return 2;
	}
	HPDF_Doc doc = HPDF_New(ignore, NULL);
	int fonts = 0;
	long codes = 0, differ = 0;
	for (int i = 1; i < argc; i++) {
		const char *name = HPDF_LoadTTFontFromFile(doc, argv[i], HPDF_FALSE);
		HPDF_FontDef fontdef = name ? HPDF_GetFontDef(doc, name) : NULL;
		if (!fontdef) {
			printf("%s: not loaded\n", argv[i]);
			HPDF_ResetError(doc);
			continue;
		}
		fonts++;
		for (unsigned code = 0; code < 65536; code++, codes++) {
			/* Ours first: its table is filled on the first lookup. */
			HPDF_UINT16 a = HPDF_TTFontDef_GetGlyphid(fontdef, (HPDF_UINT16)code);
			HPDF_UINT16 b = theirs(fontdef, (HPDF_UINT16)code);
			if (a != b && differ++ < 5)
				printf("%s: U+%04X: %u, libharu %u\n", argv[i], code, a, b);
		}
	}
	HPDF_Free(doc);
	printf("%d fonts, %ld codes, %ld differ\n", fonts, codes, differ);
	return differ ? 1 : 0;
}
