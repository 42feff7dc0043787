// SPDX-License-Identifier: GPL-2.0
/*
 * Judge a chain of filters per ABI the way the seccomp_diag module
 * judges a task's final chain: the reserved number (EPERM finding), the
 * casualties from module/casualties.h (casualty finding), and the two
 * kinds of information that are no finding (ABI off, ABI killed).  Shared
 * by check --bpf, --pid and --profile.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "verdict.h"
#include "../../module/casualties.h"

#define NR_CASUALTIES (sizeof(sdiag_casualties) / sizeof(sdiag_casualties[0]))
_Static_assert(NR_CASUALTIES <= 16, "struct sdiag_judgement holds 16 casualties");

const char *sdiag_finding_name(enum sdiag_finding finding)
{
	static const char * const names[] = {
		[SDIAG_FINDING_NONE] = "none",
		[SDIAG_FINDING_EPERM] = "eperm",
		[SDIAG_FINDING_CASUALTY] = "casualty",
		[SDIAG_FINDING_OTHER] = "other",
		[SDIAG_FINDING_ABI_OFF] = "abi_off",
		[SDIAG_FINDING_KILLED] = "killed",
	};

	return names[finding];
}

#define HAS(mask, f) ((mask) & (1u << (f)))

int sdiag_finding_exit(unsigned int mask)
{
	if (HAS(mask, SDIAG_FINDING_EPERM) || HAS(mask, SDIAG_FINDING_CASUALTY))
		return SDIAG_EXIT_EPERM;
	if (HAS(mask, SDIAG_FINDING_OTHER))
		return SDIAG_EXIT_OTHER;
	return SDIAG_EXIT_GOOD;
}

const char *sdiag_finding_verdict(unsigned int mask)
{
	if (HAS(mask, SDIAG_FINDING_EPERM))
		return "BAD: EPERM for unknown syscalls breaks fallbacks from new syscalls";
	if (HAS(mask, SDIAG_FINDING_CASUALTY))
		return "BAD: EPERM for syscalls whose callers fall back only on ENOSYS";
	if (HAS(mask, SDIAG_FINDING_OTHER))
		return "UNCLEAR: some answers are neither ENOSYS nor EPERM";
	return "good: unknown syscalls fail with ENOSYS";
}

const char *sdiag_finding_word(unsigned int mask)
{
	if (HAS(mask, SDIAG_FINDING_EPERM))
		return "eperm";
	if (HAS(mask, SDIAG_FINDING_CASUALTY))
		return "casualty";
	if (HAS(mask, SDIAG_FINDING_OTHER))
		return "other";
	return "good";
}

static uint32_t run(const struct sdiag_filter *filters, unsigned int count,
		    const struct sdiag_abi *abi, unsigned int nr, int *match)
{
	struct seccomp_data sd = {
		.nr = (int)(nr | abi->nr_bit),
		.arch = abi->audit_arch,
	};

	return sdiag_bpf_run_stack(filters, count, &sd, match);
}

static bool is_kill(uint32_t ret)
{
	uint32_t action = ret & SECCOMP_RET_ACTION_FULL;

	return action == SECCOMP_RET_KILL_PROCESS ||
	       action == SECCOMP_RET_KILL_THREAD;
}

int sdiag_casualty_nr(const struct sdiag_abi *abi, unsigned int i,
		      enum sdiag_impl *impl)
{
	const struct sdiag_casualty *c = &sdiag_casualties[i];
	int nr = sdiag_syscall_nr(abi, c->name);
	enum sdiag_impl found = SDIAG_IMPL_NO;

	if (nr >= 0)
		found = sdiag_syscall_impl(abi, (unsigned int)nr);
	if (impl)
		*impl = found;
	if (found == SDIAG_IMPL_YES ||
	    (found == SDIAG_IMPL_UNKNOWN && !c->unified_nr))
		return nr;
	/*
	 * This kernel lacks it (or may) and would answer ENOSYS itself, which
	 * is what the caller's fallback needs: an EPERM from the filter
	 * breaks it all the same.
	 */
	if (!c->unified_nr)
		return -1;
	return (int)c->unified_nr;
}

static int casualty_rank(const char *name)
{
	unsigned int i;

	for (i = 0; i < NR_CASUALTIES; i++)
		if (!strcmp(name, sdiag_casualties[i].name))
			return (int)i;
	return -1;
}

/* Casualties first, in the table's order, the others by number. */
static void order_names(struct sdiag_judgement *j)
{
	unsigned int i, front = 0, rank;

	for (rank = 0; rank < NR_CASUALTIES; rank++) {
		for (i = front; i < j->count; i++) {
			char *name = j->names[i];

			if (casualty_rank(name) != (int)rank)
				continue;
			memmove(&j->names[front + 1], &j->names[front],
				(i - front) * sizeof(char *));
			j->names[front++] = name;
			break;
		}
	}
}

void sdiag_judge(const struct sdiag_filter *filters, unsigned int count,
		 const struct sdiag_abi *abi, unsigned int probe_nr,
		 struct sdiag_judgement *j)
{
	bool killed_all;
	unsigned int nr, i;
	const char *why;

	memset(j, 0, sizeof(*j));
	j->probe = run(filters, count, abi, probe_nr, &j->match);
	killed_all = is_kill(j->probe);
	for (nr = 0; nr < sdiag_syscall_limit(abi); nr++) {
		uint32_t ret;
		char *name;

		/* Counted like the module: numbers with an entry point. */
		if (nr == probe_nr || !sdiag_syscall_implemented(abi, nr))
			continue;
		ret = run(filters, count, abi, nr, NULL);
		if (!is_kill(ret))
			killed_all = false;
		if (ret != j->probe)
			continue;
		name = sdiag_syscall_name(abi, nr);
		j->names = realloc(j->names, (j->count + 1) * sizeof(char *));
		if (!j->names || !name)
			sdiag_die(NULL, "out of memory");
		j->names[j->count++] = name;
	}
	order_names(j);

	for (i = 0; i < NR_CASUALTIES; i++) {
		int cnr = sdiag_casualty_nr(abi, i, NULL);
		uint32_t ret;

		if (cnr < 0)
			continue;
		ret = run(filters, count, abi, (unsigned int)cnr, NULL);
		if (sdiag_verdict_of_action(ret) != SDIAG_VERDICT_EPERM)
			continue;
		j->casualties[j->nr_casualties] = i;
		j->casualty_answer[j->nr_casualties++] = ret;
	}

	switch (sdiag_abi_state(abi, &why)) {
	case SDIAG_ABI_OFF:
		j->finding = SDIAG_FINDING_ABI_OFF;
		j->info = why;
		return;
	case SDIAG_ABI_UNKNOWN:
		j->note = why;
		break;
	default:
		break;
	}
	if (killed_all) {
		j->finding = SDIAG_FINDING_KILLED;
		j->info = "the chain kills every syscall of this ABI (a bad-arch action): no fallback to break";
		return;
	}
	switch (sdiag_verdict_of_action(j->probe)) {
	case SDIAG_VERDICT_EPERM:
		j->finding = SDIAG_FINDING_EPERM;
		break;
	case SDIAG_VERDICT_OTHER:
		j->finding = SDIAG_FINDING_OTHER;
		break;
	default:
		j->finding = j->nr_casualties ? SDIAG_FINDING_CASUALTY :
						SDIAG_FINDING_NONE;
	}
}

void sdiag_judgement_free(struct sdiag_judgement *j)
{
	unsigned int i;

	for (i = 0; i < j->count; i++)
		free(j->names[i]);
	free(j->names);
	j->names = NULL;
	j->count = 0;
}

static const char *probe_text(const struct sdiag_judgement *j)
{
	switch (j->finding) {
	case SDIAG_FINDING_ABI_OFF:
	case SDIAG_FINDING_KILLED:
		return "information only";
	default:
		break;
	}
	switch (sdiag_verdict_of_action(j->probe)) {
	case SDIAG_VERDICT_ENOSYS:
		return "good, unknown syscalls fail with ENOSYS";
	case SDIAG_VERDICT_EPERM:
		return "BAD, EPERM breaks fallbacks from new syscalls";
	default:
		return "UNCLEAR, neither ENOSYS nor EPERM: fallbacks from new syscalls may break";
	}
}

#define NAMES_SHOWN 16

unsigned int sdiag_judgement_print(const char *prefix, unsigned int probe_nr,
				   struct sdiag_judgement *res, bool all)
{
	unsigned int mask = 0, i;
	int a;

	for (a = 0; a < SDIAG_NR_ABIS; a++) {
		const struct sdiag_abi *abi = &sdiag_abis[a];
		struct sdiag_judgement *j = &res[a];
		char answer[64];
		size_t col;

		mask |= 1u << j->finding;
		sdiag_action_format(j->probe, answer, sizeof(answer));
		printf(abi->nr_bit ? "%s%s: syscall 0x%x -> %s: %s\n" :
		       "%s%s: syscall %u -> %s: %s\n", prefix, abi->name,
		       probe_nr | abi->nr_bit, answer, probe_text(j));
		if (j->info)
			printf("%s%s: information: %s\n", prefix, abi->name,
			       j->info);
		if (j->note)
			printf("%s%s: note: %s\n", prefix, abi->name, j->note);
		/* Wrapped as without @prefix, which each line repeats. */
		col = printf("%s%s: %u implemented syscalls answered the same way%s",
			     prefix, abi->name, j->count, j->count ? ":" : "") -
		      strlen(prefix);
		for (i = 0; i < j->count; i++) {
			size_t len = strlen(j->names[i]) + 1;

			if (!all && i == NAMES_SHOWN) {
				printf(" ... (%u more, see --all)", j->count - i);
				break;
			}
			if (col + len > 78) {
				printf("\n%s   ", prefix);
				col = 3;
			}
			printf(" %s", j->names[i]);
			col += len;
		}
		printf("\n");
		/* A casualty is a finding only when the reserved number is right. */
		if (j->finding != SDIAG_FINDING_CASUALTY)
			continue;
		for (i = 0; i < j->nr_casualties; i++) {
			const struct sdiag_casualty *c =
				&sdiag_casualties[j->casualties[i]];

			const char *in_kernel = "";
			enum sdiag_impl impl;

			sdiag_casualty_nr(abi, j->casualties[i], &impl);
			if (impl == SDIAG_IMPL_NO)
				in_kernel = " (not in this kernel, which would answer ENOSYS)";
			else if (impl == SDIAG_IMPL_UNKNOWN)
				in_kernel = " (unknown in this kernel, which may answer ENOSYS)";
			sdiag_action_format(j->casualty_answer[i], answer,
					    sizeof(answer));
			printf("%s%s: casualty %s%s -> %s: BAD, %s falls back only on ENOSYS: %s\n",
			       prefix, abi->name, c->name, in_kernel,
			       answer, c->caller, c->breakage);
		}
	}
	printf("%sverdict: %s\n", prefix, sdiag_finding_verdict(mask));
	return mask;
}

unsigned int sdiag_judgement_json(unsigned int probe_nr,
				  struct sdiag_judgement *res)
{
	unsigned int mask = 0, i;
	int a;

	printf("[");
	for (a = 0; a < SDIAG_NR_ABIS; a++) {
		const struct sdiag_abi *abi = &sdiag_abis[a];
		struct sdiag_judgement *j = &res[a];
		char answer[64];

		mask |= 1u << j->finding;
		sdiag_action_format(j->probe, answer, sizeof(answer));
		printf("%s{\"abi\":\"%s\",\"audit_arch\":\"0x%08x\",\"nr\":%u,",
		       a ? "," : "", abi->name, abi->audit_arch,
		       probe_nr | abi->nr_bit);
		printf("\"raw\":\"0x%08x\",\"action\":\"%s\",\"data\":%u,",
		       j->probe, sdiag_action_name(j->probe),
		       j->probe & SECCOMP_RET_DATA);
		printf("\"answer\":\"%s\",\"filter\":%d,\"verdict\":\"%s\",\"finding\":\"%s\",\"info\":",
		       answer, j->match,
		       sdiag_verdict_name(sdiag_verdict_of_action(j->probe)),
		       sdiag_finding_name(j->finding));
		if (j->info)
			sdiag_json_string(stdout, j->info);
		else
			printf("null");
		printf(",\"note\":");
		if (j->note)
			sdiag_json_string(stdout, j->note);
		else
			printf("null");
		printf(",\"casualties\":[");
		for (i = 0; i < j->nr_casualties; i++) {
			sdiag_action_format(j->casualty_answer[i], answer,
					    sizeof(answer));
			printf("%s{\"name\":\"%s\",\"answer\":\"%s\"}", i ? "," : "",
			       sdiag_casualties[j->casualties[i]].name, answer);
		}
		printf("],\"implemented_like_unknown\":%u,\"like_unknown\":[",
		       j->count);
		for (i = 0; i < j->count; i++) {
			if (i)
				putchar(',');
			sdiag_json_string(stdout, j->names[i]);
		}
		printf("]}");
	}
	printf("]");
	return mask;
}
