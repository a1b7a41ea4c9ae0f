"""In-process emulator for pytest, and a client for its control API.

    handle = start_emulator()            # HTTP and HTTPS on free ports, default seed
    requests.get(handle.tls_url + "/...", verify=handle.ca_path)
    handle.control.fault(method="POST", path="^/auth/v2/token$", status=503, retry_after="2")
    handle.stop()
"""
import json
import os
import urllib.error
import urllib.request
from typing import Optional, Union

from .app import Emulator
from .seed import load_seed, merge_seed
from .tls import DEFAULT_CERT_DIR


class ControlError(Exception):
    """The control API refused a call (bad fault spec, bad seed...)."""

    def __init__(self, status: int, message: str):
        super().__init__(f"control API answered {status}: {message}")
        self.status = status


class Control:
    """Client of the /_emulator/ control API of an emulator at ``url`` (stdlib only)."""

    def __init__(self, url: str, timeout: float = 10.0):
        self.url = url.rstrip("/")
        self.timeout = timeout

    def health(self) -> dict:
        return self._call("GET", "/health")

    def reset(self) -> None:
        """Back to the loaded seed; clears tokens, request log, faults and clock offset."""
        self._call("POST", "/reset")

    def seed(self, data: dict) -> None:
        """Merge ``data`` over the default seed, make that the loaded seed and reset to it."""
        self._call("POST", "/seed", data)

    def requests(self, since: Optional[int] = None) -> list:
        """Logged vendor requests with ``seq`` greater than ``since``, oldest first."""
        return self._call("GET", "/requests" + (f"?since={int(since)}" if since is not None else ""))

    def clear_requests(self) -> None:
        self._call("DELETE", "/requests")

    def fault(self, **spec) -> dict:
        """Add a fault rule, e.g. ``fault(method="POST", path="^/auth/v2/token$", status=503)``."""
        return self._call("POST", "/faults", spec)

    def faults(self) -> list:
        return self._call("GET", "/faults")

    def clear_faults(self) -> None:
        self._call("DELETE", "/faults")

    def advance(self, seconds: float) -> dict:
        """Move the emulator clock forward; returns ``{"now", "epoch", "offset"}``."""
        return self._call("POST", "/clock", {"advance": seconds})

    def freeze(self, frozen: bool = True) -> dict:
        """Stop the emulator clock (``advance`` still moves it), or let it run again."""
        return self._call("POST", "/clock", {"freeze": frozen})

    def now(self) -> dict:
        return self._call("GET", "/clock")

    def revoke_tokens(self, vendor: Optional[str] = None) -> None:
        """Invalidate issued access tokens of one vendor ("cylance", "ccs", "oci") or of all."""
        self._call("POST", "/tokens/revoke", {"vendor": vendor})

    def _call(self, method: str, path: str, data=None):
        body = json.dumps(data).encode("utf-8") if data is not None else None
        request = urllib.request.Request(self.url + "/_emulator" + path, data=body, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", errors="replace")
            try:
                detail = json.loads(detail).get("message", detail)
            except (ValueError, AttributeError):
                pass
            raise ControlError(exc.code, detail) from None
        return json.loads(payload) if payload else None


class EmulatorHandle:
    """A running in-process emulator; also a context manager that stops it."""

    def __init__(self, emulator: Emulator):
        self.emulator = emulator  # white-box access for tests of the vendor helpers
        self.url = emulator.http.url
        self.tls_url = emulator.https.url if emulator.https else None
        self.ca_path = os.path.abspath(emulator.certs.ca) if emulator.https else None
        self.control = Control(self.url)

    def stop(self) -> None:
        self.emulator.stop()

    def __enter__(self) -> "EmulatorHandle":
        return self

    def __exit__(self, *_exc_info) -> None:
        self.stop()


def start_emulator(seed: Union[None, dict, str, os.PathLike] = None, *, tls: bool = True,
                   cert_dir: str = DEFAULT_CERT_DIR, host: str = "127.0.0.1", port: int = 0,
                   tls_port: int = 0) -> EmulatorHandle:
    """Start the emulator in background threads.

    ``seed`` is merged over the defaults: a dict, or the path of a YAML file. ``port``/``tls_port``
    0 pick free ports; ``tls=False`` serves plain HTTP only. ``cert_dir`` is relative to the cwd.
    """
    seed_data = merge_seed(seed) if isinstance(seed, dict) else load_seed(seed)
    emulator = Emulator(seed_data).start(host, port, tls_port if tls else None, cert_dir)
    return EmulatorHandle(emulator)
