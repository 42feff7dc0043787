/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECCOMP_DIAG_VERDICT_H
#define _SECCOMP_DIAG_VERDICT_H

#include <linux/filter.h>
#include <linux/seccomp.h>

/*
 * Where the kernel keeps what the module reads in seccomp's private
 * structs, from BTF: struct seccomp_filter and its action cache, and
 * struct seccomp_knotif (a pending user notification).
 */
struct sdiag_layout {
	unsigned int prev, prog, notif;
	unsigned int allow_native, allow_compat;	/* from the filter */
	bool action_cache;
	bool knotif;	/* the knotif_* offsets are known */
	unsigned int knotif_task, knotif_id, knotif_data, knotif_state;
	unsigned int knotif_error, knotif_val, knotif_flags, knotif_ready;
};

extern struct sdiag_layout sdiag_layout;

/*
 * Classic instructions followed at most, in all, to find a chain's answer
 * in a probe handler: more costs more than the task_work it saves.
 */
#define SDIAG_QUICK_BUDGET 64

u32 sdiag_filter_answer(const struct bpf_prog *prog,
			const struct seccomp_data *sd);

bool sdiag_verdict_ready(void);
bool sdiag_chain_cached_allow(const void *chain, u32 arch, int nr);
bool sdiag_chain_has_listener(const void *chain);
bool sdiag_filter_has_listener(const void *filter);
bool sdiag_chain_quick_answer(const void *chain, const struct seccomp_data *sd,
			      unsigned int budget, u32 *ret,
			      const void **match);
const struct bpf_prog *sdiag_chain_prog(const void *filter);
u32 sdiag_chain_answer(const void *chain, const struct seccomp_data *sd,
		       const void **match);

void sdiag_verdict_init(void);

#endif /* _SECCOMP_DIAG_VERDICT_H */
