# SPDX-License-Identifier: GPL-2.0
#
# seccomp-diag: out-of-tree module, tools, selftests and the VM harness.
# "make" builds everything; "make check" is the one test command.

VERSION := $(shell sed -n "s/^SECCOMP_DIAG_VERSION := //p" module/Kbuild)

# The running kernel when its headers are installed, else the newest
# installed headers (on a build host that is the guest kernel of the VM),
# preferring the standard flavour over PREEMPT_RT (scripts/rt-test).
KVER ?= $(shell v=$$(uname -r); [ -d /lib/modules/$$v/build ] && echo $$v || \
	  { ls -1 /lib/modules | sort -V | grep -e -rt-; \
	    ls -1 /lib/modules | sort -V | grep -v -e -rt-; } 2>/dev/null | \
	  while read k; do [ -d /lib/modules/$$k/build ] && echo $$k; done | tail -n 1)
KDIR ?= /lib/modules/$(KVER)/build
# Only a BUILD given on the command line moves the output: one inherited
# from the environment (dkms runs "make clean" in its own copy) must not
# make clean remove another tree's build.
ifneq ($(origin BUILD),command line)
BUILD := $(CURDIR)/build
endif

export VERSION KVER KDIR

.PHONY: all module tools selftests check check-host demo clean install uninstall \
	docs bench bench-deps stress fuzz check-matrix check-kernel-patched check-loop deps module-deps print-kdir

all: module tools selftests

print-kdir:
	@echo $(KDIR)

deps:
	@scripts/install-deps

# What the module, the tool, the selftests and the VM need, no more.
module-deps:
	@scripts/install-deps demo

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools BUILD=$(BUILD)/tools

selftests:
	$(MAKE) -C selftests/seccomp_diag OUTPUT=$(BUILD)/selftests

check: deps
	@scripts/check

# The host half of make check (build, style, host tests, fuzz, docs),
# without root, a VM or package installs: for quick iterations.
check-host:
	@scripts/check-host

# Every supported kernel: Debian 12, 13 and sid (README, "Kernels").
check-matrix: deps
	@scripts/check-matrix

# Only the in-kernel series (kernel-patches/), as check-matrix runs it last.
check-kernel-patched: deps
	@scripts/check-matrix sid-patched

demo: module-deps
	@scripts/demo

# Boots the VM once; about 10 minutes under TCG.  Writes bench/results.*.
# Its comparators (bpftrace, strace) are installed with the other packages.
bench: bench-deps module
	@tools/bench/run

bench-deps:
	@scripts/install-deps bench

# The kselftests that wait on counters, dmesg or events, LOOPS times in
# one VM on a loaded host (scripts/kselftest-loop).
LOOPS ?= 50
check-loop: module-deps
	@scripts/kselftest-loop $(LOOPS)

# The long stress run in the VM (make check runs 25 s of it).
STRESS_SECONDS ?= 300
stress: module-deps module
	@STRESS_SECONDS=$(STRESS_SECONDS) scripts/stress

# libFuzzer on the tool's BPF reader and evaluator; prints executions and
# crashes (tools/seccomp-diag/tests/fuzz).
FUZZ_SECONDS ?= 60
fuzz:
	@$(MAKE) -s -C tools BUILD=$(BUILD)/tools FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	rm -rf $(BUILD)

# Installation (Documentation/admin-guide.rst).  DESTDIR stages into a
# scratch root; the module goes to updates/ so it wins over any in-tree
# module of the same name.
PREFIX ?= /usr/local
MODDIR = $(DESTDIR)/lib/modules/$(KVER)/updates
BINDIR = $(DESTDIR)$(PREFIX)/bin
DOCDIR = $(DESTDIR)$(PREFIX)/share/doc/seccomp-diag
# Optional Secure Boot signing at install time: SIGN_KEY=MOK.priv
# SIGN_CERT=MOK.der, with the hash the kernel was configured for.
SIGN_FILE ?= $(KDIR)/scripts/sign-file
SIGN_HASH ?= $(or $(shell sed -n 's/^CONFIG_MODULE_SIG_HASH="\(.*\)"/\1/p' \
	$(KDIR)/.config 2>/dev/null),sha256)
DEPMOD = depmod $(if $(DESTDIR),-b $(DESTDIR)) -a $(KVER)

.PHONY: check-dkms check-install check-docs

install: module tools
	install -D -m 0644 module/seccomp_diag.ko $(MODDIR)/seccomp_diag.ko
ifneq ($(SIGN_KEY),)
	$(SIGN_FILE) $(SIGN_HASH) $(SIGN_KEY) $(SIGN_CERT) $(MODDIR)/seccomp_diag.ko
endif
	$(DEPMOD)
	if [ -x $(BUILD)/tools/seccomp-diag ]; then \
		install -D -m 0755 $(BUILD)/tools/seccomp-diag $(BINDIR)/seccomp-diag; \
	fi
	install -D -m 0644 Documentation/seccomp_diag.conf $(DOCDIR)/seccomp_diag.conf

uninstall:
	rm -f $(MODDIR)/seccomp_diag.ko $(BINDIR)/seccomp-diag
	rm -rf $(DOCDIR)
	if [ -d $(DESTDIR)/lib/modules/$(KVER) ]; then $(DEPMOD); fi

docs:
	sphinx-build -W --keep-going -E -q -b html Documentation $(BUILD)/docs

check-dkms:
	@scripts/dkms-test

check-install:
	@scripts/install-test

check-docs:
	@scripts/docs-test.py
