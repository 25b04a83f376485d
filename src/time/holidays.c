/* holidays.c - Peru's national holidays (D.L. 713 and later laws) and the Easter date they
 * depend on. */
#include <stddef.h>

#include "flujo_calendar.h"

long flujo_easter(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return flujo_days_from_civil(y, month, day);
}

bool flujo_peru_holiday(long z, const char **name)
{
    static const struct {
        int m, d;
        const char *name;
    } fixed[] = {
        {1, 1, "Año Nuevo"},
        {5, 1, "Día del Trabajo"},
        {6, 7, "Batalla de Arica y Día de la Bandera"},
        {6, 29, "San Pedro y San Pablo"},
        {7, 23, "Día de la Fuerza Aérea del Perú"},
        {7, 28, "Fiestas Patrias"},
        {7, 29, "Fiestas Patrias"},
        {8, 6, "Batalla de Junín"},
        {8, 30, "Santa Rosa de Lima"},
        {10, 8, "Combate de Angamos"},
        {11, 1, "Todos los Santos"},
        {12, 8, "Inmaculada Concepción"},
        {12, 9, "Batalla de Ayacucho"},
        {12, 25, "Navidad"},
    };
    int y, m, d;
    flujo_civil_from_days(z, &y, &m, &d);
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        if (fixed[i].m == m && fixed[i].d == d) {
            if (name != NULL) {
                *name = fixed[i].name;
            }
            return true;
        }
    }
    long easter = flujo_easter(y);
    if (z == easter - 3 || z == easter - 2) {
        if (name != NULL) {
            *name = z == easter - 3 ? "Jueves Santo" : "Viernes Santo";
        }
        return true;
    }
    return false;
}
