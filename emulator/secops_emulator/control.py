"""Control API under /_emulator/: reset, seed, request log, faults, clock and token revocation.

Never logged, never faulted, no auth: it is for the test harness only.
"""
from functools import partial

from .core import CONTROL_PREFIX, HttpError, empty_response, iso_utc, json_response
from .seed import SeedError, merge_seed


def _ok():
    return json_response({"status": "ok"})


def _json_object(request) -> dict:
    body = request.json() if request.body.strip() else {}
    if not isinstance(body, dict):
        raise HttpError(400, {"message": "body must be a JSON object"})
    return body


def health(_emulator, _request):
    return _ok()


def reset(emulator, _request):
    emulator.reset()
    return _ok()


def seed(emulator, request):
    try:
        emulator.reset(merge_seed(_json_object(request)))
    except SeedError as exc:
        raise HttpError(400, {"message": str(exc)}) from None
    return _ok()


def list_requests(emulator, request):
    since = request.query_value("since", "0")
    try:
        since = int(since)
    except ValueError:
        raise HttpError(400, {"message": "since must be an integer sequence number"}) from None
    return json_response(emulator.log.since(since))


def clear_requests(emulator, _request):
    emulator.log.clear()
    return empty_response()


def add_fault(emulator, request):
    try:
        fault = emulator.faults.add(_json_object(request))
    except ValueError as exc:
        raise HttpError(400, {"message": str(exc)}) from None
    return json_response(fault.to_dict(), 201)


def list_faults(emulator, _request):
    return json_response(emulator.faults.as_list())


def clear_faults(emulator, _request):
    emulator.faults.clear()
    return empty_response()


def _clock_state(emulator) -> dict:
    now = emulator.clock.now()
    return {"now": iso_utc(now), "epoch": now, "offset": emulator.clock.offset, "frozen": emulator.clock.frozen}


def get_clock(emulator, _request):
    return json_response(_clock_state(emulator))


def advance_clock(emulator, request):
    body = _json_object(request)
    seconds, frozen = body.get("advance", 0 if "freeze" in body else None), body.get("freeze")
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds < 0:
        raise HttpError(400, {"message": "advance must be a number of seconds >= 0"})
    if frozen is not None and not isinstance(frozen, bool):
        raise HttpError(400, {"message": "freeze must be true or false"})
    if frozen is not None:
        emulator.clock.freeze(frozen)
    emulator.clock.advance(seconds)
    return json_response(_clock_state(emulator))


def revoke_tokens(emulator, request):
    vendor = _json_object(request).get("vendor")
    if vendor is not None and vendor not in emulator.state.stores:
        raise HttpError(400, {"message": f"vendor must be null or one of {', '.join(emulator.state.stores)}"})
    emulator.state.revoke_tokens(vendor)
    return _ok()


ROUTES = (
    ("GET", "/health", health),
    ("POST", "/reset", reset),
    ("POST", "/seed", seed),
    ("GET", "/requests", list_requests),
    ("DELETE", "/requests", clear_requests),
    ("POST", "/faults", add_fault),
    ("GET", "/faults", list_faults),
    ("DELETE", "/faults", clear_faults),
    ("GET", "/clock", get_clock),
    ("POST", "/clock", advance_clock),
    ("POST", "/tokens/revoke", revoke_tokens),
)


def register(router, emulator) -> None:
    for method, path, handler in ROUTES:
        router.add(method, CONTROL_PREFIX + path, partial(handler, emulator))
