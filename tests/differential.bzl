"""The differential suite as one test target per backend."""

def differential_test(backend, suffix = "", pyjit_flags = [], name = None, **kwargs):
    """differential_<backend><suffix> (or `name`): every program under `pyjit run --backend=<backend>`."""
    native.sh_test(
        name = name or "differential_" + backend + suffix,
        srcs = ["run_differential.sh"],
        args = [
            "$(location :differential_test_runner)",
            "--pyjit=$(location //tools:pyjit)",
            "--backend=" + backend,
        ] + ["--pyjit-flag=" + f for f in pyjit_flags],
        data = [
            ":differential_test_runner",
            ":expected_outputs",
            ":refused_programs",
            "//tools:pyjit",
        ] + native.glob(["programs/*.py"]),
        **kwargs
    )
