// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 ABIs (aarch64, and arm where the kernel runs AArch32
 * programs): their built-in syscall tables and whether programs can use
 * each one now.  arch-x86.c is the same for x86; tools/Makefile builds the
 * one CC targets.
 *
 * An AArch64 process cannot make AArch32 syscalls (there is no svc gate
 * between the two states), so probe cannot ask the sandbox about arm:
 * it says so, and check --pid judges a process's filters for arm from
 * the filters themselves.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "syscalls_tbl.h"

#define TBL_LEN(t) (sizeof(t) / sizeof((t)[0]))

struct sdiag_abi sdiag_abis[SDIAG_NR_ABIS] = {
	[SDIAG_ABI_AARCH64] = {
		.name = "aarch64", .audit_arch = AUDIT_ARCH_AARCH64,
		.scmp_arch = SCMP_ARCH_AARCH64, .tbl = sdiag_tbl_aarch64,
		.tbl_len = TBL_LEN(sdiag_tbl_aarch64),
		.ksyms = { "__arm64_sys_" },
	},
	[SDIAG_ABI_ARM] = {
		.name = "arm", .audit_arch = AUDIT_ARCH_ARM,
		.scmp_arch = SCMP_ARCH_ARM, .call = SDIAG_CALL_NONE,
		.tbl = sdiag_tbl_arm, .tbl_len = TBL_LEN(sdiag_tbl_arm),
		.ksyms = { "__arm64_compat_sys_", "__arm64_sys_" },
	},
};

const char *sdiag_tbl_version = "Linux " SDIAG_TBL_VERSION " (built in)";
const char *sdiag_tbl_release = SDIAG_TBL_VERSION;

/*
 * arm64 kernels before 6.11 generate no syscall lists in their build
 * directory: the built-in tables it is, and asking for others is an error.
 */
void sdiag_tables_init(void)
{
	const char *env = getenv("SECCOMP_DIAG_SYSCALL_TABLES");

	if (env && *env && strcmp(env, "builtin"))
		sdiag_die(NULL, "SECCOMP_DIAG_SYSCALL_TABLES=%s: arm64 kernels have no generated syscall lists to read; only the built-in tables (builtin)",
			  env);
}

const struct sdiag_abi *sdiag_abi_of(uint32_t audit_arch, long long nr)
{
	(void)nr;
	if (audit_arch == AUDIT_ARCH_AARCH64)
		return &sdiag_abis[SDIAG_ABI_AARCH64];
	if (audit_arch == AUDIT_ARCH_ARM)
		return &sdiag_abis[SDIAG_ABI_ARM];
	return NULL;
}

/*
 * Whether the kernel runs AArch32 programs: arm64's personality() refuses
 * PER_LINUX32 with EINVAL without COMPAT or a CPU with 32-bit EL0.  Asked
 * in a child, which a filter may kill, so that ours stays as it was.
 */
static enum sdiag_abi_state arm_state(const char **why)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		*why = "whether this kernel runs arm (AArch32) programs is unknown (fork failed): arm answers are judged as if it did";
		return SDIAG_ABI_UNKNOWN;
	}
	if (!pid) {
		if (syscall(SYS_personality, PER_LINUX32) != -1)
			_exit(0);
		_exit(errno == EINVAL ? 1 : 2);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			break;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		*why = "this kernel runs arm (AArch32) programs (personality PER_LINUX32 accepted)";
		return SDIAG_ABI_ON;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1) {
		*why = "this kernel runs no arm (AArch32) programs (no COMPAT, or no 32-bit EL0 on this CPU)";
		return SDIAG_ABI_OFF;
	}
	*why = "whether this kernel runs arm (AArch32) programs is unknown (personality() was denied): arm answers are judged as if it did";
	return SDIAG_ABI_UNKNOWN;
}

enum sdiag_abi_state sdiag_abi_state(const struct sdiag_abi *abi,
				     const char **why)
{
	static enum sdiag_abi_state arm;
	static const char *arm_why;
	static bool arm_done;
	const char *dummy;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (abi != &sdiag_abis[SDIAG_ABI_ARM])
		return SDIAG_ABI_ON;
	/* Once per run: it forks. */
	if (!arm_done) {
		arm = arm_state(&arm_why);
		arm_done = true;
	}
	/* Said only when it changes the judgement. */
	if (arm != SDIAG_ABI_ON)
		*why = arm_why;
	return arm;
}

/*
 * check --profile compiles a profile the way runc and crun do on x86
 * (profile.c): their arm64 stubs and ABI lists are not ported yet.
 */
int sdiag_check_profile(const char *path, const char *runtime,
			const char *caps, unsigned int probe_nr, bool json,
			bool all, bool oci)
{
	(void)path;
	(void)runtime;
	(void)caps;
	(void)probe_nr;
	(void)json;
	(void)all;
	(void)oci;
	sdiag_die("check", "--profile is not supported on arm64 yet (it compiles profiles as runc and crun do on x86_64); use check --pid on a running container");
}
