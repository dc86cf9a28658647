/* draw.c: one side of a card into its box on the page.
 *
 * Owns: the side's furniture (the label at the top left, "1/2" when a card
 * continues, the card's place in the deck at the top right and the bottom
 * left) and its lines, top down or, on a front, centred. Everything goes
 * through a clip to the card's box: nothing drawn for a card can reach past
 * its edge, whatever the text. Never: decides the sizes or the cuts
 * (face.c) or where the box is (sheet.c).
 *
 * The deck number sits at two opposite corners, the same distance in from
 * each edge: a cut card is put back in order by it, and the box it spans is
 * the card's box shrunk evenly, so a back's numbers mirror its front's. */
#include "guide2cards/cards.h"

#include <stdio.h>
#include <string.h>

#define LABEL_LINE (SIDE_LABEL_SIZE * 1.5)
#define LABEL_GAP 4.0

double side_room_width(double w)
{
	return w - 2 * SIDE_PAD;
}

double side_room_height(double h)
{
	return h - 2 * SIDE_PAD - 2 * (LABEL_LINE + LABEL_GAP);
}

static void write_op(struct pdf_content *content, const char *format, double a, double b,
		     double c, double d)
{
	char op[160];
	int len = snprintf(op, sizeof op, format, a, b, c, d);
	if (len > 0 && (size_t)len < sizeof op)
		content_write(content, op, (size_t)len);
}

/* A label's text run, in the small muted style. */
static int label_text(struct pdf_text *text, struct pdf_fonts *fonts, const char *utf8,
		      struct pdf_color muted)
{
	text_init(text, NULL, 0);
	text->quiet = 1;
	struct pdf_style style = {.face = FACE_REGULAR, .size = SIDE_LABEL_SIZE, .color = muted};
	int index = text_style(text, &style);
	return index < 0 ? -1 : text_append(text, fonts, index, utf8, strlen(utf8));
}

/* The font's ascent and descent, as a PDF reader places its text box. */
static void label_extent(struct pdf_fonts *fonts, double *ascent, double *descent)
{
	HPDF_Font font = fonts_get(fonts, FACE_REGULAR);
	*ascent = font ? HPDF_Font_GetAscent(font) / 1000.0 * SIDE_LABEL_SIZE : SIDE_LABEL_SIZE;
	*descent = font ? -HPDF_Font_GetDescent(font) / 1000.0 * SIDE_LABEL_SIZE : 0;
}

/* The deck number at the top right and the bottom left, and "1/2" to the
 * left of the top one, where a long label cannot push it off. *USED is the
 * width they take at the top. */
static int draw_serial(struct pdf_content *content, struct pdf_fonts *fonts,
		       const struct side *side, struct pdf_color muted, double *used)
{
	char top[64], serial[32];
	snprintf(serial, sizeof serial, "#%d", side->serial);
	snprintf(top, sizeof top, "%s%s%s", side->part ? side->part : "", side->part ? "   " : "",
		 serial);
	struct pdf_text text;
	int status = label_text(&text, fonts, top, muted);
	double ascent, descent;
	label_extent(fonts, &ascent, &descent);
	const struct box *b = &side->box;
	*used = text_width(&text, 0, text.count);
	if (status == 0)
		status = content_glyphs(content, fonts, &text, 0, text.count,
					b->x + b->w - SIDE_PAD - *used, b->y + b->h - SIDE_PAD - ascent);
	size_t from = text.count - strlen(serial); /* the serial is ASCII: a glyph a byte */
	if (status == 0)
		status = content_glyphs(content, fonts, &text, from, text.count, b->x + SIDE_PAD,
					b->y + SIDE_PAD + descent);
	text_free(&text);
	return status;
}

/* The label, cut to its first line before the number at the right. */
static int draw_label(struct pdf_content *content, struct pdf_fonts *fonts,
		      const struct side *side, struct pdf_color muted, double room)
{
	struct pdf_text text;
	struct pdf_lines lines = {0};
	int status = label_text(&text, fonts, side->label ? side->label : "", muted);
	if (status == 0)
		status = text_break(&text, room, room, &lines);
	double ascent, descent;
	label_extent(fonts, &ascent, &descent);
	if (status == 0 && lines.count > 0)
		status = content_glyphs(content, fonts, &text, lines.items[0].start,
					lines.items[0].end, side->box.x + SIDE_PAD,
					side->box.y + side->box.h - SIDE_PAD - ascent);
	lines_free(&lines);
	text_free(&text);
	return status;
}

/* The mark before a wrapped code line, in the line's size, muted. */
static int draw_mark(struct pdf_content *content, struct pdf_fonts *fonts,
		     const struct face_line *line, double x, double baseline, struct pdf_color muted)
{
	struct pdf_text text;
	text_init(&text, NULL, 0);
	text.quiet = 1;
	struct pdf_style style = {.face = FACE_MONO, .size = line->size, .color = muted};
	int index = text_style(&text, &style);
	int status = index < 0 ? -1 : text_append(&text, fonts, index, "\u21AA", 3);
	if (content->tags)
		tags_begin_artifact(content->tags);
	if (status == 0)
		status = content_glyphs(content, fonts, &text, 0, text.count, x, baseline);
	if (content->tags)
		tags_end_artifact(content->tags);
	text_free(&text);
	return status;
}

static int draw_lines(struct pdf_content *content, struct face *face, size_t start, size_t end,
		      const struct side *side, struct pdf_color muted)
{
	const struct box *b = &side->box;
	double y = b->y + b->h - SIDE_PAD - LABEL_LINE - LABEL_GAP;
	double room = side_room_height(b->h);
	double height = face_height(face, start, end);
	if (side->center && height < room)
		y -= (room - height) / 2;
	for (size_t i = start; i < end; i++) {
		const struct face_line *line = &face->lines[i];
		if (i > start)
			y -= line->gap;
		/* The text's ascent, about 0.8 em, under the half of the
		 * line's leading above it. */
		double baseline = y - (line->advance - line->size) / 2 - line->size * 0.8;
		double x = b->x + SIDE_PAD + line->indent;
		if (line->mark > 0 &&
		    draw_mark(content, face->fonts, line, x - line->mark, baseline, muted) != 0)
			return -1;
		if (content_glyphs(content, face->fonts, &face->texts[line->text], line->start,
				   line->end, x, baseline) != 0)
			return -1;
		y -= line->advance;
	}
	return 0;
}

int side_draw(struct pdf_content *content, struct face *face, size_t start, size_t end,
	      const struct side *side, struct pdf_color muted)
{
	const struct box *b = &side->box;
	write_op(content, "q\n%.3f %.3f %.3f %.3f re W n\n", b->x, b->y, b->w, b->h);
	double serial_width = 0;
	/* The label and numbers are the card's furniture; its lines, text. */
	struct pdf_tags *tags = content->tags;
	if (tags)
		tags_begin_artifact(tags);
	int status = draw_serial(content, face->fonts, side, muted, &serial_width);
	if (status == 0)
		status = draw_label(content, face->fonts, side, muted,
				    side_room_width(b->w) - serial_width - 2 * MM);
	if (tags) {
		tags_end_artifact(tags);
		tags_open(tags, "P");
	}
	if (status == 0)
		status = draw_lines(content, face, start, end, side, muted);
	if (tags)
		tags_close(tags);
	content_unmark(content); /* a sequence ends inside the clip it began in */
	content_write(content, "Q\n", 2);
	/* The clip's Q restored the font and colours set inside it. */
	content_reset(content, content->page, content->failed);
	return status;
}
