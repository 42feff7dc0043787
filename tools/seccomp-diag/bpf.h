/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Classic BPF as seccomp runs it: reader, validator and evaluator.
 * Nothing here needs libseccomp, so the fuzzer links it alone.
 */
#ifndef SDIAG_BPF_H
#define SDIAG_BPF_H

#include <stddef.h>
#include <stdint.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

/* The kernel's limits: BPF_MAXINSNS per filter, MAX_INSNS_PER_PATH. */
#define SDIAG_MAX_INSNS		4096
#define SDIAG_MAX_PATH_INSNS	32768

#define SDIAG_MAX_ERRNO		4095

struct sdiag_filter {
	struct sock_filter *insns;
	unsigned int len;
};

/*
 * Parse @size bytes of raw struct sock_filter (what seccomp_export_bpf()
 * writes) into @filter and validate them like seccomp(2) would.  On error
 * returns -1 with a one-line reason in @err; @filter is then empty.
 */
int sdiag_bpf_parse(const void *buf, size_t size, struct sdiag_filter *filter,
		    char *err, size_t err_size);

/* The checks of bpf_check_classic() and seccomp_check_filter(). */
int sdiag_bpf_validate(const struct sock_filter *insns, unsigned int len,
		       char *err, size_t err_size);

/* Run one validated filter; what the kernel's BPF program returns. */
uint32_t sdiag_bpf_run(const struct sdiag_filter *filter,
		       const struct seccomp_data *sd);

/*
 * Run a stack of filters, @filters[0] the newest (evaluated first), like
 * seccomp_run_filters(): the lowest action wins, ties keep the first.
 * @match (may be NULL) gets the index of the deciding filter, -1 when
 * every filter allowed.
 */
uint32_t sdiag_bpf_run_stack(const struct sdiag_filter *filters,
			     unsigned int count, const struct seccomp_data *sd,
			     int *match);

/* Whether action @a is more restrictive than @b, as the kernel orders. */
static inline int sdiag_action_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a & SECCOMP_RET_ACTION_FULL) <
	       (int32_t)(b & SECCOMP_RET_ACTION_FULL);
}

void sdiag_filter_free(struct sdiag_filter *filter);

#endif /* SDIAG_BPF_H */
