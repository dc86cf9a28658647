/* htmlsafe: a whitelist filter for raw HTML fragments (see htmlsafe.h). */
#include "htmlsafe.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Longest tag or attribute name worth recognising; longer ones are not HTML. */
#define HTMLSAFE_MAX_NAME 32
/* Longest attribute value kept (a data: URL or worse beyond this). */
#define HTMLSAFE_MAX_VALUE 2048

/* Elements written again as tags; every other one is shown as text. */
static const char *const ALLOWED_ELEMENTS[] = {
	"a", "abbr", "b", "bdi", "blockquote", "br", "caption", "cite", "code", "dd", "del",
	"details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
	"h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt",
	"ruby", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
	"td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
};
static const char *const VOID_ELEMENTS[] = {"br", "hr", "img", "wbr"};

/* element:attribute pairs kept ("*" for any allowed element). */
static const char *const ALLOWED_ATTRIBUTES[] = {
	"*:title", "*:lang", "a:href", "img:src", "img:alt", "img:width", "img:height",
	"td:colspan", "td:rowspan", "th:colspan", "th:rowspan", "ol:start", "time:datetime",
	"details:open",
};

/* Named references beyond the XML five that raw HTML in guides uses. */
static const struct {
	const char *name;
	unsigned long code;
} NAMED[] = {
	{"amp", '&'},       {"lt", '<'},         {"gt", '>'},         {"quot", '"'},
	{"apos", '\''},     {"nbsp", 160},       {"copy", 169},       {"reg", 174},
	{"deg", 176},       {"middot", 183},     {"laquo", 171},      {"raquo", 187},
	{"times", 215},     {"divide", 247},     {"ndash", 8211},     {"mdash", 8212},
	{"lsquo", 8216},    {"rsquo", 8217},     {"ldquo", 8220},     {"rdquo", 8221},
	{"bull", 8226},     {"hellip", 8230},    {"larr", 8592},      {"uarr", 8593},
	{"rarr", 8594},     {"darr", 8595},      {"harr", 8596},      {"trade", 8482},
	{"check", 10003},   {"le", 8804},        {"ge", 8805},        {"ne", 8800},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

static int attribute_allowed(const char *element, const char *attribute)
{
	for (size_t i = 0; i < COUNT(ALLOWED_ATTRIBUTES); i++) {
		const char *pair = ALLOWED_ATTRIBUTES[i];
		const char *colon = strchr(pair, ':');
		size_t elen = (size_t)(colon - pair);
		int element_matches = (elen == 1 && pair[0] == '*') ||
				      (strlen(element) == elen && strncmp(pair, element, elen) == 0);
		if (element_matches && strcmp(colon + 1, attribute) == 0)
			return 1;
	}
	return 0;
}

static int valid_code_point(unsigned long c)
{
	return c > 0 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF) &&
	       (c >= 0x20 || c == '\t' || c == '\n') && c != 0xFFFE && c != 0xFFFF;
}

unsigned long htmlsafe_entity(const char *s, size_t len, size_t *used)
{
	if (len < 3 || s[0] != '&')
		return 0;
	size_t i = 1;
	unsigned long code = 0;
	if (s[1] == '#') {
		int hex = len > 2 && (s[2] == 'x' || s[2] == 'X');
		i = hex ? 3 : 2;
		size_t start = i;
		for (; i < len && i - start < 8 && isxdigit((unsigned char)s[i]); i++) {
			int c = (unsigned char)s[i];
			if (!hex && !isdigit(c))
				break;
			int digit = isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
			code = code * (hex ? 16 : 10) + (unsigned long)digit;
		}
		if (i == start || i >= len || s[i] != ';' || !valid_code_point(code))
			return 0;
		*used = i + 1;
		return code;
	}
	for (; i < len && i <= HTMLSAFE_MAX_NAME && isalnum((unsigned char)s[i]); i++)
		;
	if (i >= len || s[i] != ';')
		return 0;
	for (size_t k = 0; k < COUNT(NAMED); k++) {
		if (strlen(NAMED[k].name) == i - 1 && strncmp(NAMED[k].name, s + 1, i - 1) == 0) {
			*used = i + 1;
			return NAMED[k].code;
		}
	}
	return 0;
}

/* Appends code point C as UTF-8. */
static void put_utf8(struct buf *b, unsigned long c)
{
	char u[4];
	size_t n;
	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	buf_put(b, u, n);
}

void htmlsafe_unescape(struct buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t used;
		unsigned long code = s[i] == '&' ? htmlsafe_entity(s + i, len - i, &used) : 0;
		if (code) {
			put_utf8(out, code);
			i += used - 1;
		} else {
			buf_putc(out, s[i]);
		}
	}
}

int htmlsafe_url_ok(const char *url)
{
	/* Browsers ignore blanks and control characters inside a scheme
	 * ("java\tscript:"), so they are skipped before the scheme is read. */
	char scheme[16];
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p <= 0x20)
			continue;
		if (*p == ':')
			break;
		if (*p == '/' || *p == '?' || *p == '#')
			return 1; /* no scheme: a relative reference */
		if (!isalnum(*p) && *p != '+' && *p != '-' && *p != '.')
			return 1;
		if (n + 1 >= sizeof scheme)
			return 0;
		scheme[n++] = (char)tolower(*p);
	}
	if (!strchr(url, ':'))
		return 1;
	scheme[n] = '\0';
	return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	       strcmp(scheme, "mailto") == 0;
}

/* Escaped text, with character references kept when they are known ones. */
static void put_text(struct buf *out, const char *s, size_t len, unsigned flags)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		size_t used;
		unsigned long code;
		if (c == '&' && (code = htmlsafe_entity(s + i, len - i, &used)) != 0) {
			buf_printf(out, "&#%lu;", code);
			i += used - 1;
		} else if (c == '&') {
			buf_puts(out, "&amp;");
		} else if (c == '<') {
			buf_puts(out, "&lt;");
		} else if (c == '>') {
			buf_puts(out, "&gt;");
		} else if (c == '{' && (flags & HTMLSAFE_BRACES)) {
			buf_puts(out, "&#123;");
		} else if ((unsigned char)c < 0x20 && c != '\t' && c != '\n') {
			buf_puts(out, "\xEF\xBF\xBD");
		} else {
			buf_putc(out, c);
		}
	}
}

/* Reads a name at S (letters, digits, '-', ':', '_'), lower-cased into NAME.
 * Returns its length, 0 when there is none or it is too long. */
static size_t read_name(const char *s, size_t len, char name[HTMLSAFE_MAX_NAME + 1])
{
	size_t n = 0;
	while (n < len && (isalnum((unsigned char)s[n]) || s[n] == '-' || s[n] == ':' || s[n] == '_')) {
		if (n == HTMLSAFE_MAX_NAME)
			return 0;
		name[n] = (char)tolower((unsigned char)s[n]);
		n++;
	}
	name[n] = '\0';
	return n;
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
	while (i < len && isspace((unsigned char)s[i]))
		i++;
	return i;
}

/* One attribute as read from a tag: name and decoded value. */
struct attribute {
	char name[HTMLSAFE_MAX_NAME + 1];
	struct buf value;
};

/* Reads one attribute at S[i]; returns the index after it, or 0 when the tag is
 * malformed. */
static size_t read_attribute(const char *s, size_t len, size_t i, struct attribute *attr)
{
	size_t n = read_name(s + i, len - i, attr->name);
	if (n == 0)
		return 0;
	i = skip_blanks(s, len, i + n);
	if (i >= len || s[i] != '=')
		return i; /* a boolean attribute */
	i = skip_blanks(s, len, i + 1);
	if (i >= len)
		return 0;
	char quote = (s[i] == '"' || s[i] == '\'') ? s[i] : 0;
	size_t start = quote ? i + 1 : i, end = start;
	while (end < len && (quote ? s[end] != quote : !isspace((unsigned char)s[end]) && s[end] != '>'))
		end++;
	if (quote && end >= len)
		return 0;
	htmlsafe_unescape(&attr->value, s + start, end - start);
	return quote ? end + 1 : end;
}

/* Writes one kept attribute, or nothing when it is not allowed or unsafe. */
static void put_attribute(struct buf *out, const char *element, struct attribute *attr,
			  const struct htmlsafe_options *options)
{
	if (!attribute_allowed(element, attr->name) || attr->value.failed ||
	    attr->value.len > HTMLSAFE_MAX_VALUE)
		return;
	const char *value = attr->value.len ? attr->value.data : "";
	int is_url = strcmp(attr->name, "href") == 0 || strcmp(attr->name, "src") == 0;
	if (is_url && !htmlsafe_url_ok(value))
		return;
	if (is_url && strcmp(element, "img") == 0 && options && options->image) {
		value = options->image(options->context, value);
		if (!value)
			return;
	}
	buf_printf(out, " %s=\"", attr->name);
	struct buf escaped;
	buf_init(&escaped);
	buf_xml_attr(&escaped, value, strlen(value));
	/* Braces in attributes matter to Anki's renderer as much as in text. */
	int braces = options && (options->flags & HTMLSAFE_BRACES);
	for (size_t i = 0; i < escaped.len; i++) {
		if (escaped.data[i] == '{' && braces)
			buf_puts(out, "&#123;");
		else
			buf_putc(out, escaped.data[i]);
	}
	buf_free(&escaped);
	buf_putc(out, '"');
}

/* Tries to read a whole tag at S (s[0] == '<'); writes its safe form and
 * returns the bytes used, or 0 when it is not a tag to keep. */
static size_t put_tag(struct buf *out, const char *s, size_t len,
		      const struct htmlsafe_options *options)
{
	char element[HTMLSAFE_MAX_NAME + 1];
	int closing = len > 1 && s[1] == '/';
	size_t i = closing ? 2 : 1;
	size_t n = read_name(s + i, len - i, element);
	if (n == 0 || !isalpha((unsigned char)element[0]) ||
	    !in_list(ALLOWED_ELEMENTS, COUNT(ALLOWED_ELEMENTS), element))
		return 0;
	int is_void = in_list(VOID_ELEMENTS, COUNT(VOID_ELEMENTS), element);
	struct buf tag;
	buf_init(&tag);
	buf_printf(&tag, closing ? "</%s" : "<%s", element);
	i = skip_blanks(s, len, i + n);
	while (i < len && s[i] != '>' && s[i] != '/' && !closing) {
		struct attribute attr;
		buf_init(&attr.value);
		size_t next = read_attribute(s, len, i, &attr);
		if (next)
			put_attribute(&tag, element, &attr, options);
		buf_free(&attr.value);
		if (!next) {
			buf_free(&tag);
			return 0;
		}
		i = skip_blanks(s, len, next);
	}
	if (i < len && s[i] == '/' && !closing)
		i = skip_blanks(s, len, i + 1);
	if (i >= len || s[i] != '>' || (closing && is_void) || tag.failed) {
		buf_free(&tag);
		return 0;
	}
	buf_put(out, tag.data, tag.len);
	buf_puts(out, is_void ? " />" : ">");
	buf_free(&tag);
	return i + 1;
}

void htmlsafe_sanitize(struct buf *out, const char *raw, size_t len,
		       const struct htmlsafe_options *options)
{
	unsigned flags = options ? options->flags : 0;
	size_t i = 0;
	while (i < len) {
		const char *lt = memchr(raw + i, '<', len - i);
		size_t stop = lt ? (size_t)(lt - raw) : len;
		put_text(out, raw + i, stop - i, flags);
		i = stop;
		if (i >= len)
			break;
		/* A comment says nothing to the reader; it is dropped whole. */
		if (len - i >= 4 && memcmp(raw + i, "<!--", 4) == 0) {
			const char *end = NULL;
			for (size_t k = i + 4; k + 3 <= len && !end; k++)
				if (memcmp(raw + k, "-->", 3) == 0)
					end = raw + k;
			i = end ? (size_t)(end - raw) + 3 : len;
			continue;
		}
		size_t used = put_tag(out, raw + i, len - i, options);
		if (used) {
			i += used;
		} else {
			buf_puts(out, "&lt;");
			i++;
		}
	}
}
