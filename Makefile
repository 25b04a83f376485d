# flujo - build, tests, sanitizers, formatting. See README.md.
PKGS        := libxml-2.0 igraph gsl yaml-0.1
BUILD       ?= build
SHARED      ?= ../shared
CC          ?= cc
CFLAGS      ?= -O2 -g
CLANG_FORMAT ?= clang-format
MSGFMT      ?= msgfmt
XGETTEXT    ?= xgettext
MSGMERGE    ?= msgmerge
PYTHON      ?= /usr/bin/python3

PKG_CHECK   := $(shell pkg-config --exists $(PKGS) cmocka 2>/dev/null && echo ok)
ifeq ($(filter clean format format-check,$(MAKECMDGOALS)),)
  ifneq ($(PKG_CHECK),ok)
    $(error missing libraries: install them with `sudo apt-get install -y libxml2-dev libigraph-dev libgsl-dev libyaml-dev libcmocka-dev pkg-config` (see README.md))
  endif
  ifeq ($(shell command -v $(MSGFMT) 2>/dev/null),)
    $(error missing msgfmt: install it with `sudo apt-get install -y gettext` (see README.md))
  endif
endif

PKG_CFLAGS  := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(PKGS)))
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc $(PKG_CFLAGS) -MMD -MP $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
               -Wmissing-prototypes $(CFLAGS)
ifeq ($(WERROR),1)
  ALL_CFLAGS += -Werror
endif
LIBS        := $(shell pkg-config --libs $(PKGS)) -lm -lpthread
TEST_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags cmocka))
TEST_LIBS   := $(shell pkg-config --libs cmocka)
SAN         := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

LIB_SRC     := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC     := $(sort $(wildcard src/cli/*.c))
TEST_SRC    := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ     := $(LIB_SRC:%.c=$(BUILD)/%.o)
# ar keeps one member per file name: two parts must not have files of the same name
DUP_NAMES   := $(shell printf '%s\n' $(notdir $(LIB_SRC)) | sort | uniq -d)
ifneq ($(DUP_NAMES),)
  $(error files of the same name in two parts of src/ (ar would keep one): $(DUP_NAMES))
endif
CLI_OBJ     := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
EXAMPLE_BIN := $(patsubst examples/%.c,$(BUILD)/examples/%,$(sort $(wildcard examples/*.c)))
FUZZ_SRC    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES  := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
# the harnesses with a plain driver, for the regression inputs in make test
REGRESS_BIN := $(FUZZ_NAMES:%=$(BUILD)/fuzz/regress_%)
FUZZ_SECONDS ?= 60
FUZZ_BUILD  := build-fuzz
FUZZ_CC     ?= clang
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
PO_FILES    := $(sort $(wildcard src/base/po/*.po))
MO_FILES    := $(PO_FILES:src/base/po/%.po=$(BUILD)/locale/%/LC_MESSAGES/flujo.mo)
FORMAT_SRC  := $(sort $(wildcard include/*.h src/*/*.c src/*/*.h \
                 tests/unit/*.c tests/unit/*.h tests/bench/*.c tests/fuzz/*.c tests/fuzz/*.h examples/*.c))

.PHONY: all test asan bench bench-peers fuzz fuzz-targets format format-check clean pot
.SECONDARY:
all: $(BUILD)/flujo $(BUILD)/libflujo.a $(MO_FILES)

# The HTML report's style sheet, src/report/style.css, as the C string flujo__report_css of
# $(BUILD)/src/report/style_css.c, part of the library: comment lines dropped (a comment on a
# line of its own, or from a line that starts one to the line that ends it), blank lines too,
# the others trimmed and joined, \ and " escaped.
LIB_OBJ += $(BUILD)/src/report/style_css.o
$(BUILD)/src/report/style_css.c: src/report/style.css
	@mkdir -p $(dir $@)
	{ printf '/* generated from %s by the Makefile: do not edit */\n' $<; \
	  printf '#include "report/html_int.h"\n\nconst char flujo__report_css[] = ""\n'; \
	  sed -e '/^[[:space:]]*\/\*.*\*\/[[:space:]]*$$/d' -e '/^[[:space:]]*\/\*/,/\*\/[[:space:]]*$$/d' \
	      -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$$//' -e '/^$$/d' -e 's/[\\"]/\\&/g' \
	      -e 's/^/    "/' -e 's/$$/"/' $<; \
	  printf ';\n'; } >$@.tmp
	mv $@.tmp $@

$(BUILD)/src/report/style_css.o: $(BUILD)/src/report/style_css.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libflujo.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/flujo: $(CLI_OBJ) $(BUILD)/libflujo.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libflujo.a $(LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The program finds its message catalogues in the build tree (FLUJO_LOCALEDIR overrides).
$(BUILD)/src/cli/main.o: ALL_CPPFLAGS += -DFLUJO_LOCALEDIR='"$(abspath $(BUILD))/locale"'

# Message catalogues: src/base/po/LANG.po -> $(BUILD)/locale/LANG/LC_MESSAGES/flujo.mo (gettext).
$(BUILD)/locale/%/LC_MESSAGES/flujo.mo: src/base/po/%.po
	@mkdir -p $(dir $@)
	$(MSGFMT) --check -o $@ $<

# The messages of the sources as they are now (tests/catalogue.sh compares src/base/po/ with it).
$(BUILD)/flujo.pot: $(LIB_SRC) $(CLI_SRC)
	@mkdir -p $(dir $@)
	$(XGETTEXT) --from-code=UTF-8 --keyword=_ --keyword=N_ --add-comments=TRANSLATORS \
	    --package-name=flujo --no-location --sort-output -o $@ $(LIB_SRC) $(CLI_SRC)
	sed -i "s/charset=CHARSET/charset=UTF-8/" $@

# Refreshes src/base/po/flujo.pot from the sources and merges it into each LANG.po there (then translate).
pot: $(BUILD)/flujo.pot
	cp $(BUILD)/flujo.pot src/base/po/flujo.pot
	for po in $(PO_FILES); do $(MSGMERGE) --update --no-fuzzy-matching --backup=none $$po src/base/po/flujo.pot; done

$(BUILD)/tests/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(TEST_CFLAGS) -DFIXTURES='"tests/fixtures"' \
	    -DSHARED='"$(SHARED)"' -DLOCALEDIR='"$(abspath $(BUILD))/locale"' $(ALL_CFLAGS) \
	    -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libflujo.a
	$(CC) $(LDFLAGS) -o $@ $< $(BUILD)/libflujo.a $(LIBS) $(TEST_LIBS)

# Programs built on the library only (examples/*.c), as a user would build them.
# They see include/ only (no -Isrc, no library headers): the public API must suffice.
$(BUILD)/examples/%: examples/%.c $(BUILD)/libflujo.a
	@mkdir -p $(dir $@)
	$(CC) -D_POSIX_C_SOURCE=200809L -Iinclude -MMD -MP $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(BUILD)/libflujo.a $(LIBS)

# The fuzz harnesses (tests/fuzz/fuzz_*.c): with a plain driver over files for the regression
# inputs, and with libFuzzer (clang) for make fuzz.
$(BUILD)/fuzz/regress_%: tests/fuzz/fuzz_%.c tests/fuzz/driver.c $(BUILD)/libflujo.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) -DFUZZ_FIXTURES='"$(abspath tests/fixtures)"' $(ALL_CFLAGS) \
	    -Wno-missing-prototypes $(LDFLAGS) -o $@ $< tests/fuzz/driver.c $(BUILD)/libflujo.a $(LIBS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libflujo.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) -DFUZZ_FIXTURES='"$(abspath tests/fixtures)"' $(ALL_CFLAGS) \
	    -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(BUILD)/libflujo.a $(LIBS)

fuzz-targets: $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)

# Each libFuzzer target for FUZZ_SECONDS seconds, seeded with the MIWG corpus, the fixtures and
# the models (tests/fuzz/run.sh); a crash fails, its input saved for tests/fuzz/regress/.
fuzz:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
	    CFLAGS="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" LDFLAGS="$(FUZZ_SAN)" fuzz-targets
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(SHARED)

# Unit test programs, then the golden CLI tests (the examples among them), the real-model
# corpus, the fuzz regression inputs, the HTML reports in a browser and the message catalogues
# (tests/run.sh).
test: all $(TEST_BIN) $(EXAMPLE_BIN) $(MO_FILES) $(BUILD)/flujo.pot $(REGRESS_BIN)
	@sh tests/run.sh $(BUILD) $(SHARED)

asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" test

# Speed and memory on the reference model (not a test: it prints, it does not judge).
bench: $(BUILD)/bench
	$(BUILD)/bench $(SHARED)/bench/reference.yaml | tee $(BUILD)/bench.out
	@anchor=$(SHARED)/bench/anchor/des.c; \
	if [ ! -f "$$anchor" ]; then echo "bench: no $$anchor, no ratio to the anchor"; exit 0; fi; \
	$(CC) -O2 -DARITY=2 -o $(BUILD)/des_anchor "$$anchor" -lm && \
	$(BUILD)/des_anchor -n 1e6 -H > $(BUILD)/anchor.out && \
	awk -v anchor="$$anchor" -v f="$$(sed -n 's/^always, 1 thread .* cases in .*: *\([0-9.e+]*\) cases\/s.*/\1/p' $(BUILD)/bench.out)" \
	    '/cases_per_s=/ { for (i = 1; i <= NF; i++) if ($$i ~ /^cases_per_s=/) { split($$i, kv, "="); a = kv[2] } } \
	     END { printf "anchor (%s, hand-written C, same model, same run): %.0f cases/s; flujo always, 1 thread: %.0f cases/s = %.3f of the anchor\n", \
	           anchor, a, f, f / a }' $(BUILD)/anchor.out

# The same model by flujo and by SimPy 2 (sudo apt-get install -y python3-simpy), side by side.
bench-peers: $(BUILD)/bench
	@sh tests/bench/peers.sh $(BUILD)/bench $(PYTHON) $(SHARED)/bench/reference.yaml

$(BUILD)/bench: tests/bench/bench.c $(BUILD)/libflujo.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libflujo.a $(LIBS)

format:
	$(CLANG_FORMAT) -i $(FORMAT_SRC)

format-check:
	$(CLANG_FORMAT) --dry-run --Werror $(FORMAT_SRC)

clean:
	rm -rf build build-asan build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d) $(EXAMPLE_BIN:=.d)
