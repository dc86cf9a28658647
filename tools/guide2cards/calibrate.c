/* calibrate.c: the --calibrate sheet, which measures a printer's duplex error.
 *
 * Owns: a front page of crosses at the centres of the first and last card
 * and of the page, and a back page of scales at the places those crosses
 * land after the flip. Held against the light, each cross's lines fall on a
 * tick of the scales behind: that tick's number is what --back-offset takes.
 * Never: lays out cards; the places come from sheet.c's mirror, with the
 * offset given, so a sheet printed with the right offset reads 0,0.
 *
 * Why the tick reads the correction: a tick t mm from the mirrored point,
 * on a back the printer shifts by e, lands t + e from the cross; the cross
 * meets the tick where t = -e, the shift that undoes the printer's. */
#include "guide2cards/cards.h"

#include <stdio.h>
#include <string.h>

#define SCALE_MM 10 /* ticks from -10 to 10 mm */
#define CROSS (12 * MM)

static const struct pdf_color INK = {0, 0, 0};

static void cross(struct pdf_content *c, double x, double y)
{
	content_stroke_line(c, x - CROSS, y, x + CROSS, y, 0.25, INK);
	content_stroke_line(c, x, y - CROSS, x, y + CROSS, 0.25, INK);
}

static int say(struct pdf_content *c, struct pdf_fonts *fonts, const char *utf8, double size,
	       double x, double y)
{
	struct pdf_text text;
	text_init(&text, NULL, 0);
	struct pdf_style style = {.face = FACE_REGULAR, .size = size, .color = INK};
	int index = text_style(&text, &style);
	int status = index < 0 ? -1 : text_append(&text, fonts, index, utf8, strlen(utf8));
	if (status == 0)
		status = content_glyphs(c, fonts, &text, 0, text.count, x, y);
	text_free(&text);
	return status;
}

/* Ticks every millimetre across and down through X, Y; numbers every 5. */
static int scales(struct pdf_content *c, struct pdf_fonts *fonts, double x, double y)
{
	content_stroke_line(c, x - SCALE_MM * MM, y, x + SCALE_MM * MM, y, 0.25, INK);
	content_stroke_line(c, x, y - SCALE_MM * MM, x, y + SCALE_MM * MM, 0.25, INK);
	for (int t = -SCALE_MM; t <= SCALE_MM; t++) {
		double len = (t % 5 == 0 ? 2.5 : 1.2) * MM;
		content_stroke_line(c, x + t * MM, y - len, x + t * MM, y + len, 0.2, INK);
		content_stroke_line(c, x - len, y + t * MM, x + len, y + t * MM, 0.2, INK);
		if (t % 5 != 0 || t == 0)
			continue;
		char number[8];
		snprintf(number, sizeof number, "%d", t);
		if (say(c, fonts, number, 5, x + t * MM - 2, y - 3 * MM - 5) != 0 ||
		    say(c, fonts, number, 5, x - 3 * MM - 8, y + t * MM - 2) != 0)
			return -1;
	}
	return say(c, fonts, "X \u2192   Y \u2191", 5, x + 3 * MM, y + (SCALE_MM + 2) * MM);
}

int sheet_calibrate(HPDF_Doc doc, struct pdf_fonts *fonts, const struct sheet *sheet,
		    int *failed)
{
	struct box first = sheet_front(sheet, 0), last = sheet_front(sheet, sheet_slots(sheet) - 1);
	struct box first_back = sheet_back(sheet, 0), last_back = sheet_back(sheet, sheet_slots(sheet) - 1);
	double fx[3] = {first.x + first.w / 2, sheet->page_w / 2, last.x + last.w / 2};
	double fy[3] = {first.y + first.h / 2, sheet->page_h / 2, last.y + last.h / 2};
	double bx[3] = {first_back.x + first_back.w / 2, 0, last_back.x + last_back.w / 2};
	double by[3] = {first_back.y + first_back.h / 2, 0, last_back.y + last_back.h / 2};
	/* The page's centre mirrors onto itself, plus the offset. */
	bx[1] = sheet->page_w / 2 + sheet->offset_x;
	by[1] = sheet->page_h / 2 + sheet->offset_y;
	struct pdf_content content = {0};
	int status = 0;
	for (int side = 0; status == 0 && side < 2; side++) {
		HPDF_Page page = HPDF_AddPage(doc);
		if (!page)
			return -1;
		HPDF_Page_SetWidth(page, (HPDF_REAL)sheet->page_w);
		HPDF_Page_SetHeight(page, (HPDF_REAL)sheet->page_h);
		content_reset(&content, page, failed);
		for (int i = 0; status == 0 && i < 3; i++)
			if (side == 0)
				cross(&content, fx[i], fy[i]);
			else
				status = scales(&content, fonts, bx[i], by[i]);
		if (status == 0 && side == 0)
			status = say(&content, fonts,
				     "Print both pages duplex, as the cards will be. Hold the sheet to the "
				     "light: where each cross meets the scales behind it,",
				     7, SHEET_MARGIN, SHEET_MARGIN) ||
				 say(&content, fonts,
				     "read X on the across scale and Y on the up scale, then print the cards "
				     "with --back-offset X,Y.",
				     7, SHEET_MARGIN, SHEET_MARGIN - 9);
	}
	content_free(&content);
	return status != 0 || *failed ? -1 : 0;
}
