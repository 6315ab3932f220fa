#!/usr/bin/env bash
# `make run`: placeholder until the server lands.
exec "$1" version
