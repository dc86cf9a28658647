/* md2guide: shared definitions of the front end's three stages.
 *
 *   sanitize.c   bytes -> valid UTF-8 text fit for XML (or a clear error)
 *   frontmatter.c  YAML front matter -> title, lang, questions rule ...
 *   guard.c      text -> text cmark-gfm parses in linear time, and back
 *   structure.c  cmark tree -> a plan: title, toc, sections, and cards in them
 *   itemanswers.c  answers outdented from their "1. ### Question" list item
 *   questionlist.c  lists whose items are questions, FAQ lists among them
 *   contents.c   headings of the guide's own table of contents
 *   cards.c      what starts a question, its labels, where its answer ends
 *   labelled.c   questions answered by an "Answer:" line, and lines that pair
 *                a term with its definition, or a question with its answer
 *   qatable.c    tables of questions and answers, and glossaries
 *   glossary.c   a glossary's bold terms, "**Term**: what it means"
 *   keyed.c      option lists whose marks (✅ ❌) are the answer
 *   footnotes.c  footnote definitions, kept for the block that cites them
 *   ids.c        anchors of headings, anchors and stable keys of cards
 *   convention.c which heading level holds a section's questions, weighed
 *                over the section and the whole document
 *   evidence.c   what a piece of text says of itself: asks, hides an answer,
 *                titles references, leads back to the top, is a placeholder,
 *                asks for questions
 *   emit.c       plan + cmark tree -> guide tree XML
 *   htmlblock.c  one HTML block -> the tree's blocks (libxml2's HTML parser)
 *   callout.c    where a ":::" container, an alert or a <details> opens and closes
 *   mdx.c        MDX and VuePress lines that build the site, to leave out
 *   admonition.c MkDocs admonitions ("??? question \"Title\""), Obsidian
 *                callouts that ask, and Quarto, MyST, pymdownx and Hugo
 *                directives, rewritten into <details> and callouts before parsing
 *   itemcallout.c  a callout that asks in a list item, for admonition.c to lift
 *
 * The cmark document owns every node; the plan only points into it. */
#ifndef MD2GUIDE_H
#define MD2GUIDE_H

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "strmap.h"

/* Limits: each has a name, a value and an error message where it is checked. */
#define MD2GUIDE_MAX_INPUT ((size_t)64 << 20) /* bytes of Markdown */
#define MD2GUIDE_MAX_DEPTH 100                /* nesting of blocks and inlines */
#define MD2GUIDE_MAX_CARDS 100000             /* questions in one guide */
#define MD2GUIDE_MAX_TABLE_COLUMNS 200        /* cells in one table row */
#define MD2GUIDE_MAX_UTF8_WARNINGS 10         /* then one summary line */
#define MD2GUIDE_MAX_DUPLICATE_WARNINGS 10    /* then one summary line */
#define MD2GUIDE_MAX_ALT_WARNINGS 10          /* images without alt text, then a count */

enum card_style { CARD_HEADING, CARD_BOLD, CARD_LIST, CARD_DETAILS, CARD_LABEL, CARD_TABLE };

/* A run of inline nodes: from `first` up to (not including) `stop`, with the
 * first `skip` bytes of the leading text nodes left out (a "Q1:" prefix, or
 * the space after a "**Why they ask:**" label). */
struct inline_span {
	cmark_node *first;
	cmark_node *stop;
	size_t skip;
};

/* A run of sibling blocks [first, stop). */
struct block_span {
	cmark_node *first;
	cmark_node *stop;
};

struct card {
	enum card_style style;
	cmark_node *node;        /* heading, paragraph, list item or <details> block */
	long line;
	struct inline_span question;
	char *question_literal;  /* the question as plain text, when it is part of a text node */
	char *question_text;     /* plain text, for the key and messages */
	size_t question_trim;    /* bytes of decoration ("[Easy]") ending its last text node */
	char *tag;               /* what the decoration said: "difficulty::easy", or NULL */
	char number[17];         /* "1" from "Q1:", or "" */
	char *id;
	char key[24];
	cmark_node *why;         /* the "**Why they ask:**" paragraph, or NULL */
	char *why_label;         /* "Why they ask" */
	struct inline_span why_text;
	char *label;             /* "Answer", "Short Answer" ... or NULL */
	long answer_line;
	struct inline_span label_rest; /* text after the label in its paragraph */
	struct block_span prompt; /* blocks that belong to the question: code, options */
	struct block_span body;
	cmark_node *summary_doc; /* a <details> summary parsed on its own, or NULL */
	cmark_node *details_doc; /* a one-block <details> body parsed on its own */
	long details_line;       /* where that body starts: its sub-document counts from 1 */
	/* A <details> that goes on past its first block: DETAILS_DOC (or NULL)
	 * holds what follows the summary there, HEAD its blocks, labels taken;
	 * BODY the rest, in the document. */
	int details_open;
	struct block_span head;
	int unanswered;          /* no answer yet: empty, or a placeholder ("TODO") */
	cmark_node *last_block;  /* a labelled question: the block of its "Answer:" */
	cmark_node *keyed;       /* a prompt's option list marked ✅/❌: the marks are the answer */
	cmark_node *extra_cells; /* a question table's cells after the answer ("Source") */
};

/* What a section holds, in order: blocks and cards. */
struct part {
	cmark_node *block; /* NULL for a card */
	struct card *card;
};

/* Where blocks are read: under a heading of LEVEL (0: the guide itself).
 * Bit N of LEVELS: headings of level N hold questions here (convention.c);
 * of STRICT: one must ask itself ("Q1:", "?") to be a question; of LENIENT:
 * it is one even when it shows no sign; else it is one when it asks or is
 * numbered like its neighbours. */
/* What heading_kind() said of each heading, so that the census, the
 * recognisers and the ends of answers, which all ask of the same headings,
 * work it out once (it reads the heading's text and the blocks after it). */
struct kind_memo {
	cmark_node **nodes;
	unsigned char *kinds;
	size_t cap, count; /* cap a power of two, count at most half of it */
};

struct scope {
	int level;
	unsigned levels;
	unsigned strict;
	unsigned lenient;
	int bold_topics; /* the guide's bold lines are lead-ins, not questions */
	unsigned styles; /* bit N: cards of enum card_style N may start here */
	struct kind_memo *memo; /* the plan's, or NULL */
	int faq_guide;      /* the guide has FAQ lists ("* Is X? Yes."): a short one is too */
	int details_topics; /* no <details> summary here asks: they are blocks, not questions */
	int bold_questions; /* the guide asks with bold lines: a numbered task is one too */
	int line_pairs;     /* tagged #flashcards: "Question::Answer" lines are cards */
	int glossary;       /* a glossary: "**Term**: what it means" paragraphs are cards */
};

/* What --questions or the front matter's "questions:" says: which shapes are
 * the questions ("heading:3,bold", "none"), instead of md2guide's choice. */
struct question_rule {
	int given;
	unsigned styles;   /* bit N: enum card_style N */
	int heading_level; /* with "heading:N"; 0: md2guide chooses the level */
};
#define ALL_CARD_STYLES 0x3fu
extern const char *const CARD_STYLE_NAMES[6]; /* as the tree's card/@style says them */

/* How many headings of each level the guide has, and how many of them ask. */
struct heading_census {
	int count[7];
	int asking[7];
	int named[7]; /* "Q1:", "Question 3." */
	int bold_lines;  /* paragraphs of one bold line, labels aside */
	int bold_asking; /* of those, the ones that ask ("?", "Q1:") */
	int faq_lists;   /* lists of three questions or more answered on their lines */
	int details;         /* <details> with a summary that is not "Answer" */
	int details_asking;  /* of those, the ones whose summary asks */
	int flashcards_tag;  /* a paragraph opens with Obsidian's "#flashcards" tag */
	int term_lines;      /* paragraphs "**Term**: what it means" (term_definition) */
	int glossary_title;  /* the guide's "#" title says it is a glossary */
};

struct section {
	cmark_node *heading; /* NULL for the implicit section of a guide without one */
	char *id;
	int level;
	struct scope scope;
	struct heading_census census; /* its own headings, for --explain */
	long line;
	struct part *parts;
	size_t part_count;
	size_t card_count;
};

struct plan {
	const char *source_name;  /* as written in guide/@source */
	const char *display_name; /* for messages */
	cmark_node *document;
	cmark_node *title;        /* the H1, or NULL */
	cmark_node *title_html;   /* the HTML block whose <h1> gave title_fallback */
	char *title_fallback;     /* used when there is no H1 */
	const struct frontmatter *front; /* title, subtitle, author given up front */
	cmark_node *subtitle;
	char *author;
	char date[21];            /* the source's mtime, YYYY-MM-DDTHH:MM:SSZ; "" if none */
	cmark_node **intro;       /* blocks before the first section */
	size_t intro_count;
	cmark_node *toc;          /* the heading of the guide's own contents */
	char *toc_id;
	cmark_node **toc_blocks;
	size_t toc_block_count;
	struct question_rule rule;
	struct section *sections;
	size_t section_count;
	struct strmap slugs;      /* every GitHub anchor -> the tree id it became */
	struct strmap ids;        /* every tree id in use */
	size_t card_total;
	size_t duplicates;        /* questions asked twice */
	size_t unanswered;        /* questions with no answer yet */
	struct heading_census *census; /* headings of the whole guide, by level */
	struct kind_memo memo;
	cmark_node **footnotes;   /* the definitions, taken out of the document, by number */
	size_t footnote_count;
};


/* sanitize.c: checks and repairs DATA in place or into a new buffer. Returns 0
 * (with *out set, maybe equal to data), or -1 after reporting an error. */
int sanitize_input(const char *name, char *data, size_t len, char **out, size_t *out_len);
/* The same after parsing, for every string cmark-gfm decoded into DOCUMENT;
 * warnings at the node's line when NAME is set, none when it is NULL (a
 * piece parsed apart: parse.c reports it at its line in the document).
 * *FIRST_LINE (when given) is set to the first line repaired, or 0. Returns
 * 0, or -1 when memory ran out. */
int sanitize_tree(cmark_node *document, const char *name, long *first_line);
/* The warning for a piece whose text was repaired, at LINE of the document. */
void sanitize_report_piece(const char *name, long line);

/* frontmatter.c: YAML front matter at the start of TEXT, blanked in place;
 * warnings (malformed YAML, a bad questions rule) name NAME. Returns 1 when
 * there was some (FM filled), 0 when not. Every field may be NULL. */
struct frontmatter {
	char *title;
	char *subtitle;
	char *author;      /* a list of authors is joined with ", " */
	char *lang;
	char *description;
	char **tags;       /* tags: one or a list */
	size_t tag_count;
	/* questions: how the guide writes its questions, checked to be one shape
	 * ("heading", "heading:3", "bold", "list", "details", "label", "table",
	 * "none") or two joined by a comma ("heading:3,details"), for the
	 * recogniser; NULL when not given or not valid. */
	char *questions_rule;
};
int frontmatter_take(const char *name, char *text, size_t len, struct frontmatter *fm);
void frontmatter_free(struct frontmatter *fm);
/* FM's tags hold TAG, or a tag under it ("flashcards/biology"). */
int frontmatter_tagged(const struct frontmatter *fm, const char *tag);

/* guard.c: the Markdown cmark-gfm 0.29 parses in quadratic time, made
 * linear: guard_text() writes a copy of TEXT into OUT with stand-ins for the
 * characters that cost (GUARD active), or leaves OUT empty when nothing does;
 * guard_restore() puts the originals back into the parsed DOCUMENT. Both
 * return 0, or -1 when memory ran out. Warnings name NAME when it is set. */
#define GUARD_KINDS 3
struct guard {
	int active;
	char stand_in[GUARD_KINDS][4]; /* UTF-8, "" when the input left none free */
	char original[GUARD_KINDS];
};
int guard_text(const char *name, const char *text, size_t len, struct buf *out,
	       struct guard *guard);
int guard_restore(cmark_node *document, const struct guard *guard);

/* structure.c */
int plan_build(struct plan *plan, cmark_node *document);
/* itemanswers.c: the blocks after a list whose last "N. ### Question" item
 * holds no answer, up to the next such question, moved into that item. */
void item_answers_take(cmark_node *document);
/* contents.c: HEADING heads the guide's contents: it is called so
 * (contents_titled), or its blocks up to the next heading are only lists of
 * links to anchors (contents_by_links); either (is_contents_heading). */
int contents_titled(cmark_node *heading);
int contents_by_links(cmark_node *heading);
int is_contents_heading(cmark_node *heading);
/* BLOCK heads the guide's contents: called so, or, before the first questions
 * (ASKED: after them, a list of links is a "See also"), by its links. */
int is_contents(cmark_node *block, int asked);
/* Where the contents HEADING opens end, STOP at the latest (the end of its
 * section): one called so holds all of it; one that is contents by its links
 * ends at the first heading below it that is not (`## By company` over its
 * links, then `### First company` and its questions). */
cmark_node *contents_end(cmark_node *heading, cmark_node *stop);
/* Do questions follow the links under HEADING, before STOP ("## Questions",
 * its links, then "#### What is X?")? Then the links are the section's own
 * list, and the heading a section. Never for contents called so. */
int contents_over_questions(cmark_node *heading, cmark_node *stop);
/* An HTML block with no text (<br>, a comment), or a rule: spacing. */
int is_spacing(cmark_node *block);
/* CONTAINER (a paragraph, a table cell) holds one link to a place in the
 * guide and nothing else ("| [What is a port?](#what-is-a-port) |"): an
 * entry of its contents, whatever its words. */
int only_anchor_link(cmark_node *container);
/* ids.c: a paragraph of links, or a list of only such (what "Useful
 * resources:" leads to). */
int links_only(cmark_node *block);
/* headingimages.c: moves the images of HEADING (badges, linked images, a
 * logo) into a new paragraph, returned for the caller to place; NULL when it
 * has none, or nothing but images. */
cmark_node *heading_take_images(cmark_node *heading);
void plan_free(struct plan *plan);

/* emit.c: the whole tree to STREAM, built piece by piece in OUT. Returns 0,
 * -1 on allocation failure, -2 when writing failed. */
int emit_guide(const struct plan *plan, const char *lang, struct buf *out, FILE *stream);

/* parse.c: every parse, with the same options, extensions and limits.
 * parse_document: the guide (warnings name NAME); parse_markdown: a piece
 * structure.c parses apart (a <details> summary or body), NULL when it
 * nests too deep. Both NULL on allocation failure. */
cmark_node *parse_document(const char *text, size_t len, const char *name);
/* The blocks of TEXT as the guide's parse finds them, without the table
 * extension and the guard's repairs: for looking at lines, not inlines. */
cmark_node *parse_without_tables(const char *text, size_t len);
/* htmlheading.c: TEXT with "<h3 id=x>Part</h3>" lines as "### Part" in OUT
 * (empty when there are none); -1 when out of memory. */
int html_headings_as_markdown(const char *text, size_t len, struct buf *out);
cmark_node *parse_markdown(const char *text, size_t len);
/* The lines inside the code blocks of TEXT, fenced (fences left out) or
 * indented, in order: the table extension never reads them. 0, or -1
 * without memory. */
struct line_range {
	long first, last;
};
int parse_code_lines(const char *text, size_t len, struct line_range **ranges, size_t *count);
/* Line where DOCUMENT nests deeper than MD2GUIDE_MAX_DEPTH (-1: a block with
 * no line), or 0; and the error for it. */
long parse_too_deep_at(cmark_node *document);
void parse_report_too_deep(const char *name, long line);
/* Pieces: forget those of the last conversion; report those of this one
 * (-1 when one nested too deep, an error). */
void parse_pieces_reset(void);
int parse_report_pieces(cmark_node *document, const char *name);

/* questionlist.c: LIST is a list of questions, each item a card (SCOPE says
 * whether the guide has FAQ lists; NULL: it has none); how an item opening
 * with FIRST opens (2 with a question, 1 with a topic heading or a task
 * answered below it, 0 otherwise); the guide's FAQ lists at the top level. */
int question_list(cmark_node *list, const struct scope *scope);
int list_item_asks(cmark_node *first);
int faq_lists_count(cmark_node *document);

/* itemcallout.c: a callout in an item of a list at the margin (see the
 * file). The bytes before its ">" when the line at LINE (in TEXT, up to END)
 * opens one there, the item's marker ("- ") or the indent of its text, else
 * 0; and whether the item has no more text after AFTER (the end of the
 * callout's last line), INDENT its text's indent. */
size_t item_callout_indent(const char *text, const char *line, const char *end);
int item_callout_ends_item(const char *after, const char *text_end, size_t indent);
/* Does the line at LINE open a list item that ends a paragraph before it
 * ("- x", "1. x": an ordered list from 1 only)? */
int item_interrupts(const char *line, const char *end);

/* evidence.c: tests on plain text (see the file). */
int evidence_question_mark(const char *text);
int evidence_asks(const char *text);
int evidence_asking_end(const char *text);
int evidence_reveal_label(const char *text);
int evidence_reference_title(const char *text);
int evidence_navigation_text(const char *text);
int evidence_toc_title(const char *text);
int evidence_glossary_title(const char *text);
int evidence_placeholder(const char *text);
int evidence_wants_questions(const char *text);

/* labelled.c: a question answered by an "Answer:" line; fills CARD. */
int labelled_question(cmark_node *block, struct card *card, cmark_node **last);
/* detailscard.c: a <details> BLOCK whose summary is a question: fills CARD
 * (its question, number and answer); 0 when it is none. */
int details_question(cmark_node *block, struct card *card);
/* The text node after an "Answer:" label opening PARAGRAPH (*SKIP its bytes). */
cmark_node *labelled_answer(cmark_node *paragraph, size_t *skip);
/* What follows that label up to a line closing a ":::" container, from the
 * next line when nothing follows it on its own; FIRST is NULL when empty. */
struct inline_span labelled_rest(cmark_node *label, size_t skip);
/* A term and its definition on the next line ("B-tree" / ": A balanced..."),
 * or a question and answer around a line of "?" (Obsidian's flashcards). */
int paired_lines(cmark_node *block, struct card *card, cmark_node **last);
/* BLOCK is a paragraph of a front/back separator alone ("?", "%", "↪"). */
int side_separator(cmark_node *block);
/* Obsidian's "Question::Answer" lines (":::" too): PARAGRAPH is only such
 * lines; the card of the line that LINE opens, and the first node of the
 * next line (NULL after the last). */
int pair_lines_only(cmark_node *paragraph);
int pair_line_card(cmark_node *line, struct card *card);
cmark_node *pair_next_line(cmark_node *line);

/* footnotes.c: the footnote definitions taken out of PLAN's document and
 * numbered ([N] opens each); the definition a reference cites, or NULL. */
int footnotes_take(struct plan *plan);
void footnotes_free(struct plan *plan);
cmark_node *footnote_of(const struct plan *plan, cmark_node *reference);

/* keyed.c: the list in PROMPT whose items all open with a right/wrong mark
 * or a task box (some of each; or a run of such one-item lists with the code
 * of each after it), or NULL; keyed_leading: such options that open BODY,
 * after only the text, code or table the question asks about. keyed_hide
 * drops the marks and boxes of the options LIST opens (up to STOP, the end
 * of the prompt); keyed_keep_right takes the wrong ones out when they are
 * boxes (NULL for marks: they stay as written), and sets RIGHT to the blocks
 * left to show; keyed_restore puts back what either took. NULL when out of
 * memory: the options stay as they are. */
struct keyed_saved;
cmark_node *keyed_options(struct block_span prompt);
cmark_node *keyed_leading(struct block_span body);
cmark_node *keyed_run_end(cmark_node *list, cmark_node *stop); /* the block after them */
struct keyed_saved *keyed_hide(cmark_node *list, cmark_node *stop);
struct keyed_saved *keyed_keep_right(cmark_node *list, cmark_node *stop,
				     struct block_span *right);
void keyed_restore(struct keyed_saved *saved);

/* decoration.c: takes "[Easy]", "⭐⭐", "🔴" off the end of TEXT into TAG;
 * returns the bytes taken. */
size_t decoration_take(char *text, char *tag, size_t size);
/* TEXT ends with hashtags that mark it a flashcard ("What is X? #card"). */
int decoration_marks_card(const char *text);
/* TEXT[0,LEN) into OUT (SIZE bytes), cut at a character if it is longer. */
void copy_whole_characters(char *out, size_t size, const char *text, size_t len);
int text_asks_to_end(const char *text);  /* cards.c: "...? [Easy]" */
cmark_node *question_line_end(cmark_node *paragraph); /* cards.c: "What is X?⏎answer" */
/* labelled.c: the length of an answer label opening TEXT ("Answer:", "A:",
 * "答案：") with the spaces after it, or 0. */
size_t answer_label_length(const char *text);
int answered_in_paragraph(cmark_node *paragraph);
void label_of_rest(struct card *card); /* cards.c: "Q?⏎Ans: ..." in one paragraph */ /* iteminline.c: "* Is X? Yes." */
int split_inline_answer(struct card *card, cmark_node *paragraph); /* iteminline.c */
int answered_heading(cmark_node *heading, struct card *card); /* cards.c: "## Q:" then "A:" */
char *decoration_after(cmark_node *node); /* cards.c: the tag of marks after NODE */

/* qatable.c: a two-column table of questions and answers, a card a row. */
int is_question_table(cmark_node *block);
int table_row_card(cmark_node *row, struct card *card);
/* TERM and DEFINITION name a glossary's two columns ("Term", "Definition"). */
int glossary_header(const char *term, const char *definition);

/* inlinehtml.c: an inline HTML node read as a tag. */
struct html_tag {
	char name[16];
	int closing;      /* </b> */
	int self_closing; /* <br/> */
	char *href, *src, *alt; /* decoded, or NULL */
	char width[8], height[8]; /* an <img>'s, as inline_html_length() keeps them */
};
int inline_html_tag(const char *literal, struct html_tag *tag);
void inline_html_tag_free(struct html_tag *tag);
/* The tree element a tag stands for; "" to keep only its text, NULL unknown. */
const char *inline_html_element(const char *tag);
/* An <img width> or height VALUE as the tree keeps it ("120" for "120" or
 * "120px", "50%"), in OUT; "" when it is no such length. */
void inline_html_length(const char *value, char out[8]);

/* htmlblock.c: the literal of one HTML block, from LINE of the guide, as tree
 * blocks appended to OUT. Returns 1 when it wrote some, 0 when the block holds
 * nothing to keep (a comment, a lone <br/>, an empty <p align>), -1 when it
 * cannot be converted (a <details> piece, a table with spans): OUT is then as
 * it was, and the caller keeps the block as raw HTML. */
struct html_block_context {
	/* The tree id an internal link's ANCHOR ("x" of "#x"), at LINE, became;
	 * NULL (after a warning) when there is none: the link is then its text. */
	const char *(*resolve_anchor)(void *data, long line, const char *anchor);
	/* A unique tree id for a heading saying TEXT, or NULL: then the heading
	 * is written as a paragraph of strong text. May itself be NULL. */
	const char *(*heading_id)(void *data, const char *text);
	/* An element whose text is kept without it (warned about once a name). */
	void (*warn_unknown)(void *data, long line, const char *tag);
	/* An image: told of each one, to warn when ALT (maybe NULL) is blank. */
	void (*warn_no_alt)(void *data, long line, const char *src, const char *alt);
	void *data;
};
int html_block_to_tree(const char *html, long line, const struct html_block_context *ctx,
		       struct buf *out);

/* callout.c: a framed run of sibling blocks, from the block that opens it to
 * LAST, which closes it. A callout has KIND (as tools/guide.rng names it) and
 * maybe a TITLE; a <details> its SUMMARY (HTML, not NUL-terminated) and the
 * BODY that follows it in the opening block (up to the closing tag, if there). */
enum frame_type { FRAME_NONE, FRAME_CALLOUT, FRAME_DETAILS };
struct frame {
	enum frame_type type;
	char kind[12];
	char title[128];
	int colons;             /* of a ":::" container; 0 for the others */
	const char *summary, *body;
	size_t summary_len;
	cmark_node *last;
};
/* BLOCK opens a frame that closes before STOP (NULL: the end of its parent). */
int frame_opens(cmark_node *block, cmark_node *stop, struct frame *frame);
/* NODE, a text node that is a whole line, is a ":::" line: FRAME_NONE for
 * a bare one that only closes. */
int callout_marker_line(cmark_node *node, struct frame *frame);
/* The tree's kind for WORD[0,LEN) ("hint": "tip"), or NULL for a word it
 * does not know. */
const char *callout_kind_of(const char *word, size_t len);
/* QUOTE is a GitHub alert; *REST (when given): the inline after its "[!NOTE]". */
int callout_alert(cmark_node *quote, struct frame *frame, cmark_node **rest);

/* mdx.c: a top-level block that is an MDX or VuePress line for the site's
 * build (an import, <TOCInline />, <!-- @include -->, [[toc]], a kramdown
 * "{: .class}" line), left out of the guide with a warning once per kind,
 * before anything reads it. */
enum mdx_kind { MDX_NONE, MDX_ESM, MDX_COMPONENT, MDX_INCLUDE, MDX_TOC, MDX_ATTRIBUTES, MDX_KINDS };
enum mdx_kind mdx_block(cmark_node *block);
/* Takes every such block out of DOCUMENT (warnings name NAME). */
void mdx_leave_out(cmark_node *document, const char *name);

/* admonition.c: TEXT with its admonitions rewritten, line for line, into
 * OUT; OUT left empty when it has none. 0, or -1 when memory ran out. */
int admonitions_rewrite(const char *text, size_t len, struct buf *out);

/* convention.c */
enum heading_kind { HEADING_TOPIC, HEADING_ASKS, HEADING_NAMED, HEADING_REFERENCE };
enum heading_kind heading_kind(cmark_node *heading);
enum heading_kind heading_kind_memo(struct kind_memo *memo, cmark_node *heading);
void kind_memo_free(struct kind_memo *memo);
void census_take(struct heading_census *census, struct kind_memo *memo, cmark_node *first,
		 cmark_node *stop);
int census_level_asks(const struct heading_census *census, int level);
struct scope convention_scope(const struct heading_census *doc,
			      const struct question_rule *rule, struct kind_memo *memo,
			      cmark_node *first, cmark_node *stop, int above,
			      struct heading_census *local);
int question_rule_parse(const char *text, struct question_rule *rule);

/* explain.c: md2guide --explain, how the guide was read, to OUT. */
void explain_plan(const struct plan *plan, const char *lang, FILE *out);
int is_navigation(cmark_node *block);
int is_reveal_details(cmark_node *block);
int is_details_close(cmark_node *block);
/* The block closing the <details> BLOCK opens (and leaves open), nested ones
 * counted, within LIMIT blocks before STOP; NULL when none does. A hidden
 * answer is looked for as far as a frame is (callout.c). */
#define MAX_HIDDEN_BLOCKS 128
cmark_node *details_close_of(cmark_node *block, cmark_node *stop, size_t limit);
/* The line break and closing tags ending PARAGRAPH when they close a
 * <details> ("...the last line.</b></details>"), or the next block does:
 * the frame, not the text. */
cmark_node *details_closing_tail(cmark_node *paragraph);
/* Where the answer of a <details> starts in the HTML AFTER its </summary>:
 * past the line breaks and the <br> and <b> that only frame it. */
const char *details_answer_start(const char *after);
/* Where the answer from START that ends at END (its "</details>") really
 * ends: before the lines of closing tags ("</b>") that only close its frame. */
const char *details_answer_end(const char *start, const char *end);
/* The text the <details> BLOCK holds after its summary, from where the
 * answer starts; NULL when there is none, only framing. */
const char *details_opening_text(cmark_node *block);
int details_summary_asks(cmark_node *block); /* convention.c */
/* The summary of the <details> BLOCK opens, up to *CLOSE (its "</summary>"),
 * or NULL. */
const char *details_summary(cmark_node *block, const char **close);

/* cards.c: what starts a card and where its answer ends. */
int card_starts(cmark_node *block, const struct scope *scope, struct card *card);
int starts_card(cmark_node *block, const struct scope *scope);
/* BLOCK holds a card a row: a question table, a paragraph of "Q::A" lines;
 * ROWS then says how to walk them. */
struct card_rows {
	cmark_node *first;
	int (*card_of)(cmark_node *row, struct card *card);
	cmark_node *(*next)(cmark_node *row);
};
int card_rows(cmark_node *block, const struct scope *scope, struct card_rows *rows);
void card_release(struct card *card);
cmark_node *take_labels(struct card *card, cmark_node *block, cmark_node *stop);
int ends_answer(const struct card *card, cmark_node *block, const struct scope *scope);
void split_prompt(struct card *card);
cmark_node *leading_strong(cmark_node *paragraph, char **text); /* with its text */
char *label_name(const char *text); /* without the trailing colon, malloc'd */
int is_why_or_label(cmark_node *block);
size_t question_prefix(const char *text, char number[17], int *named);
/* Where the text after a leading strong label starts: skips a ':' left
 * outside the strong and the spaces, returning the span of what follows. */
struct inline_span after_label(cmark_node *strong, int *colon_outside);
/* glossary.c: PARAGRAPH is a glossary's entry, "**Term**: what it means" (or "**Term:**",
 * "**Term** - ...", "**Term**" then the meaning on the next line); *REST is
 * the meaning. */
int term_definition(cmark_node *paragraph, struct inline_span *rest);
/* onequestion.c: a guide whose title asks over a first section "TL;DR", with
 * no other question found, is that one card. 0, or -1 out of memory. */
int one_question_take(struct plan *plan);
/* cardtags.c: a "**Tags:** a, b" line ending the answer becomes its tags. */
int take_tags_line(struct card *card);
const char *find_tag(const char *text, const char *tag);

/* ids.c: anchors of headings, keys and anchors of cards. */
int assign_heading_ids(struct plan *plan, struct strmap *seen, cmark_node *root);
/* The tree id a "#ANCHOR" link lands on (as written, %XX-decoded, or in lower
 * case, as GitHub finds it), or NULL. */
const char *anchor_target(const struct plan *plan, const char *anchor);
int finish_cards(struct plan *plan, struct strmap *seen);

/* Helpers shared by the modules (structure.c). */
char *plain_text(cmark_node *first, cmark_node *stop, size_t skip); /* malloc'd */
char *node_text(cmark_node *node); /* the plain text of NODE's children, malloc'd */
/* cards.c: the plain text of PARAGRAPH up to OFFSET bytes into NODE, one of
 * its text nodes ("Is X?" of "Is X? Yes."), malloc'd. */
char *text_up_to(cmark_node *paragraph, cmark_node *node, size_t offset);
char last_char(const char *s);     /* its last non-space character, or 0 */
int is_heading(cmark_node *node);
int heading_level(cmark_node *node);
int is_type(cmark_node *node, const char *type_string);
const char *node_id(cmark_node *node); /* the id a heading was given, or NULL */

#endif
