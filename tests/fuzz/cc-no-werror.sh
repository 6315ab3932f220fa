#!/bin/sh
# Compiler launcher for the fuzz build: the project's warnings are tuned for
# gcc, and clang finds a few more (e.g. -Wformat-nonliteral on va_list
# callbacks). They are worth a look but must not stop the fuzzers, so the
# last word on the command line turns -Werror off.
exec "$@" -Wno-error
