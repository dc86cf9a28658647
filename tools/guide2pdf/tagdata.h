/* tagdata.h: the structure elements as tags.c collects them and tagwrite.c
 * writes them; nothing else reads these. */
#ifndef GUIDE2PDF_TAGDATA_H
#define GUIDE2PDF_TAGDATA_H

#include "guide2pdf/typeset.h"

enum { KID_ELEM, KID_MCID, KID_ANNOT };

struct tag_kid {
	int parent;
	int kind;
	int page;  /* of an MCID or an annotation */
	int value; /* an element, an MCID, or an index into annots */
};

struct tag_elem {
	const char *type; /* a standard structure type, static */
	int parent;
	char *alt;
	char *actual; /* ActualText: the words of a line drawn in another order */
	char *lang;
};

struct tag_page {
	int *elems; /* the element of each MCID */
	size_t count, cap;
};

struct tag_annot {
	HPDF_Annotation annot;
	int elem;
};

struct pdf_tags_data {
	struct tag_elem *elems;
	size_t elem_count, elem_cap;
	struct tag_kid *kids;
	size_t kid_count, kid_cap;
	struct tag_page *pages;
	size_t page_cap;
	struct tag_annot *annots;
	size_t annot_count, annot_cap;
};

#endif
