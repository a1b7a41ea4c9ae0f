"""Seed data: the documented defaults in seed.yml, with a user file or dict merged over them.

The result must match SCHEMA (schema.py: each vendor module's SEED_SCHEMA), then each vendor's
check_references; SeedError names the path of the first bad field.
"""
import copy
import os

import yaml

from . import ccs, cylance, oci
from .schema import Field, Record, SchemaError, validate

DEFAULTS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed.yml")
VENDOR_MODULES = {"cylance": cylance, "ccs": ccs, "oci": oci}
VENDORS = tuple(VENDOR_MODULES)
# The whole seed: one section per vendor, each described by the vendor module's SEED_SCHEMA.
SCHEMA = Record({vendor: Field(module.SEED_SCHEMA, required=True) for vendor, module in VENDOR_MODULES.items()},
                closed=True)


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
    seed = _merge(defaults(), overrides)
    _validate(seed)
    return seed


def checked(seed: dict) -> dict:
    """``seed`` itself once it is valid (after a change made in code, such as the CLI's --fleet)."""
    _validate(seed)
    return seed


def _merge(base, override):
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(override)


def _validate(seed: dict) -> None:
    """The shape of every section (SCHEMA), then what refers to what inside each vendor's section."""
    try:
        validate(SCHEMA, seed)
    except SchemaError as exc:
        raise SeedError(str(exc)) from None
    for vendor, module in VENDOR_MODULES.items():
        try:
            module.check_references(seed[vendor])
        except ValueError as exc:
            raise SeedError(f"{vendor}.{exc}") from None
