/* fontfind: a font's file by its family name, via fontconfig. */
#include "fontfind.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

char *fontfind_file(const char *family)
{
	if (!FcInit())
		return NULL;
	FcPattern *pattern = FcNameParse((const FcChar8 *)family);
	char *path = NULL;
	if (pattern && FcConfigSubstitute(NULL, pattern, FcMatchPattern)) {
		FcDefaultSubstitute(pattern);
		FcResult result;
		FcPattern *match = FcFontMatch(NULL, pattern, &result);
		FcChar8 *file = NULL, *found = NULL;
		if (match && FcPatternGetString(match, FC_FAMILY, 0, &found) == FcResultMatch &&
		    FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
		    strcmp((const char *)found, family) == 0)
			path = strdup((const char *)file);
		if (match)
			FcPatternDestroy(match);
	}
	if (pattern)
		FcPatternDestroy(pattern);
	/* Frees fontconfig's caches, which leak checkers would otherwise report. */
	FcFini();
	return path;
}
