#!/bin/sh
# tests/arch.sh README BUILD SRC [INCLUDE] - holds the code to the architecture table of README.md.
#
# The table (section "Architecture", one row per part: | `part` | what it holds | wraps |
# headers | may use |) says which outside libraries each folder src/PART/ may call and which
# other parts it may use. The arrows of the code are read two ways: from the objects (nm: a symbol
# one part's object leaves undefined and another part's object defines) and from the sources (an
# #include of another part's "part/..._int.h" or of the public header a part owns). Fails, naming
# file and symbol or header, on an arrow the table does not allow, on an outside library called
# or included by a part that does not wrap it, on a part the table does not list, and on any
# cycle between parts; and on a public header (include/) that includes an outside library's header
# or a part's internal one, or does not compile on its own. Prints one summary line when all is
# well.
#
# tests/arch.sh --self-test BUILD shows that the check fails when an arrow against the table is
# added (an object of time/ that calls the engine), when the table loses an arrow the code has,
# and on a cycle.
set -u

# Symbol patterns (nm names) and header patterns (#include <...>) of the outside libraries.
lib_syms() {
    case $1 in
    libxml2) echo '^(xml|html)' ;;
    igraph) echo '^igraph_' ;;
    GSL) echo '^gsl_' ;;
    libyaml) echo '^yaml_' ;;
    gettext) echo '^(gettext|dgettext|dcgettext|ngettext|bindtextdomain|textdomain|bind_textdomain_codeset)$' ;;
    pthreads) echo '^pthread_' ;;
    esac
}
lib_hdrs() {
    case $1 in
    libxml2) echo '^libxml/' ;;
    igraph) echo '^igraph' ;;
    GSL) echo '^gsl/' ;;
    libyaml) echo '^yaml\.h$' ;;
    gettext) echo '^libintl\.h$' ;;
    pthreads) echo '^pthread\.h$' ;;
    esac
}
LIBS="libxml2 igraph GSL libyaml gettext pthreads"

check() {
    readme=$1 build=$2 src=$3 inc=${4:-include}
    tmp=$(mktemp -d)
    # part|wraps|headers|uses, from the table rows of the Architecture section
    awk '/^## Architecture/ {on = 1; next} /^## / {on = 0}
         on && /^\| `[a-z]+` \|/ {
             n = split($0, c, "|")
             part = c[2]; gsub(/[ `]/, "", part)
             wraps = c[4]; gsub(/[ ]/, "", wraps); if (wraps == "—" || wraps == "-") wraps = ""
             hdrs = c[5]; gsub(/[ `]/, "", hdrs); if (hdrs == "—" || hdrs == "-") hdrs = ""
             uses = c[6]; gsub(/[ `]/, "", uses); if (uses == "—" || uses == "-") uses = ""
             print part "|" wraps "|" hdrs "|" uses
         }' "$readme" >"$tmp/table"
    if [ ! -s "$tmp/table" ]; then
        echo "arch: no table of parts in the Architecture section of $readme"
        rm -rf "$tmp"
        return 1
    fi
    : >"$tmp/fail"
    # every folder of src/ is a part of the table
    for d in "$src"/*/; do
        p=$(basename "$d")
        grep -q "^$p|" "$tmp/table" || echo "src/$p/: a part the architecture table does not list" >>"$tmp/fail"
    done
    # the allowed arrows (part used) and header owners (header part)
    awk -F'|' '{n = split($4, u, ","); for (i = 1; i <= n; i++) if (u[i] != "") print $1, u[i]}' \
        "$tmp/table" | sort -u >"$tmp/allowed"
    awk -F'|' '{n = split($3, h, ","); for (i = 1; i <= n; i++) if (h[i] != "") print h[i], $1}' \
        "$tmp/table" | sort -u >"$tmp/owners"
    # symbols: "symbol part object" defined, and used
    : >"$tmp/defs"
    : >"$tmp/uses"
    for o in "$build"/src/*/*.o; do
        [ -f "$o" ] || continue
        p=$(basename "$(dirname "$o")")
        # only objects of sources that exist (a renamed file leaves its old object behind); the
        # objects of sources the build generates (style sheets) have none and count as theirs
        n=$(basename "$o" .o)
        if [ ! -f "$src/$p/$n.c" ] && [ ! -f "$src/$p/${n%_css}.css" ]; then
            continue
        fi
        nm -P --defined-only "$o" | awk -v p="$p" -v o="$o" '$2 ~ /^[TDBRCV]$/ {print $1, p, o}' >>"$tmp/defs"
        nm -P -u "$o" | awk -v p="$p" -v o="$o" '{print $1, p, o}' >>"$tmp/uses"
    done
    if [ ! -s "$tmp/defs" ]; then
        echo "arch: no objects under $build/src (build first)"
        rm -rf "$tmp"
        return 1
    fi
    sort -k1,1 "$tmp/defs" >"$tmp/defs.s"
    sort -k1,1 "$tmp/uses" >"$tmp/uses.s"
    # arrows from symbols: "from to where"
    join "$tmp/uses.s" "$tmp/defs.s" | awk '$2 != $4 {print $2, $4, $3 ": calls " $1}' >"$tmp/arrows"
    # arrows from includes, and outside headers per part
    for f in "$src"/*/*.c "$src"/*/*.h; do
        [ -f "$f" ] || continue
        p=$(basename "$(dirname "$f")")
        sed -n 's/^[ \t]*#[ \t]*include[ \t]*"\([^"]*\)".*/\1/p' "$f" | while read -r h; do
            case $h in
            flujo.h)
                [ "$p" = cli ] || echo "$p $p $f: includes the umbrella \"flujo.h\" (name the headers of the parts it uses)" >>"$tmp/umbrella"
                q=
                ;;
            */*) q=${h%%/*} ;;
            *) q=$(awk -v h="$h" '$1 == h {print $2}' "$tmp/owners") ;;
            esac
            [ -n "$q" ] && [ "$q" != "$p" ] && echo "$p $q $f: includes \"$h\""
        done >>"$tmp/arrows"
        sed -n 's/^[ \t]*#[ \t]*include[ \t]*<\([^>]*\)>.*/\1/p' "$f" | while read -r h; do
            echo "$p $h $f"
        done >>"$tmp/syshdrs"
    done
    [ -f "$tmp/umbrella" ] && sed 's/^[a-z]* [a-z]* //' "$tmp/umbrella" >>"$tmp/fail"
    # arrows the table does not allow
    awk 'NR == FNR {ok[$1 " " $2] = 1; next} !(($1 " " $2) in ok) {
             $0 = $0; from = $1; to = $2; $1 = ""; $2 = ""; sub(/^  /, "")
             print from " -> " to " is not in the architecture table: " $0
         }' "$tmp/allowed" "$tmp/arrows" | sort -u >>"$tmp/fail"
    # outside libraries: called (symbols) or included by a part that does not wrap them
    for lib in $LIBS; do
        sp=$(lib_syms "$lib")
        hp=$(lib_hdrs "$lib")
        awk -F'|' -v lib="$lib" '{n = split($2, w, ","); for (i = 1; i <= n; i++) if (w[i] == lib) print $1}' \
            "$tmp/table" >"$tmp/wrappers"
        awk -v sp="$sp" -v lib="$lib" 'NR == FNR {w[$1] = 1; next}
             $1 ~ sp && !($2 in w) {print $2 " calls " lib " (" $1 " in " $3 ") but does not wrap it"}' \
            "$tmp/wrappers" "$tmp/uses" | sort -u >>"$tmp/fail"
        [ -f "$tmp/syshdrs" ] && awk -v hp="$hp" -v lib="$lib" 'NR == FNR {w[$1] = 1; next}
             $2 ~ hp && !($1 in w) {print $1 " includes <" $2 "> of " lib " (" $3 ") but does not wrap it"}' \
            "$tmp/wrappers" "$tmp/syshdrs" | sort -u >>"$tmp/fail"
    done
    # cycles between parts, among the arrows the code has: peel off parts that nothing uses and
    # parts that use nothing, as long as there are any; every part left is on a cycle or between
    # two, and walking its arrows inside what is left comes back to a part already seen
    awk '{print $1, $2}' "$tmp/arrows" | sort -u >"$tmp/edges"
    awk '{from[NR] = $1; to[NR] = $2; node[$1] = 1; node[$2] = 1}
         END {
             do {
                 changed = 0
                 delete indeg; delete outdeg
                 for (e = 1; e <= NR; e++) if (from[e] in node && to[e] in node) {
                     indeg[to[e]]++; outdeg[from[e]]++
                 }
                 for (v in node) if (!(v in indeg) || !(v in outdeg)) {delete node[v]; changed = 1}
             } while (changed)
             for (v in node) {
                 cur = v; n = 0; delete at
                 while (!(cur in at)) {
                     at[cur] = n; seq[n++] = cur
                     for (e = 1; e <= NR; e++) if (from[e] == cur && to[e] in node) break
                     cur = to[e]
                 }
                 path = seq[at[cur]]
                 for (i = at[cur] + 1; i < n; i++) path = path " -> " seq[i]
                 print "cycle between parts: " path " -> " cur
                 break
             }
         }' "$tmp/edges" >>"$tmp/fail"
    # the public headers: the API only, each one complete on its own with -Iinclude, no outside
    # library's header, no part's internal one
    for h in "$inc"/*.h; do
        [ -f "$h" ] || continue
        sed -n 's/^[ \t]*#[ \t]*include[ \t]*[<"]\([^>"]*\)[>"].*/\1/p' "$h" | while read -r x; do
            for lib in $LIBS; do
                if echo "$x" | grep -Eq "$(lib_hdrs "$lib")"; then
                    echo "$h: a public header includes <$x> of $lib"
                fi
            done
            case $x in */*) echo "$h: a public header includes the internal \"$x\"" ;; esac
        done >>"$tmp/fail"
        if ! printf '#include "%s"\n' "$(basename "$h")" |
            ${CC:-cc} -std=c11 -fsyntax-only -Wall -Werror -I"$inc" -x c - 2>"$tmp/cc"; then
            echo "$h: does not compile on its own with -I$inc: $(head -1 "$tmp/cc")" >>"$tmp/fail"
        fi
    done
    status=0
    if [ -s "$tmp/fail" ]; then
        sed 's/^/arch: FAIL: /' "$tmp/fail"
        status=1
    else
        echo "arch: $(wc -l <"$tmp/table") parts, $(wc -l <"$tmp/edges") arrows between them, each allowed by the table; no cycle; $(ls "$inc"/*.h | wc -l) public headers, each complete on its own"
    fi
    rm -rf "$tmp"
    return $status
}

self_test() {
    build=$1
    t=$(mktemp -d)
    fails=0
    mkdir -p "$t/build/src" "$t/src" "$t/include"
    cp -R src/. "$t/src/"
    cp include/*.h "$t/include/"
    cp -R "$build/src/." "$t/build/src/"
    cp README.md "$t/README.md"
    # refused WHAT PATTERN: the check of the copy must fail, saying PATTERN
    refused() {
        if check "$t/README.md" "$t/build" "$t/src" "$t/include" >"$t/out" 2>&1 ||
            ! grep -q "$2" "$t/out"; then
            echo "arch self-test: $1 was not refused:"
            cat "$t/out"
            fails=$((fails + 1))
        fi
    }
    # 1. the tree as it is passes
    check "$t/README.md" "$t/build" "$t/src" "$t/include" >"$t/out" 2>&1 || {
        echo "arch self-test: the unchanged tree fails:"
        cat "$t/out"
        fails=$((fails + 1))
    }
    # 2. an object of time/ calling the engine: an arrow up the table
    printf '%s\n' '#include <stddef.h>' 'void flujo_engine_free(void *e);' \
        'void upward(void);' 'void upward(void) { flujo_engine_free(NULL); }' >"$t/src/time/upward.c"
    cc -c -o "$t/build/src/time/upward.o" "$t/src/time/upward.c"
    refused "a call from time/ to the engine" "time -> engine is not in the architecture table"
    rm -f "$t/build/src/time/upward.o" "$t/src/time/upward.c"
    # 3. a source of model/ including a header of bpmn/
    printf '%s\n' '#include "bpmn/bpmn_int.h"' >"$t/src/model/upward.h"
    refused "an include from model/ of bpmn/" \
        "model -> bpmn is not in the architecture table: .*upward.h: includes"
    # 4. ... and with the table allowing it, the cycle bpmn -> model -> bpmn is still refused
    awk '/^\| `model` \|/ {sub(/\| *base *\|$/, "| base, bpmn |")} {print}' README.md >"$t/README.md"
    refused "the cycle model <-> bpmn" \
        "cycle between parts: .*bpmn -> model\|cycle between parts: .*model -> bpmn"
    rm -f "$t/src/model/upward.h"
    # 5. a table that loses an arrow the code has (import may no longer use yaml)
    awk '/^\| `import` \|/ {sub(/yaml, /, "")} {print}' README.md >"$t/README.md"
    refused "an arrow missing from the table" "import -> yaml is not in the architecture table"
    cp README.md "$t/README.md"
    # 6. an outside library called by a part that does not wrap it
    printf '%s\n' 'void xmlCleanupParser(void);' 'void stray(void);' \
        'void stray(void) { xmlCleanupParser(); }' >"$t/src/engine/stray.c"
    cc -c -o "$t/build/src/engine/stray.o" "$t/src/engine/stray.c"
    refused "a call to libxml2 from the engine" "engine calls libxml2 (xmlCleanupParser"
    rm -f "$t/build/src/engine/stray.o" "$t/src/engine/stray.c"
    # 7. a public header that shows a GSL type
    printf '%s\n' '#include <gsl/gsl_rng.h>' >>"$t/include/flujo_dist.h"
    refused "a public header including GSL" \
        "flujo_dist.h: a public header includes <gsl/gsl_rng.h> of GSL"
    rm -rf "$t"
    if [ $fails -eq 0 ]; then
        echo "arch self-test: an upward call, an upward include, a cycle, a missing arrow, a stray library call and a library header in include/ are each refused"
    fi
    [ $fails -eq 0 ]
}

if [ "${1:-}" = "--self-test" ]; then
    self_test "${2:-build}"
else
    check "${1:-README.md}" "${2:-build}" "${3:-src}"
fi
