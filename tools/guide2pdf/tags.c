/* tags.c: the structure tree of a tagged PDF, and what marks its content.
 *
 * Owns: the structure elements a document is read by (Document, Sect, H1,
 * P, L/LI/Lbl/LBody, Table/TR/TH/TD, Code, Figure, Link...), which element
 * the text drawn now belongs to, the marked-content ids (MCIDs) handed out
 * per page, and, once every page exists, the objects that say all of it:
 * StructTreeRoot, its ParentTree, each element's kids, MarkInfo and the
 * pages' StructParents. Never: draws, or decides where an element starts;
 * the walk over the guide opens and closes elements, and content.c writes
 * the BDC/EMC operators around what it draws for the element current then.
 *
 * Elements are kept as flat arrays while the document is drawn and become
 * libharu objects only at the end: a tree of tens of thousands of
 * dictionaries built as it is drawn would cost more than drawing it, and an
 * element that ends up with no content (a paragraph of one missing image)
 * is left out. */
#include "guide2pdf/tagdata.h"

#include <stdlib.h>
#include <string.h>

#define TAGS_LIMIT ((size_t)1 << 26)

static int add_kid(struct pdf_tags *tags, int parent, int kind, int page, int value)
{
	struct pdf_tags_data *d = tags->data;
	if (pdf_grow(&d->kids, &d->kid_cap, d->kid_count, sizeof *d->kids, TAGS_LIMIT) != 0) {
		tags->failed = 1;
		return -1;
	}
	d->kids[d->kid_count++] = (struct tag_kid){parent, kind, page, value};
	return 0;
}

static int new_elem(struct pdf_tags *tags, const char *type, int parent)
{
	struct pdf_tags_data *d = tags->data;
	if (pdf_grow(&d->elems, &d->elem_cap, d->elem_count, sizeof *d->elems, TAGS_LIMIT) != 0) {
		tags->failed = 1;
		return -1;
	}
	int index = (int)d->elem_count;
	d->elems[d->elem_count++] = (struct tag_elem){type, parent, NULL, NULL, NULL};
	if (parent >= 0 && add_kid(tags, parent, KID_ELEM, 0, index) != 0)
		return -1;
	return index;
}

int tags_init(struct pdf_tags *tags, int on)
{
	memset(tags, 0, sizeof *tags);
	if (!on)
		return 0;
	tags->data = calloc(1, sizeof *tags->data);
	if (!tags->data)
		return -1;
	tags->on = 1;
	tags->link_parent = TAG_NONE;
	tags->stack[0] = new_elem(tags, "Document", -1);
	tags->depth = 1;
	return tags->stack[0] == 0 ? 0 : -1;
}

void tags_free(struct pdf_tags *tags)
{
	struct pdf_tags_data *d = tags->data;
	if (d) {
		for (size_t i = 0; i < d->elem_count; i++) {
			free(d->elems[i].alt);
			free(d->elems[i].actual);
			free(d->elems[i].lang);
		}
		for (size_t i = 0; i < d->page_cap; i++)
			free(d->pages[i].elems);
		free(d->elems);
		free(d->kids);
		free(d->pages);
		free(d->annots);
		free(d);
	}
	memset(tags, 0, sizeof *tags);
}

int tags_current(const struct pdf_tags *tags)
{
	if (!tags->on)
		return TAG_NONE;
	if (tags->artifact)
		return TAG_ARTIFACT;
	int top = tags->depth < TAG_MAX_DEPTH ? tags->depth : TAG_MAX_DEPTH;
	return tags->stack[top - 1];
}

/* Past TAG_MAX_DEPTH, elements are counted but not made: what is drawn in
 * them belongs to the deepest one made. */
static void push(struct pdf_tags *tags, int elem)
{
	if (tags->depth < TAG_MAX_DEPTH)
		tags->stack[tags->depth] = elem;
	tags->depth++;
}

int tags_open(struct pdf_tags *tags, const char *type)
{
	if (!tags->on)
		return TAG_NONE;
	if (tags->depth >= TAG_MAX_DEPTH) {
		tags->depth++;
		return tags_current(tags);
	}
	int parent = tags->stack[tags->depth - 1];
	int elem = new_elem(tags, type, parent);
	if (elem < 0) { /* out of memory (tags->failed): opened in name only, to close */
		push(tags, parent);
		return TAG_NONE;
	}
	push(tags, elem);
	tags->link_parent = TAG_NONE;
	return elem;
}

/* ALT and LANG are copied; a failed copy only loses them. */
static char *copy(const char *text)
{
	return text ? strdup(text) : NULL;
}

int tags_open_figure(struct pdf_tags *tags, const char *alt)
{
	int elem = tags_open(tags, "Figure");
	if (elem >= 0 && tags->depth <= TAG_MAX_DEPTH && alt && *alt)
		tags->data->elems[elem].alt = copy(alt);
	return elem;
}

int tags_open_span(struct pdf_tags *tags, const char *actual)
{
	int elem = tags_open(tags, "Span");
	if (elem >= 0 && tags->depth <= TAG_MAX_DEPTH && actual)
		tags->data->elems[elem].actual = copy(actual);
	return elem;
}

void tags_set_lang(struct pdf_tags *tags, int elem, const char *lang)
{
	if (tags->on && elem >= 0 && (size_t)elem < tags->data->elem_count) {
		free(tags->data->elems[elem].lang);
		tags->data->elems[elem].lang = copy(lang);
	}
}

void tags_close(struct pdf_tags *tags)
{
	if (tags->on && tags->depth > 1)
		tags->depth--;
	tags->link_parent = TAG_NONE;
}

void tags_resume(struct pdf_tags *tags, int elem)
{
	if (tags->on && elem >= 0)
		push(tags, elem);
}

void tags_begin_artifact(struct pdf_tags *tags)
{
	tags->artifact++;
}

void tags_end_artifact(struct pdf_tags *tags)
{
	if (tags->artifact > 0)
		tags->artifact--;
}

/* The lines of one link, however many, are one Link element: the runs of
 * one href in one element follow each other. */
int tags_link(struct pdf_tags *tags, const char *href)
{
	int parent = tags_current(tags);
	if (parent < 0)
		return parent;
	if (tags->link_parent != parent) {
		memset(tags->link_href, 0, sizeof tags->link_href);
		tags->link_parent = parent;
	}
	for (int i = 0; i < TAG_LINKS; i++)
		if (tags->link_href[i] == href)
			return tags->link_elem[i];
	int elem = new_elem(tags, "Link", parent);
	if (elem < 0)
		return parent;
	unsigned slot = tags->link_next++ % TAG_LINKS;
	tags->link_href[slot] = href;
	tags->link_elem[slot] = elem;
	return elem;
}

int tags_lang_span(struct pdf_tags *tags, const char *lang)
{
	int parent = tags_current(tags);
	if (parent < 0)
		return parent;
	if (tags->span_last && tags->span_parent == parent && tags->span_lang == lang)
		return tags->span_elem;
	int elem = new_elem(tags, "Span", parent);
	if (elem < 0)
		return parent;
	tags->data->elems[elem].lang = copy(lang);
	tags->span_parent = parent;
	tags->span_lang = lang;
	tags->span_elem = elem;
	tags->span_last = 1;
	return elem;
}

void tags_drew(struct pdf_tags *tags, int elem)
{
	if (elem != tags->span_elem)
		tags->span_last = 0;
}

const char *tags_type(const struct pdf_tags *tags, int elem)
{
	return tags->data->elems[elem].type;
}

static struct tag_page *page_of(struct pdf_tags *tags, int page)
{
	struct pdf_tags_data *d = tags->data;
	if (page < 0)
		return NULL;
	if ((size_t)page >= d->page_cap) {
		size_t cap = d->page_cap ? d->page_cap : 64;
		while (cap <= (size_t)page)
			cap *= 2;
		struct tag_page *grown = realloc(d->pages, cap * sizeof *grown);
		if (!grown)
			return NULL;
		memset(grown + d->page_cap, 0, (cap - d->page_cap) * sizeof *grown);
		d->pages = grown;
		d->page_cap = cap;
	}
	return &d->pages[page];
}

int tags_mcid(struct pdf_tags *tags, int page, int elem)
{
	struct tag_page *p = page_of(tags, page);
	if (p && p->count >= TAG_PAGE_MCIDS)
		return -1; /* drawn as an artifact: see TAG_PAGE_MCIDS */
	if (!p || pdf_grow(&p->elems, &p->cap, p->count, sizeof *p->elems, TAGS_LIMIT) != 0) {
		tags->failed = 1;
		return -1;
	}
	int mcid = (int)p->count;
	p->elems[p->count++] = elem;
	return add_kid(tags, elem, KID_MCID, page, mcid) == 0 ? mcid : -1;
}

int tags_annot(struct pdf_tags *tags, int elem, int page, HPDF_Annotation annot)
{
	struct pdf_tags_data *d = tags->data;
	if (!tags->on || elem < 0)
		return 0;
	if (pdf_grow(&d->annots, &d->annot_cap, d->annot_count, sizeof *d->annots, TAGS_LIMIT) != 0)
		return -1;
	d->annots[d->annot_count] = (struct tag_annot){annot, elem};
	return add_kid(tags, elem, KID_ANNOT, page, (int)d->annot_count++);
}

