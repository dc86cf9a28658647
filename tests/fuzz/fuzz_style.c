/* fuzz_style: a libFuzzer target for the style parser (tools/lib/style.c):
 * any text is refused with a diagnostic or parsed into settings whose every
 * number, when it is one, is finite and in range. */
#include "diag.h"
#include "style.h"

#include <math.h>
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
	struct style_conf conf;
	if (style_conf_parse(&conf, "handout.conf", text) == 0) {
		for (size_t i = 0; i < conf.count; i++) {
			const char *key = conf.settings[i].key;
			int ok = 1;
			double value = style_conf_number(&conf, key, 1, &ok);
			if (ok && (!isfinite(value) || value < 0 || value > STYLE_MAX_NUMBER))
				abort();
			if (!style_conf_get(&conf, key, NULL))
				abort();
		}
		style_conf_free(&conf);
	} else if (diag_error_count() == 0) {
		abort(); /* refused without a diagnostic */
	}
	free(text);
	return 0;
}
