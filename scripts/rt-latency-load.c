// SPDX-License-Identifier: GPL-2.0
/*
 * The load behind scripts/rt-test's latency run: an unprivileged task that,
 * for SECONDS, forks children that each stack as many maximum-size
 * (BPF_MAXINSNS) filters as seccomp takes, every one answering unknown
 * syscalls with EPERM (so seccomp_diag flags them), then make denied
 * syscalls through the whole chain.  This is the worst case the module can
 * be handed by a tenant: the most instructions per install, per chain walk
 * and per denied syscall.
 *
 * usage: rt-latency-load SECONDS [UID]   (drops to UID, default 65534)
 * Prints "installs N denied N" on success; exit 1 on any failure.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* seccomp's limit on the instructions of all filters a syscall runs. */
#define MAX_INSNS_PER_PATH	32768
#define DENIED_CALLS		200

static const int allowed[] = {
	__NR_exit_group, __NR_exit, __NR_seccomp, __NR_write, __NR_rt_sigreturn,
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define NR_ALLOWED	ARRAY_SIZE(allowed)

static struct sock_filter insns[BPF_MAXINSNS];

/*
 * Every syscall runs the whole filter: the number is loaded, then a run of
 * no-op additions fills it to BPF_MAXINSNS before the few allowed syscalls
 * are matched; anything else fails with EPERM.
 */
static void build_filter(void)
{
	unsigned int i, n = 0, filler;

	filler = BPF_MAXINSNS - 1 - NR_ALLOWED - 2;
	insns[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						  offsetof(struct seccomp_data, nr));
	for (i = 0; i < filler; i++)
		insns[n++] = (struct sock_filter)BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 0);
	for (i = 0; i < NR_ALLOWED; i++)
		insns[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
							  allowed[i], NR_ALLOWED - i, 0);
	insns[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						  SECCOMP_RET_ERRNO | EPERM);
	insns[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
}

/* The child: install the deepest chain seccomp accepts, then be denied. */
static int child(void)
{
	struct sock_fprog prog = { .len = BPF_MAXINSNS, .filter = insns };
	int i, depth = 0;

	/* Each filter counts 4 more instructions than it has. */
	while ((depth + 1) * (BPF_MAXINSNS + 4) <= MAX_INSNS_PER_PATH) {
		if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
			return 10;
		depth++;
	}
	for (i = 0; i < DENIED_CALLS; i++)
		if (syscall(__NR_getppid) != -1 || errno != EPERM)
			return 11;
	return depth;
}

int main(int argc, char **argv)
{
	unsigned long installs = 0, denied = 0;
	uid_t uid = 65534;
	struct timespec now;
	time_t end;
	int status;
	pid_t pid;

	if (argc < 2 || atoi(argv[1]) <= 0) {
		fprintf(stderr, "usage: %s SECONDS [UID]\n", argv[0]);
		return 1;
	}
	if (argc > 2)
		uid = strtoul(argv[2], NULL, 10);
	if ((getuid() == 0 && setgroups(0, NULL)) || setgid(uid) || setuid(uid) ||
	    getuid() != uid) {
		perror("rt-latency-load: cannot drop privileges");
		return 1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		perror("rt-latency-load: PR_SET_NO_NEW_PRIVS");
		return 1;
	}
	build_filter();
	clock_gettime(CLOCK_MONOTONIC, &now);
	end = now.tv_sec + atoi(argv[1]);
	do {
		pid = fork();
		if (pid < 0) {
			perror("rt-latency-load: fork");
			return 1;
		}
		if (pid == 0)
			_exit(child());
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) == 0 || WEXITSTATUS(status) >= 10) {
			fprintf(stderr, "rt-latency-load: child failed (status %#x)\n", status);
			return 1;
		}
		installs += WEXITSTATUS(status);
		denied += DENIED_CALLS;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec < end);
	printf("installs %lu denied %lu\n", installs, denied);
	return 0;
}
