// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the BPF reader and evaluator: the input is split
 * into up to four filters; whatever the validator accepts is run as a
 * stack on a few syscalls, and the raw bytes are run unvalidated too,
 * since the evaluator promises to stay memory safe on any program.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bpf.h"

#define MAX_FILTERS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t nrs[] = { 0, 1, 59, 435, 0xfffff, 0x400fffff, ~0u };
	static const uint32_t arches[] = { 0xc000003e, 0x40000003, 0 };
	struct sdiag_filter filters[MAX_FILTERS], raw;
	unsigned int count = 0, wanted, i, j;
	struct seccomp_data sd;
	size_t chunk, off = 1;
	char err[256];

	if (!size)
		return 0;
	wanted = 1 + data[0] % MAX_FILTERS;
	chunk = (size - 1) / wanted;
	for (i = 0; i < wanted; i++, off += chunk) {
		size_t len = i == wanted - 1 ? size - off : chunk;

		if (!sdiag_bpf_parse(data + off, len, &filters[count], err,
				     sizeof(err)))
			count++;
		else if (!err[0] || strchr(err, '\n'))
			abort();	/* errors are one non-empty line */
	}

	memset(&sd, 0, sizeof(sd));
	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		for (j = 0; j < sizeof(arches) / sizeof(arches[0]); j++) {
			int match;
			uint32_t ret;

			sd.nr = (int)nrs[i];
			sd.arch = arches[j];
			sd.args[0] = size;
			sd.args[1] = data[size - 1] * 0x0101010101010101ull;
			ret = sdiag_bpf_run_stack(filters, count, &sd, &match);
			/* The deciding filter's own answer is the result. */
			if (match >= 0 &&
			    sdiag_bpf_run(&filters[match], &sd) != ret)
				abort();
			if (match < 0 && ret != SECCOMP_RET_ALLOW)
				abort();
		}
	}

	/* Unvalidated: must not crash or read out of bounds either. */
	raw.len = (size - 1) / sizeof(struct sock_filter);
	if (raw.len) {
		raw.insns = malloc(raw.len * sizeof(*raw.insns));
		if (raw.insns) {
			memcpy(raw.insns, data + 1, raw.len * sizeof(*raw.insns));
			sd.nr = 1;
			sdiag_bpf_run(&raw, &sd);
			free(raw.insns);
		}
	}

	for (i = 0; i < count; i++)
		sdiag_filter_free(&filters[i]);
	return 0;
}
