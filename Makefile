GO ?= go
EVAL ?= ../shared/eval
BIN := bin/breachwire
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

.PHONY: build test lint eval bench bench-search run

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/breachwire

test:
	$(GO) test -race -count=1 -cover ./...

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# eval scores the extractor on the labelled development texts and prints the
# summary lines (see ../shared/eval/README.md).
eval: build
	@for set in articles challenge; do \
	  python3 $(EVAL)/score.py inputs articles $(EVAL)/$$set-dev.jsonl | $(BIN) extract --jsonl > /tmp/breachwire-$$set.jsonl && \
	  echo "== $$set-dev" && python3 $(EVAL)/score.py articles $(EVAL)/$$set-dev.jsonl /tmp/breachwire-$$set.jsonl; \
	done
	@for set in own-a own-c own-d own-b; do \
	  python3 $(EVAL)/score.py inputs articles extract/testdata/eval/$$set.jsonl | $(BIN) extract --jsonl > /tmp/breachwire-$$set.jsonl && \
	  echo "== $$set (our own labelled texts)" && python3 $(EVAL)/score.py articles extract/testdata/eval/$$set.jsonl /tmp/breachwire-$$set.jsonl; \
	done
	@python3 $(EVAL)/score.py inputs money $(EVAL)/money-dev.jsonl | $(BIN) extract --jsonl > /tmp/breachwire-money.jsonl && \
	  echo "== money-dev" && python3 $(EVAL)/score.py money $(EVAL)/money-dev.jsonl /tmp/breachwire-money.jsonl

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# bench-search measures the search index over a 100,000-article synthetic
# corpus against SQLite FTS5 (see the README, "Search", "Benchmark").
bench-search:
	$(GO) test -run '^$$' -bench 'Search|MemoryAtRest' -benchtime 100x -timeout 60m ./index/
	$(GO) test -run '^$$' -bench 'Build|ReconcileFromEmpty' -benchtime 1x -timeout 60m ./index/
