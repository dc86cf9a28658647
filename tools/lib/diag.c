/* diag: diagnostics in the "FILE:LINE: severity: message" form. */
#include "diag.h"

#include <stdio.h>

static const char *program_name = "guide";
static int strict_mode;
static int errors;
static int warnings;

void diag_set_program(const char *name) { program_name = name; }
const char *diag_program(void) { return program_name; }
void diag_set_strict(int strict) { strict_mode = strict; }
int diag_error_count(void) { return errors; }
int diag_warning_count(void) { return warnings; }

/* For a program that runs a tool's main more than once in one process (the
 * fuzz targets): forget the counts and the strict mode of the last run. */
void diag_reset(void)
{
	strict_mode = 0;
	errors = 0;
	warnings = 0;
}

static void diag_print(const char *file, long line, const char *severity, const char *fmt,
		       va_list ap)
{
	if (file && line > 0)
		fprintf(stderr, "%s:%ld: %s: ", file, line, severity);
	else if (file)
		fprintf(stderr, "%s: %s: ", file, severity);
	else
		fprintf(stderr, "%s: %s: ", program_name, severity);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void diag_error(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_print(file, line, "error", fmt, ap);
	va_end(ap);
	errors++;
}

void diag_warning(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_print(file, line, strict_mode ? "error" : "warning", fmt, ap);
	va_end(ap);
	if (strict_mode)
		errors++;
	else
		warnings++;
}

void diag_fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_print(NULL, 0, "error", fmt, ap);
	va_end(ap);
	errors++;
}
