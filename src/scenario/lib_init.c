/* lib_init.c - flujo_lib_init: the outside libraries of the parts below report errors through
 * return codes, never by printing or aborting. It lives here, in the lowest part that depends on
 * both parts that wrap such a library (model/: igraph, random/: GSL). */
#include "flujo_error.h"
#include "model/model_int.h"
#include "random/random_int.h"

void flujo_lib_init(void)
{
    flujo__random_lib_init();
    flujo__model_lib_init();
}
