"""Finds an installed MIR (github.com/vnmakarov/mir, tag v1.0.0).

MIR is not packaged by Debian, so the build never builds it: tools/install-mir
installs it with MIR's own makefile (see backends/mir/README.md), and this
rule looks under $MIR_PREFIX (default /usr/local) for its headers and shared
library. It writes @mir_config//:config.bzl with MIR_AVAILABLE and, when MIR
is absent, MIR_MISSING: the sentence `pyjit backends` and the skipped tests
print. The rule runs again when MIR_PREFIX changes; tools/reconfigure (run by
./pyjit, tools/test and tools/install-mir) runs `bazel sync --configure` when
the installation under an unchanged prefix changed.
"""

_HEADERS = ["mir.h", "mir-gen.h", "mir-dlist.h", "mir-varr.h", "mir-htab.h"]

def _mir_configure_impl(ctx):
    prefix = ctx.os.environ.get("MIR_PREFIX", "/usr/local")
    missing = [h for h in _HEADERS if not ctx.path(prefix + "/include/" + h).exists]
    library = prefix + "/lib/libmir.so.1"
    if not ctx.path(library).exists:
        missing.append("lib/libmir.so.1")
    if missing:
        reason = "MIR not found under %s (missing %s); install MIR v1.0.0 there or set MIR_PREFIX" % (
            prefix,
            ", ".join(missing),
        )
        ctx.file("mir_missing.h", "#define PYJIT_MIR_MISSING \"%s\"\n" % reason)
        ctx.file("BUILD", 'package(default_visibility = ["//visibility:public"])\n' +
                          'cc_library(name = "mir", hdrs = ["mir_missing.h"], includes = ["."])\n')
        ctx.file("config.bzl", "MIR_AVAILABLE = False\nMIR_PREFIX = %r\nMIR_MISSING = %r\n" % (prefix, reason))
        return
    for h in _HEADERS:
        ctx.symlink(prefix + "/include/" + h, "include/" + h)
    ctx.file("BUILD", """package(default_visibility = ["//visibility:public"])

cc_library(
    name = "mir",
    hdrs = glob(["include/*.h"]),
    includes = ["include"],
    linkopts = ["%s", "-Wl,-rpath,%s/lib", "-lm", "-ldl", "-lpthread"],
)
""" % (library, prefix))
    ctx.file("config.bzl", "MIR_AVAILABLE = True\nMIR_PREFIX = %r\nMIR_MISSING = ''\n" % prefix)

mir_configure = repository_rule(
    implementation = _mir_configure_impl,
    environ = ["MIR_PREFIX"],
    configure = True,
    local = True,
)
