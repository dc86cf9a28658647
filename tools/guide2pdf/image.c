/* image.c: the images of the handout, under the paragraph that names them.
 *
 * Owns: reading an image (PNG or JPEG) from the image folder, once per src
 * (struct render's cache), and drawing it scaled into the column. Never:
 * reads outside the image folder (tools/lib/imagefile.c decides what is
 * inside) or fails the document over a bad image: a file that is missing,
 * a GIF or damaged is a warning, and the paragraph keeps the alt text
 * inline.c put in its place. */
#include "guide2pdf/handout.h"

#include "diag.h"
#include "tree.h"

#include <math.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IMAGE_BYTES ((size_t)256 << 20) /* decoded RGBA */
#define MAX_IMAGE_FILE_BYTES ((size_t)32 << 20) /* one image file as read */

/* libharu hands a PNG to libpng with no error handler, so a damaged file
 * would abort the process: decode it once here first, where libpng reports. */
static int png_readable(const char *path)
{
	png_image image;
	memset(&image, 0, sizeof image);
	image.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&image, path))
		return 0;
	image.format = PNG_FORMAT_RGBA;
	size_t size = PNG_IMAGE_SIZE(image);
	void *pixels = size <= MAX_IMAGE_BYTES ? malloc(size) : NULL;
	int ok = pixels && png_image_finish_read(&image, NULL, pixels, 0, NULL);
	free(pixels);
	png_image_free(&image);
	return ok;
}

/* Loads a PNG or JPEG file. A broken image is a warning, not the end of the
 * document: libharu's error for it is caught and cleared. */
static HPDF_Image read_image(struct render *r, const struct image_file *file, const char *src,
			     long line)
{
	int png = strcmp(file->ext, "png") == 0;
	if (!png && strcmp(file->ext, "jpg") != 0) {
		diag_warning(r->pdf.source, line,
			     "image '%s' is a GIF, which PDF cannot hold; convert it to PNG; "
			     "printing its alt text", src);
		return NULL;
	}
	if (png && !png_readable(file->path)) {
		diag_warning(r->pdf.source, line, "image '%s' cannot be decoded; printing its alt text",
			     src);
		return NULL;
	}
	r->loading_image = 1;
	HPDF_UINT len = (HPDF_UINT)file->len;
	HPDF_Image image = png ? HPDF_LoadPngImageFromMem(r->pdf.doc, file->data, len)
			       : HPDF_LoadJpegImageFromMem(r->pdf.doc, file->data, len);
	r->loading_image = 0;
	if (!image || HPDF_GetError(r->pdf.doc) != HPDF_OK) {
		HPDF_ResetError(r->pdf.doc);
		diag_warning(r->pdf.source, line, "image '%s' cannot be decoded; printing its alt text",
			     src);
		return NULL;
	}
	return image;
}

static HPDF_Image load_image(struct render *r, const char *src, long line)
{
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

int pdf_render_img(struct render *r, const xmlNode *node, long line)
{
	HPDF_Image image = load_image(r, tree_attr(node, "src"), line);
	if (!image)
		return r->pdf.failed ? -1 : 0;
	double w = HPDF_Image_GetWidth(image), h = HPDF_Image_GetHeight(image);
	double max_w = flow_width(r), max_h = (page_top(&r->pdf) - page_bottom(&r->pdf)) * 0.8;
	double scale = fmin(1.0, fmin(max_w / w, max_h / h));
	w *= scale;
	h *= scale;
	if (page_need(&r->pdf, h + 4) != 0)
		return -1;
	r->pdf.y -= 4;
	if (r->pdf.page)
		HPDF_Page_DrawImage(r->pdf.page, image, (HPDF_REAL)r->pdf.left,
				    (HPDF_REAL)(r->pdf.y - h), (HPDF_REAL)w, (HPDF_REAL)h);
	r->pdf.y -= h;
	r->pdf.at_top = 0;
	return r->pdf.failed ? -1 : 0;
}

void image_cache_free(struct render *r)
{
	for (int i = 0; i < r->cache_count; i++)
		free(r->cache[i].src);
	r->cache_count = 0;
}
