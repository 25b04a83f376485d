/* currency.c - the currency: key: what the costs of a scenario are counted in, an ISO 4217 code
 * (soles unless said). */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

#define DEFAULT_CURRENCY "PEN"

/* currency: - three capital letters, as ISO 4217 writes them (PEN, USD, EUR). */
flujo_status_t flujo__key_currency(flujo__loader_t *L, const flujo__ynode_t *x)
{
    if (x == NULL) {
        L->s->currency = flujo_xstrdup(DEFAULT_CURRENCY);
        return FLUJO_OK;
    }
    flujo_status_t st = flujo__need_scalar(L, x, "currency");
    if (st != FLUJO_OK) {
        return st;
    }
    const char *c = x->value;
    bool ok = strlen(c) == 3;
    for (size_t i = 0; i < 3 && ok; i++) {
        ok = c[i] >= 'A' && c[i] <= 'Z';
    }
    if (!ok) {
        return flujo__fail(L, x, "currency",
                           "'%s' is not a currency code: write its three capital letters (ISO "
                           "4217), e.g. PEN or USD",
                           c);
    }
    L->s->currency = flujo_xstrdup(c);
    return FLUJO_OK;
}
