"""How long an editor waits under `mkdocs serve --dirty`: from saving an SOP file to the open page showing it.

    .venv/bin/python bench/serve_edit.py MKDOCS_YML SOP_FILE [EDITS]

Starts `mkdocs serve --dirty` in its own process, opens the SOP's page in headless Chromium,
then saves the file with a new warning text EDITS times (3 by default), each once the last
is shown, and times until the page (reloaded by MkDocs' livereload) shows the new text.
Prints JSON: the first build's seconds and each edit's seconds.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOPGEN_TANGGAL": "2026-11-25"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_served(url: str, server: subprocess.Popen[bytes], limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("mkdocs serve stopped")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise TimeoutError(f"{url} not served within {limit_s} s")


def measure(config: Path, sop_file: Path, edits: int = 3, limit_s: float = 1800) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    port = free_port()
    log = config.parent / "serve.log"
    started = time.perf_counter()
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            env=ENV, stdout=out, stderr=subprocess.STDOUT, cwd=config.parent,
        )
    try:
        url = f"http://127.0.0.1:{port}/sop/{sop_file.stem}/"
        wait_until_served(url, server, limit_s)
        first_build_s = time.perf_counter() - started
        seconds: list[float] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(url, wait_until="load")
            text = sop_file.read_text(encoding="utf-8")
            for i in range(edits):
                marker = f"Diubah saat uji {i + 1}."
                time.sleep(2)  # an editor between two saves; MkDocs' livereload is polling again
                saved = time.perf_counter()
                sop_file.write_text(text.replace("peringatan: ", f"peringatan: {marker} ", 1), encoding="utf-8")
                page.wait_for_function("m => !!document.body && document.body.innerText.includes(m)", arg=marker, timeout=limit_s * 1000)
                seconds.append(time.perf_counter() - saved)
            browser.close()
        sop_file.write_text(text, encoding="utf-8")
        rewritten = re.findall(r"(\d+) dari (\d+) halaman dibangkitkan ditulis ulang, (\d+) berubah", log.read_text("utf-8"))
        return {"first_build_s": round(first_build_s, 1), "edit_visible_s": [round(s, 2) for s in seconds],
                "pages_rewritten": [list(map(int, r)) for r in rewritten]}
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    print(json.dumps(measure(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), count), indent=2))
