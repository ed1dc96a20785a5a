"""The differential suite as one test target per backend."""

def differential_test(backend, cell, suffix = "", pyjit_flags = [], name = None, **kwargs):
    """differential_<backend><suffix> (or `name`): every program under `pyjit run --backend=<backend>`.

    Every loop is compiled when its threshold says (--compile-share=unlimited):
    the suite tests the backend on every program, however short, not the
    compile budget's choice of what is worth compiling.

    Tagged with its cell of the CI matrix (tests/BUILD lists the cells), so
    that `bazel test --config=<cell> //...` runs exactly that cell, and
    sharded, so that a bigger machine or a remote executor runs the
    programs in parallel (the runner is a gtest binary: Bazel's shards
    split its test cases).
    """
    native.sh_test(
        name = name or "differential_" + backend + suffix,
        tags = [cell],
        shard_count = 4,
        srcs = ["run_differential.sh"],
        args = [
            "$(location :differential_test_runner)",
            "--pyjit=$(location //tools:pyjit)",
            "--backend=" + backend,
        ] + ["--pyjit-flag=" + f for f in pyjit_flags + ["--compile-share=unlimited"]],
        data = [
            ":differential_test_runner",
            ":expected_outputs",
            ":refused_programs",
            "//tools:pyjit",
        ] + native.glob(["programs/*.py"]),
        **kwargs
    )

def loop_fuzz_test(name, cell, seed, count, pyjit_flags):
    """Random loops (tests/loop_fuzz.py) against CPython under `pyjit_flags`.

    Tagged like the differential targets, and like them compiles every loop
    when its threshold says. A backend that is not available
    (mir without MIR) skips visibly: the test's XML says skipped, and why.
    """
    native.sh_test(
        name = name,
        size = "small",
        tags = [cell],
        srcs = ["loop_fuzz.py"],
        args = [
            "--pyjit=$(rootpath //tools:pyjit)",
            "--seed=%d" % seed,
            "--count=%d" % count,
            "--",
        ] + pyjit_flags + ["--compile-share=unlimited"],
        data = [
            "fuzz_skip.py",
            "//tools:pyjit",
        ],
    )

COMPILING_BACKENDS = ["copy_and_patch", "asmjit", "mir", "llvm"]

def per_backend_gtest(prefix, runner, gtest_filter, data = [], size = "small", tags = []):
    """<prefix>_<backend> for each compiling backend: the gtest binary `runner`
    with --gtest_filter=`gtest_filter` (where {backend} stands for the
    backend's name), tagged with the backend's cell, so that one binary
    serves every backend and each cell runs only its own backend's cases.
    """
    for backend in COMPILING_BACKENDS:
        native.sh_test(
            name = prefix + "_" + backend,
            size = size,
            tags = [backend] + tags,
            srcs = ["run_differential.sh"],
            args = [
                "$(location %s)" % runner,
                "--gtest_filter=" + gtest_filter.format(backend = backend),
            ],
            data = [runner] + data,
        )
