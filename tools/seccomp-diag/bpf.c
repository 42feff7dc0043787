// SPDX-License-Identifier: GPL-2.0
/*
 * Classic BPF as seccomp runs it.  The validator mirrors the kernel's
 * bpf_check_classic() and seccomp_check_filter(), the evaluator the
 * program bpf_convert_filter() makes of a filter, so that a filter this
 * file accepts is one seccomp(2) accepts and its answers are the kernel's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf.h"

#define BPF_MEMWORDS_SECCOMP	16

static int fail(char *err, size_t err_size, const char *fmt, ...)
{
	va_list ap;

	if (err && err_size) {
		va_start(ap, fmt);
		vsnprintf(err, err_size, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int is_cond_jump(uint16_t code)
{
	switch (code) {
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
		return 1;
	}
	return 0;
}

/* The opcodes seccomp_check_filter() lets through, all of them classic. */
static int seccomp_opcode_allowed(uint16_t code)
{
	if (is_cond_jump(code))
		return 1;
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_JMP | BPF_JA:
		return 1;
	}
	return 0;
}

/*
 * check_load_and_stores(): every path to a scratch memory load must have
 * stored that word first.  Jumps only go forward, so one pass suffices.
 */
static int check_memory(const struct sock_filter *insns, unsigned int len,
			char *err, size_t err_size)
{
	uint16_t *masks, valid = 0;
	unsigned int pc;
	int ret = 0;

	masks = malloc(len * sizeof(*masks));
	if (!masks)
		return fail(err, err_size, "out of memory");
	memset(masks, 0xff, len * sizeof(*masks));

	for (pc = 0; pc < len; pc++) {
		const struct sock_filter *insn = &insns[pc];

		valid &= masks[pc];
		switch (insn->code) {
		case BPF_ST:
		case BPF_STX:
			valid |= 1 << insn->k;
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (!(valid & (1 << insn->k))) {
				ret = fail(err, err_size,
					   "instruction %u: loads M[%u] before every path to it stored it",
					   pc, insn->k);
				goto out;
			}
			break;
		case BPF_JMP | BPF_JA:
			masks[pc + 1 + insn->k] &= valid;
			valid = 0xffff;
			break;
		default:
			if (is_cond_jump(insn->code)) {
				masks[pc + 1 + insn->jt] &= valid;
				masks[pc + 1 + insn->jf] &= valid;
				valid = 0xffff;
			}
		}
	}
out:
	free(masks);
	return ret;
}

int sdiag_bpf_validate(const struct sock_filter *insns, unsigned int len,
		       char *err, size_t err_size)
{
	unsigned int pc;

	if (!len)
		return fail(err, err_size, "empty filter: no instructions");
	if (len > SDIAG_MAX_INSNS)
		return fail(err, err_size,
			    "%u instructions, more than the kernel's limit of %u",
			    len, SDIAG_MAX_INSNS);

	for (pc = 0; pc < len; pc++) {
		const struct sock_filter *insn = &insns[pc];

		if (!seccomp_opcode_allowed(insn->code))
			return fail(err, err_size,
				    "instruction %u: opcode 0x%04x is unknown or not allowed in seccomp filters",
				    pc, insn->code);
		switch (insn->code) {
		case BPF_ALU | BPF_DIV | BPF_K:
			if (!insn->k)
				return fail(err, err_size,
					    "instruction %u: division by constant zero", pc);
			break;
		case BPF_ALU | BPF_LSH | BPF_K:
		case BPF_ALU | BPF_RSH | BPF_K:
			if (insn->k >= 32)
				return fail(err, err_size,
					    "instruction %u: shift by %u, more than 31",
					    pc, insn->k);
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
		case BPF_ST:
		case BPF_STX:
			if (insn->k >= BPF_MEMWORDS_SECCOMP)
				return fail(err, err_size,
					    "instruction %u: scratch word M[%u] does not exist (16 words)",
					    pc, insn->k);
			break;
		case BPF_JMP | BPF_JA:
			if (insn->k >= len - pc - 1)
				return fail(err, err_size,
					    "instruction %u: ja +%u jumps past the end of the filter (%u instructions)",
					    pc, insn->k, len);
			break;
		case BPF_LD | BPF_W | BPF_ABS:
			if (insn->k >= sizeof(struct seccomp_data) || insn->k & 3)
				return fail(err, err_size,
					    "instruction %u: load from offset %u, not an aligned word of the %zu-byte seccomp_data",
					    pc, insn->k, sizeof(struct seccomp_data));
			break;
		default:
			if (is_cond_jump(insn->code) &&
			    (pc + insn->jt + 1 >= len || pc + insn->jf + 1 >= len))
				return fail(err, err_size,
					    "instruction %u: jump (jt %u, jf %u) past the end of the filter (%u instructions)",
					    pc, insn->jt, insn->jf, len);
		}
	}

	switch (insns[len - 1].code) {
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
		break;
	default:
		return fail(err, err_size,
			    "last instruction (%u) is opcode 0x%04x, not a return",
			    len - 1, insns[len - 1].code);
	}
	return check_memory(insns, len, err, err_size);
}

int sdiag_bpf_parse(const void *buf, size_t size, struct sdiag_filter *filter,
		    char *err, size_t err_size)
{
	size_t len = size / sizeof(struct sock_filter);

	filter->insns = NULL;
	filter->len = 0;
	if (!size)
		return fail(err, err_size, "empty filter: 0 bytes");
	if (size % sizeof(struct sock_filter))
		return fail(err, err_size,
			    "truncated filter: %zu bytes is not a whole number of %zu-byte instructions",
			    size, sizeof(struct sock_filter));
	if (len > SDIAG_MAX_INSNS)
		return fail(err, err_size,
			    "%zu instructions, more than the kernel's limit of %u",
			    len, SDIAG_MAX_INSNS);

	filter->insns = malloc(size);
	if (!filter->insns)
		return fail(err, err_size, "out of memory");
	memcpy(filter->insns, buf, size);
	filter->len = len;
	if (sdiag_bpf_validate(filter->insns, filter->len, err, err_size)) {
		sdiag_filter_free(filter);
		return -1;
	}
	return 0;
}

void sdiag_filter_free(struct sdiag_filter *filter)
{
	free(filter->insns);
	filter->insns = NULL;
	filter->len = 0;
}

static uint32_t load_word(const struct seccomp_data *sd, uint32_t off)
{
	uint32_t word;

	memcpy(&word, (const char *)sd + off, sizeof(word));
	return word;
}

/*
 * Anything the validator would have refused ends the run with 0, which
 * is SECCOMP_RET_KILL_THREAD: the evaluator must stay memory safe even
 * when handed an unvalidated program.
 */
uint32_t sdiag_bpf_run(const struct sdiag_filter *filter,
		       const struct seccomp_data *sd)
{
	uint32_t mem[BPF_MEMWORDS_SECCOMP] = { 0 };
	uint32_t a = 0, x = 0;
	unsigned int pc;

	for (pc = 0; pc < filter->len; pc++) {
		const struct sock_filter *insn = &filter->insns[pc];
		uint32_t k = insn->k;
		uint32_t src = BPF_SRC(insn->code) == BPF_X ? x : k;
		int taken;

		switch (insn->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (k >= sizeof(*sd) || k & 3)
				return 0;
			a = load_word(sd, k);
			continue;
		case BPF_LD | BPF_W | BPF_LEN:
			a = sizeof(*sd);
			continue;
		case BPF_LDX | BPF_W | BPF_LEN:
			x = sizeof(*sd);
			continue;
		case BPF_LD | BPF_IMM:
			a = k;
			continue;
		case BPF_LDX | BPF_IMM:
			x = k;
			continue;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
		case BPF_ST:
		case BPF_STX:
			if (k >= BPF_MEMWORDS_SECCOMP)
				return 0;
			if (insn->code == (BPF_LD | BPF_MEM))
				a = mem[k];
			else if (insn->code == (BPF_LDX | BPF_MEM))
				x = mem[k];
			else if (insn->code == BPF_ST)
				mem[k] = a;
			else
				mem[k] = x;
			continue;
		case BPF_MISC | BPF_TAX:
			x = a;
			continue;
		case BPF_MISC | BPF_TXA:
			a = x;
			continue;
		case BPF_RET | BPF_K:
			return k;
		case BPF_RET | BPF_A:
			return a;
		case BPF_ALU | BPF_NEG:
			a = -a;
			continue;
		case BPF_ALU | BPF_ADD | BPF_K:
		case BPF_ALU | BPF_ADD | BPF_X:
			a += src;
			continue;
		case BPF_ALU | BPF_SUB | BPF_K:
		case BPF_ALU | BPF_SUB | BPF_X:
			a -= src;
			continue;
		case BPF_ALU | BPF_MUL | BPF_K:
		case BPF_ALU | BPF_MUL | BPF_X:
			a *= src;
			continue;
		case BPF_ALU | BPF_DIV | BPF_K:
		case BPF_ALU | BPF_DIV | BPF_X:
			/* The converted program returns 0 on division by zero. */
			if (!src)
				return 0;
			a /= src;
			continue;
		case BPF_ALU | BPF_AND | BPF_K:
		case BPF_ALU | BPF_AND | BPF_X:
			a &= src;
			continue;
		case BPF_ALU | BPF_OR | BPF_K:
		case BPF_ALU | BPF_OR | BPF_X:
			a |= src;
			continue;
		case BPF_ALU | BPF_XOR | BPF_K:
		case BPF_ALU | BPF_XOR | BPF_X:
			a ^= src;
			continue;
		/* eBPF 32-bit shifts use the low 5 bits of the count. */
		case BPF_ALU | BPF_LSH | BPF_K:
		case BPF_ALU | BPF_LSH | BPF_X:
			a <<= src & 31;
			continue;
		case BPF_ALU | BPF_RSH | BPF_K:
		case BPF_ALU | BPF_RSH | BPF_X:
			a >>= src & 31;
			continue;
		case BPF_JMP | BPF_JA:
			if (k >= filter->len - pc - 1)
				return 0;
			pc += k;
			continue;
		case BPF_JMP | BPF_JEQ | BPF_K:
		case BPF_JMP | BPF_JEQ | BPF_X:
			taken = a == src;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
		case BPF_JMP | BPF_JGE | BPF_X:
			taken = a >= src;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
		case BPF_JMP | BPF_JGT | BPF_X:
			taken = a > src;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
		case BPF_JMP | BPF_JSET | BPF_X:
			taken = !!(a & src);
			break;
		default:
			return 0;
		}
		/* Only conditional jumps get here. */
		pc += taken ? insn->jt : insn->jf;
	}
	/* Ran off the end: the validator requires a final return. */
	return 0;
}

uint32_t sdiag_bpf_run_stack(const struct sdiag_filter *filters,
			     unsigned int count, const struct seccomp_data *sd,
			     int *match)
{
	uint32_t ret = SECCOMP_RET_ALLOW;
	unsigned int i;

	if (match)
		*match = -1;
	for (i = 0; i < count; i++) {
		uint32_t cur = sdiag_bpf_run(&filters[i], sd);

		if (sdiag_action_before(cur, ret)) {
			ret = cur;
			if (match)
				*match = i;
		}
	}
	return ret;
}
