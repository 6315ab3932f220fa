# Thin wrapper over CMake. The two commands a newcomer needs: `make run`, `make check`.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)

.PHONY: all build build-asan run check bench fuzz clean deps-run deps-check

all: build

deps-run:
	@scripts/deps.sh run
deps-check:
	@scripts/deps.sh check

build: deps-run
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

build-asan: deps-check
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DLANTERN_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

run: build
	@scripts/run.sh $(BUILD)/lantern

check: deps-check build build-asan
	@scripts/check.sh $(BUILD) $(ASAN_BUILD)

bench: build
	@scripts/deps.sh bench
	@bench/run.sh $(BUILD)/lantern

fuzz:
	@scripts/deps.sh fuzz
	@tests/fuzz/run.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
