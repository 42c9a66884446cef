/* demogen.h: a synthetic region (SS-MIX2 trees and region.sql) from a seed */
#ifndef DEMOGEN_H
#define DEMOGEN_H

#include <stddef.h>
#include <stdint.h>

struct demo_opts {
	size_t		 patients;
	size_t		 facilities;
	int		 years;
	uint64_t	 seed;
	unsigned long	 heavy;		/* messages of patient 0 at home; 0: none */
	const char	*out;
	/*
	 * only: one facility's code (GEN002): its std/ and ext/ trees and
	 * nothing else, byte for byte what a run of all writes for it.
	 * no_trees: region.sql, facilities.tsv and bench.tsv without trees.
	 */
	const char	*only;
	int		 no_trees;
};

/* What the trees hold (--only: that facility's; --no-trees: unwritten). */
struct demo_stats {
	unsigned long	 messages, documents, bytes;
};

int	demo_generate(const struct demo_opts *, struct demo_stats *, char *,
	    size_t);

#endif
