// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp-worst: what a syscall costs under the filters that are worst
 * for an observer, with whatever seccomp_diag configuration the caller set
 * up: a 4-instruction filter that decides on the syscall number alone
 * (seccomp's action cache allows getppid), one argument-dependent
 * 4096-instruction filter, and 32 stacked argument-dependent filters of
 * 1000 instructions (the kernel's 32768-instruction limit).  Each case
 * times an allowed getppid and a syscall the filters fail with EPERM.
 *
 * usage: seccomp-worst LABEL ITERS REPS
 * prints: worst: label=L case=C workload=W ns=MEDIAN min=N max=N samples=N,N,...
 * (nanoseconds of CPU time per syscall; samples are the repetitions in the
 * order they ran, for tools/bench/report.py to take medians over rounds)
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DENIED_NR	SYS_keyctl
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_REPS	32

struct worst_case {
	const char *name;
	unsigned int filters;
	unsigned int insns;	/* per filter; 4 means number-only */
};

static const struct worst_case cases[] = {
	{ "nr_only", 1, 4 },
	{ "args_4096", 1, 4096 },
	{ "args_32x1000", 32, 1000 },
};

static int install(unsigned int insns)
{
	struct sock_filter *f = calloc(insns, sizeof(*f));
	struct sock_fprog prog = { .len = insns, .filter = f };
	unsigned int i = 0;
	int ret;

	if (!f)
		return -1;
	if (insns > 4) {
		/* Read an argument: no action cache for any syscall. */
		f[i++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			offsetof(struct seccomp_data, args[0]));
		while (i < insns - 4)
			f[i++] = (struct sock_filter)BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 1);
	}
	f[i++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					      offsetof(struct seccomp_data, nr));
	f[i++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
					      DENIED_NR, 0, 1);
	f[i++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
					      SECCOMP_RET_ERRNO | EPERM);
	f[i++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	ret = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	free(f);
	return ret;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void run(const char *label, const struct worst_case *c, long iters,
		int reps)
{
	static const char * const workloads[] = { "getppid", "denied" };
	double t[2][MAX_REPS], sorted[MAX_REPS], start;
	int w, r;
	long i;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		exit(2);
	for (i = 0; i < c->filters; i++)
		if (install(c->insns)) {
			perror("seccomp");
			exit(2);
		}
	for (r = 0; r < reps; r++) {
		start = now_ns();
		for (i = 0; i < iters; i++)
			syscall(SYS_getppid);
		t[0][r] = (now_ns() - start) / iters;
		start = now_ns();
		for (i = 0; i < iters; i++)
			if (syscall(DENIED_NR, 0, 0, 0, 0, 0) != -1 || errno != EPERM)
				exit(3);
		t[1][r] = (now_ns() - start) / iters;
	}
	for (w = 0; w < 2; w++) {
		printf("worst: label=%s case=%s workload=%s", label, c->name,
		       workloads[w]);
		memcpy(sorted, t[w], reps * sizeof(double));
		qsort(sorted, reps, sizeof(double), cmp);
		printf(" ns=%.0f min=%.0f max=%.0f samples=", sorted[reps / 2],
		       sorted[0], sorted[reps - 1]);
		for (r = 0; r < reps; r++)
			printf("%s%.0f", r ? "," : "", t[w][r]);
		printf("\n");
	}
	fflush(stdout);
}

int main(int argc, char **argv)
{
	long iters;
	int reps, status;
	unsigned int i;
	pid_t pid;

	iters = argc == 4 ? atol(argv[2]) : 0;
	reps = argc == 4 ? atoi(argv[3]) : 0;
	if (iters <= 0 || reps <= 0 || reps > MAX_REPS) {
		fprintf(stderr, "usage: seccomp-worst LABEL ITERS REPS (REPS <= %d)\n",
			MAX_REPS);
		return 3;
	}
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		pid = fork();
		if (pid < 0)
			return 3;
		if (!pid) {
			run(argv[1], &cases[i], iters, reps);
			_exit(0);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			fprintf(stderr, "seccomp-worst: case %s failed\n",
				cases[i].name);
			return 3;
		}
	}
	return 0;
}
