/* prosimos_resources.c - Prosimos resources and tasks: resource_profiles and
 * task_resource_distribution read, interchangeable resources grouped into pools (same open hours,
 * cost and durations), and the tasks with the pools that can do them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/prosimos_int.h"

flujo_status_t flujo__pro_read_profiles(flujo__pro_ctx_t *c, const flujo__ynode_t *profiles)
{
    flujo_status_t st = flujo__pro_need_list(c, profiles, "resource_profiles");
    if (st != FLUJO_OK) {
        return st;
    }
    for (size_t i = 0; i < profiles->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *pr = profiles->items[i];
        char p[64];
        snprintf(p, sizeof(p), "resource_profiles[%zu]", i + 1);
        const flujo__ynode_t *list =
            pr->kind == FLUJO__Y_MAP ? flujo__yaml_get(pr, "resource_list") : NULL;
        if (list == NULL || list->kind != FLUJO__Y_SEQ) {
            return flujo__pro_fail(c, pr, p, "expected {id, name, resource_list: [...]}");
        }
        const char *pname = flujo__pro_str(flujo__yaml_get(pr, "name"));
        const char *pid = flujo__pro_str(flujo__yaml_get(pr, "id"));
        for (size_t k = 0; k < list->n; k++) {
            const flujo__ynode_t *r = list->items[k];
            char rp[160];
            snprintf(rp, sizeof(rp), "%s.resource_list[%zu]", p, k + 1);
            const char *id =
                r->kind == FLUJO__Y_MAP ? flujo__pro_str(flujo__yaml_get(r, "id")) : NULL;
            if (id == NULL) {
                return flujo__pro_fail(c, r, rp,
                                       "expected {id, name, cost_per_hour, amount, calendar}");
            }
            double amount = 1, cost = 0;
            const flujo__ynode_t *an = flujo__yaml_get(r, "amount");
            const flujo__ynode_t *cn = flujo__yaml_get(r, "cost_per_hour");
            if (an != NULL && (!flujo__pro_number(an, &amount) || amount != floor(amount) ||
                               amount < 1 || amount > 1000000)) {
                return flujo__pro_fail(c, an, rp, "amount: expected a whole number of at least 1");
            }
            if (cn != NULL && (!flujo__pro_number(cn, &cost) || cost < 0)) {
                return flujo__pro_fail(c, cn, rp, "cost_per_hour: expected a number of at least 0");
            }
            const char *cal = flujo__pro_str(flujo__yaml_get(r, "calendar"));
            if (cal == NULL && flujo__pro_calendar_name(c, id) != NULL) {
                cal = id; /* older files: calendars are keyed by resource id */
            }
            if (cal == NULL || flujo__pro_calendar_name(c, cal) == NULL) {
                return flujo__pro_fail(c, r, rp, "calendar: '%s' is not one of resource_calendars",
                                       cal != NULL ? cal : "");
            }
            /* a resource listed again (in another profile) is the last listing */
            size_t j = 0;
            while (j < c->n_res && strcmp(c->res[j].id, id) != 0) {
                j++;
            }
            if (j == c->n_res) {
                flujo_grow((void **)&c->res, &c->cap_res, c->n_res + 1, sizeof(*c->res));
                c->n_res++;
            }
            const char *name = flujo__pro_str(flujo__yaml_get(r, "name"));
            c->res[j] =
                (flujo__pro_res_t){id,
                                   name != NULL && name[0] ? name : id,
                                   pname != NULL && pname[0] ? pname : (pid != NULL ? pid : id),
                                   i,
                                   cost,
                                   (long)amount,
                                   cal,
                                   r->line,
                                   false,
                                   -1};
        }
    }
    return st;
}

flujo_status_t flujo__pro_read_task_resources(flujo__pro_ctx_t *c, const flujo__ynode_t *list)
{
    flujo_status_t st = flujo__pro_need_list(c, list, "task_resource_distribution");
    if (st != FLUJO_OK) {
        return st;
    }
    c->tasks = flujo_xcalloc(list->n + 1, sizeof(*c->tasks));
    for (size_t i = 0; i < list->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *it = list->items[i];
        char p[96];
        snprintf(p, sizeof(p), "task_resource_distribution[%zu]", i + 1);
        const char *id =
            it->kind == FLUJO__Y_MAP ? flujo__pro_str(flujo__yaml_get(it, "task_id")) : NULL;
        const flujo__ynode_t *rs = id != NULL ? flujo__yaml_get(it, "resources") : NULL;
        if (id == NULL || rs == NULL || rs->kind != FLUJO__Y_SEQ || rs->n == 0) {
            return flujo__pro_fail(c, it, p,
                                   "expected {task_id, resources: [{resource_id, ...}, ...]}");
        }
        for (size_t k = 0; k < c->n_tasks; k++) {
            if (strcmp(c->tasks[k].id, id) == 0) {
                return flujo__pro_fail(c, it, p, "task '%s' is listed twice", id);
            }
        }
        flujo__pro_task_t *t = &c->tasks[c->n_tasks++];
        t->id = id;
        t->line = it->line;
        t->res = flujo_xcalloc(rs->n, sizeof(size_t));
        t->dist = flujo_xcalloc(rs->n, sizeof(char *));
        t->lines = flujo_xcalloc(rs->n, sizeof(long));
        for (size_t k = 0; k < rs->n && st == FLUJO_OK; k++) {
            const flujo__ynode_t *r = rs->items[k];
            char rp[160];
            snprintf(rp, sizeof(rp), "%s.resources[%zu]", p, k + 1);
            const char *rid =
                r->kind == FLUJO__Y_MAP ? flujo__pro_str(flujo__yaml_get(r, "resource_id")) : NULL;
            if (rid == NULL) {
                return flujo__pro_fail(c, r, rp, "expected {resource_id, distribution_name, ...}");
            }
            size_t j = 0;
            while (j < c->n_res && strcmp(c->res[j].id, rid) != 0) {
                j++;
            }
            if (j == c->n_res) {
                return flujo__pro_fail(c, r, rp, "resource '%s' is in no resource_profiles entry",
                                       rid);
            }
            for (size_t q = 0; q < t->n; q++) {
                if (t->res[q] == j) {
                    return flujo__pro_fail(c, r, rp, "resource '%s' is listed twice for task '%s'",
                                           rid, id);
                }
            }
            char buf[512];
            if ((st = flujo__pro_dist_text(c, r, rp, buf, sizeof(buf))) != FLUJO_OK) {
                return st;
            }
            t->res[t->n] = j;
            t->dist[t->n] = flujo_xstrdup(buf);
            t->lines[t->n] = r->line;
            t->n++;
            c->res[j].used = true;
        }
    }
    return st;
}

/* The duration text task t gives resource r, or "" if r does not do t. */
static const char *duration_for(const flujo__pro_task_t *t, size_t r)
{
    for (size_t q = 0; q < t->n; q++) {
        if (t->res[q] == r) {
            return t->dist[q];
        }
    }
    return "";
}

/* Resources r and q are interchangeable: same calendar, cost and durations for every task. */
static bool same_kind(const flujo__pro_ctx_t *c, size_t r, size_t q)
{
    const flujo__pro_res_t *a = &c->res[r], *b = &c->res[q];
    if (strcmp(flujo__pro_calendar_sig(c, a->calendar), flujo__pro_calendar_sig(c, b->calendar)) !=
            0 ||
        a->cost != b->cost) {
        return false;
    }
    for (size_t k = 0; k < c->n_tasks; k++) {
        if (strcmp(duration_for(&c->tasks[k], r), duration_for(&c->tasks[k], q)) != 0) {
            return false;
        }
    }
    return true;
}

void flujo__pro_make_pools(flujo__pro_ctx_t *c, flujo__ynode_t *out, char ***pool_names,
                           size_t *n_pools)
{
    char **names = flujo_xcalloc(c->n_res + 1, sizeof(char *));
    size_t np = 0;
    for (size_t r = 0; r < c->n_res; r++) {
        if (!c->res[r].used || c->res[r].pool >= 0) {
            continue;
        }
        long count = 0;
        size_t members = 0, in_profile = 0;
        for (size_t q = r; q < c->n_res; q++) {
            if (c->res[q].used && c->res[q].pool < 0 && same_kind(c, r, q)) {
                c->res[q].pool = (int)np;
                count += c->res[q].amount;
                members++;
                in_profile += c->res[q].profile_index == c->res[r].profile_index;
            }
        }
        size_t profile_size = 0;
        for (size_t q = 0; q < c->n_res; q++) {
            profile_size += c->res[q].used && c->res[q].profile_index == c->res[r].profile_index;
        }
        /* the profile's name for a whole profile, the resource's for one, else the first and
         * how many more */
        flujo_sbuf_t b;
        flujo_sbuf_init(&b);
        if (in_profile == members && members == profile_size) {
            flujo_sbuf_printf(&b, "%s", c->res[r].profile);
        } else if (members == 1) {
            flujo_sbuf_printf(&b, "%s", c->res[r].name);
        } else {
            flujo_sbuf_printf(&b, "%s +%zu", c->res[r].name, members - 1);
        }
        for (size_t k = 0; k < np; k++) {
            if (strcmp(names[k], b.s) == 0) {
                flujo_sbuf_printf(&b, " [%s]", c->res[r].id);
                break;
            }
        }
        names[np] = flujo_sbuf_take(&b);
        flujo__ynode_t *pool = flujo__yaml_new_map(c->file, c->res[r].line);
        flujo__yaml_map_add(pool, "count", c->res[r].line,
                            flujo__imp_scalarf(c->file, c->res[r].line, "%ld", count));
        flujo__yaml_map_add(pool, "calendar", c->res[r].line,
                            flujo__yaml_new_scalar(flujo__pro_calendar_name(c, c->res[r].calendar),
                                                   c->file, c->res[r].line));
        flujo__yaml_map_add(pool, "cost_per_hour", c->res[r].line,
                            flujo__imp_scalarf(c->file, c->res[r].line, "%.17g", c->res[r].cost));
        flujo__yaml_map_add(out, names[np], c->res[r].line, pool);
        np++;
    }
    for (size_t r = 0; r < c->n_res; r++) {
        if (!c->res[r].used) {
            flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, "unused-resource", c->res[r].id, c->file,
                               c->res[r].line, "resource '%s' does no task: left out",
                               c->res[r].id);
        }
    }
    *pool_names = names;
    *n_pools = np;
}

flujo__ynode_t *flujo__pro_make_tasks(flujo__pro_ctx_t *c, char **pool_names, size_t n_pools)
{
    flujo__ynode_t *tasks = flujo__yaml_new_map(c->file, 0);
    int *seen = flujo_xcalloc(n_pools + 1, sizeof(int));
    for (size_t k = 0; k < c->n_tasks; k++) {
        const flujo__pro_task_t *t = &c->tasks[k];
        flujo__ynode_t *tn = flujo__yaml_new_map(c->file, t->line);
        memset(seen, 0, (n_pools + 1) * sizeof(int));
        flujo__ynode_t *alts = flujo__yaml_new_seq(c->file, t->line);
        size_t first = 0;
        for (size_t q = 0; q < t->n; q++) {
            int p = c->res[t->res[q]].pool;
            if (seen[p]) {
                continue;
            }
            seen[p] = 1;
            first = alts->n == 0 ? q : first;
            flujo__ynode_t *alt = flujo__yaml_new_map(c->file, t->lines[q]);
            flujo__yaml_map_add(alt, "pool", t->lines[q],
                                flujo__yaml_new_scalar(pool_names[p], c->file, t->lines[q]));
            flujo__yaml_map_add(alt, "duration", t->lines[q],
                                flujo__yaml_new_scalar(t->dist[q], c->file, t->lines[q]));
            flujo__yaml_seq_add(alts, alt);
        }
        if (alts->n == 1) {
            flujo__yaml_free(alts);
            int p = c->res[t->res[first]].pool;
            flujo__yaml_map_add(tn, "resource", t->lines[first],
                                flujo__yaml_new_scalar(pool_names[p], c->file, t->lines[first]));
            flujo__yaml_map_add(tn, "duration", t->lines[first],
                                flujo__yaml_new_scalar(t->dist[first], c->file, t->lines[first]));
        } else {
            flujo__yaml_map_add(tn, "resource", t->line, alts);
        }
        flujo__yaml_map_add(tasks, t->id, t->line, tn);
    }
    free(seen);
    return tasks;
}
