// SPDX-License-Identifier: GPL-2.0
/*
 * probe: ask the sandbox we run in.  Each call is made in a child, so a
 * filter that kills or traps is reported instead of ending the probe, and
 * with arguments the kernel rejects before doing anything.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
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
#include "../../module/casualties.h"

#define CMD "probe"

/* Why an ABI marked SDIAG_CALL_NONE gets no answer from probe. */
#define NOT_CALLABLE \
	"this process cannot make its syscalls (an AArch64 process cannot call the AArch32 ABI); check --pid judges a process's filters for it"

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

	if (sdiag_abis[call->abi].call == SDIAG_CALL_INT80)
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
	} else if (sdiag_abis[call->abi].call == SDIAG_CALL_INT80 &&
		   sdiag_int80_faulted(status)) {
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

#define NO_FD	((unsigned long)-1)
#define ALL	(~0ul)

/*
 * Arguments for which the kernel itself fails each casualty before doing
 * anything, and its errno for them (checked against Linux 6.1 to 6.12):
 * an answer equal to it is the kernel's, so the filter let the call
 * through; ENOSYS and EPERM are never the kernel's answer to these.
 */
static const struct {
	const char *name;
	unsigned long args[6];
	int kernel_errno;
	int kernel_errno2;	/* another version's check order, or 0 */
} casualty_calls[] = {
	{ "clone3", { 0, 0 }, EINVAL, 0 },			/* size < VER0 */
	{ "openat2", { NO_FD, 0, 0, 0 }, EINVAL, 0 },	/* size < VER0 */
	{ "faccessat2", { NO_FD, 0, 0, ALL }, EINVAL, 0 },	/* bad flags */
	{ "fchmodat2", { NO_FD, 0, 0, ALL }, EINVAL, 0 },	/* bad flags */
	{ "statx", { NO_FD, 0, ALL, 0, 0 }, EINVAL, 0 },	/* both sync types */
	{ "close_range", { ~0u, 0, 0 }, EINVAL, 0 },	/* first > last */
	{ "pidfd_open", { 0, ALL }, EINVAL, 0 },		/* bad pid, flags */
	/* maxevents 0 (6.1), the bad fd first (newer kernels) */
	{ "epoll_pwait2", { NO_FD, 0, 0, 0, 0, 0 }, EINVAL, EBADF },
};

#define NR_CASUALTY_CALLS (sizeof(casualty_calls) / sizeof(casualty_calls[0]))

/* The index of @name in module/casualties.h, -1 when it is none. */
static int casualty_index(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(sdiag_casualties) / sizeof(sdiag_casualties[0]); i++)
		if (!strcmp(sdiag_casualties[i].name, name))
			return (int)i;
	return -1;
}

static const struct sdiag_casualty *casualty(const char *name)
{
	int i = casualty_index(name);

	return i < 0 ? NULL : &sdiag_casualties[i];
}

static bool killed(const struct result *res)
{
	return res->outcome == OUTCOME_KILLED;
}

static bool returned(const struct result *res, int err)
{
	return res->outcome == OUTCOME_RETURN && res->ret == -err;
}

struct abi_probe {
	struct result reserved, getppid;
	struct result calls[NR_CASUALTY_CALLS];
	long nrs[NR_CASUALTY_CALLS];
	enum sdiag_impl impl[NR_CASUALTY_CALLS];	/* in this kernel */
	enum sdiag_finding finding;
	const char *info;
	const char *note;	/* why a finding may not apply */
};

static void probe_abi(int a, unsigned long probe_nr, struct abi_probe *p)
{
	const struct sdiag_abi *abi = &sdiag_abis[a];
	struct call call = { .abi = a };
	enum sdiag_abi_state state;
	bool eperm_casualty = false;
	const char *why;
	size_t i;
	int nr;

	call.nr = probe_nr;
	run_call(&call, &p->reserved);
	/* A harmless syscall every filter allows, unless it kills the ABI. */
	nr = sdiag_syscall_nr(abi, "getppid");
	call.nr = nr < 0 ? 0 : (unsigned long)nr;
	run_call(&call, &p->getppid);
	for (i = 0; i < NR_CASUALTY_CALLS; i++) {
		int c = casualty_index(casualty_calls[i].name);

		p->calls[i].outcome = OUTCOME_NO_ABI;
		/* Judged like check and the module, unified numbers included. */
		p->nrs[i] = c < 0 ? -1 : sdiag_casualty_nr(abi, (unsigned int)c,
							    &p->impl[i]);
		if (p->nrs[i] < 0)
			continue;
		call.nr = (unsigned long)p->nrs[i];
		memcpy(call.args, casualty_calls[i].args, sizeof(call.args));
		run_call(&call, &p->calls[i]);
		if (returned(&p->calls[i], EPERM))
			eperm_casualty = true;
	}

	p->info = NULL;
	p->note = NULL;
	state = sdiag_abi_state(abi, &why);
	if (p->reserved.outcome == OUTCOME_NO_ABI) {
		p->finding = SDIAG_FINDING_ABI_OFF;
		p->info = SDIAG_NO_IA32;
	} else if (state == SDIAG_ABI_OFF) {
		p->finding = SDIAG_FINDING_ABI_OFF;
		p->info = why;
	} else if (killed(&p->reserved) && killed(&p->getppid)) {
		p->finding = SDIAG_FINDING_KILLED;
		p->info = "the sandbox kills every syscall of this ABI (a bad-arch action): no fallback to break";
	} else if (returned(&p->reserved, ENOSYS)) {
		p->finding = eperm_casualty ? SDIAG_FINDING_CASUALTY :
					      SDIAG_FINDING_NONE;
	} else if (returned(&p->reserved, EPERM)) {
		p->finding = SDIAG_FINDING_EPERM;
	} else {
		p->finding = SDIAG_FINDING_OTHER;
	}
	if (state == SDIAG_ABI_UNKNOWN && p->finding != SDIAG_FINDING_KILLED)
		p->note = why;
}

/* What the line of a casualty says of this kernel's having it. */
static const char *in_kernel(enum sdiag_impl impl)
{
	switch (impl) {
	case SDIAG_IMPL_NO:
		return ", not in this kernel";
	case SDIAG_IMPL_UNKNOWN:
		return ", unknown in this kernel";
	default:
		return "";
	}
}

static const char *reserved_text(const struct abi_probe *p)
{
	if (p->info)
		return "information only";
	if (returned(&p->reserved, ENOSYS))
		return "good, unknown syscalls fail with ENOSYS";
	if (returned(&p->reserved, EPERM))
		return "BAD, EPERM breaks fallbacks from new syscalls";
	return "UNCLEAR, neither ENOSYS nor EPERM: fallbacks from new syscalls may break";
}

/* The word and the text for one casualty's answer. */
static const char *casualty_text(const struct abi_probe *p, size_t i,
				 char *buf, size_t size)
{
	const struct result *res = &p->calls[i];
	const struct sdiag_casualty *c = casualty(casualty_calls[i].name);
	const char *kname = sdiag_errno_name(casualty_calls[i].kernel_errno);

	if (returned(res, ENOSYS)) {
		snprintf(buf, size, "ENOSYS, fallbacks work");
		return "enosys";
	}
	if (returned(res, casualty_calls[i].kernel_errno) ||
	    (casualty_calls[i].kernel_errno2 &&
	     returned(res, casualty_calls[i].kernel_errno2))) {
		snprintf(buf, size, "allowed, the kernel's own %s for these arguments",
			 sdiag_errno_name((int)-res->ret));
		return "allowed";
	}
	if (returned(res, EPERM) && p->finding == SDIAG_FINDING_CASUALTY) {
		snprintf(buf, size, "BAD, %s falls back only on ENOSYS: %s",
			 c->caller, c->breakage);
		return "eperm";
	}
	if (returned(res, EPERM)) {
		snprintf(buf, size, "EPERM like the reserved number");
		return "eperm";
	}
	snprintf(buf, size, "information, neither the kernel's own %s nor ENOSYS or EPERM",
		 kname);
	return "other";
}

int sdiag_cmd_probe(int argc, char **argv)
{
	static const struct option options[] = {
		{ "nr", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long probe_nr = SDIAG_DEFAULT_PROBE_NR;
	struct abi_probe probes[SDIAG_NR_ABIS];
	unsigned int mask = 0, shown = 0;
	bool json = false;
	size_t i;
	int opt, a;

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

	if (json)
		printf("{\"probe_nr\":%lu,\"calls\":[", probe_nr);
	for (a = 0; a < SDIAG_NR_ABIS; a++) {
		const struct sdiag_abi *abi = &sdiag_abis[a];
		struct abi_probe *p = &probes[a];
		char what[64], text[256];

		if (abi->call == SDIAG_CALL_NONE) {
			/* Said, not skipped silently: no answer is a finding. */
			if (json)
				printf("%s{\"abi\":\"%s\",\"syscall\":\"reserved\",\"nr\":%lu,\"result\":null,\"verdict\":\"not_probed\",\"finding\":null,\"info\":\"%s\",\"note\":null}",
				       shown++ ? "," : "", abi->name,
				       probe_nr | abi->nr_bit, NOT_CALLABLE);
			else
				printf("%s: not probed: %s\n", abi->name,
				       NOT_CALLABLE);
			continue;
		}
		probe_abi(a, probe_nr, p);
		mask |= 1u << p->finding;
		describe(&p->reserved, what, sizeof(what));
		if (json) {
			printf("%s{\"abi\":\"%s\",\"syscall\":\"reserved\",\"nr\":%lu,\"result\":",
			       shown++ ? "," : "", abi->name, probe_nr | abi->nr_bit);
			sdiag_json_string(stdout, what);
			printf(",\"verdict\":\"%s\",\"finding\":\"%s\",\"info\":",
			       p->info ? "info" :
			       returned(&p->reserved, ENOSYS) ? "enosys" :
			       returned(&p->reserved, EPERM) ? "eperm" : "other",
			       sdiag_finding_name(p->finding));
			if (p->info)
				sdiag_json_string(stdout, p->info);
			else
				printf("null");
			printf(",\"note\":");
			if (p->note)
				sdiag_json_string(stdout, p->note);
			else
				printf("null");
			printf("}");
		} else {
			printf(abi->nr_bit ? "%s reserved syscall 0x%lx: %s: %s\n" :
			       "%s reserved syscall %lu: %s: %s\n", abi->name,
			       probe_nr | abi->nr_bit, what, reserved_text(p));
			if (p->info)
				printf("%s information: %s\n", abi->name, p->info);
			if (p->note)
				printf("%s note: %s\n", abi->name, p->note);
		}
		if (p->finding == SDIAG_FINDING_ABI_OFF &&
		    p->reserved.outcome == OUTCOME_NO_ABI)
			continue;
		for (i = 0; i < NR_CASUALTY_CALLS; i++) {
			char kernel[16];
			const char *word;

			if (p->calls[i].outcome == OUTCOME_NO_ABI)
				continue;
			describe(&p->calls[i], what, sizeof(what));
			word = casualty_text(p, i, text, sizeof(text));
			if (!json && p->finding == SDIAG_FINDING_KILLED)
				continue;
			if (json) {
				printf(",{\"abi\":\"%s\",\"syscall\":\"%s\",\"nr\":%lu,\"result\":",
				       abi->name, casualty_calls[i].name,
				       (unsigned long)p->nrs[i] | abi->nr_bit);
				sdiag_json_string(stdout, what);
				/* What the kernel itself answers, null: unknown. */
				if (p->impl[i] == SDIAG_IMPL_UNKNOWN)
					snprintf(kernel, sizeof(kernel), "null");
				else
					snprintf(kernel, sizeof(kernel), "\"%s\"",
						 p->impl[i] == SDIAG_IMPL_NO ? "ENOSYS" :
						 sdiag_errno_name(casualty_calls[i].kernel_errno));
				printf(",\"kernel\":%s,\"verdict\":\"%s\"}",
				       kernel, word);
			} else {
				printf("%s %s (%ld%s): %s: %s\n", abi->name,
				       casualty_calls[i].name, p->nrs[i],
				       in_kernel(p->impl[i]), what, text);
			}
		}
	}
	if (json)
		printf("],\"verdict\":\"%s\"}\n", sdiag_finding_word(mask));
	else
		printf("verdict: %s\n", sdiag_finding_verdict(mask));
	return sdiag_finding_exit(mask);
}
