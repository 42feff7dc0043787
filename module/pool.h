/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SECCOMP_DIAG_POOL_H
#define _SECCOMP_DIAG_POOL_H

#include <linux/spinlock.h>
#include <linux/workqueue.h>

/*
 * Objects for probe handlers, which run with preemption off.  The pool
 * grows with the objects in use (tasks that hold one while they sleep
 * make it larger), refilled from a workqueue; where the kernel's
 * allocator may be called with preemption off (not PREEMPT_RT), an empty
 * pool falls back to an allocation charged to the task's memory cgroup.
 * So holding objects costs a user memory, never another user an object.
 */
struct sdiag_pool {
	size_t size;
	unsigned int spare;	/* kept free beyond half of those in use */
	void *free_list;	/* linked through each object's first word */
	unsigned int nr_free;
	unsigned int nr_used;
	raw_spinlock_t lock;
	struct work_struct refill;
};

void sdiag_pool_init(struct sdiag_pool *pool, size_t size,
		     unsigned int spare);
void *sdiag_pool_get(struct sdiag_pool *pool);
void sdiag_pool_put(struct sdiag_pool *pool, void *obj);
void sdiag_pool_fill(struct sdiag_pool *pool);
void sdiag_pool_drain(struct sdiag_pool *pool);

#endif /* _SECCOMP_DIAG_POOL_H */
