/* fuzz_anki_template: a libFuzzer target for guide2anki's card-template check
 * (tools/guide2anki/template.c). Each input is checked as a front and as a
 * back template, as tests/hostile-fuzz-regressions.sh replays it (the file as
 * both card-front.html and card-back.html of a style folder). A crash, a hang
 * or a sanitizer report is a bug; errors are the expected answer. */
#include "guide2anki/anki.h"
#include "diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	diag_reset();
	anki_template_check("card-front.html", text, 1);
	anki_template_check("card-back.html", text, 0);
	free(text);
	return 0;
}
