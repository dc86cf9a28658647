/* timelimit-cleanup: what tools/lib/timelimit.c does when a budget runs out
 * while an output is half-written. Opens OUT through atomic.c, writes to it,
 * arms a budget for INPUT and then spends it: the handler must print the
 * message, remove the temporary file and exit 1 (tests/hostile-timelimit.sh
 * checks all three). */
#include "atomic.h"
#include "diag.h"
#include "timelimit.h"

#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: timelimit-cleanup INPUT OUT\n");
		return 2;
	}
	struct atomic_file out;
	if (atomic_open(&out, argv[2]) != 0 || fputs("half", out.stream) < 0 ||
	    fflush(out.stream) != 0)
		return 2;
	printf("%s\n", out.temp_path); /* the file that must go */
	fflush(stdout);
	if (timelimit_arm(argv[1], "0.02") != 0)
		return 2;
	for (volatile unsigned long spin = 0;; spin++)
		;
}
