/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECCOMP_DIAG_VERDICT_H
#define _SECCOMP_DIAG_VERDICT_H

#include <linux/filter.h>
#include <linux/seccomp.h>

u32 sdiag_filter_answer(const struct bpf_prog *prog,
			const struct seccomp_data *sd);
bool sdiag_chain_answer(const struct seccomp_data *sd, u32 *ret);

void sdiag_verdict_cache_arm(void);
void sdiag_verdict_cache_disarm(void);

void sdiag_verdict_init(void);
void sdiag_verdict_exit(void);

#endif /* _SECCOMP_DIAG_VERDICT_H */
