// SPDX-License-Identifier: GPL-2.0
/* bpf_prog_run(), 5.15; BPF_PROG_RUN() before */
#include <linux/filter.h>

u32 sdiag_probe(const struct bpf_prog *prog, const void *ctx)
{
	return bpf_prog_run(prog, ctx);
}
