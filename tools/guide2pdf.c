/* guide2pdf: the guide tree as a printed handout (PDF, with libharu).
 *
 * Reads the guide tree (tools/guide.rng) and writes a PDF: title page, table
 * of contents with page numbers, every section and question card, an outline
 * with every question, links, running header and footer. --drill writes a
 * question sheet with ruled space for answers and the answers in an appendix.
 * One pdf_render_ELEMENT() per element of the tree; fonts, line breaking and
 * pages are in tools/guide2pdf/. The document is laid out twice (see page.c). */
#include "guide2pdf/handout.h"

#include "atomic.h"
#include "diag.h"
#include "imagefile.h"
#include "style.h"
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
#define ANSWERS_PREFIX "Answers: "

/* ---- title page and table of contents ----------------------------------- */

static int centered(struct render *r, const xmlNode *inlines, const char *plain,
		    struct pdf_style style, double after)
{
	struct pdf_text text;
	struct pdf_lines lines = {0};
	inline_start(r, &text, 0);
	int status = inlines ? inline_collect(r, &text, inlines, style)
			     : inline_append(r, &text, &style, plain);
	if (status == 0)
		status = text_break(&text, flow_width(r), flow_width(r), &lines);
	if (status == 0)
		status = flow_draw_lines(r, &text, &lines, 0, lines.count, r->pdf.left, 1);
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
	inline_start(r, &text, 0);
	int status = inline_append(r, &text, &style, utf8);
	struct pdf_line line = {.start = 0, .end = text.count, .ascent = style.size};
	line.width = text_width(&text, 0, text.count);
	double top = r->pdf.y;
	if (status == 0)
		status = page_draw_line(&r->pdf, &text, &line, right - line.width,
					flow_line_height(r, &line));
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
	inline_start(r, &text, 0);
	double x = r->pdf.left + indent;
	int status = prefix ? inline_append(r, &text, &style, prefix) : 0;
	if (status == 0)
		status = inlines ? inline_collect(r, &text, inlines, style)
				 : inline_append(r, &text, &style, plain);
	if (status == 0 && text.count == 0) /* an empty title still gets its line */
		status = inline_append(r, &text, &style, " ");
	double width = r->pdf.right - x - style.size * 3.2;
	if (status == 0)
		status = text_break(&text, width, width, &lines);
	if (status == 0 && lines.count == 0)
		status = -1;
	if (status == 0)
		status = page_need(&r->pdf, flow_lines_height(r, &lines, 0, lines.count));
	double top = r->pdf.y;
	if (status == 0)
		status = flow_draw_lines(r, &text, &lines, 0, lines.count - 1, x, 0);
	if (status == 0)
		status = toc_leader(r, style, x + lines.items[lines.count - 1].width + style.size * 0.5,
				    anchor);
	if (status == 0)
		status = flow_draw_lines(r, &text, &lines, lines.count - 1, lines.count, x, 0);
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
	inline_start(r, &text, 0);
	struct pdf_style style = {
		.face = FACE_BOLD, .size = r->pdf.set.heading_size[0], .color = r->pdf.set.heading};
	int status = inline_append(r, &text, &style, "Contents");
	if (status == 0)
		status = block_place_heading(r, &text, 0, 10, NULL, NULL);
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
	double reason = why ? block_lead_height(r, why) : 0;
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
		if (section_set_title(r, section, ANSWERS_PREFIX) != 0)
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
		if (section_set_title(r, section, "") != 0 || page_new(&r->pdf) != 0)
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
	image_cache_free(r);
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
	      "                 [--drill] [--font-cache DIR] [--images DIR] [TREE.xml]\n"
	      "Writes the guide tree as a PDF handout (--drill: a question sheet).\n",
	      to);
}

struct options {
	const char *output, *styles, *paper, *author, *cache, *images, *input;
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

int main(int argc, char **argv)
{
	diag_set_program("guide2pdf");
	struct options o = {0};
	if (parse_options(argc, argv, &o) != 0) {
		usage(stderr);
		return EXIT_SYSTEM;
	}
	struct render r = {0};
	struct style_conf conf = {0};
	char *conf_name = NULL;
	int status = EXIT_INPUT;
	r.tree_path = o.input;
	r.drill = o.drill;
	r.tree = tree_load(o.input, &status);
	if (r.tree && imagefile_folder(&r.image_folder, o.images, o.input) != 0) {
		status = EXIT_SYSTEM;
	} else if (r.tree && settings_load(o.styles, o.paper, &conf, &conf_name, &r.pdf.set) == 0) {
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
