/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SDIAG_VERDICT_H
#define SDIAG_VERDICT_H

#include <stdint.h>

/* What a caller of an unknown syscall sees, from the fallback's view. */
enum sdiag_verdict {
	SDIAG_VERDICT_ENOSYS,	/* fails with ENOSYS: fallbacks work */
	SDIAG_VERDICT_EPERM,	/* fails with EPERM: fallbacks break */
	SDIAG_VERDICT_OTHER,	/* anything else */
};

const char *sdiag_verdict_name(enum sdiag_verdict verdict);
/* The verdict for a filter answer @ret to a syscall the kernel lacks. */
enum sdiag_verdict sdiag_verdict_of_action(uint32_t ret);
/* The exit status of probe and check for the worst verdict found. */
int sdiag_verdict_exit(int seen_mask);

#endif /* SDIAG_VERDICT_H */
