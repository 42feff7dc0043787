// SPDX-License-Identifier: GPL-2.0
/*
 * The cover letter's cost figures for kernel-patches/: run in a guest of
 * the patched kernel (scripts/kernel-patched builds it), e.g.
 *   gcc -O2 -static -o kbench THIS_FILE
 *   scripts/vmtest --no-module --kernel KERNEL --tests /nonexistent \
 *     --add kbench:/opt/kbench -- /opt/kbench 100000
 * (a second argument skips the errno loop).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void put(const char *path, const char *v)
{
	int fd = open(path, O_WRONLY | O_TRUNC);

	if (fd < 0 || write(fd, v, strlen(v)) < 0)
		perror(path);
	close(fd);
}

/* A filter of n rules the unused number walks through in full. */
static int install(int n, __u32 deflt)
{
	struct sock_filter *f = calloc(n + 4, sizeof(*f));
	struct sock_fprog prog;
	int i, k = 0;

	f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					      offsetof(struct seccomp_data, nr));
	for (i = 0; i < n; i++)
		f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
						      1000 + i, n - i, 0);
	/* Not listed: allowed (the unused number too); listed: @deflt. */
	f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, deflt);
	prog.len = k;
	prog.filter = f;
	return syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/*
 * @measure(@a, @b) in a fresh child, which its filters stay in: its
 * figure, or -1 when the child could not tell one.
 */
static double in_child(double (*measure)(long, long), long a, long b)
{
	int p[2];
	double r = -1;

	pipe(p);
	if (fork() == 0) {
		r = measure(a, b);
		write(p[1], &r, sizeof(r));
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &r, sizeof(r)) != sizeof(r))
		r = -1;
	wait(NULL);
	close(p[0]);
	return r;
}

/* ns per getppid that a 4-instruction filter fails with EACCES. */
static double errno_measure(long iters, long unused)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = 4, .filter = f };
	double t;
	long i;

	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	t = now();
	for (i = 0; i < iters; i++)
		syscall(__NR_getppid);
	return (now() - t) / iters;
}

static double errno_loop(long iters)
{
	return in_child(errno_measure, iters, 0);
}

/* ns per install of @depth filters of @n rules each. */
static double install_measure(long depth, long n)
{
	double t;
	long i;

	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	t = now();
	for (i = 0; i < depth; i++)
		if (install(n, SECCOMP_RET_ERRNO | EPERM))
			return -1;
	return (now() - t) / depth;
}

/* The same, in a fresh child. */
static double install_chain(int depth, int n)
{
	return in_child(install_measure, depth, n);
}

int main(int argc, char **argv)
{
	const char *ev = "/sys/kernel/tracing/events/seccomp/seccomp_errno/enable";
	const char *sw = "/proc/sys/kernel/seccomp/warn_eperm_unused";
	long iters = argc > 1 ? atol(argv[1]) : 200000;
	int round, depth;

	for (round = 0; round < (argc > 2 ? 0 : 3); round++) {
		put(ev, "0");
		printf("errno_loop event=off %.0f ns/syscall\n", errno_loop(iters));
		put(ev, "1");
		printf("errno_loop event=on  %.0f ns/syscall\n", errno_loop(iters));
		put(ev, "0");
		put("/sys/kernel/tracing/trace", "");
	}
	for (round = 0; round < 3; round++) {
		for (depth = 1; depth <= 64; depth *= 8) {
			put(sw, "0");
			printf("install depth=%d rules=200 warn=0 %.0f ns/install\n",
			       depth, install_chain(depth, 200));
			put(sw, "1");
			printf("install depth=%d rules=200 warn=1 %.0f ns/install\n",
			       depth, install_chain(depth, 200));
		}
	}
	return 0;
}
