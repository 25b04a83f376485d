/* i18n.c - gettext for flujo's reports. The language is chosen through LANGUAGE with the
 * messages category set to C.UTF-8: GNU gettext honours LANGUAGE for any locale but "C", and
 * C.UTF-8 exists on every Debian system, so Spanish works without an es_PE locale installed, and
 * LC_NUMERIC stays "C" so that no output ever prints a decimal comma. */
#include <stdlib.h>
#include <string.h>

#include "flujo_i18n.h"

#include <libintl.h>
#include <locale.h>

#define DOMAIN "flujo"

static char current[8] = "en";

bool flujo_i18n_init(const char *localedir, const char *lang)
{
    bool es = lang != NULL && strncmp(lang, "es", 2) == 0;
    strcpy(current, es ? "es" : "en");
    if (setlocale(LC_MESSAGES, "C.UTF-8") == NULL) {
        setlocale(LC_MESSAGES, "C.utf8");
    }
    setenv("LANGUAGE", current, 1);
    if (bindtextdomain(DOMAIN, localedir) == NULL ||
        bind_textdomain_codeset(DOMAIN, "UTF-8") == NULL) {
        return false;
    }
    /* a catalogue is loaded when its header, the translation of "", is not empty */
    return !es || dgettext(DOMAIN, "")[0] != '\0';
}

const char *flujo_i18n_lang(void)
{
    return current;
}

const char *flujo_tr(const char *msgid)
{
    return strcmp(current, "en") == 0 ? msgid : dgettext(DOMAIN, msgid);
}
