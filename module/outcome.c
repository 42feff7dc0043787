// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the seccomp_errno probe lands. */
#include "seccomp_diag.h"
#define CREATE_TRACE_POINTS_NOT
#include "trace.h"

int sdiag_outcome_reg(void) { return 0; }
void sdiag_outcome_unreg(void) { }
int sdiag_outcome_init(void) { return 0; }
void sdiag_outcome_exit(void) { }
unsigned long sdiag_outcome_missed(void) { return 0; }
