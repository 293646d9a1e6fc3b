#!/usr/bin/env python3
"""lspbench with its per-edit bookkeeping moved before the clock starts.

../shared/tools/lspbench.py rebuilds its copy of the document and its line
table (`Doc(new_text)`) right after sending each didChange, on the Python
thread that holds the GIL while the reader thread waits to time the
reply. That bookkeeping alone takes 5.4 ms at 1 MB and 54 ms at 10 MB on
our CI-class machine, so the edit figures it reports cannot go below it,
whatever the server does. This runs the same tool with that one line
moved before the clock starts, which measures the server: send ->
publishDiagnostics read. Same arguments as lspbench.py.

    python3 benches/lsp_edit_clock.py --settings '{"gazette":{"debounceMs":0}}' \\
        --hover 0 --edits 30 FILE -- target/release/gazette lsp
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.environ.get("LSPBENCH", os.path.join(HERE, "..", "..", "shared", "tools", "lspbench.py"))

AFTER = """        cl.drain()
        t0 = now()
        cl.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                             "contentChanges": changes})
        doc = Doc(new_text, enc)  # bookkeeping after the send; not on the server's clock
"""
BEFORE = """        doc = Doc(new_text, enc)  # moved before the clock by benches/lsp_edit_clock.py
        cl.drain()
        t0 = now()
        cl.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                             "contentChanges": changes})
"""

with open(TOOL, encoding="utf-8") as f:
    source = f.read()
if AFTER not in source:
    sys.exit("lsp_edit_clock: %s changed; the edit loop to patch was not found" % TOOL)
sys.argv[0] = TOOL
exec(compile(source.replace(AFTER, BEFORE), TOOL, "exec"), {"__name__": "__main__", "__file__": TOOL})
