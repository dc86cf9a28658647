/* container: the book's files in memory, and the EPUB zip that holds them.
 *
 * The zip follows the OCF rules readers and epubcheck rely on: "mimetype" is the
 * first entry, stored (not compressed) with no extra field; then
 * META-INF/container.xml, the package document and everything else, deflated.
 * Every entry gets the same timestamp (the build date), so the same guide
 * gives the same bytes. */
#include "guide2epub/book.h"

#include "atomic.h"
#include "diag.h"
#include "lang.h"
#include "zipentry.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const char MIMETYPE[] = "application/epub+zip";
static const char CONTAINER_XML[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"  <rootfiles>\n"
	"    <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n"
	"  </rootfiles>\n"
	"</container>\n";

/* The earliest time a zip (MS-DOS) timestamp can hold: 1980-01-01. */
#define ZIP_EARLIEST_TIME ((time_t)315532800)

struct epub_file *epub_add_file(struct epub_book *book, const char *href, const char *id,
				const char *media_type, unsigned char *data, size_t len)
{
	if (book->file_count == EPUB_MAX_FILES) {
		/* One chapter file per section: a guide of that many sections is
		 * past what a reading system opens, and past the zip's own index. */
		if (!book->failed)
			diag_error(book->source, 0, "the book would hold more than %d files (one "
				   "chapter per section); split the guide, or join its sections",
				   EPUB_MAX_FILES);
		free(data);
		book->failed = 1;
		return NULL;
	}
	if (book->file_count == book->file_cap) {
		size_t cap = book->file_cap ? book->file_cap * 2 : 32;
		if (cap > EPUB_MAX_FILES)
			cap = EPUB_MAX_FILES;
		struct epub_file *files = realloc(book->files, cap * sizeof *files);
		if (!files) {
			free(data);
			book->failed = 1;
			return NULL;
		}
		book->files = files;
		book->file_cap = cap;
	}
	struct epub_file *file = &book->files[book->file_count];
	memset(file, 0, sizeof *file);
	file->href = strdup(href);
	file->id = strdup(id);
	if (!file->href || !file->id) {
		free(file->href);
		free(file->id);
		free(data);
		book->failed = 1;
		return NULL;
	}
	file->media_type = media_type;
	file->data = data;
	file->len = len;
	book->file_count++;
	return file;
}

xmlNode *epub_xhtml_new(const struct epub_book *book, xmlDocPtr *out, const char *title)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	/* Element and attribute names interned, as a parsed document's are: not
	 * copied and freed for every token's span. */
	if (doc)
		doc->dict = xmlDictCreate();
	xmlNode *html = doc && doc->dict ? xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL)
					 : NULL;
	*out = doc;
	if (!html)
		return NULL;
	xmlDocSetRootElement(doc, html);
	if (!xmlCreateIntSubset(doc, (const xmlChar *)"html", NULL, NULL))
		return NULL;
	xmlNsPtr ns = xmlNewNs(html, (const xmlChar *)EPUB_XHTML_NS, NULL);
	if (!ns || !xmlNewNs(html, (const xmlChar *)EPUB_OPS_NS, (const xmlChar *)"epub"))
		return NULL;
	xmlSetNs(html, ns);
	xmlNodeSetLang(html, (const xmlChar *)book->lang);
	if (!xmlNewProp(html, (const xmlChar *)"lang", (const xmlChar *)book->lang))
		return NULL;
	/* A right-to-left book's pages run right to left, tables and lists
	 * included, not its paragraphs alone (each block's dir="auto"). */
	if (lang_is_right_to_left(book->lang) &&
	    !xmlNewProp(html, (const xmlChar *)"dir", (const xmlChar *)"rtl"))
		return NULL;
	xmlNode *head = xmlNewChild(html, ns, (const xmlChar *)"head", NULL);
	xmlNode *meta = head ? xmlNewChild(head, ns, (const xmlChar *)"meta", NULL) : NULL;
	xmlNode *heading = head ? xmlNewChild(head, ns, (const xmlChar *)"title", NULL) : NULL;
	if (!meta || !heading || !xmlNewProp(meta, (const xmlChar *)"charset", (const xmlChar *)"utf-8"))
		return NULL;
	xmlNode *text = xmlNewDocText(doc, (const xmlChar *)title);
	if (!text)
		return NULL;
	xmlAddChild(heading, text);
	static const char *const SHEETS[] = {"styles/fonts.css", "styles/book.css",
					     "styles/code.css"};
	for (size_t i = 0; i < sizeof SHEETS / sizeof SHEETS[0]; i++) {
		if (i == 0 && !book->has_font)
			continue;
		xmlNode *link = xmlNewChild(head, ns, (const xmlChar *)"link", NULL);
		if (!link || !xmlNewProp(link, (const xmlChar *)"rel", (const xmlChar *)"stylesheet") ||
		    !xmlNewProp(link, (const xmlChar *)"type", (const xmlChar *)"text/css") ||
		    !xmlNewProp(link, (const xmlChar *)"href", (const xmlChar *)SHEETS[i]))
			return NULL;
	}
	return xmlNewChild(html, ns, (const xmlChar *)"body", NULL);
}

struct epub_file *epub_add_xhtml(struct epub_book *book, xmlDocPtr doc, const char *href,
				 const char *id)
{
	unsigned char *data = NULL;
	size_t len = 0;
	if (doc) {
		epub_fix_outline(doc);
		epub_mark_languages(book, doc, href);
	}
	int status = doc ? epub_serialise(doc, &data, &len) : -1;
	xmlFreeDoc(doc);
	if (status != 0) {
		book->failed = 1;
		return NULL;
	}
	struct epub_file *file = epub_add_file(book, href, id, "application/xhtml+xml", data, len);
	if (file)
		file->spine = EPUB_IN_SPINE;
	return file;
}

/* "mimetype", stored: the one member readers find by its fixed place. */
static int zip_add_mimetype(zip_t *zip, time_t mtime)
{
	zip_source_t *source = zip_source_buffer(zip, MIMETYPE, strlen(MIMETYPE), 0);
	if (!source)
		return -1;
	zip_int64_t index = zip_file_add(zip, "mimetype", source, ZIP_FL_ENC_UTF_8);
	if (index < 0) {
		zip_source_free(source);
		return -1;
	}
	zip_uint64_t entry = (zip_uint64_t)index;
	if (zip_set_file_compression(zip, entry, ZIP_CM_STORE, 0) != 0 ||
	    zip_file_set_mtime(zip, entry, mtime, 0) != 0)
		return -1;
	return 0;
}

static int zip_add_book(zip_t *zip, struct zipentry_deflater *deflater, struct epub_book *book,
			const unsigned char *opf, size_t opf_len)
{
	time_t mtime = book->epoch < ZIP_EARLIEST_TIME ? ZIP_EARLIEST_TIME : book->epoch;
	if (zip_add_mimetype(zip, mtime) != 0 ||
	    zipentry_add(zip, deflater, "META-INF/container.xml", CONTAINER_XML,
			 strlen(CONTAINER_XML), mtime) < 0 ||
	    zipentry_add(zip, deflater, "OEBPS/content.opf", opf, opf_len, mtime) < 0)
		return -1;
	for (size_t i = 0; i < book->file_count; i++) {
		const struct epub_file *file = &book->files[i];
		size_t name_len = strlen("OEBPS/") + strlen(file->href) + 1;
		char *name = malloc(name_len);
		if (!name)
			return -1;
		snprintf(name, name_len, "OEBPS/%s", file->href);
		zip_int64_t added = zipentry_add(zip, deflater, name, file->data, file->len, mtime);
		free(name);
		if (added < 0)
			return -1;
	}
	return 0;
}

int epub_write_container(struct epub_book *book, struct atomic_file *out)
{
	unsigned char *opf = NULL;
	size_t opf_len = 0;
	if (epub_package_document(book, &opf, &opf_len) != 0) {
		diag_fatal("out of memory writing the package document");
		atomic_abort(out);
		return -1;
	}
	int error = 0;
	zip_t *zip = zip_open(out->temp_path, ZIP_CREATE | ZIP_TRUNCATE, &error);
	if (!zip) {
		zip_error_t err;
		zip_error_init_with_code(&err, error);
		diag_error(out->path, 0, "cannot create the book: %s", zip_error_strerror(&err));
		zip_error_fini(&err);
		free(opf);
		atomic_abort(out);
		return -1;
	}
	/* Members are deflated as they are added; libzip writes them in zip_close. */
	struct zipentry_deflater *deflater = zipentry_deflater_new();
	if (!deflater || zip_add_book(zip, deflater, book, opf, opf_len) != 0 ||
	    zip_close(zip) != 0) {
		diag_error(out->path, 0, "cannot write the book: %s",
			   deflater ? zip_strerror(zip) : "out of memory");
		zip_discard(zip);
		zipentry_deflater_free(deflater);
		free(opf);
		atomic_abort(out);
		return -1;
	}
	zipentry_deflater_free(deflater);
	free(opf);
	return atomic_commit(out);
}

/* dir="auto" lets the reading system take each text block's direction from
 * its first strong character, so a Hebrew or Arabic paragraph in an English
 * guide reads right to left. */
int epub_is_text_block(const char *name)
{
	static const char *const BLOCKS[] = {"p",  "li", "h1", "h2", "h3", "h4",     "h5",
					     "h6", "td", "th", "dt", "dd", "caption", "summary"};
	for (size_t i = 0; i < sizeof BLOCKS / sizeof BLOCKS[0]; i++)
		if (strcmp(name, BLOCKS[i]) == 0)
			return 1;
	return 0;
}

static int is_xhtml(const xmlNode *node)
{
	return node->ns &&
	       xmlStrEqual(node->ns->href, (const xmlChar *)"http://www.w3.org/1999/xhtml");
}

xmlNode *epub_el(struct epub_book *book, xmlNode *parent, const char *name)
{
	if (!parent)
		return NULL;
	xmlNode *node = xmlNewDocNode(parent->doc, parent->ns, (const xmlChar *)name, NULL);
	if (!node) {
		book->failed = 1;
		return NULL;
	}
	if (is_xhtml(node) && epub_is_text_block(name) &&
	    !xmlNewProp(node, (const xmlChar *)"dir", (const xmlChar *)"auto")) {
		xmlFreeNode(node);
		book->failed = 1;
		return NULL;
	}
	return xmlAddChild(parent, node);
}

void epub_text(struct epub_book *book, xmlNode *parent, const char *text)
{
	if (!parent || !text || !*text)
		return;
	xmlNode *node = xmlNewDocText(parent->doc, (const xmlChar *)text);
	if (!node) {
		book->failed = 1;
		return;
	}
	/* Linked by hand: xmlAddChild would merge NODE into a text node before it,
	 * copying that text each time, which is quadratic on a long run of pieces. */
	node->parent = parent;
	node->prev = parent->last;
	if (parent->last)
		parent->last->next = node;
	else
		parent->children = node;
	parent->last = node;
}

/* Whether NODE has an attribute NAME in no namespace. */
static int has_plain_attr(const xmlNode *node, const char *name)
{
	for (const xmlAttr *a = node->properties; a; a = a->next)
		if (!a->ns && strcmp((const char *)a->name, name) == 0)
			return 1;
	return 0;
}

xmlNode *epub_attr(struct epub_book *book, xmlNode *node, const char *name, const char *value)
{
	if (!node)
		return node;
	/* A new attribute without a prefix is added as it is: xmlSetProp looks
	 * for a prefix and an attribute to replace first, on every token's span. */
	int added = !strchr(name, ':') && !has_plain_attr(node, name)
			    ? xmlNewProp(node, (const xmlChar *)name, (const xmlChar *)value) != NULL
			    : xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)value) != NULL;
	if (!added)
		book->failed = 1;
	return node;
}

xmlNode *epub_el_text(struct epub_book *book, xmlNode *parent, const char *name,
		      const char *text)
{
	xmlNode *node = epub_el(book, parent, name);
	epub_text(book, node, text);
	return node;
}

/* The DPUB-ARIA role that says what an epub:type says, for assistive
 * technology that reads roles and not epub:type. Only section and nav carry
 * one here: a landmark link or the cover's section may not. */
static const char *matching_role(const xmlNode *node, const char *type)
{
	static const char *const ROLES[][2] = {
		{"chapter", "doc-chapter"}, {"toc", "doc-toc"}, {"preface", "doc-preface"},
	};
	if (!xmlStrEqual(node->name, (const xmlChar *)"section") &&
	    !xmlStrEqual(node->name, (const xmlChar *)"nav"))
		return NULL;
	for (size_t i = 0; i < sizeof ROLES / sizeof *ROLES; i++)
		if (strcmp(type, ROLES[i][0]) == 0)
			return ROLES[i][1];
	return NULL;
}

void epub_set_type(struct epub_book *book, xmlNode *node, const char *type)
{
	if (!node)
		return;
	xmlNsPtr ns = xmlSearchNs(node->doc, node, (const xmlChar *)"epub");
	if (!ns || !xmlNewNsProp(node, ns, (const xmlChar *)"type", (const xmlChar *)type))
		book->failed = 1;
	const char *role = matching_role(node, type);
	if (role && !xmlNewProp(node, (const xmlChar *)"role", (const xmlChar *)role))
		book->failed = 1;
}

char *epub_join(struct epub_book *book, const char *first, const char *second)
{
	size_t a = strlen(first), b = strlen(second);
	char *joined = malloc(a + b + 1);
	if (!joined) {
		book->failed = 1;
		return NULL;
	}
	memcpy(joined, first, a);
	memcpy(joined + a, second, b + 1);
	return joined;
}
