/* Runs a command several times and prints what one run costs: median and
 * fastest wall time, median processor time (user + system), and the
 * largest peak resident memory of a run.
 *
 * usage: measure [-n RUNS] [-b SECONDS] [-o FILE] [-e FILE] [-a STATUS]
 *                -- COMMAND [ARG...]
 *
 *   -n RUNS     runs to make (default 5)
 *   -b SECONDS  stop repeating once the runs made so far took this long
 *               (at least one run is made; default: no budget)
 *   -o FILE     the command's standard output goes there, every run's
 *               after the other (default /dev/null)
 *   -e FILE     and its standard error (default: kept)
 *   -a STATUS   an exit status that is not a failure either (xargs exits
 *               with 123 when a command it ran exited with 1)
 *
 * Output, one line: RUNS MEDIAN_S FASTEST_S CPU_S PEAK_KIB STATUS
 *
 * Peak memory comes from wait4(): a process forked from this small program
 * starts small, so the figure is the command's own (a launcher as large as
 * a Python interpreter would count its own size in it). The command may
 * exit with 0 or 1 (lint exits 1 when it finds something) or the status
 * given with -a; any other status, or a signal, is a failed run and is
 * reported. */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_RUNS = 100 };

typedef struct {
    double wall, cpu;
    long peak_kib;
    int status;              /* exit status, or 128 + signal */
} sample;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* The files a command's output goes to are opened once, before the first
 * run, and each run appends to them: truncating a file at every run would
 * be timed with the command, and on ext4 a file truncated then written is
 * flushed to disk when closed (auto_da_alloc), half a millisecond that is
 * the file system's, not the command's. */
static int open_output(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0666);
    if (fd < 0) {
        fprintf(stderr, "measure: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    return fd;
}

static void run_child(int out, int err, char **argv)
{
    if (dup2(out, STDOUT_FILENO) < 0 || (err >= 0 && dup2(err, STDERR_FILENO) < 0)) {
        fprintf(stderr, "measure: %s\n", strerror(errno));
        _exit(127);
    }
    execvp(argv[0], argv);
    fprintf(stderr, "measure: %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

static int run_once(int out, int err, char **argv, sample *s)
{
    double start = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return -1;
    }
    if (pid == 0)
        run_child(out, err, argv);
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("measure: wait4");
            return -1;
        }
    }
    s->wall = now() - start;
    s->cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
    s->peak_kib = ru.ru_maxrss;
    s->status = WIFEXITED(status) ? WEXITSTATUS(status)
                                  : 128 + WTERMSIG(status);
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void usage(void)
{
    fprintf(stderr, "usage: measure [-n RUNS] [-b SECONDS] [-o FILE] [-e FILE] "
            "[-a STATUS] -- COMMAND [ARG...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int runs = 5, accepted = 1, c;
    double budget = 0;
    const char *out = "/dev/null", *err = NULL;
    while ((c = getopt(argc, argv, "n:b:o:e:a:")) != -1) {
        switch (c) {
        case 'n': runs = atoi(optarg); break;
        case 'b': budget = atof(optarg); break;
        case 'o': out = optarg; break;
        case 'e': err = optarg; break;
        case 'a': accepted = atoi(optarg); break;
        default: usage();
        }
    }
    if (optind >= argc || runs < 1 || runs > MAX_RUNS)
        usage();
    int out_fd = open_output(out), err_fd = err ? open_output(err) : -1;
    sample s[MAX_RUNS];
    double walls[MAX_RUNS], cpus[MAX_RUNS], spent = 0;
    long peak = 0;
    int done = 0, worst = 0;
    while (done < runs && !(budget > 0 && done > 0 && spent >= budget)) {
        if (run_once(out_fd, err_fd, argv + optind, &s[done]) != 0)
            return 2;
        walls[done] = s[done].wall;
        cpus[done] = s[done].cpu;
        spent += s[done].wall;
        if (s[done].peak_kib > peak)
            peak = s[done].peak_kib;
        if (s[done].status > 1 && s[done].status != accepted && !worst)
            worst = s[done].status;
        done++;
    }
    double fastest = walls[0];
    for (int i = 1; i < done; i++)
        if (walls[i] < fastest)
            fastest = walls[i];
    printf("%d %.6f %.6f %.6f %ld %d\n", done, median(walls, done), fastest,
           median(cpus, done), peak, worst);
    return worst ? 1 : 0;
}
