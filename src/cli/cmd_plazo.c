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
    flujo_clock_t clock = FLUJO_CLOCK_BDAYS;
    if (plazo_text != NULL) {
        if (!flujo_parse_duration(plazo_text, &plazo, &clock, &err) || clock != FLUJO_CLOCK_BDAYS) {
            flujo_scenario_free(s);
            return cli_usage_error("plazo", "--plazo is a number of business days, like 8bd");
        }
    } else if (s != NULL && s->sla.set) {
        plazo = s->sla.deadline;
    } else {
        flujo_scenario_free(s);
        return cli_usage_error("plazo", "give --plazo Nbd (or a scenario with an sla)");
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
    long d = day - origin;
    const char *holiday = NULL;
    char buf[64], buf2[64];
    const char *labels[] = {_("filed"), _("counts from"), _("calendar")};
    int lw = 0;
    for (int i = 0; i < 3; i++) {
        int w = (int)flujo_utf8_width(labels[i]);
        lw = w > lw ? w : lw;
    }
    day_text(origin, d, buf, sizeof(buf));
    label(labels[0], lw);
    printf("%s", buf);
    if (strlen(filed) > 10) {
        printf(" %02d:%02d", (int)(sec / 3600), (int)fmod(sec / 60, 60));
    }
    if (!flujo_calendar_is_business_day(cal, d)) {
        printf(" (%s: %s)",
               flujo_peru_holiday(day, &holiday) ? holiday
               : flujo_weekday(day) >= 5         ? _("weekend")
                                                 : _("closed"),
               _("not a business day"));
    }
    double start = flujo_calendar_count_start(cal, t);
    double due = flujo_calendar_add_bdays(cal, start, plazo);
    if (!isfinite(start) || !isfinite(due)) {
        puts("");
        cli_error("the plazo ends beyond the days the calendar covers");
        flujo_calendar_free(own);
        flujo_scenario_free(s);
        return CLI_EXIT_INPUT;
    }
    long sd = (long)floor(start / FLUJO_DAY);
    long last = (long)ceil(due / FLUJO_DAY) - 1;
    day_text(origin, sd, buf, sizeof(buf));
    putchar('\n');
    label(labels[1], lw);
    printf("%s (%s)\n", buf, _("the business day after filing, Ley 27444 art. 133.1"));
    day_text(origin, last, buf2, sizeof(buf2));
    printf(_("%.4g días hábiles end on %s at 24:00"), plazo / FLUJO_DAY, buf2);
    putchar('\n');
    label(labels[2], lw);
    printf("%s", flujo_calendar_name(cal));
    int skipped = 0;
    for (long k = d + 1; k <= last; k++) {
        if (!flujo_calendar_is_business_day(cal, k) && flujo_weekday(origin + k) < 5) {
            if (skipped++ == 0) {
                printf("; %s:", _("holidays skipped"));
            }
            day_text(origin, k, buf, sizeof(buf));
            const char *name = NULL;
            bool national = flujo_peru_holiday(origin + k, &name);
            printf(" %s%s%s%s", buf + strlen(buf) - 10, national ? " (" : "", national ? name : "",
                   national ? ")" : "");
        }
    }
    puts("");
    flujo_calendar_free(own);
    flujo_scenario_free(s);
    return CLI_EXIT_OK;
}
