/* md2guide: the front end. Reads a Markdown study guide with cmark-gfm and
 * writes the guide tree (XML, tools/guide.rng) that every back end reads.
 *
 *   md2guide [-o FILE] [--lang LANG] [--strict] [--time-limit S] [FILE.md]
 *
 * Stages: sanitize the bytes, parse with cmark-gfm (tables, strikethrough,
 * autolinks, task lists), check limits, find the guide's structure, check its
 * internal links, write the tree whole or not at all. */
#include "md2guide/md2guide.h"
#include "atomic.h"
#include "builddate.h"
#include "cli.h"
#include "diag.h"
#include "input.h"
#include "lang.h"
#include "timelimit.h"

#include <cmark-gfm-core-extensions.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MD2GUIDE_VERSION "0.1"

struct options {
	const char *input;  /* NULL: stdin */
	const char *output; /* NULL: stdout */
	const char *lang;
	const char *source; /* name written into the tree */
	int lang_given;     /* --lang wins over front matter */
	int strict;
	const char *time_limit; /* --time-limit, or NULL */
	const char *questions;  /* --questions RULE, or NULL */
	int explain;            /* --explain: how the guide was read, on stdout */
};

static void usage(FILE *to)
{
	fprintf(to, "usage: md2guide [-o FILE] [--lang LANG] [--source NAME] [--questions RULE]\n"
		    "                [--explain] [--strict] [--time-limit S] [FILE.md]\n"
		    "Reads a Markdown study guide (FILE.md, or standard input) and writes its\n"
		    "guide tree as XML to FILE (or standard output).\n"
		    "  -o, --output FILE   write here (atomically) instead of standard output\n"
		    "      --lang LANG     language of the guide (default: the front matter's,\n"
		    "                      else the one its script or words suggest, else en)\n"
		    "      --questions RULE  which shapes are the questions: heading, heading:N,\n"
		    "                      bold, list, details, label, table (comma-joined), none\n"
		    "      --explain       print how the guide was read (the tree only with -o)\n"
		    "      --source NAME   source name recorded in the tree (default: file name)\n"
		    "      --strict        treat warnings as errors\n"
		    TIMELIMIT_USAGE
		    "  -h, --help          show this help\n"
		    "  -V, --version       show the version\n"
		    "Exit status: 0 ok, 1 error in the input, 2 usage or system error.\n");
}

/* Returns -1 to go on, or the exit status. */
static int parse_options(int argc, char **argv, struct options *opt)
{
	static const struct option longs[] = {
		{"output", required_argument, NULL, 'o'}, {"lang", required_argument, NULL, 'l'},
		{"source", required_argument, NULL, 's'}, {"strict", no_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
		{"time-limit", required_argument, NULL, 'T'},
		{"questions", required_argument, NULL, 'Q'},
		{"explain", no_argument, NULL, 'E'},      {NULL, 0, NULL, 0},
	};
	memset(opt, 0, sizeof *opt);
	opt->lang = "en";
	int c;
	while ((c = cli_getopt(argc, argv, "o:hV", longs)) != -1) {
		switch (c) {
		case 'o': opt->output = optarg; break;
		case 'l': opt->lang = optarg; opt->lang_given = 1; break;
		case 's': opt->source = optarg; break;
		case 'S': opt->strict = 1; break;
		case 'T': opt->time_limit = optarg; break;
		case 'Q': opt->questions = optarg; break;
		case 'E': opt->explain = 1; break;
		case 'h': usage(stdout); return EXIT_OK;
		case 'V': printf("md2guide %s\n", MD2GUIDE_VERSION); return EXIT_OK;
		default: return EXIT_SYSTEM; /* reported by cli_getopt */
		}
	}
	if (argc - optind > 1) {
		cli_usage_error("one input file at most");
		return EXIT_SYSTEM;
	}
	if (!lang_valid(opt->lang)) {
		diag_fatal("'%s' is not a language tag such as en or pt-BR", opt->lang);
		return EXIT_SYSTEM;
	}
	struct question_rule rule;
	if (opt->questions && question_rule_parse(opt->questions, &rule) != 0) {
		diag_fatal("--questions '%s': use heading, heading:N, bold, list, details, label, "
			   "table, several joined by commas, or none", opt->questions);
		return EXIT_SYSTEM;
	}
	opt->input = optind < argc ? argv[optind] : NULL;
	return -1;
}

/* Nesting beyond MD2GUIDE_MAX_DEPTH is refused: every later stage (XML
 * parsers, renderers, e-readers) has a depth limit of its own. */
static int check_depth(cmark_node *document, const char *name)
{
	long line = parse_too_deep_at(document);
	if (line == 0)
		return 0;
	parse_report_too_deep(name, line);
	return -1;
}

/* Where the line after the one P is on starts (cmark-gfm ends a line at
 * "\n", "\r\n" or a lone "\r"), or END. */
static const char *next_line(const char *p, const char *end)
{
	while (p < end && *p != '\n' && *p != '\r')
		p++;
	if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
		p++;
	return p < end ? p + 1 : end;
}

/* The lines of code blocks, read once the first long line of '|' is met,
 * and where the scan has got to: lines and ranges are only ever passed
 * forwards, so all of it is linear. */
struct code_lines {
	int read;
	struct line_range *ranges;
	size_t count, at;
	const char *line_start; /* of line LINE */
	long line;
};

/* Is the line AT is on code? Sets LINES->line to its number. */
static int in_code_block(struct code_lines *lines, const char *text, size_t len, const char *at)
{
	const char *end = text + len;
	for (const char *next = next_line(lines->line_start, end); next <= at && next < end;
	     next = next_line(next, end)) {
		lines->line_start = next;
		lines->line++;
	}
	if (!lines->read) {
		lines->read = 1;
		if (parse_code_lines(text, len, &lines->ranges, &lines->count) != 0)
			return 0; /* without memory, the line is refused as before */
	}
	while (lines->at < lines->count && lines->ranges[lines->at].last < lines->line)
		lines->at++;
	return lines->at < lines->count && lines->ranges[lines->at].first <= lines->line;
}

/* cmark-gfm's table extension takes time quadratic in the cells of one row
 * (5,000 / 10,000 / 20,000 columns: 0.1 / 0.4 / 2 s), so a line with more
 * '|' than a row of the widest table allowed is refused before parsing;
 * but for a line of code, fenced or indented (a regular expression, a shell
 * pipeline), which no table reads. */
static int check_table_width(const char *name, const char *text, size_t len)
{
	/* Jump from '|' to '|' (memchr is fast); count a run of them only while no
	 * line end lies between. */
	const char *end = text + len, *previous = NULL;
	struct code_lines lines = {0, NULL, 0, 0, text, 1};
	size_t pipes = 0;
	int status = 0;
	for (const char *p = memchr(text, '|', len); p; p = memchr(p + 1, '|', (size_t)(end - p - 1))) {
		if (previous && (memchr(previous, '\n', (size_t)(p - previous)) ||
				 memchr(previous, '\r', (size_t)(p - previous))))
			pipes = 0;
		previous = p;
		if (++pipes > MD2GUIDE_MAX_TABLE_COLUMNS + 1 &&
		    in_code_block(&lines, text, len, p)) {
			p = next_line(p, end) - 1; /* the line end: on to the next line */
			pipes = 0;
		} else if (pipes > MD2GUIDE_MAX_TABLE_COLUMNS + 1) {
			diag_error(name, lines.line, "more than %d '|' on one line: a table may have "
						     "at most %d columns; split the table",
				   MD2GUIDE_MAX_TABLE_COLUMNS + 1, MD2GUIDE_MAX_TABLE_COLUMNS);
			status = -1;
			break;
		}
		if (p + 1 >= end)
			break;
	}
	free(lines.ranges);
	return status;
}

/* Internal links must land on an anchor of this guide. One that does not is
 * reported here, at its line, and md2guide writes its text without the link,
 * so the back ends have nothing left to report about it. */
static void check_link(const struct plan *plan, const char *url, long line)
{
	if (url && url[0] == '#' && !anchor_target(plan, url + 1))
		diag_warning(plan->display_name, line,
			     "link to '%s', but no heading or question has that anchor", url);
}

/* The Markdown links and inline <a href> tags of DOCUMENT, whose line 1 is
 * line FIRST_LINE of the guide. */
static void check_links_in(const struct plan *plan, cmark_node *document, long first_line)
{
	cmark_iter *iter = cmark_iter_new(document);
	cmark_event_type event;
	long block_line = 0;
	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		if (event != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_start_line(node) > 0)
			block_line = cmark_node_get_start_line(node) + first_line - 1;
		if (cmark_node_get_type(node) == CMARK_NODE_LINK) {
			check_link(plan, cmark_node_get_url(node), block_line);
		} else if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE) {
			struct html_tag tag;
			if (inline_html_tag(cmark_node_get_literal(node), &tag) != 0)
				continue;
			const char *element = inline_html_element(tag.name);
			if (!tag.closing && element && strcmp(element, "link") == 0)
				check_link(plan, tag.href, block_line);
			inline_html_tag_free(&tag);
		}
	}
	cmark_iter_free(iter);
}

/* The guide's own text, then the <details> bodies parsed apart. (Links in
 * HTML blocks are checked as the blocks are converted, in htmlblock.c.) */
static void check_links(const struct plan *plan)
{
	check_links_in(plan, plan->document, 1);
	for (size_t s = 0; s < plan->section_count; s++)
		for (size_t p = 0; p < plan->sections[s].part_count; p++) {
			const struct card *card = plan->sections[s].parts[p].card;
			if (card && card->details_doc)
				check_links_in(plan, card->details_doc, card->details_line);
		}
}

/* When the source was last changed, for the tree's meta/date: what a back
 * end reading the tree from a pipe prints as the guide's date. Clamped to
 * SOURCE_DATE_EPOCH, so a reproducible build gives the same tree whatever
 * the checkout's file times. None for standard input. */
static int source_date(const char *input, char date[21])
{
	date[0] = '\0';
	long long epoch = 0;
	int given = builddate_epoch(&epoch);
	struct stat st;
	if (given < 0)
		return -1;
	if (!input || strcmp(input, "-") == 0 || stat(input, &st) != 0 || st.st_mtime <= 0)
		return 0;
	long long seconds = (long long)st.st_mtime;
	if (given && epoch < seconds)
		seconds = epoch;
	if (builddate_iso(seconds, date) != 0)
		date[0] = '\0';
	return 0;
}

/* The --explain report, with the reason when standard output fails (a full
 * disk, a closed pipe). */
static int explain_to_stdout(const struct plan *plan, const char *lang)
{
	errno = 0;
	explain_plan(plan, lang, stdout);
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	diag_fatal("cannot write to standard output: %s",
		   errno ? strerror(errno) : "write error");
	return -1;
}

static char *stem_of(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t len = strlen(base);
	if (len > 3 && strcmp(base + len - 3, ".md") == 0)
		len -= 3;
	return strndup(base, len);
}

/* Everything that can fail on the input has been checked before this but the
 * pieces of a <details> block parsed as it is written (one may nest too
 * deep): the tree goes to a temporary file, renamed at the end. */
static int write_tree(const struct options *opt, const char *lang, const struct plan *plan)
{
	struct atomic_file out;
	if (atomic_open(&out, opt->output) != 0)
		return EXIT_SYSTEM;
	struct buf piece;
	buf_init(&piece);
	errno = 0;
	parse_pieces_reset(); /* those of the plan are reported */
	int written = emit_guide(plan, lang, &piece, out.stream);
	const char *why = written == -1 ? "out of memory" : errno ? strerror(errno) : "write error";
	buf_free(&piece);
	if (parse_report_pieces(plan->document, plan->display_name) != 0) {
		atomic_abort(&out);
		return EXIT_INPUT;
	}
	if (written != 0 && atomic_is_stdout(opt->output))
		diag_fatal("cannot write to standard output: %s", why);
	else if (written != 0)
		diag_error(opt->output, 0, "cannot write the tree: %s", why);
	if (written != 0) {
		atomic_abort(&out);
		return EXIT_SYSTEM;
	}
	return atomic_commit(&out) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

#define LANG_SAMPLE_BYTES ((size_t)256 << 10)

/* The language the main script of the guide's prose suggests, or in the
 * Latin script its commonest words (code, addresses and HTML left out: they
 * are Latin, and English, in a guide in any language), when no option or
 * front matter says; DEFAULT when that is English or the text cannot be
 * read. Says so in a warning when it is another. */
static const char *detected_lang(cmark_node *document, const char *name, const char *fallback)
{
	struct buf prose;
	buf_init(&prose);
	cmark_iter *iter = cmark_iter_new(document);
	cmark_event_type event;
	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_TEXT) {
			buf_puts(&prose, cmark_node_get_literal(node));
			buf_puts(&prose, " "); /* words of two blocks stay two */
		}
		if (prose.len > LANG_SAMPLE_BYTES)
			break; /* the first pages of prose say the script as well as all */
	}
	cmark_iter_free(iter);
	int by_words = 0;
	const char *lang = prose.data && !prose.failed
				   ? lang_of_text(prose.data, prose.len, &by_words) : "en";
	buf_free(&prose);
	if (strcmp(lang, "en") == 0)
		return fallback;
	if (by_words)
		diag_warning(name, 0, "no language given: most of the text's common words are "
				      "'%s', so that is the guide's lang (set it with --lang or lang: "
				      "in the front matter)", lang);
	else
		diag_warning(name, 0, "no language given: most of the text is in the script of "
				      "'%s', so that is the guide's lang (set it with --lang or lang: "
				      "in the front matter)", lang);
	return lang;
}

/* Takes TEXT: it is freed as soon as cmark-gfm has parsed it (the front
 * matter's values are copies), which keeps it out of the peak. */
static int convert(const struct options *opt, const char *name, char *text, size_t len)
{
	struct frontmatter front;
	frontmatter_take(name, text, len, &front);
	/* After the front matter is blanked: it is no Markdown to the parser. */
	if (check_table_width(name, text, len) != 0) {
		free(text);
		frontmatter_free(&front);
		return EXIT_INPUT;
	}
	const char *lang = opt->lang;
	int lang_known = opt->lang_given;
	if (!opt->lang_given && front.lang) {
		if (lang_valid(front.lang)) {
			lang = front.lang;
			lang_known = 1;
		} else {
			diag_warning(name, 0, "front matter lang '%s' is not a language tag; "
					      "using %s", front.lang, lang);
		}
	}
	cmark_node *document = parse_document(text, len, name);
	if (document && !lang_known)
		lang = detected_lang(document, name, lang);
	free(text);
	if (!document) {
		diag_error(name, 0, "out of memory while parsing");
		frontmatter_free(&front);
		return EXIT_SYSTEM;
	}
	struct plan plan;
	memset(&plan, 0, sizeof plan);
	plan.display_name = name;
	plan.source_name = opt->source ? opt->source : opt->input ? opt->input : "stdin";
	const char *base = strrchr(plan.source_name, '/');
	if (!opt->source && base)
		plan.source_name = base + 1;
	plan.front = &front;
	const char *rule = opt->questions ? opt->questions : front.questions_rule;
	if (rule)
		question_rule_parse(rule, &plan.rule); /* checked before: options, front matter */
	plan.title_fallback = front.title ? strdup(front.title) : stem_of(plan.source_name);
	if (source_date(opt->input, plan.date) != 0) {
		free(plan.title_fallback);
		cmark_node_free(document);
		frontmatter_free(&front);
		return EXIT_SYSTEM;
	}
	int status = EXIT_INPUT;
	parse_pieces_reset();
	if (plan.title_fallback && check_depth(document, name) == 0 &&
	    plan_build(&plan, document) == 0 && parse_report_pieces(document, name) == 0) {
		check_links(&plan);
		if (opt->explain && explain_to_stdout(&plan, lang) != 0)
			status = EXIT_SYSTEM;
		else if (diag_error_count() == 0)
			status = opt->explain && !opt->output ? EXIT_OK : write_tree(opt, lang, &plan);
	}
	plan_free(&plan);
	cmark_node_free(document);
	frontmatter_free(&front);
	return status;
}

int main(int argc, char **argv)
{
	diag_set_program("md2guide");
	struct options opt;
	int status = parse_options(argc, argv, &opt);
	if (status >= 0)
		return status;
	diag_set_strict(opt.strict);
	const char *name = opt.input && strcmp(opt.input, "-") != 0 ? opt.input : "<stdin>";
	if (timelimit_arm(opt.input, opt.time_limit) != 0)
		return EXIT_SYSTEM;
	char *data = NULL, *text = NULL;
	size_t len = 0, text_len = 0;
	if (input_read(opt.input, name, MD2GUIDE_MAX_INPUT, &data, &len) != 0)
		return EXIT_SYSTEM;
	cmark_gfm_core_extensions_ensure_registered();
	if (sanitize_input(name, data, len, &text, &text_len) != 0) {
		status = EXIT_INPUT;
		if (text != data)
			free(text);
		free(data);
	} else {
		if (text != data)
			free(data); /* TEXT is a repaired copy */
		status = convert(&opt, name, text, text_len);
	}
	if (status == EXIT_OK && diag_error_count() > 0)
		status = EXIT_INPUT;
	return status;
}
