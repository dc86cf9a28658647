/* pngdecode.h: a PNG file as 8-bit samples a PDF image can hold.
 *
 * libharu's own PNG loader takes only some PNGs: a 16-bit file comes out
 * doubled and in the wrong colours, and a damaged one aborts the process
 * inside libpng. So every PNG is decoded here, by libpng with an error
 * handler, into 8-bit grey or RGB samples and, when any pixel is not opaque,
 * an 8-bit alpha plane for a soft mask. */
#ifndef GUIDE2PDF_PNGDECODE_H
#define GUIDE2PDF_PNGDECODE_H

#include <stddef.h>

struct png_pixels {
	unsigned long width, height;
	int channels;          /* 1: grey, 3: RGB, in COLOR */
	unsigned char *color;  /* width * height * channels bytes, rows top down */
	unsigned char *alpha;  /* width * height bytes, or NULL when all opaque */
};

/* Decodes the PNG file DATA[0, LEN) into PIXELS, refusing one whose samples
 * would take more than MAX_BYTES. Returns 0, or -1 with WHY (WHY_SIZE bytes)
 * set to a phrase that completes "image 'SRC' ..." and PIXELS empty. */
int png_decode(const unsigned char *data, size_t len, size_t max_bytes, struct png_pixels *pixels,
	       char *why, size_t why_size);
void png_pixels_free(struct png_pixels *pixels);

#endif
