// SPDX-License-Identifier: GPL-2.0
/*
 * A pool of objects for probe handlers that grows with use (pool.h).
 */
#include <linux/minmax.h>
#include <linux/slab.h>

#include "pool.h"

/* Process context: keep @spare objects free beyond half of those in use. */
void sdiag_pool_fill(struct sdiag_pool *pool)
{
	unsigned long flags;
	bool more = true;
	void *obj;

	while (more) {
		obj = kmalloc(pool->size, GFP_KERNEL);
		if (!obj)
			return;
		raw_spin_lock_irqsave(&pool->lock, flags);
		*(void **)obj = pool->free_list;
		pool->free_list = obj;
		pool->nr_free++;
		more = pool->nr_free < pool->spare + pool->nr_used / 2;
		raw_spin_unlock_irqrestore(&pool->lock, flags);
	}
}

static void sdiag_pool_refill_fn(struct work_struct *work)
{
	sdiag_pool_fill(container_of(work, struct sdiag_pool, refill));
}

/* Before any other use; objects of @size, at least a pointer's. */
void sdiag_pool_init(struct sdiag_pool *pool, size_t size,
		     unsigned int spare)
{
	*pool = (struct sdiag_pool){
		.size = max(size, sizeof(void *)),
		.spare = spare,
	};
	raw_spin_lock_init(&pool->lock);
	INIT_WORK(&pool->refill, sdiag_pool_refill_fn);
}

/* Any context but NMI.  Not zeroed. */
void *sdiag_pool_get(struct sdiag_pool *pool)
{
	unsigned long flags;
	void *obj;
	bool low;

	raw_spin_lock_irqsave(&pool->lock, flags);
	obj = pool->free_list;
	if (obj) {
		pool->free_list = *(void **)obj;
		pool->nr_free--;
		pool->nr_used++;
	}
	low = pool->nr_free < pool->spare / 2 + pool->nr_used / 4;
	raw_spin_unlock_irqrestore(&pool->lock, flags);
	if (low)
		schedule_work(&pool->refill);
	/* PREEMPT_RT's allocator must not be called with preemption off. */
	if (!obj && !IS_ENABLED(CONFIG_PREEMPT_RT)) {
		obj = kmalloc(pool->size,
			      GFP_NOWAIT | __GFP_ACCOUNT | __GFP_NOWARN);
		if (obj) {
			raw_spin_lock_irqsave(&pool->lock, flags);
			pool->nr_used++;
			raw_spin_unlock_irqrestore(&pool->lock, flags);
		}
	}
	return obj;
}

void sdiag_pool_put(struct sdiag_pool *pool, void *obj)
{
	unsigned long flags;
	bool plenty;

	raw_spin_lock_irqsave(&pool->lock, flags);
	pool->nr_used--;
	plenty = pool->nr_free >= 2 * pool->spare + pool->nr_used;
	if (!plenty) {
		*(void **)obj = pool->free_list;
		pool->free_list = obj;
		pool->nr_free++;
	}
	raw_spin_unlock_irqrestore(&pool->lock, flags);
	if (plenty)
		kfree(obj);
}

/* Module init and exit: no object is in use. */
void sdiag_pool_drain(struct sdiag_pool *pool)
{
	void *obj;

	cancel_work_sync(&pool->refill);
	while ((obj = pool->free_list)) {
		pool->free_list = *(void **)obj;
		kfree(obj);
	}
	pool->nr_free = 0;
}
