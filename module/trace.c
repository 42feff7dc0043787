// SPDX-License-Identifier: GPL-2.0
/* The module's trace events are instantiated here, once. */
#define CREATE_TRACE_POINTS
#include "trace.h"
