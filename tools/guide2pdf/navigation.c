/* navigation.c: what points into the pages: anchors, links and the outline.
 *
 * Owns: the anchors (an id's page and height, in a hash, since every link,
 * contents entry and outline entry looks one up), the link areas drawn text
 * leaves behind, and the outline's entries; after the last page, the link
 * annotations and the outline themselves, since both may point forward.
 * Never: makes an action of a link that is not a web or mail address
 * (javascript:, data:, file: stay text, with a warning), or fails the
 * document over a link with no target (a warning too). */
#include "guide2pdf/handout.h"

#include "diag.h"
#include "htmlsafe.h"

#include <hpdf_doc.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Anchors are looked up once per link, TOC entry and outline entry: a hash
 * keeps that linear in the size of the guide. */
static size_t hash_id(const char *id)
{
	size_t hash = 14695981039346656037u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		hash = (hash ^ *p) * 1099511628211u;
	return hash;
}

/* ID's slot in the index: linear probing, which always ends, since
 * nav_anchor keeps the index at most half full. */
static size_t *anchor_slot(const struct pdf_doc *pdf, const char *id)
{
	size_t mask = pdf->index_size - 1;
	for (size_t at = hash_id(id) & mask;; at = (at + 1) & mask) {
		size_t *slot = &pdf->anchor_index[at];
		if (*slot == 0 || strcmp(pdf->anchors[*slot - 1].id, id) == 0)
			return slot;
	}
}

static int index_grow(struct pdf_doc *pdf)
{
	size_t size = pdf->index_size ? pdf->index_size * 2 : 256;
	size_t *index = calloc(size, sizeof *index);
	if (!index)
		return -1;
	free(pdf->anchor_index);
	pdf->anchor_index = index;
	pdf->index_size = size;
	for (size_t i = 0; i < pdf->anchor_count; i++)
		*anchor_slot(pdf, pdf->anchors[i].id) = i + 1;
	return 0;
}

const struct pdf_anchor *nav_find_anchor(const struct pdf_doc *pdf, const char *id)
{
	if (pdf->index_size == 0)
		return NULL;
	size_t slot = *anchor_slot(pdf, id);
	return slot ? &pdf->anchors[slot - 1] : NULL;
}

/* An id placed again moves to where it was placed last (a hand-written tree
 * may repeat an id): links then go to one place, not to the first. */
int nav_anchor(struct pdf_doc *pdf, const char *id)
{
	struct pdf_anchor *found = (struct pdf_anchor *)nav_find_anchor(pdf, id);
	if (!found) {
		if ((pdf->anchor_count + 1) * 2 > pdf->index_size && index_grow(pdf) != 0)
			return -1;
		if (pdf_grow(&pdf->anchors, &pdf->anchor_cap, pdf->anchor_count, sizeof *pdf->anchors,
			     SIZE_MAX) != 0)
			return -1;
		found = &pdf->anchors[pdf->anchor_count];
		found->id = strdup(id);
		if (!found->id)
			return -1;
		*anchor_slot(pdf, id) = ++pdf->anchor_count;
	}
	found->page = pdf->page_count;
	found->y = pdf->y;
	return 0;
}

/* V within the numbers libharu accepts in an annotation or destination. */
static double clamp(double v)
{
	return v < HPDF_LIMIT_MIN_REAL ? HPDF_LIMIT_MIN_REAL
	       : v > HPDF_LIMIT_MAX_REAL ? HPDF_LIMIT_MAX_REAL
					 : v;
}

int nav_add_link(struct pdf_doc *pdf, double x0, double y0, double x1, double y1,
		 const char *href, long line, int elem)
{
	if (!pdf->page || !href) /* nothing was drawn: no area to link */
		return 0;
	if (pdf_grow(&pdf->links, &pdf->link_cap, pdf->link_count, sizeof *pdf->links, SIZE_MAX) != 0)
		return -1;
	char *copy = strdup(href);
	if (!copy)
		return -1;
	/* Text that ran far off the page (a table cell taller than many pages)
	 * leaves its link area there: libharu refuses numbers beyond +-32767 and
	 * would fail the whole document over a link no one can click. */
	pdf->links[pdf->link_count++] = (struct pdf_link){
		.page = pdf->page_count, .line = line, .x0 = clamp(x0), .y0 = clamp(y0),
		.x1 = clamp(x1), .y1 = clamp(y1), .href = copy, .elem = elem};
	return 0;
}

int nav_add_mark(struct pdf_doc *pdf, int level, const char *title, const char *anchor, long line)
{
	size_t len = strlen(title);
	if (len > HPDF_LIMIT_MAX_STRING_LEN) {
		diag_error(pdf->source, line,
			   "this title is %zu bytes long, and a PDF outline entry holds at most %d; "
			   "shorten it", len, HPDF_LIMIT_MAX_STRING_LEN);
		return -1;
	}
	if (pdf_grow(&pdf->marks, &pdf->mark_cap, pdf->mark_count, sizeof *pdf->marks, SIZE_MAX) != 0)
		return -1;
	char *title_copy = strdup(title), *anchor_copy = strdup(anchor);
	if (!title_copy || !anchor_copy) {
		free(title_copy);
		free(anchor_copy);
		return -1;
	}
	pdf->marks[pdf->mark_count++] =
		(struct pdf_mark){.level = level, .title = title_copy, .anchor = anchor_copy};
	return 0;
}

static HPDF_Destination destination(struct pdf_doc *pdf, const struct pdf_anchor *anchor)
{
	if (!anchor || anchor->page < 1 || anchor->page > pdf->page_count)
		return NULL;
	HPDF_Page page = pdf->pages[anchor->page - 1];
	HPDF_Destination dst = HPDF_Page_CreateDestination(page);
	/* A little above the anchor's line, so that a viewer shows the heading
	 * whole. The zoom is null, which keeps the reader's own: libharu's
	 * HPDF_Destination_SetXYZ takes only a zoom of 8 % to 3200 % and so
	 * forced one, and a click then changed the magnification. The array
	 * is written as SetXYZ writes it, with null in the zoom's place. */
	if (!dst)
		return NULL;
	HPDF_Array array = dst;
	HPDF_Null keep_zoom = HPDF_Null_New(pdf->doc->mmgr);
	HPDF_Array_Clear(array);
	if (!keep_zoom || HPDF_Array_Add(array, page) != HPDF_OK ||
	    HPDF_Array_AddName(array, "XYZ") != HPDF_OK ||
	    HPDF_Array_AddReal(array, 0) != HPDF_OK ||
	    HPDF_Array_AddReal(array, (HPDF_REAL)clamp(anchor->y + 4)) != HPDF_OK ||
	    HPDF_Array_Add(array, keep_zoom) != HPDF_OK)
		return NULL;
	return dst;
}

static int finish_links(struct pdf_doc *pdf)
{
	for (size_t i = 0; i < pdf->link_count; i++) {
		const struct pdf_link *link = &pdf->links[i];
		HPDF_Rect rect = {(HPDF_REAL)link->x0, (HPDF_REAL)link->y0, (HPDF_REAL)link->x1,
				  (HPDF_REAL)link->y1};
		HPDF_Page page = pdf->pages[link->page - 1];
		HPDF_Annotation annot;
		if (link->href[0] == '#') {
			HPDF_Destination dst =
				destination(pdf, nav_find_anchor(pdf, link->href + 1));
			if (!dst) {
				diag_warning(pdf->source, link->line,
					     "link to '%s' has no target in the guide; left as text",
					     link->href);
				continue;
			}
			annot = HPDF_Page_CreateLinkAnnot(page, rect, dst);
		} else if (htmlsafe_url_ok(link->href)) {
			annot = HPDF_Page_CreateURILinkAnnot(page, rect, link->href);
		} else {
			/* javascript:, data:, file: and the like never become actions. */
			diag_warning(pdf->source, link->line,
				     "link to '%.60s' is not a web or mail address; left as text",
				     link->href);
			continue;
		}
		if (!annot)
			return -1;
		HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0); /* the text is underlined */
		/* In the structure, an OBJR of its Link; its Contents say where it
		 * goes, which PDF/UA asks of a link. */
		if (tags_annot(&pdf->tags, link->elem, link->page - 1, annot) != 0)
			return -1;
		if (pdf->tags.on) {
			HPDF_String where = HPDF_String_New(pdf->doc->mmgr, link->href, NULL);
			if (!where || HPDF_Dict_Add(annot, "Contents", where) != HPDF_OK)
				return -1;
		}
	}
	return 0;
}

static int finish_outline(struct pdf_doc *pdf)
{
	HPDF_Encoder encoder = HPDF_GetEncoder(pdf->doc, "UTF-8");
	HPDF_Outline parents[PDF_MARK_LEVELS] = {NULL};
	for (size_t i = 0; i < pdf->mark_count; i++) {
		const struct pdf_mark *mark = &pdf->marks[i];
		int level = mark->level < PDF_MARK_LEVELS ? mark->level : PDF_MARK_LEVELS - 1;
		HPDF_Outline under = level > 0 ? parents[level - 1] : NULL;
		HPDF_Outline item = HPDF_CreateOutline(pdf->doc, under, mark->title, encoder);
		if (!item)
			return -1;
		HPDF_Destination dst = destination(pdf, nav_find_anchor(pdf, mark->anchor));
		if (dst)
			HPDF_Outline_SetDestination(item, dst);
		HPDF_Outline_SetOpened(item, HPDF_FALSE);
		/* An entry goes under the last one a level up, never under one of an
		 * earlier section: the deeper levels start again below it. */
		parents[level] = item;
		for (int deeper = level + 1; deeper < PDF_MARK_LEVELS; deeper++)
			parents[deeper] = NULL;
	}
	return 0;
}

int nav_finish(struct pdf_doc *pdf)
{
	if (finish_links(pdf) != 0 || finish_outline(pdf) != 0)
		return -1;
	return 0;
}

void nav_free(struct pdf_doc *pdf)
{
	for (size_t i = 0; i < pdf->anchor_count; i++)
		free(pdf->anchors[i].id);
	for (size_t i = 0; i < pdf->mark_count; i++) {
		free(pdf->marks[i].title);
		free(pdf->marks[i].anchor);
	}
	for (size_t i = 0; i < pdf->link_count; i++)
		free(pdf->links[i].href);
	free(pdf->anchors);
	free(pdf->anchor_index);
	free(pdf->links);
	free(pdf->marks);
	pdf->anchors = NULL;
	pdf->anchor_index = NULL;
	pdf->links = NULL;
	pdf->marks = NULL;
}

char *nav_prefixed(const char *prefix, const char *id)
{
	size_t size = strlen(prefix) + strlen(id ? id : "") + 1;
	char *joined = malloc(size);
	if (joined)
		snprintf(joined, size, "%s%s", prefix, id ? id : "");
	return joined;
}
