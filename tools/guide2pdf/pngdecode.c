/* pngdecode.c: every kind of PNG libpng reads, as 8-bit planes for a PDF.
 *
 * Owns: the libpng transforms that bring any PNG (1 to 16 bits, palette,
 * grey, grey and alpha, RGB, RGBA, a tRNS colour key, interlaced) to 8-bit
 * grey or RGB plus an alpha plane, and libpng's errors, caught here with
 * setjmp and turned into a reason. Never: reads a file (the caller brings
 * the bytes, read through imagefile.c), prints anything, or knows libharu.
 * Gamma and colour profiles are not applied: a browser with no colour
 * management shows the samples as they are, and so does the PDF. */
#include "guide2pdf/pngdecode.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The file's bytes as libpng reads them, and the reason of a failure. */
struct png_source {
	const unsigned char *data;
	size_t len, at;
	char *why;
	size_t why_size;
};

static void read_bytes(png_structp png, png_bytep out, png_size_t count)
{
	struct png_source *source = png_get_io_ptr(png);
	if (count > source->len - source->at)
		png_error(png, "the file is cut short");
	memcpy(out, source->data + source->at, count);
	source->at += count;
}

static void on_error(png_structp png, png_const_charp message)
{
	struct png_source *source = png_get_error_ptr(png);
	snprintf(source->why, source->why_size, "cannot be decoded (%s)", message);
	png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message)
{
	(void)png; /* an ancillary chunk libpng skips: the picture is whole */
	(void)message;
}

/* The transforms to 8 bits per sample, palettes and colour keys expanded to
 * colour and alpha. Returns the channels per pixel after them. */
static int set_transforms(png_structp png, png_infop info)
{
	png_set_expand(png); /* palette to RGB, low bit depths to 8, tRNS to alpha */
	png_set_scale_16(png);
	png_set_interlace_handling(png);
	png_read_update_info(png, info);
	return png_get_channels(png, info);
}

/* Splits the interleaved SAMPLES (CHANNELS per pixel, the last alpha when
 * even) into PIXELS' colour and alpha planes; an all-opaque alpha is left out. */
static int split_planes(const unsigned char *samples, int channels, struct png_pixels *pixels)
{
	size_t count = (size_t)pixels->width * pixels->height;
	int has_alpha = channels == 2 || channels == 4;
	pixels->channels = has_alpha ? channels - 1 : channels;
	pixels->color = malloc(count * (size_t)pixels->channels);
	pixels->alpha = has_alpha ? malloc(count) : NULL;
	if (!pixels->color || (has_alpha && !pixels->alpha))
		return -1;
	int opaque = 1;
	for (size_t i = 0; i < count; i++) {
		const unsigned char *pixel = samples + i * (size_t)channels;
		memcpy(pixels->color + i * (size_t)pixels->channels, pixel, (size_t)pixels->channels);
		if (has_alpha) {
			pixels->alpha[i] = pixel[channels - 1];
			opaque &= pixel[channels - 1] == 255;
		}
	}
	if (opaque) {
		free(pixels->alpha);
		pixels->alpha = NULL;
	}
	return 0;
}

/* What read_pixels allocates for libpng to write into: png_decode frees it,
 * also after a longjmp, since it lives outside the function that setjmps. */
struct png_buffers {
	unsigned char *samples;
	png_bytep *rows;
};

/* Reads the image once libpng is set up; libpng's errors longjmp out. */
static int read_pixels(png_structp png, png_infop info, size_t max_bytes,
		       struct png_pixels *pixels, struct png_buffers *buffers)
{
	struct png_source *source = png_get_io_ptr(png);
	png_read_info(png, info);
	pixels->width = png_get_image_width(png, info);
	pixels->height = png_get_image_height(png, info);
	int channels = set_transforms(png, info);
	size_t row_bytes = png_get_rowbytes(png, info);
	if (channels < 1 || channels > 4 || row_bytes != pixels->width * (size_t)channels ||
	    row_bytes > max_bytes / pixels->height) {
		snprintf(source->why, source->why_size,
			 "is too large to decode (%lux%lu pixels)", pixels->width, pixels->height);
		return -1;
	}
	buffers->samples = malloc(row_bytes * pixels->height);
	buffers->rows = malloc(pixels->height * sizeof *buffers->rows);
	if (!buffers->samples || !buffers->rows)
		return -1;
	for (unsigned long y = 0; y < pixels->height; y++)
		buffers->rows[y] = buffers->samples + y * row_bytes;
	png_read_image(png, buffers->rows);
	png_read_end(png, NULL);
	return split_planes(buffers->samples, channels, pixels);
}

/* The one function that setjmps: it changes no local of its own after. */
static int guarded_read(png_structp png, png_infop info, size_t max_bytes,
			struct png_pixels *pixels, struct png_buffers *buffers)
{
	if (setjmp(png_jmpbuf(png)) != 0)
		return -1;
	return read_pixels(png, info, max_bytes, pixels, buffers);
}

int png_decode(const unsigned char *data, size_t len, size_t max_bytes, struct png_pixels *pixels,
	       char *why, size_t why_size)
{
	memset(pixels, 0, sizeof *pixels);
	struct png_source source = {data, len, 0, why, why_size};
	snprintf(why, why_size, "cannot be decoded: out of memory");
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &source, on_error,
						 on_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		png_destroy_read_struct(&png, NULL, NULL);
		return -1;
	}
	png_set_read_fn(png, &source, read_bytes);
	struct png_buffers buffers = {NULL, NULL};
	int status = guarded_read(png, info, max_bytes, pixels, &buffers);
	free(buffers.rows);
	free(buffers.samples);
	png_destroy_read_struct(&png, &info, NULL);
	if (status != 0)
		png_pixels_free(pixels);
	return status;
}

void png_pixels_free(struct png_pixels *pixels)
{
	free(pixels->color);
	free(pixels->alpha);
	memset(pixels, 0, sizeof *pixels);
}
