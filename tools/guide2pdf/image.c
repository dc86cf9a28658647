/* image.c: the images of the handout, under the paragraph that names them.
 *
 * Owns: reading an image (PNG or JPEG) from the image folder, once per src
 * (struct render's cache), its size on the page, and drawing a paragraph's
 * images in centred rows under its text. Never: reads outside the image
 * folder (tools/lib/imagefile.c decides what is inside), decodes a PNG
 * itself (pngdecode.c does) or fails the document over a bad image: a file
 * that is missing, a GIF or damaged is a warning, and inline.c prints its
 * alt text in its place. */
#include "guide2pdf/handout.h"
#include "guide2pdf/pngdecode.h"

#include "diag.h"
#include "tree.h"

#include <hpdf_doc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IMAGE_BYTES ((size_t)256 << 20) /* decoded samples */
#define MAX_IMAGE_FILE_BYTES ((size_t)32 << 20) /* one image file as read */
/* A pixel is a CSS pixel, 1/96 inch, as a browser shows the image; a point
 * is 1/72 inch. */
#define POINTS_PER_PIXEL 0.75
#define MAX_UPSCALE 2.0 /* a width or height asked for enlarges no more */
#define IMAGE_GAP 4.0   /* points between the images of a row, and above a row */

/* libharu's errors while it takes an image are the image's, not the
 * document's: caught, cleared and reported as a warning. */
static HPDF_Image check_loaded(struct render *r, HPDF_Image image, const char *src, long line)
{
	if (image && HPDF_GetError(r->pdf.doc) == HPDF_OK)
		return image;
	HPDF_ResetError(r->pdf.doc);
	diag_warning(r->pdf.source, line, "image '%s' cannot be decoded; printing its alt text",
		     src);
	return NULL;
}

/* A PNG, decoded here and given to libharu as samples: its own PNG loader
 * garbles 16-bit files. Transparency becomes a soft mask. */
static HPDF_Image read_png(struct render *r, const struct image_file *file, const char *src,
			   long line)
{
	struct png_pixels pixels;
	char why[200];
	if (png_decode(file->data, file->len, MAX_IMAGE_BYTES, &pixels, why, sizeof why) != 0) {
		diag_warning(r->pdf.source, line, "image '%s' %s; printing its alt text", src, why);
		return NULL;
	}
	HPDF_UINT width = (HPDF_UINT)pixels.width, height = (HPDF_UINT)pixels.height;
	HPDF_ColorSpace space = pixels.channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB;
	r->loading_image = 1;
	HPDF_Image image = HPDF_LoadRawImageFromMem(r->pdf.doc, pixels.color, width, height, space, 8);
	if (image && pixels.alpha) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(r->pdf.doc, pixels.alpha, width, height,
							   HPDF_CS_DEVICE_GRAY, 8);
		if (!mask || HPDF_Image_AddSMask(image, mask) != HPDF_OK)
			image = NULL;
		else if (r->pdf.doc->pdf_version < HPDF_VER_14)
			r->pdf.doc->pdf_version = HPDF_VER_14; /* soft masks came in PDF 1.4 */
	}
	r->loading_image = 0;
	png_pixels_free(&pixels);
	return check_loaded(r, image, src, line);
}

/* Loads a PNG or JPEG file; a GIF is a warning. */
static HPDF_Image read_image(struct render *r, const struct image_file *file, const char *src,
			     long line)
{
	if (strcmp(file->ext, "png") == 0)
		return read_png(r, file, src, line);
	if (strcmp(file->ext, "jpg") != 0) {
		diag_warning(r->pdf.source, line,
			     "image '%s' is a GIF, which PDF cannot hold; convert it to PNG; "
			     "printing its alt text", src);
		return NULL;
	}
	r->loading_image = 1;
	HPDF_Image image = HPDF_LoadJpegImageFromMem(r->pdf.doc, file->data, (HPDF_UINT)file->len);
	r->loading_image = 0;
	return check_loaded(r, image, src, line);
}

static HPDF_Image load_image(struct render *r, const char *src, long line)
{
	if (!src)
		return NULL;
	src = imagefile_first_name(&r->image_folder, src); /* one entry per file */
	for (int i = 0; i < r->cache_count; i++)
		if (strcmp(r->cache[i].src, src) == 0)
			return r->cache[i].image;
	if (r->cache_count >= MAX_IMAGES)
		return NULL;
	struct image *entry = &r->cache[r->cache_count];
	entry->src = strdup(src);
	entry->image = NULL;
	if (!entry->src)
		return NULL;
	r->cache_count++;
	struct image_file file;
	const char *why;
	if (imagefile_load(&r->image_folder, src, MAX_IMAGE_FILE_BYTES, &file, &why) != 0) {
		diag_warning(r->pdf.source, line, "image '%s' %s; printing its alt text", src, why);
		return NULL;
	}
	entry->image = read_image(r, &file, src, line);
	imagefile_free(&file);
	return entry->image;
}

int image_shown(struct render *r, const xmlNode *node, long line)
{
	return load_image(r, tree_attr(node, "src"), line) != NULL;
}

/* An <img width> or height in points: "120", "120px", or for a width "50%"
 * of the column; 0 when absent or not a length. */
static double length_attr(const xmlNode *node, const char *name, double whole)
{
	const char *value = tree_attr(node, name);
	if (!value)
		return 0;
	char *end;
	double number = strtod(value, &end);
	if (end == value || !isfinite(number) || number <= 0 || number > 1e5)
		return 0;
	if (*end == '%')
		return whole > 0 && number <= 100 ? whole * number / 100 : 0;
	if (*end == '\0' || strcmp(end, "px") == 0)
		return number * POINTS_PER_PIXEL;
	return 0;
}

/* The size of IMAGE on the page: its own size in CSS pixels, or the width or
 * height the img element asks for (at most MAX_UPSCALE times that), never
 * wider than the column nor taller than most of a page. */
static void image_box(const struct render *r, const xmlNode *node, HPDF_Image image, double *w,
		      double *h)
{
	*w = *h = 0;
	if (!image)
		return;
	double pixels_w = HPDF_Image_GetWidth(image), pixels_h = HPDF_Image_GetHeight(image);
	double column = flow_width(r);
	double max_h = (page_top(&r->pdf) - page_bottom(&r->pdf)) * 0.8;
	double scale = POINTS_PER_PIXEL;
	double want_w = length_attr(node, "width", column), want_h = length_attr(node, "height", 0);
	if (want_w > 0 || want_h > 0) {
		double asked = want_w > 0 ? want_w / pixels_w : INFINITY;
		if (want_h > 0)
			asked = fmin(asked, want_h / pixels_h);
		scale = fmin(asked, POINTS_PER_PIXEL * MAX_UPSCALE);
	}
	scale = fmin(scale, fmin(column / pixels_w, max_h / pixels_h));
	*w = pixels_w * scale;
	*h = pixels_h * scale;
}

/* The images [FROM, *TO) of the paragraph that fit one row, as wide as
 * *ROW_W and as tall as *ROW_H; W and H hold each one's size. */
static void fill_row(struct render *r, int from, int *to, const double *w, double *row_w,
		     const double *h, double *row_h)
{
	double column = flow_width(r);
	*row_w = w[from];
	*row_h = h[from];
	int end = from + 1;
	for (; end < r->image_count && *row_w + IMAGE_GAP + w[end] <= column; end++) {
		*row_w += IMAGE_GAP + w[end];
		*row_h = fmax(*row_h, h[end]);
	}
	*to = end;
}

static void image_sizes(struct render *r, long line, HPDF_Image *images, double *w, double *h)
{
	for (int i = 0; i < r->image_count; i++) {
		images[i] = load_image(r, tree_attr(r->images[i], "src"), line);
		image_box(r, r->images[i], images[i], &w[i], &h[i]);
	}
}

double image_lead_height(struct render *r, long line)
{
	if (r->image_count == 0)
		return 0;
	HPDF_Image images[MAX_IMAGES];
	double w[MAX_IMAGES], h[MAX_IMAGES], row_w, row_h;
	int to;
	image_sizes(r, line, images, w, h);
	fill_row(r, 0, &to, w, &row_w, h, &row_h);
	return row_h + IMAGE_GAP;
}

int pdf_render_images(struct render *r, long line, int after_text)
{
	HPDF_Image images[MAX_IMAGES];
	double w[MAX_IMAGES], h[MAX_IMAGES], row_w, row_h;
	image_sizes(r, line, images, w, h);
	for (int from = 0, to; from < r->image_count; from = to) {
		fill_row(r, from, &to, w, &row_w, h, &row_h);
		double gap = after_text || from > 0 ? IMAGE_GAP : 0;
		if (page_need(&r->pdf, row_h + gap) != 0)
			return -1;
		if (!r->pdf.at_top)
			r->pdf.y -= gap;
		/* Centred in the column, as GitHub shows a lone image; the
		 * images of one row stand on one line. */
		double x = r->pdf.left + (flow_width(r) - row_w) / 2;
		for (int i = from; i < to && r->pdf.page; i++) {
			if (images[i]) {
				/* An image with no alt text is decoration: furniture. */
				const char *alt = tree_attr(r->images[i], "alt");
				int shown = alt && *alt;
				int figure = shown ? tags_open_figure(&r->pdf.tags, alt)
						   : TAG_ARTIFACT;
				content_image(&r->pdf.content, images[i], x, r->pdf.y - row_h,
					      w[i], h[i], figure);
				if (shown)
					tags_close(&r->pdf.tags);
			}
			x += w[i] + IMAGE_GAP;
		}
		r->pdf.y -= row_h;
		r->pdf.at_top = 0;
	}
	return r->pdf.failed ? -1 : 0;
}

void image_cache_free(struct render *r)
{
	for (int i = 0; i < r->cache_count; i++)
		free(r->cache[i].src);
	r->cache_count = 0;
}
