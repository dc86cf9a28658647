/* tagwrite.c: the structure tree tags.c collected, as PDF objects.
 *
 * Owns: turning the flat lists of elements and kids into libharu objects
 * once every page exists: a StructElem per element that holds content, its
 * kids in order (elements, MCIDs, OBJR for link annotations), the
 * ParentTree (MCID and annotation back to element), the pages'
 * StructParents and Tabs, and the catalog's StructTreeRoot, MarkInfo and
 * DisplayDocTitle. Never: collects anything, or touches a content stream. */
#include "guide2pdf/tagdata.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* libharu refuses arrays longer than HPDF_LIMIT_MAX_ARRAY: an element with
 * more kids has them grouped under NonStruct elements of this many, and the
 * ParentTree is a number tree of leaves of NUMS_PER_LEAF entries. */
#define KIDS_PER_ARRAY 16000
#define NUMS_PER_LEAF 4000

struct writer {
	HPDF_Doc doc;
	struct pdf_tags_data *d;
	HPDF_Page *pages;
	int page_count;
	unsigned char *has;    /* per element: it holds content */
	HPDF_Dict *objs;       /* per element with content */
	size_t *first;         /* per element: its kids are kids[order[first[e]..first[e+1]]] */
	size_t *order;
};

static HPDF_Dict new_object(struct writer *w)
{
	HPDF_Dict dict = HPDF_Dict_New(w->doc->mmgr);
	if (dict && HPDF_Xref_Add(w->doc->xref, dict) != HPDF_OK)
		return NULL;
	return dict;
}

/* A text string: ASCII as it is, anything else as UTF-16BE with its mark. */
static void *text_string(struct writer *w, const char *utf8)
{
	size_t len = strlen(utf8), ascii = 1;
	for (size_t i = 0; i < len; i++)
		ascii &= (unsigned char)utf8[i] < 0x80;
	if (ascii)
		return HPDF_String_New(w->doc->mmgr, utf8, NULL);
	unsigned char *out = malloc(4 * len + 2);
	if (!out)
		return NULL;
	size_t n = 0;
	out[n++] = 0xFE;
	out[n++] = 0xFF;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t used = utf8proc_iterate((const utf8proc_uint8_t *)utf8 + i,
							 (utf8proc_ssize_t)(len - i), &c);
		if (used <= 0) { /* not UTF-8: the replacement character, a byte on */
			c = 0xFFFD;
			used = 1;
		}
		i += (size_t)used;
		uint32_t cp = (uint32_t)c;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			uint32_t hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
			out[n++] = (unsigned char)(hi >> 8);
			out[n++] = (unsigned char)hi;
			cp = lo;
		}
		out[n++] = (unsigned char)(cp >> 8);
		out[n++] = (unsigned char)cp;
	}
	void *s = HPDF_Binary_New(w->doc->mmgr, out, (HPDF_UINT)n);
	free(out);
	return s;
}

/* Which elements hold content, from their kids up: a child comes after
 * its parent in the list. */
static void mark_content(struct writer *w)
{
	struct pdf_tags_data *d = w->d;
	for (size_t i = 0; i < d->kid_count; i++)
		if (d->kids[i].kind != KID_ELEM)
			w->has[d->kids[i].parent] = 1;
	for (size_t e = d->elem_count; e-- > 1;)
		if (w->has[e])
			w->has[d->elems[e].parent] = 1;
	w->has[0] = 1;
}

/* Each element's kids, in the order they came: a counting sort by parent.
 * -1 when out of memory. */
static int group_kids(struct writer *w)
{
	struct pdf_tags_data *d = w->d;
	for (size_t i = 0; i < d->kid_count; i++)
		w->first[d->kids[i].parent + 1]++;
	for (size_t e = 0; e < d->elem_count; e++)
		w->first[e + 1] += w->first[e];
	size_t *next = calloc(d->elem_count, sizeof *next);
	if (!next)
		return -1;
	for (size_t i = 0; i < d->kid_count; i++) {
		int p = d->kids[i].parent;
		w->order[w->first[p] + next[p]++] = i;
	}
	free(next);
	return 0;
}

static int first_page(const struct writer *w, int e)
{
	for (size_t k = w->first[e]; k < w->first[e + 1]; k++) {
		const struct tag_kid *kid = &w->d->kids[w->order[k]];
		if (kid->kind != KID_ELEM)
			return kid->page;
	}
	return -1;
}

/* One kid, of an element whose /Pg is PAGE, into ARRAY held by CONTAINER. */
static int add_kid(struct writer *w, HPDF_Array array, HPDF_Dict container, int page,
		   const struct tag_kid *kid)
{
	HPDF_MMgr mmgr = w->doc->mmgr;
	if (kid->kind == KID_ELEM) {
		if (!w->has[kid->value])
			return 0;
		HPDF_Dict child = w->objs[kid->value];
		return HPDF_Dict_Add(child, "P", container) == HPDF_OK &&
			       HPDF_Array_Add(array, child) == HPDF_OK
			       ? 0 : -1;
	}
	if (kid->page < 0 || kid->page >= w->page_count)
		return 0;
	if (kid->kind == KID_MCID && kid->page == page)
		return HPDF_Array_AddNumber(array, kid->value) == HPDF_OK ? 0 : -1;
	HPDF_Dict ref = HPDF_Dict_New(mmgr);
	if (!ref || HPDF_Array_Add(array, ref) != HPDF_OK)
		return -1;
	HPDF_Page pg = w->pages[kid->page];
	if (kid->kind == KID_MCID)
		return HPDF_Dict_AddName(ref, "Type", "MCR") == HPDF_OK &&
			       HPDF_Dict_Add(ref, "Pg", pg) == HPDF_OK &&
			       HPDF_Dict_AddNumber(ref, "MCID", kid->value) == HPDF_OK
			       ? 0 : -1;
	return HPDF_Dict_AddName(ref, "Type", "OBJR") == HPDF_OK &&
		       HPDF_Dict_Add(ref, "Pg", pg) == HPDF_OK &&
		       HPDF_Dict_Add(ref, "Obj", w->d->annots[kid->value].annot) == HPDF_OK
		       ? 0 : -1;
}

/* Kids [FROM, TO) of the order into a new array of CONTAINER's /K. */
static int add_kids(struct writer *w, HPDF_Dict container, int page, size_t from, size_t to)
{
	HPDF_Array array = HPDF_Array_New(w->doc->mmgr);
	if (!array || HPDF_Dict_Add(container, "K", array) != HPDF_OK)
		return -1;
	for (size_t k = from; k < to; k++)
		if (add_kid(w, array, container, page, &w->d->kids[w->order[k]]) != 0)
			return -1;
	return 0;
}

/* More kids than an array holds go into NonStruct groups of E. */
static int add_grouped_kids(struct writer *w, int e, int page)
{
	HPDF_Array groups = HPDF_Array_New(w->doc->mmgr);
	if (!groups || HPDF_Dict_Add(w->objs[e], "K", groups) != HPDF_OK)
		return -1;
	for (size_t from = w->first[e]; from < w->first[e + 1]; from += KIDS_PER_ARRAY) {
		size_t to = from + KIDS_PER_ARRAY < w->first[e + 1] ? from + KIDS_PER_ARRAY
								    : w->first[e + 1];
		HPDF_Dict group = new_object(w);
		if (!group || HPDF_Dict_AddName(group, "Type", "StructElem") != HPDF_OK ||
		    HPDF_Dict_AddName(group, "S", "NonStruct") != HPDF_OK ||
		    HPDF_Dict_Add(group, "P", w->objs[e]) != HPDF_OK ||
		    HPDF_Array_Add(groups, group) != HPDF_OK)
			return -1;
		if (page >= 0 && HPDF_Dict_Add(group, "Pg", w->pages[page]) != HPDF_OK)
			return -1;
		if (add_kids(w, group, page, from, to) != 0)
			return -1;
	}
	return 0;
}

static int write_elem(struct writer *w, int e)
{
	const struct tag_elem *elem = &w->d->elems[e];
	HPDF_Dict obj = w->objs[e];
	if (HPDF_Dict_AddName(obj, "Type", "StructElem") != HPDF_OK ||
	    HPDF_Dict_AddName(obj, "S", elem->type) != HPDF_OK)
		return -1;
	if (elem->alt) {
		void *alt = text_string(w, elem->alt);
		if (!alt || HPDF_Dict_Add(obj, "Alt", alt) != HPDF_OK)
			return -1;
	}
	if (elem->actual) {
		void *actual = text_string(w, elem->actual);
		if (!actual || HPDF_Dict_Add(obj, "ActualText", actual) != HPDF_OK)
			return -1;
	}
	if (elem->lang) {
		void *lang = text_string(w, elem->lang);
		if (!lang || HPDF_Dict_Add(obj, "Lang", lang) != HPDF_OK)
			return -1;
	}
	int page = first_page(w, e);
	if (page >= 0 && page < w->page_count &&
	    HPDF_Dict_Add(obj, "Pg", w->pages[page]) != HPDF_OK)
		return -1;
	if (w->first[e + 1] - w->first[e] > KIDS_PER_ARRAY)
		return add_grouped_kids(w, e, page);
	return add_kids(w, obj, page, w->first[e], w->first[e + 1]);
}

/* ---- the ParentTree ------------------------------------------------------- */

struct nums {
	struct writer *w;
	HPDF_Array kids;     /* the root's leaves */
	HPDF_Array leaf;     /* the leaf filled now */
	HPDF_Array limits;
	int count, low, high;
};

static int nums_add(struct nums *n, int key, void *value)
{
	HPDF_MMgr mmgr = n->w->doc->mmgr;
	if (!n->leaf || n->count == NUMS_PER_LEAF) {
		if (n->leaf && (HPDF_Array_AddNumber(n->limits, n->low) != HPDF_OK ||
				HPDF_Array_AddNumber(n->limits, n->high) != HPDF_OK))
			return -1;
		HPDF_Dict node = new_object(n->w);
		n->leaf = HPDF_Array_New(mmgr);
		n->limits = HPDF_Array_New(mmgr);
		if (!node || !n->leaf || !n->limits || HPDF_Dict_Add(node, "Nums", n->leaf) != HPDF_OK ||
		    HPDF_Dict_Add(node, "Limits", n->limits) != HPDF_OK ||
		    HPDF_Array_Add(n->kids, node) != HPDF_OK)
			return -1;
		n->count = 0;
		n->low = key;
	}
	n->high = key;
	n->count++;
	return HPDF_Array_AddNumber(n->leaf, key) == HPDF_OK && HPDF_Array_Add(n->leaf, value) == HPDF_OK
		       ? 0 : -1;
}

static int nums_end(struct nums *n)
{
	if (!n->leaf)
		return 0;
	return HPDF_Array_AddNumber(n->limits, n->low) == HPDF_OK &&
		       HPDF_Array_AddNumber(n->limits, n->high) == HPDF_OK
		       ? 0 : -1;
}

/* Keys 0 .. page_count - 1: the pages' MCIDs; then one per annotation. */
static int write_parent_tree(struct writer *w, HPDF_Dict root)
{
	HPDF_MMgr mmgr = w->doc->mmgr;
	HPDF_Dict tree = new_object(w);
	struct nums n = {.w = w, .kids = HPDF_Array_New(mmgr)};
	if (!tree || !n.kids || HPDF_Dict_Add(tree, "Kids", n.kids) != HPDF_OK ||
	    HPDF_Dict_Add(root, "ParentTree", tree) != HPDF_OK)
		return -1;
	struct pdf_tags_data *d = w->d;
	for (int p = 0; p < w->page_count && (size_t)p < d->page_cap; p++) {
		const struct tag_page *page = &d->pages[p];
		if (page->count == 0)
			continue;
		HPDF_Array elems = HPDF_Array_New(mmgr);
		if (!elems || nums_add(&n, p, elems) != 0 ||
		    HPDF_Dict_AddNumber(w->pages[p], "StructParents", p) != HPDF_OK)
			return -1;
		for (size_t i = 0; i < page->count; i++)
			if (HPDF_Array_Add(elems, w->objs[page->elems[i]]) != HPDF_OK)
				return -1;
	}
	for (size_t a = 0; a < d->annot_count; a++) {
		int key = w->page_count + (int)a;
		if (nums_add(&n, key, w->objs[d->annots[a].elem]) != 0 ||
		    HPDF_Dict_AddNumber(d->annots[a].annot, "StructParent", key) != HPDF_OK)
			return -1;
	}
	if (nums_end(&n) != 0)
		return -1;
	return HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
				   w->page_count + (int)d->annot_count) == HPDF_OK
		       ? 0 : -1;
}

/* ---- the catalog ---------------------------------------------------------- */

static int write_catalog(struct writer *w, HPDF_Dict root)
{
	HPDF_MMgr mmgr = w->doc->mmgr;
	HPDF_Dict catalog = w->doc->catalog;
	HPDF_Dict mark = HPDF_Dict_New(mmgr);
	if (!mark || HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE) != HPDF_OK ||
	    HPDF_Dict_Add(catalog, "MarkInfo", mark) != HPDF_OK ||
	    HPDF_Dict_Add(catalog, "StructTreeRoot", root) != HPDF_OK)
		return -1;
	HPDF_Dict prefs = HPDF_Dict_GetItem(catalog, "ViewerPreferences", HPDF_OCLASS_DICT);
	if (!prefs) {
		prefs = HPDF_Dict_New(mmgr);
		if (!prefs || HPDF_Dict_Add(catalog, "ViewerPreferences", prefs) != HPDF_OK)
			return -1;
	}
	if (HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK)
		return -1;
	/* Tab order follows the structure (PDF/UA). */
	for (int p = 0; p < w->page_count; p++)
		if (HPDF_Dict_AddName(w->pages[p], "Tabs", "S") != HPDF_OK)
			return -1;
	return 0;
}

static int write_all(struct writer *w)
{
	struct pdf_tags_data *d = w->d;
	mark_content(w);
	if (group_kids(w) != 0)
		return -1;
	for (size_t e = 0; e < d->elem_count; e++)
		if (w->has[e] && !(w->objs[e] = new_object(w)))
			return -1;
	HPDF_Dict root = new_object(w);
	if (!root || HPDF_Dict_AddName(root, "Type", "StructTreeRoot") != HPDF_OK ||
	    HPDF_Dict_Add(root, "K", w->objs[0]) != HPDF_OK ||
	    HPDF_Dict_Add(w->objs[0], "P", root) != HPDF_OK)
		return -1;
	for (size_t e = 0; e < d->elem_count; e++)
		if (w->has[e] && write_elem(w, (int)e) != 0)
			return -1;
	if (write_parent_tree(w, root) != 0)
		return -1;
	return write_catalog(w, root);
}

int tags_write(struct pdf_tags *tags, HPDF_Doc doc, HPDF_Page *pages, int page_count)
{
	if (!tags->on)
		return 0;
	if (tags->failed)
		return -1;
	struct pdf_tags_data *d = tags->data;
	struct writer w = {.doc = doc, .d = d, .pages = pages, .page_count = page_count};
	w.has = calloc(d->elem_count, 1);
	w.objs = calloc(d->elem_count, sizeof *w.objs);
	w.first = calloc(d->elem_count + 1, sizeof *w.first);
	w.order = calloc(d->kid_count + 1, sizeof *w.order);
	int status = w.has && w.objs && w.first && w.order ? write_all(&w) : -1;
	free(w.has);
	free(w.objs);
	free(w.first);
	free(w.order);
	return status;
}
