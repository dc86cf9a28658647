/* timelimit: the CPU-time budget of timelimit.h. A POSIX CPU-time timer of
 * the process (CLOCK_PROCESS_CPUTIME_ID) delivers SIGXCPU; the handler does
 * only what is async-signal-safe: write the message made when the budget was
 * armed, remove the temporary outputs atomic.c has open, _exit. It never
 * touches the state of a run otherwise, and never returns. */
#include "timelimit.h"
#include "atomic.h"
#include "diag.h"

#include <errno.h>
#include <math.h> /* isfinite, a macro: no libm */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char message[1024];
static size_t message_len;
static timer_t timer;
static int timer_made;

static void on_budget_spent(int signal_number)
{
	(void)signal_number;
	ssize_t written = write(STDERR_FILENO, message, message_len);
	(void)written;
	atomic_remove_temporaries();
	_exit(EXIT_INPUT);
}

int timelimit_parse(const char *text, double *seconds)
{
	char *end;
	errno = 0;
	double value = strtod(text, &end);
	if (errno != 0 || end == text || *end != '\0' || !isfinite(value) || value < 0 ||
	    value > TIMELIMIT_MAX_SECONDS) {
		diag_fatal("--time-limit '%s': give seconds of CPU time, from 0 (no limit) to %.0f",
			   text, TIMELIMIT_MAX_SECONDS);
		return -1;
	}
	*seconds = value == 0 ? TIMELIMIT_OFF : value;
	return 0;
}

/* The input's size in bytes, or TIMELIMIT_UNKNOWN_SIZE for a pipe. */
static double input_size(const char *path)
{
	struct stat st;
	int known = atomic_is_stdout(path) ? fstat(STDIN_FILENO, &st) == 0 : stat(path, &st) == 0;
	return known && S_ISREG(st.st_mode) ? (double)st.st_size : TIMELIMIT_UNKNOWN_SIZE;
}

static void make_message(const char *name, double seconds, double size)
{
	char amount[32];
	if (size >= 1024 * 1024)
		snprintf(amount, sizeof amount, "%.1f MiB", size / (1024 * 1024));
	else
		snprintf(amount, sizeof amount, "%.0f KiB", (double)(long long)((size + 1023) / 1024));
	int n = snprintf(message, sizeof message,
			 "%s: error: this input takes too long to parse (more than %g s of CPU "
			 "time for %s); limit with --time-limit\n",
			 name, seconds, amount);
	message_len = n < 0 ? 0 : (size_t)n < sizeof message ? (size_t)n : sizeof message - 1;
}

static int make_timer(void)
{
	if (timer_made)
		return 0;
	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_handler = on_budget_spent;
	sigemptyset(&action.sa_mask);
	struct sigevent event;
	memset(&event, 0, sizeof event);
	event.sigev_notify = SIGEV_SIGNAL;
	event.sigev_signo = SIGXCPU;
	if (sigaction(SIGXCPU, &action, NULL) != 0 ||
	    timer_create(CLOCK_PROCESS_CPUTIME_ID, &event, &timer) != 0) {
		diag_fatal("cannot set the CPU-time limit: %s", strerror(errno));
		return -1;
	}
	timer_made = 1;
	return 0;
}

int timelimit_start(const char *path, const char *name, double seconds)
{
	if (make_timer() != 0)
		return -1;
	double size = input_size(path);
	if (seconds == TIMELIMIT_DEFAULT)
		seconds = TIMELIMIT_BASE_SECONDS + TIMELIMIT_SECONDS_PER_MIB * size / (1024 * 1024);
	struct itimerspec budget;
	memset(&budget, 0, sizeof budget);
	if (seconds > 0) {
		make_message(name, seconds, size);
		budget.it_value.tv_sec = (time_t)seconds;
		budget.it_value.tv_nsec =
			(long)((seconds - (double)budget.it_value.tv_sec) * 1e9);
		if (budget.it_value.tv_sec == 0 && budget.it_value.tv_nsec == 0)
			budget.it_value.tv_nsec = 1;
	}
	if (timer_settime(timer, 0, &budget, NULL) != 0) {
		diag_fatal("cannot set the CPU-time limit: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int timelimit_arm(const char *path, const char *limit)
{
	double seconds = TIMELIMIT_DEFAULT;
	if (limit && timelimit_parse(limit, &seconds) != 0)
		return -1;
	return timelimit_start(path, atomic_is_stdout(path) ? "<stdin>" : path, seconds);
}
