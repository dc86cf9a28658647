/* section.c: a section of the guide: a new page, its heading and its blocks.
 *
 * Owns: the section heading with its rule, the section's title in the
 * running header (section_set_title) and its outline entry. Never: draws the
 * running header itself (furniture.c draws it on each new page from the
 * title set here). */
#include "guide2pdf/handout.h"

#include "tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int section_heading(struct render *r, const xmlNode *section, const char *anchor,
		    const char *prefix)
{
	struct pdf_text text;
	inline_start(r, &text, tree_line(section));
	struct pdf_style style = {
		.face = FACE_BOLD, .size = r->pdf.set.heading_size[0], .color = r->pdf.set.heading};
	tags_open(&r->pdf.tags, "H1");
	int status = prefix ? inline_append(r, &text, &style, prefix) : 0;
	if (status == 0)
		status = inline_collect(r, &text, tree_child(section, "title"), style);
	if (status == 0)
		status = inline_mark_languages(r, &text);
	if (status == 0)
		status = block_place_heading(r, &text, 0, 4, NULL, anchor);
	tags_close(&r->pdf.tags);
	r->heading_base = 2;
	r->heading_depth = 0;
	if (status == 0) {
		page_stroke_line(&r->pdf, r->pdf.left, r->pdf.y, r->pdf.right, r->pdf.y, 0.8,
				 r->pdf.set.heading);
		r->pdf.y -= r->pdf.set.paragraph_gap * 1.5;
	}
	text_free(&text);
	return status;
}

/* The running header's section title: PREFIX and the section's title. */
int section_set_title(struct render *r, const xmlNode *section, const char *prefix)
{
	free(r->pdf.section_title);
	r->pdf.section_title = NULL;
	char *title = tree_plain_text(tree_child(section, "title"));
	if (!title)
		return -1;
	size_t need = strlen(prefix) + strlen(title) + 1;
	r->pdf.section_title = malloc(need);
	if (r->pdf.section_title)
		snprintf(r->pdf.section_title, need, "%s%s", prefix, title);
	free(title);
	return r->pdf.section_title ? 0 : -1;
}

int pdf_render_section(struct render *r, const xmlNode *section)
{
	if (section_set_title(r, section, "") != 0 || page_new(&r->pdf) != 0)
		return -1;
	const char *id = tree_attr(section, "id");
	if (nav_add_mark(&r->pdf, 0, r->pdf.section_title, id, tree_line(section)) != 0)
		return -1;
	tags_open(&r->pdf.tags, "Sect");
	int status = section_heading(r, section, id, NULL);
	for (const xmlNode *node = tree_next(tree_child(section, "title")); status == 0 && node;
	     node = tree_next(node))
		status = pdf_render_block(r, node);
	tags_close(&r->pdf.tags);
	return status;
}
