/* i18n_int.h - message marking for the report writers: _("text") translates, N_("text") only
 * marks a static string for the catalogue (translated where it is used). */
#ifndef FLUJO_I18N_INT_H
#define FLUJO_I18N_INT_H

#include "flujo_i18n.h"

#define _(s)  flujo_tr(s)
#define N_(s) s

#endif
