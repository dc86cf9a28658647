/* sheet.c: the printed sheet: paper, the grid of cards, duplex and cut marks.
 *
 * Owns: the paper and card sizes, where each card lies on the front page and
 * where its back must be drawn on the next page so that, once the sheet is
 * turned over its long edge (or, with --flip short, its short edge), the back
 * lies behind the front; the cut marks; the calibration sheet that measures
 * a printer's duplex error. Never: lays out or draws a card's text (face.c,
 * draw.c), or reads the tree.
 *
 * Turned over the long edge, a point at x on the front lies at page width - x
 * on the back, at the same height; over the short edge, at the same x and at
 * page height - y. A card's box is mirrored whole, so its back sits in the
 * mirrored box and reads upright. */
#include "guide2cards/cards.h"

#include "diag.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define A4_W (210 * MM)
#define A4_H (297 * MM)
#define LETTER_W 612.0
#define LETTER_H 792.0
#define MAX_GRID 8
#define MIN_CARD (20 * MM) /* smaller holds no question readably */
#define MARK_LENGTH (5 * MM)
#define MARK_CLEARANCE (2 * MM) /* between a mark and the card it points at */
#define MARK_WIDTH 0.3

static int parse_paper(struct sheet *s, const char *paper)
{
	if (!paper || strcmp(paper, "a4") == 0) {
		s->page_w = A4_W;
		s->page_h = A4_H;
	} else if (strcmp(paper, "letter") == 0) {
		s->page_w = LETTER_W;
		s->page_h = LETTER_H;
	} else {
		diag_fatal("--paper takes a4 or letter, not '%s'", paper);
		return -1;
	}
	return 0;
}

/* A card size, WxH with a unit (mm or in), or a name; the long side first,
 * across, as cards are read. 0 when CARD is a size. */
static int parse_size(const char *card, double *w, double *h)
{
	if (strcmp(card, "a7") == 0) {
		*w = 105 * MM;
		*h = 74 * MM;
		return 0;
	}
	double a, b;
	char unit[4] = "";
	int used = 0;
	if (sscanf(card, "%lfx%lf%3[a-z]%n", &a, &b, unit, &used) != 3 || card[used] != '\0')
		return -1;
	double scale = strcmp(unit, "mm") == 0 ? MM : strcmp(unit, "in") == 0 ? 72.0 : 0;
	if (scale == 0 || !isfinite(a) || !isfinite(b) || a <= 0 || b <= 0 || a > 1000 || b > 1000)
		return -1;
	*w = fmax(a, b) * scale;
	*h = fmin(a, b) * scale;
	return 0;
}

/* Cards of W x H in a grid on the printable area: *COLS, *ROWS. */
static void grid_count(const struct sheet *s, double w, double h, int *cols, int *rows)
{
	double room_w = s->page_w - 2 * SHEET_MARGIN, room_h = s->page_h - 2 * SHEET_MARGIN;
	*cols = (int)floor((room_w + SHEET_GAP) / (w + SHEET_GAP));
	*rows = (int)floor((room_h + SHEET_GAP) / (h + SHEET_GAP));
}

/* As many cards of W x H as the printable area holds, laid across or, when
 * that holds more (A7 on A4: four upright, three across), upright. */
static int grid_of_size(struct sheet *s, const char *card, double w, double h)
{
	int cols, rows, up_cols, up_rows;
	grid_count(s, w, h, &cols, &rows);
	grid_count(s, h, w, &up_cols, &up_rows);
	int upright = up_cols * up_rows > cols * rows;
	s->card_w = upright ? h : w;
	s->card_h = upright ? w : h;
	s->cols = upright ? up_cols : cols;
	s->rows = upright ? up_rows : rows;
	if (s->cols < 1 || s->rows < 1 || w < MIN_CARD || h < MIN_CARD) {
		diag_fatal("--card %s: a card of %.0f x %.0f mm does not fit the paper inside a "
			   "10 mm margin (or is under 20 mm); pick a smaller card or a grid such as 2x4",
			   card, w / MM, h / MM);
		return -1;
	}
	return 0;
}

/* COLSxROWS cards sharing the printable area. */
static int grid_of_count(struct sheet *s, const char *card, int cols, int rows)
{
	s->cols = cols;
	s->rows = rows;
	s->card_w = (s->page_w - 2 * SHEET_MARGIN - (cols - 1) * SHEET_GAP) / cols;
	s->card_h = (s->page_h - 2 * SHEET_MARGIN - (rows - 1) * SHEET_GAP) / rows;
	if (s->card_w < MIN_CARD || s->card_h < MIN_CARD) {
		diag_fatal("--card %s: cards under 20 mm; use fewer columns or rows", card);
		return -1;
	}
	return 0;
}

int sheet_setup(struct sheet *s, const char *paper, const char *card)
{
	if (parse_paper(s, paper) != 0)
		return -1;
	card = card ? card : "2x4";
	int cols, rows, used = 0;
	double w, h;
	int status;
	if (sscanf(card, "%dx%d%n", &cols, &rows, &used) == 2 && card[used] == '\0') {
		if (cols < 1 || rows < 1 || cols > MAX_GRID || rows > MAX_GRID) {
			diag_fatal("--card %s: a grid from 1x1 to %dx%d", card, MAX_GRID, MAX_GRID);
			return -1;
		}
		status = grid_of_count(s, card, cols, rows);
	} else if (parse_size(card, &w, &h) == 0) {
		status = grid_of_size(s, card, w, h);
	} else {
		diag_fatal("--card takes a grid (2x4) or a size (3x5in, a7, 85x55mm), not '%s'",
			   card);
		return -1;
	}
	if (status != 0)
		return -1;
	/* The grid centred: the mirror of a centred grid is the grid itself,
	 * so a back's box is one of the grid's boxes. */
	s->left = (s->page_w - s->cols * s->card_w - (s->cols - 1) * SHEET_GAP) / 2;
	s->top = s->page_h - (s->page_h - s->rows * s->card_h - (s->rows - 1) * SHEET_GAP) / 2;
	return 0;
}

int sheet_slots(const struct sheet *s)
{
	return s->cols * s->rows;
}

/* Slots fill the front row by row from the top left. */
struct box sheet_front(const struct sheet *s, int slot)
{
	int col = slot % s->cols, row = slot / s->cols;
	return (struct box){.x = s->left + col * (s->card_w + SHEET_GAP),
			    .y = s->top - (row + 1) * s->card_h - row * SHEET_GAP,
			    .w = s->card_w,
			    .h = s->card_h};
}

struct box sheet_back(const struct sheet *s, int slot)
{
	struct box b = sheet_front(s, slot);
	if (s->flip_short)
		b.y = s->page_h - b.y - b.h;
	else
		b.x = s->page_w - b.x - b.w;
	b.x += s->offset_x;
	b.y += s->offset_y;
	return b;
}

/* Marks on the lines of the cards' edges, in the margins: a ruler laid on
 * two of them cuts the whole sheet. */
void sheet_cut_marks(struct pdf_content *c, const struct sheet *s)
{
	struct pdf_color ink = {0, 0, 0};
	double bottom = s->top - s->rows * s->card_h - (s->rows - 1) * SHEET_GAP;
	double right = s->left + s->cols * s->card_w + (s->cols - 1) * SHEET_GAP;
	double near = MARK_CLEARANCE, far = MARK_CLEARANCE + MARK_LENGTH;
	for (int col = 0; col < s->cols; col++)
		for (int edge = 0; edge < 2; edge++) {
			double x = s->left + col * (s->card_w + SHEET_GAP) + edge * s->card_w;
			content_stroke_line(c, x, s->top + near, x, s->top + far, MARK_WIDTH, ink);
			content_stroke_line(c, x, bottom - near, x, bottom - far, MARK_WIDTH, ink);
		}
	for (int row = 0; row < s->rows; row++)
		for (int edge = 0; edge < 2; edge++) {
			double y = s->top - row * (s->card_h + SHEET_GAP) - edge * s->card_h;
			content_stroke_line(c, s->left - near, y, s->left - far, y, MARK_WIDTH, ink);
			content_stroke_line(c, right + near, y, right + far, y, MARK_WIDTH, ink);
		}
}
