/* guide2pdf: the guide tree as a printed handout (PDF, with libharu).
 *
 * Reads the guide tree (tools/guide.rng) and writes a PDF: title page, table
 * of contents with page numbers, every section and question card, an outline
 * with every question, links, running header and footer. --drill writes a
 * question sheet with ruled space for answers and the answers in an appendix.
 * One pdf_render_ELEMENT() per element of the tree; fonts, line breaking and
 * pages are in tools/guide2pdf/. The document is laid out twice (see page.c). */
#include "guide2pdf/pdf.h"

#include "atomic.h"
#include "diag.h"
#include "imagefile.h"
#include "style.h"
#include "timelimit.h"
#include "tree.h"

#include <errno.h>
#include <hpdf_doc.h>
#include <png.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define VERSION "guide2pdf 0.1"
#define STYLE_FILE "handout.conf"
#define MAX_DEPTH 64             /* nesting of lists and quotes */
#define CODE_KEEP_LINES 8        /* shorter code blocks never split */
#define KEEP_LINES 3             /* a heading moves with this many lines */
#define MIN_LINES 2              /* no widow or orphan lines */
#define MIN_COLUMN 120.0         /* points: deeper nesting stops indenting */
#define ANSWERS_PREFIX "Answers: "
#define MAX_IMAGES 256
#define MAX_IMAGE_BYTES ((size_t)256 << 20) /* decoded RGBA */
#define MAX_IMAGE_FILE_BYTES ((size_t)32 << 20) /* one image file as read */
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89
#define LETTER_WIDTH 612.0
#define LETTER_HEIGHT 792.0

struct image {
	char *src;
	HPDF_Image image; /* NULL: could not be loaded (warned once) */
};

struct render {
	struct pdf_doc pdf;
	xmlDocPtr tree;
	const char *tree_path;
	struct image_folder image_folder; /* images are read from here only */
	int drill;
	const char *author;
	time_t date;
	int depth;
	int measuring;          /* laying out only to measure: no warnings */
	int loading_image;      /* libharu errors now are a bad image, not a failure */
	int saving;             /* libharu errors now are a failed write of the file */
	int tight;              /* inside a tight list: no gap between paragraphs */
	enum pdf_face base_face;/* the face of plain text here (italic in "why") */
	struct pdf_color base_color;
	double base_size;
	const char *prefix;     /* a label to put before the next paragraph */
	const xmlNode *images[MAX_IMAGES]; /* img nodes of the paragraph being set */
	int image_count;
	struct image cache[MAX_IMAGES];
	int cache_count;
};

static int pdf_render_blocks(struct render *r, const xmlNode *parent);

/* ---- settings ----------------------------------------------------------- */

static int parse_color(const struct style_conf *conf, const char *key, const char *fallback,
		       struct pdf_color *color)
{
	const char *value = style_conf_get(conf, key, fallback);
	unsigned rgb;
	if (value[0] != '#' || strlen(value) != 7 || sscanf(value + 1, "%6x", &rgb) != 1) {
		diag_error(conf->name, 0, "%s: expected a colour as #rrggbb, got '%s'", key, value);
		return -1;
	}
	color->r = ((rgb >> 16) & 0xFF) / 255.0;
	color->g = ((rgb >> 8) & 0xFF) / 255.0;
	color->b = (rgb & 0xFF) / 255.0;
	return 0;
}

static int load_paper(struct pdf_settings *s, const struct style_conf *conf, const char *paper)
{
	paper = paper ? paper : style_conf_get(conf, "paper", "a4");
	if (strcmp(paper, "a4") == 0) {
		s->page_width = A4_WIDTH;
		s->page_height = A4_HEIGHT;
	} else if (strcmp(paper, "letter") == 0) {
		s->page_width = LETTER_WIDTH;
		s->page_height = LETTER_HEIGHT;
	} else {
		diag_error(conf->name, 0, "paper '%s' is not known; use a4 or letter", paper);
		return -1;
	}
	return 0;
}

static int load_numbers(struct pdf_settings *s, const struct style_conf *conf)
{
	double drill_lines = 0;
	const struct {
		const char *key;
		double fallback;
		double *value;
	} numbers[] = {
		{"margin_top", 64, &s->margin_top},
		{"margin_bottom", 56, &s->margin_bottom},
		{"margin_left", 60, &s->margin_left},
		{"margin_right", 60, &s->margin_right},
		{"body_size", 10, &s->body_size},
		{"code_size", 8.5, &s->code_size},
		{"small_size", 8.5, &s->small_size},
		{"title_size", 26, &s->title_size},
		{"section_size", 18, &s->heading_size[0]},
		{"question_size", 13, &s->heading_size[1]},
		{"heading_size", 12, &s->heading_size[2]},
		{"minor_heading_size", 10.5, &s->heading_size[3]},
		{"line_spacing", 1.4, &s->line_spacing},
		{"code_spacing", 1.18, &s->code_spacing},
		{"paragraph_gap", 6, &s->paragraph_gap},
		{"code_padding", 6, &s->code_padding},
		{"drill_lines", 6, &drill_lines},
	};
	int ok = 1;
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
		*numbers[i].value = style_conf_number(conf, numbers[i].key, numbers[i].fallback, &ok);
	s->drill_lines = (int)fmin(fmax(drill_lines, 0), 40);
	if (!ok)
		return -1;
	if (s->body_size < 4 || s->code_size < 4 || s->line_spacing < 1 || s->code_spacing < 1 ||
	    s->margin_left + s->margin_right > s->page_width - 144 ||
	    s->margin_top + s->margin_bottom > s->page_height - 144) {
		diag_error(conf->name, 0, "sizes or margins leave no room for text; check the "
					  "margins, font sizes and spacings");
		return -1;
	}
	return 0;
}

static int load_colors(struct pdf_settings *s, const struct style_conf *conf)
{
	const struct {
		const char *key, *fallback;
		struct pdf_color *color;
	} colors[] = {
		{"color_text", "#1a1a1a", &s->text},
		{"color_heading", "#1f3a5f", &s->heading},
		{"color_link", "#1a56a8", &s->link},
		{"color_code_background", "#f2f4f7", &s->code_background},
		{"color_code_text", "#202428", &s->code_text},
		{"color_rule", "#9aa5b1", &s->rule},
		{"color_muted", "#5f6b76", &s->muted},
		{"color_accent", "#9c4221", &s->accent},
		{"color_why", "#3d4a57", &s->why},
	};
	for (size_t i = 0; i < sizeof colors / sizeof colors[0]; i++)
		if (parse_color(conf, colors[i].key, colors[i].fallback, colors[i].color) != 0)
			return -1;
	return 0;
}

static int load_settings(struct pdf_settings *s, const struct style_conf *conf, const char *paper)
{
	if (load_paper(s, conf, paper) != 0 || load_numbers(s, conf) != 0)
		return -1;
	return load_colors(s, conf);
}

/* ---- text helpers ------------------------------------------------------- */

static double column_width(const struct render *r)
{
	return r->pdf.right - r->pdf.left;
}

static struct pdf_style base_style(const struct render *r)
{
	return (struct pdf_style){
		.face = r->base_face, .size = r->base_size, .color = r->base_color};
}

static int append_utf8(struct render *r, struct pdf_text *text, const struct pdf_style *style,
		       const char *utf8)
{
	int index = text_style(text, style);
	if (index < 0)
		return -1;
	return text_append(text, &r->pdf.fonts, index, utf8, strlen(utf8));
}

static enum pdf_face with_bold(enum pdf_face face)
{
	return face == FACE_ITALIC ? FACE_BOLD_ITALIC : face == FACE_MONO ? FACE_MONO : FACE_BOLD;
}

static enum pdf_face with_italic(enum pdf_face face)
{
	return face == FACE_BOLD ? FACE_BOLD_ITALIC : face == FACE_MONO ? FACE_MONO : FACE_ITALIC;
}

static int collect_inlines(struct render *r, struct pdf_text *text, const xmlNode *parent,
			   struct pdf_style style);

static int collect_inline(struct render *r, struct pdf_text *text, const xmlNode *node,
			  struct pdf_style style)
{
	if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
		return append_utf8(r, text, &style, (const char *)node->content);
	if (node->type != XML_ELEMENT_NODE)
		return 0;
	if (tree_is(node, "em"))
		style.face = with_italic(style.face);
	else if (tree_is(node, "strong"))
		style.face = with_bold(style.face);
	else if (tree_is(node, "del"))
		style.flags |= STYLE_STRIKE;
	else if (tree_is(node, "code") || tree_is(node, "raw")) {
		style.face = FACE_MONO;
		style.flags |= tree_is(node, "code") ? STYLE_CODE : 0;
		style.size *= 0.92;
		style.color = tree_is(node, "code") ? r->pdf.set.code_text : r->pdf.set.muted;
	} else if (tree_is(node, "link")) {
		style.flags |= STYLE_LINK;
		style.href = tree_attr(node, "href");
		style.color = r->pdf.set.link;
	} else if (tree_is(node, "br"))
		return append_utf8(r, text, &style, "\n");
	else if (tree_is(node, "softbreak"))
		return append_utf8(r, text, &style, " ");
	else if (tree_is(node, "img")) {
		if (r->image_count < MAX_IMAGES)
			r->images[r->image_count++] = node;
		style.face = with_italic(style.face);
		style.color = r->pdf.set.muted;
		const char *alt = tree_attr(node, "alt");
		if (append_utf8(r, text, &style, "[image: ") != 0 ||
		    append_utf8(r, text, &style, alt ? alt : "") != 0)
			return -1;
		return append_utf8(r, text, &style, "]");
	}
	return collect_inlines(r, text, node, style);
}

static int collect_inlines(struct render *r, struct pdf_text *text, const xmlNode *parent,
			   struct pdf_style style)
{
	for (const xmlNode *child = parent->children; child; child = child->next)
		if (collect_inline(r, text, child, style) != 0)
			return -1;
	return 0;
}

static void text_start(struct render *r, struct pdf_text *text, long line)
{
	text_init(text, r->pdf.source, line);
	text->quiet = r->measuring;
}

static double line_height(const struct render *r, const struct pdf_line *line)
{
	return line->ascent * r->pdf.set.line_spacing;
}

/* Places lines [from, to) at X, one after the other, with no page check. */
static int draw_lines(struct render *r, const struct pdf_text *text, const struct pdf_lines *lines,
		      size_t from, size_t to, double x, int align)
{
	for (size_t i = from; i < to; i++) {
		const struct pdf_line *line = &lines->items[i];
		double at = x;
		if (align == 1)
			at = x + (column_width(r) - (x - r->pdf.left) - line->width) / 2;
		else if (align == 2)
			at = r->pdf.right - line->width;
		if (page_draw_line(&r->pdf, text, line, at, line_height(r, line)) != 0)
			return -1;
	}
	return 0;
}

static double lines_height(const struct render *r, const struct pdf_lines *lines, size_t from,
			   size_t to)
{
	double height = 0;
	for (size_t i = from; i < to; i++)
		height += line_height(r, &lines->items[i]);
	return height;
}

/* How many of lines [from, ...) fit in the room left on the page. */
static size_t lines_fitting(const struct render *r, const struct pdf_lines *lines, size_t from)
{
	double room = page_room(&r->pdf) + 0.01;
	size_t n = 0;
	for (size_t i = from; i < lines->count; i++) {
		room -= line_height(r, &lines->items[i]);
		if (room < 0)
			break;
		n++;
	}
	return n;
}

/* How many of the REST lines from AT go on this page: no orphan (a lone
 * first line at the foot) and no widow (a lone last line at the head). */
static size_t lines_here(const struct render *r, const struct pdf_lines *lines, size_t at)
{
	size_t rest = lines->count - at;
	size_t fit = lines_fitting(r, lines, at);
	if (fit >= rest)
		return rest;
	if (rest - fit < MIN_LINES)
		fit = rest >= 2 * MIN_LINES ? rest - MIN_LINES : 0;
	if (fit < MIN_LINES && at == 0 && rest >= MIN_LINES)
		fit = 0;
	if (fit == 0 && r->pdf.at_top) /* a page too short for the rule */
		fit = lines_fitting(r, lines, at) ? lines_fitting(r, lines, at) : 1;
	return fit;
}

/* Places a broken paragraph across pages with no widow or orphan line. */
static int place_lines(struct render *r, const struct pdf_text *text, const struct pdf_lines *lines,
		       double x, int align)
{
	if (r->pdf.page_count == 0 && page_new(&r->pdf) != 0)
		return -1;
	for (size_t at = 0; at < lines->count;) {
		size_t fit = lines_here(r, lines, at);
		if (draw_lines(r, text, lines, at, at + fit, x, align) != 0)
			return -1;
		at += fit;
		if (at < lines->count && page_new(&r->pdf) != 0)
			return -1;
	}
	return 0;
}

static void gap(struct render *r, double height)
{
	if (!r->pdf.at_top)
		r->pdf.y -= height;
}

/* ---- images ------------------------------------------------------------- */

/* libharu hands a PNG to libpng with no error handler, so a damaged file
 * would abort the process: decode it once here first, where libpng reports. */
static int png_readable(const char *path)
{
	png_image image;
	memset(&image, 0, sizeof image);
	image.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&image, path))
		return 0;
	image.format = PNG_FORMAT_RGBA;
	size_t size = PNG_IMAGE_SIZE(image);
	void *pixels = size <= MAX_IMAGE_BYTES ? malloc(size) : NULL;
	int ok = pixels && png_image_finish_read(&image, NULL, pixels, 0, NULL);
	free(pixels);
	png_image_free(&image);
	return ok;
}

/* Loads a PNG or JPEG file. A broken image is a warning, not the end of the
 * document: libharu's error for it is caught and cleared. */
static HPDF_Image read_image(struct render *r, const struct image_file *file, const char *src,
			     long line)
{
	int png = strcmp(file->ext, "png") == 0;
	if (!png && strcmp(file->ext, "jpg") != 0) {
		diag_warning(r->pdf.source, line,
			     "image '%s' is a GIF, which PDF cannot hold; convert it to PNG; "
			     "printing its alt text", src);
		return NULL;
	}
	if (png && !png_readable(file->path)) {
		diag_warning(r->pdf.source, line, "image '%s' cannot be decoded; printing its alt text",
			     src);
		return NULL;
	}
	r->loading_image = 1;
	HPDF_UINT len = (HPDF_UINT)file->len;
	HPDF_Image image = png ? HPDF_LoadPngImageFromMem(r->pdf.doc, file->data, len)
			       : HPDF_LoadJpegImageFromMem(r->pdf.doc, file->data, len);
	r->loading_image = 0;
	if (!image || HPDF_GetError(r->pdf.doc) != HPDF_OK) {
		HPDF_ResetError(r->pdf.doc);
		diag_warning(r->pdf.source, line, "image '%s' cannot be decoded; printing its alt text",
			     src);
		return NULL;
	}
	return image;
}

static HPDF_Image load_image(struct render *r, const char *src, long line)
{
	for (int i = 0; i < r->cache_count; i++)
		if (strcmp(r->cache[i].src, src) == 0)
			return r->cache[i].image;
	if (r->cache_count >= MAX_IMAGES)
		return NULL;
	struct image *entry = &r->cache[r->cache_count];
	entry->src = strdup(src);
	entry->image = NULL;
	if (!entry->src)
		return NULL;
	r->cache_count++;
	struct image_file file;
	const char *why;
	if (imagefile_load(&r->image_folder, src, MAX_IMAGE_FILE_BYTES, &file, &why) != 0) {
		diag_warning(r->pdf.source, line, "image '%s' %s; printing its alt text", src, why);
		return NULL;
	}
	entry->image = read_image(r, &file, src, line);
	imagefile_free(&file);
	return entry->image;
}

static int pdf_render_img(struct render *r, const xmlNode *node, long line)
{
	HPDF_Image image = load_image(r, tree_attr(node, "src"), line);
	if (!image)
		return r->pdf.failed ? -1 : 0;
	double w = HPDF_Image_GetWidth(image), h = HPDF_Image_GetHeight(image);
	double max_w = column_width(r), max_h = (page_top(&r->pdf) - page_bottom(&r->pdf)) * 0.8;
	double scale = fmin(1.0, fmin(max_w / w, max_h / h));
	w *= scale;
	h *= scale;
	if (page_need(&r->pdf, h + 4) != 0)
		return -1;
	r->pdf.y -= 4;
	if (r->pdf.page)
		HPDF_Page_DrawImage(r->pdf.page, image, (HPDF_REAL)r->pdf.left,
				    (HPDF_REAL)(r->pdf.y - h), (HPDF_REAL)w, (HPDF_REAL)h);
	r->pdf.y -= h;
	r->pdf.at_top = 0;
	return r->pdf.failed ? -1 : 0;
}

/* ---- blocks ------------------------------------------------------------- */

/* A paragraph's inline content as text, with the pending label first. */
static int paragraph_text(struct render *r, const xmlNode *node, struct pdf_text *text)
{
	text_start(r, text, tree_line(node));
	struct pdf_style style = base_style(r);
	if (r->prefix) {
		struct pdf_style label = style;
		label.face = with_bold(style.face);
		if (append_utf8(r, text, &label, r->prefix) != 0 ||
		    append_utf8(r, text, &label, " ") != 0)
			return -1;
		r->prefix = NULL;
	}
	return collect_inlines(r, text, node, style);
}

static int pdf_render_p(struct render *r, const xmlNode *node)
{
	struct pdf_text text;
	struct pdf_lines lines = {0};
	r->image_count = 0;
	int status = paragraph_text(r, node, &text);
	if (status == 0)
		status = text_break(&text, column_width(r), column_width(r), &lines);
	if (status == 0)
		status = place_lines(r, &text, &lines, r->pdf.left, 0);
	for (int i = 0; status == 0 && i < r->image_count; i++)
		status = pdf_render_img(r, r->images[i], tree_line(node));
	lines_free(&lines);
	text_free(&text);
	if (status == 0)
		gap(r, r->tight ? 1.5 : r->pdf.set.paragraph_gap);
	return status;
}

static double measure_lead(struct render *r, const xmlNode *node);
static int is_diagram(const char *code);

/* The visual lines of a code block, wrapping included, counted in columns of
 * the monospace font (0.602 em); a diagram is never wrapped. */
static size_t code_line_estimate(const struct render *r, const xmlNode *node)
{
	xmlChar *code = xmlNodeGetContent(node);
	if (!code)
		return 0;
	double columns = (column_width(r) - 2 * r->pdf.set.code_padding) /
			 (0.602 * r->pdf.set.code_size);
	int diagram = is_diagram((const char *)code);
	size_t count = 0, width = 0;
	for (const xmlChar *p = code; *p; p++) {
		if (*p == '\n') {
			count += diagram || width <= columns ? 1 : (size_t)ceil(width / (columns - 2));
			width = 0;
		} else if ((*p & 0xC0) != 0x80) {
			width++;
		}
	}
	if (width > 0)
		count++;
	xmlFree(code);
	return count;
}

/* The height the start of NODE needs on the page of a heading before it. */
static double lead_height(struct render *r, const xmlNode *node)
{
	int measuring = r->measuring;
	r->measuring = 1;
	double height = measure_lead(r, node);
	r->measuring = measuring;
	return height;
}

static double measure_lead(struct render *r, const xmlNode *node)
{
	double body = r->pdf.set.body_size * r->pdf.set.line_spacing;
	if (!node)
		return 0;
	if (tree_is(node, "codeblock")) {
		size_t count = code_line_estimate(r, node);
		double line = r->pdf.set.code_size * r->pdf.set.code_spacing;
		size_t keep = count < CODE_KEEP_LINES ? count : KEEP_LINES;
		return keep * line + 2 * r->pdf.set.code_padding + r->pdf.set.small_size;
	}
	if (tree_is(node, "p")) {
		struct pdf_text text;
		struct pdf_lines lines = {0};
		double height = KEEP_LINES * body;
		const char *saved = r->prefix;
		if (paragraph_text(r, node, &text) == 0 &&
		    text_break(&text, column_width(r), column_width(r), &lines) == 0)
			height = lines_height(r, &lines, 0,
					      lines.count < KEEP_LINES ? lines.count : KEEP_LINES);
		r->prefix = saved;
		lines_free(&lines);
		text_free(&text);
		return height;
	}
	if (tree_is(node, "card")) {
		/* Under its question: the reason, the answer's label and its start. */
		const xmlNode *why = tree_child(node, "why");
		const xmlNode *answer = tree_child(node, "answer");
		double label = tree_attr(answer, "label") ? body : 0;
		return (why ? measure_lead(r, why) : 0) + label + measure_lead(r, tree_first(answer));
	}
	if (tree_is(node, "why") || tree_is(node, "answer") || tree_is(node, "quote"))
		return measure_lead(r, tree_first(node)) + body;
	if (tree_is(node, "table"))
		return 4 * body;
	return KEEP_LINES * body;
}

/* A heading-like line: breaks a page first unless it and the start of NEXT fit. */
static int place_heading(struct render *r, struct pdf_text *text, double before, double after,
			 const xmlNode *next, const char *anchor)
{
	struct pdf_lines lines = {0};
	if (text_break(text, column_width(r), column_width(r), &lines) != 0)
		return -1;
	double need = before + lines_height(r, &lines, 0, lines.count) + after + lead_height(r, next);
	int status = page_need(&r->pdf, need);
	if (status == 0) {
		gap(r, before);
		if (anchor)
			status = page_anchor(&r->pdf, anchor);
	}
	if (status == 0)
		status = draw_lines(r, text, &lines, 0, lines.count, r->pdf.left, 0);
	r->pdf.y -= after;
	lines_free(&lines);
	return status;
}

static int pdf_render_heading(struct render *r, const xmlNode *node)
{
	int level = atoi(tree_attr(node, "level"));
	int slot = level <= 2 ? 1 : level == 3 ? 2 : 3;
	struct pdf_text text;
	text_start(r, &text, tree_line(node));
	struct pdf_style style = {
		.face = FACE_BOLD, .size = r->pdf.set.heading_size[slot], .color = r->pdf.set.heading};
	int status = collect_inlines(r, &text, node, style);
	if (status == 0)
		status = place_heading(r, &text, r->pdf.set.paragraph_gap, 3, tree_next(node),
				       tree_attr(node, "id"));
	text_free(&text);
	return status;
}

static int is_diagram(const char *code)
{
	/* U+2500..U+257F (box drawing) is E2 94 80 .. E2 95 BF in UTF-8. */
	for (const unsigned char *p = (const unsigned char *)code; *p; p++)
		if (p[0] == 0xE2 && (p[1] == 0x94 || p[1] == 0x95))
			return 1;
	return 0;
}

struct code_lines {
	struct pdf_text *texts; /* one per source line */
	size_t count;
	struct pdf_lines *broken;
};

static void code_lines_free(struct code_lines *code)
{
	for (size_t i = 0; i < code->count; i++) {
		text_free(&code->texts[i]);
		lines_free(&code->broken[i]);
	}
	free(code->texts);
	free(code->broken);
}

static int split_code(struct render *r, const char *code, long line, struct pdf_style style,
		      struct code_lines *out)
{
	size_t count = 1;
	for (const char *p = code; *p; p++)
		count += *p == '\n';
	size_t len = strlen(code);
	if (len > 0 && code[len - 1] == '\n')
		count--;
	out->count = 0;
	out->texts = calloc(count ? count : 1, sizeof *out->texts);
	out->broken = calloc(count ? count : 1, sizeof *out->broken);
	if (!out->texts || !out->broken)
		return -1;
	const char *p = code;
	for (size_t i = 0; i < count; i++) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		struct pdf_text *text = &out->texts[i];
		text_start(r, text, line + 1 + (long)i);
		text->code = 1;
		out->count++;
		int index = text_style(text, &style);
		/* Tabs to spaces, to the next multiple of 4 columns. */
		size_t column = 0, from = 0;
		for (size_t k = 0; k <= n; k++) {
			if (k < n && p[k] != '\t') {
				column += ((unsigned char)p[k] & 0xC0) != 0x80;
				continue;
			}
			if (index < 0 || text_append(text, &r->pdf.fonts, index, p + from, k - from) != 0)
				return -1;
			if (k < n) {
				size_t spaces = 4 - column % 4;
				if (text_append(text, &r->pdf.fonts, index, "    ", spaces) != 0)
					return -1;
				column += spaces;
			}
			from = k + 1;
		}
		p = end ? end + 1 : p + n;
	}
	return 0;
}

/* The code block's font size: a diagram shrinks until its widest line fits. */
static double code_size(struct render *r, const char *code, double width)
{
	double size = r->pdf.set.code_size;
	if (!is_diagram(code))
		return size;
	struct pdf_style style = {.face = FACE_MONO, .size = size};
	struct code_lines lines = {0};
	double widest = 0;
	int measuring = r->measuring;
	r->measuring = 1;
	int status = split_code(r, code, 0, style, &lines);
	r->measuring = measuring;
	if (status == 0)
		for (size_t i = 0; i < lines.count; i++)
			widest = fmax(widest, text_width(&lines.texts[i], 0, lines.texts[i].count));
	code_lines_free(&lines);
	return widest > width ? size * width / widest * 0.999 : size;
}

static int draw_code_label(struct render *r, const char *lang, double top)
{
	struct pdf_text text;
	text_start(r, &text, 0);
	struct pdf_style style = {
		.face = FACE_REGULAR, .size = r->pdf.set.small_size * 0.85, .color = r->pdf.set.muted};
	int status = append_utf8(r, &text, &style, lang);
	if (status == 0) {
		struct pdf_line line = {.start = 0, .end = text.count, .ascent = style.size};
		line.width = text_width(&text, 0, text.count);
		double saved = r->pdf.y;
		int rules = r->pdf.rule_count;
		r->pdf.rule_count = 0;
		r->pdf.y = top - 1;
		status = page_draw_line(&r->pdf, &text, &line,
					r->pdf.right - line.width - r->pdf.set.code_padding,
					style.size * 1.2);
		r->pdf.y = saved;
		r->pdf.rule_count = rules;
	}
	text_free(&text);
	return status;
}

struct code_box {
	double x, width, line, size, pad_top, pad;
	double top; /* of the box's part on this page */
	const char *lang;
	struct pdf_text *mark;
	double mark_width;
};

/* The box's background is painted once for each page it is on, beneath the
 * lines held back until its height is known (page_hold, page_release). */
static int code_box_top(struct render *r, struct code_box *box)
{
	double top = r->pdf.y;
	box->top = top;
	page_hold(&r->pdf);
	r->pdf.y -= box->pad_top;
	r->pdf.at_top = 0;
	if (box->lang)
		return draw_code_label(r, box->lang, top);
	return 0;
}

static void code_box_bottom(struct render *r, const struct code_box *box)
{
	r->pdf.y -= box->pad;
	page_release(&r->pdf, box->x, r->pdf.y, box->width, box->top - r->pdf.y,
		     r->pdf.set.code_background);
}

/* Ends the box at the foot of the page and opens it again on the next. */
static int code_page_break(struct render *r, struct code_box *box)
{
	code_box_bottom(r, box);
	if (page_new(&r->pdf) != 0)
		return -1;
	struct code_box next = *box;
	next.lang = NULL;
	next.pad_top = box->pad;
	int status = code_box_top(r, &next);
	box->top = next.top;
	return status;
}

/* Draws one visual line of code; LEFT lines, this one included, remain. A
 * page break leaves no fewer than MIN_LINES lines for the next page. */
static int draw_code_line(struct render *r, struct code_box *box,
			  const struct pdf_text *text, const struct pdf_line *line, size_t left)
{
	double room = r->pdf.y - box->pad - page_bottom(&r->pdf) + 0.01;
	int all_fit = room >= (double)left * box->line;
	if ((room < box->line || (!all_fit && left <= MIN_LINES)) && code_page_break(r, box) != 0)
		return -1;
	double x = box->x + box->pad;
	if (line->continued) {
		r->pdf.marker = box->mark;
		r->pdf.marker_x = x;
		x += box->mark_width;
	}
	struct pdf_line copy = *line;
	copy.ascent = box->size;
	return page_draw_line(&r->pdf, text, &copy, x, box->line);
}

static int has_box_drawing(const struct pdf_text *text)
{
	for (size_t i = 0; i < text->count; i++) {
		uint32_t cp = text->glyphs[i].cp;
		if ((cp >= 0x2500 && cp <= 0x257F) || cp == 0x25B2 || cp == 0x25BC)
			return 1;
	}
	return 0;
}

/* A drawing inside a code block (lines FROM.. with box-drawing characters)
 * moves to the next page whole rather than split, when it fits on one page. */
static int keep_drawing(struct render *r, const struct code_lines *code, size_t from,
			struct code_box *box)
{
	if (!has_box_drawing(&code->texts[from]) ||
	    (from > 0 && has_box_drawing(&code->texts[from - 1])))
		return 0;
	size_t lines = 0;
	for (size_t i = from; i < code->count && has_box_drawing(&code->texts[i]); i++)
		lines += code->broken[i].count;
	double height = (double)lines * box->line;
	double page = page_top(&r->pdf) - page_bottom(&r->pdf) - 2 * box->pad;
	if (height <= page && r->pdf.y - box->pad - height < page_bottom(&r->pdf) - 0.01)
		return code_page_break(r, box);
	return 0;
}

static int place_code(struct render *r, struct code_lines *code, struct code_box *box)
{
	size_t total = 0;
	for (size_t i = 0; i < code->count; i++)
		total += code->broken[i].count;
	double height = box->pad_top + box->pad + (double)total * box->line;
	double keep = total < CODE_KEEP_LINES ? height : box->pad_top + KEEP_LINES * box->line;
	if (page_need(&r->pdf, keep) != 0 || code_box_top(r, box) != 0)
		return -1;
	size_t left = total;
	for (size_t i = 0; i < code->count; i++) {
		if (keep_drawing(r, code, i, box) != 0)
			return -1;
		for (size_t k = 0; k < code->broken[i].count; k++, left--)
			if (draw_code_line(r, box, &code->texts[i], &code->broken[i].items[k],
					   left) != 0)
				return -1;
	}
	code_box_bottom(r, box);
	return 0;
}

static int render_code(struct render *r, const char *code, long line, const char *lang,
		       struct pdf_color color)
{
	struct code_box box = {.x = r->pdf.left, .width = column_width(r), .lang = lang};
	box.pad = r->pdf.set.code_padding;
	box.pad_top = lang ? fmax(box.pad, r->pdf.set.small_size * 1.3) : box.pad;
	double inner = box.width - 2 * box.pad;
	box.size = code_size(r, code, inner);
	box.line = box.size * r->pdf.set.code_spacing;
	struct pdf_style style = {.face = FACE_MONO, .size = box.size, .color = color};
	struct pdf_style mark_style = {.face = FACE_MONO, .size = box.size, .color = r->pdf.set.accent};
	struct pdf_text mark;
	text_start(r, &mark, line);
	struct code_lines lines = {0};
	int status = append_utf8(r, &mark, &mark_style, "\xE2\x86\xAA ");
	box.mark = &mark;
	box.mark_width = text_width(&mark, 0, mark.count);
	if (status == 0)
		status = split_code(r, code, line, style, &lines);
	double first = is_diagram(code) ? 1e9 : inner;
	for (size_t i = 0; status == 0 && i < lines.count; i++) {
		status = text_break(&lines.texts[i], first, inner - box.mark_width, &lines.broken[i]);
		if (status == 0 && lines.broken[i].count == 0) {
			struct pdf_line empty = {.ascent = box.size};
			lines.broken[i].items = malloc(sizeof empty);
			if (!lines.broken[i].items)
				status = -1;
			else {
				lines.broken[i].items[0] = empty;
				lines.broken[i].count = lines.broken[i].cap = 1;
			}
		}
	}
	if (status == 0)
		status = place_code(r, &lines, &box);
	r->pdf.marker = NULL;
	code_lines_free(&lines);
	text_free(&mark);
	if (status == 0)
		gap(r, r->pdf.set.paragraph_gap);
	return status;
}

static int pdf_render_codeblock(struct render *r, const xmlNode *node)
{
	xmlChar *code = xmlNodeGetContent(node);
	if (!code)
		return -1;
	const char *lang = tree_attr(node, "lang");
	int status = render_code(r, (const char *)code, tree_line(node), lang, r->pdf.set.code_text);
	xmlFree(code);
	return status;
}

static int pdf_render_raw(struct render *r, const xmlNode *node)
{
	xmlChar *code = xmlNodeGetContent(node);
	if (!code)
		return -1;
	int status = render_code(r, (const char *)code, tree_line(node), "html", r->pdf.set.muted);
	xmlFree(code);
	return status;
}

static int pdf_render_hr(struct render *r, const xmlNode *node)
{
	(void)node;
	if (page_need(&r->pdf, 12) != 0)
		return -1;
	double y = r->pdf.y - 6;
	page_stroke_line(&r->pdf, r->pdf.left + column_width(r) * 0.25, y,
			 r->pdf.right - column_width(r) * 0.25, y, 0.6, r->pdf.set.rule);
	r->pdf.y -= 12;
	r->pdf.at_top = 0;
	return 0;
}

/* Indents the column by INDENT behind a side rule. When the rules or the
 * column run out, the content goes on unindented: returns 0 then, and
 * pop_rule must be given the same 0. Returns the indent used. */
static double push_rule(struct render *r, double indent, struct pdf_color color)
{
	if (r->pdf.rule_count >= PDF_MAX_RULES || column_width(r) - indent < MIN_COLUMN)
		return 0;
	r->pdf.rules[r->pdf.rule_count].x = r->pdf.left + 2;
	r->pdf.rules[r->pdf.rule_count].color = color;
	r->pdf.rule_count++;
	r->pdf.left += indent;
	return indent;
}

static void pop_rule(struct render *r, double indent)
{
	if (indent > 0) {
		r->pdf.rule_count--;
		r->pdf.left -= indent;
	}
}

static int pdf_render_quote(struct render *r, const xmlNode *node)
{
	if (r->depth >= MAX_DEPTH) {
		diag_error(r->pdf.source, tree_line(node), "quotes nested too deeply");
		return -1;
	}
	r->depth++;
	double indent = push_rule(r, r->pdf.set.body_size * 1.4, r->pdf.set.rule);
	enum pdf_face face = r->base_face;
	struct pdf_color color = r->base_color;
	r->base_color = r->pdf.set.muted;
	int status = pdf_render_blocks(r, node);
	r->base_face = face;
	r->base_color = color;
	pop_rule(r, indent);
	r->depth--;
	return status;
}

static int list_marker(struct render *r, const xmlNode *list, const xmlNode *item, long number,
		       int depth, struct pdf_text *marker)
{
	static const char *const BULLETS[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};
	char label[48];
	const char *task = tree_attr(item, "task");
	int ordered = strcmp(tree_attr(list, "type"), "ordered") == 0;
	const char *delim = tree_attr(list, "delim");
	if (ordered)
		snprintf(label, sizeof label, "%ld%s", number,
			 delim && strcmp(delim, "paren") == 0 ? ")" : ".");
	else if (!task) /* a task's box is its bullet */
		snprintf(label, sizeof label, "%s", BULLETS[depth % 3]);
	else
		label[0] = '\0';
	struct pdf_style style = base_style(r);
	if (task)
		strcat(label, strcmp(task, "done") == 0 ? "\xE2\x98\x91" : "\xE2\x98\x90");
	return append_utf8(r, marker, &style, label);
}

static int pdf_render_item(struct render *r, const xmlNode *list, const xmlNode *item,
			   long number, int depth)
{
	struct pdf_text marker;
	text_start(r, &marker, tree_line(item));
	int status = list_marker(r, list, item, number, depth, &marker);
	if (status == 0) {
		double width = text_width(&marker, 0, marker.count);
		r->pdf.marker = &marker;
		/* Right-aligned against the text, never left of the page's margin. */
		r->pdf.marker_x = fmax(r->pdf.set.margin_left, r->pdf.left - width - 4);
		if (tree_first(item))
			status = pdf_render_blocks(r, item);
		else {
			struct pdf_line line = {.ascent = r->base_size};
			status = place_lines(r, &marker, &(struct pdf_lines){&line, 0, 0}, 0, 0);
			if (status == 0)
				status = page_draw_line(&r->pdf, &marker, &line, r->pdf.left,
							line_height(r, &line));
		}
	}
	r->pdf.marker = NULL;
	text_free(&marker);
	return status;
}

static int pdf_render_list(struct render *r, const xmlNode *node)
{
	if (r->depth >= MAX_DEPTH) {
		diag_error(r->pdf.source, tree_line(node), "lists nested too deeply");
		return -1;
	}
	/* Room for the widest number: digits are 0.64 em in DejaVu Sans. */
	const char *first = tree_attr(node, "start");
	long last = (first ? atol(first) : 1) + (long)xmlChildElementCount((xmlNode *)node);
	int digits = 1;
	for (; last >= 10; last /= 10)
		digits++;
	double indent = r->base_size * fmax(1.8, 0.64 * digits + 1.0);
	if (column_width(r) - indent < MIN_COLUMN)
		indent = 0;
	int depth = r->depth++;
	int tight = r->tight;
	r->tight = strcmp(tree_attr(node, "tight"), "true") == 0;
	r->pdf.left += indent;
	const char *start = tree_attr(node, "start");
	long number = start ? atol(start) : 1;
	int status = 0;
	for (const xmlNode *item = tree_first(node); status == 0 && item; item = tree_next(item))
		status = pdf_render_item(r, node, item, number++, depth);
	r->pdf.left -= indent;
	r->tight = tight;
	r->depth--;
	if (status == 0 && !r->tight)
		gap(r, r->pdf.set.paragraph_gap * 0.5);
	return status;
}

/* ---- tables ------------------------------------------------------------- */

struct table_cell {
	struct pdf_text text;
	struct pdf_lines lines;
	int align;
};

struct table {
	struct table_cell *cells; /* rows * columns */
	size_t rows, columns;
	double *widths;
	int *header;
};

static void table_free(struct table *t)
{
	for (size_t i = 0; t->cells && i < t->rows * t->columns; i++) {
		text_free(&t->cells[i].text);
		lines_free(&t->cells[i].lines);
	}
	free(t->cells);
	free(t->widths);
	free(t->header);
}

static int table_read(struct render *r, const xmlNode *node, struct table *t)
{
	for (const xmlNode *row = tree_first(node); row; row = tree_next(row)) {
		size_t n = 0;
		for (const xmlNode *cell = tree_first(row); cell; cell = tree_next(cell))
			n++;
		t->rows++;
		if (n > t->columns)
			t->columns = n;
	}
	t->cells = calloc(t->rows * t->columns, sizeof *t->cells);
	t->widths = calloc(t->columns, sizeof *t->widths);
	t->header = calloc(t->rows, sizeof *t->header);
	if (!t->cells || !t->widths || !t->header)
		return -1;
	size_t i = 0;
	for (const xmlNode *row = tree_first(node); row; row = tree_next(row), i++) {
		t->header[i] = tree_attr(row, "header") != NULL;
		size_t j = 0;
		for (const xmlNode *cell = tree_first(row); cell; cell = tree_next(cell), j++) {
			struct table_cell *c = &t->cells[i * t->columns + j];
			text_start(r, &c->text, tree_line(node));
			const char *align = tree_attr(cell, "align");
			c->align = !align ? 0 : strcmp(align, "center") == 0 ? 1 : strcmp(align, "right") == 0 ? 2 : 0;
			struct pdf_style style = base_style(r);
			style.size = r->pdf.set.body_size * 0.92;
			if (t->header[i])
				style.face = FACE_BOLD;
			if (collect_inlines(r, &c->text, cell, style) != 0)
				return -1;
		}
		for (; j < t->columns; j++)
			text_start(r, &t->cells[i * t->columns + j].text, tree_line(node));
	}
	return 0;
}

/* The widest word of a cell: its column may not be narrower. */
static double longest_word(const struct pdf_text *text)
{
	double longest = 0, word = 0;
	for (size_t i = 0; i < text->count; i++) {
		word = text->glyphs[i].cp == ' ' ? 0 : word + text->glyphs[i].width;
		longest = fmax(longest, word);
	}
	return longest;
}

static void table_widths(struct render *r, struct table *t, double pad)
{
	double available = column_width(r) - 2 * pad * (double)t->columns;
	double natural = 0, minimum = 0;
	double *mins = calloc(t->columns, sizeof *mins);
	for (size_t j = 0; j < t->columns; j++) {
		for (size_t i = 0; i < t->rows; i++) {
			const struct pdf_text *text = &t->cells[i * t->columns + j].text;
			t->widths[j] = fmax(t->widths[j], text_width(text, 0, text->count));
			if (mins)
				mins[j] = fmax(mins[j], fmin(longest_word(text), available / (double)t->columns));
		}
		natural += t->widths[j];
		minimum += mins ? mins[j] : 0;
	}
	if (natural > available) {
		/* Give each column its minimum, and share the rest by natural width. */
		double rest = fmax(0, available - minimum), extra = natural - minimum;
		for (size_t j = 0; j < t->columns; j++) {
			double m = mins ? mins[j] : 0;
			t->widths[j] = extra > 0 ? m + (t->widths[j] - m) * rest / extra
						 : available / (double)t->columns;
		}
	}
	free(mins);
}

static double row_height(const struct render *r, const struct table *t, size_t i, double pad)
{
	double height = r->pdf.set.body_size * r->pdf.set.line_spacing;
	for (size_t j = 0; j < t->columns; j++) {
		const struct table_cell *c = &t->cells[i * t->columns + j];
		height = fmax(height, lines_height(r, &c->lines, 0, c->lines.count));
	}
	return height + 2 * pad;
}

static int table_row(struct render *r, struct table *t, size_t i, double pad)
{
	double height = row_height(r, t, i, pad);
	if (page_need(&r->pdf, height) != 0)
		return -1;
	double top = r->pdf.y, x = r->pdf.left, left = r->pdf.left, right = r->pdf.right;
	if (t->header[i])
		page_fill_rect(&r->pdf, x, top - height, right - x, height, r->pdf.set.code_background);
	int rules = r->pdf.rule_count;
	r->pdf.rule_count = 0;
	for (size_t j = 0; j < t->columns; j++) {
		struct table_cell *c = &t->cells[i * t->columns + j];
		r->pdf.y = top - pad;
		r->pdf.left = x + pad;
		r->pdf.right = x + pad + t->widths[j];
		if (draw_lines(r, &c->text, &c->lines, 0, c->lines.count, r->pdf.left, c->align) != 0)
			return -1;
		page_stroke_line(&r->pdf, x, top, x, top - height, 0.5, r->pdf.set.rule);
		x += t->widths[j] + 2 * pad;
	}
	r->pdf.rule_count = rules;
	r->pdf.left = left;
	r->pdf.right = right;
	page_stroke_line(&r->pdf, x, top, x, top - height, 0.5, r->pdf.set.rule);
	page_stroke_line(&r->pdf, left, top, x, top, 0.5, r->pdf.set.rule);
	page_stroke_line(&r->pdf, left, top - height, x, top - height, 0.5, r->pdf.set.rule);
	r->pdf.y = top - height;
	r->pdf.at_top = 0;
	return 0;
}

static int pdf_render_table(struct render *r, const xmlNode *node)
{
	struct table t = {0};
	double pad = 4;
	int status = table_read(r, node, &t);
	if (status == 0)
		table_widths(r, &t, pad);
	for (size_t i = 0; status == 0 && i < t.rows * t.columns; i++) {
		double w = t.widths[i % t.columns];
		status = text_break(&t.cells[i].text, w, w, &t.cells[i].lines);
	}
	for (size_t i = 0; status == 0 && i < t.rows; i++) {
		/* A table that crosses a page repeats its header row. */
		int repeat = i > 0 && t.header[0] && !t.header[i] &&
			     row_height(r, &t, i, pad) > page_room(&r->pdf) + 0.01;
		if (repeat && (page_new(&r->pdf) != 0 || table_row(r, &t, 0, pad) != 0))
			status = -1;
		if (status == 0)
			status = table_row(r, &t, i, pad);
	}
	table_free(&t);
	if (status == 0)
		gap(r, r->pdf.set.paragraph_gap);
	return status;
}

/* ---- cards and sections ------------------------------------------------- */

static int card_heading_text(struct render *r, const xmlNode *card, struct pdf_text *text,
			     double size, struct pdf_color color)
{
	const xmlNode *question = tree_child(card, "question");
	text_start(r, text, tree_line(card));
	struct pdf_style style = {.face = FACE_BOLD, .size = size, .color = color};
	const char *number = tree_attr(card, "number");
	if (number) {
		char label[32];
		snprintf(label, sizeof label, "Q%s. ", number);
		if (append_utf8(r, text, &style, label) != 0)
			return -1;
	}
	return collect_inlines(r, text, question, style);
}

/* The question as a heading; MARK > 0 puts it in the outline at level MARK. */
static int pdf_render_question(struct render *r, const xmlNode *card, const char *anchor,
			       const xmlNode *next, int mark)
{
	struct pdf_text text;
	int status = card_heading_text(r, card, &text, r->pdf.set.heading_size[1], r->pdf.set.accent);
	if (status == 0)
		status = place_heading(r, &text, r->pdf.set.paragraph_gap * 1.5, 4, next, anchor);
	text_free(&text);
	if (status == 0 && mark) {
		char *title = tree_card_title(card);
		status = title ? page_add_mark(&r->pdf, mark, title, anchor) : -1;
		free(title);
	}
	return status;
}

static int pdf_render_why(struct render *r, const xmlNode *why)
{
	double indent = push_rule(r, r->pdf.set.body_size, r->pdf.set.accent);
	enum pdf_face face = r->base_face;
	struct pdf_color color = r->base_color;
	r->base_face = FACE_ITALIC;
	r->base_color = r->pdf.set.why;
	r->prefix = "Why they ask:";
	int status = pdf_render_blocks(r, why);
	r->prefix = NULL;
	r->base_face = face;
	r->base_color = color;
	pop_rule(r, indent);
	return status;
}

static int pdf_render_answer(struct render *r, const xmlNode *answer)
{
	const char *label = tree_attr(answer, "label");
	if (label && *label) {
		struct pdf_text text;
		text_start(r, &text, tree_line(answer));
		struct pdf_style style = {.face = FACE_BOLD, .size = r->pdf.set.body_size,
					  .color = r->pdf.set.heading};
		int status = append_utf8(r, &text, &style, label);
		if (status == 0)
			status = place_heading(r, &text, 2, 2, tree_first(answer), NULL);
		text_free(&text);
		if (status != 0)
			return -1;
	}
	return pdf_render_blocks(r, answer);
}

static int pdf_render_card(struct render *r, const xmlNode *card)
{
	const xmlNode *why = tree_child(card, "why");
	const xmlNode *answer = tree_child(card, "answer");
	if (pdf_render_question(r, card, tree_attr(card, "id"), card, 1) != 0)
		return -1;
	if (why && pdf_render_why(r, why) != 0)
		return -1;
	return pdf_render_answer(r, answer);
}

static int render_block(struct render *r, const xmlNode *node)
{
	if (tree_is(node, "p"))
		return pdf_render_p(r, node);
	if (tree_is(node, "heading"))
		return pdf_render_heading(r, node);
	if (tree_is(node, "list"))
		return pdf_render_list(r, node);
	if (tree_is(node, "codeblock"))
		return pdf_render_codeblock(r, node);
	if (tree_is(node, "quote"))
		return pdf_render_quote(r, node);
	if (tree_is(node, "table"))
		return pdf_render_table(r, node);
	if (tree_is(node, "hr"))
		return pdf_render_hr(r, node);
	if (tree_is(node, "raw"))
		return pdf_render_raw(r, node);
	if (tree_is(node, "card"))
		return pdf_render_card(r, node);
	return 0;
}

static int pdf_render_blocks(struct render *r, const xmlNode *parent)
{
	for (const xmlNode *node = tree_first(parent); node; node = tree_next(node))
		if (render_block(r, node) != 0)
			return -1;
	return 0;
}

static int section_heading(struct render *r, const xmlNode *section, const char *anchor,
			   const char *prefix)
{
	struct pdf_text text;
	text_start(r, &text, tree_line(section));
	struct pdf_style style = {
		.face = FACE_BOLD, .size = r->pdf.set.heading_size[0], .color = r->pdf.set.heading};
	int status = prefix ? append_utf8(r, &text, &style, prefix) : 0;
	if (status == 0)
		status = collect_inlines(r, &text, tree_child(section, "title"), style);
	if (status == 0)
		status = place_heading(r, &text, 0, 4, NULL, anchor);
	if (status == 0) {
		page_stroke_line(&r->pdf, r->pdf.left, r->pdf.y, r->pdf.right, r->pdf.y, 0.8,
				 r->pdf.set.heading);
		r->pdf.y -= r->pdf.set.paragraph_gap * 1.5;
	}
	text_free(&text);
	return status;
}

/* The running header's section title: PREFIX and the section's title. */
static int set_section_title(struct render *r, const xmlNode *section, const char *prefix)
{
	free(r->pdf.section_title);
	r->pdf.section_title = NULL;
	char *title = tree_plain_text(tree_child(section, "title"));
	if (!title)
		return -1;
	size_t need = strlen(prefix) + strlen(title) + 1;
	r->pdf.section_title = malloc(need);
	if (r->pdf.section_title)
		snprintf(r->pdf.section_title, need, "%s%s", prefix, title);
	free(title);
	return r->pdf.section_title ? 0 : -1;
}

static int pdf_render_section(struct render *r, const xmlNode *section)
{
	if (set_section_title(r, section, "") != 0 || page_new(&r->pdf) != 0)
		return -1;
	const char *id = tree_attr(section, "id");
	if (page_add_mark(&r->pdf, 0, r->pdf.section_title, id) != 0)
		return -1;
	if (section_heading(r, section, id, NULL) != 0)
		return -1;
	for (const xmlNode *node = tree_next(tree_child(section, "title")); node;
	     node = tree_next(node))
		if (render_block(r, node) != 0)
			return -1;
	return 0;
}

/* ---- title page and table of contents ----------------------------------- */

static int centered(struct render *r, const xmlNode *inlines, const char *plain,
		    struct pdf_style style, double after)
{
	struct pdf_text text;
	struct pdf_lines lines = {0};
	text_start(r, &text, 0);
	int status = inlines ? collect_inlines(r, &text, inlines, style)
			     : append_utf8(r, &text, &style, plain);
	if (status == 0)
		status = text_break(&text, column_width(r), column_width(r), &lines);
	if (status == 0)
		status = draw_lines(r, &text, &lines, 0, lines.count, r->pdf.left, 1);
	r->pdf.y -= after;
	lines_free(&lines);
	text_free(&text);
	return status;
}

static int pdf_render_title_page(struct render *r, const xmlNode *meta)
{
	const struct pdf_settings *s = &r->pdf.set;
	if (page_new(&r->pdf) != 0)
		return -1;
	r->pdf.y = page_top(&r->pdf) - (page_top(&r->pdf) - page_bottom(&r->pdf)) * 0.25;
	struct pdf_style title = {.face = FACE_BOLD, .size = s->title_size, .color = s->heading};
	struct pdf_style sub = {.face = FACE_REGULAR, .size = s->body_size * 1.4, .color = s->text};
	struct pdf_style small = {.face = FACE_REGULAR, .size = s->body_size, .color = s->muted};
	if (centered(r, tree_child(meta, "title"), NULL, title, 14) != 0)
		return -1;
	if (r->drill && centered(r, NULL, "Question sheet", sub, 10) != 0)
		return -1;
	const xmlNode *subtitle = tree_child(meta, "subtitle");
	if (subtitle && centered(r, subtitle, NULL, sub, 24) != 0)
		return -1;
	if (r->author && centered(r, NULL, r->author, sub, 24) != 0)
		return -1;
	char line[512];
	snprintf(line, sizeof line, "Source: %s", r->pdf.source);
	if (centered(r, NULL, line, small, 4) != 0)
		return -1;
	struct tm tm;
	gmtime_r(&r->date, &tm);
	strftime(line, sizeof line, "%Y-%m-%d", &tm);
	return centered(r, NULL, line, small, 20);
}

/* One line of UTF8 in STYLE beside the line at the current height, ending
 * at RIGHT; the current height stays. */
static int draw_right(struct render *r, const char *utf8, struct pdf_style style, double right)
{
	struct pdf_text text;
	text_start(r, &text, 0);
	int status = append_utf8(r, &text, &style, utf8);
	struct pdf_line line = {.start = 0, .end = text.count, .ascent = style.size};
	line.width = text_width(&text, 0, text.count);
	double top = r->pdf.y;
	if (status == 0)
		status = page_draw_line(&r->pdf, &text, &line, right - line.width,
					line_height(r, &line));
	r->pdf.y = top;
	text_free(&text);
	return status;
}

/* Dot leaders from FROM to RIGHT and the page of ANCHOR after them. */
static int toc_leader(struct render *r, struct pdf_style style, double from, const char *anchor)
{
	double number_width = style.size * 2.2;
	struct pdf_style dots = style;
	dots.face = FACE_REGULAR;
	dots.color = r->pdf.set.rule;
	/* " ." is two characters as wide as a dot each in DejaVu Sans. */
	double pair = fonts_width(&r->pdf.fonts, FACE_REGULAR, '.') * style.size / 500.0;
	size_t count = pair > 0 && r->pdf.right - number_width > from
			       ? (size_t)((r->pdf.right - number_width - from) / pair) : 0;
	char *leader = malloc(2 * count + 1);
	if (!leader)
		return -1;
	for (size_t i = 0; i < count; i++)
		memcpy(leader + 2 * i, " .", 2);
	leader[2 * count] = '\0';
	int status = draw_right(r, leader, dots, r->pdf.right - number_width);
	free(leader);
	return status == 0 ? page_defer_number(&r->pdf, anchor, "%d", style, r->pdf.right) : -1;
}

/* One entry: text, dot leaders and the page number of ANCHOR, as a link. */
static int toc_entry(struct render *r, const xmlNode *inlines, const char *plain, const char *prefix,
		     const char *anchor, struct pdf_style style, double indent)
{
	int measuring = r->measuring;
	r->measuring = 1; /* the entries repeat text whose own lines warn */
	struct pdf_text text;
	struct pdf_lines lines = {0};
	text_start(r, &text, 0);
	double x = r->pdf.left + indent;
	int status = prefix ? append_utf8(r, &text, &style, prefix) : 0;
	if (status == 0)
		status = inlines ? collect_inlines(r, &text, inlines, style)
				 : append_utf8(r, &text, &style, plain);
	if (status == 0 && text.count == 0) /* an empty title still gets its line */
		status = append_utf8(r, &text, &style, " ");
	double width = r->pdf.right - x - style.size * 3.2;
	if (status == 0)
		status = text_break(&text, width, width, &lines);
	if (status == 0 && lines.count == 0)
		status = -1;
	if (status == 0)
		status = page_need(&r->pdf, lines_height(r, &lines, 0, lines.count));
	double top = r->pdf.y;
	if (status == 0)
		status = draw_lines(r, &text, &lines, 0, lines.count - 1, x, 0);
	if (status == 0)
		status = toc_leader(r, style, x + lines.items[lines.count - 1].width + style.size * 0.5,
				    anchor);
	if (status == 0)
		status = draw_lines(r, &text, &lines, lines.count - 1, lines.count, x, 0);
	if (status == 0) {
		char href[600];
		snprintf(href, sizeof href, "#%s", anchor);
		status = page_add_link(&r->pdf, x, r->pdf.y, r->pdf.right, top, href, 0);
	}
	r->measuring = measuring;
	lines_free(&lines);
	text_free(&text);
	return status;
}

static int toc_section(struct render *r, const xmlNode *section, const char *anchor_prefix)
{
	const struct pdf_settings *s = &r->pdf.set;
	struct pdf_style style = {.face = FACE_BOLD, .size = s->body_size, .color = s->text};
	char anchor[512];
	snprintf(anchor, sizeof anchor, "%s%s", anchor_prefix, tree_attr(section, "id"));
	r->pdf.y -= 3;
	if (toc_entry(r, tree_child(section, "title"), NULL, NULL, anchor, style, 0) != 0)
		return -1;
	struct pdf_style question = {.face = FACE_REGULAR, .size = s->body_size * 0.9, .color = s->text};
	for (const xmlNode *card = tree_first(section); card; card = tree_next(card)) {
		if (!tree_is(card, "card"))
			continue;
		char prefix[32] = "";
		if (tree_attr(card, "number"))
			snprintf(prefix, sizeof prefix, "Q%s. ", tree_attr(card, "number"));
		snprintf(anchor, sizeof anchor, "%s%s", anchor_prefix, tree_attr(card, "id"));
		if (toc_entry(r, tree_child(card, "question"), NULL, prefix, anchor, question,
			      s->body_size * 1.5) != 0)
			return -1;
	}
	return 0;
}

static int pdf_render_toc(struct render *r, const xmlNode *guide, const char *id)
{
	free(r->pdf.section_title);
	r->pdf.section_title = strdup("Contents");
	if (!r->pdf.section_title || page_new(&r->pdf) != 0)
		return -1;
	if (page_anchor(&r->pdf, id ? id : "contents") != 0 ||
	    page_add_mark(&r->pdf, 0, "Contents", id ? id : "contents") != 0)
		return -1;
	struct pdf_text text;
	text_start(r, &text, 0);
	struct pdf_style style = {
		.face = FACE_BOLD, .size = r->pdf.set.heading_size[0], .color = r->pdf.set.heading};
	int status = append_utf8(r, &text, &style, "Contents");
	if (status == 0)
		status = place_heading(r, &text, 0, 10, NULL, NULL);
	text_free(&text);
	for (const xmlNode *node = tree_first(guide); status == 0 && node; node = tree_next(node)) {
		if (!tree_is(node, "section"))
			continue;
		if (r->drill && strcmp(tree_attr(node, "kind"), "questions") != 0)
			continue;
		status = toc_section(r, node, "");
	}
	if (status == 0 && r->drill) {
		struct pdf_style bold = {.face = FACE_BOLD, .size = r->pdf.set.body_size,
					 .color = r->pdf.set.text};
		r->pdf.y -= 8;
		status = toc_entry(r, NULL, "Answers", NULL, "answers", bold, 0);
	}
	return status;
}

/* ---- drill sheet -------------------------------------------------------- */

/* "answer on page N", a link to the card's answer in the appendix. */
static int drill_answer_link(struct render *r, const xmlNode *card)
{
	char href[512];
	snprintf(href, sizeof href, "#answer-%s", tree_attr(card, "id"));
	struct pdf_style style = {.face = FACE_ITALIC, .size = r->pdf.set.small_size,
				  .flags = STYLE_LINK, .color = r->pdf.set.link, .href = href};
	r->pdf.y -= 2;
	int status = page_defer_number(&r->pdf, href + 1, "answer on page %d \xE2\x86\x92", style,
				       r->pdf.right);
	r->pdf.y -= r->pdf.set.small_size * r->pdf.set.line_spacing;
	return status;
}

static int drill_ruled_space(struct render *r, const xmlNode *card)
{
	double line = r->pdf.set.body_size * 2;
	double link = 2 + r->pdf.set.small_size * r->pdf.set.line_spacing;
	if (page_need(&r->pdf, line * r->pdf.set.drill_lines + link) != 0)
		return -1;
	for (int i = 0; i < r->pdf.set.drill_lines; i++) {
		r->pdf.y -= line;
		r->pdf.at_top = 0;
		page_stroke_line(&r->pdf, r->pdf.left, r->pdf.y, r->pdf.right, r->pdf.y, 0.4,
				 r->pdf.set.rule);
	}
	if (drill_answer_link(r, card) != 0)
		return -1;
	r->pdf.y -= r->pdf.set.paragraph_gap;
	return 0;
}

static int drill_card(struct render *r, const xmlNode *card)
{
	const xmlNode *why = tree_child(card, "why");
	/* The question, its reason and the space for the answer stay together. */
	const struct pdf_settings *s = &r->pdf.set;
	double question = 2 * s->heading_size[1] * s->line_spacing;
	double reason = why ? lead_height(r, why) : 0;
	double space = s->drill_lines * s->body_size * 2 + s->small_size * s->line_spacing + 2;
	if (page_need(&r->pdf, question + reason + space) != 0)
		return -1;
	if (pdf_render_question(r, card, tree_attr(card, "id"), why, 1) != 0)
		return -1;
	if (why && pdf_render_why(r, why) != 0)
		return -1;
	return drill_ruled_space(r, card);
}

static int drill_answers(struct render *r, const xmlNode *guide)
{
	free(r->pdf.section_title);
	r->pdf.section_title = strdup("Answers");
	if (!r->pdf.section_title || page_new(&r->pdf) != 0 ||
	    page_add_mark(&r->pdf, 0, "Answers", "answers") != 0 || page_anchor(&r->pdf, "answers") != 0)
		return -1;
	char anchor[512];
	for (const xmlNode *section = tree_first(guide); section; section = tree_next(section)) {
		if (!tree_is(section, "section") || strcmp(tree_attr(section, "kind"), "questions") != 0)
			continue;
		if (set_section_title(r, section, ANSWERS_PREFIX) != 0)
			return -1;
		snprintf(anchor, sizeof anchor, "answers-%s", tree_attr(section, "id"));
		const char *title = r->pdf.section_title + strlen(ANSWERS_PREFIX);
		if (page_add_mark(&r->pdf, 1, title, anchor) != 0 ||
		    section_heading(r, section, anchor, ANSWERS_PREFIX) != 0)
			return -1;
		for (const xmlNode *card = tree_first(section); card; card = tree_next(card)) {
			if (!tree_is(card, "card"))
				continue;
			snprintf(anchor, sizeof anchor, "answer-%s", tree_attr(card, "id"));
			const xmlNode *answer = tree_child(card, "answer");
			if (pdf_render_question(r, card, anchor, answer, 2) != 0 ||
			    pdf_render_answer(r, answer) != 0)
				return -1;
		}
	}
	return 0;
}

static int drill_sections(struct render *r, const xmlNode *guide)
{
	for (const xmlNode *section = tree_first(guide); section; section = tree_next(section)) {
		if (!tree_is(section, "section") || strcmp(tree_attr(section, "kind"), "questions") != 0)
			continue;
		if (set_section_title(r, section, "") != 0 || page_new(&r->pdf) != 0)
			return -1;
		const char *id = tree_attr(section, "id");
		if (page_add_mark(&r->pdf, 0, r->pdf.section_title, id) != 0 ||
		    section_heading(r, section, id, NULL) != 0)
			return -1;
		for (const xmlNode *card = tree_first(section); card; card = tree_next(card))
			if (tree_is(card, "card") && drill_card(r, card) != 0)
				return -1;
	}
	return drill_answers(r, guide);
}

/* ---- the document ------------------------------------------------------- */

static int render_guide(struct render *r)
{
	struct pdf_doc *pdf = &r->pdf;
	pdf->page_count = 0;
	pdf->page = NULL;
	pdf->rule_count = 0;
	pdf->marker = NULL;
	pdf->left = pdf->set.margin_left;
	pdf->right = pdf->set.page_width - pdf->set.margin_right;
	free(pdf->section_title);
	pdf->section_title = NULL;
	r->base_face = FACE_REGULAR;
	r->base_color = pdf->set.text;
	r->base_size = pdf->set.body_size;
	const xmlNode *guide = xmlDocGetRootElement(r->tree);
	const xmlNode *meta = tree_child(guide, "meta");
	const xmlNode *toc = tree_child(guide, "toc");
	if (pdf_render_title_page(r, meta) != 0)
		return -1;
	const xmlNode *intro = tree_child(guide, "intro");
	if (intro && !r->drill && pdf_render_blocks(r, intro) != 0)
		return -1;
	if (pdf_render_toc(r, guide, toc ? tree_attr(toc, "id") : NULL) != 0)
		return -1;
	if (r->drill)
		return drill_sections(r, guide);
	for (const xmlNode *node = tree_first(guide); node; node = tree_next(node))
		if (tree_is(node, "section") && pdf_render_section(r, node) != 0)
			return -1;
	return 0;
}

static void hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct render *r = data;
	if (r->loading_image || r->pdf.fonts.loading)
		return; /* the caller checks, warns and goes on without it */
	if (r->saving) { /* save() names the file that could not be written */
		r->pdf.failed = 1;
		return;
	}
	if (!r->pdf.failed)
		diag_error(r->pdf.source, 0, "PDF library error 0x%04X (detail %u); no PDF written",
			   (unsigned)error, (unsigned)detail);
	r->pdf.failed = 1;
}

static time_t document_date(const char *path)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch) {
		char *end;
		long long value = strtoll(epoch, &end, 10);
		if (*end == '\0' && value >= 0)
			return (time_t)value;
		diag_warning("SOURCE_DATE_EPOCH", 0, "not a number of seconds; ignored");
	}
	struct stat st;
	if (path && strcmp(path, "-") != 0 && stat(path, &st) == 0)
		return st.st_mtime;
	return 0;
}

/* The document's language (the guide's lang), for screen readers and
 * hyphenating viewers; libharu has no call for it, so it goes into the
 * catalog dictionary directly. */
static int set_language(struct render *r)
{
	const char *lang = tree_attr(xmlDocGetRootElement(r->tree), "lang");
	HPDF_Doc doc = r->pdf.doc;
	HPDF_String value = HPDF_String_New(doc->mmgr, lang, NULL);
	if (!value || HPDF_Dict_Add(doc->catalog, "Lang", value) != HPDF_OK)
		return -1;
	return 0;
}

static int set_metadata(struct render *r)
{
	HPDF_Doc doc = r->pdf.doc;
	const xmlNode *meta = tree_child(xmlDocGetRootElement(r->tree), "meta");
	char *title = tree_plain_text(tree_child(meta, "title"));
	const xmlNode *sub = tree_child(meta, "subtitle");
	char *subtitle = sub ? tree_plain_text(sub) : NULL;
	if (!title || (sub && !subtitle)) {
		free(title);
		free(subtitle);
		return -1;
	}
	HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, title);
	if (subtitle)
		HPDF_SetInfoAttr(doc, HPDF_INFO_SUBJECT, subtitle);
	if (r->author)
		HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, r->author);
	HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, VERSION);
	struct tm tm;
	gmtime_r(&r->date, &tm);
	HPDF_Date date = {.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
			  .hour = tm.tm_hour, .minutes = tm.tm_min, .seconds = tm.tm_sec,
			  .ind = 'Z'};
	HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, date);
	free(title);
	free(subtitle);
	if (set_language(r) != 0)
		return -1;
	return r->pdf.failed ? -1 : 0;
}

/* Standard output gets the document only once it is complete. */
static int save_to_stdout(HPDF_Doc doc)
{
	if (HPDF_SaveToStream(doc) != HPDF_OK)
		return -1;
	HPDF_ResetStream(doc);
	unsigned char buffer[65536];
	for (;;) {
		HPDF_UINT32 size = sizeof buffer;
		HPDF_STATUS status = HPDF_ReadFromStream(doc, buffer, &size);
		if (size > 0 && fwrite(buffer, 1, size, stdout) != size)
			return -1;
		if (status == HPDF_STREAM_EOF)
			break;
		if (status != HPDF_OK)
			return -1;
	}
	return fflush(stdout) == 0 ? 0 : -1;
}

static int save(struct render *r, const char *output)
{
	if (atomic_is_stdout(output)) {
		if (save_to_stdout(r->pdf.doc) != 0) {
			diag_fatal("cannot write the PDF to standard output");
			return -1;
		}
		return 0;
	}
	struct atomic_file out;
	if (atomic_open_path(&out, output) != 0)
		return -1;
	if (r->pdf.failed) {
		atomic_abort(&out);
		return -1;
	}
	r->saving = 1;
	errno = 0;
	HPDF_STATUS saved = HPDF_SaveToFile(r->pdf.doc, out.temp_path);
	int err = errno;
	r->saving = 0;
	if (saved != HPDF_OK || r->pdf.failed) {
		diag_error(output, 0, "cannot write the PDF: %s",
			   err ? strerror(err) : "the PDF library could not save it");
		atomic_abort(&out);
		return -1;
	}
	return atomic_commit(&out);
}

static int open_document(struct render *r, const struct style_conf *conf, const char *cache)
{
	r->pdf.doc = HPDF_New(hpdf_error, r);
	if (!r->pdf.doc) {
		diag_fatal("cannot create the PDF document (out of memory)");
		return -1;
	}
	HPDF_UseUTFEncodings(r->pdf.doc);
	HPDF_SetCurrentEncoder(r->pdf.doc, "UTF-8");
	HPDF_SetCompressionMode(r->pdf.doc, HPDF_COMP_ALL);
	HPDF_SetPageMode(r->pdf.doc, HPDF_PAGE_MODE_USE_OUTLINE);
	if (r->pdf.failed)
		return -1;
	return fonts_open(&r->pdf.fonts, r->pdf.doc, conf, cache);
}

static char *guide_title(const xmlDoc *tree)
{
	return tree_plain_text(tree_child(tree_child(xmlDocGetRootElement(tree), "meta"), "title"));
}

/* Lays out, draws and saves. */
static int convert(struct render *r, const struct style_conf *conf, const char *cache,
		   const char *output)
{
	if (open_document(r, conf, cache) != 0)
		return EXIT_SYSTEM;
	r->pdf.guide_title = guide_title(r->tree);
	if (!r->pdf.guide_title || render_guide(r) != 0)
		return r->pdf.failed ? EXIT_SYSTEM : EXIT_INPUT;
	if (page_finish(&r->pdf) != 0 || set_metadata(r) != 0)
		return EXIT_SYSTEM;
	return save(r, output) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

static void render_free(struct render *r)
{
	for (int i = 0; i < r->cache_count; i++)
		free(r->cache[i].src);
	imagefile_folder_free(&r->image_folder);
	page_free(&r->pdf);
	fonts_close(&r->pdf.fonts);
	free(r->pdf.guide_title);
	free(r->pdf.section_title);
	if (r->pdf.doc)
		HPDF_Free(r->pdf.doc);
}

static void usage(FILE *to)
{
	fputs("usage: guide2pdf [-o FILE] [--styles DIR] [--paper a4|letter] [--author NAME]\n"
	      "                 [--drill] [--font-cache DIR] [--images DIR] [--time-limit S]\n"
	      "                 [TREE.xml]\n"
	      "Writes the guide tree as a PDF handout (--drill: a question sheet).\n"
	      TIMELIMIT_USAGE,
	      to);
}

struct options {
	const char *output, *styles, *paper, *author, *cache, *images, *input, *time_limit;
	int drill;
};

static int parse_options(int argc, char **argv, struct options *o)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char **slot = strcmp(arg, "-o") == 0		 ? &o->output
				    : strcmp(arg, "--styles") == 0	 ? &o->styles
				    : strcmp(arg, "--paper") == 0	 ? &o->paper
				    : strcmp(arg, "--author") == 0	 ? &o->author
				    : strcmp(arg, "--font-cache") == 0 ? &o->cache
				    : strcmp(arg, "--images") == 0	 ? &o->images
				    : strcmp(arg, "--time-limit") == 0 ? &o->time_limit
									 : NULL;
		if (slot) {
			if (++i >= argc) {
				diag_fatal("%s needs a value", arg);
				return -1;
			}
			*slot = argv[i];
		} else if (strcmp(arg, "--drill") == 0) {
			o->drill = 1;
		} else if (strcmp(arg, "--help") == 0) {
			usage(stdout);
			exit(EXIT_OK);
		} else if (strcmp(arg, "--version") == 0) {
			puts(VERSION);
			exit(EXIT_OK);
		} else if (arg[0] == '-' && arg[1] != '\0') {
			diag_fatal("unknown option '%s'; see --help", arg);
			return -1;
		} else if (o->input) {
			diag_fatal("only one input tree, please");
			return -1;
		} else {
			o->input = arg;
		}
	}
	if (o->paper && strcmp(o->paper, "a4") != 0 && strcmp(o->paper, "letter") != 0) {
		diag_fatal("--paper takes a4 or letter, not '%s'", o->paper);
		return -1;
	}
	return 0;
}

/* The style file's name in messages: the file read, or the built-in copy's name. */
static char *style_name(const char *dir)
{
	if (!dir)
		return strdup(STYLE_FILE);
	size_t need = strlen(dir) + sizeof STYLE_FILE + 1;
	char *path = malloc(need);
	if (path) {
		snprintf(path, need, "%s/%s", dir, STYLE_FILE);
		if (access(path, F_OK) != 0)
			snprintf(path, need, "%s", STYLE_FILE);
	}
	return path;
}

static int load_style(const struct options *o, struct style_conf *conf, char **name,
		      struct pdf_settings *set)
{
	char *text;
	size_t len;
	if (style_load(o->styles, STYLE_FILE, &text, &len) != 0)
		return -1;
	*name = style_name(o->styles);
	int status = *name ? style_conf_parse(conf, *name, text) : -1;
	free(text);
	if (status != 0)
		return -1;
	return load_settings(set, conf, o->paper);
}

int main(int argc, char **argv)
{
	diag_set_program("guide2pdf");
	struct options o = {0};
	if (parse_options(argc, argv, &o) != 0) {
		usage(stderr);
		return EXIT_SYSTEM;
	}
	if (timelimit_arm(o.input, o.time_limit) != 0)
		return EXIT_SYSTEM;
	struct render r = {0};
	struct style_conf conf = {0};
	char *conf_name = NULL;
	int status = EXIT_INPUT;
	r.tree_path = o.input;
	r.drill = o.drill;
	r.tree = tree_load(o.input, &status);
	if (r.tree && imagefile_folder(&r.image_folder, o.images, o.input) != 0) {
		status = EXIT_SYSTEM;
	} else if (r.tree && load_style(&o, &conf, &conf_name, &r.pdf.set) == 0) {
		r.pdf.source = tree_source(r.tree);
		const xmlNode *meta = tree_child(xmlDocGetRootElement(r.tree), "meta");
		const xmlNode *author = tree_child(meta, "author");
		xmlChar *stated = author ? xmlNodeGetContent(author) : NULL;
		r.author = o.author ? o.author : (const char *)stated;
		r.date = document_date(o.input);
		const char *cache = o.cache ? o.cache : style_conf_get(&conf, "font_cache", "out/fonts");
		status = convert(&r, &conf, cache, o.output);
		xmlFree(stated);
	}
	render_free(&r);
	style_conf_free(&conf);
	free(conf_name);
	if (r.tree)
		xmlFreeDoc(r.tree);
	return status;
}
