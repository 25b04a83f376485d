/* layout_int.h - what the automatic layout (layout.c: columns, rows, lanes) shares with the
 * routing of its flows (route.c): the grid it places shapes on, and the router. */
#ifndef FLUJO_LAYOUT_INT_H
#define FLUJO_LAYOUT_INT_H

#include <stddef.h>

#include "model/model_int.h"

#define COL_W     170.0 /* column width */
#define ROW_H     120.0 /* row height inside a lane */
#define LANE_PAD  25.0  /* space above and below the rows of a lane */
#define LANE_HEAD 30.0  /* lane title band on the left */
#define POOL_HEAD 30.0  /* pool title band on the left */
#define MARGIN    40.0  /* space before the first column */

/* Appends the orthogonal waypoints of flow j between the placed shapes (lay->node, the cheapest
 * candidate route) to lay->points, which holds *n points in room for *cap (grown as needed).
 * Flows 0..j-1 must be routed already (lay->first[0..j]). */
void flujo__layout_route(const flujo_model_t *m, flujo_layout_t *lay, size_t j, size_t *n,
                         size_t *cap);

#endif
