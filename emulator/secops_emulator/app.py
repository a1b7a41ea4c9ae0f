"""Wires the vendors, the control API and the HTTP(S) servers into one emulator."""
import copy
from typing import Optional

from . import ccs, control, cylance, oci, tls
from .core import Clock, Dispatcher, FaultInjector, HttpServer, RequestLog, Router
from .seed import load_seed


class State:
    """The loaded seed and each vendor's runtime store (tokens now, resources later)."""

    def __init__(self, seed: dict, clock: Clock):
        self.seed = seed
        self.clock = clock
        self.stores = {}

    def add_store(self, vendor: str, store) -> None:
        """Register a vendor store: an object with ``reset(section)`` and ``revoke_tokens()``."""
        self.stores[vendor] = store
        self._reset_store(vendor)

    def reset(self, seed: Optional[dict] = None) -> None:
        """Rebuild every store from ``seed`` (which becomes the loaded seed) or the loaded seed."""
        if seed is not None:
            self.seed = seed
        for vendor in self.stores:
            self._reset_store(vendor)

    def revoke_tokens(self, vendor: Optional[str] = None) -> None:
        for name, store in self.stores.items():
            if vendor in (None, name):
                store.revoke_tokens()

    def _reset_store(self, vendor: str) -> None:
        # Stores get a private copy so handlers may mutate their resources freely.
        self.stores[vendor].reset(copy.deepcopy(self.seed[vendor]))


class Emulator:
    """All three vendor APIs behind one dispatcher, served over HTTP and optionally HTTPS."""

    def __init__(self, seed: Optional[dict] = None):
        self.clock = Clock()
        self.log = RequestLog()
        self.faults = FaultInjector()
        self.state = State(seed if seed is not None else load_seed(), self.clock)
        router = Router()
        for vendor in (cylance, ccs, oci):
            vendor.register(router, self.state)
        control_router = Router()
        control.register(control_router, self)
        self.dispatcher = Dispatcher(router, control_router, self.log, self.faults, self.clock)
        self.http: Optional[HttpServer] = None
        self.https: Optional[HttpServer] = None
        self.certs: Optional[tls.CertPaths] = None

    def reset(self, seed: Optional[dict] = None) -> None:
        """Back to the loaded seed (or to ``seed``, which becomes the loaded one): no tokens, log, faults or clock offset."""
        # The clock first: stores date their seeded resources from it.
        self.clock.reset()
        self.state.reset(seed)
        self.log.clear()
        self.faults.clear()

    def start(self, host: str = "127.0.0.1", port: int = 0, tls_port: Optional[int] = None, cert_dir: Optional[str] = None) -> "Emulator":
        """Serve HTTP on ``port`` and, unless ``tls_port`` is None, HTTPS on ``tls_port`` (0 picks free ports)."""
        self.http = HttpServer(self.dispatcher, host, port).start()
        if tls_port is not None:
            try:
                self.certs = tls.ensure_certs(cert_dir or tls.DEFAULT_CERT_DIR)
                self.https = HttpServer(self.dispatcher, host, tls_port, tls.server_context(self.certs)).start()
            except Exception:
                self.stop()
                raise
        return self

    def stop(self) -> None:
        for server in (self.http, self.https):
            if server:
                server.stop()
        self.http = self.https = None
