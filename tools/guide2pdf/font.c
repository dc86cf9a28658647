/* font.c: the fonts of the handout, found with fontconfig, loaded on first use.
 *
 * libharu has no font fallback: a character the current font lacks prints as
 * nothing. So every character is given the first face of a chain that has it
 * (the face the text asks for, then DejaVu Sans, Mono, Symbola, the CJK font,
 * a Hangul font for the syllables the CJK font's copy has no room for, a
 * Thai font, and a copy of the symbol font with only the characters above
 * U+FFFF, at their private codes: typeset.h),
 * judged by the font's own character set from fontconfig. Fonts come from a
 * cache of flattened copies (tools/fonts/flatten.py) when there is one, since
 * libharu loses composite glyphs and glyph ids above 32767 in the originals.
 *
 * A code token a theme makes bold or italic prefers a cut of the monospace
 * face (FACE_MONO_BOLD...), but only for a character FACE_MONO itself prints
 * at the same advance, so the theme never moves a character of the code.
 *
 * Owns: the faces (struct pdf_fonts), loading each into libharu once, the
 * choice of face per character and the advance widths, both kept per
 * character of the Basic Multilingual Plane since they are asked for every
 * character of the guide. Never: fails the document over a missing fallback
 * face (symbol, CJK): that is a warning, and the characters only it has print
 * as U+FFFD; a missing body or monospace face is an error. */
#include "guide2pdf/typeset.h"

#include "diag.h"
#include "fontcheck.h"
#include "script.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define WIDTH_UNKNOWN FONT_WIDTH_UNKNOWN
#define BMP_SIZE FONT_BMP

static const struct {
	const char *key;
	const char *fallback;
	int required;
	const char *copy; /* the suffix of a cached copy that is the only source */
	int cut;          /* a cut of the monospace face: missing, its tokens are
			     drawn from FACE_MONO stroked or slanted, no warning */
} FACE_SETTINGS[FACE_COUNT] = {
	[FACE_REGULAR] = {"font_body", "DejaVu Sans", 1},
	[FACE_BOLD] = {"font_bold", "DejaVu Sans:bold", 1},
	[FACE_ITALIC] = {"font_italic", "DejaVu Sans:oblique", 1},
	[FACE_BOLD_ITALIC] = {"font_bold_italic", "DejaVu Sans:bold:oblique", 1},
	[FACE_MONO] = {"font_mono", "DejaVu Sans Mono", 1},
	[FACE_SYMBOL] = {"font_symbol", "Symbola", 0},
	[FACE_CJK] = {"font_cjk", "WenQuanYi Zen Hei", 0},
	[FACE_HANGUL] = {"font_hangul", "NanumGothic", 0},
	[FACE_THAI] = {"font_thai", "Loma", 0},
	[FACE_ASTRAL] = {"font_astral", "Symbola", 0, "-astral"},
	[FACE_MONO_BOLD] = {"font_mono_bold", "DejaVu Sans Mono:bold", 0, NULL, 1},
	[FACE_MONO_ITALIC] = {"font_mono_italic", "DejaVu Sans Mono:oblique", 0, NULL, 1},
	[FACE_MONO_BOLD_ITALIC] = {"font_mono_bold_italic", "DejaVu Sans Mono:bold:oblique", 0,
				   NULL, 1},
};

/* The chains: the text's own face first, then what most likely has the rest. */
static const int TEXT_CHAIN[] = {FACE_REGULAR, FACE_MONO, FACE_SYMBOL, FACE_CJK, FACE_HANGUL,
				 FACE_THAI, FACE_ASTRAL};
static const int MONO_CHAIN[] = {FACE_MONO, FACE_REGULAR, FACE_SYMBOL, FACE_CJK, FACE_HANGUL,
				 FACE_THAI, FACE_ASTRAL};

static int family_matches(FcPattern *wanted, FcPattern *found)
{
	FcChar8 *want = NULL;
	if (FcPatternGetString(wanted, FC_FAMILY, 0, &want) != FcResultMatch)
		return 1;
	FcChar8 *family;
	for (int i = 0; FcPatternGetString(found, FC_FAMILY, i, &family) == FcResultMatch; i++)
		if (strcasecmp((const char *)family, (const char *)want) == 0)
			return 1;
	return 0;
}

/* CACHE_DIR/BASENAME[SUFFIX].ttf when that file exists and passes fontcheck
 * (a damaged copy is warned about and the installed font used), else NULL. */
static char *cached_copy(const char *cache_dir, const char *path, const char *suffix)
{
	if (!cache_dir)
		return NULL;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t stem = dot ? (size_t)(dot - base) : strlen(base);
	size_t need = strlen(cache_dir) + stem + strlen(suffix) + 6;
	char *copy = malloc(need);
	if (!copy)
		return NULL;
	snprintf(copy, need, "%s/%.*s%s.ttf", cache_dir, (int)stem, base, suffix);
	struct stat st;
	if (stat(copy, &st) != 0 || !S_ISREG(st.st_mode) || fontcheck_file(copy, 0) != 0) {
		free(copy);
		return NULL;
	}
	return copy;
}

/* The character set of the file libharu will load: a flattened copy may hold
 * fewer characters than the original. */
static FcCharSet *file_charset(const char *path, int index)
{
	int count = 0;
	FcPattern *pattern = FcFreeTypeQuery((const FcChar8 *)path, index, NULL, &count);
	if (!pattern)
		return NULL;
	FcCharSet *charset = NULL, *copy = NULL;
	if (FcPatternGetCharSet(pattern, FC_CHARSET, 0, &charset) == FcResultMatch)
		copy = FcCharSetCopy(charset);
	FcPatternDestroy(pattern);
	return copy;
}

/* The line of KEY in the style file, for messages (0 for a built-in default). */
static long setting_line(const struct style_conf *conf, const char *key)
{
	for (size_t i = 0; i < conf->count; i++)
		if (strcmp(conf->settings[i].key, key) == 0)
			return conf->settings[i].line;
	return 0;
}

/* COPY: the face exists only as a cached copy with that suffix; without
 * one it is missing, with no warning (the characters it alone has say why).
 * CUT: a cut of the monospace face, missing with no warning either. */
static int face_open(struct pdf_font *face, const char *spec, int required, const char *copy,
		     int cut, const char *conf_name, long line, const char *cache_dir)
{
	face->spec = strdup(spec);
	FcPattern *wanted = FcNameParse((const FcChar8 *)spec);
	if (!face->spec || !wanted) {
		FcPatternDestroy(wanted);
		diag_error(conf_name, line, "cannot parse font name '%s'", spec);
		return -1;
	}
	FcConfigSubstitute(NULL, wanted, FcMatchPattern);
	FcDefaultSubstitute(wanted);
	FcResult result;
	FcPattern *found = FcFontMatch(NULL, wanted, &result);
	FcChar8 *file = NULL;
	int index = 0;
	int ok = found && family_matches(wanted, found) &&
		 FcPatternGetString(found, FC_FILE, 0, &file) == FcResultMatch;
	if (ok) {
		FcPatternGetInteger(found, FC_INDEX, 0, &index);
		char *cached = cached_copy(cache_dir, (const char *)file, copy ? copy : "");
		if (copy && !cached) {
			FcPatternDestroy(found);
			FcPatternDestroy(wanted);
			return 0;
		}
		face->path = cached ? cached : strdup((const char *)file);
		face->index = cached ? 0 : index;
		face->flattened = cached != NULL;
		/* A fallback face's character set is read when first needed: reading
		 * it means parsing the whole font, and most guides never need it. */
		face->lazy = face->path && !required;
		if (!face->lazy)
			face->charset = face->path ? file_charset(face->path, face->index) : NULL;
		ok = face->lazy || face->charset != NULL;
	}
	FcPatternDestroy(found);
	FcPatternDestroy(wanted);
	if (ok)
		return 0;
	if (required) {
		diag_error(conf_name, line,
			   "font '%s' is not installed; install it (see tools/deps/build.txt) "
			   "or name another font in the style file", spec);
		return -1;
	}
	if (cut)
		return 0;
	diag_warning(conf_name, line,
		     "font '%s' is not installed; characters only it has will be missing", spec);
	return 0;
}

/* Without a bold or oblique file fontconfig gives the monospace face itself
 * for its cuts: that face is no cut, and its tokens are stroked or slanted
 * instead of printing upright and regular. */
static void drop_plain_cuts(struct pdf_fonts *fonts)
{
	const struct pdf_font *mono = &fonts->face[FACE_MONO];
	for (int i = 0; i < FACE_COUNT; i++) {
		struct pdf_font *cut = &fonts->face[i];
		if (!face_is_mono_cut(i) || !cut->path || !mono->path ||
		    strcmp(cut->path, mono->path) != 0 || cut->index != mono->index)
			continue;
		if (cut->charset)
			FcCharSetDestroy(cut->charset);
		free(cut->path);
		cut->path = NULL;
		cut->charset = NULL;
		cut->lazy = 0;
	}
}

int fonts_open(struct pdf_fonts *fonts, HPDF_Doc doc, const struct style_conf *conf,
	       const char *cache_dir)
{
	memset(fonts, 0, sizeof *fonts);
	fonts->doc = doc;
	if (!FcInit()) {
		diag_fatal("cannot initialise fontconfig");
		return -1;
	}
	int status = 0;
	for (int i = 0; i < FACE_COUNT; i++) {
		const char *spec =
			style_conf_get(conf, FACE_SETTINGS[i].key, FACE_SETTINGS[i].fallback);
		if (face_open(&fonts->face[i], spec, FACE_SETTINGS[i].required,
			      FACE_SETTINGS[i].copy, FACE_SETTINGS[i].cut, conf->name,
			      setting_line(conf, FACE_SETTINGS[i].key), cache_dir) != 0)
			status = -1;
	}
	drop_plain_cuts(fonts);
	return status;
}

void fonts_close(struct pdf_fonts *fonts)
{
	for (int i = 0; i < FACE_COUNT; i++) {
		struct pdf_font *face = &fonts->face[i];
		if (face->charset)
			FcCharSetDestroy(face->charset);
		free(face->spec);
		free(face->path);
		free(face->widths);
		free(face->picks);
	}
	memset(fonts, 0, sizeof *fonts);
	/* Frees fontconfig's configuration too, so leak checkers see a clean exit. */
	FcFini();
}

static int face_has(struct pdf_fonts *fonts, int face, uint32_t cp)
{
	struct pdf_font *f = &fonts->face[face];
	if (f->lazy) {
		f->lazy = 0;
		f->charset = file_charset(f->path, f->index);
		if (!f->charset)
			diag_warning(f->path, 0,
				     "cannot read the characters of this font (for '%s'); "
				     "characters only it has will be missing", f->spec);
	}
	/* Another font's glyphs at the private codes are its own characters,
	 * not the ones above U+FFFF the codes stand for. */
	if (astral_is_code(cp) && !f->flattened)
		return 0;
	return f->charset && cp < BMP_SIZE && FcCharSetHasChar(f->charset, cp);
}

/* A face that has CP and that libharu can load (tried on first use). */
static int face_usable(struct pdf_fonts *fonts, int face, uint32_t cp)
{
	return face_has(fonts, face, cp) && fonts_get(fonts, face) != NULL;
}

/* A code token in a cut of the monospace face: the cut only where FACE_MONO
 * itself prints CP and the cut prints it exactly as wide, so that wrapping
 * and the wrap marks fall where they would without the theme's weights;
 * anywhere else what FACE_MONO's chain gives (drawn stroked or slanted). */
static int pick_mono_cut(struct pdf_fonts *fonts, enum pdf_face cut, uint32_t cp)
{
	int plain = fonts_pick(fonts, FACE_MONO, cp);
	if (plain == FACE_MONO && face_usable(fonts, cut, cp) &&
	    fonts_width(fonts, cut, cp) == fonts_width(fonts, FACE_MONO, cp))
		return (int)cut;
	return plain;
}

/* Han and kana skip the symbol face for the CJK one: Symbola has a few of
 * them (中, の) in a design of its own, which would stand out in every line
 * of Chinese or Japanese. */
static int skips_symbol(struct pdf_fonts *fonts, uint32_t cp)
{
	enum script script = script_of(cp);
	return (script == SCRIPT_HAN || script == SCRIPT_KANA) && face_usable(fonts, FACE_CJK, cp);
}

static int pick_face(struct pdf_fonts *fonts, enum pdf_face preferred, uint32_t cp)
{
	if (face_is_mono_cut(preferred))
		return pick_mono_cut(fonts, preferred, cp);
	if (face_usable(fonts, preferred, cp))
		return (int)preferred;
	const int *chain = preferred == FACE_MONO ? MONO_CHAIN : TEXT_CHAIN;
	for (size_t i = 0; i < sizeof TEXT_CHAIN / sizeof TEXT_CHAIN[0]; i++)
		if (face_usable(fonts, chain[i], cp) &&
		    !(chain[i] == FACE_SYMBOL && skips_symbol(fonts, cp)))
			return chain[i];
	return -1;
}

/* The answers are kept, since asking fontconfig's character sets each time
 * cost more than the rest of layout. A face that fails to load does so on the
 * first ask, so answers do not change. */
int fonts_pick_slow(struct pdf_fonts *fonts, enum pdf_face preferred, uint32_t cp)
{
	struct pdf_font *f = &fonts->face[preferred];
	if (cp >= BMP_SIZE)
		return pick_face(fonts, preferred, cp);
	if (!f->picks) {
		f->picks = calloc(BMP_SIZE, sizeof *f->picks);
		if (!f->picks)
			return pick_face(fonts, preferred, cp);
	}
	if (f->picks[cp] == 0)
		f->picks[cp] = (int8_t)(pick_face(fonts, preferred, cp) + 2);
	return f->picks[cp] - 2;
}

/* libharu refused the font file: warn once and let the chain skip it. */
static void face_unusable(struct pdf_fonts *fonts, struct pdf_font *f)
{
	HPDF_ResetError(fonts->doc);
	diag_warning(f->path, 0,
		     "the PDF library cannot load this font (for '%s'); characters only it has "
		     "will be missing (run make to write the flattened font cache)",
		     f->spec);
	FcCharSetDestroy(f->charset);
	f->charset = NULL;
}

HPDF_Font fonts_get(struct pdf_fonts *fonts, int face)
{
	struct pdf_font *f = &fonts->face[face];
	if (f->font)
		return f->font;
	if (!f->path || !f->charset)
		return NULL;
	fonts->loading = 1;
	const char *name = f->index > 0
				   ? HPDF_LoadTTFontFromFile2(fonts->doc, f->path,
							      (HPDF_UINT)f->index, HPDF_TRUE)
				   : HPDF_LoadTTFontFromFile(fonts->doc, f->path, HPDF_TRUE);
	HPDF_Font font = name ? HPDF_GetFont(fonts->doc, name, "UTF-8") : NULL;
	fonts->loading = 0;
	if (!font || HPDF_GetError(fonts->doc) != HPDF_OK) {
		face_unusable(fonts, f);
		return NULL;
	}
	if (cmap_fix(font) != 0)
		return NULL;
	f->font = font;
	return font;
}

double fonts_width_slow(struct pdf_fonts *fonts, int face, uint32_t cp)
{
	if (face < 0 || cp >= BMP_SIZE)
		return 0;
	struct pdf_font *f = &fonts->face[face];
	if (!f->widths) {
		f->widths = malloc(BMP_SIZE * sizeof *f->widths);
		if (!f->widths)
			return 0;
		memset(f->widths, 0xFF, BMP_SIZE * sizeof *f->widths);
	}
	if (f->widths[cp] == WIDTH_UNKNOWN) {
		HPDF_Font font = fonts_get(fonts, face);
		HPDF_INT width = font ? HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp) : 0;
		f->widths[cp] = (uint16_t)(width > 0 && width < WIDTH_UNKNOWN ? width : 0);
	}
	return f->widths[cp];
}
