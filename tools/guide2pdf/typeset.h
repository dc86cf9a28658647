/* typeset.h: setting text in a PDF, with no knowledge of pages or handouts.
 *
 * What any program that draws guide text into a libharu page links: the
 * handout (guide2pdf) and, later, printable cards. Nothing here knows a page
 * break, a margin, a header, the guide tree or the style file's handout
 * settings; a caller brings the page and the sizes.
 *
 * font.c    finds the fonts with fontconfig, loads them into libharu on first
 *           use and picks, per character, the first font of a fallback chain
 *           that has it.
 * text.c    text runs: UTF-8 as measured glyphs in styles, and line breaking.
 * codelayout.c code as lines of text: tabs, wrapping, diagrams shrunk to fit.
 * content.c writes the drawing operators, and runs of glyphs, into a page's
 *           content stream.
 * bidi.c    puts a line with right-to-left text in visual order (FriBidi).
 * cmap.c    replaces the ToUnicode map libharu writes with a correct one.
 * deflate.c compresses libharu's streams with libdeflate; nothing of it is
 *           declared here: it stands in for zlib's deflate at link time. */
#ifndef GUIDE2PDF_TYPESET_H
#define GUIDE2PDF_TYPESET_H

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

#include "style.h"

/* ---- fonts ------------------------------------------------------------- */
enum pdf_face {
	FACE_REGULAR,
	FACE_BOLD,
	FACE_ITALIC,
	FACE_BOLD_ITALIC,
	FACE_MONO,
	FACE_SYMBOL,
	FACE_CJK,
	FACE_HANGUL, /* after the CJK font: Hangul its cut-down copy leaves out */
	FACE_THAI,
	FACE_ASTRAL, /* only the characters above U+FFFF, at their private codes */
	/* The monospace face's own bold and slanted cuts, for code tokens
	 * (a theme's "bold", "italic"): used only where they print a character
	 * exactly as wide as FACE_MONO does, so code lays out as it would in
	 * FACE_MONO alone (fonts_pick); elsewhere the character is drawn in
	 * the face FACE_MONO's chain gives it, stroked or slanted (content.c). */
	FACE_MONO_BOLD,
	FACE_MONO_ITALIC,
	FACE_MONO_BOLD_ITALIC,
	FACE_COUNT
};

struct pdf_font {
	char *spec;           /* fontconfig pattern, from the style file */
	char *path;           /* the file libharu loads (flattened copy if cached) */
	int index;            /* face index in a collection */
	void *charset;        /* FcCharSet *, NULL when the font is missing */
	int lazy;             /* charset not read yet (a fallback face) */
	int flattened;        /* a copy from the cache: has the private codes */
	HPDF_Font font;       /* NULL until first use */
	uint16_t *widths;     /* per BMP code point, in 1/1000 em; FONT_WIDTH_UNKNOWN */
	int8_t *picks;        /* per BMP code point, with this face preferred: 2 + the
				 face that prints it (1: none has it), 0 not yet asked */
};

struct pdf_fonts {
	HPDF_Doc doc;
	int loading;          /* a libharu error now means "this font will not load" */
	uint8_t warned[0x10000 / 8]; /* BMP characters already reported missing */
	struct pdf_font face[FACE_COUNT];
};

/* The bold, or italic, face of FACE; monospace stays monospace. */
static inline enum pdf_face face_bold(enum pdf_face face)
{
	return face == FACE_ITALIC ? FACE_BOLD_ITALIC : face == FACE_MONO ? FACE_MONO : FACE_BOLD;
}

static inline enum pdf_face face_italic(enum pdf_face face)
{
	return face == FACE_BOLD ? FACE_BOLD_ITALIC : face == FACE_MONO ? FACE_MONO : FACE_ITALIC;
}

/* The monospace face, or its cut that is BOLD and/or ITALIC (a code token's
 * look in its theme). */
static inline enum pdf_face face_mono_look(int bold, int italic)
{
	return bold && italic ? FACE_MONO_BOLD_ITALIC
	       : bold	      ? FACE_MONO_BOLD
	       : italic	      ? FACE_MONO_ITALIC
			      : FACE_MONO;
}

static inline int face_is_mono_cut(int face)
{
	return face == FACE_MONO_BOLD || face == FACE_MONO_ITALIC || face == FACE_MONO_BOLD_ITALIC;
}

/* fontcache.c: the folder of flattened fonts to embed from: OPTION
 * (--font-cache DIR) as given, else CONF's font_cache (a relative path from
 * its style file's folder; one that is no folder is a warning), else the
 * tool's own (tools/lib/datadir.h). Returns 0 and *FOLDER malloc'd, or the
 * exit status after an error. */
int fonts_find_cache(const char *option, const struct style_conf *conf, char **folder);

/* Finds every face named in CONF (font_body, font_mono, ...) through
 * fontconfig, preferring a flattened copy in CACHE_DIR (NULL: none). A missing body or
 * monospace font is an error (-1); a missing symbol or CJK font a warning. */
int fonts_open(struct pdf_fonts *fonts, HPDF_Doc doc, const struct style_conf *conf,
	       const char *cache_dir);
void fonts_close(struct pdf_fonts *fonts);
/* The libharu font of FACE, loaded on first use; NULL on failure. */
HPDF_Font fonts_get(struct pdf_fonts *fonts, int face);
#define FONT_BMP 0x10000
#define FONT_WIDTH_UNKNOWN 0xFFFF
int fonts_pick_slow(struct pdf_fonts *fonts, enum pdf_face preferred, uint32_t cp);
double fonts_width_slow(struct pdf_fonts *fonts, int face, uint32_t cp);

/* The face that prints CP, trying PREFERRED first, or -1 if none has it.
 * Asked for every character of the guide, twice: the answers kept per
 * character are read here without a call. */
static inline int fonts_pick(struct pdf_fonts *fonts, enum pdf_face preferred, uint32_t cp)
{
	const int8_t *picks = fonts->face[preferred].picks;
	if (picks && cp < FONT_BMP && picks[cp] != 0)
		return picks[cp] - 2;
	return fonts_pick_slow(fonts, preferred, cp);
}

/* Advance width of CP in FACE, in 1/1000 em. */
static inline double fonts_width(struct pdf_fonts *fonts, int face, uint32_t cp)
{
	if (face >= 0 && cp < FONT_BMP) {
		const uint16_t *widths = fonts->face[face].widths;
		if (widths && widths[cp] != FONT_WIDTH_UNKNOWN)
			return widths[cp];
	}
	return fonts_width_slow(fonts, face, cp);
}

/* ---- characters above U+FFFF ------------------------------------------ */
/* libharu's fonts address the Basic Multilingual Plane only. The astral copy
 * of the symbol font (FACE_ASTRAL; tools/fonts/flatten.py, the same table)
 * gives the characters of these blocks a second code in the Private Use Area,
 * which is what the content streams hold, and cmap.c gives the real
 * characters back in the ToUnicode map. A glyph's cp is that code; astral_char reads it back. Real
 * characters of the private range in the text are refused (text.c), so a
 * code there always stands for its character above U+FFFF. */
#define ASTRAL_CODE_FIRST 0xE000u
#define ASTRAL_CODE_LAST 0xEEFFu
#define ASTRAL_EMOJI 0x1F000u /* emoji and symbols, to U+1FAFF: U+E000.. */
#define ASTRAL_EMOJI_CODE 0xE000u
#define ASTRAL_EMOJI_LAST 0x1FAFFu
#define ASTRAL_MATH 0x1D400u /* mathematical letters, to U+1D7FF: U+EB00.. */
#define ASTRAL_MATH_CODE 0xEB00u
#define ASTRAL_MATH_LAST 0x1D7FFu

static inline int astral_is_code(uint32_t cp)
{
	return cp >= ASTRAL_CODE_FIRST && cp <= ASTRAL_CODE_LAST;
}

/* The code of CP (above U+FFFF) in the font copies, or 0 when it has none. */
static inline uint32_t astral_code(uint32_t cp)
{
	if (cp >= ASTRAL_EMOJI && cp <= ASTRAL_EMOJI_LAST)
		return ASTRAL_EMOJI_CODE + (cp - ASTRAL_EMOJI);
	if (cp >= ASTRAL_MATH && cp <= ASTRAL_MATH_LAST)
		return ASTRAL_MATH_CODE + (cp - ASTRAL_MATH);
	return 0;
}

/* The character a glyph's CP stands for: itself, or the character above
 * U+FFFF of a private code. */
static inline uint32_t astral_char(uint32_t cp)
{
	if (!astral_is_code(cp))
		return cp;
	return cp >= ASTRAL_MATH_CODE ? ASTRAL_MATH + (cp - ASTRAL_MATH_CODE)
				      : ASTRAL_EMOJI + (cp - ASTRAL_EMOJI_CODE);
}

/* Zero-width characters that join and vary emoji and words: a flattened
 * copy draws them as an empty glyph, any other font may draw a box. */
static inline int char_is_invisible(uint32_t cp)
{
	return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
	       (cp >= 0xFE00 && cp <= 0xFE0F);
}

/* Hebrew, Arabic and the other scripts written right to left. */
static inline int char_is_right_to_left(uint32_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
	       (cp >= 0xFE70 && cp <= 0xFEFF) || (cp >= 0x10800 && cp <= 0x10FFF) ||
	       (cp >= 0x1E800 && cp <= 0x1EFFF);
}

/* ---- inline text and line breaking ------------------------------------ */
enum {
	STYLE_CODE = 1,   /* inline code: shaded */
	STYLE_STRIKE = 2,
	STYLE_LINK = 4,
	STYLE_LEADER = 8, /* a TOC entry: dots up to the page number */
};

struct pdf_color {
	double r, g, b;
};

struct pdf_style {
	enum pdf_face face;
	double size;
	int flags;
	struct pdf_color color;
	const char *href; /* borrowed from the tree, for STYLE_LINK */
	const char *lang; /* a passage in another language (a static tag), or NULL */
};

struct pdf_glyph {
	uint32_t cp;
	float width; /* points */
	uint16_t style;
	int8_t face; /* -1: no font has it (printed as nothing, warned) */
	uint8_t brk; /* libunibreak's verdict on a break after this glyph */
};

#define PDF_MAX_STYLES 4096
#define PDF_MAX_GLYPHS ((size_t)1 << 22)

struct pdf_text {
	struct pdf_glyph *glyphs;
	size_t count, cap;
	struct pdf_style *styles;
	size_t style_count, style_cap;
	const char *source; /* for warnings: SOURCE:LINE */
	long line;
	int code;           /* a code line: break anywhere, no libunibreak */
	int quiet;          /* no warnings: only measured, or its text warned already */
};

struct pdf_line {
	size_t start, end;  /* glyphs [start, end) */
	double width;       /* without trailing spaces */
	double ascent;      /* largest font size on the line */
	int continued;      /* a wrapped code line: starts with a mark */
};

struct pdf_lines {
	struct pdf_line *items;
	size_t count, cap;
};

/* Makes room in *ITEMS (of SIZE-byte items) for item COUNT, doubling the
 * capacity; -1 on allocation failure or when COUNT reaches LIMIT. */
int pdf_grow(void *items, size_t *cap, size_t count, size_t size, size_t limit);

void text_init(struct pdf_text *text, const char *source, long line);
void text_free(struct pdf_text *text);
void text_clear(struct pdf_text *text);
/* Index of STYLE in TEXT's style table (added if new), or -1. */
int text_style(struct pdf_text *text, const struct pdf_style *style);
/* Appends UTF-8 in style STYLE_INDEX; picks a font per character. -1 on
 * allocation failure. */
int text_append(struct pdf_text *text, struct pdf_fonts *fonts, int style_index,
		const char *utf8, size_t len);
/* textlang.c: gives the glyphs of TEXT in another language than LANG (the
 * document's) a style with that language; -1 on allocation failure. */
int text_mark_languages(struct pdf_text *text, const char *lang);
/* Breaks TEXT into lines no wider than WIDTH (the first line FIRST_WIDTH). */
int text_break(struct pdf_text *text, double first_width, double width,
	       struct pdf_lines *lines);
void lines_free(struct pdf_lines *lines);
double text_width(const struct pdf_text *text, size_t start, size_t end);

/* ---- bidi.c: right-to-left lines --------------------------------------- */
/* Whether glyphs [START, END) hold Hebrew or Arabic. */
int bidi_has_rtl(const struct pdf_text *text, size_t start, size_t end);
/* Whether TEXT's first strong character is right to left (UAX #9, P2): a
 * paragraph of it is set from the right margin. */
int bidi_starts_rtl(const struct pdf_text *text);
/* Glyphs [START, END) of TEXT into VISUAL (END - START of them) in the order
 * they are drawn, left to right, a paired sign of a right-to-left run as its
 * mirror; -1 on allocation failure. */
int bidi_visual(const struct pdf_text *text, size_t start, size_t end, struct pdf_glyph *visual);
/* Arabic letters of CPS (N code points, in reading order) in the
 * presentation forms (U+FE70-U+FEFC) their neighbours give them; -1 on
 * allocation failure, CPS unchanged. cmap.c maps the forms back to letters. */
int bidi_shape_arabic(uint32_t *cps, size_t n);

/* ---- codelayout.c: code as lines -------------------------------------- */
struct code_lines {
	struct pdf_text *texts;   /* one per source line */
	size_t count;
	struct pdf_lines *broken; /* the visual lines of each (code_break) */
};

/* A diagram: code with box-drawing characters, shrunk rather than wrapped. */
int code_is_diagram(const char *code);
int code_has_box_drawing(const struct pdf_text *text);
/* A line of nothing but spaces. */
int code_is_blank(const struct pdf_text *text);
/* A line that leads into the lines after it (it ends in a colon). */
int code_introduces(const struct pdf_text *text);
/* Whether one of the first LINES source lines of CODE may introduce a
 * drawing or begin one (a colon at its end, a box-drawing character): a
 * cheap test, from the bytes, before laying the code out to see what its
 * start keeps together. */
int code_start_may_keep(const char *code, size_t lines);
/* The visual lines CODE takes, wrapping included, COLUMNS monospace columns
 * wide; a diagram's lines never wrap. Counted from the bytes, without fonts,
 * to decide page breaks ahead. */
size_t code_count_lines(const char *code, double columns);
/* One text run per line of CODE in STYLE, for the source lines after LINE
 * of SOURCE (QUIET: no warnings); -1 on allocation failure. */
int code_split(struct pdf_fonts *fonts, const char *code, const char *source, long line,
	       int quiet, struct pdf_style style, struct code_lines *out);
/* SIZE, or for a diagram whose widest line is wider than WIDTH at SIZE, the
 * size at which it fits. */
/* The token runs of a highlighted block: KIND[i] is 0 for byte i of the code
 * in the block's own style, else 1 + the index of its kind (codetheme.h),
 * drawn in STYLES[KIND[i] - 1]. A token a wrap splits keeps its style on
 * both lines: the style is each glyph's. */
struct code_runs {
	const unsigned char *kind;
	const struct pdf_style *styles;
};
/* code_split, with each token of RUNS (may be NULL) in its own style. */
int code_split_runs(struct pdf_fonts *fonts, const char *code, const struct code_runs *runs,
		    const char *source, long line, int quiet, struct pdf_style style,
		    struct code_lines *out);
double code_fit_size(struct pdf_fonts *fonts, const char *code, double size, double width);
/* Breaks each line: its first visual line FIRST_WIDTH wide, the rest WIDTH;
 * an empty line becomes one empty line of ascent SIZE. */
int code_break(struct code_lines *lines, double first_width, double width, double size);
void code_lines_free(struct code_lines *code);

/* ---- content.c: operators into a page's content stream ---------------- */
struct pdf_tags;

/* Holds nest (a code box in a callout): at most this deep; a deeper hold
 * draws its background beneath nothing, which is only less pretty. */
#define CONTENT_MAX_HOLDS 8

/* What the page's content stream has set, so it is set only once. */
struct pdf_content {
	HPDF_Page page;     /* whose stream the operators go to */
	int *failed;        /* the owner's flag: set to 1 when a write fails */
	HPDF_Font font;
	double size;
	struct pdf_color fill, stroke;
	double width;
	double slant;       /* the text matrix's slant: 0, or a slanted code token's */
	/* Where the last run of the open text object left the text position
	 * (its Tm's point plus the run's advance), with that Tm's slant: a run
	 * that starts there needs no Tm of its own (PEN_SET 0: none yet). */
	double pen_x, pen_y, pen_slant;
	int pen_set;
	int fill_set, stroke_set, width_set;
	int holding;        /* holds open: operators go to HELD until content_release */
	struct pdf_tags *tags; /* NULL or off: nothing is marked */
	int page_index;     /* of PAGE, from 0, for its MCIDs */
	int marked;         /* the element whose sequence is open, or TAG_NONE */
	size_t marks[CONTENT_MAX_HOLDS]; /* where each hold's operators start in HELD */
	char *held;
	size_t held_len, held_cap;
};

/* Starts writing to PAGE, on which nothing is set yet; a failed write sets
 * *FAILED. The hold buffer is kept for reuse. */
void content_reset(struct pdf_content *content, HPDF_Page page, int *failed);
void content_free(struct pdf_content *content);
/* Marks what is drawn on the page from now on in TAGS' elements (kept by
 * content_reset; PAGE_INDEX is the page's, from 0). */
void content_tag(struct pdf_content *content, struct pdf_tags *tags, int page_index);
/* Opens the marked-content sequence of ELEM (TAG_ARTIFACT: furniture) unless
 * it is open; content_unmark closes the open one. Drawing calls do this
 * themselves; a caller drawing through libharu (an image) does it first. */
void content_mark(struct pdf_content *content, int elem);
void content_unmark(struct pdf_content *content);
/* IMAGE at X, Y, W x H, in ELEM's sequence (a Figure). */
int content_image(struct pdf_content *content, HPDF_Image image, double x, double y, double w,
		  double h, int elem);
/* Holds back what is drawn next, until content_release paints the rectangle
 * X, Y, W, H in UNDER beneath it: a background whose height is known only
 * after its contents are placed, painted once instead of line by line.
 * Holds nest: each release ends the latest hold, and what it releases stays
 * held by the one around it, above that one's background. */
void content_hold(struct pdf_content *content);
void content_release(struct pdf_content *content, double x, double y, double w, double h,
		     struct pdf_color under);
void content_write(struct pdf_content *content, const char *bytes, size_t len);
void content_fill_color(struct pdf_content *content, struct pdf_color color);
void content_fill_rect(struct pdf_content *content, double x, double y, double w, double h,
		       struct pdf_color color);
void content_stroke_line(struct pdf_content *content, double x0, double y0, double x1,
			 double y1, double width, struct pdf_color color);
void content_begin_text(struct pdf_content *content);
void content_end_text(struct pdf_content *content);
/* Sets the font (adding it to the page's resources); -1 if libharu fails. */
int content_font(struct pdf_content *content, HPDF_Font font, double size);
void content_text(struct pdf_content *content, double x, double y, const struct pdf_text *text,
		  size_t start, size_t end);
/* Glyphs [START, END) of TEXT from X on BASELINE, one text object, each run
 * of one face and style in its font and colour. Glyphs no font has, and line
 * ends, take their width but print nothing. */
int content_glyphs(struct pdf_content *content, struct pdf_fonts *fonts,
		   const struct pdf_text *text, size_t start, size_t end, double x, double baseline);

/* ---- tags.c and tagwrite.c: the structure tree ------------------------ */
#define TAG_NONE (-1)     /* untagged: nothing is marked */
#define TAG_ARTIFACT (-2) /* page furniture: marked /Artifact, in no element */
#define TAG_MAX_DEPTH 320 /* lists nest 64 deep in the handout, four elements a level */
#define TAG_LINKS 16
/* A page's ParentTree array holds one entry per MCID, and libharu's arrays
 * stop at 32767: what a page draws past this many runs is an artifact. */
#define TAG_PAGE_MCIDS 32000

struct pdf_tags_data;

/* The elements open now, innermost last, and whether furniture is drawn. */
struct pdf_tags {
	int on;
	int failed;           /* out of memory: the document is not saved */
	int artifact;         /* > 0: what is drawn is furniture */
	int depth;
	int stack[TAG_MAX_DEPTH];
	/* The Links made last in LINK_PARENT, by href: a line's text is drawn
	 * before its link areas are made, and both must find one element. */
	int link_parent;
	int link_elem[TAG_LINKS];
	const char *link_href[TAG_LINKS];
	unsigned link_next;
	int span_parent, span_elem, span_last; /* the passage drawn last (tags_lang_span) */
	const char *span_lang;
	struct pdf_tags_data *data;
};

/* ON 0: a document with no structure, and every call below does nothing. */
int tags_init(struct pdf_tags *tags, int on);
void tags_free(struct pdf_tags *tags);
/* A new element of TYPE (a standard structure type, a static string) in the
 * current one, made current; tags_close ends it. Returns its index. */
int tags_open(struct pdf_tags *tags, const char *type);
int tags_open_figure(struct pdf_tags *tags, const char *alt);
/* A Span whose ActualText is ACTUAL (UTF-8): a line drawn right to left,
 * whose glyphs stand in visual order, reads in reading order. */
int tags_open_span(struct pdf_tags *tags, const char *actual);
void tags_close(struct pdf_tags *tags);
/* Makes ELEM, opened before, current again until tags_close: a page number
 * drawn after the last page goes back into the entry it ends. */
void tags_resume(struct pdf_tags *tags, int elem);
void tags_set_lang(struct pdf_tags *tags, int elem, const char *lang);
/* The element what is drawn now belongs to: TAG_ARTIFACT, TAG_NONE or >= 0. */
int tags_current(const struct pdf_tags *tags);
void tags_begin_artifact(struct pdf_tags *tags);
void tags_end_artifact(struct pdf_tags *tags);
/* The Link element, in the current element, of the text linking to HREF
 * (the tree's string: the same pointer for every run of one link). */
int tags_link(struct pdf_tags *tags, const char *href);
/* The Span, in the current element, of a passage in LANG: the one drawn last
 * when nothing else of the element came between (a passage over two lines),
 * else a new one. tags_drew says what else was drawn. */
int tags_lang_span(struct pdf_tags *tags, const char *lang);
void tags_drew(struct pdf_tags *tags, int elem);
const char *tags_type(const struct pdf_tags *tags, int elem);
/* A new MCID on PAGE (from 0) for ELEM; -1 when none is given (then what
 * it would mark is drawn as an artifact). */
int tags_mcid(struct pdf_tags *tags, int page, int elem);
/* The link annotation ANNOT on PAGE belongs to ELEM. */
int tags_annot(struct pdf_tags *tags, int elem, int page, HPDF_Annotation annot);
/* After the last page: the structure tree into DOC, whose pages are PAGES.
 * -1 when libharu fails. */
int tags_write(struct pdf_tags *tags, HPDF_Doc doc, HPDF_Page *pages, int page_count);

/* ---- cmap.c ------------------------------------------------------------ */
/* Replaces the ToUnicode stream of FONT with an identity map of the
 * Basic Multilingual Plane (libharu's codes are the UTF-16 code units). */
int cmap_fix(HPDF_Font font);

#endif
