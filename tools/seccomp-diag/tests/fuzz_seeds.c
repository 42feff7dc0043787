// SPDX-License-Identifier: GPL-2.0
/*
 * Seeds for the fuzzer: filters as libseccomp writes them, each one
 * prefixed with the byte that tells fuzz_bpf.c how many filters follow.
 */
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <unistd.h>

static int seed(const char *dir, int index, scmp_filter_ctx ctx)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/seed-%d", dir, index);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "", 1) != 1 || seccomp_export_bpf(ctx, fd))
		return 1;
	close(fd);
	seccomp_release(ctx);
	return 0;
}

int main(int argc, char **argv)
{
	static const uint32_t defaults[] = {
		SCMP_ACT_ERRNO(EPERM), SCMP_ACT_ALLOW, SCMP_ACT_KILL_PROCESS,
		SCMP_ACT_TRACE(5),
	};
	unsigned int i;
	int ret = 0;

	if (argc != 2)
		return 2;
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		scmp_filter_ctx ctx = seccomp_init(defaults[i]);

		if (!ctx)
			return 1;
		if (i & 1)
			seccomp_arch_add(ctx, SCMP_ARCH_X86);
		if (i & 2)
			seccomp_arch_add(ctx, SCMP_ARCH_X32);
		seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2), 0);
		seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(clone3), 1,
				 SCMP_A0(SCMP_CMP_MASKED_EQ, 0xff, 3));
		seccomp_rule_add(ctx, SCMP_ACT_LOG, SCMP_SYS(write), 1,
				 SCMP_A2(SCMP_CMP_GT, 1ull << 40));
		ret |= seed(argv[1], i, ctx);
	}
	return ret;
}
