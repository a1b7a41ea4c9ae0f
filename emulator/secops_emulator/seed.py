"""Seed data: the documented defaults in seed.yml, with a user file or dict merged over them."""
import copy
import os

import yaml

from . import ccs, cylance, oci

DEFAULTS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed.yml")
VENDORS = ("cylance", "ccs", "oci")
PASSWORD_ENCODINGS = ("base64", "plain")


class SeedError(ValueError):
    """The seed data is malformed (unknown key, wrong type or value)."""


def defaults() -> dict:
    with open(DEFAULTS_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_seed(path=None) -> dict:
    """Defaults, with the YAML file at ``path`` (if any) merged over them."""
    if not path:
        return merge_seed({})
    with open(path, encoding="utf-8") as handle:
        try:
            overrides = yaml.safe_load(handle) or {}
        except yaml.YAMLError as exc:
            raise SeedError(f"{path}: invalid YAML: {exc}") from None
    return merge_seed(overrides)


def merge_seed(overrides: dict) -> dict:
    """Defaults with ``overrides`` deep-merged over them, validated."""
    if not isinstance(overrides, dict):
        raise SeedError("seed data must be a mapping")
    base = defaults()
    _check_known_keys(base, overrides)
    seed = _merge(base, overrides)
    _validate(seed)
    return seed


def _check_known_keys(base: dict, overrides: dict) -> None:
    # Only the vendor and setting levels are fixed; deeper mappings (config_types...) are open.
    for vendor, settings in overrides.items():
        if vendor not in base:
            raise SeedError(f"unknown seed section {vendor!r} (expected one of {', '.join(VENDORS)})")
        if not isinstance(settings, dict):
            raise SeedError(f"seed section {vendor!r} must be a mapping")
        for key in settings:
            if key not in base[vendor]:
                raise SeedError(f"unknown seed key {vendor}.{key}")


def _merge(base, override):
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(override)


def _items(seed: dict, where: str, required: tuple) -> list:
    """The list at dotted path ``where``, each item a mapping holding the ``required`` keys."""
    items = seed
    for key in where.split("."):
        items = items[key]
    if not isinstance(items, list):
        raise SeedError(f"{where} must be a list")
    for index, item in enumerate(items):
        missing = [key for key in required if not isinstance(item, dict) or key not in item]
        if missing:
            raise SeedError(f"{where}[{index}] lacks {', '.join(missing)}")
    return items


def _validate(seed: dict) -> None:
    for vendor in VENDORS:
        ttl = seed[vendor]["token_ttl"]
        if not isinstance(ttl, int) or isinstance(ttl, bool) or ttl <= 0:
            raise SeedError(f"{vendor}.token_ttl must be a positive integer")
    if seed["ccs"]["password_encoding"] not in PASSWORD_ENCODINGS:
        raise SeedError(f"ccs.password_encoding must be one of {', '.join(PASSWORD_ENCODINGS)}")
    for tenant in _items(seed, "cylance.tenants", ("tenant_id", "applications")):
        _items(tenant, "applications", ("app_id", "app_secret", "privileges"))
    _items(seed, "ccs.users", ("username", "password"))
    _items(seed, "oci.clients", ("client_id", "client_secret", "scopes", "customers"))
    _items(seed, "oci.customers", ("support_identifier", "opted_in"))
    if not isinstance(seed["oci"]["config_types"], dict):
        raise SeedError("oci.config_types must map service types to lists of names")
    # A vendor module may check its own resources: check_seed(section) raises ValueError.
    for vendor, module in (("cylance", cylance), ("ccs", ccs), ("oci", oci)):
        check = getattr(module, "check_seed", None)
        if check is not None:
            try:
                check(seed[vendor])
            except ValueError as exc:
                raise SeedError(f"{vendor}.{exc}") from None
