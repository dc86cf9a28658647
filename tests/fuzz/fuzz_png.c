/* fuzz_png: a libFuzzer target for guide2pdf's PNG decoder
 * (tools/guide2pdf/pngdecode.c): any bytes are refused with a reason or
 * decoded into planes of exactly width x height samples, with no crash,
 * leak or read past the input, whatever libpng makes of them. */
#include "guide2pdf/pngdecode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SAMPLES ((size_t)64 << 20) /* the fuzzer's memory, not guide2pdf's limit */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct png_pixels pixels;
	char why[200] = "";
	if (png_decode(data, size, MAX_SAMPLES, &pixels, why, sizeof why) != 0) {
		if (!why[0] || pixels.color || pixels.alpha)
			abort(); /* refused without a reason, or with planes left over */
		return 0;
	}
	size_t count = (size_t)pixels.width * pixels.height;
	if (count == 0 || (pixels.channels != 1 && pixels.channels != 3) || !pixels.color)
		abort();
	volatile unsigned char sum = 0; /* every sample is there to be read */
	for (size_t i = 0; i < count * (size_t)pixels.channels; i++)
		sum ^= pixels.color[i];
	for (size_t i = 0; pixels.alpha && i < count; i++)
		sum ^= pixels.alpha[i];
	png_pixels_free(&pixels);
	return 0;
}
