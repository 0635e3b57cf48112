# invtop - see README.md. `make deps` installs what is missing; every
# user-facing target depends on it and then runs in a fresh sub-make, so
# pkg-config sees the freshly installed libraries.
PREFIX   ?= /usr/local
DESTDIR  ?=
SANITIZE ?=
CC       ?= cc

PKGS     := ncursesw libzmq gsl inih zlib
BUILD    := build$(if $(SANITIZE),/san)

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS   ?= -O2 -g
# Link-time optimisation lets the decoder's small accessors (feed/wire_body.c)
# inline into their callers in other modules: 7% fewer instructions per
# decoded message (callgrind). LTO= turns it off.
LTO      ?= -flto=auto
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(LTO) -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
             -Iinclude -I. $(PKG_CFLAGS) -MMD -MP
LDFLAGS  += $(CFLAGS) $(LTO)
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS    += -fsanitize=address,undefined
endif
LDLIBS   = $(PKG_LIBS) -lpthread -lm

FEED_SRC := feed/wire.c feed/wire_body.c feed/jsonw.c feed/feedstat.c feed/sub.c feed/record.c feed/synth.c feed/synth_chain.c feed/curve.c feed/zap.c feed/numparse.c feed/cfsym.c feed/jsonr.c feed/subread.c feed/user.c feed/ordconsumer.c feed/srcmap.c feed/srcmap_check.c feed/srcmap_eval.c feed/srcmap_scan.c feed/srcmap_path.c feed/srcmap_blame.c
STATE_SRC := state/snapshot.c state/command.c state/ovrjson.c state/schema.c state/snaptab.c state/snaptab_risk.c state/snaptab_inst.c state/snaptab_opt.c state/snaptab_hedge.c state/snaptab_alert.c state/snapwire.c state/snapdiff.c state/zframe.c state/attach.c
RISK_SRC := risk/position.c risk/book.c risk/ccy.c risk/bs.c risk/varstat.c risk/backtest.c risk/history.c risk/exposure.c risk/portvar.c risk/limits.c risk/bookrisk.c risk/skew.c risk/assim.c risk/override.c risk/lp.c risk/explain.c risk/ladder.c risk/stress.c risk/iv.c risk/hedge.c risk/alertrule.c
ENGINE_SRC := engine/quotepub.c engine/snapbuild.c engine/serve.c engine/ingest.c engine/headless.c engine/loop.c engine/mcworker.c engine/riskrun.c engine/histload.c engine/quoting.c engine/closedloop.c engine/app.c engine/evlog.c engine/journal.c engine/security.c \
              engine/alertcfg.c engine/appalert.c engine/orders.c engine/ordchan.c engine/ordexec.c engine/hedging.c engine/apphedge.c \
              engine/instparam.c engine/rrparams.c engine/engcfg.c engine/watch.c engine/optrun.c engine/snapopt.c engine/notify.c
TUI_SRC  := tui/cli.c tui/clialert.c tui/clicur.c tui/clisource.c tui/opttab.c tui/toolopts.c tui/format.c tui/layout.c tui/theme.c tui/keys.c tui/keys_help.c tui/keys_options.c tui/optview.c tui/hedgeview.c tui/alertview.c tui/columns.c tui/dash.c tui/panels.c tui/drawkit.c tui/statusbar.c tui/draw.c tui/draw_panels.c tui/draw_chart.c tui/draw_options.c tui/draw_hedges.c tui/draw_overlay.c tui/screen.c tui/editform.c tui/viewer.c tui/headview.c
LIB_SRC  := $(FEED_SRC) $(STATE_SRC) $(RISK_SRC) $(ENGINE_SRC) $(TUI_SRC)
# One library per layer (risk <- feed <- state <- engine <- views <- main/);
# `make layers` (mk/layers.sh) checks the includes and where each program's
# main sits, tests/e2e/layers.sh the symbols the built objects reference.
RISK_LIB   := $(BUILD)/libinvtop-risk.a
FEED_LIB   := $(BUILD)/libinvtop-feed.a
STATE_LIB  := $(BUILD)/libinvtop-state.a
ENGINE_LIB := $(BUILD)/libinvtop-engine.a
VIEW_LIB   := $(BUILD)/libinvtop-view.a
LIBS     := $(VIEW_LIB) $(ENGINE_LIB) $(STATE_LIB) $(FEED_LIB) $(RISK_LIB)
# each layer uses only those below it, so one pass in this order links
LINK_LIBS = $(LIBS) $(LDLIBS)

PROGS    := $(BUILD)/invtop $(BUILD)/invtop-feed $(BUILD)/invtop-sim $(BUILD)/invtop-relay
TEST_SRC := $(wildcard tests/test_*.c)
TESTS    := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/bench_*.c)
BENCHES  := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

# Every object `make all` and `make test` compile, unlinked. With link-time
# optimisation the compiler's late warnings (-Wformat-truncation...) wait
# for a real compilation that LTO defers to the link, where they never
# come: tests/e2e/lto_off.sh compiles these with LTO= to keep them seen.
OBJECTS  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(patsubst %.c,$(BUILD)/%.o,$(wildcard main/*.c)) \
            $(TEST_SRC:%.c=$(BUILD)/%.o)

.SECONDARY:
.PHONY: all test demo bench install uninstall clean deps build-all build-tests build-objects run-tests \
        run-bench fuzz run-fuzz soak layers docs

all: deps
	@$(MAKE) --no-print-directory build-all
test: deps
	@$(MAKE) --no-print-directory run-tests
demo: deps
	@$(MAKE) --no-print-directory build-all
	@sh mk/demo.sh $(BUILD)
bench: deps
	@$(MAKE) --no-print-directory run-bench
fuzz: deps
	@$(MAKE) --no-print-directory run-fuzz
SOAK_SECONDS ?= 180
soak: deps
	@$(MAKE) --no-print-directory build-all
	@sh bench/soak.sh build $(SOAK_SECONDS)
deps:
	@sh mk/deps.sh

build-all: $(PROGS)
build-tests: $(PROGS) $(TESTS) $(BUILD)/tests/snapcanon
build-objects: $(OBJECTS) $(BUILD)/tests/tools/snapcanon.o

layers:
	@sh mk/layers.sh

# what the schema's tables generate: the docs' key lists (tests/test_schemadoc.c
# checks them) and the engine documents of the decoder's tests and fuzz seeds,
# in the schema's current form (a new field appears in them as null)
SNAP_CORPUS := tests/fuzz/corpus/snap/demo tests/fuzz/corpus/snap/replay
docs: deps
	@$(MAKE) --no-print-directory $(BUILD)/tests/test_schemadoc $(BUILD)/tests/snapcanon
	@$(BUILD)/tests/test_schemadoc --write
	@for f in $(SNAP_CORPUS); do $(BUILD)/tests/snapcanon < $$f > $$f.new && printf '\n' >> $$f.new && \
	  { cmp -s $$f $$f.new && rm $$f.new || { mv $$f.new $$f; echo "$$f rewritten"; }; }; done

run-tests: build-tests
	@sh mk/layers.sh
	@sh tests/run.sh $(BUILD)

run-bench: $(PROGS) $(BENCHES)
	@sh bench/run.sh $(BUILD)

# libFuzzer targets, built with clang from the sources they exercise
FUZZ_SECONDS ?= 30
FUZZ_CFLAGS := -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -D_DEFAULT_SOURCE \
               -D_POSIX_C_SOURCE=200809L -Iinclude -I. $(PKG_CFLAGS)
FUZZ_WIRE_SRC := feed/wire.c feed/wire_body.c
FUZZ_JOURNAL_SRC := engine/journal.c state/ovrjson.c risk/override.c risk/skew.c risk/book.c risk/position.c feed/jsonw.c feed/wire_body.c
build/fuzz/fuzz_wire: tests/fuzz/fuzz_wire.c $(FUZZ_WIRE_SRC)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $^ -lm
build/fuzz/fuzz_journal: tests/fuzz/fuzz_journal.c $(FUZZ_JOURNAL_SRC)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $^ -lm
# the config reader alone: no curses, no ZeroMQ, no risk runner or its thread
FUZZ_CONFIG_SRC := tui/cli.c tui/clialert.c tui/clicur.c tui/clisource.c tui/opttab.c engine/instparam.c engine/rrparams.c engine/engcfg.c feed/numparse.c risk/skew.c \
                   risk/portvar.c risk/limits.c risk/varstat.c risk/history.c risk/bs.c risk/book.c risk/ccy.c risk/position.c \
                   engine/optrun.c risk/ladder.c risk/stress.c risk/lp.c risk/explain.c risk/exposure.c risk/iv.c \
                   engine/alertcfg.c risk/alertrule.c feed/srcmap.c feed/srcmap_check.c feed/srcmap_eval.c \
                   feed/srcmap_scan.c feed/srcmap_path.c feed/srcmap_blame.c feed/wire.c feed/wire_body.c
build/fuzz/fuzz_config: tests/fuzz/fuzz_config.c $(FUZZ_CONFIG_SRC)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $^ $(shell pkg-config --libs inih gsl 2>/dev/null) -lm
# venues' own messages mapped by [source NAME] sections (reads sources/*.ini)
FUZZ_SRCMAP_SRC := feed/srcmap.c feed/srcmap_check.c feed/srcmap_eval.c feed/srcmap_scan.c feed/srcmap_path.c feed/srcmap_blame.c \
                   feed/wire.c feed/wire_body.c
build/fuzz/fuzz_srcmap: tests/fuzz/fuzz_srcmap.c $(FUZZ_SRCMAP_SRC)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $^ $(shell pkg-config --libs inih 2>/dev/null) -lm
FUZZ_SNAP_SRC := state/schema.c state/snaptab.c state/snaptab_risk.c state/snaptab_inst.c state/snaptab_opt.c state/snaptab_hedge.c state/snaptab_alert.c state/snapwire.c state/snapdiff.c feed/jsonr.c feed/jsonw.c feed/wire_body.c state/ovrjson.c feed/wire.c \
                 state/snapshot.c risk/backtest.c risk/exposure.c risk/skew.c risk/override.c risk/portvar.c \
                 risk/book.c risk/ccy.c risk/position.c risk/bs.c risk/history.c risk/varstat.c risk/iv.c risk/lp.c \
                 risk/explain.c risk/ladder.c risk/hedge.c risk/alertrule.c
build/fuzz/fuzz_snap: tests/fuzz/fuzz_snap.c $(FUZZ_SNAP_SRC)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $^ $(PKG_LIBS) -lm
build/fuzz/fuzz_update: tests/fuzz/fuzz_update.c $(FUZZ_SNAP_SRC) state/zframe.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $^ $(PKG_LIBS) -lm
run-fuzz: build/fuzz/fuzz_wire build/fuzz/fuzz_journal build/fuzz/fuzz_config build/fuzz/fuzz_snap build/fuzz/fuzz_update \
          build/fuzz/fuzz_srcmap
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(RISK_LIB): $(RISK_SRC:%.c=$(BUILD)/%.o)
$(FEED_LIB): $(FEED_SRC:%.c=$(BUILD)/%.o)
$(STATE_LIB): $(STATE_SRC:%.c=$(BUILD)/%.o)
$(ENGINE_LIB): $(ENGINE_SRC:%.c=$(BUILD)/%.o)
$(VIEW_LIB): $(TUI_SRC:%.c=$(BUILD)/%.o)
$(LIBS):
	@rm -f $@
	gcc-ar rcs $@ $^

$(BUILD)/invtop: $(BUILD)/main/invtop.o $(LIBS)
	$(CC) $(LDFLAGS) -o $@ $< $(LINK_LIBS)
$(BUILD)/invtop-sim: $(BUILD)/main/invtop_sim.o $(LIBS)
	$(CC) $(LDFLAGS) -o $@ $< $(LINK_LIBS)
$(BUILD)/invtop-feed: $(BUILD)/main/invtop_feed.o $(LIBS)
	$(CC) $(LDFLAGS) -o $@ $< $(LINK_LIBS)
$(BUILD)/invtop-relay: $(BUILD)/main/invtop_relay.o $(LIBS)
	$(CC) $(LDFLAGS) -o $@ $< $(LINK_LIBS)
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIBS)
	$(CC) $(LDFLAGS) -o $@ $< $(LINK_LIBS) $(CMOCKA_LIBS)
$(BUILD)/tests/snapcanon: $(BUILD)/tests/tools/snapcanon.o $(LIBS)
	$(CC) $(LDFLAGS) -o $@ $< $(LINK_LIBS)
$(BUILD)/bench/%: $(BUILD)/bench/%.o $(LIBS)
	$(CC) $(LDFLAGS) -o $@ $< $(LINK_LIBS) -lutil

# every man page is generated by its program from its option table
MAN1 := build/invtop.1 build/invtop-feed.1 build/invtop-sim.1 build/invtop-relay.1
build/%.1: build/%
	$< --manpage > $@
docs/invtop.ini.example: build/invtop
	build/invtop --example-config > $@

install: all
	@$(MAKE) --no-print-directory $(MAN1)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	        $(DESTDIR)$(PREFIX)/share/doc/invtop $(DESTDIR)$(PREFIX)/share/invtop/sources
	install -m 0755 build/invtop build/invtop-feed build/invtop-sim build/invtop-relay $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 $(MAN1) $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 0644 docs/invtop.ini.example docs/PROTOCOL.md docs/STATE.md docs/SOURCES.md README.md \
	        $(DESTDIR)$(PREFIX)/share/doc/invtop/
	install -m 0644 sources/*.ini $(DESTDIR)$(PREFIX)/share/invtop/sources/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/invtop $(DESTDIR)$(PREFIX)/bin/invtop-feed \
	      $(DESTDIR)$(PREFIX)/bin/invtop-sim $(DESTDIR)$(PREFIX)/bin/invtop-relay
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/invtop.1 $(DESTDIR)$(PREFIX)/share/man/man1/invtop-feed.1 \
	      $(DESTDIR)$(PREFIX)/share/man/man1/invtop-sim.1 $(DESTDIR)$(PREFIX)/share/man/man1/invtop-relay.1
	rm -f $(DESTDIR)$(PREFIX)/share/doc/invtop/invtop.ini.example \
	      $(DESTDIR)$(PREFIX)/share/doc/invtop/PROTOCOL.md $(DESTDIR)$(PREFIX)/share/doc/invtop/STATE.md \
	      $(DESTDIR)$(PREFIX)/share/doc/invtop/README.md $(DESTDIR)$(PREFIX)/share/doc/invtop/SOURCES.md
	rm -f $(patsubst sources/%,$(DESTDIR)$(PREFIX)/share/invtop/sources/%,$(wildcard sources/*.ini))
	-rmdir $(DESTDIR)$(PREFIX)/share/doc/invtop $(DESTDIR)$(PREFIX)/share/invtop/sources \
	       $(DESTDIR)$(PREFIX)/share/invtop 2>/dev/null

clean:
	rm -rf build

-include $(wildcard $(BUILD)/*/*.d $(BUILD)/*/*/*.d)
