"""What the fuzzers do when a backend they are asked to run is not
installed (mir without MIR): say so, and tell Bazel the test was skipped,
so that a skip never counts as a pass."""

import os
import subprocess
from xml.sax.saxutils import quoteattr


def unavailable_backend(pyjit, pyjit_args):
    """The `pyjit backends` line of a backend pyjit_args names that cannot run, or None."""
    listing = subprocess.run([pyjit, "backends"], capture_output=True, text=True).stdout
    for arg in pyjit_args:
        name, _, value = arg.partition("=")
        if name in ("--backend", "--optimizing-backend"):
            for line in listing.splitlines():
                if line.startswith(value + ": unavailable"):
                    return line
    return None


def skip_if_unavailable(pyjit, pyjit_args, test_name):
    """True, after reporting the skip, when a backend in pyjit_args is missing."""
    reason = unavailable_backend(pyjit, pyjit_args)
    if reason is None:
        return False
    print("SKIPPED: " + reason)
    xml = os.environ.get("XML_OUTPUT_FILE")
    if xml:
        with open(xml, "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name=%s '
                    'tests="1" skipped="1"><testcase name=%s result="skipped">'
                    '<skipped message=%s/></testcase></testsuite></testsuites>\n'
                    % (quoteattr(test_name), quoteattr(test_name), quoteattr(reason)))
    return True
