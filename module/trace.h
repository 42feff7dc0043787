/* SPDX-License-Identifier: GPL-2.0 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM seccomp_diag

#if !defined(_SECCOMP_DIAG_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _SECCOMP_DIAG_TRACE_H

#include <linux/audit.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <linux/tracepoint.h>

#include "seccomp_diag.h"

/* sdiag_show_abi() and sdiag_show_arch() are per architecture (arch-*.h). */

#define sdiag_show_action(action)					\
	__print_symbolic((action) & SECCOMP_RET_ACTION_FULL,		\
			 { SECCOMP_RET_KILL_PROCESS,	"KILL_PROCESS" }, \
			 { SECCOMP_RET_KILL_THREAD,	"KILL_THREAD" },  \
			 { SECCOMP_RET_TRAP,		"TRAP" },	\
			 { SECCOMP_RET_ERRNO,		"ERRNO" },	\
			 { SECCOMP_RET_USER_NOTIF,	"USER_NOTIF" },	\
			 { SECCOMP_RET_TRACE,		"TRACE" },	\
			 { SECCOMP_RET_LOG,		"LOG" },	\
			 { SECCOMP_RET_ALLOW,		"ALLOW" })

#define sdiag_show_errno(err)						\
	__print_symbolic(err,						\
			 { 0,	"0" },					\
			 { 1,	"EPERM" },				\
			 { 2,	"ENOENT" },				\
			 { 3,	"ESRCH" },				\
			 { 4,	"EINTR" },				\
			 { 5,	"EIO" },				\
			 { 9,	"EBADF" },				\
			 { 11,	"EAGAIN" },				\
			 { 12,	"ENOMEM" },				\
			 { 13,	"EACCES" },				\
			 { 14,	"EFAULT" },				\
			 { 16,	"EBUSY" },				\
			 { 17,	"EEXIST" },				\
			 { 22,	"EINVAL" },				\
			 { 28,	"ENOSPC" },				\
			 { 30,	"EROFS" },				\
			 { 38,	"ENOSYS" },				\
			 { 95,	"EOPNOTSUPP" })

/* How seccomp came to fail a syscall, as seccomp_errno reports it. */
TRACE_DEFINE_ENUM(SDIAG_OUTCOME_UNKNOWN);
TRACE_DEFINE_ENUM(SDIAG_OUTCOME_ERRNO);
TRACE_DEFINE_ENUM(SDIAG_OUTCOME_USER_NOTIF);
TRACE_DEFINE_ENUM(SDIAG_OUTCOME_TRACE);

#define sdiag_show_outcome(outcome)					\
	__print_symbolic(outcome,					\
			 { SDIAG_OUTCOME_UNKNOWN,	"unknown" },	\
			 { SDIAG_OUTCOME_ERRNO,		"errno" },	\
			 { SDIAG_OUTCOME_USER_NOTIF,	"user_notif" },	\
			 { SDIAG_OUTCOME_TRACE,		"trace" })

/*
 * One event per final verdict and ABI: what the task's whole filter chain
 * answers for the probe number.  flagged: EPERM there on an ABI programs
 * can use; casualty: the probe number answered otherwise, yet EPERM for
 * casualties (of casualties.h) of them; enabled: programs can use the ABI
 * now (x32 is off unless booted with syscall.x32=y).  pid and comm are
 * the installer's, as it was at its last install.
 */
TRACE_EVENT(filter_check,
	TP_PROTO(pid_t pid, const char *comm, int abi, int nr, u32 action,
		 bool flagged, bool casualty, unsigned int casualties,
		 bool enabled),
	TP_ARGS(pid, comm, abi, nr, action, flagged, casualty, casualties,
		enabled),

	TP_STRUCT__entry(
		__field(pid_t, pid)
		__array(char, comm, TASK_COMM_LEN)
		__field(int, abi)
		__field(int, nr)
		__field(u32, action)
		__field(bool, flagged)
		__field(bool, casualty)
		__field(unsigned int, casualties)
		__field(bool, enabled)
	),

	TP_fast_assign(
		__entry->pid = pid;
		memcpy(__entry->comm, comm, TASK_COMM_LEN);
		__entry->abi = abi;
		__entry->nr = nr;
		__entry->action = action;
		__entry->flagged = flagged;
		__entry->casualty = casualty;
		__entry->casualties = casualties;
		__entry->enabled = enabled;
	),

	TP_printk("pid=%d comm=%s abi=%s nr=%d action=%s data=%u raw=0x%08x flagged=%d casualty=%d casualties=%u enabled=%d",
		  __entry->pid, __entry->comm, sdiag_show_abi(__entry->abi),
		  __entry->nr, sdiag_show_action(__entry->action),
		  __entry->action & SECCOMP_RET_DATA, __entry->action,
		  __entry->flagged, __entry->casualty, __entry->casualties,
		  __entry->enabled)
);

int sdiag_outcome_reg(void);
void sdiag_outcome_unreg(void);

/* A syscall that seccomp failed with an errno instead of running it. */
TRACE_EVENT_FN(seccomp_errno,
	TP_PROTO(u32 arch, int nr, int err, int outcome),
	TP_ARGS(arch, nr, err, outcome),

	TP_STRUCT__entry(
		__field(pid_t, pid)
		__field(pid_t, tgid)
		__array(char, comm, TASK_COMM_LEN)
		__field(u32, arch)
		__field(int, nr)
		__field(int, err)
		__field(int, action)
	),

	TP_fast_assign(
		__entry->pid = current->pid;
		__entry->tgid = current->tgid;
		memcpy(__entry->comm, current->comm, TASK_COMM_LEN);
		__entry->arch = arch;
		__entry->nr = nr;
		__entry->err = err;
		__entry->action = outcome;
	),

	TP_printk("pid=%d tgid=%d comm=%s arch=%s nr=%d err=%d(%s) action=%s",
		  __entry->pid, __entry->tgid, __entry->comm,
		  sdiag_show_arch(__entry->arch), __entry->nr, __entry->err,
		  sdiag_show_errno(__entry->err),
		  sdiag_show_outcome(__entry->action)),

	sdiag_outcome_reg, sdiag_outcome_unreg
);

int sdiag_notif_reg(void);
void sdiag_notif_unreg(void);

/*
 * A supervisor's SECCOMP_IOCTL_NOTIF_SEND.  target and nr are -1 when the
 * matching SECCOMP_IOCTL_NOTIF_RECV was not seen.
 */
TRACE_EVENT_FN(notif_reply,
	TP_PROTO(u64 id, pid_t target, int nr, u32 arch, s32 error, s64 val,
		 u32 flags, int ret),
	TP_ARGS(id, target, nr, arch, error, val, flags, ret),

	TP_STRUCT__entry(
		__field(pid_t, pid)
		__array(char, comm, TASK_COMM_LEN)
		__field(u64, id)
		__field(pid_t, target)
		__field(int, nr)
		__field(u32, arch)
		__field(s32, error)
		__field(s64, val)
		__field(u32, flags)
		__field(int, ret)
	),

	TP_fast_assign(
		__entry->pid = current->pid;
		memcpy(__entry->comm, current->comm, TASK_COMM_LEN);
		__entry->id = id;
		__entry->target = target;
		__entry->nr = nr;
		__entry->arch = arch;
		__entry->error = error;
		__entry->val = val;
		__entry->flags = flags;
		__entry->ret = ret;
	),

	TP_printk("pid=%d comm=%s id=0x%llx target=%d nr=%d arch=%s error=%d val=%lld flags=0x%x(%s) ret=%d",
		  __entry->pid, __entry->comm, __entry->id, __entry->target,
		  __entry->nr, sdiag_show_arch(__entry->arch), __entry->error,
		  __entry->val, __entry->flags,
		  __print_flags(__entry->flags, "|",
				{ SECCOMP_USER_NOTIF_FLAG_CONTINUE, "CONTINUE" }),
		  __entry->ret),

	sdiag_notif_reg, sdiag_notif_unreg
);

#endif /* _SECCOMP_DIAG_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
