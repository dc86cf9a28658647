/* tree: safe loading and schema validation of the guide tree (its code's
 * token runs checked by treetokens.c). */
#include "tree.h"
#include "treefold.h"
#include "treetokens.h"
#include "codetheme.h"
#include "diag.h"
#include "input.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct load_context {
	const char *name; /* file name used in messages */
};

/* libxml2 reports through callbacks; turn each into one diagnostic line. */
static void report_xml_error(void *data, xmlErrorPtr err)
{
	const struct load_context *ctx = data;
	if (!err || err->level == XML_ERR_WARNING)
		return;
	char message[512];
	snprintf(message, sizeof message, "%s", err->message ? err->message : "malformed XML");
	size_t len = strlen(message);
	while (len > 0 && (message[len - 1] == '\n' || message[len - 1] == ' '))
		message[--len] = '\0';
	diag_error(ctx->name, err->line, "%s", message);
}

/* Deeper than any tree md2guide writes (it caps nesting well below this); a
 * deeper one is hostile or broken, and would only cost stack further on. */
#define TREE_MAX_DEPTH 400

static int depth_ok(const xmlNode *root, const char *name)
{
	/* An explicit walk, not recursion: the point is to survive hostile depth. */
	const xmlNode *node = root;
	int depth = 1;
	for (;;) {
		if (node->children) {
			node = node->children;
			if (++depth > TREE_MAX_DEPTH) {
				diag_error(name, xmlGetLineNo((xmlNode *)node),
					   "tree is nested deeper than %d levels", TREE_MAX_DEPTH);
				return 0;
			}
			continue;
		}
		while (node != root && !node->next) {
			node = node->parent;
			depth--;
		}
		if (node == root)
			return 1;
		node = node->next;
	}
}

static xmlDocPtr parse_document(const char *data, size_t len, struct load_context *ctx)
{
	/* NONET: never fetch anything. No NOENT and no DTDLOAD: entities are not
	 * expanded and no external DTD is read (XXE). HUGE only lifts the 10 MB limit
	 * on one text node, which a long code block can reach; depth is checked below. */
	int options = XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOCDATA;
	/* Code token runs are folded into their blocks' text as they are read
	 * (treefold.h). A tree with a run that cannot be, or any error, is read
	 * again as it stands, runs and all, for libxml2 and treetokens.c to say
	 * what is wrong: the first read reports nothing. */
	int irregular = 0;
	xmlDocPtr doc = treefold_read(data, len, ctx->name, options, &irregular);
	if (!doc && irregular)
		doc = xmlReadMemory(data, (int)len, ctx->name, "UTF-8", options);
	if (!doc) {
		if (diag_error_count() == 0)
			diag_error(ctx->name, 0, "not a well-formed XML document");
		return NULL;
	}
	if (doc->intSubset || doc->extSubset) {
		diag_error(ctx->name, 1, "the guide tree must not have a DOCTYPE");
		tree_free(doc);
		return NULL;
	}
	return doc;
}

static int check_root(xmlDocPtr doc, const char *name)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || !tree_is(root, "guide") || root->ns) {
		diag_error(name, root ? xmlGetLineNo(root) : 1,
			   "not a guide tree (the root element must be <guide>); "
			   "make one with md2guide");
		return -1;
	}
	const char *version = tree_attr(root, "version");
	if (!version || strcmp(version, TREE_VERSION) != 0) {
		diag_error(name, xmlGetLineNo(root),
			   "guide tree version '%s' is not supported (this tool reads version %s); "
			   "rebuild it with the md2guide of this release",
			   version ? version : "(none)", TREE_VERSION);
		return -1;
	}
	return depth_ok(root, name) ? 0 : -1;
}

static int validate(xmlDocPtr doc, struct load_context *ctx)
{
	xmlRelaxNGParserCtxtPtr schema_parser =
		xmlRelaxNGNewMemParserCtxt((const char *)guide_rng, (int)guide_rng_len);
	xmlRelaxNGPtr schema = schema_parser ? xmlRelaxNGParse(schema_parser) : NULL;
	xmlRelaxNGValidCtxtPtr valid = schema ? xmlRelaxNGNewValidCtxt(schema) : NULL;
	int status = -1;
	if (!valid) {
		diag_error(ctx->name, 0, "internal error: the built-in schema does not load");
	} else {
		xmlRelaxNGSetValidStructuredErrors(valid, report_xml_error, ctx);
		if (xmlRelaxNGValidateDoc(valid, doc) == 0)
			status = 0;
		else if (diag_error_count() == 0)
			diag_error(ctx->name, 0, "the tree does not match the guide schema");
	}
	xmlRelaxNGFreeValidCtxt(valid);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(schema_parser);
	return status;
}

/* Text that cannot be XML: its first character (after a byte order mark and
 * blanks) is not '<', and no NUL byte in its first 4 KiB says binary. Most
 * often the Markdown itself given to a back end, to which libxml2 would only
 * say "Start tag expected". */
static int looks_like_text(const char *data, size_t len)
{
	size_t at = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (at < len && strchr(" \t\r\n", data[at]) && data[at])
		at++;
	return at < len && data[at] != '<' && !memchr(data, '\0', len < 4096 ? len : 4096);
}

xmlDocPtr tree_load(const char *path, int *exit_status)
{
	struct load_context ctx = {path && strcmp(path, "-") != 0 ? path : "<stdin>"};
	char *data = NULL;
	size_t len = 0;
	*exit_status = EXIT_SYSTEM;
	if (input_read(path, ctx.name, TREE_MAX_BYTES, &data, &len) != 0)
		return NULL;
	*exit_status = EXIT_INPUT;
	if (len == 0) {
		diag_error(ctx.name, 0, "empty input; expected a guide tree from md2guide");
		free(data);
		return NULL;
	}
	if (looks_like_text(data, len)) {
		diag_error(ctx.name, 0, "this is Markdown, not a guide tree: run md2guide first");
		free(data);
		return NULL;
	}
	xmlSetStructuredErrorFunc(&ctx, report_xml_error);
	xmlDocPtr doc = parse_document(data, len, &ctx);
	free(data);
	/* The code's token runs are checked apart and held out of validation:
	 * see treetokens.h. */
	struct tree_tokens runs;
	if (doc && (check_root(doc, ctx.name) != 0 || tree_tokens_hold(doc, ctx.name, &runs) != 0)) {
		tree_free(doc);
		doc = NULL;
	}
	if (doc) {
		int valid = validate(doc, &ctx) == 0;
		tree_tokens_restore(&runs);
		if (!valid) {
			tree_free(doc);
			doc = NULL;
		}
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	return doc;
}

const char *tree_attr(const xmlNode *node, const char *name)
{
	for (const xmlAttr *attr = node->properties; attr; attr = attr->next) {
		if (strcmp((const char *)attr->name, name) == 0 && attr->children &&
		    attr->children->type == XML_TEXT_NODE)
			return (const char *)attr->children->content;
		if (strcmp((const char *)attr->name, name) == 0)
			return "";
	}
	return NULL;
}

long tree_line(const xmlNode *node)
{
	for (; node && node->type == XML_ELEMENT_NODE; node = node->parent) {
		const char *line = tree_attr(node, "line");
		if (line)
			return strtol(line, NULL, 10);
	}
	return 0;
}

int tree_is(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)node->name, name) == 0;
}

xmlNode *tree_first(const xmlNode *parent)
{
	xmlNode *child = parent ? parent->children : NULL;
	while (child && child->type != XML_ELEMENT_NODE)
		child = child->next;
	return child;
}

xmlNode *tree_next(const xmlNode *node)
{
	xmlNode *next = node ? node->next : NULL;
	while (next && next->type != XML_ELEMENT_NODE)
		next = next->next;
	return next;
}

xmlNode *tree_child(const xmlNode *parent, const char *name)
{
	for (xmlNode *child = tree_first(parent); child; child = tree_next(child))
		if (tree_is(child, name))
			return child;
	return NULL;
}

const char *tree_source(const xmlDoc *doc)
{
	const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);
	const char *source = root ? tree_attr(root, "source") : NULL;
	return source ? source : "<guide>";
}

/* Days from 1970-01-01 to Y-M-D of the proleptic Gregorian calendar (the
 * inverse of gmtime, which C11 and POSIX lack: timegm is an extension). */
static long long days_from_civil(long long y, int m, int d)
{
	y -= m <= 2;
	long long era = y / 400;
	long long year_of_era = y - era * 400;
	long long day_of_year = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + day_of_era - 719468;
}

int tree_date(const xmlDoc *doc, long long *seconds)
{
	const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);
	char *text = tree_plain_text(tree_child(tree_child(root, "meta"), "date"));
	int year, month, day, hour, minute, second, end = 0;
	int parsed = text && sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &year, &month, &day,
				    &hour, &minute, &second, &end) == 6 &&
		     text[end] == '\0';
	free(text);
	static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!parsed || year < 1970 || month < 1 || month > 12 || day < 1 ||
	    day > month_days[month - 1] || hour > 23 || minute > 59 || second > 59)
		return -1;
	*seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
	return 0;
}

char *tree_plain_text(const xmlNode *node)
{
	xmlChar *content = xmlNodeGetContent(node);
	if (!content)
		return NULL;
	char *text = strdup((const char *)content);
	xmlFree(content);
	return text;
}

static int code_piece(const xmlNode *text, const char *kind, tree_code_fn fn, void *ctx)
{
	if ((text->type != XML_TEXT_NODE && text->type != XML_CDATA_SECTION_NODE) || !text->content)
		return 0;
	const char *s = (const char *)text->content;
	return fn(ctx, kind, s, strlen(s));
}

void tree_free(xmlDocPtr doc)
{
	treefold_free(doc);
}

/* A folded block's runs: its text cut where the kind of a byte changes. */
static int folded_runs(const xmlNode *codeblock, const unsigned char *kinds, size_t len,
		       tree_code_fn fn, void *ctx)
{
	char *text = tree_code_text(codeblock);
	if (!text)
		return -1;
	int status = 0;
	size_t have = strlen(text);
	if (have != len) /* not the text the kinds were read with: plain */
		status = fn(ctx, NULL, text, have);
	for (size_t at = 0, end; have == len && at < len && !status; at = end) {
		for (end = at + 1; end < len && kinds[end] == kinds[at]; end++)
			;
		status = fn(ctx, kinds[at] ? code_kind_name(kinds[at] - 1) : NULL, text + at, end - at);
	}
	free(text);
	return status;
}

/* A validated codeblock holds text and `t` elements of text only, or its
 * runs were folded into its text as the tree was read. */
int tree_code_runs(const xmlNode *codeblock, tree_code_fn fn, void *ctx)
{
	size_t folded_len = 0;
	const unsigned char *folded = treefold_kinds(codeblock, &folded_len);
	if (folded)
		return folded_runs(codeblock, folded, folded_len, fn, ctx);
	int status = 0;
	for (const xmlNode *n = codeblock ? codeblock->children : NULL; n && !status; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) {
			status = code_piece(n, NULL, fn, ctx);
			continue;
		}
		const char *kind = tree_attr(n, "k");
		for (const xmlNode *text = n->children; text && !status; text = text->next)
			status = code_piece(text, kind, fn, ctx);
	}
	return status;
}

/* Appends TEXT's content to *OUT (grown as needed): 0, or -1. */
static int add_code_text(const xmlNode *text, char **out, size_t *len, size_t *cap)
{
	if ((text->type != XML_TEXT_NODE && text->type != XML_CDATA_SECTION_NODE) || !text->content)
		return 0;
	size_t n = strlen((const char *)text->content);
	if (*len + n + 1 > *cap) {
		size_t grown = (*len + n + 1) * 2;
		char *bigger = realloc(*out, grown);
		if (!bigger)
			return -1;
		*out = bigger;
		*cap = grown;
	}
	memcpy(*out + *len, text->content, n);
	*len += n;
	return 0;
}

char *tree_code_text(const xmlNode *codeblock)
{
	size_t len = 0, cap = 256;
	char *out = malloc(cap);
	int status = out ? 0 : -1;
	for (const xmlNode *n = codeblock ? codeblock->children : NULL; n && !status; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			status = add_code_text(n, &out, &len, &cap);
		for (const xmlNode *t = n->type == XML_ELEMENT_NODE ? n->children : NULL; t && !status;
		     t = t->next)
			status = add_code_text(t, &out, &len, &cap);
	}
	if (status != 0) {
		free(out);
		return NULL;
	}
	out[len] = '\0';
	return out;
}

char *tree_card_title(const xmlNode *card)
{
	char *question = tree_plain_text(tree_child(card, "question"));
	const char *number = tree_attr(card, "number");
	if (!question || !number)
		return question;
	size_t need = strlen(question) + strlen(number) + 4;
	char *title = malloc(need);
	if (title)
		snprintf(title, need, "Q%s. %s", number, question);
	free(question);
	return title;
}

/* The kind of each byte of a code block's text, from its token runs. */
struct kind_fill {
	unsigned char *kinds;
	size_t at, len;
	int any;
};

static int fill_kinds(void *ctx, const char *kind, const char *text, size_t len)
{
	(void)text;
	struct kind_fill *fill = ctx;
	int index = code_kind_index(kind);
	if (len > fill->len - fill->at)
		return -1; /* not the text the caller has: draw it plain */
	memset(fill->kinds + fill->at, index + 1, len);
	fill->at += len;
	fill->any |= index >= 0;
	return 0;
}

unsigned char *tree_code_kinds(const xmlNode *codeblock, size_t len)
{
	size_t folded_len = 0;
	const unsigned char *folded = treefold_kinds(codeblock, &folded_len);
	if (folded) {
		/* Any run, and of the caller's text: it was read with the tree. */
		unsigned char *kinds = folded_len == len ? malloc(len + 1) : NULL;
		if (kinds)
			memcpy(kinds, folded, len);
		return kinds;
	}
	struct kind_fill fill = {malloc(len + 1), 0, len, 0};
	if (fill.kinds && tree_code_runs(codeblock, fill_kinds, &fill) == 0 && fill.at == len &&
	    fill.any)
		return fill.kinds;
	free(fill.kinds);
	return NULL;
}
