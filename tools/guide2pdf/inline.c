/* inline.c: the inline elements of the guide tree as a text run.
 *
 * Owns: how each inline element looks in the handout (em, strong, del, code,
 * raw, link, br, softbreak, and an image's alt text in its place) and the
 * base style of the text around it (struct render's base_face, base_color,
 * base_size: italic and muted inside "why", muted inside quotes). Never:
 * measures, breaks or draws lines (text.c, flow.c), or loads an image: it
 * asks image.c whether an image can be shown, and the img elements of a
 * paragraph are only noted for image.c to draw under it.
 * A link's target is checked when the PDF is finished (page.c), not here. */
#include "guide2pdf/handout.h"

#include "tree.h"

#include <string.h>

struct pdf_style inline_base_style(const struct render *r)
{
	return (struct pdf_style){
		.face = r->base_face, .size = r->base_size, .color = r->base_color};
}

int inline_append(struct render *r, struct pdf_text *text, const struct pdf_style *style,
		  const char *utf8)
{
	int index = text_style(text, style);
	if (index < 0)
		return -1;
	return text_append(text, &r->pdf.fonts, index, utf8, strlen(utf8));
}

static int collect_inline(struct render *r, struct pdf_text *text, const xmlNode *node,
			  struct pdf_style style)
{
	if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
		const char *content = (const char *)node->content;
		/* An image drawn under the text leaves no blank in its place:
		 * none to start the line, none doubled. */
		if (r->after_image && !(style.flags & STYLE_CODE) &&
		    (text->count == 0 || text->glyphs[text->count - 1].cp == ' '))
			content += strspn(content, " ");
		r->after_image = r->after_image && !*content;
		return inline_append(r, text, &style, content);
	}
	if (node->type != XML_ELEMENT_NODE)
		return 0;
	if (tree_is(node, "em"))
		style.face = face_italic(style.face);
	else if (tree_is(node, "strong"))
		style.face = face_bold(style.face);
	else if (tree_is(node, "del"))
		style.flags |= STYLE_STRIKE;
	else if (tree_is(node, "code") || tree_is(node, "raw")) {
		/* Monospace looks larger than the text at one size: 0.92 evens
		 * them. Inline raw HTML is shown as its source, muted. */
		style.face = FACE_MONO;
		style.flags |= tree_is(node, "code") ? STYLE_CODE : 0;
		style.size *= 0.92;
		style.color = tree_is(node, "code") ? r->pdf.set.code_text : r->pdf.set.muted;
	} else if (tree_is(node, "link")) {
		style.flags |= STYLE_LINK;
		style.href = tree_attr(node, "href");
		style.color = r->pdf.set.link;
	} else if (tree_is(node, "br"))
		return inline_append(r, text, &style, "\n");
	else if (tree_is(node, "softbreak"))
		return inline_append(r, text, &style, " ");
	else if (tree_is(node, "img")) {
		/* In a paragraph an image that can be shown is noted for
		 * pdf_render_p to draw under it, and prints no words; past
		 * MAX_IMAGES in one paragraph, in a heading or a cell, or when
		 * it cannot be read, its alt text stands in its place. */
		if (r->collect_images && r->image_count < MAX_IMAGES &&
		    image_shown(r, node, text->line)) {
			r->images[r->image_count++] = node;
			r->after_image = 1;
			return 0;
		}
		style.face = face_italic(style.face);
		style.color = r->pdf.set.muted;
		const char *alt = tree_attr(node, "alt");
		if (!alt || !*alt)
			return 0; /* a picture without words leaves no empty label */
		if (inline_append(r, text, &style, "[image: ") != 0 ||
		    inline_append(r, text, &style, alt) != 0)
			return -1;
		return inline_append(r, text, &style, "]");
	}
	return inline_collect(r, text, node, style);
}

int inline_collect(struct render *r, struct pdf_text *text, const xmlNode *parent,
		   struct pdf_style style)
{
	for (const xmlNode *child = parent->children; child; child = child->next)
		if (collect_inline(r, text, child, style) != 0)
			return -1;
	return 0;
}

void inline_start(struct render *r, struct pdf_text *text, long line)
{
	text_init(text, r->pdf.source, line);
	text->quiet = r->measuring;
}

int inline_mark_languages(struct render *r, struct pdf_text *text)
{
	return r->pdf.tags.on ? text_mark_languages(text, r->pdf.lang) : 0;
}
