/* lang: checks a language tag against the pattern of tools/guide.rng. */
#include "lang.h"

#include <stddef.h>

int lang_valid(const char *tag)
{
	size_t part = 0;
	int first = 1; /* in the first subtag, which is letters only */
	for (const char *c = tag;; c++) {
		if (*c == '-' || *c == '\0') {
			if (part == 0 || part > 8)
				return 0;
			if (*c == '\0')
				return 1;
			part = 0;
			first = 0;
			continue;
		}
		int alpha = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z');
		int digit = *c >= '0' && *c <= '9';
		if (!alpha && !(digit && !first))
			return 0;
		part++;
	}
}
