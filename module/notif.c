// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the notif_reply probe lands. */
#include "seccomp_diag.h"
#include "trace.h"

int sdiag_notif_reg(void) { return 0; }
void sdiag_notif_unreg(void) { }
int sdiag_notif_init(void) { return 0; }
void sdiag_notif_exit(void) { }
unsigned long sdiag_notif_missed(void) { return 0; }
