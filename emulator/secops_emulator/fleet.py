"""A large Cylance fleet made up from a few numbers: devices spread over zones, for tests and the benchmark.

``cylance.resources.<tenant>.fleet`` in a seed (or ``secops-emulator --fleet 50000:200``) adds the
generated devices and zones to the listed ones. The same numbers always give the same fleet.
"""
import uuid

from .schema import Field, Int, Record, Str

OS_VERSIONS = ("Microsoft Windows 10 Enterprise", "Microsoft Windows 11 Enterprise", "Microsoft Windows Server 2019 Standard",
               "Ubuntu 22.04.4 LTS", "macOS 14.5")
POLICIES = ("Default", "Servers - Strict", "Workstations - Audit")
CRITICALITIES = ("Low", "Normal", "High")

SCHEMA = Record({
    "devices": Field(Int(minimum=0), required=True, doc="how many devices to generate"),
    "zones": Field(Int(minimum=0), doc="how many zones share them out (device i is in zone i mod zones), default 0"),
    "offline_every": Field(Int(minimum=0), doc="every n-th device is offline (0: none), default 10"),
    "prefix": Field(Str(), doc="hostname prefix, default WS (hostnames WS-000001, ...)"),
}, closed=True)


def _id(kind: str, index: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"secops-emulator-fleet:{kind}:{index}"))


def device(index: int, offline_every: int = 10, prefix: str = "WS") -> dict:
    """The seed item of device ``index`` (0-based)."""
    device_id = _id("device", index)
    return {
        "id": device_id,
        "name": f"{prefix}-{index + 1:06d}",
        "state": "Offline" if offline_every and index % offline_every == offline_every - 1 else "Online",
        "os_version": OS_VERSIONS[index % len(OS_VERSIONS)],
        "policy": POLICIES[index % len(POLICIES)],
        "ip_addresses": [f"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}"],
    }


def generate(devices: int, zones: int = 0, offline_every: int = 10, prefix: str = "WS") -> dict:
    """``{"devices": [...], "zones": [...]}`` as seed items."""
    device_items = [device(index, offline_every, prefix) for index in range(devices)]
    zone_items = [{"id": _id("zone", number), "name": f"Zone {number + 1:03d}", "criticality": CRITICALITIES[number % 3],
                   "members": [item["id"] for item in device_items[number::zones]]}
                  for number in range(zones)]
    return {"devices": device_items, "zones": zone_items}


def parse(text: str) -> dict:
    """``"50000:200"`` (devices[:zones]) as the fleet section of a seed; ValueError when malformed."""
    parts = text.split(":")
    if len(parts) > 2 or not all(part.isdigit() for part in parts):
        raise ValueError(f"--fleet takes DEVICES[:ZONES], such as 50000:200, got {text!r}")
    return {"devices": int(parts[0]), "zones": int(parts[1]) if len(parts) == 2 else 0}
