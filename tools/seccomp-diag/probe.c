// SPDX-License-Identifier: GPL-2.0
/*
 * probe: ask the sandbox we run in.  Each call is made in a child, so a
 * filter that kills or traps is reported instead of ending the probe, and
 * with arguments the kernel rejects before doing anything.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "rawsys.h"
#include "verdict.h"

#define CMD "probe"

enum outcome {
	OUTCOME_RETURN,		/* returned, ret holds -errno or a value */
	OUTCOME_TRAP,		/* SIGSYS from SECCOMP_RET_TRAP */
	OUTCOME_KILLED,		/* died of SIGSYS: SECCOMP_RET_KILL_* */
	OUTCOME_SIGNAL,		/* died of another signal */
	OUTCOME_NO_ABI,		/* the ABI is not available */
};

struct result {
	enum outcome outcome;
	long ret;
	int data;		/* TRAP data or signal number */
};

/* Written by the child, read by the parent once the child is gone. */
struct shared {
	volatile long ret;
	volatile int done;
	volatile int trapped;
	volatile int trap_data;
};

static struct shared *shared;

struct call {
	const char *name;	/* NULL: the reserved number */
	int abi;
	unsigned long nr;
	unsigned long args[6];
};

static void on_sigsys(int sig, siginfo_t *info, void *ucontext)
{
	(void)sig;
	(void)ucontext;
	shared->trap_data = info->si_errno;
	shared->trapped = 1;
	_exit(0);
}

static void __attribute__((noreturn)) child(const struct call *call)
{
	struct rlimit no_core = { 0, 0 };
	struct sigaction sa = { 0 };
	long ret;

	/* A filter that kills must not leave core files behind. */
	setrlimit(RLIMIT_CORE, &no_core);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSYS, &sa, NULL);

	if (sdiag_abis[call->abi].audit_arch == sdiag_abis[1].audit_arch)
		ret = sdiag_int80(call->nr, call->args);
	else
		ret = sdiag_syscall6(call->nr | sdiag_abis[call->abi].nr_bit,
				  call->args);
	shared->ret = ret;
	shared->done = 1;
	_exit(0);
}

static void run_call(const struct call *call, struct result *res)
{
	int status;
	pid_t pid;

	memset((void *)shared, 0, sizeof(*shared));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		sdiag_die(CMD, "cannot fork a child to make the call in: %s",
			  strerror(errno));
	if (!pid)
		child(call);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			sdiag_die(CMD, "waitpid: %s", strerror(errno));

	if (shared->done) {
		res->outcome = OUTCOME_RETURN;
		res->ret = shared->ret;
	} else if (shared->trapped) {
		res->outcome = OUTCOME_TRAP;
		res->data = shared->trap_data;
	} else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS) {
		res->outcome = OUTCOME_KILLED;
	} else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV &&
		   call->abi == 1) {
		/* int $0x80 faults when IA32 emulation is off. */
		res->outcome = OUTCOME_NO_ABI;
	} else {
		res->outcome = OUTCOME_SIGNAL;
		res->data = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	}
}

static void describe(const struct result *res, char *buf, size_t size)
{
	const char *name;

	switch (res->outcome) {
	case OUTCOME_RETURN:
		if (res->ret < 0 && res->ret >= -4095) {
			name = sdiag_errno_name((int)-res->ret);
			if (name)
				snprintf(buf, size, "%s", name);
			else
				snprintf(buf, size, "errno %ld", -res->ret);
		} else {
			snprintf(buf, size, "returned %ld", res->ret);
		}
		break;
	case OUTCOME_TRAP:
		snprintf(buf, size, "SIGSYS (TRAP, data %d)", res->data);
		break;
	case OUTCOME_KILLED:
		snprintf(buf, size, "killed by SIGSYS (KILL)");
		break;
	case OUTCOME_SIGNAL:
		snprintf(buf, size, "died of signal %d", res->data);
		break;
	case OUTCOME_NO_ABI:
		snprintf(buf, size, "ABI not available");
		break;
	}
}

/* -1 when the outcome says nothing about the sandbox. */
static int verdict_of(const struct call *call, const struct result *res,
		      const char **text)
{
	if (res->outcome == OUTCOME_NO_ABI) {
		*text = "no IA32 emulation in this kernel, skipped";
		return -1;
	}
	if (res->outcome != OUTCOME_RETURN) {
		*text = "neither ENOSYS nor EPERM";
		return SDIAG_VERDICT_OTHER;
	}
	if (res->ret == -ENOSYS) {
		*text = call->name ? "ENOSYS, fallbacks work" :
				     "good, unknown syscalls fail with ENOSYS";
		return SDIAG_VERDICT_ENOSYS;
	}
	if (res->ret == -EPERM) {
		*text = call->name ? "BAD, blocked with EPERM: no fallback" :
				     "BAD, EPERM breaks fallbacks from new syscalls";
		return SDIAG_VERDICT_EPERM;
	}
	if (call->name && res->ret < 0 && res->ret >= -4095) {
		*text = "allowed, the kernel refused the bad arguments";
		return SDIAG_VERDICT_ENOSYS;
	}
	*text = "neither ENOSYS nor EPERM";
	return SDIAG_VERDICT_OTHER;
}

#define NO_FD	((unsigned long)-1)
#define ALL	(~0ul)

/* Arguments each of which fails the call before it can do anything. */
static const struct call real_calls[] = {
	{ "clone3", 0, 0, { 0, 0 } },			/* size < VER0 */
	{ "openat2", 0, 0, { NO_FD, 0, 0, 0 } },	/* size < VER0 */
	{ "faccessat2", 0, 0, { NO_FD, 0, 0, ALL } },	/* bad flags */
	{ "fchmodat2", 0, 0, { NO_FD, 0, 0, ALL } },	/* bad flags */
	{ "statx", 0, 0, { NO_FD, 0, ALL, 0, 0 } },	/* bad flags */
	{ "close_range", 0, 0, { ~0u, 0, 0 } },		/* first > last */
	{ "pidfd_open", 0, 0, { 0, ALL } },		/* bad pid, flags */
	{ "epoll_pwait2", 0, 0, { NO_FD, 0, 0, 0, 0, 0 } }, /* maxevents 0 */
	{ "process_madvise", 0, 0, { NO_FD, 0, 0, 0, ALL } },
	{ "mount_setattr", 0, 0, { NO_FD, 0, ALL, 0, 0 } },
	{ "futex_waitv", 0, 0, { 0, 0, ALL, 0, 0 } },
	{ "landlock_create_ruleset", 0, 0, { 0, 0, ALL } },
	{ "cachestat", 0, 0, { NO_FD, 0, 0, ALL } },
};

int sdiag_cmd_probe(int argc, char **argv)
{
	static const struct option options[] = {
		{ "nr", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long probe_nr = SDIAG_DEFAULT_PROBE_NR;
	struct call calls[SDIAG_NR_ABIS + sizeof(real_calls) / sizeof(real_calls[0])];
	unsigned int nr_calls = 0, i;
	bool json = false;
	int opt, seen = 0;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'n':
			if (sdiag_parse_uint(optarg, SDIAG_X32_BIT - 1, &probe_nr))
				sdiag_die(CMD, "invalid --nr '%s': a number below 0x40000000 (the x32 bit)",
					  optarg);
			break;
		case 'j':
			json = true;
			break;
		default:
			sdiag_bad_option(CMD, opt, argv[optind - 1]);
		}
	}
	if (optind < argc)
		sdiag_die(CMD, "unexpected argument '%s'", argv[optind]);

	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		sdiag_die(CMD, "mmap: %s", strerror(errno));

	for (i = 0; i < SDIAG_NR_ABIS; i++) {
		if (sdiag_abis[i].no_call) {
			if (!json)
				printf("%s: not probed, this process cannot make its syscalls (check --pid judges it)\n",
				       sdiag_abis[i].name);
			continue;
		}
		calls[nr_calls++] = (struct call){ .abi = (int)i, .nr = probe_nr };
	}
	for (i = 0; i < sizeof(real_calls) / sizeof(real_calls[0]); i++) {
		int nr = sdiag_syscall_nr(&sdiag_abis[0], real_calls[i].name);

		/* Syscalls this libseccomp cannot name are left out. */
		if (nr < 0)
			continue;
		calls[nr_calls] = real_calls[i];
		calls[nr_calls++].nr = (unsigned long)nr;
	}

	if (json)
		printf("{\"probe_nr\":%lu,\"calls\":[", probe_nr);
	for (i = 0; i < nr_calls; i++) {
		const struct call *call = &calls[i];
		const struct sdiag_abi *abi = &sdiag_abis[call->abi];
		struct result res;
		const char *text;
		char what[64];
		int verdict;

		run_call(call, &res);
		describe(&res, what, sizeof(what));
		verdict = verdict_of(call, &res, &text);
		if (verdict >= 0)
			seen |= 1 << verdict;
		if (json) {
			printf("%s{\"abi\":\"%s\",\"syscall\":", i ? "," : "",
			       abi->name);
			sdiag_json_string(stdout, call->name ? call->name : "reserved");
			printf(",\"nr\":%lu,\"result\":", call->nr | abi->nr_bit);
			sdiag_json_string(stdout, what);
			printf(",\"verdict\":\"%s\"}", verdict < 0 ? "skipped" :
			       sdiag_verdict_name(verdict));
		} else if (call->name) {
			printf("%s %s (%lu): %s: %s\n", abi->name, call->name,
			       call->nr, what, text);
		} else {
			printf(abi->nr_bit ? "%s reserved syscall 0x%lx: %s: %s\n" :
			       "%s reserved syscall %lu: %s: %s\n", abi->name,
			       call->nr | abi->nr_bit, what, text);
		}
	}
	if (json) {
		printf("],\"verdict\":\"%s\"}\n",
		       seen & (1 << SDIAG_VERDICT_EPERM) ? "eperm" :
		       seen & (1 << SDIAG_VERDICT_OTHER) ? "other" : "enosys");
	} else if (seen & (1 << SDIAG_VERDICT_EPERM)) {
		printf("verdict: BAD: this sandbox answers with EPERM where programs expect ENOSYS\n");
	} else if (seen & (1 << SDIAG_VERDICT_OTHER)) {
		printf("verdict: UNCLEAR: some answers are neither ENOSYS nor EPERM\n");
	} else {
		printf("verdict: good: this sandbox answers unknown syscalls with ENOSYS\n");
	}
	return sdiag_verdict_exit(seen);
}
