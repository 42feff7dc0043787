/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SDIAG_VERDICT_H
#define SDIAG_VERDICT_H

#include <stdbool.h>
#include <stdint.h>

#include "bpf.h"
#include "diag.h"

/* What a caller of an unknown syscall sees, from the fallback's view. */
enum sdiag_verdict {
	SDIAG_VERDICT_ENOSYS,	/* fails with ENOSYS: fallbacks work */
	SDIAG_VERDICT_EPERM,	/* fails with EPERM: fallbacks break */
	SDIAG_VERDICT_OTHER,	/* anything else */
};

const char *sdiag_verdict_name(enum sdiag_verdict verdict);
/* The verdict for a filter answer @ret to a syscall the kernel lacks. */
enum sdiag_verdict sdiag_verdict_of_action(uint32_t ret);

/*
 * The finding for one ABI, as the module judges a task's final chain.
 * The two INFO kinds are information, not findings: no program can run
 * on an ABI the kernel has switched off, and one whose every syscall is
 * killed (libseccomp's bad-arch action) has no fallback to break.
 */
enum sdiag_finding {
	SDIAG_FINDING_NONE,	/* reserved number gets ENOSYS */
	SDIAG_FINDING_EPERM,	/* reserved number gets EPERM */
	SDIAG_FINDING_CASUALTY,	/* ENOSYS there, EPERM for a casualty */
	SDIAG_FINDING_OTHER,	/* reserved number gets something else */
	SDIAG_FINDING_ABI_OFF,	/* information: the ABI is not usable */
	SDIAG_FINDING_KILLED,	/* information: every syscall is killed */
};

const char *sdiag_finding_name(enum sdiag_finding finding);
/* The exit status for the findings in @mask (bits of enum sdiag_finding). */
int sdiag_finding_exit(unsigned int mask);
/* "verdict: ..." line text (after "verdict: ") for @mask. */
const char *sdiag_finding_verdict(unsigned int mask);
/* One word for JSON: good, eperm, casualty, other. */
const char *sdiag_finding_word(unsigned int mask);

/* One ABI's answers from a stack of filters, [0] the newest. */
struct sdiag_judgement {
	uint32_t probe;			/* answer to the reserved number */
	int match;			/* deciding filter, -1 none */
	enum sdiag_finding finding;
	const char *info;		/* why it is information only */
	const char *note;		/* why a finding may not apply (x32) */
	char **names;			/* implemented syscalls answered like it */
	unsigned int count;
	unsigned int casualties[16];	/* indexes into sdiag_casualties */
	uint32_t casualty_answer[16];
	unsigned int nr_casualties;	/* casualties answered with EPERM */
};

void sdiag_judge(const struct sdiag_filter *filters, unsigned int count,
		 const struct sdiag_abi *abi, unsigned int probe_nr,
		 struct sdiag_judgement *out);
void sdiag_judgement_free(struct sdiag_judgement *j);

/*
 * The number (without the x32 bit) at which casualty @i of
 * module/casualties.h is judged on @abi: this kernel's when it has the
 * syscall, else its unified number, -1 when neither; @impl (may be NULL)
 * gets whether this kernel has it.
 */
int sdiag_casualty_nr(const struct sdiag_abi *abi, unsigned int i,
		      enum sdiag_impl *impl);

/*
 * Print the judgement of every ABI, each line starting with @prefix
 * ("" or "runc "), then "PREFIXverdict: ..." and return the mask.
 */
unsigned int sdiag_judgement_print(const char *prefix, unsigned int probe_nr,
				   struct sdiag_judgement *j, bool all);
/* The "abis":[...] JSON array; returns the finding mask. */
unsigned int sdiag_judgement_json(unsigned int probe_nr,
				  struct sdiag_judgement *j);

#endif /* SDIAG_VERDICT_H */
