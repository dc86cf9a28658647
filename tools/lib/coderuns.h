/* coderuns: a code block's lines told apart as diagram or code, in runs.
 *
 * A guide draws diagrams with box-drawing characters inside ordinary code
 * blocks, often below the code that explains them. A reader's screen may be
 * narrow: code wraps there, but a diagram's lines must stay whole and aligned,
 * so the HTML back ends (guide2epub, guide2anki) mark up each run of lines on
 * its own. A line draws a diagram when it holds a box-drawing character
 * (U+2500..U+257F) or one of the arrows U+25B2 and U+25BC, as guide2pdf tells
 * them (codelayout.c); a line without one that sits between two such lines,
 * with no blank line in between (a label, an ASCII stroke), belongs to the
 * drawing too. This module never writes markup. */
#ifndef GUIDE_CODERUNS_H
#define GUIDE_CODERUNS_H

#include <stddef.h>

/* Lines [start, end) of a code block's text, in bytes; a line's newline
 * belongs to it. COLUMNS is the widest line's width in character cells, each
 * tab to the next multiple of 4 (the back ends' tab-size), a wide (East Asian)
 * character two. */
struct code_run {
	size_t start, end;
	int diagram;
	size_t columns;
};

/* The run of TEXT that starts at byte FROM: 1 and *RUN filled, or 0 when FROM
 * is at the end of TEXT. */
int code_run_next(const char *text, size_t from, struct code_run *run);

/* The length of the line that starts at TEXT, its newline included. */
size_t code_line_length(const char *text);

/* What follows a wrap hangs two columns right of the line's own text, but
 * no deeper than this indent: past it a phone's line would keep too little
 * room for the text. */
#define CODE_INDENT_MAX 22

/* The columns of blank space the line at TEXT starts with (tabs as above, at
 * most CODE_INDENT_MAX), so that what follows a wrap can hang under the
 * line's own text: 0 for a line that is blank or starts with text. */
size_t code_line_indent(const char *text);

#endif
