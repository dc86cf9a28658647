/* cards.h: what the modules of guide2cards share.
 *
 * guide2cards sets its text with guide2pdf's typesetting (typeset.h: fonts,
 * text runs, line breaking, code layout, the content stream), linked, not
 * copied; nothing of the handout (handout.h) is used. guide2cards.c reads the
 * options, walks the tree and saves; the modules below never call into it.
 *   sheet.c     paper, card sizes, the grid, where each back lands behind its
 *               front for the flip, cut marks, the calibration sheet
 *   face.c      one side of a card as lines: the question, or the reason and
 *               the answer; sizes tried down to the minimum, then split
 *   draw.c      a side's lines into its box, clipped, with its labels */
#ifndef GUIDE2CARDS_CARDS_H
#define GUIDE2CARDS_CARDS_H

#include "guide2pdf/typeset.h"
#include "codetheme.h"

#include <libxml/tree.h>

#define MM (72.0 / 25.4) /* points in a millimetre */

/* ---- sheet.c ------------------------------------------------------------ */
struct box {
	double x, y, w, h; /* PDF points, from the page's bottom-left corner */
};

struct sheet {
	double page_w, page_h;
	double card_w, card_h;
	int cols, rows;
	double left, top;          /* the front grid's top-left corner */
	int flip_short;            /* duplex turned over the short edge */
	double offset_x, offset_y; /* --back-offset: backs moved right, up */
};

#define SHEET_MARGIN (10 * MM) /* room for the cut marks, and the printer's edge */
#define SHEET_GAP (6 * MM)     /* between cards: a cut a little off stays off both */

/* Paper A4 or Letter, and the grid of CARD ("2x4" columns x rows, or a card
 * size: 3x5in, a7, 85x55mm, WxHmm, WxHin). -1 after a usage error. */
int sheet_setup(struct sheet *sheet, const char *paper, const char *card);
int sheet_slots(const struct sheet *sheet);
struct box sheet_front(const struct sheet *sheet, int slot);
/* Where the back of SLOT's card is drawn on the even page, so that after the
 * flip it lies behind the front; --back-offset added. */
struct box sheet_back(const struct sheet *sheet, int slot);
/* The thin cut marks, in the margins only: never inside a card. */
void sheet_cut_marks(struct pdf_content *content, const struct sheet *sheet);
/* --calibrate: a front of crosses and a back of scales, two pages. */
int sheet_calibrate(HPDF_Doc doc, struct pdf_fonts *fonts, const struct sheet *sheet,
		    int *failed);

/* ---- face.c ------------------------------------------------------------- */
struct face_colors {
	struct pdf_color text, muted, why, code, heading;
	/* each kind of code token, from the handout's code_theme (codetheme.h):
	 * its colour and its face (the monospace face, or its bold or italic) */
	struct pdf_color code_kind[CODE_KINDS];
	enum pdf_face code_kind_face[CODE_KINDS];
	int highlight; /* 0: code_theme none, tokens in the code's colour */
};

struct face_line {
	size_t text;        /* index into the face's texts */
	size_t start, end;  /* glyphs */
	double indent;
	double size;        /* the line's largest font size */
	double advance;     /* the line's height */
	double gap;         /* space above it */
	int group;          /* lines of one diagram share a non-zero group: never split */
	double mark;        /* a wrapped code line: the width of its mark before it */
};

struct face {
	struct pdf_text *texts;
	size_t text_count, text_cap;
	struct face_line *lines;
	size_t line_count, line_cap;
	int groups;
	/* what laying out needs */
	struct pdf_fonts *fonts;
	const struct face_colors *colors;
	const char *source;
	const char *lang;
	double width, height; /* the room on the card */
	double size;          /* body size being tried */
	int quiet;            /* tried at a smaller size: its warnings were given */
};

#define FACE_MIN_SIZE 7.0 /* the smallest readable size: then a second card */
#define FACE_BACK_SIZE 10.0
#define FACE_FRONT_SIZE 16.0

void face_init(struct face *face, struct pdf_fonts *fonts, const struct face_colors *colors,
	       const char *source, const char *lang, double width, double height);
void face_clear(struct face *face);
void face_free(struct face *face);
/* Lays out the front (question and prompt) or the back (why and answer) of
 * CARD at the largest size that fits, at least FACE_MIN_SIZE; -1 on
 * allocation failure. */
int face_front(struct face *face, const xmlNode *card);
int face_back(struct face *face, const xmlNode *card);
double face_height(const struct face *face, size_t start, size_t end);
/* Where the lines are cut into cards: *COUNT chunks, chunk I the lines
 * [CUTS[I], CUTS[I + 1]); a diagram stays whole. CUTS has room for
 * line_count + 1; -1 on allocation failure. */
int face_chunks(const struct face *face, size_t **cuts, size_t *count);

/* ---- draw.c ------------------------------------------------------------- */
struct side {
	struct box box;
	const char *label;     /* top left: section and number, or "answer" */
	const char *part;      /* "1/2", or NULL */
	int serial;            /* the card's place in the deck, at two corners */
	int center;            /* a front: the lines centred in the room */
};

#define SIDE_PAD (4 * MM)
#define SIDE_LABEL_SIZE 6.0

/* The room for lines on a card of W x H points. */
double side_room_width(double w);
double side_room_height(double h);
/* Lines [START, END) of FACE into SIDE's box, clipped to it. */
int side_draw(struct pdf_content *content, struct face *face, size_t start, size_t end,
	      const struct side *side, struct pdf_color muted);

#endif
