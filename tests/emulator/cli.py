"""Command line: ``python tests/emulator [--port N] [--tls-port N] [--cert-dir DIR] [--seed FILE]``."""
import argparse
import os
import signal
import sys
import threading

from . import tls
from .app import Emulator
from .seed import SeedError, load_seed


def _env_port(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise SystemExit(f"emulator: {name} must be a port number, got {value!r}") from None


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python tests/emulator", description="Cylance, CCS and Oracle MCS API emulator.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=_env_port("EMULATOR_PORT", 8710),
                        help="HTTP port, 0 picks a free one (env EMULATOR_PORT, default: 8710)")
    parser.add_argument("--tls-port", type=int, default=_env_port("EMULATOR_TLS_PORT", 0),
                        help="HTTPS port serving the same API; 0 disables HTTPS (env EMULATOR_TLS_PORT, default: 0)")
    parser.add_argument("--cert-dir", default=tls.DEFAULT_CERT_DIR,
                        help="where ca.pem, server.pem and server-key.pem are kept (default: %(default)s)")
    parser.add_argument("--seed", metavar="FILE", help="YAML file merged over the default seed data")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        emulator = Emulator(load_seed(args.seed))
        emulator.start(args.host, args.port, args.tls_port or None, args.cert_dir)
    except (OSError, SeedError) as exc:
        print(f"emulator: {exc}", file=sys.stderr)
        return 1

    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    ready = f"emulator ready: http={emulator.http.url}"
    if emulator.https:
        ready += f" https={emulator.https.url} ca={os.path.abspath(emulator.certs.ca)}"
    print(ready, flush=True)
    stopping.wait()
    emulator.stop()
    return 0
