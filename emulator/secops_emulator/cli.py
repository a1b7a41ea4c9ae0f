"""Command line: ``secops-emulator [--host ADDR] [--port N] [--tls-port N] [--cert-dir DIR] [--seed FILE]``.

``python -m secops_emulator`` runs the same command.
"""
import argparse
import os
import signal
import sys
import threading

from . import __version__, fleet, tls
from .app import Emulator
from .schema import describe
from .seed import DEFAULTS_PATH, SCHEMA, SeedError, checked, load_seed


def _env_port(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise SystemExit(f"emulator: {name} must be a port number, got {value!r}") from None


DESCRIPTION = """\
Offline emulator of the BlackBerry Cylance (Optics package deployment), Symantec Control
Compliance Suite and Oracle Managed Cloud Self-Service APIs, for testing playbooks of the
secops.executions collection (or any client of those APIs) without a vendor console. All three
APIs are served on one port, with demo credentials from the default seed data."""

EPILOG = """\
control API (no authentication), under http://HOST:PORT/_emulator/:
  GET  health            {"status": "ok"} once the emulator answers
  POST reset             back to the loaded seed: no tokens, request log, faults or clock offset
  POST seed              a JSON body merged over the default seed becomes the loaded seed
  GET  requests?since=N  the request log (DELETE clears it)
  POST faults            arm a fault rule: status, retry_after, delay, body, drop (GET/DELETE)
  POST clock             {"advance": SECONDS} moves the emulator clock forward, {"freeze": true|false}
                         stops or restarts it (GET reads it)
  POST tokens/revoke     {"vendor": "cylance" | "ccs" | "oci" | null} invalidates access tokens

The emulator prints "emulator ready: http=URL [https=URL ca=FILE]" once it accepts connections,
and stops on SIGINT (Ctrl-C) or SIGTERM. Exit status 1: it could not start (port in use, bad
seed file). User guide: docs/emulator.md of the secops.executions collection.
"""


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="secops-emulator", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=_env_port("EMULATOR_PORT", 8710),
                        help="HTTP port, 0 picks a free one (env EMULATOR_PORT, default: 8710)")
    parser.add_argument("--tls-port", type=int, default=_env_port("EMULATOR_TLS_PORT", 0),
                        help="HTTPS port serving the same API; 0 disables HTTPS (env EMULATOR_TLS_PORT, default: 0)")
    parser.add_argument("--cert-dir", default=tls.DEFAULT_CERT_DIR,
                        help="where ca.pem, server.pem and server-key.pem are kept, relative to the current "
                             "directory (default: %(default)s)")
    parser.add_argument("--seed", metavar="FILE",
                        help="YAML file merged over the default seed data (see --print-seed)")
    parser.add_argument("--fleet", metavar="DEVICES[:ZONES]",
                        help="add a generated fleet to the first Cylance tenant, such as 50000:200 (devices spread over "
                             "zones); the same as cylance.resources.<tenant>.fleet in a seed file")
    parser.add_argument("--print-seed", action="store_true",
                        help="print the default seed data (YAML, with a comment on every key) and exit")
    parser.add_argument("--print-schema", action="store_true",
                        help="print every key a seed file may hold, with its type (a Markdown table), and exit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def schema_table() -> str:
    """The seed schema as a Markdown table: key path, type, required or not, meaning."""
    lines = ["| Key | Type | Required | Meaning |", "|---|---|---|---|"]
    for path, kind, required, doc in describe(SCHEMA):
        if "." in path:  # not the vendor sections themselves
            cells = (f"`{path}`", kind, "yes" if required else "", doc)
            lines.append("| " + " | ".join(cell.replace("|", "&#124;") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def with_fleet(seed: dict, fleet_text) -> dict:
    """The seed with ``--fleet`` applied to the first Cylance tenant, validated again."""
    if not fleet_text:
        return seed
    tenant_id = seed["cylance"]["tenants"][0]["tenant_id"]
    resources = seed["cylance"].get("resources") or {}
    resources[tenant_id] = dict(resources.get(tenant_id) or {}, fleet=fleet.parse(fleet_text))
    seed["cylance"]["resources"] = resources
    return checked(seed)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.print_seed:
        with open(DEFAULTS_PATH, encoding="utf-8") as handle:
            sys.stdout.write(handle.read())
        return 0
    if args.print_schema:
        sys.stdout.write(schema_table())
        return 0
    try:
        emulator = Emulator(with_fleet(load_seed(args.seed), args.fleet))
        emulator.start(args.host, args.port, args.tls_port or None, args.cert_dir)
    except (OSError, SeedError, ValueError) as exc:
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
