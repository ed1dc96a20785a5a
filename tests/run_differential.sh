#!/bin/bash
# Bazel runs a gtest runner through this wrapper so that one cc_binary
# serves several test targets (the differential suites, the per-backend
# uop conformance tests); the runner writes Bazel's XML itself.
runner=$1
shift
exec "$runner" "$@"
