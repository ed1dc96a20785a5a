"""The differential suite as one test target per backend."""

def differential_test(backend, **kwargs):
    native.sh_test(
        name = "differential_" + backend,
        srcs = ["run_differential.sh"],
        args = [
            "$(location :differential_test_runner)",
            "--pyjit=$(location //tools:pyjit)",
            "--backend=" + backend,
        ],
        data = [
            ":differential_test_runner",
            ":expected_outputs",
            ":refused_programs",
            "//tools:pyjit",
        ] + native.glob(["programs/*.py"]),
        **kwargs
    )
