/* make bench, start to first screen: runs the console on a pseudo-terminal
 * (forkpty) and times it from the fork to the moment it reports its first
 * screen handed to the terminal (PARCOURS_TRACE_KEYS pointed at a FIFO that
 * this harness blocks on), then `dialog --infobox` from the fork to its exit,
 * interleaved, and prints markdown rows: median and spread. Nothing polls:
 * the harness sleeps in poll(2) until the child writes. Not a screen test.
 *
 *   parcours_bench_start [--runs N] [--label TEXT] [--no-dialog] COMMAND [ARG...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { RUNS_DEFAULT = 15, RUNS_MAX = 1000 };

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads what the child wrote to the terminal and throws it away, so that it
 * never blocks on a full pty; false once the child closed it. */
static bool drain(int master)
{
	char buf[4096];
	ssize_t n = read(master, buf, sizeof(buf));
	return n > 0 || (n < 0 && errno == EINTR);
}

/* Forks `argv` on an 80x24 pty with the trace going to `fifo` (NULL: none). */
static pid_t spawn(char **argv, const char *fifo, int *master)
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	pid_t pid = forkpty(master, NULL, NULL, &ws);
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		if (fifo)
			setenv("PARCOURS_TRACE_KEYS", fifo, 1);
		else
			unsetenv("PARCOURS_TRACE_KEYS");
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* Ends a console: SIGTERM (it keeps drafts and leaves), SIGKILL when it is
 * still there 5 s later (a signal that came before its handlers were set). */
static void finish(pid_t pid, int master)
{
	kill(pid, SIGTERM);
	for (;;) {
		struct pollfd p = {.fd = master, .events = POLLIN};
		int n = poll(&p, 1, 5000);
		if (n == 0)
			kill(pid, SIGKILL);
		else if (n > 0 && !drain(master))
			break;
	}
	waitpid(pid, NULL, 0);
	close(master);
}

/* One console run: whole-process milliseconds to the "start" line of the
 * trace, and the time the console measured itself from main(); -1 when it
 * never drew a screen. */
static double run_console(char **argv, const char *fifo_path, int fifo, double *inside)
{
	int master = -1;
	double t0 = now_ms();
	pid_t pid = spawn(argv, fifo_path, &master);
	if (pid < 0)
		return -1;
	double t = -1;
	char line[256];
	size_t len = 0;
	bool open = true;
	while (t < 0 && open) {
		struct pollfd p[2] = {{.fd = master, .events = POLLIN},
		                      {.fd = fifo, .events = POLLIN}};
		if (poll(p, 2, 30000) <= 0)
			break;
		if (p[0].revents)
			open = drain(master);
		if (p[1].revents & POLLIN) {
			ssize_t n = read(fifo, line + len, sizeof(line) - 1 - len);
			if (n > 0)
				len += (size_t)n;
			line[len] = '\0';
			long long us;
			if (strchr(line, '\n') && sscanf(line, "start 0 %lld", &us) == 1) {
				t = now_ms() - t0;
				*inside = (double)us / 1e3;
			} else if (strchr(line, '\n') || len == sizeof(line) - 1) {
				len = 0; /* some other line: not ours */
			}
		}
	}
	finish(pid, master);
	return t;
}

/* One run of a command that draws and exits (dialog --infobox): fork to exit. */
static double run_to_exit(char **argv)
{
	int master = -1;
	double t0 = now_ms();
	pid_t pid = spawn(argv, NULL, &master);
	if (pid < 0)
		return -1;
	while (drain(master))
		;
	int status = 0;
	waitpid(pid, &status, 0);
	double t = now_ms() - t0;
	close(master);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? t : -1;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* "median (p10-p90, min-max)" of n sorted values. */
static void put_stats(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), by_value);
	double med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	printf("%.1f ms (p10-p90 %.1f-%.1f, min-max %.1f-%.1f) |\n", med, v[n / 10],
	       v[n - 1 - n / 10], v[0], v[n - 1]);
}

/* True when an executable called `name` is in $PATH. */
static bool in_path(const char *name)
{
	const char *path = getenv("PATH");
	char dir[4096];
	while (path && *path) {
		size_t n = strcspn(path, ":");
		snprintf(dir, sizeof(dir), "%.*s/%s", (int)n, path, name);
		if (access(dir, X_OK) == 0)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

int main(int argc, char **argv)
{
	int runs = RUNS_DEFAULT;
	const char *label = "";
	bool dialog = true;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--label") && i + 1 < argc)
			label = argv[++i];
		else if (!strcmp(argv[i], "--no-dialog"))
			dialog = false;
		else
			break;
	}
	if (i >= argc || runs < 1 || runs > RUNS_MAX) {
		fprintf(stderr,
		        "usage: parcours_bench_start [--runs N] [--label TEXT] [--no-dialog] "
		        "COMMAND [ARG...]\n");
		return 2;
	}
	char **cmd = argv + i;
	dialog = dialog && in_path("dialog");
	char dir[] = "/tmp/bench-start-XXXXXX", fifo_path[64];
	if (!mkdtemp(dir))
		return perror("mkdtemp"), 1;
	snprintf(fifo_path, sizeof(fifo_path), "%s/trace", dir);
	/* read-write: never an end-of-file between two writers */
	int fifo =
	    mkfifo(fifo_path, 0600) == 0 ? open(fifo_path, O_RDWR | O_NONBLOCK | O_CLOEXEC) : -1;
	double *whole = calloc((size_t)runs, sizeof(double));
	double *inside = calloc((size_t)runs, sizeof(double));
	double *dia = calloc((size_t)runs, sizeof(double));
	char *dialog_cmd[] = {"dialog", "--infobox", "Chargement des dossiers...", "5", "40", NULL};
	int rc = 0;
	if (fifo < 0 || !whole || !inside || !dia) {
		perror("bench_start");
		rc = 1;
		goto out;
	}
	/* one run of each first, not counted: files in the page cache */
	double ignored;
	if (run_console(cmd, fifo_path, fifo, &ignored) < 0) {
		fprintf(stderr, "bench_start: the console never reported its first screen: %s\n",
		        cmd[0]);
		rc = 1;
		goto out;
	}
	if (dialog && run_to_exit(dialog_cmd) < 0)
		dialog = false;
	for (int r = 0; r < runs; r++) {
		if ((whole[r] = run_console(cmd, fifo_path, fifo, &inside[r])) < 0) {
			fprintf(stderr, "bench_start: run %d never reported its first screen\n",
			        r + 1);
			rc = 1;
			goto out;
		}
		if (dialog && (dia[r] = run_to_exit(dialog_cmd)) < 0)
			dialog = false; /* said below as not measured */
	}
	printf("| start to first screen%s, whole process on a pty, median of %d | ", label, runs);
	put_stats(whole, (size_t)runs);
	printf("| same, inside the process (main() to the first screen flushed) | ");
	put_stats(inside, (size_t)runs);
	if (dialog) {
		printf("| `dialog --infobox` start to exit, same pty, interleaved, median of %d | ",
		       runs);
		put_stats(dia, (size_t)runs);
	} else {
		printf("| `dialog --infobox` start to exit | not installed |\n");
	}
out:
	if (fifo >= 0)
		close(fifo);
	unlink(fifo_path);
	rmdir(dir);
	free(whole);
	free(inside);
	free(dia);
	return rc;
}
