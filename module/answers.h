/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECCOMP_DIAG_ANSWERS_H
#define _SECCOMP_DIAG_ANSWERS_H

#include <linux/types.h>

/*
 * What a chain answers for one syscall number, as the outcome probe needs
 * it: 1 to MAX_ERRNO is the errno of a RET_ERRNO.
 */
enum {
	SDIAG_ANSWER_NO_ERRNO = 0,	/* allowed, logged, trapped or killed */
	SDIAG_ANSWER_TRACE = 0xfffe,	/* RET_TRACE: ENOSYS without a tracer */
	SDIAG_ANSWER_ASK = 0xffff,	/* depends on more than the number */
	SDIAG_ANSWER_NONE = 0x10000,	/* no table for the chain yet */
};

int sdiag_answers_start(void);
void sdiag_answers_stop(void);
unsigned int sdiag_answers_find(const void *chain, u32 arch, int nr);
void sdiag_answers_build(const void *chain);

#endif /* _SECCOMP_DIAG_ANSWERS_H */
