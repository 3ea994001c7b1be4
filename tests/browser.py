"""A real headless Chromium driven through chromium-driver's WebDriver API (HTTP on 127.0.0.1).

Only the standard library is used: the WebDriver protocol is plain JSON over
HTTP. The browser runs with a fresh profile and with every background
service that would reach the network turned off; its console and network
logs are read back through ChromeDriver's logging capability.
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1000,1400"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self) -> None:
        driver = shutil.which("chromedriver")
        chromium = shutil.which("chromium")
        assert driver and chromium, "chromium and chromium-driver are missing: run 'make test-system'"
        self.profile = tempfile.TemporaryDirectory(prefix="briefing-chromium-")
        self.port = _free_port()
        self.process = subprocess.Popen([driver, f"--port={self.port}"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                if self._call("GET", "/status")["value"]["ready"]:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "chromedriver did not start"
            time.sleep(0.1)
        capabilities = {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium,
                                   "args": [*CHROMIUM_ARGS, f"--user-data-dir={self.profile.name}"]},
            "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"},
        }
        self.session = self._call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})["value"]["sessionId"]

    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def command(self, method: str, path: str, body: dict | None = None):
        return self._call(method, f"/session/{self.session}{path}", body)["value"]

    def open(self, url: str) -> None:
        self.command("POST", "/url", {"url": url})

    def run(self, script: str, *args):
        return self.command("POST", "/execute/sync", {"script": script, "args": list(args)})

    def logs(self, kind: str) -> list[dict]:
        """Log entries since the last call: "browser" (the console) or "performance" (DevTools events)."""
        return self.command("POST", "/se/log", {"type": kind})

    def requests(self) -> list[str]:
        """The URLs the page asked for since the last call (from the DevTools network events)."""
        urls = []
        for entry in self.logs("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    def screenshot(self) -> bytes:
        return base64.b64decode(self.command("GET", "/screenshot"))

    def wait_for(self, script: str, timeout: float = 15.0):
        """Poll ``script`` until it returns something true; return that."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.run(script)
            except urllib.error.HTTPError:  # the page is being replaced while the script runs
                value = None
            if value:
                return value
            assert time.monotonic() < deadline, f"timed out waiting for: {script}"
            time.sleep(0.1)

    def close(self) -> None:
        try:
            self._call("DELETE", f"/session/{self.session}")
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.profile.cleanup()
