/* inlinehtml: the inline HTML that GitHub-flavoured guides write (<b>, <code>,
 * <br/>, <a href>, <img>), read as tags: which element of the tree each one
 * stands for, and the attributes the tree keeps (href, src, alt, an image's
 * width and height). Tags are
 * read one cmark inline node at a time; emit.c pairs openings with closings.
 *
 * Only a whitelist becomes elements; every other tag is dropped and its text
 * kept. Never trusts an attribute: values are entity-decoded here, and
 * whether a URL may be followed is for the back ends (htmlsafe) to say. */
#include "md2guide.h"
#include "htmlsafe.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Tag names and the element of the tree they become: "" keeps the text and
 * drops the tag on purpose (no element for it yet), NULL means unknown. */
static const struct {
	const char *tag;
	const char *element;
} ELEMENTS[] = {
	{"b", "strong"},   {"strong", "strong"}, {"i", "em"},       {"em", "em"},
	{"cite", "em"},    {"var", "em"},        {"dfn", "em"},     {"code", "code"},
	{"kbd", "code"},   {"samp", "code"},     {"tt", "code"},    {"s", "del"},
	{"del", "del"},    {"strike", "del"},    {"a", "link"},     {"img", "img"},
	{"br", "br"},      {"wbr", ""},          {"u", ""},         {"ins", ""},
	{"mark", ""},      {"small", ""},        {"big", ""},       {"sub", ""},
	{"sup", ""},       {"span", ""},         {"font", ""},      {"abbr", ""},
	{"q", ""},         {"time", ""},         {"nobr", ""},      {"picture", ""},
	{"source", ""},    {"summary", ""},      {"details", ""},   {"p", ""},
	{"div", ""},       {"center", ""},       {"h1", ""},        {"h2", ""},
	{"h3", ""},        {"h4", ""},           {"h5", ""},        {"h6", ""},
};

const char *inline_html_element(const char *tag)
{
	for (size_t i = 0; i < sizeof ELEMENTS / sizeof *ELEMENTS; i++)
		if (strcasecmp(tag, ELEMENTS[i].tag) == 0)
			return ELEMENTS[i].element;
	return NULL;
}

/* The value of attribute NAME in the tag's text [P, END), decoded; NULL when
 * it is not there. malloc'd. */
static char *attribute(const char *p, const char *end, const char *name)
{
	size_t len = strlen(name);
	for (; p < end; p++) {
		if (!isspace((unsigned char)p[-1]) || strncasecmp(p, name, len) != 0)
			continue;
		const char *v = p + len;
		while (v < end && isspace((unsigned char)*v))
			v++;
		if (v >= end || *v != '=')
			continue;
		for (v++; v < end && isspace((unsigned char)*v); v++)
			;
		char quote = v < end && (*v == '"' || *v == '\'') ? *v++ : 0;
		const char *stop = v;
		while (stop < end && (quote ? *stop != quote : !isspace((unsigned char)*stop) &&
							     *stop != '>' && *stop != '/'))
			stop++;
		struct buf out;
		buf_init(&out);
		htmlsafe_unescape(&out, v, (size_t)(stop - v));
		if (out.failed) {
			buf_free(&out);
			return NULL;
		}
		return out.data ? out.data : strdup("");
	}
	return NULL;
}

void inline_html_length(const char *value, char out[8])
{
	out[0] = '\0';
	if (!value)
		return;
	while (isspace((unsigned char)*value))
		value++;
	size_t digits = strspn(value, "0123456789");
	const char *unit = value + digits;
	size_t unit_len = strlen(unit);
	while (unit_len > 0 && isspace((unsigned char)unit[unit_len - 1]))
		unit_len--;
	int percent = unit_len == 1 && *unit == '%';
	int pixels = unit_len == 0 || (unit_len == 2 && strncasecmp(unit, "px", 2) == 0);
	if (digits == 0 || digits > 5 || value[0] == '0' || (!percent && !pixels))
		return; /* "auto", "12em", "1.5": no size to honour */
	memcpy(out, value, digits);
	if (percent)
		out[digits++] = '%';
	out[digits] = '\0';
}

static void image_length(const char *p, const char *end, const char *name, char out[8])
{
	char *value = attribute(p, end, name);
	inline_html_length(value, out);
	free(value);
}

/* Reads LITERAL, one inline HTML node, as a tag. 0 when it is one (TAG
 * filled), -1 for anything else: a comment, a processing instruction,
 * CDATA, a declaration. */
int inline_html_tag(const char *literal, struct html_tag *tag)
{
	memset(tag, 0, sizeof *tag);
	const char *p = literal;
	if (*p++ != '<')
		return -1;
	if (*p == '/') {
		tag->closing = 1;
		p++;
	}
	size_t len = 0;
	while (isalnum((unsigned char)p[len]) || p[len] == '-')
		len++;
	if (len == 0 || len >= sizeof tag->name)
		return -1;
	memcpy(tag->name, p, len);
	tag->name[len] = '\0';
	const char *end = literal + strlen(literal);
	tag->self_closing = end - literal >= 2 && end[-1] == '>' && end[-2] == '/';
	if (!tag->closing) {
		tag->href = attribute(p + len, end, "href");
		tag->src = attribute(p + len, end, "src");
		tag->alt = attribute(p + len, end, "alt");
		image_length(p + len, end, "width", tag->width);
		image_length(p + len, end, "height", tag->height);
	}
	return 0;
}

void inline_html_tag_free(struct html_tag *tag)
{
	free(tag->href);
	free(tag->src);
	free(tag->alt);
	memset(tag, 0, sizeof *tag);
}
