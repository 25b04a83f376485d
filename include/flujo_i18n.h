/* flujo_i18n.h - the language of reports: flujo's messages are English in the sources and
 * translated with gettext catalogues (po/LANG.po, compiled into LOCALEDIR/LANG/LC_MESSAGES/flujo.mo
 * at build time). */
#ifndef FLUJO_I18N_H
#define FLUJO_I18N_H

#include <stdbool.h>

/* Binds flujo's text domain to the catalogues under localedir and selects a language ("es",
 * "en"). Only the messages category is touched: numbers keep the C locale's decimal point in
 * every output. Returns false if the language's catalogue cannot be loaded (messages stay
 * English). Call before starting threads. */
bool flujo_i18n_init(const char *localedir, const char *lang);

/* The language of messages now, "es" or "en". */
const char *flujo_i18n_lang(void);

/* A message in the selected language (the English text if it has no translation). */
const char *flujo_tr(const char *msgid);

#endif
