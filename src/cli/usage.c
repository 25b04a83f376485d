/* usage.c - the usage texts of flujo and of each command (`flujo help COMMAND`). A text names the
 * formats of a command as {formats:COMMAND}, filled in from the table of formats (report/), so
 * that a new format shows in the help without touching this file. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "flujo_report.h"

const char cli_usage[] =
    "Usage: flujo COMMAND [OPTIONS] FILE\n"
    "\n"
    "Simulates administrative procedures drawn in BPMN 2.0 (expedientes flowing through\n"
    "the units of a public entity) / Simula procedimientos administrativos dibujados en BPMN 2.0.\n"
    "\n"
    "Commands:\n"
    "  check MODEL.bpmn        read a model (or a scenario) and report its problems\n"
    "  graph MODEL.bpmn        write the process graph (--format {formats:graph}, -o FILE)\n"
    "  run SCENARIO.yaml       simulate the scenario and report cycle times, waiting,\n"
    "                          utilisation, bottlenecks and the legal deadline\n"
    "  compare BASE.yaml ALT.yaml...\n"
    "                          compare redesigns with a baseline: paired differences with\n"
    "                          confidence intervals, a score and a ranking\n"
    "  optimize SCENARIO.yaml --target KPI>=X --vary POOL:A..B,...\n"
    "                          the cheapest staffing that meets a target, with confidence\n"
    "  report SCENARIO.yaml [ALT.yaml...] -o report.html\n"
    "                          an HTML report: the diagram coloured by waiting, charts, the\n"
    "                          bottlenecks, the ASME-VM table, the comparison of redesigns\n"
    "  plazo --filed DATE      when a plazo in días hábiles starts and ends\n"
    "  layout MODEL.bpmn       draw the model's diagram (swimlanes) automatically (-o FILE)\n"
    "  help [COMMAND]          show this text, or the options of a command\n"
    "\n"
    "Every command takes --lang es|en for the language of reports (default: from LANG).\n"
    "Exit status: 0 success, 1 invalid input, 2 usage error.\n";

const char cli_check_usage[] =
    "Usage: flujo check MODEL.bpmn|SCENARIO.yaml [--format {formats:check}] [-o FILE]\n"
    "                   [--set KEY=VALUE]... [--params PROSIMOS.json]\n"
    "\n"
    "Reads a BPMN 2.0 model and reports, with element ids and names: broken references,\n"
    "nodes no start event reaches, nodes from which no end event can be reached, gateways\n"
    "that do nothing, splits whose flows need probabilities, parallel branches that never\n"
    "synchronise, and rework loops. Given a scenario, it also checks every parameter, lists\n"
    "the defaults it assumed and estimates each unit's utilisation (capacity check); the\n"
    "structure shown is the model after the scenario's redesign: changes, which are listed.\n"
    "A model with --set or --params is checked as the scenario they make of it.\n"
    "Errors, warnings and notes go to stderr as FILE:LINE: ...; the summary (or the JSON\n"
    "report) to stdout or FILE.\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors or unreadable file, 2 usage.\n";

const char cli_graph_usage[] =
    "Usage: flujo graph MODEL.bpmn|SCENARIO.yaml [--format {formats:graph}] [-o FILE]\n"
    "\n"
    "Writes the process graph: one vertex per flow node, one edge per sequence flow.\n"
    "DOT draws pools and lanes as clusters (render with: dot -Tsvg); GraphML opens in Gephi\n"
    "or yEd. For a scenario, the graph of its model after the scenario's redesign: changes.\n";

const char cli_run_usage[] =
    "Usage: flujo run SCENARIO.yaml|MODEL.bpmn [--replications N] [--seed S] [-j THREADS]\n"
    "                 [--format {formats:run}] [-o FILE] [--log FILE.csv|FILE.xes]\n"
    "                 [--params PROSIMOS.json] [--cases N] [--set KEY=VALUE]...\n"
    "                 [--max-events N] [--max-seconds S] [--quiet]\n"
    "\n"
    "Simulates the scenario's replications (in THREADS threads; the output is the same for any\n"
    "number) and reports cycle time, waiting and work, the legal deadline, cost, hand-offs,\n"
    "utilisation and queues of each unit, waiting per activity and the bottlenecks, with 95%\n"
    "confidence intervals over replications. A bare MODEL.bpmn runs with the BPSim or QBP\n"
    "parameters it carries, or with the documented defaults, each listed as a note;\n"
    "--params reads Prosimos parameters (JSON) for it. --cases N simulates N cases from the\n"
    "start, all counted, instead of a warm-up and a horizon. --set overrides any scenario\n"
    "key, e.g. --set resources.Inspectores.count=4. --log FILE.csv writes one row per activity\n"
    "instance of replication 1, and FILE.cases.csv one row per case (filed, plazo start,\n"
    "due, done, legal time, within plazo, silenced); --log FILE.xes the same as an XES event\n"
    "log for process mining. --max-events N stops a replication after N events, --max-seconds S\n"
    "the whole run after S seconds of computing (a model that never ends), with a message.\n"
    "Ctrl-C reports the replications finished so far and exits 130.\n";

const char cli_plazo_usage[] =
    "Usage: flujo plazo [SCENARIO.yaml] --filed YYYY-MM-DD[THH:MM] [--plazo Nbd]\n"
    "\n"
    "Shows when a plazo of N días hábiles filed on that date starts counting (the business\n"
    "day after filing) and ends (24:00 of its last business day), on the scenario's legal\n"
    "calendar, or Monday to Friday without Peru's national holidays. Without --plazo the\n"
    "scenario's sla deadline is used.\n";

const char cli_layout_usage[] =
    "Usage: flujo layout MODEL.bpmn [-o FILE]\n"
    "\n"
    "Writes the model with a new diagram: pools and lanes as horizontal bands, nodes in\n"
    "columns from a layered (Sugiyama) layout of the flow graph, orthogonal flows routed\n"
    "around the shapes (rework loops over or under the rows), sub-process contents on\n"
    "planes of their own. Everything else in the file stays as it was; any old diagram is\n"
    "replaced. Open the result in bpmn.io or Camunda Modeler and adjust by hand if you wish.\n";

const char cli_compare_usage[] =
    "Usage: flujo compare BASE.yaml ALT.yaml... [--weights cycle=0.5,sla=0.3,cost=0.2]\n"
    "                     [--format {formats:compare}] [-o FILE] [-j THREADS] [--replications N]\n"
    "                     [--seed S] [--cases N] [--params FILE] [--set KEY=VALUE]...\n"
    "                     [--max-events N] [--max-seconds S] [--quiet]\n"
    "\n"
    "Runs the baseline and each alternative on common random numbers (the baseline's seed\n"
    "and replications, the same random stream for each element) and reports, for each KPI,\n"
    "the difference from the baseline replication by replication: its mean and 95%\n"
    "confidence interval, marked significant when the interval excludes 0. KPIs: mean and\n"
    "p90 cycle time (h) and legal time (bd), share within the plazo, share silenced, worked\n"
    "cost per case (worked hours x cost_per_hour), hand-offs per case, waiting share, the\n"
    "busiest unit's utilisation, staff cost per week (performers x paid hours x\n"
    "cost_per_hour), cost per case (the staff's pay over the period / cases) and the parts\n"
    "of the cycle (h per expediente). The score is 100 x the weighted sum of the significant\n"
    "improvements (relative to the baseline; in points for shares); --weights keys: cycle,\n"
    "cycle_p90, legal, legal_p90, sla, silenced, worked_cost, handoffs, waiting,\n"
    "utilization, staff, cost, wait_performer, wait_hours, work, work_paused, delay,\n"
    "administrado, sync, other. An alternative no weighted KPI tells apart from the one\n"
    "ranked just above it is marked tied; a scenario with kind: stress (a load test) is\n"
    "shown but not ranked. --set applies to every scenario.\n";

const char cli_optimize_usage[] =
    "Usage: flujo optimize SCENARIO.yaml --target \"KPI>=VALUE\" --vary \"POOL:FROM..TO,...\"\n"
    "                      [--format {formats:optimize}] [-o FILE] [-j THREADS] [--replications "
    "N]\n"
    "                      [--seed S] [--cases N] [--params FILE] [--set KEY=VALUE]...\n"
    "                      [--max-events N] [--max-seconds S] [--quiet]\n"
    "\n"
    "Finds the cheapest staffing of the varied pools whose KPI meets the target with 95%\n"
    "confidence (the whole interval on the target's side), e.g.\n"
    "  flujo optimize actual.yaml --target \"sla.within>=0.95\" --vary \"Inspectores:1..6\"\n"
    "Staffings that overload a unit in the capacity check are not simulated, nor those that\n"
    "cannot beat one that missed the target or can only cost more than one that met it (more\n"
    "performers are assumed never to make things worse). An item\n"
    "\"calendar:POOL=CAL1,CAL2,...\" tries the pool on each of the scenario's calendars\n"
    "named (a signing window moved), e.g. --vary \"calendar:Gerencia=firma,firma_1100\".\n"
    "Cost per week: what the staff are paid, performers x paid hours x cost_per_hour (paid\n"
    "hours: paid_hours_per_week, else the open hours of the pool's calendar), over all\n"
    "units; performers, when no pool has a cost. KPIs: cycle_time_h, cycle_time_h_p90,\n"
    "cycle_time_bd, cycle_time_bd_p90, within, silenced, cost_per_case, handoffs_per_case,\n"
    "waiting_share, busiest_utilization, staff_cost_per_week, cost_per_case_total and the\n"
    "parts wait_performer, wait_hours, work, work_paused, delay, administrado, sync, other.\n"
    "Prints every simulated staffing, the cheapest that meets the target and the frontier.\n";

const char cli_report_usage[] =
    "Usage: flujo report SCENARIO.yaml [ALT.yaml...] [-o report.html] [-j THREADS]\n"
    "                    [--replications N] [--seed S] [--cases N] [--params FILE]\n"
    "                    [--set KEY=VALUE]... [--max-events N] [--max-seconds S] [--quiet]\n"
    "\n"
    "Writes one self-contained HTML page (inline CSS and SVG, no scripts, no network): the\n"
    "summary figures, the process diagram with each activity coloured by the mean wait of\n"
    "expedientes in its queue, the bottlenecks and why, the legal time histogram and CDF\n"
    "with the plazo, utilisation per unit, the Pareto of waiting, work in process over time,\n"
    "the hand-offs between units, the ASME-VM table and, with alternatives, their comparison\n"
    "(as flujo compare). In Spanish or English: --lang es|en, or LANG.\n";

void cli_print_usage(FILE *f, const char *text)
{
    static const char token[] = "{formats:";
    for (const char *p = text; *p;) {
        const char *at = strstr(p, token);
        const char *end = at != NULL ? strchr(at, '}') : NULL;
        if (end == NULL) {
            fputs(p, f);
            return;
        }
        fwrite(p, 1, (size_t)(at - p), f);
        char command[32], names[80];
        snprintf(command, sizeof(command), "%.*s", (int)(end - at - (sizeof(token) - 1)),
                 at + sizeof(token) - 1);
        fputs(flujo_report_formats(command, "|", "|", names, sizeof(names)), f);
        p = end + 1;
    }
}
