/* svg.h: lab trend charts drawn on the server as SVG geometry (pure functions) */
#ifndef SVG_H
#define SVG_H
#include <stddef.h>

/* The drawing area of a chart in user units, and its value axis. */
struct svg_chart {
	double	 w, h;			/* the whole viewBox */
	double	 left, right, top, bottom;	/* margins for the axes' labels */
	double	 ymin, ymax;		/* values at the bottom and top */
	size_t	 n;			/* points along x, evenly spaced */
};

#define SVG_TICKS_MAX	8

int	 svg_axis(const double *, size_t, const double *, const double *,
	    double *, double *, double *);
size_t	 svg_ticks(double, double, double, double *, size_t);
double	 svg_x(const struct svg_chart *, size_t);
double	 svg_y(const struct svg_chart *, double);
int	 svg_points(const struct svg_chart *, const double *, size_t, char *,
	    size_t);
int	 svg_num(char *, size_t, double);

#endif
