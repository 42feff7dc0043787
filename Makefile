# SPDX-License-Identifier: GPL-2.0
#
# seccomp-diag: out-of-tree module, tools, selftests and the VM harness.
# "make" builds everything; "make check" is the one test command.

VERSION := $(shell sed -n "s/^SECCOMP_DIAG_VERSION := //p" module/Kbuild)

# The running kernel when its headers are installed, else the newest
# installed headers (on a build host that is the guest kernel of the VM).
KVER ?= $(shell v=$$(uname -r); [ -d /lib/modules/$$v/build ] && echo $$v || \
	  ls -1 /lib/modules 2>/dev/null | sort -V | \
	  while read k; do [ -d /lib/modules/$$k/build ] && echo $$k; done | tail -n 1)
KDIR ?= /lib/modules/$(KVER)/build
BUILD ?= $(CURDIR)/build

export VERSION KVER KDIR BUILD

.PHONY: all module tools selftests check demo clean install uninstall \
	docs bench stress fuzz check-matrix deps print-kdir

all: module tools selftests

print-kdir:
	@echo $(KDIR)

deps:
	@scripts/install-deps

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools BUILD=$(BUILD)/tools

selftests:
	$(MAKE) -C selftests/seccomp_diag OUTPUT=$(BUILD)/selftests

check: deps
	@scripts/check

demo: deps
	@scripts/demo

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	rm -rf $(BUILD)
