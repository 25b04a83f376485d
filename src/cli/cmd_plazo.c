/* cmd_plazo.c - `flujo plazo`: when a plazo in días hábiles starts and ends, for a filing date, on
 * a scenario's legal calendar (or Monday to Friday without Peru's holidays). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/base_int.h"
#include "cli.h"
#include "flujo_calendar.h"
#include "flujo_dist.h"
#include "flujo_scenario.h"

/* "Thursday 2026-04-02" for simulation day d of a calendar with origin day `origin`. */
static void day_text(long origin, long d, char *buf, size_t n)
{
    static const char *const names[] = {N_("Monday"),   N_("Tuesday"), N_("Wednesday"),
                                        N_("Thursday"), N_("Friday"),  N_("Saturday"),
                                        N_("Sunday")};
    int y, m, dd;
    flujo_civil_from_days(origin + d, &y, &m, &dd);
    snprintf(buf, n, "%s %04d-%02d-%02d", _(names[flujo_weekday(origin + d)]), y, m, dd);
}

/* "label:" padded to the width of the longest label, in the current language. */
static void label(const char *text, int width)
{
    int w = (int)flujo_utf8_width(text);
    printf("%s:%*s", text, width - w + 1, "");
}

/* What the filing line says after the date: " (Viernes Santo: not a business day)". */
static void filed_note(const flujo_calendar_t *cal, long day, long d)
{
    const char *holiday = NULL;
    if (!flujo_calendar_is_business_day(cal, d)) {
        printf(" (%s: %s)",
               flujo_peru_holiday(day, &holiday) ? holiday
               : flujo_weekday(day) >= 5         ? _("weekend")
                                                 : _("closed"),
               _("not a business day"));
    }
}

/* The labels of the lines, in the current language, and the width they are padded to. */
static int label_width(const char *const *labels, int n)
{
    int lw = 0;
    for (int i = 0; i < n; i++) {
        int w = (int)flujo_utf8_width(labels[i]);
        lw = w > lw ? w : lw;
    }
    return lw;
}

/* The filing line: the date (and the time, when `filed` gives one) and whether it is a business
 * day; without its newline. */
static void print_filed(const flujo_calendar_t *cal, long origin, const char *filed, long day,
                        double sec, const char *lbl, int lw)
{
    char buf[64];
    day_text(origin, day - origin, buf, sizeof(buf));
    label(lbl, lw);
    printf("%s", buf);
    if (strlen(filed) > 10) {
        printf(" %02d:%02d", (int)(sec / 3600), (int)fmod(sec / 60, 60));
    }
    filed_note(cal, day, day - origin);
}

/* The rest of the plazo p: when it counts from, when it ends, the holidays it steps over. */
static void print_plazo(const flujo_calendar_t *cal, long origin, double plazo,
                        const flujo_plazo_t *p, const char *const *labels, int lw)
{
    char buf[64], buf2[64];
    day_text(origin, p->counts_from, buf, sizeof(buf));
    putchar('\n');
    label(labels[1], lw);
    printf("%s (%s)\n", buf, _("the business day after filing, Ley 27444 art. 133.1"));
    day_text(origin, p->last_day, buf2, sizeof(buf2));
    printf(_("%.4g días hábiles end on %s at 24:00"), plazo / FLUJO_DAY, buf2);
    putchar('\n');
    label(labels[2], lw);
    printf("%s", flujo_calendar_name(cal));
    for (size_t i = 0; i < p->n_skipped; i++) {
        long k = p->skipped[i];
        if (i == 0) {
            printf("; %s:", _("holidays skipped"));
        }
        day_text(origin, k, buf, sizeof(buf));
        const char *name = NULL;
        bool national = flujo_peru_holiday(origin + k, &name);
        printf(" %s%s%s%s", buf + strlen(buf) - 10, national ? " (" : "", national ? name : "",
               national ? ")" : "");
    }
    puts("");
}

/* The plazo to count: --plazo Nbd, else the scenario's sla deadline; false after a usage error. */
static bool plazo_of(const char *text, const flujo_scenario_t *s, double *plazo, int *rc)
{
    flujo_err_t err = {0};
    flujo_clock_t clock = FLUJO_CLOCK_BDAYS;
    if (text != NULL) {
        if (!flujo_parse_duration(text, plazo, &clock, &err) || clock != FLUJO_CLOCK_BDAYS) {
            *rc = cli_usage_error("plazo", "--plazo is a number of business days, like 8bd");
            return false;
        }
        return true;
    }
    if (s != NULL && s->sla.set) {
        *plazo = s->sla.deadline;
        return true;
    }
    *rc = cli_usage_error("plazo", "give --plazo Nbd (or a scenario with an sla)");
    return false;
}

int cli_plazo(int argc, char **argv)
{
    static const struct option opts[] = {
        {"filed", required_argument, NULL, 'f'},
        {"plazo", required_argument, NULL, 'p'},
        {NULL, 0, NULL, 0},
    };
    const char *filed = NULL, *plazo_text = NULL;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:p:", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            filed = optarg;
            break;
        case 'p':
            plazo_text = optarg;
            break;
        case ':':
            return cli_usage_error("plazo", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("plazo", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (filed == NULL || argc - optind > 1) {
        return cli_usage_error("plazo", "plazo takes --filed DATE and at most one SCENARIO.yaml");
    }
    long day;
    double sec;
    if (!flujo_parse_datetime(filed, &day, &sec)) {
        return cli_usage_error("plazo",
                               "--filed '%s' is not a date like 2026-04-02 or "
                               "2026-04-02T10:30",
                               filed);
    }
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    if (argc - optind == 1 && flujo_scenario_load(argv[optind], NULL, 0, &s, &err) != FLUJO_OK) {
        return cli_fail(&err);
    }
    double plazo = 0;
    int rc = CLI_EXIT_OK;
    if (!plazo_of(plazo_text, s, &plazo, &rc)) {
        flujo_scenario_free(s);
        return rc;
    }
    /* a calendar of our own, from the filing day, with the scenario's legal rules */
    flujo_calendar_t *own = NULL;
    const flujo_calendar_t *cal;
    long origin;
    if (s != NULL) {
        cal = s->calendars[s->legal_calendar];
        origin = s->start_day;
        if (day < origin || day - origin > s->n_days - 400) {
            cli_error("%s: --filed must fall within the scenario's simulated period, from its "
                      "start date",
                      argv[optind]);
            flujo_scenario_free(s);
            return CLI_EXIT_INPUT;
        }
    } else {
        own = flujo_calendar_new_habiles("habiles");
        origin = day;
        flujo_calendar_finish(own, origin, 3 * 366);
        cal = own;
    }
    double t = (double)(day - origin) * FLUJO_DAY + sec;
    const char *labels[] = {_("filed"), _("counts from"), _("calendar")};
    int lw = label_width(labels, 3);
    print_filed(cal, origin, filed, day, sec, labels[0], lw);
    flujo_plazo_t p;
    if (flujo_plazo_compute(cal, origin, t, plazo, &p, &err) != FLUJO_OK) {
        puts("");
        cli_error("%s", err.msg);
        rc = CLI_EXIT_INPUT;
    } else {
        print_plazo(cal, origin, plazo, &p, labels, lw);
        flujo_plazo_destroy(&p);
    }
    flujo_calendar_free(own);
    flujo_scenario_free(s);
    return rc;
}
