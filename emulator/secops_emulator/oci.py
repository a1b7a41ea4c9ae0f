"""Oracle MCS: an IDCS-like identity provider (client-credentials grant, JWKS), the MCS API auth,
and the self-service configuration API (executions and their metadata).

The MCS API verifies RS256 bearer JWTs against the key set registered in the portal, and the
``Identifier`` header names that registration. docs/emulator.md says which rules are documented
and which are assumed.
"""
import base64
import binascii
import datetime
import hmac
import random
import re
import string
import uuid
from functools import partial
from typing import Optional
from urllib.parse import unquote_plus

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from .core import HttpError, json_response
from .schema import Any, Bool, Enum, Field, Int, List, Map, Nullable, Record, Str

VENDOR = "oci"
ISSUER = "https://identity.oraclecloud.com/"
AUDIENCE = "urn:opc:mcs"
SCOPE_USER = "mcs:oci:api:User"
SCOPE_PRIVILEGED_USER = "mcs:oci:api:PrivilegedUser"
SCOPE_APPROVER = "mcs:oci:api:Approver"

# Configuration executions (docs/emulator.md tags each rule [doc] or [assumed]).
OPEN = "Open"
UNSCHEDULED = "Ready For Scheduling/Approval"
SCHEDULED = "Ready For Execution"
CUSTOMER_REVIEW = "Review Update"
CUSTOMER_ACKNOWLEDGED = "Acknowledged"
MIN_LEAD_SECONDS = 16 * 60  # scheduledTime must be at least 16 minutes ahead
DEFAULT_LIMIT = 25  # lists answer with the first 25 items unless told otherwise
TOTAL_HEADER = "X-Total-Rows-Count"
DURATION_UNITS = {"minutes": 60, "hours": 3600, "days": 86400}
ID_CHARACTERS = string.ascii_uppercase + string.digits


# Seed data: the shape of the oci section (checked by schema.validate), then what a schema cannot
# say (check_references, called by seed.py; a ValueError names the offending key).
EXECUTION_SEED_KEYS = ("id", "support_identifier", "service_type", "instance", "summary", "config_type", "activity_name", "activity_type")
SCHEDULED_IN = Nullable(Int(unit="seconds"))
PARAMETER = Record({
    "id": Field(Any()), "parameterId": Field(Any()),
    "parameterName": Field(Str(), required=True),
    "parameterType": Field(Str()), "uiDataType": Field(Str()),
    "mandatory": Field(Bool()), "default": Field(Any()),
})
DETAIL = Record({
    "type": Field(Str(), required=True, doc="the activity type (Enable, Disable...)"),
    "scope": Field(Str()),
    "displayOnCreate": Field(Bool(), doc="false: the downstream step of a Toggle activity"),
    "parameters": Field(Nullable(List(PARAMETER))),
})
DURATION = Record({
    "unit": Field(Enum(*DURATION_UNITS), required=True),
    "value": Field(Int(), required=True),
})
ACTIVITY = Record({
    "id": Field(Any()),
    "name": Field(Str(), required=True),
    "uiType": Field(Str(), doc="Toggle | Single"),
    "duration": Field(DURATION),
    "serviceType": Field(Str()), "serviceMessage": Field(Str()),
    "bounce": Field(Bool()), "active": Field(Bool()),
    "details": Field(List(DETAIL), required=True),
})
EXECUTION_SEED_DOCS = {"id": "execution id = RFC number", "support_identifier": "CSI", "instance": "target instance"}
EXECUTION = Record(dict(
    {key: Field(Any(), required=True, doc=EXECUTION_SEED_DOCS.get(key, "")) for key in EXECUTION_SEED_KEYS},
    parameters=Field(Nullable(Map(Any(), key="parameter name"))),
    primary_contact=Field(Nullable(Str())),
    customer_note=Field(Nullable(Str())),
    duration=Field(Nullable(DURATION), doc="default: the activity's"),
    bounce=Field(Bool(), doc="default: the activity's"),
    logs=Field(Nullable(List(Str())), doc="log file names"),
    scheduled_in=Field(SCHEDULED_IN, doc="seconds after each reset; null: not scheduled"),
    downstream=Field(Nullable(List(Record({
        "id": Field(Any(), required=True),
        "activity_type": Field(Any(), required=True),
        "scheduled_in": Field(SCHEDULED_IN),
    })))),
))
SEED_SCHEMA = Record({
    "token_ttl": Field(Int(minimum=1), required=True, doc="lifetime (s) of access tokens"),
    "identifier": Field(Str(), required=True, doc="JWKS Identifier GUID expected in the Identifier header"),
    "clients": Field(List(Record({
        "client_id": Field(Any(), required=True),
        "client_secret": Field(Any(), required=True),
        "scopes": Field(List(Str()), required=True),
        "customers": Field(List(Any()), required=True, doc="CSIs the client may act on"),
    })), required=True),
    "customers": Field(List(Record({
        "support_identifier": Field(Any(), required=True, doc="CSI"),
        "opted_in": Field(Bool(), required=True, doc="opted in to the Configuration functionality"),
        "service_types": Field(List(Str())),
        "instances": Field(Map(List(Str()), what="a mapping of service types to lists of instance names", key="service type"),
                           doc="instances (targets) per service type"),
        "contacts": Field(List(Str()), doc="valid primary contacts"),
    })), required=True),
    "config_types": Field(Map(List(Str()), what="a mapping of service types to lists of names", key="service type"),
                          required=True, doc="configuration types allowed per service type"),
    "activities": Field(Map(List(ACTIVITY), what="a mapping of configuration types to lists of activities",
                            key="configuration type"), required=True, doc="activities of each configuration type"),
    "executions": Field(List(EXECUTION), required=True),
}, closed=True)


def check_references(section: dict) -> None:
    """Refuse a seed in which two executions (or downstream steps) share an id."""
    seen = set()
    for index, entry in enumerate(section["executions"]):
        for execution_id in [entry["id"]] + [step["id"] for step in entry.get("downstream") or []]:
            if execution_id in seen:
                raise ValueError(f"executions[{index}]: id {execution_id} is used twice")
            seen.add(execution_id)


def _oauth_error(status: int, error: str, headers=None) -> HttpError:
    return HttpError(status, {"error": error}, headers)


def _denied(status: int, message: str) -> HttpError:
    return HttpError(status, {"message": message})


class Execution:
    """One configuration execution (an RFC in My Oracle Support), in the emulator's own words."""

    def __init__(self, execution_id, customer, service_type, instance, summary, config_type, activity, activity_type,
                 parameters, duration, bounce, created_on, created_by, primary_contact=None, customer_note=None,
                 reference_id=None, logs=()):
        self.id = execution_id
        self.customer = customer
        self.service_type = service_type
        self.instance = instance
        self.summary = summary
        self.config_type = config_type
        self.activity = activity
        self.activity_type = activity_type
        self.parameters = parameters  # [{"name", "value"}], as stored
        self.duration = duration  # {"unit", "value"}
        self.bounce = bounce
        self.primary_contact = primary_contact
        self.customer_note = customer_note
        self.reference_id = reference_id  # the parent of a toggle's downstream execution
        self.downstream = []  # the downstream executions of a toggle activity
        self.logs = list(logs)
        self.created_on = self.updated_on = created_on
        self.created_by = self.updated_by = created_by
        self.status = OPEN
        self.sub_status = UNSCHEDULED
        self.customer_status = CUSTOMER_REVIEW
        self.scheduled_start = None
        self.scheduled_by = None
        self.check_auto_disable = None

    @property
    def scheduled_end(self) -> Optional[float]:
        if self.scheduled_start is None:
            return None
        return self.scheduled_start + self.duration["value"] * DURATION_UNITS[self.duration["unit"]]

    @property
    def family(self) -> list:
        return [self] + self.downstream

    def schedule(self, start: float, who: str, now: float) -> None:
        self.scheduled_start, self.scheduled_by = start, who
        self.sub_status, self.customer_status = SCHEDULED, CUSTOMER_ACKNOWLEDGED
        self.updated_on, self.updated_by = now, who

    def unschedule(self, who: str, now: float) -> None:
        self.scheduled_start = self.scheduled_by = None
        self.sub_status, self.customer_status = UNSCHEDULED, CUSTOMER_REVIEW
        self.updated_on, self.updated_by = now, who


class OciStore:
    """Clients, customers, configuration metadata and executions from the seed, the signing key,
    and the ids of live tokens."""

    def __init__(self, clock):
        self.clock = clock
        # One RSA key per process: generating it on every reset would slow tests down.
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "emulator-" + uuid.uuid4().hex[:12]
        self.config = {}
        self.clients = {}
        self.customers = {}
        self.issued = {}
        self.executions = {}
        self.ids = random.Random()

    def reset(self, config: dict) -> None:
        self.config = config
        self.clients = {client["client_id"]: client for client in config["clients"]}
        self.customers = {str(customer["support_identifier"]): customer for customer in config["customers"]}
        self.issued = {}  # jti -> exp; a token whose jti is gone counts as revoked
        self.ids = random.Random(3)  # the same new ids after every reset: reproducible tests
        self.executions = {}  # id -> Execution, in creation order
        now = self.clock.now()
        for entry in config["executions"]:
            self._seed_execution(entry, now)

    def _seed_execution(self, entry: dict, now: float) -> None:
        """A seed entry, whose schedule is given in seconds after the reset (scheduled_in)."""
        activity = self.activity(entry["config_type"], entry["activity_name"]) or {}
        created = now - 86400
        parent = self.add_execution(Execution(
            entry["id"], str(entry["support_identifier"]), entry["service_type"], entry["instance"], entry["summary"],
            entry["config_type"], entry["activity_name"], entry["activity_type"],
            [{"name": name, "value": str(value)} for name, value in (entry.get("parameters") or {}).items()],
            entry.get("duration") or activity.get("duration") or {"unit": "hours", "value": 1},
            entry.get("bounce", activity.get("bounce", False)), created, "seed",
            entry.get("primary_contact"), entry.get("customer_note"), logs=entry.get("logs") or ()))
        if entry.get("scheduled_in") is not None:
            parent.schedule(now + entry["scheduled_in"], "seed", now)
        for step in entry.get("downstream") or []:
            child = self.add_downstream(parent, step["activity_type"], [], created, "seed", step["id"])
            if step.get("scheduled_in") is not None:
                child.schedule(now + step["scheduled_in"], "seed", now)

    def activity(self, config_type: str, name) -> Optional[dict]:
        for activity in self.config["activities"].get(config_type) or []:
            if activity.get("name") == name:
                return activity
        return None

    def new_id(self) -> str:
        """An RFC-like id such as 3-7JZXAMZ."""
        while True:
            candidate = "3-" + "".join(self.ids.choice(ID_CHARACTERS) for dummy in range(7))
            if candidate not in self.executions:
                return candidate

    def add_execution(self, execution: Execution) -> Execution:
        self.executions[execution.id] = execution
        return execution

    def add_downstream(self, parent: Execution, activity_type: str, parameters: list, now: float, who: str,
                       execution_id: Optional[str] = None) -> Execution:
        """The linked step of a toggle activity (Disable after Enable): same instance, type and summary."""
        child = Execution(execution_id or self.new_id(), parent.customer, parent.service_type, parent.instance, parent.summary,
                          parent.config_type, parent.activity, activity_type, parameters, dict(parent.duration), parent.bounce,
                          now, who, parent.primary_contact, parent.customer_note, reference_id=parent.id)
        parent.downstream.append(child)
        return self.add_execution(child)

    def revoke_tokens(self) -> None:
        self.issued.clear()

    def jwks(self) -> dict:
        key = RSAAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        key.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [key]}

    def issue(self, client_id: str, scopes: list) -> dict:
        now = int(self.clock.now())
        ttl = self.config["token_ttl"]
        claims = {"iss": ISSUER, "sub": client_id, "client_id": client_id, "aud": AUDIENCE, "scope": " ".join(scopes),
                  "iat": now, "exp": now + ttl, "jti": str(uuid.uuid4())}
        self.issued[claims["jti"]] = claims["exp"]
        token = jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": self.kid})
        return {"access_token": token, "token_type": "Bearer", "expires_in": ttl}


def _client_credentials(request, form: dict):
    """(client_id, client_secret) from HTTP Basic, else from the client_id/client_secret form fields."""
    scheme, dummy, encoded = (request.header("Authorization") or "").partition(" ")
    if scheme.lower() == "basic":
        try:
            client_id, dummy, secret = base64.b64decode(encoded.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None, None
        # RFC 6749 2.3.1: each part is form-encoded before they are joined (a no-op for plain values).
        return unquote_plus(client_id), unquote_plus(secret)
    return form.get("client_id"), form.get("client_secret")


def issue_token(store: OciStore, request):
    """POST /oauth2/v1/token, grant_type=client_credentials&scope=<space-separated scopes>."""
    form = {name: values[0] for name, values in request.form().items()}
    client_id, secret = _client_credentials(request, form)
    client = store.clients.get(client_id)
    if client is None or not hmac.compare_digest(str(secret or "").encode("utf-8"), str(client["client_secret"]).encode("utf-8")):
        raise _oauth_error(401, "invalid_client", [("WWW-Authenticate", 'Basic realm="emulator"')])
    if form.get("grant_type") != "client_credentials":
        raise _oauth_error(400, "unsupported_grant_type" if form.get("grant_type") else "invalid_request")
    allowed = client["scopes"]
    requested = form.get("scope", "").split()
    if any(scope not in allowed for scope in requested):
        raise _oauth_error(400, "invalid_scope")
    granted = [scope for scope in allowed if scope in requested] if requested else list(allowed)
    return json_response(store.issue(client["client_id"], granted))


def signing_keys(store: OciStore, _request):
    """GET /admin/v1/SigningCert/jwk: the public key set tokens are verified against."""
    return json_response(store.jwks())


def _verified_claims(store: OciStore, request) -> dict:
    token = request.bearer_token()
    if not token:
        raise _denied(401, "missing bearer token")
    if request.header("Identifier") != store.config["identifier"]:
        raise _denied(401, "missing or unknown Identifier header")
    try:
        if jwt.get_unverified_header(token).get("kid") != store.kid:
            raise _denied(401, "token is not signed by the registered key set")
        claims = jwt.decode(token, store.private_key.public_key(), algorithms=["RS256"], audience=AUDIENCE,
                            issuer=ISSUER, options={"verify_exp": False, "verify_iat": False})
    except jwt.InvalidTokenError:
        raise _denied(401, "invalid bearer token") from None
    if claims.get("jti") not in store.issued:
        raise _denied(401, "bearer token was revoked")
    if claims["exp"] <= store.clock.now():
        raise _denied(401, "bearer token has expired")
    return claims


def require(store: OciStore, request, scope: str, support_identifier: Optional[str] = None) -> dict:
    """Claims of a valid MCS call holding ``scope``; with a CSI, the caller must also serve that
    customer and the customer must have opted in to the Configuration functionality (else 403).
    """
    claims = _verified_claims(store, request)
    if scope not in claims.get("scope", "").split():
        raise _denied(403, f"token lacks the {scope} scope")
    if support_identifier is not None:
        client = store.clients.get(claims.get("client_id"), {})
        customer = store.customers.get(support_identifier)
        if customer is None or support_identifier not in [str(csi) for csi in client.get("customers", [])]:
            raise _denied(403, "this client may not act on that customer")
        if not customer.get("opted_in"):
            raise _denied(403, "the customer has not opted in to the Configuration functionality")
    return claims


def config_types(store: OciStore, request):
    """GET /selfservice/v1/customers/services/{serviceType}/products/config/types (scope User)."""
    require(store, request, SCOPE_USER)
    types = store.config["config_types"].get(request.params["serviceType"])
    if types is None:
        raise HttpError(404, {"message": "unknown service type"})
    return json_response(types)


# ---- Self-service configuration API -------------------------------------------------------------

_TIMESTAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$")


def parse_time(value) -> Optional[float]:
    """Epoch seconds of an ISO 8601 time written as the samples do (``2020-08-26T8:53:51-07:00``,
    ``2022-01-14T05:00:00Z``); a time without zone is UTC, as the docs say. None if unreadable."""
    match = _TIMESTAMP.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    offset = datetime.timedelta(0)
    if zone and zone.upper() != "Z":
        digits = zone[1:].replace(":", "")
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        offset = -offset if zone[0] == "-" else offset
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                   tzinfo=datetime.timezone(offset))
    except ValueError:
        return None
    return moment.timestamp()


def format_time(epoch: Optional[float]) -> Optional[str]:
    if epoch is None:
        return None
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _bad_request(message: str) -> HttpError:
    return HttpError(400, {"message": message})


def _not_found(message: str) -> HttpError:
    return HttpError(404, {"message": message})


def _conflict(message: str) -> HttpError:
    return HttpError(409, {"message": message})


def _json_object(request) -> dict:
    body = request.json()
    if not isinstance(body, dict):
        raise _bad_request("request body must be a JSON object")
    return body


def _customer_call(store: OciStore, request, scope: str):
    """(claims, customer CSI, service type) of a call under /customers/{supportIdentifier}/{serviceType}/."""
    csi = request.params["supportIdentifier"]
    claims = require(store, request, scope, csi)
    service_type = request.params["serviceType"]
    if service_type not in store.customers[csi].get("service_types", []):
        raise _not_found(f"customer {csi} has no {service_type} service")
    return claims, csi, service_type


def _instance(store: OciStore, request, csi: str, service_type: str) -> str:
    instance = request.params["instanceId"]
    if instance not in (store.customers[csi].get("instances") or {}).get(service_type, []):
        raise _not_found(f"no {service_type} instance {instance} for customer {csi}")
    return instance


def _execution(store: OciStore, request, csi: str, service_type: str, instance: str) -> Execution:
    execution = store.executions.get(request.params["executionId"])
    if execution is None or (execution.customer, execution.service_type, execution.instance) != (csi, service_type, instance):
        raise _not_found(f"no execution {request.params['executionId']} on instance {instance}")
    return execution


def _config(execution: Execution, with_parameters: bool = False) -> dict:
    activity = {"name": execution.activity, "type": execution.activity_type}
    if with_parameters:
        activity["parameters"] = [dict(parameter) for parameter in execution.parameters]
    return {"type": execution.config_type, "activity": activity}


def _ticketing(execution: Execution) -> dict:
    # The list and details say "customerStatus" here; schedule and cancel answers say "custStatus".
    return {"rfcNumber": execution.id, "primaryContact": execution.primary_contact, "customerNote": execution.customer_note,
            "rfcType": f"Configuration - {execution.service_type}", "rfcSubType": "Autoexec-Config",
            "status": execution.status, "subStatus": execution.sub_status, "customerStatus": execution.customer_status}


def list_view(execution: Execution) -> dict:
    """An item of GET instances/executions."""
    return {"id": execution.id, "target": execution.instance, "summary": execution.summary,
            "scheduledStart": format_time(execution.scheduled_start), "scheduledEnd": format_time(execution.scheduled_end),
            "scheduledBy": execution.scheduled_by, "referenceExecutionId": execution.reference_id,
            "createdOn": format_time(execution.created_on), "createdBy": execution.created_by,
            "config": _config(execution), "ticketingDetails": _ticketing(execution)}


def details_view(execution: Execution) -> dict:
    """GET instances/{instanceId}/executions/{executionId}."""
    view = list_view(execution)
    view.update({"rfcNumber": execution.id, "duration": dict(execution.duration), "bounce": execution.bounce,
                 "updatedOn": format_time(execution.updated_on), "updatedBy": execution.updated_by,
                 "config": _config(execution, with_parameters=True)})
    if execution.downstream:
        view["downStreamExecutions"] = [action_view(child, with_schedule=True) for child in execution.downstream]
    return view


def action_view(execution: Execution, with_schedule: bool) -> dict:
    """The answer to schedule (with the schedule) and cancel (without it)."""
    view = {"id": execution.id, "rfcNumber": execution.id}
    if with_schedule:
        view.update(scheduledStart=format_time(execution.scheduled_start), scheduledEnd=format_time(execution.scheduled_end))
    view.update(status=execution.status, subStatus=execution.sub_status, custStatus=execution.customer_status,
                config=_config(execution))
    if execution.downstream:
        view["downStreamExecutions"] = [action_view(child, with_schedule) for child in execution.downstream]
    return view


def _allowed_type(store: OciStore, service_type: str, config_type) -> bool:
    return config_type in (store.config["config_types"].get(service_type) or [])


def _activity_detail(activity: dict, activity_type) -> Optional[dict]:
    for detail in activity.get("details") or []:
        if detail.get("type") == activity_type:
            return detail
    return None


def _parameters(detail: dict, given) -> list:
    """The parameters to store: the ones given, plus defaults; unknown or missing mandatory ones are a 400."""
    if given is None:
        given = []
    if not isinstance(given, list) or not all(isinstance(item, dict) and isinstance(item.get("name"), str) for item in given):
        raise _bad_request("config.activity.parameters must be a list of {name, value} objects")
    known = {parameter["parameterName"]: parameter for parameter in detail.get("parameters") or []}
    unknown = [item["name"] for item in given if item["name"] not in known]
    if unknown:
        raise _bad_request(f"unknown parameters {', '.join(unknown)}; valid: {', '.join(known) or 'none'}")
    values = {item["name"]: item.get("value") for item in given}
    for name, parameter in known.items():
        if name not in values and parameter.get("default") is not None:
            values[name] = parameter["default"]
    missing = [name for name, parameter in known.items() if parameter.get("mandatory") and values.get(name) in (None, "")]
    if missing:
        raise _bad_request(f"missing mandatory parameters {', '.join(missing)}")
    return [{"name": name, "value": None if value is None else str(value)} for name, value in values.items()]


def _duration(value, default: dict) -> dict:
    if value is None:
        return dict(default or {"unit": "hours", "value": 1})
    if (not isinstance(value, dict) or value.get("unit") not in DURATION_UNITS or not isinstance(value.get("value"), int)
            or isinstance(value.get("value"), bool) or value["value"] <= 0):
        raise _bad_request(f"duration must be {{unit: {'|'.join(DURATION_UNITS)}, value: a positive integer}}")
    return {"unit": value["unit"], "value": value["value"]}


def create_execution(store: OciStore, request):
    """POST instances/{instanceId}/executions (scope PrivilegedUser) -> {"id", "rfcNumber"}."""
    claims, csi, service_type = _customer_call(store, request, SCOPE_PRIVILEGED_USER)
    instance = _instance(store, request, csi, service_type)
    body = _json_object(request)
    summary = body.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise _bad_request("summary is required")
    config = body.get("config")
    if not isinstance(config, dict) or not isinstance(config.get("activity"), dict):
        raise _bad_request("config with type and activity is required")
    config_type, requested = config.get("type"), config["activity"]
    if not _allowed_type(store, service_type, config_type):
        raise _bad_request(f"config.type {config_type!r} is not allowed for {service_type}")
    activity = store.activity(config_type, requested.get("name"))
    if activity is None or not activity.get("active", True):
        raise _bad_request(f"config.activity.name {requested.get('name')!r} is not an active activity of {config_type}")
    detail = _activity_detail(activity, requested.get("type"))
    if detail is None or detail.get("displayOnCreate") is False:
        creatable = [d.get("type") for d in activity.get("details") or [] if d.get("displayOnCreate") is not False]
        raise _bad_request(f"config.activity.type {requested.get('type')!r} cannot be created; valid: {', '.join(creatable)}")
    parameters = _parameters(detail, requested.get("parameters"))
    duration = _duration(body.get("duration"), activity.get("duration"))
    bounce = body.get("bounce", activity.get("bounce", False))
    if not isinstance(bounce, bool):
        raise _bad_request("bounce must be true or false")
    ticketing = body.get("ticketingDetails") or {}
    if not isinstance(ticketing, dict):
        raise _bad_request("ticketingDetails must be an object")
    contact = ticketing.get("primaryContact")
    if contact is not None and contact not in (store.customers[csi].get("contacts") or []):
        raise _bad_request(f"primaryContact {contact} is not a contact of customer {csi}")
    now, who = store.clock.now(), claims["sub"]
    execution = store.add_execution(Execution(
        store.new_id(), csi, service_type, instance, summary, config_type, activity["name"], detail["type"], parameters,
        duration, bounce, now, who, contact, ticketing.get("customerNote")))
    if activity.get("uiType") == "Toggle":
        # The other steps of a toggle (Disable after Enable) become linked downstream executions.
        for other in activity.get("details") or []:
            if other.get("displayOnCreate") is False:
                store.add_downstream(execution, other["type"], _parameters(other, []), now, who)
    return json_response({"id": execution.id, "rfcNumber": execution.id}, 201)


def _future_time(store: OciStore, value, field_name: str) -> float:
    moment = parse_time(value)
    if moment is None:
        raise _bad_request(f"{field_name} must be an ISO 8601 date and time")
    if moment < store.clock.now() + MIN_LEAD_SECONDS:
        raise _bad_request(f"{field_name} must be at least 16 minutes after the current time")
    return moment


def _schedule(store: OciStore, execution: Execution, body: dict, who: str):
    if execution.status != OPEN:
        raise _conflict(f"execution {execution.id} is {execution.status}, not Open")
    start = _future_time(store, body.get("scheduledTime"), "scheduledTime")
    check_auto_disable = body.get("checkAutoDisable")
    if check_auto_disable is not None and not isinstance(check_auto_disable, bool):
        raise _bad_request("checkAutoDisable must be true or false")
    requested = body.get("downStreamExecutions") or []
    if not isinstance(requested, list) or not all(isinstance(item, dict) for item in requested):
        raise _bad_request("downStreamExecutions must be a list of {scheduledTime, activityType} objects")
    children = {child.activity_type: child for child in execution.downstream}
    plan = []
    for item in requested:
        child = children.get(item.get("activityType"))
        if child is None:
            raise _bad_request(f"downStreamExecutions activityType {item.get('activityType')!r} is not a downstream step of "
                               f"{execution.id}; valid: {', '.join(children) or 'none'}")
        plan.append((child, _future_time(store, item.get("scheduledTime"), "downStreamExecutions.scheduledTime")))
    now = store.clock.now()
    execution.schedule(start, who, now)
    execution.check_auto_disable = check_auto_disable
    for child, moment in plan:
        child.schedule(moment, who, now)
    return json_response(action_view(execution, with_schedule=True))


def _cancel(store: OciStore, execution: Execution, who: str):
    if execution.status != OPEN:
        raise _conflict(f"execution {execution.id} is {execution.status}, not Open")
    if not any(member.scheduled_start is not None for member in execution.family):
        raise _conflict(f"execution {execution.id} has no schedule to cancel")
    now = store.clock.now()
    for member in execution.family:
        member.unschedule(who, now)
    return json_response(action_view(execution, with_schedule=False))


def update_execution(store: OciStore, request):
    """PUT instances/{instanceId}/executions/{executionId}: {"action": "schedule" | "cancel"} (scope Approver)."""
    claims, csi, service_type = _customer_call(store, request, SCOPE_APPROVER)
    execution = _execution(store, request, csi, service_type, _instance(store, request, csi, service_type))
    body = _json_object(request)
    action = body.get("action")
    if action == "schedule":
        return _schedule(store, execution, body, claims["sub"])
    if action == "cancel":
        return _cancel(store, execution, claims["sub"])
    raise _bad_request("action must be schedule or cancel")


def get_execution(store: OciStore, request):
    """GET instances/{instanceId}/executions/{executionId} (scope User)."""
    dummy, csi, service_type = _customer_call(store, request, SCOPE_USER)
    execution = _execution(store, request, csi, service_type, _instance(store, request, csi, service_type))
    return json_response(details_view(execution))


def _paging(request) -> tuple:
    try:
        offset = int(request.query_value("offset", "0"))
        limit = int(request.query_value("limit", str(DEFAULT_LIMIT)))
    except ValueError:
        raise _bad_request("offset and limit must be integers") from None
    if offset < 0 or limit < 1:
        raise _bad_request("offset must be 0 or more and limit 1 or more")
    return offset, limit


# Each filter and the field of the list item it matches (target, ticketingDetails.status, ...),
# read from the execution itself so that only the items of the page are rendered.
LIST_FILTERS = (
    ("target", lambda execution: execution.instance),
    ("status", lambda execution: execution.status),
    ("subStatus", lambda execution: execution.sub_status),
    ("customerStatus", lambda execution: execution.customer_status),
    ("configType", lambda execution: execution.config_type),
    ("activityName", lambda execution: execution.activity),
    ("activityType", lambda execution: execution.activity_type),
)


def list_executions(store: OciStore, request):
    """GET instances/executions?target&status&subStatus&customerStatus&configType&activityName&activityType
    &offset&limit (scope User); the total goes in X-Total-Rows-Count."""
    dummy, csi, service_type = _customer_call(store, request, SCOPE_USER)
    offset, limit = _paging(request)
    matched = [execution for execution in store.executions.values()
               if (execution.customer, execution.service_type) == (csi, service_type)]
    for name, value_of in LIST_FILTERS:
        wanted = request.query_value(name)
        if wanted is not None:
            matched = [execution for execution in matched if value_of(execution) == wanted]
    page = [list_view(execution) for execution in matched[offset:offset + limit]]
    return json_response(page, headers=[(TOTAL_HEADER, str(len(matched)))])


def execution_conflicts(store: OciStore, request):
    """GET instances/{instanceId}/executions?scheduledStart=&scheduledEnd= (scope Approver): the RFCs
    scheduled on the instance at some moment of the window."""
    dummy, csi, service_type = _customer_call(store, request, SCOPE_APPROVER)
    instance = _instance(store, request, csi, service_type)
    start, end = parse_time(request.query_value("scheduledStart")), parse_time(request.query_value("scheduledEnd"))
    if start is None or end is None or end < start:
        raise _bad_request("scheduledStart and scheduledEnd must be ISO 8601 times, the end not before the start")
    conflicts = [{"rfcNumber": execution.id, "rfcType": f"Configuration - {execution.service_type}", "rfcSubType": "Autoexec-Config",
                  "status": execution.status, "subStatus": execution.sub_status,
                  "scheduledStart": format_time(execution.scheduled_start), "scheduledEnd": format_time(execution.scheduled_end),
                  "duration": dict(execution.duration)}
                 for execution in store.executions.values()
                 if (execution.customer, execution.service_type, execution.instance) == (csi, service_type, instance)
                 and execution.scheduled_start is not None and execution.scheduled_start <= end and execution.scheduled_end >= start]
    return json_response(conflicts)


def execution_logs(store: OciStore, request):
    """GET instances/{instanceId}/executions/{executionId}/logs/ (scope User): log file names."""
    dummy, csi, service_type = _customer_call(store, request, SCOPE_USER)
    execution = _execution(store, request, csi, service_type, _instance(store, request, csi, service_type))
    return json_response(list(execution.logs))


def log_content(execution: Execution, name: str) -> bytes:
    """The bytes of a log file: generated from its name, so the same after every reset."""
    return (f"Oracle MCS log {name}\nexecution {execution.id} on {execution.instance}: "
            f"{execution.config_type} / {execution.activity} ({execution.activity_type})\n").encode("utf-8")


def execution_log(store: OciStore, request):
    """GET instances/{instanceId}/executions/{executionId}/logs/{logName} (scope User):
    {"fileName", "content": Base64 of the file}."""
    dummy, csi, service_type = _customer_call(store, request, SCOPE_USER)
    execution = _execution(store, request, csi, service_type, _instance(store, request, csi, service_type))
    name = request.params["logName"]
    if name not in execution.logs:
        raise _not_found(f"no log file {name} for execution {execution.id}")
    return json_response({"fileName": name, "content": base64.b64encode(log_content(execution, name)).decode("ascii")})


def transfer_logs(store: OciStore, request):
    """PUT instances/{instanceId}/executions/{executionId}/logs/ {"transferLogs": true, "OS_Process_Identifier"}
    (scope User) -> {"message": "Log Transfer Initiated"}; the transferred file joins the list at once."""
    dummy, csi, service_type = _customer_call(store, request, SCOPE_USER)
    execution = _execution(store, request, csi, service_type, _instance(store, request, csi, service_type))
    body = _json_object(request)
    if body.get("transferLogs") is not True:
        raise _bad_request("transferLogs must be true")
    process = body.get("OS_Process_Identifier")
    if process is not None and (isinstance(process, bool) or not isinstance(process, (str, int))):
        raise _bad_request("OS_Process_Identifier must be a string")
    execution.logs.append(f"{execution.id}_log{len(execution.logs) + 1}.zip")
    return json_response({"message": "Log Transfer Initiated"})


def config_type_details(store: OciStore, request):
    """GET /selfservice/v1/customers/services/{serviceType}/products/config/types/{type} (scope User):
    the type's activities, each with its details (activity types) and their parameters."""
    require(store, request, SCOPE_USER)
    service_type, config_type = request.params["serviceType"], request.params["type"]
    if store.config["config_types"].get(service_type) is None:
        raise _not_found("unknown service type")
    if not _allowed_type(store, service_type, config_type):
        raise _not_found(f"configuration type {config_type!r} is not allowed for {service_type}")
    return json_response({"config": config_type, "activities": store.config["activities"].get(config_type) or []})


CUSTOMER_CONFIG = "/selfservice/v1/customers/{supportIdentifier}/{serviceType}/products/config/instances"
METADATA = "/selfservice/v1/customers/services/{serviceType}/products/config/types"
CONFIG_ROUTES = (
    ("GET", METADATA, config_types),
    ("GET", METADATA + "/{type}", config_type_details),
    ("GET", CUSTOMER_CONFIG + "/executions", list_executions),
    ("POST", CUSTOMER_CONFIG + "/{instanceId}/executions", create_execution),
    ("GET", CUSTOMER_CONFIG + "/{instanceId}/executions", execution_conflicts),
    ("GET", CUSTOMER_CONFIG + "/{instanceId}/executions/{executionId}", get_execution),
    ("PUT", CUSTOMER_CONFIG + "/{instanceId}/executions/{executionId}", update_execution),
    ("GET", CUSTOMER_CONFIG + "/{instanceId}/executions/{executionId}/logs", execution_logs),
    ("PUT", CUSTOMER_CONFIG + "/{instanceId}/executions/{executionId}/logs", transfer_logs),
    ("GET", CUSTOMER_CONFIG + "/{instanceId}/executions/{executionId}/logs/{logName}", execution_log),
)


def register(router, state) -> None:
    store = OciStore(state.clock)
    state.add_store(VENDOR, store)
    router.add("POST", "/oauth2/v1/token", partial(issue_token, store), vendor=VENDOR)
    router.add("GET", "/admin/v1/SigningCert/jwk", partial(signing_keys, store), vendor=VENDOR)
    for method, path, handler in CONFIG_ROUTES:
        router.add(method, path, partial(handler, store), vendor=VENDOR)
