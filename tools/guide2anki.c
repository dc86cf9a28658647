/* guide2anki: the Anki back end. Reads the guide tree and writes an Anki package
 * (.apkg) with one note per card of the guide, or Anki's text-import file.
 *
 *   guide2anki [-o FILE] [--styles DIR] [--format apkg|tsv] [--deck NAME]
 *              [--single-deck] [--previous FILE | --no-previous] [TREE.xml]
 *
 * This file walks the tree and renders each card's fields as HTML (one
 * anki_render_ function per element); guide2anki/ writes the collection, the
 * zip, the media and the text file. Identity is stable: a note's guid comes from
 * the card's key, ids from hashes, and a note's mod changes only when its
 * content does (compared with the previous export, see --previous). */
#include "guide2anki/anki.h"
#include "guide2anki/decknames.h"
#include "guide2anki/languages.h"
#include "guide2anki/options.h"
#include "guide2anki/repeats.h"
#include "atomic.h"
#include "buf.h"
#include "coderuns.h"
#include "codetheme.h"
#include "builddate.h"
#include "diag.h"
#include "htmlsafe.h"
#include "strmap.h"
#include "timelimit.h"
#include "tree.h"
#include "words.h"

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Id ranges: millisecond times in the past, as Anki's own ids are (ids more
 * than a day in the future are renumbered on import). Separate ranges keep
 * note, card and deck ids apart. */
#define ANKI_NOTE_ID_BASE 1400000000000LL
#define ANKI_CARD_ID_BASE 1500000000000LL
#define ANKI_DECK_ID_BASE 1600000000000LL
#define ANKI_ID_SPAN 90000000000LL

/* What the renderers share while walking one card. */
struct anki_render {
	struct anki_deck_set *set;
	const char *source;    /* guide/@source, for messages */
	const struct image_folder *images; /* images are read below this folder only */
	long line;             /* the block being rendered, for messages */
	const char *lang;      /* the guide's, for the callouts' label words */
	const struct lang_block *block; /* the text being rendered, for its languages */
	struct buf *out;
};

static void anki_render_blocks(struct anki_render *r, const xmlNode *parent);
static void anki_render_inlines(struct anki_render *r, const xmlNode *parent);
static void anki_render_block(struct anki_render *r, const xmlNode *node);

/* --- the deck set ------------------------------------------------------------ */

/* Makes *ID unique among USED, stepping past a hash collision. */
static int unique_id(struct strmap *used, long long *id)
{
	for (;;) {
		char key[32];
		snprintf(key, sizeof key, "%lld", *id);
		if (strmap_find(used, key)) {
			(*id)++;
			continue;
		}
		return strmap_insert(used, key) ? 0 : -1;
	}
}

void anki_deck_set_free(struct anki_deck_set *set)
{
	for (size_t i = 0; i < set->note_count; i++) {
		for (int f = 0; f < ANKI_FIELD_COUNT; f++)
			free(set->notes[i].fields[f]);
		free(set->notes[i].tags);
	}
	for (size_t i = 0; i < set->deck_count; i++)
		free(set->decks[i].name);
	for (size_t i = 0; i < set->media_count; i++) {
		free(set->media[i].name);
		free(set->media[i].path);
		free(set->media[i].data);
	}
	free(set->notes);
	free(set->decks);
	free(set->media);
	free(set->css);
	free(set->front);
	free(set->back);
	strmap_free(&set->deck_names);
	strmap_free(&set->deck_ids);
	memset(set, 0, sizeof *set);
}

struct anki_deck *anki_deck_add(struct anki_deck_set *set, const char *name)
{
	/* Names and ids are looked up in hash maps: a guide may have 100,000
	 * sections, and a scan per deck made that quadratic. */
	struct strmap_entry *known = strmap_find(&set->deck_names, name);
	if (known)
		return &set->decks[(size_t)(intptr_t)known->value];
	struct anki_deck *decks = anki_grow(set->decks, &set->deck_cap, set->deck_count,
					    sizeof *decks);
	if (!decks)
		return NULL;
	set->decks = decks;
	struct anki_deck *deck = &set->decks[set->deck_count];
	/* Default keeps Anki's id 1; every other deck's id comes from its name. */
	deck->id = strcmp(name, "Default") == 0
			   ? ANKI_DEFAULT_DECK_ID
			   : anki_stable_id(name, ANKI_DECK_ID_BASE, ANKI_ID_SPAN);
	struct strmap_entry *entry = strmap_insert(&set->deck_names, name);
	deck->name = entry ? strdup(name) : NULL;
	if (!deck->name || unique_id(&set->deck_ids, &deck->id) != 0) {
		free(deck->name); /* the name maps to no deck: the run ends here */
		return NULL;
	}
	entry->value = (void *)(intptr_t)set->deck_count++;
	return deck;
}

struct anki_note *anki_note_add(struct anki_deck_set *set)
{
	if (set->note_count >= ANKI_MAX_NOTES)
		return NULL;
	struct anki_note *notes = anki_grow(set->notes, &set->note_cap, set->note_count,
					    sizeof *notes);
	if (!notes)
		return NULL;
	set->notes = notes;
	struct anki_note *note = &set->notes[set->note_count++];
	memset(note, 0, sizeof *note);
	return note;
}

/* --- inline elements ---------------------------------------------------------- */

/* Text as HTML: & < > escaped, and '{' as &#123; so that no Anki template
 * renderer sees "{{ user.name }}" in a Django answer as a field reference. */
static void anki_render_text(struct anki_render *r, const char *text, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '{')
			continue;
		buf_xml_text(r->out, text + start, i - start);
		if (i < len)
			buf_puts(r->out, "&#123;");
		start = i + 1;
	}
}

/* An attribute value (inside ""): quotes escaped too, and braces as in text. */
static void anki_render_attr(struct anki_render *r, const char *text)
{
	struct buf escaped;
	buf_init(&escaped);
	buf_xml_attr(&escaped, text, strlen(text));
	if (escaped.failed)
		r->out->failed = 1;
	for (size_t i = 0; i < escaped.len; i++) {
		if (escaped.data[i] == '{')
			buf_puts(r->out, "&#123;");
		else
			buf_putc(r->out, escaped.data[i]);
	}
	buf_free(&escaped);
}

static void anki_render_plain(struct anki_render *r, const xmlNode *node)
{
	char *text = tree_plain_text(node);
	if (!text) {
		r->out->failed = 1;
		return;
	}
	anki_render_text(r, text, strlen(text));
	free(text);
}

static void anki_render_wrapped(struct anki_render *r, const xmlNode *node, const char *tag)
{
	buf_printf(r->out, "<%s>", tag);
	anki_render_inlines(r, node);
	buf_printf(r->out, "</%s>", tag);
}

/* Blocks of text take their direction from their first strong character, so
 * a Hebrew or Arabic paragraph reads right to left. */
#define AUTO_DIR " dir=\"auto\""

static void anki_render_text_block(struct anki_render *r, const xmlNode *node, const char *tag)
{
	buf_printf(r->out, "<%s" AUTO_DIR ">", tag);
	anki_render_inlines(r, node);
	buf_printf(r->out, "</%s>", tag);
}

static void anki_render_code(struct anki_render *r, const xmlNode *node)
{
	buf_puts(r->out, "<code>");
	anki_render_plain(r, node);
	buf_puts(r->out, "</code>");
}

/* Links inside the guide ("#id") have no target in a deck: their text stays.
 * Outside links keep their target when the scheme is a safe one. */
static void anki_render_link(struct anki_render *r, const xmlNode *node)
{
	const char *href = tree_attr(node, "href");
	if (!href || href[0] == '#' || !htmlsafe_url_ok(href) || !strchr(href, ':')) {
		anki_render_inlines(r, node);
		return;
	}
	buf_puts(r->out, "<a href=\"");
	anki_render_attr(r, href);
	buf_puts(r->out, "\">");
	anki_render_inlines(r, node);
	buf_puts(r->out, "</a>");
}

static void anki_render_alt(struct anki_render *r, const char *alt)
{
	if (!*alt)
		return; /* a picture without words leaves no empty brackets */
	buf_puts(r->out, "<span class=\"missing-image\">[");
	anki_render_text(r, alt, strlen(alt));
	buf_puts(r->out, "]</span>");
}

/* An image of the guide becomes a media file; one that cannot be packed is a
 * warning, and the card shows its alt text instead. */
static void anki_render_img(struct anki_render *r, const xmlNode *node)
{
	const char *src = tree_attr(node, "src");
	const char *alt = tree_attr(node, "alt");
	if (!alt)
		alt = "";
	if (src && (strncmp(src, "http://", 7) == 0 || strncmp(src, "https://", 8) == 0)) {
		/* A web image is not packed: the card links to it instead. */
		buf_puts(r->out, "<a href=\"");
		anki_render_attr(r, src);
		buf_puts(r->out, "\">");
		anki_render_text(r, *alt ? alt : src, strlen(*alt ? alt : src));
		buf_puts(r->out, "</a>");
		return;
	}
	const char *problem = "has no source";
	const char *name = src ? anki_media_image(r->set, r->images, src, &problem) : NULL;
	if (!name) {
		diag_warning(r->source, r->line, "image '%s' %s; the card shows its alt text",
			     src ? src : "", problem);
		anki_render_alt(r, alt);
		return;
	}
	buf_printf(r->out, "<img src=\"%s\" alt=\"", name); /* our own safe name */
	anki_render_attr(r, alt);
	char size[96];
	imagefile_size_style(tree_attr(node, "width"), tree_attr(node, "height"), size,
			     sizeof size);
	if (*size)
		buf_printf(r->out, "\" style=\"%s", size); /* digits and CSS words only */
	buf_puts(r->out, "\" />");
}

/* Raw HTML's images go through the same packing as Markdown images. */
static const char *raw_image(void *context, const char *src)
{
	struct anki_render *r = context;
	const char *problem = "has no source";
	const char *name = anki_media_image(r->set, r->images, src, &problem);
	if (!name)
		diag_warning(r->source, r->line, "image '%s' %s; it is left out", src, problem);
	return name;
}

static void anki_render_raw(struct anki_render *r, const xmlNode *node)
{
	char *raw = tree_plain_text(node);
	if (!raw) {
		r->out->failed = 1;
		return;
	}
	struct htmlsafe_options options = {HTMLSAFE_BRACES, raw_image, r};
	htmlsafe_sanitize(r->out, raw, strlen(raw), &options);
	free(raw);
}

static void anki_render_inline(struct anki_render *r, const xmlNode *node)
{
	const char *name = (const char *)node->name;
	if (strcmp(name, "em") == 0)
		anki_render_wrapped(r, node, "em");
	else if (strcmp(name, "strong") == 0)
		anki_render_wrapped(r, node, "strong");
	else if (strcmp(name, "del") == 0)
		anki_render_wrapped(r, node, "del");
	else if (strcmp(name, "code") == 0)
		anki_render_code(r, node);
	else if (strcmp(name, "link") == 0)
		anki_render_link(r, node);
	else if (strcmp(name, "img") == 0)
		anki_render_img(r, node);
	else if (strcmp(name, "br") == 0)
		buf_puts(r->out, "<br />");
	else if (strcmp(name, "softbreak") == 0)
		buf_putc(r->out, '\n');
	else if (strcmp(name, "raw") == 0)
		anki_render_raw(r, node);
}

static void render_text_piece(void *r, const char *text, size_t len)
{
	anki_render_text(r, text, len);
}

/* The outermost inlines (a p, a cell, the question) are one block for their
 * languages: passages in another one are spans (guide2anki/languages.c). */
static void anki_render_inlines(struct anki_render *r, const xmlNode *parent)
{
	struct lang_block block;
	const struct lang_block *outer = r->block;
	if (!outer)
		anki_lang_block(&block, parent, r->lang);
	r->block = outer ? outer : &block;
	for (const xmlNode *node = parent->children; node; node = node->next) {
		if (node->type == XML_TEXT_NODE && node->content)
			anki_lang_text(r->out, r->block, (const char *)node->content,
				       strlen((const char *)node->content), render_text_piece, r);
		else if (node->type == XML_ELEMENT_NODE)
			anki_render_inline(r, node);
	}
	r->block = outer;
}

/* --- block elements ----------------------------------------------------------- */

static void anki_render_p(struct anki_render *r, const xmlNode *node)
{
	anki_render_text_block(r, node, "p");
}

/* Headings inside an answer sit below the card's own title: h4 at the most. */
static void anki_render_heading(struct anki_render *r, const xmlNode *node)
{
	int level = atoi(tree_attr(node, "level"));
	char tag[3] = {'h', (char)('0' + (level < 4 ? 4 : level > 6 ? 6 : level)), '\0'};
	anki_render_text_block(r, node, tag);
}

/* In a tight list a paragraph is its bare text, as every Markdown renderer
 * writes it: no gap between items, and a task's box stays on the text's line. */
static void anki_render_item(struct anki_render *r, const xmlNode *item, int tight)
{
	for (const xmlNode *node = tree_first(item); node; node = tree_next(node)) {
		if (tight && tree_is(node, "p")) {
			if (node != tree_first(item))
				buf_puts(r->out, "<br />");
			anki_render_inlines(r, node);
		} else {
			anki_render_block(r, node);
		}
	}
}

static void anki_render_list(struct anki_render *r, const xmlNode *node)
{
	int ordered = strcmp(tree_attr(node, "type"), "ordered") == 0;
	int tight = strcmp(tree_attr(node, "tight"), "true") == 0;
	const char *start = tree_attr(node, "start");
	if (ordered && start && strcmp(start, "1") != 0)
		buf_printf(r->out, "<ol start=\"%ld\">", strtol(start, NULL, 10));
	else
		buf_puts(r->out, ordered ? "<ol>" : "<ul>");
	for (const xmlNode *item = tree_first(node); item; item = tree_next(item)) {
		const char *task = tree_attr(item, "task");
		buf_puts(r->out, task ? "<li class=\"task\"" AUTO_DIR ">" : "<li" AUTO_DIR ">");
		if (task)
			buf_puts(r->out, strcmp(task, "done") == 0 ? "\xE2\x98\x91 " : "\xE2\x98\x90 ");
		anki_render_item(r, item, tight);
		buf_puts(r->out, "</li>");
	}
	buf_puts(r->out, ordered ? "</ol>" : "</ul>");
}

/* One run of a code block's lines (coderuns.h): a drawing is one span whose
 * lines never wrap, sized to the card by its --columns or scrolling; code is
 * a span per source line, which wraps and hangs under the line's own text
 * (its --indent). card.css says how. */
/* Bytes [FROM, TO) of TEXT, each token (KINDS, from the tree's runs; NULL
 * for none) as <span class="hl-KIND">, which the note type's CSS colours. */
static void anki_render_code_tokens(struct anki_render *r, const char *text, size_t from,
				    size_t to, const unsigned char *kinds)
{
	while (from < to) {
		size_t end = kinds ? from + 1 : to;
		while (kinds && end < to && kinds[end] == kinds[from])
			end++;
		if (kinds && kinds[from])
			buf_printf(r->out, "<span class=\"hl-%s\">", code_kind_name(kinds[from] - 1));
		anki_render_text(r, text + from, end - from);
		if (kinds && kinds[from])
			buf_puts(r->out, "</span>");
		from = end;
	}
}

static void anki_render_code_run(struct anki_render *r, const char *text,
				 const struct code_run *run, const unsigned char *kinds)
{
	if (run->diagram) {
		buf_printf(r->out, "<span class=\"diagram\" style=\"--columns: %zu\">", run->columns);
		anki_render_text(r, text + run->start, run->end - run->start);
		buf_puts(r->out, "</span>");
		return;
	}
	for (size_t at = run->start; at < run->end;) {
		size_t len = code_line_length(text + at), indent = code_line_indent(text + at);
		if (indent > 0)
			buf_printf(r->out, "<span class=\"line\" style=\"--indent: %zu\">", indent);
		else
			buf_puts(r->out, "<span class=\"line\">");
		anki_render_code_tokens(r, text, at, at + len, kinds);
		buf_puts(r->out, "</span>");
		at += len;
	}
}

/* A code block keeps its text byte for byte (escaped), newlines included,
 * inside <pre>, so the field's text is the tree's once the spans are gone. */
static void anki_render_codeblock(struct anki_render *r, const xmlNode *node)
{
	const char *lang = tree_attr(node, "lang");
	buf_puts(r->out, "<pre class=\"code\"><code");
	if (lang && *lang) {
		buf_puts(r->out, " class=\"lang-");
		for (const char *p = lang; *p; p++)
			buf_putc(r->out, isalnum((unsigned char)*p) || *p == '-' ? *p : '_');
		buf_putc(r->out, '"');
	}
	buf_putc(r->out, '>');
	char *text = tree_plain_text(node);
	if (!text) {
		r->out->failed = 1;
		return;
	}
	unsigned char *kinds = tree_code_kinds(node, strlen(text));
	struct code_run run;
	for (size_t at = 0; code_run_next(text, at, &run); at = run.end)
		anki_render_code_run(r, text, &run, kinds);
	free(kinds);
	free(text);
	buf_puts(r->out, "</code></pre>");
}

static void anki_render_quote(struct anki_render *r, const xmlNode *node)
{
	buf_puts(r->out, "<blockquote>");
	anki_render_blocks(r, node);
	buf_puts(r->out, "</blockquote>");
}

/* A callout: a tinted box (card.css) with its label word, in the deck's
 * language; a <details>, closed until tapped. */
static void anki_render_callout(struct anki_render *r, const xmlNode *node)
{
	const char *kind = tree_attr(node, "kind");
	const xmlNode *title = tree_child(node, "title");
	buf_printf(r->out, "<aside class=\"callout callout-%s\"><p class=\"callout-label\">"
			   "<span class=\"callout-kind\">", kind);
	anki_render_text(r, word_callout(r->lang, kind), strlen(word_callout(r->lang, kind)));
	buf_puts(r->out, title ? "</span> \xC2\xB7 " : "</span>");
	if (title)
		anki_render_inlines(r, title);
	buf_puts(r->out, "</p>");
	anki_render_blocks(r, node);
	buf_puts(r->out, "</aside>");
}

static void anki_render_details(struct anki_render *r, const xmlNode *node)
{
	buf_puts(r->out, "<details><summary>");
	anki_render_inlines(r, tree_child(node, "summary"));
	buf_puts(r->out, "</summary>");
	anki_render_blocks(r, node);
	buf_puts(r->out, "</details>");
}

static void anki_render_table(struct anki_render *r, const xmlNode *node)
{
	buf_puts(r->out, "<table>");
	for (const xmlNode *row = tree_first(node); row; row = tree_next(row)) {
		const char *cell_tag = tree_attr(row, "header") ? "th" : "td";
		buf_puts(r->out, "<tr>");
		for (const xmlNode *cell = tree_first(row); cell; cell = tree_next(cell)) {
			const char *align = tree_attr(cell, "align");
			if (align)
				buf_printf(r->out, "<%s" AUTO_DIR " style=\"text-align: %s\">", cell_tag,
					   align);
			else
				buf_printf(r->out, "<%s" AUTO_DIR ">", cell_tag);
			anki_render_inlines(r, cell);
			buf_printf(r->out, "</%s>", cell_tag);
		}
		buf_puts(r->out, "</tr>");
	}
	buf_puts(r->out, "</table>");
}

static void anki_render_block(struct anki_render *r, const xmlNode *node)
{
	const char *name = (const char *)node->name;
	long line = tree_line(node);
	if (line > 0)
		r->line = line;
	if (strcmp(name, "p") == 0)
		anki_render_p(r, node);
	else if (strcmp(name, "heading") == 0)
		anki_render_heading(r, node);
	else if (strcmp(name, "list") == 0)
		anki_render_list(r, node);
	else if (strcmp(name, "codeblock") == 0)
		anki_render_codeblock(r, node);
	else if (strcmp(name, "quote") == 0)
		anki_render_quote(r, node);
	else if (strcmp(name, "callout") == 0)
		anki_render_callout(r, node);
	else if (strcmp(name, "details") == 0)
		anki_render_details(r, node);
	else if (strcmp(name, "table") == 0)
		anki_render_table(r, node);
	else if (strcmp(name, "hr") == 0)
		buf_puts(r->out, "<hr />");
	else if (strcmp(name, "raw") == 0)
		anki_render_raw(r, node);
}

static void anki_render_blocks(struct anki_render *r, const xmlNode *parent)
{
	for (const xmlNode *node = tree_first(parent); node; node = tree_next(node))
		anki_render_block(r, node);
}

/* --- cards, sections, the guide ----------------------------------------------- */

/* Renders NODE's inlines (INLINE) or blocks into a malloc'd field; NULL node
 * gives "". Returns NULL on allocation failure. */
static char *render_field(struct anki_render *r, const xmlNode *node, int inline_content)
{
	struct buf out;
	buf_init(&out);
	r->out = &out;
	if (node && inline_content)
		anki_render_inlines(r, node);
	else if (node)
		anki_render_blocks(r, node);
	r->out = NULL;
	if (out.failed) {
		buf_free(&out);
		return NULL;
	}
	return out.data ? out.data : strdup("");
}

/* True when NODE holds nothing a reader would see. */
static int is_blank(const xmlNode *node)
{
	if (!node)
		return 1;
	for (const xmlNode *n = node->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && (tree_is(n, "img") || tree_is(n, "hr") ||
						     !is_blank(n)))
			return 0;
	char *text = tree_plain_text(node);
	int blank = 1;
	for (const char *p = text; p && *p && blank; p++)
		blank = isspace((unsigned char)*p);
	free(text);
	return blank;
}

/* The guid: the card's key (stable across edits of its answer) with the guide's
 * source name, so two guides with equal keys stay apart. */
static void card_guid(struct anki_note *note, const char *source, const char *key)
{
	struct buf text;
	buf_init(&text);
	buf_printf(&text, "%s#%s", source, key);
	snprintf(note->guid, sizeof note->guid, "g2a%016llx",
		 text.failed ? 0ULL : anki_hash64(text.data, text.len));
	buf_free(&text);
}

#define ANKI_LINES_SHOWN 5 /* lines a warning lists */

struct walk {
	struct anki_deck_set *set;
	struct anki_render render;
	struct strmap guids; /* guid -> its note's line */
	struct strmap ids;   /* every note and card id given out */
	long long deck_id;   /* the deck of the section being walked */
	const char *tag;     /* its slug */
	const xmlNode *section_title;
	int keep_unanswered;                     /* --keep-unanswered */
	struct anki_repeats repeats;             /* cards said twice, left out */
	size_t unanswered;                       /* cards left out: no answer yet */
	long unanswered_lines[ANKI_LINES_SHOWN]; /* the first of them */
};

/* One warning for every card left out for want of an answer: a missing answer
 * never costs the other cards. */
static void report_unanswered(const struct walk *w)
{
	if (w->unanswered == 0)
		return;
	struct buf lines;
	buf_init(&lines);
	anki_list_lines(&lines, w->unanswered_lines, w->unanswered, ANKI_LINES_SHOWN);
	diag_warning(w->render.source, w->unanswered_lines[0],
		     "%zu card%s no answer yet and %s left out of the deck (line%s %s); write "
		     "the answer, or keep such cards with --keep-unanswered",
		     w->unanswered, w->unanswered == 1 ? " has" : "s have",
		     w->unanswered == 1 ? "is" : "are", w->unanswered == 1 ? "" : "s",
		     lines.failed ? "?" : lines.data);
	buf_free(&lines);
}

/* The front: the question, and under it what belongs to it (the code whose
 * output it asks for, the options of a multiple choice). */
static char *render_question(struct anki_render *r, const xmlNode *card)
{
	char *question = render_field(r, tree_child(card, "question"), 1);
	const xmlNode *prompt = tree_child(card, "prompt");
	char *blocks = prompt && question ? render_field(r, prompt, 0) : NULL;
	if (!prompt || !blocks) {
		if (prompt)
			free(question);
		return prompt ? NULL : question;
	}
	struct buf out;
	buf_init(&out);
	buf_printf(&out, "%s<div class=\"prompt\">%s</div>", question, blocks);
	free(question);
	free(blocks);
	if (out.failed) {
		buf_free(&out);
		return NULL;
	}
	return out.data;
}

/* The section's tag, the card's own (difficulty::easy), and "unanswered" for
 * a card kept by --keep-unanswered. */
static char *note_tags(const struct walk *w, const xmlNode *card)
{
	const char *own = tree_attr(card, "tags");
	struct buf tags;
	buf_init(&tags);
	buf_puts(&tags, w->tag);
	if (own && *own)
		buf_printf(&tags, " %s", own);
	if (tree_attr(card, "unanswered"))
		buf_puts(&tags, " unanswered");
	if (tags.failed || !tags.data) {
		buf_free(&tags);
		return NULL;
	}
	return tags.data;
}

static int fill_note(struct walk *w, struct anki_note *note, const xmlNode *card)
{
	struct anki_render *r = &w->render;
	r->line = note->line;
	note->fields[ANKI_QUESTION] = render_question(r, card);
	note->fields[ANKI_ANSWER] = render_field(r, tree_child(card, "answer"), 0);
	note->fields[ANKI_WHY] = render_field(r, tree_child(card, "why"), 0);
	note->fields[ANKI_SECTION] = render_field(r, w->section_title, 1);
	/* Source: where to edit the card, as SOURCE:LINE. */
	struct buf where, escaped;
	buf_init(&where);
	buf_init(&escaped);
	buf_printf(&where, "%s:%ld", r->source, note->line);
	r->out = &escaped;
	if (!where.failed)
		anki_render_text(r, where.data, where.len);
	r->out = NULL;
	note->fields[ANKI_SOURCE] = escaped.failed || where.failed ? NULL : escaped.data;
	if (!note->fields[ANKI_SOURCE])
		buf_free(&escaped);
	buf_free(&where);
	note->tags = note_tags(w, card);
	for (int f = 0; f < ANKI_FIELD_COUNT; f++)
		if (!note->fields[f])
			return -1;
	return note->tags ? 0 : -1;
}

static int anki_render_card(struct walk *w, const xmlNode *card)
{
	const char *source = w->render.source;
	long line = tree_line(card);
	const xmlNode *answer = tree_child(card, "answer");
	if (is_blank(tree_child(card, "question"))) {
		diag_error(source, line, "this card has an empty question; write the question "
					 "or remove the card");
		return 0;
	}
	if ((is_blank(answer) || tree_attr(card, "unanswered")) && !w->keep_unanswered) {
		if (w->unanswered < ANKI_LINES_SHOWN)
			w->unanswered_lines[w->unanswered] = tree_line(answer);
		w->unanswered++;
		return 0;
	}
	int repeated = anki_repeat_seen(&w->repeats, card);
	if (repeated != 0)
		return repeated < 0 ? -1 : 0;
	struct anki_note *note = anki_note_add(w->set);
	if (!note) {
		diag_error(source, line, "more than %d cards, or out of memory", ANKI_MAX_NOTES);
		return -1;
	}
	note->line = line;
	note->deck_id = w->deck_id;
	note->mod = w->set->timestamp;
	card_guid(note, source, tree_attr(card, "key"));
	struct strmap_entry *seen = strmap_find(&w->guids, note->guid);
	if (seen) {
		diag_error(source, line, "this card has the same key as the card on line %ld; "
					 "give one of them a different question",
			   (long)(intptr_t)seen->value);
		return 0;
	}
	struct strmap_entry *entry = strmap_insert(&w->guids, note->guid);
	if (!entry)
		return -1;
	entry->value = (void *)(intptr_t)line;
	note->id = anki_stable_id(note->guid, ANKI_NOTE_ID_BASE, ANKI_ID_SPAN);
	note->card_id = anki_stable_id(note->guid, ANKI_CARD_ID_BASE, ANKI_ID_SPAN);
	if (unique_id(&w->ids, &note->id) != 0 || unique_id(&w->ids, &note->card_id) != 0)
		return -1;
	return fill_note(w, note, card);
}

/* The deck of the topics open now, added when a card first needs it. */
static int topic_deck(struct walk *w, const struct anki_topics *topics)
{
	struct anki_deck *deck = anki_deck_add(w->set, topics->name.data);
	if (!deck)
		return -1;
	w->deck_id = deck->id;
	return 0;
}

static int anki_render_section(struct walk *w, const xmlNode *section, const char *top)
{
	if (strcmp(tree_attr(section, "kind"), "questions") != 0)
		return 0; /* prose: no cards */
	w->section_title = tree_child(section, "title");
	w->tag = tree_attr(section, "id");
	w->deck_id = w->set->decks[1].id;
	struct anki_topics topics;
	int status = top ? anki_topics_start(&topics, top, section) : 0;
	int changed = top != NULL; /* the topics' deck differs from the one in use */
	for (const xmlNode *node = tree_first(section); node && status == 0;
	     node = tree_next(node)) {
		if (top && tree_is(node, "heading")) {
			status = anki_topics_heading(&topics, node);
			changed = 1;
		} else if (tree_is(node, "card")) {
			if (changed && (status = topic_deck(w, &topics)) != 0)
				break;
			changed = 0;
			status = anki_render_card(w, node);
		}
	}
	if (top)
		anki_topics_free(&topics);
	return status;
}

/* The top deck: --deck NAME as given (it may nest with "::"), or the guide's
 * title. */
static char *top_deck_name(const xmlDoc *doc, const char *deck)
{
	if (deck)
		return strdup(deck);
	const xmlNode *meta = tree_child(xmlDocGetRootElement((xmlDoc *)doc), "meta");
	char *title = tree_plain_text(tree_child(meta, "title"));
	if (!title)
		return NULL;
	struct buf name;
	buf_init(&name);
	anki_deck_component(&name, title);
	free(title);
	if (name.failed) {
		buf_free(&name);
		return NULL;
	}
	return name.data;
}

static int build_notes(struct anki_deck_set *set, const xmlDoc *doc,
		       const struct anki_options *opt, const struct image_folder *images)
{
	struct walk w;
	memset(&w, 0, sizeof w);
	w.set = set;
	w.render.set = set;
	w.render.source = tree_source(doc);
	w.render.lang = tree_attr(xmlDocGetRootElement(doc), "lang");
	w.render.images = images;
	w.keep_unanswered = opt->keep_unanswered;
	anki_repeats_init(&w.repeats);
	strmap_init(&w.guids);
	strmap_init(&w.ids);
	char *top = top_deck_name(doc, opt->deck);
	int status = (!top || !anki_deck_add(set, "Default") || !anki_deck_add(set, top)) ? -1 : 0;
	const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);
	for (const xmlNode *node = tree_first(root); node && status == 0; node = tree_next(node))
		if (tree_is(node, "section"))
			status = anki_render_section(&w, node, opt->single_deck ? NULL : top);
	if (status != 0)
		diag_fatal("out of memory");
	else {
		report_unanswered(&w);
		anki_repeats_report(&w.repeats, w.render.source);
	}
	anki_repeats_free(&w.repeats);
	free(top);
	strmap_free(&w.guids);
	strmap_free(&w.ids);
	return status;
}

/* --- main ------------------------------------------------------------------------ */

/* The export time (tools/lib/builddate.c says which). Never 0: Anki takes a
 * note whose mod is 0 for one never changed, and an import over it for no
 * change at all. */
static int export_time(const xmlDoc *tree, const char *input, long long *seconds)
{
	if (builddate_of(tree, input, seconds) != 0)
		return -1;
	if (*seconds < 1)
		*seconds = 1;
	return 0;
}

static int write_tsv(const struct anki_deck_set *set, const char *path)
{
	struct atomic_file out;
	if (atomic_open(&out, path) != 0)
		return EXIT_SYSTEM;
	errno = 0;
	if (anki_write_tsv(out.stream, set) != 0) {
		const char *why = errno ? strerror(errno) : "out of memory";
		if (atomic_is_stdout(path))
			diag_fatal("cannot write to standard output: %s", why);
		else
			diag_error(path, 0, "cannot write the text file: %s", why);
		atomic_abort(&out);
		return EXIT_SYSTEM;
	}
	return atomic_commit(&out) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

static int write_apkg(struct anki_deck_set *set, const struct anki_options *opt)
{
	if (!opt->no_font)
		anki_media_font(set, opt->font);
	/* By default the package being replaced is the previous export: only a
	 * regular file itself, never what a symbolic link there points to (the
	 * output path is refused then anyway). */
	struct stat st;
	const char *previous = opt->no_previous ? NULL
			       : opt->previous ? opt->previous
			       : (lstat(opt->output, &st) == 0 && S_ISREG(st.st_mode)) ? opt->output
											 : NULL;
	if (previous) {
		unsigned char *data = NULL;
		size_t len = 0;
		int found = anki_package_read_collection(previous, &data, &len);
		if (found == 1 && opt->previous) {
			diag_error(previous, 0, "the previous deck does not exist; give an existing "
						"package or leave out --previous");
			return EXIT_INPUT;
		}
		if (found == 0)
			anki_previous_apply(set, data, len, previous);
		free(data);
	}
	return anki_package_write(set, opt->output) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

/* A deck with no cards is still written (make builds every output); the
 * warning says why it is empty. */
static int write_deck(struct anki_deck_set *set, const struct anki_options *opt)
{
	if (set->note_count == 0)
		diag_warning(atomic_is_stdout(opt->output) ? "-" : opt->output, 0,
			     "the deck has no cards (no question of the guide has an answer); "
			     "it is written empty");
	return opt->tsv ? write_tsv(set, opt->output) : write_apkg(set, opt);
}

static int run(const struct anki_options *opt)
{
	struct anki_deck_set set;
	memset(&set, 0, sizeof set);
	int styles = anki_template_load(&set, opt->styles);
	if (styles != 0) {
		anki_deck_set_free(&set);
		return styles > 0 ? EXIT_INPUT : EXIT_SYSTEM;
	}
	int load_status;
	xmlDocPtr doc = tree_load(opt->input, &load_status);
	if (!doc || export_time(doc, opt->input, &set.timestamp) != 0) {
		if (doc)
			xmlFreeDoc(doc);
		anki_deck_set_free(&set);
		return doc ? EXIT_SYSTEM : load_status;
	}
	set.notetype_mod = set.timestamp;
	/* Images are read from --images DIR, else from the tree's folder. */
	struct image_folder images;
	int status = EXIT_SYSTEM;
	if (imagefile_folder(&images, opt->media_dir, opt->input) != 0)
		status = EXIT_SYSTEM;
	else if (build_notes(&set, doc, opt, &images) != 0)
		status = EXIT_SYSTEM;
	else if (diag_error_count() > 0)
		status = EXIT_INPUT;
	else
		status = write_deck(&set, opt);
	imagefile_folder_free(&images);
	xmlFreeDoc(doc);
	anki_deck_set_free(&set);
	return status;
}

int main(int argc, char **argv)
{
	diag_set_program("guide2anki");
	struct anki_options opt;
	int status = anki_options_parse(argc, argv, &opt);
	if (status >= 0)
		return status;
	if (timelimit_arm(opt.input, opt.time_limit) != 0)
		return EXIT_SYSTEM;
	status = run(&opt);
	xmlCleanupParser();
	return status;
}
