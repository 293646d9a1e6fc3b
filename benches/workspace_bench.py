#!/usr/bin/env python3
"""Workspace benchmark: N synthetic articles on disk, `gazette lsp` indexes them in the
background; prints index time (until the $/progress end), references latency on an open
document, peak RSS and bytes per article, as JSON.

  benches/workspace_bench.py BIN [--articles 10000] [--sources 'DIR/*.txt'] [--keep DIR]

Articles are cut from the source texts (default: examples/sample.txt), so the bench needs
nothing outside the repository.
"""
import argparse, glob, json, os, shutil, subprocess, sys, tempfile, threading, time


def frame(msg):
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        self.msgs, self.cv, self.next_id = [], threading.Condition(), 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        f = self.p.stdout
        while True:
            length = None
            while True:
                line = f.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            msg = json.loads(f.read(length))
            if "method" in msg and "id" in msg:  # server request: accept
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
            with self.cv:
                self.msgs.append(msg)
                self.cv.notify_all()

    def send(self, msg):
        self.p.stdin.write(frame(msg))
        self.p.stdin.flush()

    def wait(self, pred, timeout=600):
        end = time.time() + timeout
        with self.cv:
            while True:
                for i, m in enumerate(self.msgs):
                    if pred(m):
                        return self.msgs.pop(i)
                left = end - time.time()
                if left <= 0:
                    raise TimeoutError
                self.cv.wait(left)

    def request(self, method, params):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == i and "method" not in m)


def rss_kb(pid):
    out = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(("VmHWM", "VmRSS")):
                k, v = line.split(":")
                out[k] = int(v.split()[0])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--sources", default=os.path.join(os.path.dirname(__file__), "..", "examples", "*.txt"))
    ap.add_argument("--keep")
    a = ap.parse_args()
    paras = []
    for f in sorted(glob.glob(a.sources)):
        paras += [p.strip() for p in open(f, encoding="utf-8").read().split("\n\n") if p.strip()]
    if not paras:
        sys.exit("no source paragraphs")
    ws = a.keep or tempfile.mkdtemp(prefix="gazette-ws-")
    os.makedirs(ws, exist_ok=True)
    total = 0
    for i in range(a.articles):
        d = os.path.join(ws, "a%03d" % (i // 500))
        os.makedirs(d, exist_ok=True)
        body = "\n\n".join(paras[(i + k) % len(paras)] for k in range(6)) + "\n"
        total += len(body.encode())
        with open(os.path.join(d, "art%05d.txt" % i), "w", encoding="utf-8") as f:
            f.write(body)
    uri_root = "file://" + ws
    c = Client([os.path.abspath(a.bin), "lsp"])
    t0 = time.time()
    c.request("initialize", {"processId": None, "rootUri": uri_root,
                             "workspaceFolders": [{"uri": uri_root, "name": "ws"}],
                             "initializationOptions": {"gazette": {"debounceMs": 0}},
                             "capabilities": {"window": {"workDoneProgress": True}}})
    c.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    first = os.path.join(ws, "a000", "art00000.txt")
    text = open(first, encoding="utf-8").read()
    furi = "file://" + first
    c.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": furi, "languageId": "plaintext", "version": 1, "text": text}}})
    c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == furi)
    t_hover = time.time()
    c.request("textDocument/hover", {"textDocument": {"uri": furi}, "position": {"line": 0, "character": 1}})
    first_hover_ms = (time.time() - t_hover) * 1000
    hover_at_s = time.time() - t0
    c.wait(lambda m: m.get("method") == "$/progress" and m["params"]["value"].get("kind") == "end")
    index_s = time.time() - t0
    # References on the first entity of the open document.
    ents = c.request("gazette/entities", {"textDocument": {"uri": furi}})["result"]["entities"]
    lat = []
    nrefs = 0
    for e in ents[:20]:
        t = time.time()
        r = c.request("textDocument/references", {"textDocument": {"uri": furi}, "position": e["range"]["start"],
                                                  "context": {"includeDeclaration": True}})
        lat.append((time.time() - t) * 1000)
        nrefs = max(nrefs, len(r.get("result") or []))
    rss = rss_kb(c.p.pid)
    c.request("shutdown", None)
    c.send({"jsonrpc": "2.0", "method": "exit"})
    lat.sort()
    out = {
        "articles": a.articles, "bytes": total, "index_s": round(index_s, 2),
        "first_hover_after_start_s": round(hover_at_s, 3), "first_hover_ms": round(first_hover_ms, 2),
        "references_ms_p50": round(lat[len(lat) // 2], 2) if lat else None,
        "references_ms_max": round(lat[-1], 2) if lat else None, "max_references": nrefs,
        "peak_rss_kb": rss.get("VmHWM"), "rss_kb": rss.get("VmRSS"),
        "rss_bytes_per_article": round(rss.get("VmRSS", 0) * 1024 / a.articles),
    }
    print(json.dumps(out))
    if not a.keep:
        shutil.rmtree(ws, ignore_errors=True)


if __name__ == "__main__":
    main()
