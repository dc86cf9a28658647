/* guide2pdf: the guide tree as a printed handout (PDF, with libharu).
 *
 * Reads the guide tree (tools/guide.rng) and writes a PDF: title page, table
 * of contents with page numbers, every section and question card, an outline
 * with every question, links, running header and footer. --drill writes a
 * question sheet with ruled space for answers and the answers in an appendix.
 *
 * This file owns the command line, the document (libharu's error handler,
 * metadata, the language) and the run from tree to file: the order of the
 * parts and the save, through a temporary file, so that nothing is ever
 * half-written. It draws nothing itself: each element of the tree has its
 * pdf_render_ELEMENT() in tools/guide2pdf/, listed in handout.h, and those
 * modules never call back into this file. The document is laid out and
 * drawn in one pass; what needs the last page waits for page_finish. */
#include "guide2pdf/handout.h"

#include "atomic.h"
#include "builddate.h"
#include "cli.h"
#include "diag.h"
#include "imagefile.h"
#include "style.h"
#include "timelimit.h"
#include "tree.h"

#include <errno.h>
#include <hpdf_doc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define VERSION "guide2pdf 0.1"

/* The parts in order: the title page, the intro (not on the drill sheet),
 * the contents, then the sections or the drill sheet's questions. */
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
		return pdf_render_drill(r, guide);
	for (const xmlNode *node = tree_first(guide); node; node = tree_next(node))
		if (tree_is(node, "section") && pdf_render_section(r, node) != 0)
			return -1;
	return 0;
}

/* libharu's errors are sticky and come through here, not through return
 * values alone: the first one is reported, every call after it is checked
 * against pdf.failed, and no PDF is written. */
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

/* Through a temporary file beside OUTPUT and a rename (tools/lib/atomic.c):
 * a failed save leaves the previous file as it was. */
static int save(struct render *r, const char *output)
{
	if (atomic_is_stdout(output)) {
		errno = 0;
		if (save_to_stdout(r->pdf.doc) != 0) {
			int err = errno;
			diag_fatal("cannot write the PDF to standard output: %s",
				   err ? strerror(err) : "the PDF library could not save it");
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

/* NAME (title, subtitle, author) must fit the document information, whose
 * strings libharu holds to HPDF_LIMIT_MAX_STRING_LEN bytes; NODE gives the
 * line. */
static int info_fits(struct render *r, const char *name, const char *value, const xmlNode *node)
{
	size_t len = value ? strlen(value) : 0;
	if (len <= HPDF_LIMIT_MAX_STRING_LEN)
		return 0;
	diag_error(r->pdf.source, node ? tree_line(node) : 0,
		   "the guide's %s is %zu bytes long, and a PDF's document information holds "
		   "at most %d; shorten it", name, len, HPDF_LIMIT_MAX_STRING_LEN);
	return -1;
}

static int metadata_fits(struct render *r)
{
	const xmlNode *meta = tree_child(xmlDocGetRootElement(r->tree), "meta");
	const xmlNode *sub = tree_child(meta, "subtitle");
	char *subtitle = sub ? tree_plain_text(sub) : NULL;
	int status = info_fits(r, "title", r->pdf.guide_title, tree_child(meta, "title")) != 0 ||
			     info_fits(r, "subtitle", subtitle, sub) != 0 ||
			     info_fits(r, "author", r->author, tree_child(meta, "author")) != 0
		     ? -1
		     : 0;
	free(subtitle);
	return status;
}

/* Why the layout stopped: libharu's error and every limit of the input were
 * said where they happened; what is left unsaid is memory running out. */
static int layout_failed(struct render *r, int errors_before)
{
	if (r->pdf.failed)
		return EXIT_SYSTEM;
	if (diag_error_count() > errors_before)
		return EXIT_INPUT;
	diag_error(r->pdf.source, 0, "out of memory while laying out the guide; no PDF written");
	return EXIT_SYSTEM;
}

/* Lays out, draws and saves. */
static int convert(struct render *r, const struct style_conf *conf, const char *cache,
		   const char *output)
{
	int errors = diag_error_count();
	if (open_document(r, conf, cache) != 0)
		return EXIT_SYSTEM;
	if (tags_init(&r->pdf.tags, !r->untagged) != 0)
		return layout_failed(r, errors);
	r->pdf.guide_title = guide_title(r->tree);
	if (!r->pdf.guide_title)
		return layout_failed(r, errors);
	if (metadata_fits(r) != 0)
		return EXIT_INPUT;
	if (render_guide(r) != 0)
		return layout_failed(r, errors);
	if (page_finish(&r->pdf) != 0 || set_metadata(r) != 0 ||
	    tags_write(&r->pdf.tags, r->pdf.doc, r->pdf.pages, r->pdf.total_pages) != 0)
		return layout_failed(r, errors);
	return save(r, output) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

static void render_free(struct render *r)
{
	image_cache_free(r);
	imagefile_folder_free(&r->image_folder);
	page_free(&r->pdf);
	tags_free(&r->pdf.tags);
	fonts_close(&r->pdf.fonts);
	free(r->pdf.guide_title);
	free(r->pdf.section_title);
	if (r->pdf.doc)
		HPDF_Free(r->pdf.doc);
}

static void usage(void)
{
	fputs("usage: guide2pdf [-o FILE] [--styles DIR] [--paper a4|letter] [--author NAME]\n"
	      "                 [--drill] [--font-cache DIR] [--images DIR] [--time-limit S]\n"
	      "                 [--untagged] [TREE.xml]\n"
	      "Reads a guide tree (TREE.xml, or standard input) and writes it as a PDF\n"
	      "handout to FILE (or standard output, when that is not a terminal).\n"
	      "  -o, --output FILE     write here (atomically) instead of standard output\n"
	      "      --styles DIR      read handout.conf here (default: the built-in one)\n"
	      "      --paper SIZE      a4 (default) or letter\n"
	      "      --author NAME     the author on the title page and in the metadata\n"
	      "                        (default: the guide's author)\n"
	      "      --drill           a question sheet: ruled space to answer, answers after\n"
	      "      --untagged        no structure tree (a tagged PDF is the default: headings,\n"
	      "                        reading order and alt text for screen readers)\n"
	      "      --font-cache DIR  the flattened fonts to embed (default: the style's\n"
	      "                        font_cache, else the installed ones, else the build's)\n"
	      "      --images DIR      the guide's folder, images are read from (default: the\n"
	      "                        tree's folder); nothing outside it is read\n"
	      TIMELIMIT_USAGE
	      "  -h, --help            show this help\n"
	      "  -V, --version         show the version\n"
	      "Exit status: 0 ok, 1 error in the input, 2 usage or system error.\n",
	      stdout);
}

struct options {
	const char *output, *styles, *paper, *author, *cache, *images, *input, *time_limit;
	int drill, untagged;
};

/* Returns -1 to go on, or the exit status. */
static int parse_options(int argc, char **argv, struct options *o)
{
	enum { OPT_STYLES = 256, OPT_PAPER, OPT_AUTHOR, OPT_DRILL, OPT_CACHE, OPT_IMAGES, OPT_TIME,
	       OPT_UNTAGGED };
	static const struct option longs[] = {
		{"output", required_argument, NULL, 'o'}, {"styles", required_argument, NULL, OPT_STYLES},
		{"paper", required_argument, NULL, OPT_PAPER},
		{"author", required_argument, NULL, OPT_AUTHOR}, {"drill", no_argument, NULL, OPT_DRILL},
		{"font-cache", required_argument, NULL, OPT_CACHE},
		{"images", required_argument, NULL, OPT_IMAGES},
		{"time-limit", required_argument, NULL, OPT_TIME},
		{"untagged", no_argument, NULL, OPT_UNTAGGED},
		{"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'}, {NULL, 0, NULL, 0},
	};
	int c;
	while ((c = cli_getopt(argc, argv, "o:hV", longs)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case OPT_STYLES: o->styles = optarg; break;
		case OPT_PAPER: o->paper = optarg; break;
		case OPT_AUTHOR: o->author = optarg; break;
		case OPT_DRILL: o->drill = 1; break;
		case OPT_CACHE: o->cache = optarg; break;
		case OPT_IMAGES: o->images = optarg; break;
		case OPT_TIME: o->time_limit = optarg; break;
		case OPT_UNTAGGED: o->untagged = 1; break;
		case 'h': usage(); return EXIT_OK;
		case 'V': puts(VERSION); return EXIT_OK;
		default: return EXIT_SYSTEM; /* reported by cli_getopt */
		}
	}
	if (argc - optind > 1) {
		cli_usage_error("one input file at most");
		return EXIT_SYSTEM;
	}
	o->input = optind < argc ? argv[optind] : NULL;
	if (o->paper && strcmp(o->paper, "a4") != 0 && strcmp(o->paper, "letter") != 0) {
		diag_fatal("--paper takes a4 or letter, not '%s'", o->paper);
		return EXIT_SYSTEM;
	}
	return cli_refuse_terminal(o->output, "PDF") == 0 ? -1 : EXIT_SYSTEM;
}

int main(int argc, char **argv)
{
	diag_set_program("guide2pdf");
	struct options o = {0};
	int parsed = parse_options(argc, argv, &o);
	if (parsed >= 0)
		return parsed;
	if (timelimit_arm(o.input, o.time_limit) != 0)
		return EXIT_SYSTEM;
	struct render r = {0};
	struct style_conf conf = {0};
	char *conf_name = NULL;
	int status = EXIT_INPUT;
	r.tree_path = o.input;
	r.drill = o.drill;
	r.untagged = o.untagged;
	r.tree = tree_load(o.input, &status);
	if (r.tree && imagefile_folder(&r.image_folder, o.images, o.input) != 0) {
		status = EXIT_SYSTEM;
	} else if (r.tree && settings_load(o.styles, o.paper, &conf, &conf_name, &r.pdf.set) == 0) {
		r.pdf.source = tree_source(r.tree);
		r.pdf.lang = tree_attr(xmlDocGetRootElement(r.tree), "lang");
		const xmlNode *meta = tree_child(xmlDocGetRootElement(r.tree), "meta");
		const xmlNode *author = tree_child(meta, "author");
		xmlChar *stated = author ? xmlNodeGetContent(author) : NULL;
		r.author = o.author ? o.author : (const char *)stated;
		long long date = 0;
		char *cache = NULL;
		if (builddate_of(r.tree, o.input, &date) != 0) {
			status = EXIT_SYSTEM;
		} else if ((status = fonts_find_cache(o.cache, &conf, &cache)) == EXIT_OK) {
			r.date = (time_t)date;
			status = convert(&r, &conf, cache, o.output);
		}
		free(cache);
		xmlFree(stated);
	}
	render_free(&r);
	style_conf_free(&conf);
	free(conf_name);
	if (r.tree)
		tree_free(r.tree);
	return status;
}
