/* fuzz_anki_previous: a libFuzzer target for the previous-deck reader of
 * guide2anki (tools/guide2anki/package.c and previous.c). An input that starts
 * like a zip is written to a file and read as the previous package; any other
 * input is taken as the collection.anki2 image itself, so the fuzzer works on
 * SQLite's file format too. Either way the result is applied to a deck of two
 * notes, as guide2anki applies it. A crash, a leak or a sanitizer report is a
 * bug; a warning is the expected answer to a bad deck. */
#include "guide2anki/anki.h"
#include "diag.h"
#include "fuzz_folder.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Two notes with the guids and fields of tests/fixtures/anki-fields' first cards. */
static void deck(struct anki_deck_set *set, struct anki_note notes[2])
{
	static char question[] = "Plain &amp; simple?", answer[] = "<p>Yes.</p>", empty[] = "",
		    source[] = "anki-fields.md:56", tags[] = "questions", css[] = ".card {}",
		    front[] = "{{Question}}", back[] = "{{FrontSide}}<hr id=answer>{{Answer}}";
	memset(set, 0, sizeof *set);
	memset(notes, 0, 2 * sizeof *notes);
	for (int i = 0; i < 2; i++) {
		char *fields[ANKI_FIELD_COUNT] = {question, answer, empty, empty, source};
		memcpy(notes[i].fields, fields, sizeof fields);
		notes[i].tags = tags;
		notes[i].mod = 1000;
	}
	snprintf(notes[0].guid, sizeof notes[0].guid, "g2a00000000000000a4");
	snprintf(notes[1].guid, sizeof notes[1].guid, "g2a%016llx", 0x1234ULL);
	set->notes = notes;
	set->note_count = set->note_cap = 2;
	set->css = css;
	set->front = front;
	set->back = back;
	set->timestamp = 2000;
	set->notetype_mod = 2000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_paths[0];
	if (fuzz_folder_make("previous.apkg", "unused") != 0)
		abort();
	diag_reset();
	struct anki_deck_set set;
	struct anki_note notes[2];
	deck(&set, notes);
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		if (fuzz_folder_write(path, data, size) != 0)
			abort();
		unsigned char *image;
		size_t len;
		if (anki_package_read_collection(path, &image, &len) == 0)
			anki_previous_apply(&set, image, len, path);
		free(image);
	} else {
		anki_previous_apply(&set, data, size, "collection.anki2");
	}
	for (int i = 0; i < 2; i++)
		if (notes[i].mod < 0 || notes[i].mod > ANKI_MAX_MOD + 1)
			abort();
	return 0;
}
