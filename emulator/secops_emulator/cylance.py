"""Cylance / Aurora User API v2: auth (POST /auth/v2/token), the bearer-token check, and the
Optics package deployment resources (packages, package executions) with the device and zone
lookups they need.

The client signs its own HS256 "auth token" with the application secret; the server answers with
an access token carrying the granted scopes. See docs/emulator.md for which rules are documented.
"""
import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
import uuid
from dataclasses import dataclass, field
from functools import partial
from typing import Optional

import jwt

from . import fleet
from .core import HttpError, iso_utc, json_response
from .schema import Any, Bool, Enum, Field, Int, List, Map, Nullable, Number, Record, Str, Text

VENDOR = "cylance"
ISSUER = "http://cylance.com"
MAX_AUTH_TOKEN_SPAN = 1800  # exp - iat beyond this is a 400 (documented)
MAX_IAT_SKEW = 300  # iat this far in the future is refused (assumed tolerance)


def _error(status: int, message: str) -> HttpError:
    return HttpError(status, {"message": message})


class CylanceStore:
    """Applications from the seed plus issued access tokens and seen auth-token ids."""

    def __init__(self, clock):
        self.clock = clock
        self.signing_key = secrets.token_bytes(32)  # the server's own key for access tokens
        self.config = {}
        self.apps = {}
        self.used_jtis = {}
        self.access_tokens = {}
        self.tenants = {}

    def reset(self, config: dict) -> None:
        self.config = config
        # app_id -> (tenant_id, application)
        self.apps = {app["app_id"]: (tenant["tenant_id"], app) for tenant in config["tenants"] for app in tenant["applications"]}
        self.used_jtis = {}  # (app_id, jti) -> exp of that auth token
        self.access_tokens = {}  # jti -> exp; a token whose jti is gone counts as revoked
        now = self.clock.now()
        resources = config.get("resources") or {}
        self.tenants = {tenant["tenant_id"]: Tenant(resources.get(tenant["tenant_id"]) or {}, now, config["content_url"])
                        for tenant in config["tenants"]}

    def tenant(self, claims: dict) -> "Tenant":
        """The resources of the tenant an access token belongs to."""
        return self.tenants[claims["tid"]]

    def revoke_tokens(self) -> None:
        self.access_tokens.clear()

    def remember_jti(self, app_id: str, jti: str, exp: float) -> bool:
        """False when this auth token id was already used and has not expired yet."""
        now = self.clock.now()
        self.used_jtis = {key: expiry for key, expiry in self.used_jtis.items() if expiry > now}
        if (app_id, jti) in self.used_jtis:
            return False
        self.used_jtis[(app_id, jti)] = exp
        return True

    def issue(self, tenant_id: str, app_id: str, scopes: list) -> str:
        now = int(self.clock.now())
        claims = {"tid": tenant_id, "sub": app_id, "scp": scopes, "iat": now,
                  "exp": now + self.config["token_ttl"], "jti": str(uuid.uuid4())}
        self.access_tokens[claims["jti"]] = claims["exp"]
        return jwt.encode(claims, self.signing_key, algorithm="HS256")


def _b64url_json(part: str):
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _decode_auth_token(token: str, secret_for) -> dict:
    """Claims of an HS256 JWT whose key is ``secret_for(sub)``; 401 on any defect.

    Done with hmac rather than PyJWT: application secrets are often shorter than the 32 bytes
    PyJWT asks for, and the vendor accepts them.
    """
    try:
        header_part, payload_part, signature_part = token.split(".")
        header, claims = _b64url_json(header_part), _b64url_json(payload_part)
        signature = base64.urlsafe_b64decode(signature_part + "=" * (-len(signature_part) % 4))
    except (ValueError, binascii.Error, AttributeError):
        raise _error(401, "auth token is not a well-formed JWT") from None
    if not isinstance(header, dict) or header.get("alg") != "HS256" or not isinstance(claims, dict):
        raise _error(401, "auth token must be an HS256 JWT")
    secret = secret_for(claims.get("sub"))
    expected = hmac.new(secret.encode("utf-8"), f"{header_part}.{payload_part}".encode("ascii"), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, signature):
        raise _error(401, "auth token signature is invalid")
    return claims


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _requested_scopes(claims: dict):
    """Scopes asked for in ``scp`` (one comma-separated string), or None when absent."""
    if "scp" not in claims:
        return None
    if not isinstance(claims["scp"], str):
        raise _error(400, "scp must be one comma-separated string")
    return [scope.strip() for scope in claims["scp"].split(",") if scope.strip()]


def issue_token(store: CylanceStore, request):
    """POST /auth/v2/token {"auth_token": "<JWT signed with the application secret>"}."""
    body = request.json()
    token = body.get("auth_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        raise _error(400, "auth_token is required")

    def secret_for(app_id):
        if not isinstance(app_id, str) or app_id not in store.apps:
            raise _error(401, "unknown application")
        return str(store.apps[app_id][1]["app_secret"])

    claims = _decode_auth_token(token, secret_for)
    tenant_id, app = store.apps[claims["sub"]]
    if claims.get("iss") != ISSUER:
        raise _error(401, "iss must be " + ISSUER)
    if claims.get("tid") != tenant_id:
        raise _error(401, "tid does not own this application")
    iat, exp = claims.get("iat"), claims.get("exp")
    if not _is_number(iat) or not _is_number(exp):
        raise _error(400, "iat and exp must be numeric dates")
    if exp - iat > MAX_AUTH_TOKEN_SPAN:
        raise _error(400, f"exp may be at most {MAX_AUTH_TOKEN_SPAN} seconds after iat")
    requested = _requested_scopes(claims)
    now = store.clock.now()
    if exp <= now:
        raise _error(401, "auth token has expired")
    if iat > now + MAX_IAT_SKEW:
        raise _error(401, "auth token iat is in the future")
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti:
        raise _error(401, "jti is required")
    if not store.remember_jti(app["app_id"], jti, exp):
        raise _error(401, "auth token was already used (jti replay)")

    privileges = app["privileges"]
    granted = list(privileges) if requested is None else [scope for scope in privileges if scope in requested]
    return json_response({"access_token": store.issue(tenant_id, app["app_id"], granted)})


def require(store: CylanceStore, request, scope) -> dict:
    """Claims of the request's bearer access token: 401 if missing/invalid/expired/revoked, 403 without ``scope``.

    ``scope`` may be a tuple of scopes any one of which is enough (where sources disagree).
    """
    token = request.bearer_token()
    if not token:
        raise _error(401, "missing bearer token")
    try:
        claims = jwt.decode(token, store.signing_key, algorithms=["HS256"], options={"verify_exp": False, "verify_iat": False})
    except jwt.InvalidTokenError:
        raise _error(401, "invalid access token") from None
    if claims.get("jti") not in store.access_tokens:
        raise _error(401, "access token was revoked")
    if claims["exp"] <= store.clock.now():
        raise _error(401, "access token has expired")
    wanted = (scope,) if isinstance(scope, str) else tuple(scope)
    if not any(name in claims.get("scp", []) for name in wanted):
        raise _error(403, f"access token lacks the {' or '.join(wanted)} scope")
    return claims


# ---------------------------------------------------------------------------------------------
# Optics package deployment: packages, package executions, and the device and zone lookups.
# ---------------------------------------------------------------------------------------------

DAY = 86400
OPTICS_ID = re.compile(r"^[0-9A-F]{32}$")  # how execution targets must be written [doc]
UUID_FORM = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
PACKAGE_STATUSES = ("started", "success", "failed", "timeout")  # [doc]
PACKAGE_CATEGORIES = ("custom", "cylance")  # [doc]
DEVICE_STATES = ("Online", "Offline")
OUTCOMES = ("succeeded", "failed")
CRITICALITIES = ("Low", "Normal", "High")  # [doc]
# Sortable package fields [doc]; the default order is the upload date, newest first [doc].
PACKAGE_SORT_FIELDS = ("packageId", "uploadedOn", "uploadedBy.id", "uploadedBy.login", "size", "status", "timeout",
                       "packageDescriptor.name")
DEFAULT_PACKAGE_SORT = "-uploadedOn"
# Default page sizes: packages 20 and devices 100 [doc]; executions and zones 20 [assumed].
DEFAULT_PAGE_SIZE = 20
DEFAULT_DEVICE_PAGE_SIZE = 100
MAX_DEVICE_PAGE_SIZE = 10000  # [doc: Arctic Wolf Get Devices]
DEVICE_DEFAULTS = {"ack_after": 1, "run_seconds": 1, "outcome": "succeeded"}
# Seeded devices that leave out these facts get them from here, or derived from their ID.
DEVICE_FACT_DEFAULTS = {"os_version": "Microsoft Windows 10 Enterprise", "agent_version": "3.1.1001",
                        "policy": "Default", "registered_days_ago": 400, "last_seen_days_ago": 3}


def compact_id(value) -> Optional[str]:
    """A UUID in any common form (dashed, braces, any case) as 32 upper-case hex digits, else None."""
    if not isinstance(value, str):
        return None
    text = value.strip().strip("{}").replace("-", "").upper()
    return text if OPTICS_ID.match(text) else None


def console_id(compact: str) -> str:
    """The console form of an ID: lower case, dashed."""
    return str(uuid.UUID(compact))


def _derived_user_id(login: str) -> str:
    # The seed names users by login only; a stable ID is derived from it.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "mailto:" + login))


@dataclass
class Device:
    id: str  # compact form
    name: str
    online: bool
    ack_after: float
    run_seconds: float
    outcome: str
    os_version: str = DEVICE_FACT_DEFAULTS["os_version"]
    agent_version: str = DEVICE_FACT_DEFAULTS["agent_version"]
    ip_addresses: list = field(default_factory=list)
    mac_addresses: list = field(default_factory=list)
    policy: str = DEVICE_FACT_DEFAULTS["policy"]
    registered_at: float = 0.0
    last_seen_at: float = 0.0  # when an offline device went offline

    def as_json(self) -> dict:
        """A Get Devices item: the fields the list documents [doc: AW Get Devices; fields 3p XSOAR]."""
        return {
            "id": console_id(self.id),
            "name": self.name,
            "state": "Online" if self.online else "Offline",
            "agent_version": self.agent_version,
            "date_first_registered": iso_utc(self.registered_at),
            "ip_addresses": list(self.ip_addresses),
            "mac_addresses": list(self.mac_addresses),
            "policy": {"id": policy_id(self.policy), "name": self.policy},
        }

    def detail_json(self) -> dict:
        """Get Device: the list item and the facts only the single-device answer carries [3p: XSOAR get-device]."""
        detail = self.as_json()
        detail.update({
            "host_name": self.name,
            "os_version": self.os_version,
            "date_offline": None if self.online else iso_utc(self.last_seen_at),
            "date_last_modified": iso_utc(self.last_seen_at),
            "update_available": False,
            "is_safe": True,
        })
        return detail


def policy_id(name: str) -> str:
    # The seed names policies; a stable ID is derived from the name.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "cylance-policy:" + name))


def mac_key(text: str) -> str:
    """A MAC address compared without separators or case: 00-0C-29-..., 00:0c:29:... and 000C29... are the same."""
    return re.sub(r"[^0-9A-Fa-f]", "", text or "").upper()


def derived_ip(compact: str) -> str:
    return "10.{0}.{1}.{2}".format(int(compact[0:2], 16), int(compact[2:4], 16), int(compact[4:6], 16) or 1)


def derived_mac(compact: str) -> str:
    # Cylance shows MAC addresses upper case with dashes.
    return "-".join(compact[index:index + 2] for index in range(20, 32, 2))


def make_device(item: dict, now: float) -> Device:
    """A Device from a seed item; facts left out come from DEVICE_FACT_DEFAULTS or the ID."""
    item = {**DEVICE_DEFAULTS, **DEVICE_FACT_DEFAULTS, **item}
    compact = compact_id(item["id"])
    return Device(compact, item["name"], item["state"] == "Online", item["ack_after"], item["run_seconds"], item["outcome"],
                  os_version=item["os_version"], agent_version=item["agent_version"],
                  ip_addresses=list(item.get("ip_addresses") or [derived_ip(compact)]),
                  mac_addresses=list(item.get("mac_addresses") or [derived_mac(compact)]),
                  policy=item["policy"], registered_at=now - item["registered_days_ago"] * DAY,
                  last_seen_at=now - (0 if item["state"] == "Online" else item["last_seen_days_ago"] * DAY))


@dataclass
class Run:
    """One device counted by an execution: when it acknowledges and when it reports its outcome."""

    device: str
    acked_at: float
    done_at: float
    outcome: str


@dataclass
class Execution:
    id: str  # console form, the way the API shows execution IDs
    name: str
    created_at: float
    created_by: dict
    target: dict
    packages: list  # [{"package": compact package ID, "arguments": [...]}]
    destination: str
    keep_results_locally: bool
    runs: list = field(default_factory=list)

    def as_json(self, now: float, content_url: str) -> dict:
        # acked: received the command and not yet responded (Create Package Execution page).
        acked = sum(1 for run in self.runs if run.acked_at <= now < run.done_at)
        finished = [run for run in self.runs if run.done_at <= now]
        return {
            "id": self.id,
            "name": self.name,
            "createdAt": iso_utc(self.created_at),
            "createdBy": dict(self.created_by),
            "destination": self.destination,
            "deviceCount": len(self.runs),
            "deviceStatuses": {"acked": acked,
                               "failed": sum(1 for run in finished if run.outcome == "failed"),
                               "succeeded": sum(1 for run in finished if run.outcome == "succeeded")},
            "keepResultsLocally": self.keep_results_locally,
            # In answers "package" is the URL to download the package from [doc: Get/Delete pages].
            "packageExecutions": [{"arguments": list(item["arguments"]), "package": f"{content_url}/{item['package']}"}
                                  for item in self.packages],
            "target": {key: list(ids) for key, ids in self.target.items()},
        }


class ExecutionStore(dict):
    """A tenant's executions by console ID, oldest first, and a newest-first list for the pages.

    The list is rebuilt only after a change, so that every page of a walk over 100,000 executions
    costs what its own items cost (slicing an iterator from the far end cost O(offset) per page).
    Executions are only added and deleted, through ``[]=`` and ``del``.
    """

    def __init__(self):
        super().__init__()
        self._newest_first = None

    def __setitem__(self, key, value):
        self._newest_first = None
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self._newest_first = None
        super().__delitem__(key)

    def newest_first(self) -> list:
        if self._newest_first is None:
            self._newest_first = list(reversed(self.values()))
        return self._newest_first


class Tenant:
    """One tenant's packages, devices, zones and executions, built from its seed section."""

    def __init__(self, section: dict, now: float, content_url: str):
        self.content_url = content_url.rstrip("/")
        self.packages = {}  # compact ID -> API object
        for item in section.get("packages", []):
            self.packages[compact_id(item["id"])] = self._package(item, now)
        generated = fleet.generate(**section["fleet"]) if section.get("fleet") else {"devices": [], "zones": []}
        self.devices = {}
        for item in section.get("devices", []) + generated["devices"]:
            device = make_device(item, now)
            self.devices[device.id] = device
        self.zones = {}  # compact ID -> {"json": API object, "members": [compact device IDs]}
        for item in section.get("zones", []) + generated["zones"]:
            self.zones[compact_id(item["id"])] = {
                "json": {"id": console_id(compact_id(item["id"])), "name": item["name"],
                         "criticality": item.get("criticality", "Normal"), "date_created": iso_utc(now - 365 * DAY)},
                "members": [compact_id(member) for member in item.get("members", [])],
            }
            self.zones[compact_id(item["id"])]["member_set"] = set(self.zones[compact_id(item["id"])]["members"])
        self.executions = ExecutionStore()
        for item in section.get("executions", []):
            self.start_execution(
                item["name"], item["target"],
                [{"package": compact_id(p["package"]), "arguments": list(p.get("arguments", []))} for p in item["packages"]],
                item.get("destination", ""), item.get("keep_results_locally", False),
                {"id": _derived_user_id(item["created_by"]), "login": item["created_by"]},
                now - item["created_ago"], execution_id=item["id"])

    def _package(self, item: dict, now: float) -> dict:
        package_id = console_id(compact_id(item["id"]))
        return {
            "packageId": package_id,
            "category": item.get("category", "custom"),
            "downloadUrl": f"{self.content_url}/{compact_id(item['id'])}",
            "packageDescriptor": {
                "name": item["name"],
                "description": item.get("description", ""),
                "examples": [{"description": example.get("description", ""), "invocationString": example["invocation"]}
                             for example in item.get("examples", [])],
                "packageInfo": {"entryPoint": "", "fileName": item.get("file_name", "package.py"), "fileType": "python"},
                "packageId": package_id,
                "version": item.get("version", 1),
            },
            "playbookCount": 0,
            "size": item.get("size", 0),
            "status": item.get("status", "success"),
            "timeout": item.get("timeout", 600),
            "uploadedBy": {"id": _derived_user_id(item.get("uploaded_by", "admin@example.com")),
                           "login": item.get("uploaded_by", "admin@example.com")},
            "uploadedOn": iso_utc(now - item.get("uploaded_days_ago", 0) * DAY),
        }

    def targeted_devices(self, target: dict) -> list:
        """Devices an execution reaches: the listed ones, or the zones' members; each once, unknown IDs skipped."""
        if target.get("devices"):
            wanted = list(target["devices"])
        else:
            wanted = [member for zone in target.get("zones", []) for member in self.zones.get(zone, {}).get("members", [])]
        seen = []
        for device_id in wanted:
            if device_id in self.devices and device_id not in seen:
                seen.append(device_id)
        return [self.devices[device_id] for device_id in seen]

    def start_execution(self, name, target, packages, destination, keep_results_locally, created_by, created_at,
                        execution_id=None) -> Execution:
        # deviceCount is the number of devices online when the execution was requested [doc].
        runs = [Run(device.id, created_at + device.ack_after, created_at + device.ack_after + device.run_seconds, device.outcome)
                for device in self.targeted_devices(target) if device.online]
        execution = Execution(execution_id or str(uuid.uuid4()), name, created_at, created_by,
                              {key: list(ids) for key, ids in target.items()}, packages, destination, keep_results_locally, runs)
        self.executions[execution.id] = execution
        return execution

    def execution_json(self, execution: Execution, now: float) -> dict:
        return execution.as_json(now, self.content_url)

    def find_execution(self, execution_id: str) -> Execution:
        compact = compact_id(execution_id)
        execution = self.executions.get(console_id(compact)) if compact else None
        if execution is None:
            raise _error(404, "package execution not found")
        return execution

    def find_device(self, device_id: str) -> Device:
        device = self.devices.get(compact_id(device_id))
        if device is None:
            raise _error(404, "device not found")
        return device

    def zones_of(self, device: Device) -> list:
        return [zone["json"] for zone in self.zones.values() if device.id in zone["member_set"]]

    def find_zone(self, zone_id: str) -> dict:
        compact = compact_id(zone_id)
        if compact not in self.zones:
            raise _error(404, "zone not found")
        return self.zones[compact]


def _positive_int(request, name: str, default: int) -> int:
    raw = request.query_value(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise _error(400, f"{name} must be a positive integer")
    return value


def paged(request, items: list, default_size: int, max_size: int, render=None):
    """One page of ``items`` in the v2 list envelope; page_size is capped at ``max_size`` [assumed].

    ``render`` turns an item into its API object; only the items of the page are rendered, so a
    page costs the same whatever the length of the list (the scale benchmark lists 100,000).
    """
    page = _positive_int(request, "page", 1)
    size = min(_positive_int(request, "page_size", default_size), max_size)
    start = (page - 1) * size
    shown = items[start:start + size]
    return json_response({
        "page_number": page,
        "page_size": size,
        "total_pages": -(-len(items) // size),
        "total_number_of_items": len(items),
        "page_items": [render(item) for item in shown] if render else shown,
    })


def _field(item: dict, dotted: str):
    for key in dotted.split("."):
        item = item.get(key) if isinstance(item, dict) else None
    return item


def _sorted_packages(packages: list, sort: str) -> list:
    """``sort`` is a comma-separated list of fields, each optionally prefixed with - for descending."""
    result = list(packages)
    for term in reversed([term.strip() for term in sort.split(",") if term.strip()]):
        name = term.lstrip("-")
        if name not in PACKAGE_SORT_FIELDS:
            raise _error(400, f"cannot sort by {name!r}; sortable fields: {', '.join(PACKAGE_SORT_FIELDS)}")
        result.sort(key=_sort_key(name), reverse=term.startswith("-"))
    return result


def _sort_key(name: str):
    if name in ("size", "timeout"):
        return lambda item: _field(item, name) or 0
    return lambda item: str(_field(item, name) or "").lower()


def list_packages(store: CylanceStore, request):
    """GET /packages/v2?page&page_size&sort&status&category (opticspkgconfig:list)."""
    tenant = store.tenant(require(store, request, "opticspkgconfig:list"))
    packages = list(tenant.packages.values())
    for name, allowed in (("status", PACKAGE_STATUSES), ("category", PACKAGE_CATEGORIES)):
        wanted = request.query_value(name)
        if wanted is not None:
            if wanted not in allowed:
                raise _error(400, f"{name} must be one of {', '.join(allowed)}")
            packages = [package for package in packages if package[name] == wanted]
    packages = _sorted_packages(packages, request.query_value("sort") or DEFAULT_PACKAGE_SORT)
    return paged(request, packages, DEFAULT_PAGE_SIZE, store.config["max_page_size"])


def get_package(store: CylanceStore, request):
    """GET /packages/v2/{package_id} (opticspkgconfig:read)."""
    tenant = store.tenant(require(store, request, "opticspkgconfig:read"))
    package = tenant.packages.get(compact_id(request.params["package_id"]))
    if package is None:
        raise _error(404, "package not found")
    return json_response(package)


def list_executions(store: CylanceStore, request):
    """GET /packages/v2/executions?page&page_size (opticspkgdeploy:list), newest first [assumed]."""
    tenant = store.tenant(require(store, request, "opticspkgdeploy:list"))
    now = store.clock.now()
    return paged(request, tenant.executions.newest_first(), DEFAULT_PAGE_SIZE, store.config["max_page_size"],
                 render=lambda execution: tenant.execution_json(execution, now))


def get_execution(store: CylanceStore, request):
    """GET /packages/v2/executions/{execution_id} (opticspkgdeploy:read)."""
    tenant = store.tenant(require(store, request, "opticspkgdeploy:read"))
    return json_response(tenant.execution_json(tenant.find_execution(request.params["execution_id"]), store.clock.now()))


def delete_execution(store: CylanceStore, request):
    """DELETE /packages/v2/executions/{execution_id} (opticspkgdeploy:delete): 200 with the deleted execution."""
    tenant = store.tenant(require(store, request, "opticspkgdeploy:delete"))
    execution = tenant.find_execution(request.params["execution_id"])
    del tenant.executions[execution.id]
    return json_response(tenant.execution_json(execution, store.clock.now()))


def _target(target) -> dict:
    """The validated ``target``: devices or zones, never both, IDs upper case without dashes [doc]."""
    if not isinstance(target, dict):
        raise _error(400, "execution.target must be an object with a devices or a zones list")
    lists = {}
    for key in ("devices", "zones"):
        if key not in target:
            continue
        ids = target[key]
        if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
            raise _error(400, f"execution.target.{key} must be a list of IDs")
        malformed = [item for item in ids if not OPTICS_ID.match(item)]
        if malformed:
            raise _error(400, f"execution.target.{key}: IDs must be upper case without dashes, "
                              f"such as E378DACB9324453AB8C65A8406952195; got {malformed[0]!r}")
        lists[key] = ids
    # An empty second list is tolerated: the one public tool that drives executions sends one [3p].
    if all(lists.get(key) for key in ("devices", "zones")):
        raise _error(400, "execution.target: target devices or zones, not both")
    if not any(lists.values()):
        raise _error(400, "execution.target must list devices or zones")
    return lists


def _package_executions(items, tenant: Tenant) -> list:
    if not isinstance(items, list) or not items:
        raise _error(400, "execution.packageExecutions must be a non-empty list")
    result = []
    for index, item in enumerate(items):
        where = f"execution.packageExecutions[{index}]"
        if not isinstance(item, dict):
            raise _error(400, f"{where} must be an object with package and arguments")
        package = item.get("package")
        if not isinstance(package, str) or not UUID_FORM.match(package):
            raise _error(400, f"{where}.package must be a package ID in UUID format, such as 61d8944e-d900-4724-87eb-d10078b90a41")
        if compact_id(package) not in tenant.packages:
            raise _error(400, f"{where}.package: no package {package}")
        arguments = item.get("arguments", [])
        if not isinstance(arguments, list) or not all(isinstance(argument, str) for argument in arguments):
            raise _error(400, f"{where}.arguments must be a list of strings")
        result.append({"package": compact_id(package), "arguments": list(arguments)})
    return result


def create_execution(store: CylanceStore, request):
    """POST /packages/v2/executions {"execution": {...}} (opticspkgdeploy:create): 201 with the execution."""
    claims = require(store, request, "opticspkgdeploy:create")
    tenant = store.tenant(claims)
    body = request.json()
    spec = body.get("execution") if isinstance(body, dict) else None
    if not isinstance(spec, dict):
        raise _error(400, "the body must be {\"execution\": {...}}")
    name = spec.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _error(400, "execution.name is required")
    target = _target(spec.get("target"))
    packages = _package_executions(spec.get("packageExecutions"), tenant)
    destination = spec.get("destination", "")
    if not isinstance(destination, str):
        raise _error(400, "execution.destination must be a string (\"\" to keep results on the devices only)")
    keep = spec.get("keepResultsLocally", False)
    if not isinstance(keep, bool):
        raise _error(400, "execution.keepResultsLocally must be true or false")
    now = store.clock.now()
    # An application, not a user, made the request: its ID stands in for the user [assumed].
    execution = tenant.start_execution(name, target, packages, destination, keep, {"id": claims["sub"], "login": None}, now)
    return json_response(tenant.execution_json(execution, now), 201)


def list_devices(store: CylanceStore, request):
    """GET /devices/v2?page&page_size (device:list); default page size 100, at most 10,000 [doc]."""
    tenant = store.tenant(require(store, request, "device:list"))
    return paged(request, list(tenant.devices.values()), DEFAULT_DEVICE_PAGE_SIZE, MAX_DEVICE_PAGE_SIZE, render=Device.as_json)


# Get Device: device:list [doc: AW Get Device] or device:read (XSOAR); either is accepted.
READ_DEVICE = ("device:read", "device:list")


def get_device(store: CylanceStore, request):
    """GET /devices/v2/{device_id}: one device with its detail fields; 404 when unknown."""
    tenant = store.tenant(require(store, request, READ_DEVICE))
    return json_response(tenant.find_device(request.params["device_id"]).detail_json())


def devices_by_hostname(store: CylanceStore, request):
    """GET /devices/v2/hostname/{hostname}: a LIST, since several devices can share a hostname [3p].

    Hostnames match case-insensitively; no match is a 404 [assumed].
    """
    tenant = store.tenant(require(store, request, READ_DEVICE))
    wanted = request.params["hostname"].lower()
    matches = [device.detail_json() for device in tenant.devices.values() if device.name.lower() == wanted]
    if not matches:
        raise _error(404, "no device with this hostname")
    return json_response(matches)


def devices_by_mac(store: CylanceStore, request):
    """GET /devices/v2/macaddress/{mac}: a list, as by hostname [doc: BB Get device by MAC]; any MAC spelling."""
    tenant = store.tenant(require(store, request, READ_DEVICE))
    wanted = mac_key(request.params["mac"])
    matches = [device.detail_json() for device in tenant.devices.values()
               if wanted and wanted in (mac_key(mac) for mac in device.mac_addresses)]
    if not matches:
        raise _error(404, "no device with this MAC address")
    return json_response(matches)


def zone_devices(store: CylanceStore, request):
    """GET /devices/v2/{zone_id}/devices?page&page_size (device:list): the zone's members [vendor-code]."""
    tenant = store.tenant(require(store, request, "device:list"))
    zone = tenant.find_zone(request.params["zone_id"])
    members = [tenant.devices[member] for member in zone["members"] if member in tenant.devices]
    return paged(request, members, DEFAULT_DEVICE_PAGE_SIZE, store.config["max_page_size"], render=Device.as_json)


def device_zones(store: CylanceStore, request):
    """GET /zones/v2/{device_id}/zones?page&page_size: the zones a device belongs to [doc]."""
    tenant = store.tenant(require(store, request, ("zone:read", "zone:list")))
    zones = tenant.zones_of(tenant.find_device(request.params["device_id"]))
    return paged(request, zones, DEFAULT_PAGE_SIZE, store.config["max_page_size"])


def list_zones(store: CylanceStore, request):
    """GET /zones/v2?page&page_size (zone:list)."""
    tenant = store.tenant(require(store, request, "zone:list"))
    items = [zone["json"] for zone in tenant.zones.values()]
    return paged(request, items, DEFAULT_PAGE_SIZE, store.config["max_page_size"])


def get_zone(store: CylanceStore, request):
    """GET /zones/v2/{zone_id} (zone:read)."""
    tenant = store.tenant(require(store, request, "zone:read"))
    return json_response(tenant.find_zone(request.params["zone_id"])["json"])


ROUTES = (
    ("GET", "/packages/v2", list_packages),
    ("GET", "/packages/v2/{package_id}", get_package),
    ("GET", "/packages/v2/executions", list_executions),
    ("POST", "/packages/v2/executions", create_execution),
    ("GET", "/packages/v2/executions/{execution_id}", get_execution),
    ("DELETE", "/packages/v2/executions/{execution_id}", delete_execution),
    ("GET", "/devices/v2", list_devices),
    ("GET", "/devices/v2/{device_id}", get_device),
    ("GET", "/devices/v2/hostname/{hostname}", devices_by_hostname),
    ("GET", "/devices/v2/macaddress/{mac}", devices_by_mac),
    ("GET", "/devices/v2/{zone_id}/devices", zone_devices),
    ("GET", "/zones/v2", list_zones),
    ("GET", "/zones/v2/{zone_id}", get_zone),
    ("GET", "/zones/v2/{device_id}/zones", device_zones),
)


# ---------------------------------------------------------------------------------------------
# Seed data: the shape of the cylance section (checked by schema.validate), then the references
# between its items (check_references, called by seed.py; a ValueError names the offending key).
# ---------------------------------------------------------------------------------------------

UUID = Text(lambda text: compact_id(text) is not None, "a UUID")
SECONDS = Number(minimum=0, unit="seconds")
APPLICATION = Record({
    "app_id": Field(Str(), required=True, doc='the auth JWT\'s "sub" claim'),
    "app_secret": Field(Any(), required=True, doc="HS256 key of the auth JWT"),
    "privileges": Field(List(Str()), required=True, doc="scopes granted in the console"),
})
TENANT = Record({
    "tenant_id": Field(Str(), required=True, doc='the auth JWT\'s "tid" claim'),
    "applications": Field(List(APPLICATION), required=True, doc="custom applications of the tenant"),
})
PACKAGE = Record({
    "id": Field(UUID, required=True, doc="packageId"),
    "name": Field(Str(), required=True, doc="packageDescriptor.name"),
    "description": Field(Str()),
    "version": Field(Int()),
    "category": Field(Enum(*PACKAGE_CATEGORIES), doc="default custom"),
    "status": Field(Enum(*PACKAGE_STATUSES), doc="upload state, default success"),
    "timeout": Field(Number(minimum=0, unit="seconds"), doc="default 600"),
    "size": Field(Int(minimum=0), doc="bytes"),
    "uploaded_by": Field(Str(), doc="uploadedBy.login"),
    "uploaded_days_ago": Field(Number(minimum=0, unit="days")),
    "file_name": Field(Str()),
    "examples": Field(List(Record({"description": Field(Str()), "invocation": Field(Str(), required=True)}))),
})
DEVICE = Record({
    "id": Field(UUID, required=True, doc="console form"),
    "name": Field(Str(), required=True, doc="hostname"),
    "state": Field(Enum(*DEVICE_STATES), required=True),
    "ack_after": Field(SECONDS, doc="default 1"),
    "run_seconds": Field(SECONDS, doc="default 1"),
    "outcome": Field(Enum(*OUTCOMES), doc="default succeeded"),
    "os_version": Field(Str(), doc=f"Get Device's os_version, default {DEVICE_FACT_DEFAULTS['os_version']}"),
    "agent_version": Field(Str(), doc=f"default {DEVICE_FACT_DEFAULTS['agent_version']}"),
    "ip_addresses": Field(List(Str()), doc="default one 10.x.y.z address derived from the ID"),
    "mac_addresses": Field(List(Str()), doc="default one MAC derived from the ID (upper case, dashes)"),
    "policy": Field(Str(), doc="policy name (policy.id is derived from it), default Default"),
    "registered_days_ago": Field(Number(minimum=0, unit="days"), doc="date_first_registered, default 400"),
    "last_seen_days_ago": Field(Number(minimum=0, unit="days"), doc="date_offline of an offline device, default 3"),
})
ZONE = Record({
    "id": Field(UUID, required=True),
    "name": Field(Str(), required=True),
    "criticality": Field(Enum(*CRITICALITIES), doc="default Normal"),
    "members": Field(List(UUID), doc="device IDs"),
})
EXECUTION = Record({
    "id": Field(UUID, required=True),
    "name": Field(Str(), required=True),
    "created_ago": Field(SECONDS, required=True, doc="before each reset"),
    "created_by": Field(Str(), required=True),
    "target": Field(Record({
        "devices": Field(List(Str()), doc="device IDs, upper case without dashes"),
        "zones": Field(List(Str()), doc="zone IDs, upper case without dashes"),
    }), required=True, doc="as the API takes it: devices or zones, not both"),
    "packages": Field(List(Record({"package": Field(UUID, required=True), "arguments": Field(List(Str()))})), required=True),
    "destination": Field(Str()),
    "keep_results_locally": Field(Bool()),
})
RESOURCES = Record({
    "packages": Field(List(PACKAGE)),
    "devices": Field(List(DEVICE)),
    "zones": Field(List(ZONE)),
    "executions": Field(List(EXECUTION)),
    "fleet": Field(fleet.SCHEMA, doc="generated devices and zones added to the listed ones (a large fleet)"),
}, closed=True)
SEED_SCHEMA = Record({
    "token_ttl": Field(Int(minimum=1), required=True, doc="lifetime (s) of access tokens"),
    "tenants": Field(List(TENANT), required=True, doc="tenants, each with its custom applications"),
    "max_page_size": Field(Int(minimum=1), required=True, doc="largest page_size honoured by the lists"),
    "content_url": Field(Text(lambda text: text.startswith(("http://", "https://")), "an http(s) URL"), required=True,
                         doc="host of the package files (downloadUrl)"),
    "resources": Field(Nullable(Map(Nullable(RESOURCES), what="a mapping of tenant IDs to their resources", key="tenant ID")),
                       doc="resources of each tenant; a tenant not listed has none"),
}, closed=True)


def check_references(section: dict) -> None:
    """Refuse resources of an unknown tenant, and items that name unknown devices, zones or packages."""
    tenants = {tenant["tenant_id"] for tenant in section["tenants"]}
    for tenant_id, resources in (section.get("resources") or {}).items():
        where = f"resources.{tenant_id}"
        if tenant_id not in tenants:
            raise ValueError(f"{where} is not a seeded tenant")
        resources = resources or {}
        device_ids = {compact_id(item["id"]) for item in resources.get("devices", [])}
        for index, zone in enumerate(resources.get("zones", [])):
            unknown = [member for member in zone.get("members", []) if compact_id(member) not in device_ids]
            if unknown:
                raise ValueError(f"{where}.zones[{index}].members: unknown devices {', '.join(map(str, unknown))}")
        package_ids = {compact_id(item["id"]) for item in resources.get("packages", [])}
        zone_ids = {compact_id(item["id"]) for item in resources.get("zones", [])}
        for index, execution in enumerate(resources.get("executions", [])):
            here = f"{where}.executions[{index}]"
            try:
                target = _target(execution["target"])
            except HttpError as exc:
                raise ValueError(f"{here}.target: {json.loads(exc.response.body)['message']}") from None
            known = device_ids if target.get("devices") else zone_ids
            if any(member not in known for member in target.get("devices") or target.get("zones")):
                raise ValueError(f"{here}.target names an unknown device or zone")
            for number, package in enumerate(execution["packages"]):
                if compact_id(package["package"]) not in package_ids:
                    raise ValueError(f"{here}.packages[{number}].package is not a seeded package: {package['package']!r}")


def register(router, state) -> None:
    store = CylanceStore(state.clock)
    state.add_store(VENDOR, store)
    router.add("POST", "/auth/v2/token", partial(issue_token, store), vendor=VENDOR)
    for method, template, handler in ROUTES:
        router.add(method, template, partial(handler, store), vendor=VENDOR)
