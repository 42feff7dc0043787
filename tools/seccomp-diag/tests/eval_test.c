// SPDX-License-Identifier: GPL-2.0
/*
 * The userspace evaluator against the host kernel.  A traced child
 * installs libseccomp-built (and hand-written) filters and calls every
 * syscall number 0..600 on each ABI; the errno, SIGSYS or ptrace event it
 * gets must be what sdiag_bpf_run_stack() predicts.
 *
 * No syscall under test ever runs: under the filters sits a guard filter
 * that answers everything with SECCOMP_RET_TRACE, and the tracer skips
 * every traced syscall.  What the filters allow therefore surfaces as the
 * guard's TRACE data, ERRNO as the errno, TRAP as SIGSYS, KILL as death.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "bpf.h"
#include "diag.h"
#include "rawsys.h"
#include "host.h"

#define NR_LAST		600
#define NR_SETS		2
#define SLOTS		(SDIAG_NR_ABIS * NR_SETS * (NR_LAST + 1))
#define GUARD_DATA	0xfeedu
#define MAX_STACK	8

#define ABI_X86_64	(1u << 0)
#define ABI_I386	(1u << 1)
#define ABI_X32		(1u << 2)
#define ALL_ABIS	(ABI_X86_64 | ABI_I386 | ABI_X32)
#define ALL_SETS	3u

/* What a caller can see of a seccomp decision. */
#define OBS_ERRNO	0x10000u
#define OBS_TRAP	0x20000u
#define OBS_TRACE	0x30000u
#define OBS_KILL	0x40000u
#define OBS_RETURN	0x50000u	/* a return value that is no errno */

struct shared {
	volatile int phase;	/* 0 setup, 1 calls, 2 setup failed, 3 done */
	volatile int foreign_signals;
	volatile int setup_errno;
	volatile int cur;
	volatile long ret[SLOTS];
	volatile char done[SLOTS];
};

struct stackdef {
	struct sdiag_filter filters[MAX_STACK];	/* [0] newest */
	unsigned int count;
	unsigned int abis, sets;
};

static int slot_abi(int slot)
{
	return slot / (NR_SETS * (NR_LAST + 1));
}

static int slot_set(int slot)
{
	return slot / (NR_LAST + 1) % NR_SETS;
}

static int slot_nr(int slot)
{
	return slot % (NR_LAST + 1);
}

/* Argument values: small ones, and ones that differ in the high word. */
static void make_args(int slot, uint64_t *args)
{
	unsigned int nr = slot_nr(slot), i;

	for (i = 0; i < 6; i++) {
		if (slot_set(slot) == 0)
			args[i] = (nr + i) % 5;
		else
			args[i] = ((uint64_t)(0x80000000u + nr * 2654435761u) << 32) |
				  (nr * 40503u + i * 977u);
		/* The i386 ABI passes 32-bit registers. */
		if (slot_abi(slot) == 1)
			args[i] = (uint32_t)args[i];
	}
}

static struct sock_filter guard_insns[] = {
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | GUARD_DATA),
};

static const struct sdiag_filter guard = { guard_insns, 1 };

static int install(const struct sdiag_filter *f)
{
	struct sock_fprog prog = { .len = f->len, .filter = f->insns };

	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

static void __attribute__((noreturn)) child(struct shared *sh,
					    const struct stackdef *def,
					    int start)
{
	struct rlimit no_core = { 0, 0 };
	int slot, i;

	ptrace(PTRACE_TRACEME, 0, 0, 0);
	raise(SIGSTOP);
	setrlimit(RLIMIT_CORE, &no_core);
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (install(&guard))
		goto setup_failed;
	for (i = def->count - 1; i >= 0; i--)
		if (install(&def->filters[i]))
			goto setup_failed;
	sh->phase = 1;
	for (slot = start; slot < SLOTS; slot++) {
		int abi = slot_abi(slot);
		uint64_t args[6];
		long ret;

		if (!(def->abis & (1u << abi)) || !(def->sets & (1u << slot_set(slot))))
			continue;
		make_args(slot, args);
		sh->cur = slot;
		if (abi == 1)
			ret = sdiag_int80(slot_nr(slot), args);
		else
			ret = sdiag_syscall6(slot_nr(slot) | sdiag_abis[abi].nr_bit, args);
		sh->ret[slot] = ret;
		sh->done[slot] = 1;
	}
	/* No syscall may be needed to say "done": a fault says it. */
	sh->phase = 3;
	__builtin_trap();

setup_failed:
	sh->setup_errno = errno;
	sh->phase = 2;
	__builtin_trap();
}

/* Trace children until every slot is answered; 0 or a failure text. */
static const char *observe(const struct stackdef *def, struct shared *sh,
			   uint32_t *obs)
{
	static char why[128];
	int start = 0, slot;

	memset((void *)sh, 0, sizeof(*sh));
	memset(obs, 0, SLOTS * sizeof(*obs));
	while (start < SLOTS) {
		int status;
		pid_t pid;

		sh->phase = 0;
		pid = fork();
		if (pid < 0)
			return "fork failed";
		if (!pid)
			child(sh, def, start);
		if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
			return "child did not stop";
		ptrace(PTRACE_SETOPTIONS, pid, 0,
		       PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL);
		ptrace(PTRACE_CONT, pid, 0, 0);
		for (;;) {
			int sig = 0;

			if (waitpid(pid, &status, __WALL) != pid)
				return "waitpid failed";
			if (WIFEXITED(status) || WIFSIGNALED(status)) {
				if (sh->phase == 1 && WIFSIGNALED(status) &&
				    WTERMSIG(status) == SIGSYS) {
					obs[sh->cur] = OBS_KILL;
					start = sh->cur + 1;
					break;
				}
				snprintf(why, sizeof(why),
					 "child ended with status 0x%x in phase %d",
					 status, sh->phase);
				return why;
			}
			if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))) {
				unsigned long msg = 0;
				struct user_regs_struct regs;

				if (sh->phase == 1) {
					ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
					obs[sh->cur] = OBS_TRACE | (uint32_t)msg;
					/* Skip the syscall: it never runs. */
					ptrace(PTRACE_GETREGS, pid, 0, &regs);
					regs.orig_rax = -1;
					regs.rax = -ENOSYS;
					ptrace(PTRACE_SETREGS, pid, 0, &regs);
				}
			} else if (WSTOPSIG(status) == SIGSYS) {
				siginfo_t info;

				ptrace(PTRACE_GETSIGINFO, pid, 0, &info);
				obs[sh->cur] = OBS_TRAP | (uint32_t)info.si_errno;
				if (info.si_code != 1 /* SYS_SECCOMP */)
					return "SIGSYS not from seccomp";
			} else if (WSTOPSIG(status) == SIGILL && sh->phase != 1) {
				kill(pid, SIGKILL);
				waitpid(pid, &status, __WALL);
				if (sh->phase == 2) {
					snprintf(why, sizeof(why),
						 "installing the filters failed: %s",
						 strerror(sh->setup_errno));
					return why;
				}
				start = SLOTS;
				break;
			} else if (sh->phase == 1 && WSTOPSIG(status) != SIGSTOP) {
				/*
				 * Not seccomp's doing (some kernels raise
				 * SIGILL on reserved numbers): drop it.
				 */
				sh->foreign_signals++;
			} else {
				sig = WSTOPSIG(status);
				if (sig == SIGSTOP)
					sig = 0;
			}
			ptrace(PTRACE_CONT, pid, 0, sig);
		}
	}
	for (slot = 0; slot < SLOTS; slot++) {
		long ret = sh->ret[slot];

		if (obs[slot] || !sh->done[slot])
			continue;
		if (ret <= 0 && ret >= -SDIAG_MAX_ERRNO)
			obs[slot] = OBS_ERRNO | (uint32_t)-ret;
		else
			obs[slot] = OBS_RETURN | ((uint32_t)ret & 0xffff);
	}
	return NULL;
}

static uint32_t expected_obs(uint32_t action)
{
	uint32_t data = action & SECCOMP_RET_DATA;

	switch (action & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		return OBS_ERRNO | (data > SDIAG_MAX_ERRNO ? SDIAG_MAX_ERRNO : data);
	case SECCOMP_RET_TRAP:
		return OBS_TRAP | data;
	case SECCOMP_RET_TRACE:
		return OBS_TRACE | data;
	case SECCOMP_RET_USER_NOTIF:
		/* Without a listener the kernel fails the call with ENOSYS. */
		return OBS_ERRNO | ENOSYS;
	case SECCOMP_RET_LOG:
	case SECCOMP_RET_ALLOW:
		return 0;	/* impossible: the guard traces everything */
	default:
		return OBS_KILL;
	}
}

static void obs_text(uint32_t obs, char *buf, size_t size)
{
	static const char * const kinds[] = {
		"none", "ERRNO", "TRAP", "TRACE", "KILL", "RETURN",
	};

	snprintf(buf, size, "%s(%u)", kinds[obs >> 16 <= 5 ? obs >> 16 : 0],
		 obs & 0xffff);
}

/*
 * Numbers this kernel answers without asking seccomp (some sandboxing
 * kernels hook a few): a filter failing everything with one errno shows
 * them.  They say nothing about the evaluator and are left out.
 */
static char bypass[SLOTS];
static int nr_bypass = -1;

static const char *calibrate(struct shared *sh, unsigned int abis)
{
	static struct sock_filter all_errno[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 4000),
	};
	static uint32_t obs[SLOTS];
	struct stackdef def = {
		.filters = { { all_errno, 1 } },
		.count = 1,
		.abis = abis,
		.sets = ALL_SETS,
	};
	const char *why;
	int slot;

	if (nr_bypass >= 0)
		return NULL;
	why = observe(&def, sh, obs);
	if (why)
		return why;
	nr_bypass = 0;
	for (slot = 0; slot < SLOTS; slot++) {
		if (!(abis & (1u << slot_abi(slot))))
			continue;
		bypass[slot] = obs[slot] != (OBS_ERRNO | 4000);
		nr_bypass += bypass[slot];
	}
	return NULL;
}

/* The ABIs @abis of them this kernel offers: i386 only with IA32 emulation. */
static unsigned int host_abis(struct __test_metadata *_metadata,
			      unsigned int abis)
{
	if (!(abis & ABI_I386) || host_ia32())
		return abis;
	TH_LOG("i386 left out: " HOST_NO_IA32);
	return abis & ~ABI_I386;
}

/*
 * Predict, observe, compare.  Returns the number of slots compared; logs
 * the first mismatches and fails the test on any.
 */
#define CHECK_STACK(def) do {						\
	static uint32_t obs[SLOTS];					\
	struct shared *sh;						\
	const char *why;						\
	int slot, bad = 0, compared = 0;				\
									\
	(def)->abis = host_abis(_metadata, (def)->abis);		\
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,		\
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);			\
	ASSERT_NE(MAP_FAILED, sh);					\
	why = calibrate(sh, (def)->abis);				\
	ASSERT_EQ(NULL, why) TH_LOG("calibration: %s", why);		\
	why = observe(def, sh, obs);					\
	ASSERT_EQ(NULL, why) TH_LOG("%s", why);				\
	for (slot = 0; slot < SLOTS; slot++) {				\
		const struct sdiag_abi *abi = &sdiag_abis[slot_abi(slot)];\
		struct sdiag_filter all[MAX_STACK + 1];			\
		struct seccomp_data sd = {				\
			.nr = slot_nr(slot) | abi->nr_bit,		\
			.arch = abi->audit_arch,			\
		};							\
		uint32_t want;						\
		uint64_t args[6];					\
									\
		if (!((def)->abis & (1u << slot_abi(slot))) ||		\
		    !((def)->sets & (1u << slot_set(slot))) ||		\
		    bypass[slot])					\
			continue;					\
		make_args(slot, args);					\
		memcpy(sd.args, args, sizeof(args));			\
		memcpy(all, (def)->filters, (def)->count * sizeof(all[0]));\
		all[(def)->count] = guard;				\
		want = expected_obs(sdiag_bpf_run_stack(all,		\
				(def)->count + 1, &sd, NULL));		\
		compared++;						\
		if (want == obs[slot])					\
			continue;					\
		if (bad++ < 8) {					\
			char w[32], g[32];				\
			char *name = sdiag_syscall_name(abi, slot_nr(slot));\
									\
			obs_text(want, w, sizeof(w));			\
			obs_text(obs[slot], g, sizeof(g));		\
			TH_LOG("%s nr %d (%s) args set %d: evaluator says %s, kernel did %s",\
			       abi->name, slot_nr(slot), name ? name : "?",\
			       slot_set(slot), w, g);			\
			free(name);					\
		}							\
	}								\
	ASSERT_EQ(0, bad) TH_LOG("%d of %d calls differ", bad, compared);\
	ASSERT_LT(0, compared);						\
	munmap(sh, sizeof(*sh));					\
} while (0)

/* libseccomp's BPF, through the same reader the tool uses. */
static int export(scmp_filter_ctx ctx, struct sdiag_filter *out)
{
	char err[256], buf[SDIAG_MAX_INSNS * 8 + 8];
	ssize_t len;
	int fd;

	fd = memfd_create("bpf", 0);
	if (fd < 0 || seccomp_export_bpf(ctx, fd))
		return -1;
	len = pread(fd, buf, sizeof(buf), 0);
	close(fd);
	seccomp_release(ctx);
	if (sdiag_bpf_parse(buf, len, out, err, sizeof(err))) {
		fprintf(stderr, "# libseccomp filter rejected: %s\n", err);
		return -1;
	}
	return 0;
}

static scmp_filter_ctx new_ctx(uint32_t def_action, unsigned int abis,
			       uint32_t badarch)
{
	scmp_filter_ctx ctx = seccomp_init(def_action);

	if (!ctx)
		return NULL;
	if (!(abis & ABI_X86_64))
		seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
	if (abis & ABI_I386)
		seccomp_arch_add(ctx, SCMP_ARCH_X86);
	if (abis & ABI_X32)
		seccomp_arch_add(ctx, SCMP_ARCH_X32);
	seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, badarch);
	return ctx;
}

static const char * const common[] = {
	"read", "write", "close", "fstat", "mmap", "mprotect", "munmap",
	"brk", "rt_sigaction", "rt_sigprocmask", "ioctl", "pread64",
	"access", "pipe", "dup", "getpid", "socket", "connect", "clone",
	"execve", "exit", "kill", "uname", "fcntl", "getcwd", "chdir",
	"rename", "mkdir", "unlink", "readlink", "getuid", "getgid",
	"prctl", "arch_prctl", "gettid", "futex", "getdents64",
	"clock_gettime", "exit_group", "openat", "newfstatat", "pipe2",
	"prlimit64", "getrandom", "statx", "rseq", "clone3", "openat2",
	"close_range", "faccessat2", "epoll_pwait2", "waitid",
	"socketcall", "stat64", "mmap2", "_llseek", "fcntl64",
};

#define NCOMMON (sizeof(common) / sizeof(common[0]))

/* @action(i) for the i-th common syscall; names a arch lacks are skipped. */
static void add_rules(scmp_filter_ctx ctx, uint32_t (*action)(unsigned int))
{
	unsigned int i;

	for (i = 0; i < NCOMMON; i++) {
		int nr = seccomp_syscall_resolve_name(common[i]);

		if (nr != __NR_SCMP_ERROR)
			seccomp_rule_add(ctx, action(i), nr, 0);
	}
}

static uint32_t allow_all(unsigned int i)
{
	(void)i;
	return SCMP_ACT_ALLOW;
}

static uint32_t distinct_errnos(unsigned int i)
{
	return SCMP_ACT_ERRNO(100 + i);
}

/* Every kind of action, each with its own data. */
static uint32_t mixed(unsigned int i)
{
	switch (i % 8) {
	case 0:
		return SCMP_ACT_ERRNO(200 + i);
	case 1:
		return SCMP_ACT_TRAP;
	case 2:
		return SCMP_ACT_TRACE(300 + i);
	case 3:
		return SCMP_ACT_LOG;
	case 4:
		return i < 20 ? SCMP_ACT_KILL_PROCESS : SCMP_ACT_ERRNO(i);
	case 5:
		return i < 30 ? SCMP_ACT_KILL_THREAD : SCMP_ACT_ERRNO(i);
	case 6:
		return SCMP_ACT_NOTIFY;
	default:
		return SCMP_ACT_ALLOW;
	}
}

static struct stackdef *one(scmp_filter_ctx ctx, unsigned int abis,
			    unsigned int sets)
{
	static struct stackdef def;

	memset(&def, 0, sizeof(def));
	def.abis = abis;
	def.sets = sets;
	def.count = 1;
	if (!ctx || export(ctx, &def.filters[0]))
		return NULL;
	return &def;
}

TEST(allowlist_eperm)
{
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_ERRNO(EPERM), ALL_ABIS,
				      SCMP_ACT_ERRNO(EXDEV));
	struct stackdef *def;

	add_rules(ctx, allow_all);
	def = one(ctx, ALL_ABIS, ALL_SETS);
	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

TEST(allowlist_enosys_distinct_errnos)
{
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_ERRNO(ENOSYS), ALL_ABIS,
				      SCMP_ACT_ERRNO(EXDEV));
	struct stackdef *def;

	add_rules(ctx, distinct_errnos);
	def = one(ctx, ALL_ABIS, ALL_SETS);
	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

TEST(denylist_every_action)
{
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_ALLOW, ALL_ABIS,
				      SCMP_ACT_ERRNO(EXDEV));
	struct stackdef *def;

	add_rules(ctx, mixed);
	def = one(ctx, ALL_ABIS, ALL_SETS);
	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

TEST(default_trap)
{
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_TRAP, ALL_ABIS, SCMP_ACT_TRAP);
	struct stackdef *def;

	add_rules(ctx, distinct_errnos);
	def = one(ctx, ALL_ABIS, 1);
	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

TEST(default_trace)
{
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_TRACE(77), ALL_ABIS,
				      SCMP_ACT_TRACE(78));
	struct stackdef *def;

	add_rules(ctx, mixed);
	def = one(ctx, ALL_ABIS, 1);
	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

TEST(default_log)
{
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_LOG, ALL_ABIS, SCMP_ACT_LOG);
	struct stackdef *def;

	add_rules(ctx, distinct_errnos);
	def = one(ctx, ALL_ABIS, 1);
	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

/* Every call not allowed kills: one child per number, so x86_64 only. */
TEST(default_kill_process)
{
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_KILL_PROCESS, ABI_X86_64,
				      SCMP_ACT_KILL_PROCESS);
	struct stackdef *def;

	add_rules(ctx, distinct_errnos);
	def = one(ctx, ABI_X86_64 | ABI_X32, 1);
	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

TEST(default_kill_thread_badarch)
{
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_ERRNO(EPERM), ABI_X86_64,
				      SCMP_ACT_KILL_THREAD);
	struct stackdef *def;

	add_rules(ctx, distinct_errnos);
	def = one(ctx, ALL_ABIS, 1);
	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

/* Comparisons on 32- and 64-bit argument values, both argument sets. */
TEST(argument_rules)
{
	scmp_filter_ctx ctx = new_ctx(SCMP_ACT_ERRNO(ENOSYS), ALL_ABIS,
				      SCMP_ACT_ERRNO(EXDEV));
	struct stackdef *def;
	unsigned int i;

	ASSERT_NE(NULL, ctx);
	for (i = 0; i < NCOMMON; i++) {
		int nr = seccomp_syscall_resolve_name(common[i]);
		uint64_t hi = (uint64_t)0x80000000u << 32;

		if (nr == __NR_SCMP_ERROR)
			continue;
		switch (i % 7) {
		case 0:
			seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1000 + i), nr, 1,
					 SCMP_A0(SCMP_CMP_EQ, i % 5));
			break;
		case 1:
			seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1000 + i), nr, 1,
					 SCMP_A1(SCMP_CMP_NE, 2));
			break;
		case 2:
			seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1000 + i), nr, 1,
					 SCMP_A2(SCMP_CMP_GT, hi));
			break;
		case 3:
			seccomp_rule_add(ctx, SCMP_ACT_TRACE(i), nr, 2,
					 SCMP_A0(SCMP_CMP_GE, 3),
					 SCMP_A1(SCMP_CMP_LT, 4));
			break;
		case 4:
			seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1000 + i), nr, 1,
					 SCMP_A3(SCMP_CMP_MASKED_EQ, 0xff00, 0x9e00));
			break;
		case 5:
			seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1000 + i), nr, 1,
					 SCMP_A4(SCMP_CMP_LE, 3));
			break;
		default:
			seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
					 SCMP_A5(SCMP_CMP_MASKED_EQ,
						 0xffffffff00000000ull,
						 0x80000000ull << 32));
		}
	}
	def = one(ctx, ALL_ABIS, ALL_SETS);
	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

/* One filter per ABI, stacked; each allows the other ABIs. */
TEST(stacked_per_abi)
{
	static struct stackdef def;
	static const unsigned int abis[] = { ABI_X86_64, ABI_I386, ABI_X32 };
	unsigned int i;

	def.count = 3;
	def.abis = ALL_ABIS;
	def.sets = 1;
	for (i = 0; i < 3; i++) {
		scmp_filter_ctx ctx = new_ctx(SCMP_ACT_ERRNO(10 + i), abis[i],
					      SCMP_ACT_ALLOW);
		unsigned int j;

		ASSERT_NE(NULL, ctx);
		for (j = i; j < NCOMMON; j += 3) {
			int nr = seccomp_syscall_resolve_name(common[j]);

			if (nr != __NR_SCMP_ERROR)
				seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
		}
		/* Later filters must still be installable. */
		seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(seccomp), 0);
		ASSERT_EQ(0, export(ctx, &def.filters[i]));
	}
	CHECK_STACK(&def);
}

/* Ties between filters: the newest one's data wins. */
TEST(stacked_ties)
{
	static struct stackdef def;
	unsigned int i, j;

	def.count = 3;
	def.abis = ALL_ABIS;
	def.sets = 1;
	for (i = 0; i < 3; i++) {
		scmp_filter_ctx ctx = new_ctx(SCMP_ACT_ERRNO(20 + i), ALL_ABIS,
					      SCMP_ACT_TRACE(40 + i));

		ASSERT_NE(NULL, ctx);
		for (j = 0; j < NCOMMON; j++) {
			int nr = seccomp_syscall_resolve_name(common[j]);
			uint32_t action;

			if (nr == __NR_SCMP_ERROR)
				continue;
			switch ((j + i) % 4) {
			case 0:
				action = SCMP_ACT_TRACE(500 + 10 * j + i);
				break;
			case 1:
				action = SCMP_ACT_TRAP;
				break;
			case 2:
				action = SCMP_ACT_ERRNO(600 + i);
				break;
			default:
				action = SCMP_ACT_ALLOW;
			}
			if (nr == __NR_seccomp)
				action = SCMP_ACT_ALLOW;
			seccomp_rule_add(ctx, action, nr, 0);
		}
		seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(seccomp), 0);
		ASSERT_EQ(0, export(ctx, &def.filters[2 - i]));
	}
	CHECK_STACK(&def);
}

#define LD(off)		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, off)
#define RET_A		BPF_STMT(BPF_RET | BPF_A, 0)
#define ALU(op, k)	BPF_STMT(BPF_ALU | (op) | BPF_K, k)
#define ALUX(op)	BPF_STMT(BPF_ALU | (op) | BPF_X, 0)
#define NR_OFF		0
#define ARCH_OFF	4
#define ARG_LO(n)	(16 + 8 * (n))
#define ARG_HI(n)	(20 + 8 * (n))

static struct stackdef *raw(struct sock_filter *insns, unsigned int len,
			    unsigned int sets)
{
	static struct stackdef def;
	char err[200];

	memset(&def, 0, sizeof(def));
	def.count = 1;
	def.abis = ALL_ABIS;
	def.sets = sets;
	if (sdiag_bpf_parse(insns, len * sizeof(*insns), &def.filters[0],
			    err, sizeof(err))) {
		fprintf(stderr, "# %s\n", err);
		return NULL;
	}
	return &def;
}

/* Every ALU operation feeds the errno, so each number tests them. */
TEST(raw_alu_errno_per_call)
{
	struct sock_filter insns[] = {
		LD(NR_OFF),
		BPF_STMT(BPF_ST, 0),
		ALU(BPF_MUL, 7),
		ALU(BPF_ADD, 3),
		ALU(BPF_AND, 0xff),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		LD(ARG_LO(0)),
		ALUX(BPF_XOR),
		ALU(BPF_LSH, 2),
		ALU(BPF_RSH, 1),
		ALU(BPF_OR, 1),
		ALU(BPF_SUB, 5),
		ALU(BPF_AND, 0x3ff),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		BPF_STMT(BPF_LD | BPF_MEM, 0),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 1, 0, 4),
		BPF_STMT(BPF_MISC | BPF_TXA, 0),
		ALU(BPF_ADD, 100),
		ALU(BPF_OR, SECCOMP_RET_ERRNO),
		RET_A,
		BPF_STMT(BPF_ALU | BPF_NEG, 0),
		ALUX(BPF_ADD),
		ALU(BPF_AND, 0x7ff),
		ALU(BPF_OR, SECCOMP_RET_ERRNO),
		RET_A,
	};
	struct stackdef *def = raw(insns, sizeof(insns) / sizeof(insns[0]), ALL_SETS);

	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

/* Division by X (zero at nr 300: the program returns 0, KILL_THREAD). */
TEST(raw_div_shift_by_x)
{
	struct sock_filter insns[] = {
		LD(NR_OFF),
		ALU(BPF_SUB, 300),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		BPF_STMT(BPF_LD | BPF_IMM, 1000000),
		ALUX(BPF_DIV),
		BPF_STMT(BPF_STX, 3),
		LD(NR_OFF),
		ALU(BPF_AND, 63),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		BPF_STMT(BPF_LD | BPF_IMM, 0xabcdef12),
		ALUX(BPF_LSH),
		BPF_STMT(BPF_LDX | BPF_MEM, 3),
		ALUX(BPF_ADD),
		ALUX(BPF_MUL),
		ALU(BPF_DIV, 3),
		ALU(BPF_AND, 0xfff),
		ALU(BPF_OR, SECCOMP_RET_ERRNO),
		RET_A,
	};
	struct stackdef *def = raw(insns, sizeof(insns) / sizeof(insns[0]), 1);

	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

/* The action itself computed: TRAP, TRACE and ERRNO data from nr. */
TEST(raw_actions_from_nr)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),
		BPF_STMT(BPF_LDX | BPF_W | BPF_LEN, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_X, 0, 1, 0),
		LD(ARCH_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 3),
		LD(NR_OFF),
		ALU(BPF_OR, SECCOMP_RET_TRAP),
		RET_A,
		LD(NR_OFF),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, SDIAG_X32_BIT, 0, 3),
		ALU(BPF_AND, 0xffff),
		ALU(BPF_OR, SECCOMP_RET_TRACE),
		RET_A,
		BPF_STMT(BPF_LDX | BPF_IMM, 450),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_X, 0, 0, 2),
		/* nr >= 450: errno nr * 11, over 4095 for most: capped */
		ALU(BPF_MUL, 11),
		BPF_JUMP(BPF_JMP | BPF_JA, 1, 0, 0),
		ALU(BPF_AND, 0x1f),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 0x1e, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		ALU(BPF_OR, SECCOMP_RET_ERRNO),
		RET_A,
	};
	struct stackdef *def = raw(insns, sizeof(insns) / sizeof(insns[0]), 1);

	ASSERT_NE(NULL, def);
	CHECK_STACK(def);
}

/* Unknown actions kill, and rank by their signed value. */
TEST(raw_unknown_actions_stacked)
{
	static struct sock_filter a[] = {
		LD(NR_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 7, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0x00060000),	/* unknown: kills */
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 500, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0x7fff1234),	/* ALLOW with data */
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 5),
	};
	static struct sock_filter b[] = {
		LD(NR_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 9, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0x80010000),	/* unknown, negative */
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_LOG | 3),
	};
	static struct stackdef def;
	char err[200];

	def.count = 2;
	def.abis = ABI_X86_64;
	def.sets = 1;
	ASSERT_EQ(0, sdiag_bpf_parse(a, sizeof(a), &def.filters[0], err, sizeof(err)));
	ASSERT_EQ(0, sdiag_bpf_parse(b, sizeof(b), &def.filters[1], err, sizeof(err)));
	CHECK_STACK(&def);
}

static volatile int *verdict;

/*
 * Does the kernel take @insns?  0 or the errno of seccomp(2).  Once the
 * filter is in, even exiting is up to it: the answer goes through
 * shared memory, and the child may die any way it likes.
 */
static int kernel_accepts(const struct sock_filter *insns, unsigned int len)
{
	int status;
	pid_t pid;

	if (!verdict) {
		verdict = mmap(NULL, sizeof(*verdict), PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (verdict == MAP_FAILED)
			return -1;
	}
	*verdict = -1;
	pid = fork();
	if (!pid) {
		struct rlimit no_core = { 0, 0 };
		struct sock_fprog prog = { .len = len,
					   .filter = (struct sock_filter *)insns };

		setrlimit(RLIMIT_CORE, &no_core);
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
			*verdict = errno;
		else
			*verdict = 0;
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return *verdict;
}

/* Hand-written edge cases, and random programs, judged by the kernel. */
TEST(validator_agrees_with_kernel)
{
	static const uint16_t codes[] = {
		BPF_LD | BPF_W | BPF_ABS, BPF_LD | BPF_H | BPF_ABS,
		BPF_LD | BPF_B | BPF_ABS, BPF_LD | BPF_W | BPF_IND,
		BPF_LD | BPF_W | BPF_LEN, BPF_LDX | BPF_W | BPF_LEN,
		BPF_LDX | BPF_B | BPF_MSH, BPF_LD | BPF_IMM, BPF_LDX | BPF_IMM,
		BPF_LD | BPF_MEM, BPF_LDX | BPF_MEM, BPF_ST, BPF_STX,
		BPF_ALU | BPF_ADD | BPF_K, BPF_ALU | BPF_DIV | BPF_K,
		BPF_ALU | BPF_DIV | BPF_X, BPF_ALU | BPF_MOD | BPF_K,
		BPF_ALU | BPF_LSH | BPF_K, BPF_ALU | BPF_RSH | BPF_X,
		BPF_ALU | BPF_NEG, BPF_ALU | BPF_XOR | BPF_X,
		BPF_MISC | BPF_TAX, BPF_MISC | BPF_TXA,
		BPF_JMP | BPF_JA, BPF_JMP | BPF_JEQ | BPF_K,
		BPF_JMP | BPF_JGT | BPF_X, BPF_JMP | BPF_JSET | BPF_K,
		BPF_RET | BPF_K, BPF_RET | BPF_A, BPF_RET | BPF_X,
		0x0f, 0xff, 0x1ff, 0x8000,
	};
	static const uint32_t ks[] = {
		0, 1, 2, 3, 4, 15, 16, 31, 32, 60, 61, 64, 0xfffff000,
	};
	struct sock_filter *big;
	unsigned int i, agree = 0, accepted = 0;
	char err[200];

	srandom(5);
	for (i = 0; i < 4000; i++) {
		struct sock_filter insns[8];
		unsigned int len = 1 + random() % 8, j;
		int mine, kernel;

		for (j = 0; j < len; j++) {
			insns[j].code = codes[random() % (sizeof(codes) / sizeof(codes[0]))];
			insns[j].k = ks[random() % (sizeof(ks) / sizeof(ks[0]))];
			insns[j].jt = random() % 4;
			insns[j].jf = random() % 4;
		}
		/* Mostly end with a return, or few would be valid. */
		if (random() % 4)
			insns[len - 1].code = BPF_RET | BPF_K;
		mine = sdiag_bpf_validate(insns, len, err, sizeof(err));
		kernel = kernel_accepts(insns, len);
		ASSERT_TRUE(kernel == 0 || kernel == EINVAL)
			TH_LOG("seccomp(2) failed with %d", kernel);
		if ((mine == 0) != (kernel == 0)) {
			for (j = 0; j < len; j++)
				TH_LOG("insn %u: code 0x%04x jt %u jf %u k 0x%x", j,
				       insns[j].code, insns[j].jt, insns[j].jf,
				       insns[j].k);
			ASSERT_EQ(kernel == 0, mine == 0)
				TH_LOG("program %u: kernel %s it, validator %s",
				       i, kernel ? "rejects" : "accepts",
				       mine ? err : "accepts it");
		}
		agree++;
		accepted += !kernel;
	}
	/* The random programs must exercise both answers. */
	ASSERT_LT(100u, accepted);
	ASSERT_LT(100u, agree - accepted);

	/* The size limit: 4096 instructions are fine, 4097 are not. */
	big = calloc(SDIAG_MAX_INSNS + 1, sizeof(*big));
	ASSERT_NE(NULL, big);
	for (i = 0; i <= SDIAG_MAX_INSNS; i++)
		big[i] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						      SECCOMP_RET_ALLOW);
	ASSERT_EQ(0, kernel_accepts(big, SDIAG_MAX_INSNS));
	ASSERT_EQ(0, sdiag_bpf_validate(big, SDIAG_MAX_INSNS, err, sizeof(err)));
	ASSERT_EQ(EINVAL, kernel_accepts(big, SDIAG_MAX_INSNS + 1));
	ASSERT_EQ(-1, sdiag_bpf_validate(big, SDIAG_MAX_INSNS + 1, err, sizeof(err)));
	free(big);
}

/* Say which calls the comparisons leave out, and why. */
TEST(kernel_answers_without_seccomp)
{
	struct shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	const char *why;
	int slot;

	ASSERT_NE(MAP_FAILED, sh);
	why = calibrate(sh, host_abis(_metadata, ALL_ABIS));
	ASSERT_EQ(NULL, why) TH_LOG("%s", why);
	for (slot = 0; slot < SLOTS; slot++)
		if (bypass[slot] && !slot_set(slot))
			TH_LOG("%s nr %d is answered before seccomp: left out",
			       sdiag_abis[slot_abi(slot)].name, slot_nr(slot));
	/* A few hooked numbers are tolerable; a broken setup is not. */
	ASSERT_GT(32, nr_bypass);
	munmap(sh, sizeof(*sh));
}

TEST_HARNESS_MAIN
