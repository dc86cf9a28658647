/* admonition: Python-Markdown's admonitions, as Material for MkDocs sites
 * write their flashcards and hidden answers, rewritten before parsing into
 * the <details> that md2guide already reads:
 *
 *     ??? question "What does ARP do?"        (also "???+", "!!!")
 *         It finds the MAC address for an IP address.
 *
 * becomes "<details><summary>What does ARP do?</summary>", the body without
 * its four spaces, and "</details>" at the end of its last line. cmark-gfm
 * would read the body as an indented code block or as more of the opening
 * paragraph. A summary that asks is then a question, one that says "Answer"
 * or "Show answer" hides the answer of the question before it, and the
 * others ("!!! tip", "??? note \"Setup\"") are callouts: a block quote
 * opening with "[!tip]+ Title", as callout.c reads Obsidian's callouts.
 * Each pass brings the admonitions nested in a body to the margin.
 * Obsidian's callouts that ask ("> [!question]- What is X?" over quoted
 * lines) are rewritten the same way; the others stay quotes.
 *
 * The fenced directives of Quarto, MyST, pymdownx and Hugo, which say where
 * they close, are rewritten in the same pass (see below).
 *
 * Owns: the opening line's syntax, where a body ends, where the closing tag
 * can go. Never: changes the number of lines (every line number the guide
 * reports stays the source's), rewrites inside fenced code (the syntax shown
 * as an example stays as typed), or one it cannot close safely (it is then
 * left as written). */
#include "md2guide.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Admonitions nested in one another deeper than this stay as written. */
#define MAX_ADMONITION_DEPTH 4

/* A line of TEXT: [start, end), end at its '\n' or the end of the text. */
struct line {
	const char *start, *end;
};

/* What an opening line says. */
struct opening {
	int collapsible; /* "???" or "???+": hidden until clicked */
	int quoted;      /* Obsidian's "> [!question]- Title": the body is quoted */
	char kind[24];
	const char *title; /* inside the quotes, or NULL */
	size_t title_len;
	size_t item_indent; /* of the list item it stands in, lifted out of it */
};

/* Admonition kinds that ask: the body answers the title. */
static int kind_asks(const char *kind)
{
	static const char *const ASKING[] = {"question", "help", "faq", NULL};
	for (const char *const *k = ASKING; *k; k++)
		if (strcasecmp(kind, *k) == 0)
			return 1;
	return 0;
}

static int blank(struct line line)
{
	for (const char *p = line.start; p < line.end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

/* Bytes of the "> " that quote LINE (after up to three spaces), or 0. */
static size_t quote_prefix(struct line line)
{
	size_t at = 0;
	while (at < 3 && line.start + at < line.end && line.start[at] == ' ')
		at++;
	if (line.start + at >= line.end || line.start[at] != '>')
		return 0;
	at++;
	return at + (line.start + at < line.end && line.start[at] == ' ');
}

/* Bytes of the four spaces (or tab) that indent LINE into a body, or 0;
 * of an Obsidian callout, of its quote marker. */
static size_t body_indent(const struct opening *open, struct line line)
{
	if (open->quoted)
		return quote_prefix(line);
	if (line.end - line.start >= 1 && line.start[0] == '\t')
		return 1;
	if (line.end - line.start >= 4 && strncmp(line.start, "    ", 4) == 0)
		return 4;
	return 0;
}

/* Obsidian's "> [!question]- What is X?" ("-", "+" or nothing after the
 * kind; the title is the rest of the line, maybe none). */
static int opening_quote(struct line line, struct opening *open)
{
	size_t prefix = quote_prefix(line);
	const char *p = line.start + prefix, *end = line.end;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	memset(open, 0, sizeof *open);
	if (!prefix || end - p < 4 || strncmp(p, "[!", 2) != 0)
		return 0;
	p += 2;
	size_t kind = 0;
	while (p + kind < end && (isalnum((unsigned char)p[kind]) || p[kind] == '-' || p[kind] == '_'))
		kind++;
	if (kind == 0 || kind >= sizeof open->kind || p + kind >= end || p[kind] != ']')
		return 0;
	memcpy(open->kind, p, kind);
	p += kind + 1;
	open->collapsible = p < end && *p == '-';
	p += p < end && (*p == '-' || *p == '+');
	if (p < end && *p != ' ' && *p != '\t')
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	open->quoted = 1;
	open->title = p < end ? p : NULL;
	open->title_len = (size_t)(end - p);
	return 1;
}

/* "??? kind", "???+ kind \"Title\"", "!!! kind extra-class \"Title\"". */
static int opening_line(struct line line, struct opening *open)
{
	/* At the margin; in a list item, rewrite_pass asks itemcallout.c. */
	if (line.start < line.end && *line.start == '>')
		return opening_quote(line, open);
	const char *p = line.start, *end = line.end;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	memset(open, 0, sizeof *open);
	if (end - p >= 4 && (strncmp(p, "???", 3) == 0 || strncmp(p, "!!!", 3) == 0)) {
		open->collapsible = *p == '?';
		p += 3;
		p += open->collapsible && *p == '+';
	} else {
		return 0;
	}
	if (p == end || (*p != ' ' && *p != '\t'))
		return 0;
	p += strspn(p, " \t");
	size_t kind = 0;
	while (p + kind < end && (isalnum((unsigned char)p[kind]) || p[kind] == '-' || p[kind] == '_'))
		kind++;
	if (kind == 0 || kind >= sizeof open->kind || !isalpha((unsigned char)*p))
		return 0;
	memcpy(open->kind, p, kind);
	p += kind;
	while (p < end && *p != '"') { /* more class names: "inline end" */
		if (*p != ' ' && *p != '\t' && !isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return 0;
		p++;
	}
	if (p == end)
		return 1;
	if (end - p < 2 || end[-1] != '"')
		return 0;
	open->title = p + 1;
	open->title_len = (size_t)(end - 1 - open->title);
	return 1;
}

/* Reads TEXT's lines into LINES (its count in *COUNT). 0, or -1 without memory. */
static int split_lines(const char *text, size_t len, struct line **lines, size_t *count)
{
	size_t n = 1, at = 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	*lines = malloc(n * sizeof **lines);
	if (!*lines)
		return -1;
	const char *start = text;
	for (const char *nl; (nl = memchr(start, '\n', (size_t)(text + len - start))) != NULL;
	     start = nl + 1)
		(*lines)[at++] = (struct line){start, nl};
	(*lines)[at++] = (struct line){start, text + len};
	*count = at;
	return 0;
}

/* The fence LINE opens or closes ("```", "~~~"), as its length of marks, or 0. */
static size_t fence_of(const char *p, const char *end, char *mark)
{
	size_t indent = 0;
	while (indent < 3 && p + indent < end && p[indent] == ' ')
		indent++;
	p += indent;
	if (p >= end || (*p != '`' && *p != '~'))
		return 0;
	size_t run = 0;
	while (p + run < end && p[run] == *p)
		run++;
	if (run < 3)
		return 0;
	*mark = *p;
	return run;
}

/* Fenced code as lines go by: inside one, and with what it closes. */
struct fences {
	size_t run;
	char mark;
};

/* Steps FENCES over [P, END); returns 1 when the line is a fence's own line. */
static int fence_step(struct fences *f, const char *p, const char *end)
{
	char mark = 0;
	size_t run = fence_of(p, end, &mark);
	if (!run)
		return 0;
	if (!f->run) {
		f->run = run;
		f->mark = mark;
	} else if (mark == f->mark && run >= f->run) {
		f->run = 0;
	}
	return 1;
}

/* Can "</details>" end LINE (the body's last, indent bytes dropped) and be
 * read as the end of its paragraph or list item? Not in code, a heading, a
 * table row, HTML or a rule. */
static int takes_closing_tag(const char *p, const char *end, const struct fences *f, int fence)
{
	if (f->run || fence)
		return 0;
	size_t indent = strspn(p, " ");
	if (indent >= 4 || p + indent >= end)
		return 0;
	p += indent;
	if (strchr("|#<>=", *p))
		return 0;
	for (const char *q = p; q < end; q++)
		if (!strchr("-*_ \t\r", *q))
			return 1;
	return 0; /* "---", "***": a rule */
}

/* The summary: the title with '<' escaped (it is Markdown, not HTML), or the
 * kind with a capital, as Material prints one without a title. */
static void put_summary(struct buf *out, const struct opening *open)
{
	if (!open->title || open->title_len == 0) {
		buf_putc(out, (char)toupper((unsigned char)open->kind[0]));
		buf_puts(out, open->kind + 1);
		return;
	}
	size_t digits = strspn(open->title, "0123456789");
	for (size_t i = 0; i < open->title_len; i++) {
		/* Read alone, "2. How...?" would be a list, "# x" a heading. */
		if ((i == 0 && strchr("#>-+*", open->title[0]) && open->title_len > 1 &&
		     open->title[1] == ' ') ||
		    (i == digits && i > 0 && (open->title[i] == '.' || open->title[i] == ')')))
			buf_putc(out, '\\');
		if (open->title[i] == '<')
			buf_puts(out, "&lt;");
		else
			buf_putc(out, open->title[i]);
	}
}

/* Does the admonition become a <details>: it asks, or hides an answer, or
 * its kind asks? The rest are callouts. */
static int becomes_details(const struct opening *open)
{
	char title[256];
	if (!open->title || open->title_len == 0) /* "??? answer": the kind is the title */
		return evidence_reveal_label(open->kind);
	copy_whole_characters(title, sizeof title, open->title, open->title_len);
	/* "!!! tip \"How to drill\"" asks nothing: a kind that does not ask
	 * needs a question mark. */
	return kind_asks(open->kind) || evidence_question_mark(title) || evidence_reveal_label(title);
}

/* Does the line after a body, NEXT (NULL at the end), end a paragraph the
 * body's last line is in? Blank, a heading, another admonition (an HTML
 * block then), a list item ("- x", "1. x"). Else it would go on the
 * paragraph: Material ends the body before it. */
static int ends_paragraph(const struct line *next)
{
	struct opening open;
	return !next || blank(*next) || *next->start == '#' ||
	       (opening_line(*next, &open) && !open.quoted) || item_interrupts(next->start, next->end);
}

/* Writes lines [FIRST, LAST] of the body without their indent, each with
 * PREFIX ("> " in a callout), and TAIL after the last one. */
static void put_body(struct buf *out, const struct opening *open, const struct line *lines,
		     size_t first, size_t last, const char *prefix, const char *tail)
{
	for (size_t i = first; i <= last; i++) {
		size_t indent = body_indent(open, lines[i]);
		buf_putc(out, '\n');
		if (!blank(lines[i]) || prefix[0])
			buf_puts(out, blank(lines[i]) ? ">" : prefix);
		const char *end = lines[i].end;
		int cr = end > lines[i].start && end[-1] == '\r';
		if (!blank(lines[i]))
			buf_put(out, lines[i].start + indent, (size_t)(end - cr - lines[i].start) - indent);
		if (i == last)
			buf_puts(out, tail);
		if (cr) /* the tail goes before a CR, which ends a line too */
			buf_putc(out, '\r');
	}
}

/* The admonition opening at line AT, body up to LAST, written to OUT.
 * *CONSUMED: the lines it took (the blank one after it, when the closing tag
 * went there). 0 when it cannot be closed safely: nothing written. */
static int rewrite_one(struct buf *out, const struct line *lines, size_t count, size_t at,
		       size_t last, const struct opening *open, size_t *consumed)
{
	if (!becomes_details(open) && open->quoted)
		return 0; /* an Obsidian callout: callout.c reads it as it stands */
	if (!becomes_details(open)) {
		/* A block quote ends by itself at the first line without "> ". */
		buf_puts(out, "> [!");
		buf_puts(out, open->kind);
		buf_putc(out, ']');
		/* GitHub's "[!TIP] text" is no alert: the fold mark makes it
		 * Obsidian's callout, which has a title. */
		if (open->title && open->title_len) {
			buf_puts(out, "+ ");
			put_summary(out, open);
		}
		put_body(out, open, lines, at + 1, last, "> ", "");
		*consumed = last - at + 1;
		return 1;
	}
	struct fences f = {0, 0};
	int fence = 0;
	for (size_t i = at + 1; i <= last; i++) {
		size_t indent = body_indent(open, lines[i]);
		fence = fence_step(&f, lines[i].start + indent, lines[i].end);
	}
	size_t indent = last > at ? body_indent(open, lines[last]) : 0;
	int inline_close = last == at ||
			   (takes_closing_tag(lines[last].start + indent, lines[last].end, &f, fence) &&
			    ends_paragraph(last + 1 < count ? &lines[last + 1] : NULL));
	int blank_after = last + 1 < count && blank(lines[last + 1]);
	if (!inline_close && !blank_after && last + 1 < count)
		return 0;
	/* An HTML block that opens with <details> runs on to a blank line, over
	 * the body: opening with a comment, it is one line long, and the body
	 * is Markdown, read where it stands. */
	buf_puts(out, "<!-- --><details><summary>");
	put_summary(out, open);
	buf_puts(out, last == at ? "</summary></details>" : "</summary>");
	if (last == at) {
		*consumed = 1;
		return 1;
	}
	put_body(out, open, lines, at + 1, last, "", inline_close ? "</details>" : "");
	*consumed = last - at + 1;
	if (!inline_close) {
		buf_puts(out, "\n<!-- --></details>"); /* on the blank line after, or a new last */
		*consumed += blank_after;
	}
	return 1;
}

/* The last line of the body of the admonition opening at AT: indented or
 * blank lines, trailing blank ones left out. AT itself when it has none. */
static size_t body_end(const struct opening *open, const struct line *lines, size_t count,
		       size_t at)
{
	size_t last = at;
	for (size_t i = at + 1; i < count && body_indent(open, lines[i]); i++)
		last = i; /* a quote ends at its first line without "> " */
	for (size_t i = at + 1; !open->quoted && i < count &&
				(blank(lines[i]) || body_indent(open, lines[i]));
	     i++)
		if (!blank(lines[i]))
			last = i;
	return last;
}

/* TEXT (LEN bytes) opens with a fence of backticks and "{": a MyST directive. */
static int backtick_directive(const char *text, size_t len)
{
	size_t run = 0;
	while (run < len && text[run] == '`')
		run++;
	return run >= 3 && run < len && text[run] == '{';
}

/* Does a line of TEXT start with "???", "!!!" or a quoted "[!"? Most guides
 * have none, and are not copied. */
static int has_opening(const char *text, size_t len)
{
	/* Line to line with memchr: this runs over every guide, most with none. */
	for (const char *p = text, *end = text + len; p < end;) {
		size_t left = (size_t)(end - p);
		if (left >= 3 && (((p[0] == '?' || p[0] == '!' || p[0] == ':' || p[0] == '/') &&
				   p[1] == p[0] && p[2] == p[0]) ||
				  backtick_directive(p, left) ||
				  (p[0] == '{' && (p[1] == '{' || p[1] == '%'))))
			return 1;
		const char *q = p;
		while (q < end && *q == ' ')
			q++;
		const char *digits = q;
		while (q < end && q - digits < 9 && *q >= '0' && *q <= '9')
			q++;
		if (end - q >= 2 && (q > digits ? strchr(".)", *q) : strchr("-*+", *q)) && q[1] == ' ')
			q += 2; /* "- > [!question]", "1. > ..." open a list item */
		else
			q = digits;
		if (q < end && *q == '>') {
			q += 1 + (q + 1 < end && q[1] == ' ');
			if (end - q >= 2 && q[0] == '[' && q[1] == '!')
				return 1;
		}
		const char *nl = memchr(p, '\n', left);
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

/* ---- directives: Quarto, MyST, pymdownx blocks, Hugo shortcodes --------------- */

/* Blocks that say where they close, rewritten in the same pass:
 *
 *     ::: {.callout-note collapse="true"}     Quarto (a "## Title" line inside)
 *     :::{dropdown} What is X?                MyST (":::{note}", ":class: dropdown")
 *     /// details | What is X?                pymdownx.blocks ("/// tip | Title")
 *     {{< details "What is X?" >}}            Hugo ("{{% details %}}", "{{< hint >}}")
 *     {% hint style="info" %}                 GitBook ("{% endhint %}" closes it)
 *
 * A collapsible one opens a <details> and its closing line closes it; the
 * others open a ":::" container (callout.c) that their closing line, now
 * ":::", closes. Other fenced divs (":::tip", "::: {.columns}") are kept, and
 * counted, so that a closing line closes the block it belongs to. */
enum directive_kind { DIRECTIVE_KEEP, DIRECTIVE_DETAILS, DIRECTIVE_CALLOUT };

struct directive {
	enum directive_kind kind;
	char fence; /* ':', '`' (MyST), '/', 'h' for a Hugo shortcode, 'g' GitBook's */
	size_t run; /* of the fence's marks */
};

/* What an opening line says, with what the lines after it add. */
struct directive_open {
	struct directive d;
	char kind[24];      /* the callout's kind */
	const char *title;  /* or NULL */
	size_t title_len;
	int options;        /* option lines may follow (":class: x", "    type: x") */
};

#define MAX_DIRECTIVE_DEPTH 32

/* [P, END) without spaces at either end. */
static void trim(const char **p, const char **end)
{
	while (*p < *end && (**p == ' ' || **p == '\t'))
		(*p)++;
	while (*end > *p && ((*end)[-1] == ' ' || (*end)[-1] == '\t' || (*end)[-1] == '\r'))
		(*end)--;
}

/* The value of NAME="..." in [P, END), or NULL. */
static const char *attribute(const char *p, const char *end, const char *name, size_t *len)
{
	size_t name_len = strlen(name);
	for (; p + name_len + 2 < end; p++) {
		if (strncmp(p, name, name_len) != 0 || p[name_len] != '=' || p[name_len + 1] != '"')
			continue;
		const char *value = p + name_len + 2, *close = memchr(value, '"', (size_t)(end - value));
		if (!close)
			return NULL;
		*len = (size_t)(close - value);
		return value;
	}
	return NULL;
}

static int contains(const char *p, const char *end, const char *word)
{
	size_t len = strlen(word);
	for (; p + len <= end; p++)
		if (strncmp(p, word, len) == 0)
			return 1;
	return 0;
}

/* The kind word in [P, END) as the admonitions name them ("note", "tip"). */
static void set_kind(struct directive_open *o, const char *p, size_t len)
{
	if (len >= sizeof o->kind)
		len = sizeof o->kind - 1;
	memcpy(o->kind, p, len);
	o->kind[len] = '\0';
}

/* VitePress's "::: details What is X?" or "::: details 答案" (REST on): a
 * question, or the answer of the one before, as a <details> is; one that
 * asks nothing stays the container callout.c reads ("Click to see the log"). */
static int vitepress_details(const char *rest, const char *end, struct directive_open *o)
{
	char title[256];
	if (end - rest < 8 || strncmp(rest, "details", 7) != 0 || (rest[7] != ' ' && rest[7] != '\t'))
		return 1;
	rest += 8;
	trim(&rest, &end);
	copy_whole_characters(title, sizeof title, rest, (size_t)(end - rest));
	if (!evidence_question_mark(title) && !evidence_asks(title) && !evidence_reveal_label(title))
		return 1;
	o->d.kind = DIRECTIVE_DETAILS;
	o->title = rest;
	o->title_len = (size_t)(end - rest);
	return 1;
}

/* "::: {.callout-tip collapse="true" title="T"}", ":::{dropdown} T",
 * ":::{note} T" (any other fenced div is kept), and MyST's directives in
 * backticks, MARK '`': "```{admonition} T", "````{dropdown} T" (any other,
 * "```{code-cell}", is code). */
static int fence_opening(const char *p, const char *end, char mark, struct directive_open *o)
{
	size_t run = 0;
	while (p + run < end && p[run] == mark)
		run++;
	if (run < 3)
		return 0;
	const char *rest = p + run, *rest_end = end;
	trim(&rest, &rest_end);
	if (rest == rest_end || (mark == '`' && *rest != '{'))
		return 0; /* a closing line, or code */
	o->d = (struct directive){DIRECTIVE_KEEP, mark, run};
	if (*rest != '{')
		return vitepress_details(rest, rest_end, o);
	const char *brace = memchr(rest, '}', (size_t)(rest_end - rest));
	if (!brace)
		return mark == ':';
	if (strncmp(rest, "{.callout-", 10) == 0 && mark == ':') {
		size_t kind = strcspn(rest + 10, " }");
		set_kind(o, rest + 10, kind);
		o->title = attribute(rest, brace, "title", &o->title_len);
		o->d.kind = contains(rest, brace, "collapse=\"true\"") || contains(rest, brace, "collapse=true")
				    ? DIRECTIVE_DETAILS : DIRECTIVE_CALLOUT;
		return 1;
	}
	const char *name = rest + 1, *title = brace + 1;
	size_t name_len = (size_t)(brace - name);
	trim(&title, &rest_end);
	o->title = title < rest_end ? title : NULL;
	o->title_len = (size_t)(rest_end - title);
	o->options = 1;
	set_kind(o, name, name_len);
	if (strcmp(o->kind, "admonition") == 0)
		strcpy(o->kind, "note");
	if (name_len == 8 && strncmp(name, "dropdown", 8) == 0)
		o->d.kind = DIRECTIVE_DETAILS;
	else if (callout_kind_of(o->kind, strlen(o->kind)))
		o->d.kind = DIRECTIVE_CALLOUT;
	return mark == ':' || o->d.kind != DIRECTIVE_KEEP;
}

/* "/// details | Title", "/// tip | Title", "/// admonition | Title". */
static int slash_opening(const char *p, const char *end, struct directive_open *o)
{
	size_t run = strspn(p, "/");
	if (run < 3 || p + run >= end || (p[run] != ' ' && p[run] != '\t'))
		return 0;
	const char *name = p + run, *rest_end = end;
	trim(&name, &rest_end);
	size_t name_len = 0;
	while (name + name_len < rest_end && (isalnum((unsigned char)name[name_len]) || name[name_len] == '-'))
		name_len++;
	if (name_len == 0)
		return 0;
	o->d = (struct directive){DIRECTIVE_KEEP, '/', run};
	set_kind(o, name, name_len);
	const char *bar = memchr(name, '|', (size_t)(rest_end - name));
	if (bar) {
		const char *title = bar + 1, *title_end = rest_end;
		trim(&title, &title_end);
		o->title = title < title_end ? title : NULL;
		o->title_len = (size_t)(title_end - title);
	}
	o->options = 1;
	if (strcmp(o->kind, "admonition") == 0)
		strcpy(o->kind, "note");
	if (strcmp(o->kind, "details") == 0)
		o->d.kind = DIRECTIVE_DETAILS;
	else if (callout_kind_of(o->kind, strlen(o->kind)))
		o->d.kind = DIRECTIVE_CALLOUT;
	return 1;
}

/* "{{< details "Title" >}}", "{{% details title="Title" open=true %}}",
 * "{{< hint warning >}}"; *CLOSING set for "{{< /details >}}". */
static int hugo_line(const char *p, const char *end, struct directive_open *o, int *closing)
{
	trim(&p, &end);
	if (end - p < 8 || strncmp(p, "{{", 2) != 0 || (p[2] != '<' && p[2] != '%') ||
	    end[-1] != '}' || end[-2] != '}' || end[-3] != (p[2] == '<' ? '>' : '%'))
		return 0;
	const char *inner = p + 3, *inner_end = end - 3;
	trim(&inner, &inner_end);
	*closing = inner < inner_end && *inner == '/';
	inner += *closing;
	int details = inner_end - inner >= 7 && strncmp(inner, "details", 7) == 0;
	int hint = inner_end - inner >= 4 && strncmp(inner, "hint", 4) == 0;
	if (!details && !hint)
		return 0;
	o->d = (struct directive){details ? DIRECTIVE_DETAILS : DIRECTIVE_CALLOUT, 'h', 0};
	const char *args = inner + (details ? 7 : 4);
	if (*closing || args == inner_end || *args == ' ') {
		if (hint) {
			const char *word = args, *word_end = inner_end;
			trim(&word, &word_end);
			set_kind(o, word, strcspn(word, " ") < (size_t)(word_end - word) ? strcspn(word, " ")
											 : (size_t)(word_end - word));
		}
		o->title = attribute(args, inner_end, "title", &o->title_len);
		const char *quote = o->title ? NULL : memchr(args, '"', (size_t)(inner_end - args));
		const char *close = quote ? memchr(quote + 1, '"', (size_t)(inner_end - quote - 1)) : NULL;
		if (close && details) {
			o->title = quote + 1;
			o->title_len = (size_t)(close - quote - 1);
		}
		return 1;
	}
	return 0;
}

/* GitBook's "{% hint style="warning" %}", a callout; *CLOSING set for
 * "{% endhint %}". */
static int gitbook_line(const char *p, const char *end, struct directive_open *o, int *closing)
{
	trim(&p, &end);
	if (end - p < 6 || strncmp(p, "{%", 2) != 0 || strncmp(end - 2, "%}", 2) != 0)
		return 0;
	const char *inner = p + 2, *inner_end = end - 2;
	trim(&inner, &inner_end);
	*closing = inner_end - inner == 7 && strncmp(inner, "endhint", 7) == 0;
	if (!*closing && (inner_end - inner < 5 || strncmp(inner, "hint ", 5) != 0))
		return 0;
	o->d = (struct directive){DIRECTIVE_CALLOUT, 'g', 0};
	size_t len = 0;
	const char *style = attribute(inner, inner_end, "style", &len);
	set_kind(o, style ? style : "note", style ? len : 4);
	return 1;
}

/* Does LINE close the innermost block of OPEN ("::::", "///", "{{< /details >}}")? */
static int closes_directive(struct line line, const struct directive *open)
{
	const char *p = line.start, *end = line.end;
	trim(&p, &end);
	if (open->fence == 'h' || open->fence == 'g') {
		struct directive_open o;
		int closing = 0;
		return (open->fence == 'h' ? hugo_line(line.start, line.end, &o, &closing)
					   : gitbook_line(line.start, line.end, &o, &closing)) &&
		       closing;
	}
	size_t run = 0;
	while (p + run < end && p[run] == open->fence)
		run++;
	return run >= 3 && p + run == end &&
	       (open->fence == ':' || (open->fence == '`' ? run >= open->run : run == open->run));
}

/* Writes the opening of O; its title, when it has none, from a heading first
 * inside it ("## What is X?", Quarto's), whose line is then left blank. */
static void put_directive_open(struct buf *out, struct directive_open *o, struct line *lines,
			       size_t count, size_t at, size_t *blank_line)
{
	*blank_line = 0;
	size_t next = at + 1;
	while (next < count && blank(lines[next]))
		next++;
	if (!o->title && o->d.fence == ':' && !o->options && next < count &&
	    lines[next].start < lines[next].end && *lines[next].start == '#') {
		const char *title = lines[next].start + strspn(lines[next].start, "#");
		const char *end = lines[next].end;
		if (title < end && *title == ' ') {
			trim(&title, &end);
			o->title = title;
			o->title_len = (size_t)(end - title);
			*blank_line = next;
		}
	}
	struct opening summary = {0};
	char title[256];
	copy_whole_characters(title, sizeof title, o->title ? o->title : "", o->title ? o->title_len : 0);
	/* One that asks nothing ("Quick check") is a details block, as
	 * "::: details" makes it: as a <details>, its neighbours' questions
	 * would make it one. */
	if (o->d.kind == DIRECTIVE_DETAILS && !evidence_question_mark(title) &&
	    !evidence_asks(title) && !evidence_reveal_label(title)) {
		o->d.kind = DIRECTIVE_CALLOUT;
		strcpy(o->kind, "details");
	}
	snprintf(summary.kind, sizeof summary.kind, "%s", o->kind[0] ? o->kind : "note");
	summary.title = o->title;
	summary.title_len = o->title_len;
	if (o->d.kind == DIRECTIVE_DETAILS) {
		buf_puts(out, "<!-- --><details><summary>");
		put_summary(out, &summary);
		buf_puts(out, "</summary>");
		return;
	}
	buf_puts(out, "::: ");
	buf_puts(out, summary.kind);
	if (o->title && o->title_len) {
		buf_putc(out, ' ');
		put_summary(out, &summary);
	}
}

/* An option line right after a MyST or pymdownx opening (":class: dropdown",
 * "    type: warning", "    {type: note}"): read, and left blank. */
static int option_line(struct line line, struct directive_open *o)
{
	const char *p = line.start, *end = line.end;
	if (o->d.fence != '/' && p < end && *p == ':' && p + 1 < end && isalpha((unsigned char)p[1])) {
		const char *word = contains(p, end, ":class:") ? p + 7 : end, *word_end = end;
		trim(&word, &word_end);
		if (contains(word, word_end, "dropdown"))
			o->d.kind = DIRECTIVE_DETAILS;
		else if (callout_kind_of(word, (size_t)(word_end - word)))
			set_kind(o, word, (size_t)(word_end - word)); /* ":class: tip" */
		return 1;
	}
	if (o->d.fence != '/' || !body_indent(&(struct opening){0}, line) || blank(line))
		return 0;
	trim(&p, &end);
	const char *type = contains(p, end, "type:") ? p : NULL;
	for (; type && type + 5 <= end && strncmp(type, "type:", 5) != 0; type++)
		;
	if (type && o->d.kind != DIRECTIVE_DETAILS) {
		const char *word = type + 5;
		word += strspn(word, " ");
		size_t len = 0;
		while (word + len < end && isalpha((unsigned char)word[len]))
			len++;
		set_kind(o, word, len);
	}
	return 1;
}

/* The closing of D: "</details>" as an HTML block of one line, ":::" for a
 * callout; NEW_LINE at the end of the guide. Nothing for a kept block. */
static void put_directive_close(struct buf *out, const struct directive *d, int new_line)
{
	if (d->kind == DIRECTIVE_KEEP)
		return;
	if (new_line)
		buf_putc(out, '\n');
	buf_puts(out, d->kind == DIRECTIVE_DETAILS ? "<!-- --></details>" : ":::");
}

/* Line *AT opens or closes a directive: written to OUT (its option lines
 * too, blank, *AT moved past them). 1 when rewritten; 0 when it is none,
 * or is kept as it stands (a fenced div: counted, so its closing line is
 * known). */
static int directive_line(struct buf *out, struct line *lines, size_t count, size_t *at,
			  struct directive *open_blocks, size_t *depth, size_t *blank_line)
{
	struct line line = lines[*at];
	if (*depth > 0 && closes_directive(line, &open_blocks[*depth - 1])) {
		const struct directive *d = &open_blocks[--*depth];
		if (d->kind == DIRECTIVE_KEEP)
			return 0;
		put_directive_close(out, d, 0);
		return 1;
	}
	struct directive_open o;
	int closing = 0;
	memset(&o, 0, sizeof o);
	if (line.start == line.end || *depth >= MAX_DIRECTIVE_DEPTH ||
	    !(((*line.start == ':' || *line.start == '`') &&
	       fence_opening(line.start, line.end, *line.start, &o)) ||
	      (*line.start == '/' && slash_opening(line.start, line.end, &o)) ||
	      (*line.start == '{' && hugo_line(line.start, line.end, &o, &closing) && !closing) ||
	      (*line.start == '{' && gitbook_line(line.start, line.end, &o, &closing) && !closing)))
		return 0;
	size_t options = 0;
	while (o.options && *at + 1 + options < count && option_line(lines[*at + 1 + options], &o))
		options++;
	if (o.d.kind == DIRECTIVE_KEEP) {
		open_blocks[(*depth)++] = o.d;
		return 0;
	}
	put_directive_open(out, &o, lines, count, *at, blank_line);
	open_blocks[(*depth)++] = o.d;
	for (; options > 0; options--, ++*at)
		buf_putc(out, '\n');
	return 1;
}

/* An Obsidian callout that asks, in an item of a list at the margin
 * (itemcallout.c): lifted out of the item, to the margin, as a question. */
static int item_callout(const char *text, struct line line, struct opening *open)
{
	size_t indent = item_callout_indent(text, line.start, line.end);
	if (!indent || !opening_quote((struct line){line.start + indent, line.end}, open) ||
	    !becomes_details(open))
		return 0;
	open->item_indent = indent;
	return 1;
}

/* One pass: the admonitions at the margin. */
static int rewrite_pass(const char *text, size_t len, struct buf *out)
{
	struct line *lines;
	size_t count, found = 0;
	if (!has_opening(text, len))
		return 0;
	if (split_lines(text, len, &lines, &count) != 0)
		return -1;
	struct fences f = {0, 0};
	struct directive open_blocks[MAX_DIRECTIVE_DEPTH];
	size_t depth = 0, blank_line = 0;
	for (size_t i = 0; i < count; i++) {
		struct opening open;
		size_t consumed = 1;
		int was_in_code = f.run != 0;
		if (i > 0)
			buf_putc(out, '\n');
		if (!was_in_code && i == blank_line && i > 0) /* the title, moved to the opening line */
			continue;
		/* Before the fences: a MyST directive in backticks is no code. */
		if (!was_in_code && directive_line(out, lines, count, &i, open_blocks, &depth, &blank_line)) {
			found++;
			continue;
		}
		if (fence_step(&f, lines[i].start, lines[i].end) || was_in_code) {
			buf_put(out, lines[i].start, (size_t)(lines[i].end - lines[i].start));
			continue;
		}
		size_t last = i;
		if (opening_line(lines[i], &open) || item_callout(text, lines[i], &open)) {
			last = body_end(&open, lines, count, i);
			if ((*lines[i].start == '>' || !open.quoted ||
			     item_callout_ends_item(lines[last].end, text + len, open.item_indent)) &&
			    rewrite_one(out, lines, count, i, last, &open, &consumed)) {
				found++;
				i += consumed - 1;
				continue;
			}
		}
		/* One that cannot be closed is written as it stands, its body with
		 * it: the body is not searched again for openings, and a run of
		 * them stays linear. */
		for (; i < last; i++) {
			buf_put(out, lines[i].start, (size_t)(lines[i].end - lines[i].start));
			buf_putc(out, '\n');
		}
		buf_put(out, lines[i].start, (size_t)(lines[i].end - lines[i].start));
	}
	while (depth > 0) /* the end of the guide closes what is open */
		put_directive_close(out, &open_blocks[--depth], 1);
	free(lines);
	if (out->failed)
		return -1;
	if (!found)
		buf_free(out);
	return 0;
}

int admonitions_rewrite(const char *text, size_t len, struct buf *out)
{
	/* Each pass brings the admonitions nested in a body to the margin. */
	for (int depth = 0; depth < MAX_ADMONITION_DEPTH; depth++) {
		struct buf next;
		buf_init(&next);
		if (rewrite_pass(depth ? out->data : text, depth ? out->len : len, &next) != 0) {
			buf_free(&next);
			return -1;
		}
		if (!next.len)
			return 0;
		buf_free(out);
		*out = next;
	}
	return 0;
}
