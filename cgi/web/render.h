/* render.h: page data and templates; the one interface to ClearSilver */
#ifndef RENDER_H
#define RENDER_H
#include <stddef.h>
#include "base/util.h"

struct vnode;	/* a node of the page data; owned by the view */

int		 render_init(char *, size_t);
void		 render_free(void);
void		 view_begin(void);
void		 view_set(const char *, const char *);
void		 view_setf(const char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 view_set_int(const char *, long long);
const char	*view_get(const char *);
struct vnode	*view_node(const char *);
struct vnode	*vnode_child(struct vnode *, const char *);
void		 vnode_set(struct vnode *, const char *, const char *);
void		 vnode_set_int(struct vnode *, const char *, long long);
int		 render(const char *, struct buf *);
const char	*lang(const char *);
const char	*lang_code(const char *, const char *, const char *);

#endif
