/* guide2cards: the guide tree as printable duplex flashcards (PDF, libharu).
 *
 * Reads the guide tree (tools/guide.rng) and writes sheets of cards: the
 * question on the front (odd pages), the reason and answer on the back (even
 * pages), each back placed so that after duplex printing, turned over the
 * long edge or the short one, it lies behind its front. An answer too long
 * for one card at the smallest size continues on a second card, both sides
 * marked 1/2, 2/2. --calibrate writes a sheet that measures the printer's
 * duplex error, which --back-offset then corrects.
 *
 * This file owns the command line, the document, the walk over the tree
 * (which cards, --section and --tag) and the save, through a temporary file,
 * so that nothing is ever half-written. The text is set with guide2pdf's
 * typesetting (tools/guide2pdf/typeset.h), linked as it is; the card's own
 * modules are in tools/guide2cards/ (cards.h) and never call into this file. */
#include "guide2cards/cards.h"

#include "atomic.h"
#include "diag.h"
#include "style.h"
#include "timelimit.h"
#include "tree.h"
#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define VERSION "guide2cards 0.1"
#define LONG_CARD_PARTS 9 /* more is warned about: such an answer reads better in the handout */
#define MAX_CARD_PARTS 200 /* more is no flashcard but a book: an error */
#define MAX_OFFSET 20.0  /* mm: more is no misregistration but a wrong setting */

struct options {
	const char *output, *styles, *paper, *card, *flip, *offset, *cache, *input, *time_limit;
	const char *section, *tag;
	int calibrate, untagged;
};

struct deck {
	HPDF_Doc doc;
	int failed;
	struct pdf_fonts fonts;
	struct sheet sheet;
	struct face_colors colors;
	const char *source, *lang;
	const struct options *o;
	struct face front, back;
	struct pdf_content front_content, back_content;
	struct pdf_tags tags;  /* the structure tree: a Div per card, side by side */
	HPDF_Page *pages;
	size_t page_count, page_cap;
	int slot;       /* next free slot of the current sheet */
	int serial;     /* cards placed so far */
	int questions;  /* questions chosen */
};

/* libharu's errors are sticky: the first is reported, and no PDF written. */
static void hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct deck *d = data;
	if (d->fonts.loading)
		return; /* the font loader warns and goes on without that font */
	if (!d->failed)
		diag_error(d->source, 0, "PDF library error 0x%04X (detail %u); no PDF written",
			   (unsigned)error, (unsigned)detail);
	d->failed = 1;
}

/* A fresh sheet: its front page, then its back page, so fronts are odd. */
static int new_sheet(struct deck *d)
{
	HPDF_Page pages[2];
	for (int i = 0; i < 2; i++) {
		pages[i] = HPDF_AddPage(d->doc);
		if (!pages[i] || pdf_grow(&d->pages, &d->page_cap, d->page_count, sizeof *d->pages,
					  (size_t)1 << 20) != 0)
			return -1;
		d->pages[d->page_count++] = pages[i];
		HPDF_Page_SetWidth(pages[i], (HPDF_REAL)d->sheet.page_w);
		HPDF_Page_SetHeight(pages[i], (HPDF_REAL)d->sheet.page_h);
	}
	content_reset(&d->front_content, pages[0], &d->failed);
	content_reset(&d->back_content, pages[1], &d->failed);
	content_tag(&d->front_content, &d->tags, (int)d->page_count - 2);
	content_tag(&d->back_content, &d->tags, (int)d->page_count - 1);
	sheet_cut_marks(&d->front_content, &d->sheet);
	content_unmark(&d->front_content);
	d->slot = 0;
	return d->failed ? -1 : 0;
}

static char *front_label(const xmlNode *section, const xmlNode *card)
{
	char *title = tree_plain_text(tree_child(section, "title"));
	const char *number = tree_attr(card, "number");
	size_t need = (title ? strlen(title) : 0) + (number ? strlen(number) : 0) + 16;
	char *label = title ? malloc(need) : NULL;
	if (label)
		snprintf(label, need, "%s%s%s", title, number ? "  \u00b7  Q" : "", number ? number : "");
	free(title);
	return label;
}

/* Sides of one card: PART of PARTS, the front's and back's lines of it. */
static int place(struct deck *d, const char *label, const char *back_label, int part, int parts,
		 const size_t *front_cuts, size_t front_count, const size_t *back_cuts,
		 size_t back_count)
{
	if (d->slot == sheet_slots(&d->sheet) && new_sheet(d) != 0)
		return -1;
	char mark[32];
	snprintf(mark, sizeof mark, "%d/%d", part + 1, parts);
	int serial = ++d->serial;
	struct side front = {.box = sheet_front(&d->sheet, d->slot), .label = label,
			     .part = parts > 1 ? mark : NULL, .serial = serial, .center = 1};
	struct side back = {.box = sheet_back(&d->sheet, d->slot), .label = back_label,
			    .part = front.part, .serial = serial};
	d->slot++;
	/* A front that fits one card is on each part; a longer one, like the
	 * back, continues part by part (the rest blank). */
	size_t f = front_count == 1 ? 0 : (size_t)part;
	size_t b = (size_t)part;
	/* Read as the card is: its front, then its back. A front repeated on
	 * each part of a long card is read once. */
	tags_open(&d->tags, "Div");
	if (f < front_count && part > 0 && front_count == 1)
		tags_begin_artifact(&d->tags);
	int status = 0;
	if (f < front_count)
		status = side_draw(&d->front_content, &d->front, front_cuts[f], front_cuts[f + 1],
				   &front, d->colors.muted);
	if (f < front_count && part > 0 && front_count == 1)
		tags_end_artifact(&d->tags);
	if (status == 0)
		status = b < back_count ? side_draw(&d->back_content, &d->back, back_cuts[b],
						    back_cuts[b + 1], &back, d->colors.muted)
					: side_draw(&d->back_content, &d->back, 0, 0, &back,
						    d->colors.muted);
	tags_close(&d->tags);
	return status;
}

static int render_card(struct deck *d, const xmlNode *section, const xmlNode *card)
{
	size_t *front_cuts = NULL, *back_cuts = NULL, front_count = 0, back_count = 0;
	char *label = front_label(section, card);
	const char *number = tree_attr(card, "number");
	char back_label[96];
	snprintf(back_label, sizeof back_label, "%s%s%s", word_in(d->lang, WORD_ANSWER),
		 number ? "  \u00b7  Q" : "", number ? number : "");
	int status = label && face_front(&d->front, card) == 0 && face_back(&d->back, card) == 0 &&
				     face_chunks(&d->front, &front_cuts, &front_count) == 0 &&
				     face_chunks(&d->back, &back_cuts, &back_count) == 0
			     ? 0
			     : -1;
	int parts = (int)(front_count > back_count ? front_count : back_count);
	if (status == 0 && parts > MAX_CARD_PARTS) {
		diag_error(d->source, tree_line(card),
			   "the answer takes %d cards, more than %d; shorten it, or leave it to the "
			   "handout (guide2pdf)", parts, MAX_CARD_PARTS);
		status = -1;
	} else if (status == 0 && parts > LONG_CARD_PARTS) {
		diag_warning(d->source, tree_line(card),
			     "the answer takes %d cards; it may read better shortened, or in the "
			     "handout", parts);
	}
	for (int part = 0; status == 0 && part < parts; part++)
		status = place(d, label, back_label, part, parts, front_cuts, front_count, back_cuts,
			       back_count);
	d->questions++;
	free(front_cuts);
	free(back_cuts);
	free(label);
	return status;
}

static int has_tag(const xmlNode *card, const char *tag)
{
	const char *tags = tree_attr(card, "tags");
	size_t len = strlen(tag);
	for (const char *p = tags; p && *p;) {
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && strncmp(p, tag, n) == 0)
			return 1;
		p = end ? end + 1 : p + n;
	}
	return 0;
}

/* Every card in order; --section SLUG keeps that section and the sections
 * under it (deeper levels, up to the next of its level or higher). */
static int render_deck(struct deck *d, const xmlNode *guide, int *found)
{
	int inside = !d->o->section, level = 0;
	for (const xmlNode *section = tree_first(guide); section; section = tree_next(section)) {
		if (!tree_is(section, "section"))
			continue;
		int this_level = atoi(tree_attr(section, "level"));
		if (d->o->section) {
			if (strcmp(tree_attr(section, "id"), d->o->section) == 0) {
				inside = 1;
				level = this_level;
				*found = 1;
			} else if (inside && this_level <= level) {
				inside = 0;
			}
		}
		if (!inside)
			continue;
		for (const xmlNode *card = tree_first(section); card; card = tree_next(card))
			if (tree_is(card, "card") && (!d->o->tag || has_tag(card, d->o->tag)) &&
			    render_card(d, section, card) != 0)
				return -1;
	}
	return 0;
}

/* Through the library's memory stream into a temporary file beside OUTPUT
 * (tools/lib/atomic.c), or standard output once the whole PDF is there. */
static int save(struct deck *d, const char *output)
{
	if (d->failed || HPDF_SaveToStream(d->doc) != HPDF_OK || d->failed)
		return -1;
	HPDF_ResetStream(d->doc);
	struct atomic_file out;
	if (atomic_open(&out, output) != 0)
		return -1;
	unsigned char buffer[65536];
	for (;;) {
		HPDF_UINT32 size = sizeof buffer;
		HPDF_STATUS status = HPDF_ReadFromStream(d->doc, buffer, &size);
		if (size > 0 && fwrite(buffer, 1, size, out.stream) != size)
			break;
		if (status == HPDF_STREAM_EOF)
			return atomic_commit(&out);
		if (status != HPDF_OK)
			break;
	}
	diag_error(atomic_is_stdout(output) ? "<stdout>" : output, 0, "cannot write the PDF");
	atomic_abort(&out);
	return -1;
}

/* The guide's language on the catalog, for screen readers. */
static int set_language(struct deck *d)
{
	HPDF_String value = HPDF_String_New(d->doc->mmgr, d->lang ? d->lang : "en", NULL);
	if (!value || HPDF_Dict_Add(d->doc->catalog, "Lang", value) != HPDF_OK)
		return -1;
	return 0;
}

static int open_deck(struct deck *d, const struct style_conf *conf, const char *cache)
{
	d->doc = HPDF_New(hpdf_error, d);
	if (!d->doc) {
		diag_fatal("cannot create the PDF document (out of memory)");
		return -1;
	}
	HPDF_UseUTFEncodings(d->doc);
	HPDF_SetCurrentEncoder(d->doc, "UTF-8");
	HPDF_SetCompressionMode(d->doc, HPDF_COMP_ALL);
	HPDF_SetInfoAttr(d->doc, HPDF_INFO_CREATOR, VERSION);
	if (d->failed || fonts_open(&d->fonts, d->doc, conf, cache) != 0)
		return -1;
	/* The calibration sheet is marks and a scale, nothing to read. */
	if (tags_init(&d->tags, !d->o->calibrate && !d->o->untagged) != 0 || set_language(d) != 0)
		return -1;
	double w = side_room_width(d->sheet.card_w), h = side_room_height(d->sheet.card_h);
	face_init(&d->front, &d->fonts, &d->colors, d->source, d->lang, w, h);
	face_init(&d->back, &d->fonts, &d->colors, d->source, d->lang, w, h);
	d->slot = sheet_slots(&d->sheet); /* the first card starts a sheet */
	return 0;
}

/* The document's title: the guide's, with what it is; left out when the
 * document information could not hold it. */
static int set_title(struct deck *d, xmlDocPtr tree)
{
	const xmlNode *meta = tree_child(xmlDocGetRootElement(tree), "meta");
	char *title = tree_plain_text(tree_child(meta, "title"));
	if (!title)
		return -1;
	size_t need = strlen(title) + 32;
	char *info = need <= HPDF_LIMIT_MAX_STRING_LEN ? malloc(need) : NULL;
	if (info) {
		snprintf(info, need, "%s: flashcards", title);
		HPDF_SetInfoAttr(d->doc, HPDF_INFO_TITLE, info);
	}
	free(info);
	free(title);
	return d->failed ? -1 : 0;
}

/* The cards of the tree, or the calibration sheet, into OUTPUT. */
static int convert(struct deck *d, xmlDocPtr tree, const struct style_conf *conf,
		   const char *cache)
{
	int errors = diag_error_count();
	if (open_deck(d, conf, cache) != 0)
		return EXIT_SYSTEM; /* no memory, or no body or monospace font: said */
	int found = 0, status = 0;
	if (d->o->calibrate)
		status = sheet_calibrate(d->doc, &d->fonts, &d->sheet, &d->failed);
	else if (set_title(d, tree) != 0)
		status = -1;
	else
		status = render_deck(d, xmlDocGetRootElement(tree), &found);
	if (status == 0 && !d->o->calibrate && d->o->section && !found) {
		diag_error(d->source, 0, "--section %s: no section has that id; see the tree's "
			   "<section id=...>", d->o->section);
		return EXIT_INPUT;
	}
	if (status == 0 && !d->o->calibrate && d->questions == 0) {
		diag_warning(d->source, 0, "no question %s; the PDF is one blank sheet",
			     d->o->section || d->o->tag ? "matches --section or --tag" : "in the guide");
		status = new_sheet(d);
	}
	if (status != 0) {
		/* libharu's error and each limit of the input were said where
		 * they happened; what is left unsaid is memory running out. */
		if (d->failed)
			return EXIT_SYSTEM;
		if (diag_error_count() > errors)
			return EXIT_INPUT;
		diag_error(d->source, 0, "out of memory while laying out the cards; no PDF written");
		return EXIT_SYSTEM;
	}
	if (tags_write(&d->tags, d->doc, d->pages, (int)d->page_count) != 0)
		return EXIT_SYSTEM;
	return save(d, d->o->output) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

static void usage(FILE *to)
{
	fputs("usage: guide2cards [-o FILE] [--styles DIR] [--paper a4|letter]\n"
	      "                   [--card 2x4|3x5in|a7|85x55mm] [--flip long|short]\n"
	      "                   [--back-offset X,Y] [--section SLUG] [--tag T]\n"
	      "                   [--font-cache DIR] [--time-limit S] [--calibrate] [--untagged]\n"
	      "                   [TREE.xml]\n"
	      "Writes the guide tree as printable duplex flashcards (PDF): fronts on odd pages,\n"
	      "backs on even pages behind them (--calibrate: a sheet to measure --back-offset, mm).\n"
	      TIMELIMIT_USAGE,
	      to);
}

static const char **option_slot(struct options *o, const char *arg)
{
	static const char *const names[] = {"-o", "--styles", "--paper", "--card", "--flip",
					    "--back-offset", "--font-cache", "--time-limit",
					    "--section", "--tag"};
	const char **slots[] = {&o->output, &o->styles, &o->paper, &o->card, &o->flip,
				&o->offset, &o->cache, &o->time_limit, &o->section, &o->tag};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(arg, names[i]) == 0)
			return slots[i];
	return NULL;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char **slot = option_slot(o, arg);
		const char *problem = NULL;
		if (slot && i + 1 < argc)
			*slot = argv[++i];
		else if (slot)
			problem = "%s needs a value";
		else if (strcmp(arg, "--calibrate") == 0)
			o->calibrate = 1;
		else if (strcmp(arg, "--untagged") == 0)
			o->untagged = 1;
		else if (strcmp(arg, "--help") == 0 || strcmp(arg, "--version") == 0) {
			if (arg[2] == 'h')
				usage(stdout);
			else
				puts(VERSION);
			exit(EXIT_OK);
		} else if (arg[0] == '-' && arg[1] != '\0')
			problem = "unknown option '%s'; see --help";
		else if (o->input)
			problem = "only one input tree, please ('%s' is a second)";
		else
			o->input = arg;
		if (problem) {
			diag_fatal(problem, arg);
			return -1;
		}
	}
	return 0;
}

/* --flip and --back-offset into the sheet. */
static int parse_duplex(const struct options *o, struct sheet *sheet)
{
	if (o->flip && strcmp(o->flip, "long") != 0 && strcmp(o->flip, "short") != 0) {
		diag_fatal("--flip takes long or short, not '%s'", o->flip);
		return -1;
	}
	sheet->flip_short = o->flip && strcmp(o->flip, "short") == 0;
	if (!o->offset)
		return 0;
	double x, y;
	int used = 0;
	if (sscanf(o->offset, "%lf,%lf%n", &x, &y, &used) != 2 || o->offset[used] != '\0' ||
	    !(x >= -MAX_OFFSET && x <= MAX_OFFSET && y >= -MAX_OFFSET && y <= MAX_OFFSET)) {
		diag_fatal("--back-offset takes X,Y in millimetres, each from -20 to 20 "
			   "(as the --calibrate sheet reads), not '%s'", o->offset);
		return -1;
	}
	sheet->offset_x = x * MM;
	sheet->offset_y = y * MM;
	return 0;
}

/* handout.conf, for the fonts: STYLES/handout.conf where there is one (its
 * path in messages, *NAME for the caller to free), else the built-in copy. */
static int load_style(const char *styles, struct style_conf *conf, char **text, char **name)
{
	size_t len;
	if (style_load(styles, "handout.conf", text, &len) != 0)
		return -1;
	struct stat st;
	size_t need = (styles ? strlen(styles) : 0) + sizeof "/handout.conf";
	*name = malloc(need);
	if (!*name)
		return -1;
	snprintf(*name, need, "%s%shandout.conf", styles ? styles : "", styles ? "/" : "");
	if (styles && stat(*name, &st) != 0)
		snprintf(*name, need, "handout.conf");
	return style_conf_parse(conf, *name, *text);
}

/* The tokens' colours, weights and slants: the handout's code_theme
 * (styles/code-NAME.conf, as guide2pdf reads it; "none" leaves code one
 * colour, upright and regular). */
static int load_code_colors(struct face_colors *colors, const struct style_conf *conf,
			    const char *styles)
{
	struct code_theme theme;
	int found = code_theme_of_style(conf, styles, &theme);
	if (found <= 0)
		return found;
	for (int i = 0; i < CODE_KINDS; i++) {
		colors->code_kind[i] = (struct pdf_color){((theme.kind[i].rgb >> 16) & 0xFF) / 255.0,
							  ((theme.kind[i].rgb >> 8) & 0xFF) / 255.0,
							  (theme.kind[i].rgb & 0xFF) / 255.0};
		colors->code_kind_face[i] = face_mono_look(theme.kind[i].bold, theme.kind[i].italic);
	}
	colors->highlight = 1;
	return 0;
}

int main(int argc, char **argv)
{
	diag_set_program("guide2cards");
	struct options o = {0};
	struct deck d = {.o = &o,
			 .colors = {.text = {0.1, 0.1, 0.1}, .muted = {0.37, 0.42, 0.46},
				    .why = {0.24, 0.29, 0.34}, .code = {0.13, 0.14, 0.16},
				    .heading = {0.12, 0.23, 0.37}}};
	if (parse_options(argc, argv, &o) != 0 || sheet_setup(&d.sheet, o.paper, o.card) != 0 ||
	    parse_duplex(&o, &d.sheet) != 0) {
		usage(stderr);
		return EXIT_SYSTEM;
	}
	if (timelimit_arm(o.input, o.time_limit) != 0)
		return EXIT_SYSTEM;
	int status = EXIT_INPUT;
	xmlDocPtr tree = o.calibrate ? NULL : tree_load(o.input, &status);
	struct style_conf conf = {0};
	char *style_text = NULL, *style_name = NULL, *cache = NULL;
	if ((tree || o.calibrate) && load_style(o.styles, &conf, &style_text, &style_name) == 0 &&
	    load_code_colors(&d.colors, &conf, o.styles) == 0 &&
	    (status = fonts_find_cache(o.cache, &conf, &cache)) == EXIT_OK) {
		d.source = tree ? tree_source(tree) : "calibration";
		d.lang = tree ? tree_attr(xmlDocGetRootElement(tree), "lang") : "en";
		status = convert(&d, tree, &conf, cache);
	}
	face_free(&d.front);
	face_free(&d.back);
	content_free(&d.front_content);
	content_free(&d.back_content);
	tags_free(&d.tags);
	free(d.pages);
	fonts_close(&d.fonts);
	if (d.doc)
		HPDF_Free(d.doc);
	free(cache);
	free(style_text);
	style_conf_free(&conf);
	free(style_name);
	if (tree)
		tree_free(tree);
	return status;
}
