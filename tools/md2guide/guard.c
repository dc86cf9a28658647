/* guard: the Markdown that Debian's cmark-gfm (0.29.0.gfm.6, without the
 * later upstream fixes) parses in quadratic time, made linear before it is
 * parsed, keeping the text. Each slow pattern is a character that makes
 * cmark-gfm scan to the end of the paragraph or of a word, again and again:
 *
 *   - "<?", "<!X", "<![CDATA[" with no "?>", ">", "]]>" before the paragraph
 *     can end (a blank line): each is raw HTML that cannot close, and each
 *     is scanned for its close;
 *   - "www." repeated inside one run of host characters ("www.a_b_www.a_b_"):
 *     the autolink extension checks the domain from each to the run's end;
 *   - a web address that ends in many ')': the extension recounts the whole
 *     address for every ')' it drops.
 *
 * Such a character is replaced by a stand-in of the same class for the
 * parser (punctuation for '<' and ':', a letter for 'w') that occurs nowhere
 * in the input, and guard_restore() puts the original back into every string
 * of the parsed document. The first GUARD_FREE of each are left alone, so an
 * ordinary guide is never touched. For the first two the result is the
 * document cmark-gfm would have built; only the third changes it: the address
 * stays text instead of becoming a link, with a warning. Never changes a line
 * end, so line numbers stay right. The CPU-time budget (tools/lib/timelimit.c)
 * covers what this does not know. */
#include "md2guide.h"
#include "diag.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#ifndef GUARD_FREE
#define GUARD_FREE 16 /* occurrences that cost little, left as they are */
#endif

enum { STAND_LT, STAND_COLON, STAND_W };

static const char ORIGINAL[GUARD_KINDS] = {'<', ':', 'w'};

/* ---- stand-ins ------------------------------------------------------------- */

/* The first NEEDLE (a few bytes) in HAY, or NULL: memchr for its first byte,
 * so linear for the short needles used here. */
static const char *find(const char *hay, size_t len, const char *needle, size_t n)
{
	const char *end = hay + len;
	for (const char *p = memchr(hay, needle[0], len); p && (size_t)(end - p) >= n;
	     p = memchr(p + 1, needle[0], (size_t)(end - p - 1)))
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

static void encode(char out[4], utf8proc_int32_t c)
{
	utf8proc_ssize_t n = utf8proc_encode_char(c, (utf8proc_uint8_t *)out);
	out[n] = '\0';
}

/* A code point for KIND absent from TEXT and unlike the others: cmark-gfm
 * reads U+2E00..U+2E2E as punctuation and the private-use U+E000.. as a
 * letter. Returns 0, or -1 when the input holds every candidate. */
static int choose_stand_in(struct guard *g, int kind, const char *text, size_t len)
{
	utf8proc_int32_t first = kind == STAND_W ? 0xE000 : 0x2E00;
	for (utf8proc_int32_t c = first; c < first + 0x2F; c++) {
		char utf8[4];
		encode(utf8, c);
		int taken = find(text, len, utf8, 3) != NULL;
		for (int other = 0; other < GUARD_KINDS; other++)
			taken |= strcmp(g->stand_in[other], utf8) == 0;
		if (!taken) {
			memcpy(g->stand_in[kind], utf8, 4);
			return 0;
		}
	}
	return -1;
}

/* ---- the scan ---------------------------------------------------------------- */

struct scan {
	const char *text;
	size_t len;
	const char *name; /* NULL: no warnings */
	struct buf *out;
	struct guard *guard;
	size_t copied;     /* TEXT[0, copied) is in OUT */
	size_t blank_at;   /* start of the next blank line, or len */
	size_t closer_at[3];
	size_t html_count[3];
	size_t address_scanned; /* TEXT[0, address_scanned) looked at for: */
	int in_address;    /* the current word holds a web address */
	size_t *words;     /* [start, end) pairs of words with many ')' */
	size_t word_count;
	size_t lost_links;
	size_t first_lost;
};

/* Replaces TEXT[at] by the stand-in of KIND. */
static void stand_in(struct scan *s, size_t at, int kind)
{
	if (at < s->copied)
		return; /* already part of a word whose addresses are text */
	buf_put(s->out, s->text + s->copied, at - s->copied);
	buf_puts(s->out, s->guard->stand_in[kind]);
	s->copied = at + 1;
	s->guard->active = 1;
}

static int is_blank_line(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p >= end || *p == '\n';
}

/* Start of the first blank line after AT (a paragraph cannot go past it). */
static size_t next_blank(struct scan *s, size_t at)
{
	if (s->blank_at != (size_t)-1 && s->blank_at > at)
		return s->blank_at;
	const char *end = s->text + s->len;
	const char *p = memchr(s->text + at, '\n', s->len - at);
	while (p && !is_blank_line(p + 1, end))
		p = memchr(p + 1, '\n', (size_t)(end - p - 1));
	s->blank_at = p ? (size_t)(p + 1 - s->text) : s->len;
	return s->blank_at;
}

/* Position of the next CLOSER at or after AT (cached per kind: the scan
 * only moves forward, so each byte is searched once). */
static size_t next_closer(struct scan *s, int which, const char *closer, size_t at)
{
	if (s->closer_at[which] != (size_t)-1 && s->closer_at[which] >= at)
		return s->closer_at[which];
	const char *found = find(s->text + at, s->len - at, closer, strlen(closer));
	s->closer_at[which] = found ? (size_t)(found - s->text) : s->len;
	return s->closer_at[which];
}

/* A byte of what may open a line before a block: blanks, quote and list marks. */
static int is_container_mark(char c)
{
	return c == ' ' || c == '\t' || c == '>' || c == '*' || c == '+' || c == '-' ||
	       (c >= '0' && c <= '9') || c == '.' || c == ')';
}

/* Could '<' at AT start a block or a link destination? Only when nothing
 * but container marks comes before it on its line, or it follows '(' or
 * ':'. Those are left alone. */
static int may_start_something(const struct scan *s, size_t at)
{
	size_t i = at;
	while (i > 0 && (s->text[i - 1] == ' ' || s->text[i - 1] == '\t'))
		i--;
	if (i > 0 && (s->text[i - 1] == '(' || s->text[i - 1] == ':'))
		return 1;
	while (i > 0 && is_container_mark(s->text[i - 1]))
		i--;
	return i == 0 || s->text[i - 1] == '\n' || s->text[i - 1] == '\r';
}

static int is_www_at(const struct scan *s, size_t at);
static int is_scheme_colon(const struct scan *s, size_t at);

/* Is there a web address in the word before AT? The autolink extension cuts
 * an address at '<', so a '<' there is left alone. Looks at each byte once. */
static int after_address(struct scan *s, size_t at)
{
	for (size_t i = s->address_scanned; i < at; i++) {
		char c = s->text[i];
		if (isspace((unsigned char)c))
			s->in_address = 0;
		else if ((c == ':' && is_scheme_colon(s, i)) || (c == 'w' && is_www_at(s, i)))
			s->in_address = 1;
	}
	s->address_scanned = at > s->address_scanned ? at : s->address_scanned;
	return s->in_address;
}

/* Raw HTML that cannot close before the paragraph ends. */
static void guard_html(struct scan *s, size_t at)
{
	static const char *const closers[] = {"?>", "]]>", ">"};
	const char *p = s->text + at + 1, *end = s->text + s->len;
	int which;
	size_t open_len;
	if (p < end && *p == '?') {
		which = 0, open_len = 2;
	} else if (end - p >= 8 && memcmp(p, "![CDATA[", 8) == 0) {
		which = 1, open_len = 9;
	} else if (end - p >= 2 && p[0] == '!' && isalpha((unsigned char)p[1])) {
		which = 2, open_len = 2;
	} else {
		return;
	}
	if (next_closer(s, which, closers[which], at + open_len) < next_blank(s, at) ||
	    may_start_something(s, at) || after_address(s, at))
		return;
	if (++s->html_count[which] > GUARD_FREE && s->guard->stand_in[STAND_LT][0])
		stand_in(s, at, STAND_LT);
}

/* Does the autolink extension take the byte at P as part of a domain? Not
 * a space nor punctuation (its own tables; utf8proc's categories here). It
 * looks at each byte, so a character of several bytes ends the domain at its
 * second byte: *LAST is set for such a first byte. */
static int is_host_byte(const char *p, const char *end, int *last)
{
	unsigned char c = (unsigned char)*p;
	*last = 0;
	if (c < 0x80)
		return !(c == 9 || c == 10 || c == 12 || c == 13 || c == 32) && !ispunct(c);
	utf8proc_int32_t code;
	if (utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &code) <= 0)
		return 0;
	utf8proc_category_t cat = utf8proc_category(code);
	*last = 1;
	return !(cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO) &&
	       cat != UTF8PROC_CATEGORY_ZS && code != 0xA0;
}

static int is_www_at(const struct scan *s, size_t at)
{
	if (s->len - at < 4 || memcmp(s->text + at, "www.", 4) != 0)
		return 0;
	return at == 0 || strchr("*_~(", s->text[at - 1]) || isspace((unsigned char)s->text[at - 1]);
}

/* Could an e-mail address reach back into TEXT[0, END)? The e-mail autolink
 * walks back from an '@' over letters, digits and ".+-_". */
static int email_follows(const struct scan *s, size_t end)
{
	for (size_t i = end; i < s->len && i < end + 64; i++) {
		if (s->text[i] == '@')
			return 1;
		char c = s->text[i];
		if (!isalnum((unsigned char)c) && c != '.' && c != '+' && c != '-' && c != '_')
			return 0;
	}
	return 0;
}

/* The domain check of the autolink extension from the "www." at AT, as it
 * does it: returns where it stops, and whether it accepts the domain. */
static size_t www_domain(const struct scan *s, size_t at, int *accepted)
{
	const char *end = s->text + s->len;
	size_t i = at + 1, dots = 0, underscores_before = 0, underscores = 0;
	for (; i + 1 < s->len; i++) {
		int last;
		char c = s->text[i];
		if (c == '_') {
			underscores++;
		} else if (c == '.') {
			underscores_before = underscores;
			underscores = 0;
			dots++;
		} else if (c != '-' && !is_host_byte(s->text + i, end, &last)) {
			break;
		} else if (c != '-' && last) {
			i++;
			break;
		}
	}
	*accepted = !underscores_before && !underscores && dots;
	return i;
}

/* The "www." at AT and every one after it in the stretch its domain check
 * covers: when that check fails, it fails the same way for each of them
 * (but the one whose dot is the stretch's last), each scanning to the
 * stretch's end; beyond GUARD_FREE of them they become text for the
 * parser. When it succeeds, the link takes them all. Returns the end. */
static size_t guard_www_run(struct scan *s, size_t at)
{
	int accepted;
	size_t stop = www_domain(s, at, &accepted), count = 0, last_dot = at;
	for (size_t i = at; i < stop; i++) {
		last_dot = s->text[i] == '.' ? i : last_dot;
		count += s->text[i] == 'w' && is_www_at(s, i);
	}
	if (accepted || count <= GUARD_FREE || !s->guard->stand_in[STAND_W][0] ||
	    email_follows(s, stop))
		return stop;
	for (size_t w = at + 1; w < stop; w++)
		if (s->text[w] == 'w' && is_www_at(s, w) && w + 3 != last_dot)
			stand_in(s, w, STAND_W);
	return stop;
}

/* The most ')' the autolink extension could drop one by one from the end of
 * an address in WORD: those in a run of the characters it drops, right
 * before a '<' (where it cuts the address) or the word's end. */
static size_t trailing_parens(const char *word, size_t len)
{
	size_t most = 0, run = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || word[i] == '<') {
			most = run > most ? run : most;
			run = 0;
		} else if (strchr(")?!.,:*_~'\";", word[i])) {
			run += word[i] == ')';
		} else {
			run = 0;
		}
	}
	return most;
}

/* The words (no ASCII space) that end in more than GUARD_FREE ')': found by
 * jumping from ')' to ')', each word measured once. */
static int find_paren_words(struct scan *s)
{
	const char *t = s->text, *end = t + s->len;
	size_t cap = 0, word_end = 0;
	for (const char *p = memchr(t, ')', s->len); p; p = memchr(p + 1, ')', (size_t)(end - p - 1))) {
		size_t at = (size_t)(p - t);
		if (at < word_end)
			continue;
		size_t start = at, stop = at;
		while (start > 0 && !isspace((unsigned char)t[start - 1]))
			start--;
		while (stop < s->len && !isspace((unsigned char)t[stop]))
			stop++;
		word_end = stop;
		if (trailing_parens(t + start, stop - start) <= GUARD_FREE)
			continue;
		if (s->word_count * 2 + 2 > cap) {
			cap = cap ? cap * 2 : 16;
			size_t *more = realloc(s->words, cap * sizeof *more);
			if (!more)
				return -1;
			s->words = more;
		}
		s->words[s->word_count * 2] = start;
		s->words[s->word_count * 2 + 1] = stop;
		s->word_count++;
		if (stop >= s->len)
			break;
	}
	return 0;
}

static int is_scheme_colon(const struct scan *s, size_t at)
{
	if (s->len - at < 4 || s->text[at + 1] != '/' || s->text[at + 2] != '/')
		return 0;
	size_t start = at;
	while (start > 0 && isalpha((unsigned char)s->text[start - 1]))
		start--;
	size_t n = at - start;
	const char *scheme = s->text + start;
	return (n == 4 && strncasecmp(scheme, "http", 4) == 0) ||
	       (n == 5 && strncasecmp(scheme, "https", 5) == 0) ||
	       (n == 3 && strncasecmp(scheme, "ftp", 3) == 0);
}

/* A word that ends in many ')': its web addresses stay text (each would be
 * recounted for every ')' dropped from its end). */
static void guard_word(struct scan *s, size_t start, size_t end)
{
	if (!s->guard->stand_in[STAND_COLON][0] || !s->guard->stand_in[STAND_W][0])
		return;
	size_t lost = 0;
	for (size_t i = start; i < end; i++) {
		int address = (s->text[i] == ':' && is_scheme_colon(s, i)) ||
			      (s->text[i] == 'w' && is_www_at(s, i));
		if (address && lost++ == 0 && s->lost_links == 0)
			s->first_lost = i;
		if (address)
			stand_in(s, i, s->text[i] == ':' ? STAND_COLON : STAND_W);
	}
	s->lost_links += lost;
}

/* One pass in order (stand-ins are written front to back): a word that ends
 * in many ')' as a whole when it starts, else '<' and "www." where they are. */
/* The first C at or after AT in the text, or its length. */
static size_t next_of(const struct scan *s, size_t at, char c)
{
	const char *hit = at < s->len ? memchr(s->text + at, c, s->len - at) : NULL;
	return hit ? (size_t)(hit - s->text) : s->len;
}

static void scan_text(struct scan *s)
{
	size_t word = 0, www_end = 0;
	size_t next_lt = next_of(s, 0, '<'), next_w = next_of(s, 0, 'w');
	for (size_t i = 0; i < s->len; i++) {
		/* Only '<', 'w' and the words found before stop the scan: memchr
		 * finds them at a fraction of a byte-by-byte loop's cost. */
		if (next_lt < i)
			next_lt = next_of(s, i, '<');
		if (next_w < i)
			next_w = next_of(s, i, 'w');
		size_t stop = next_lt < next_w ? next_lt : next_w;
		if (word < s->word_count && s->words[word * 2] < stop)
			stop = s->words[word * 2] > i ? s->words[word * 2] : i;
		i = stop;
		if (i >= s->len)
			break;
		if (word < s->word_count && i >= s->words[word * 2]) {
			guard_word(s, s->words[word * 2], s->words[word * 2 + 1]);
			i = www_end = s->words[word * 2 + 1];
			word++;
			continue;
		}
		if (s->text[i] == '<')
			guard_html(s, i);
		else if (i >= www_end && is_www_at(s, i))
			www_end = guard_www_run(s, i);
	}
}

static long line_at(const char *text, size_t at)
{
	long line = 1;
	const char *end = text + at;
	for (const char *p = memchr(text, '\n', at); p; p = memchr(p + 1, '\n', (size_t)(end - p - 1)))
		line++;
	return line;
}

/* More than GUARD_FREE of NEEDLE in TEXT? */
static int more_than_free(const char *text, size_t len, const char *needle)
{
	size_t n = strlen(needle), count = 0;
	const char *end = text + len;
	for (const char *p = find(text, len, needle, n); p; p = find(p + 1, (size_t)(end - p - 1), needle, n))
		if (++count > GUARD_FREE)
			return 1;
	return 0;
}

/* Could any pattern be guarded? Each check of the scan counts a subset of
 * these occurrences, so a text with at most GUARD_FREE of each (and no run
 * of GUARD_FREE + 1 ')') is left as it is without the scan: most guides. */
static int may_need_guard(const char *text, size_t len)
{
	char parens[GUARD_FREE + 2];
	memset(parens, ')', GUARD_FREE + 1);
	parens[GUARD_FREE + 1] = '\0';
	return more_than_free(text, len, "<?") || more_than_free(text, len, "<!") ||
	       more_than_free(text, len, "www.") || find(text, len, parens, GUARD_FREE + 1);
}

int guard_text(const char *name, const char *text, size_t len, struct buf *out,
	       struct guard *guard)
{
	memset(guard, 0, sizeof *guard);
	memcpy(guard->original, ORIGINAL, sizeof ORIGINAL);
	if (len == 0 || !may_need_guard(text, len))
		return 0;
	for (int kind = 0; kind < GUARD_KINDS; kind++)
		if (choose_stand_in(guard, kind, text, len) != 0)
			guard->stand_in[kind][0] = '\0';
	struct scan s = {.text = text, .len = len, .name = name, .out = out, .guard = guard};
	s.blank_at = (size_t)-1;
	for (int i = 0; i < 3; i++)
		s.closer_at[i] = (size_t)-1;
	int status = find_paren_words(&s);
	if (status == 0)
		scan_text(&s);
	free(s.words);
	if (status != 0 || !guard->active)
		return status;
	buf_put(out, text + s.copied, len - s.copied);
	if (name && s.lost_links > 0)
		diag_warning(name, line_at(text, s.first_lost),
			     "%zu web address%s ending in more than %d ')': kept as text, not "
			     "links (cmark-gfm would take time quadratic in them)",
			     s.lost_links, s.lost_links == 1 ? "" : "es", GUARD_FREE);
	return out->failed ? -1 : 0;
}

/* ---- putting the text back ------------------------------------------------------ */

/* VALUE with every stand-in replaced by its original, or NULL when it holds
 * none (or memory ran out: *FAILED set). */
static char *restored(const struct guard *g, const char *value, int *failed)
{
	const char *p = value;
	struct buf out;
	buf_init(&out);
	int changed = 0;
	for (const char *hit; (hit = strpbrk(p, "\xE2\xEE")) != NULL;) {
		int kind = -1;
		for (int k = 0; k < GUARD_KINDS; k++)
			if (g->stand_in[k][0] && strncmp(hit, g->stand_in[k], 3) == 0)
				kind = k;
		if (kind < 0) {
			buf_put(&out, p, (size_t)(hit + 1 - p));
			p = hit + 1;
			continue;
		}
		buf_put(&out, p, (size_t)(hit - p));
		buf_putc(&out, g->original[kind]);
		p = hit + 3;
		changed = 1;
	}
	if (!changed) {
		buf_free(&out);
		return NULL;
	}
	buf_puts(&out, p);
	if (out.failed) {
		buf_free(&out);
		*failed = 1;
		return NULL;
	}
	return out.data;
}

static int restore_field(const struct guard *g, cmark_node *node, const char *value,
			 int (*set)(cmark_node *, const char *))
{
	int failed = 0;
	char *fixed = value ? restored(g, value, &failed) : NULL;
	if (fixed && !set(node, fixed))
		failed = 1;
	free(fixed);
	return failed ? -1 : 0;
}

int guard_restore(cmark_node *document, const struct guard *guard)
{
	if (!guard->active)
		return 0;
	cmark_iter *iter = cmark_iter_new(document);
	if (!iter)
		return -1;
	cmark_event_type event;
	int status = 0;
	while (status == 0 && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		if (event != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			status = restore_field(guard, node, cmark_node_get_url(node), cmark_node_set_url);
			if (status == 0)
				status = restore_field(guard, node, cmark_node_get_title(node),
						       cmark_node_set_title);
			break;
		case CMARK_NODE_CODE_BLOCK:
			status = restore_field(guard, node, cmark_node_get_fence_info(node),
					       cmark_node_set_fence_info);
			/* fall through */
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_HTML_BLOCK:
			if (status == 0)
				status = restore_field(guard, node, cmark_node_get_literal(node),
						       cmark_node_set_literal);
			break;
		default: break;
		}
	}
	cmark_iter_free(iter);
	return status;
}
