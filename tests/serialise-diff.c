/* serialise-diff: guide2epub's serialiser (tools/guide2epub/serialise.c)
 * against libxml2's xmlSaveDoc, byte for byte.
 *
 *   serialise-diff FILE...     each file parsed, then written both ways
 *   serialise-diff --made      documents built to hold every kind of node
 *   serialise-diff --formatted FILE
 *                              against xmlSaveDoc with formatting: must differ
 *
 * Prints "N documents, M differ" last; exits 1 when any differs. */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int epub_serialise(xmlDocPtr doc, unsigned char **data, size_t *len);
int epub_serialise_libxml2(xmlDocPtr doc, unsigned char **data, size_t *len);

static int documents, differ;

static void compare(const char *name, xmlDocPtr doc)
{
	unsigned char *ours = NULL, *theirs = NULL;
	size_t ours_len = 0, theirs_len = 0;
	int a = epub_serialise(doc, &ours, &ours_len);
	int b = epub_serialise_libxml2(doc, &theirs, &theirs_len);
	documents++;
	if (a != 0 || b != 0 || ours_len != theirs_len || memcmp(ours, theirs, ours_len) != 0 ||
	    ours[ours_len] != '\0') {
		size_t at = 0;
		while (at < ours_len && at < theirs_len && ours[at] == theirs[at])
			at++;
		printf("%s: differs at byte %zu (%zu and %zu bytes): ours \"%.40s\", libxml2's "
		       "\"%.40s\"\n",
		       name, at, ours_len, theirs_len, ours ? (char *)ours + at : "",
		       theirs ? (char *)theirs + at : "");
		differ++;
	}
	free(ours);
	free(theirs);
}

static xmlNodePtr child(xmlNodePtr parent, xmlNsPtr ns, const char *name)
{
	return xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
}

/* One document per way a node can be written, plus each kind the serialiser
 * leaves to libxml2. */
static void made_documents(void)
{
	for (int kind = 0; kind < 8; kind++) {
		xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
		xmlNodePtr html = xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL);
		xmlDocSetRootElement(doc, html);
		xmlCreateIntSubset(doc, (const xmlChar *)"html", NULL,
				   kind == 5 ? (const xmlChar *)"about:legacy-compat" : NULL);
		xmlNsPtr ns = xmlNewNs(html, (const xmlChar *)"http://www.w3.org/1999/xhtml", NULL);
		xmlNsPtr epub = xmlNewNs(html, (const xmlChar *)"http://www.idpf.org/2007/ops",
					 (const xmlChar *)"epub");
		xmlSetNs(html, ns);
		xmlNodeSetLang(html, (const xmlChar *)"en");
		xmlNodePtr body = child(html, ns, "body");
		xmlNodePtr p = child(body, ns, "p");
		xmlNewProp(p, (const xmlChar *)"title",
			   (const xmlChar *)"a \"quote\"\n\ttab <lt> >gt & amp \r cr é 中 👶");
		xmlNewNsProp(p, epub, (const xmlChar *)"type", (const xmlChar *)"chapter");
		xmlAddChild(p, xmlNewDocText(doc, (const xmlChar *)"text & <b> > \r\n\t\"q\" 'a' é 😀"));
		child(p, ns, "br");
		child(child(p, ns, "span"), ns, "em");
		xmlAddChild(body, xmlNewDocComment(doc, (const xmlChar *)" a comment "));
		xmlNodePtr deep = body;
		for (int i = 0; i < 5000; i++)
			deep = child(deep, ns, "div");
		xmlAddChild(deep, xmlNewDocText(doc, (const xmlChar *)"deep"));
		if (kind == 1)
			xmlAddChild(body, xmlNewReference(doc, (const xmlChar *)"amp"));
		if (kind == 2)
			xmlAddChild(body, xmlNewCDataBlock(doc, (const xmlChar *)"a ]]> b", 7));
		if (kind == 3)
			xmlAddChild(body, xmlNewDocPI(doc, (const xmlChar *)"pi", (const xmlChar *)"x"));
		if (kind == 4) {
			xmlNodePtr raw = xmlNewDocText(doc, (const xmlChar *)"<raw & unescaped>");
			raw->name = xmlStringTextNoenc;
			xmlAddChild(body, raw);
		}
		if (kind == 6)
			doc->standalone = 1;
		if (kind == 7)
			xmlNewNs(body, (const xmlChar *)"urn:x", (const xmlChar *)"x");
		char name[32];
		snprintf(name, sizeof name, "made document %d", kind);
		compare(name, doc);
		xmlFreeDoc(doc);
	}
}

int main(int argc, char **argv)
{
	int formatted = argc == 3 && strcmp(argv[1], "--formatted") == 0;
	if (argc == 2 && strcmp(argv[1], "--made") == 0) {
		made_documents();
	} else if (formatted) {
		xmlDocPtr doc = xmlReadFile(argv[2], NULL, XML_PARSE_NONET);
		if (!doc)
			return 2;
		unsigned char *ours = NULL;
		size_t len = 0;
		xmlBufferPtr buffer = xmlBufferCreate();
		xmlSaveCtxtPtr save = xmlSaveToBuffer(buffer, "UTF-8", XML_SAVE_FORMAT);
		xmlSaveDoc(save, doc);
		xmlSaveClose(save);
		epub_serialise(doc, &ours, &len);
		documents = 1;
		differ = len != (size_t)xmlBufferLength(buffer) ||
			 memcmp(ours, xmlBufferContent(buffer), len) != 0;
		free(ours);
		xmlBufferFree(buffer);
		xmlFreeDoc(doc);
	} else {
		for (int i = 1; i < argc; i++) {
			xmlDocPtr doc = xmlReadFile(argv[i], NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
			if (!doc) {
				printf("%s: not read\n", argv[i]);
				differ++;
				continue;
			}
			compare(argv[i], doc);
			xmlFreeDoc(doc);
		}
	}
	printf("%d documents, %d differ\n", documents, differ);
	return differ ? 1 : 0;
}
