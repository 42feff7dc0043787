/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECCOMP_DIAG_H
#define _SECCOMP_DIAG_H

#include <linux/atomic.h>
#include <linux/types.h>

/*
 * enum sdiag_abi, the ABIs of the architecture the module is built for,
 * and its constants: arch-$(SRCARCH).h, chosen by module/Kbuild.
 */
#include SDIAG_ARCH_H

/* How seccomp came to fail a syscall with an errno (seccomp_errno). */
enum sdiag_outcome {
	SDIAG_OUTCOME_UNKNOWN,
	SDIAG_OUTCOME_ERRNO,
	SDIAG_OUTCOME_USER_NOTIF,
	SDIAG_OUTCOME_TRACE,
};

/* One syscall ABI, described by syscalls-$(SRCARCH).c. */
struct sdiag_abi_desc {
	const char *name;
	u32 audit_arch;
	u32 nr_bit;		/* or'ed into nr as the filter sees it (x32) */
	/*
	 * Syscall table names (the uapi __NR_ macros without their prefix, as
	 * strace and libseccomp name them) and entry points ("sys_foo",
	 * "sys_ni_syscall" or NULL where none): a number is a syscall of this
	 * kernel when it has an entry point other than sys_ni_syscall.
	 */
	const char * const *names;
	unsigned int nr_names;
	const char * const *entries;
	unsigned int table_len;	/* of entries: no syscall at or above it */
};

extern const struct sdiag_abi_desc sdiag_abis[SDIAG_NR_ABIS];

bool sdiag_abi_supported(enum sdiag_abi abi);
bool sdiag_abi_enabled(enum sdiag_abi abi);
void sdiag_abi_init(void);
const char *sdiag_syscall_name(enum sdiag_abi abi, unsigned int nr);
bool sdiag_syscall_implemented(unsigned int nr);

/* Module parameters (params.c). */
extern bool sdiag_check;
extern unsigned int sdiag_probe_nr;
/* Kept in outcome.c, set only by sdiag_outcome_count() under its lock. */
extern bool sdiag_count_errno;
extern bool sdiag_outcome_ftrace;

/* Counters shown in /sys/kernel/seccomp_diag/ (main.c). */
extern atomic_long_t sdiag_filters_checked;
extern atomic_long_t sdiag_filters_flagged;
extern atomic_long_t sdiag_filters_casualties;

int sdiag_check_init(void);
void sdiag_check_exit(void);
unsigned long sdiag_check_missed(void);

int sdiag_outcome_init(void);
void sdiag_outcome_exit(void);
unsigned long sdiag_outcome_missed(void);
unsigned long sdiag_errno_outcomes(void);
int sdiag_outcome_count(bool on);
const char *sdiag_outcome_probe(void);

struct seccomp_data;
struct task_struct;
void sdiag_outcome_reply(struct task_struct *task,
			 const struct seccomp_data *sd, int error);

int sdiag_notif_init(void);
void sdiag_notif_exit(void);
unsigned long sdiag_notif_nested(void);
int sdiag_knotif_watch(bool on);

#endif /* _SECCOMP_DIAG_H */
