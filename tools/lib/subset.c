/* subset: fonts cut to the characters a document shows (hb-subset). It only
 * transforms bytes: no file access, no messages (see subset.h). */
#include "subset.h"

#include <hb-subset.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct subset_chars {
	hb_set_t *set;
};

/* Kept whatever the text: ASCII, so a style sheet's own text in the code font
 * always shows, and the marks the back ends' styles draw in it (the wrap mark
 * and ellipsis, the task boxes, the replacement character). */
static const hb_codepoint_t ALWAYS_KEPT[] = {0x00A0, 0x2026, 0x21AA, 0x2610, 0x2611, 0x2612,
					     0xFFFD};

struct subset_chars *subset_chars_new(void)
{
	struct subset_chars *chars = malloc(sizeof *chars);
	if (!chars)
		return NULL;
	chars->set = hb_set_create();
	if (!hb_set_allocation_successful(chars->set)) {
		hb_set_destroy(chars->set);
		free(chars);
		return NULL;
	}
	hb_set_add_range(chars->set, 0x20, 0x7E);
	for (size_t i = 0; i < sizeof ALWAYS_KEPT / sizeof *ALWAYS_KEPT; i++)
		hb_set_add(chars->set, ALWAYS_KEPT[i]);
	return chars;
}

void subset_chars_free(struct subset_chars *chars)
{
	if (!chars)
		return;
	hb_set_destroy(chars->set);
	free(chars);
}

int subset_chars_add_text(struct subset_chars *chars, const char *text, size_t len)
{
	const utf8proc_uint8_t *at = (const utf8proc_uint8_t *)text;
	while (len > 0) {
		/* ASCII is in the set from the start (or a control, never kept). */
		if (*at < 0x7F) {
			at++;
			len--;
			continue;
		}
		utf8proc_int32_t code;
		utf8proc_ssize_t used = utf8proc_iterate(at, (utf8proc_ssize_t)len, &code);
		if (used <= 0) { /* an invalid byte: skip it */
			used = 1;
		} else if (code >= 0x20) {
			hb_set_add(chars->set, (hb_codepoint_t)code);
		}
		at += used;
		len -= (size_t)used;
	}
	return hb_set_allocation_successful(chars->set) ? 0 : -1;
}

/* Copies the subset face's file out of HarfBuzz's memory. */
static int copy_face(hb_face_t *face, unsigned char **out, size_t *out_len)
{
	hb_blob_t *blob = hb_face_reference_blob(face);
	unsigned int len = 0;
	const char *data = hb_blob_get_data(blob, &len);
	int status = -1;
	if (data && len > 0 && (*out = malloc(len)) != NULL) {
		memcpy(*out, data, len);
		*out_len = len;
		status = 0;
	}
	hb_blob_destroy(blob);
	return status;
}

int subset_font(const unsigned char *font, size_t len, const struct subset_chars *chars,
		unsigned char **out, size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	if (len == 0 || len > (unsigned int)-1)
		return -1;
	hb_blob_t *blob = hb_blob_create((const char *)font, (unsigned int)len,
					 HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t *face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	hb_subset_input_t *input = hb_subset_input_create_or_fail();
	int status = -1;
	/* A blob HarfBuzz cannot read gives an empty face with no glyphs. */
	if (input && hb_face_get_glyph_count(face) > 0) {
		hb_set_union(hb_subset_input_unicode_set(input), chars->set);
		/* Hinting is most of a TrueType font's bytes; readers of books and
		 * cards scale text on screens where it does little. */
		hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
		hb_face_t *cut = hb_subset_or_fail(face, input);
		if (cut) {
			status = copy_face(cut, out, out_len);
			hb_face_destroy(cut);
		}
	}
	if (input)
		hb_subset_input_destroy(input);
	hb_face_destroy(face);
	return status;
}
