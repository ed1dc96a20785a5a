#!/bin/bash
# Bazel runs the differential runner through this wrapper so that one
# cc_binary serves every backend's test target.
runner=$1
shift
exec "$runner" "$@"
