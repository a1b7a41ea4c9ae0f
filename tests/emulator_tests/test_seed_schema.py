"""The declarative seed schema (schema.py, each vendor's SEED_SCHEMA): one validator, messages that name the path."""
import os

import pytest
from secops_emulator import schema
from secops_emulator.cli import schema_table
from secops_emulator.schema import Enum, Field, Int, List, Map, Nullable, Number, Record, SchemaError, Str, validate
from secops_emulator.seed import SCHEMA, SeedError, defaults, merge_seed

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TENANT = "8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c"
DEVICE = "2b1c0d9e-8f7a-4b6c-9d5e-4f3a2b1c0d9e"


def _refusal(data: dict) -> str:
    with pytest.raises(SeedError) as error:
        merge_seed(data)
    return str(error.value)


@pytest.mark.parametrize("data, message", [
    ({"cylance": {"token_ttl": "1800"}}, "cylance.token_ttl must be an integer >= 1, got '1800'"),
    ({"cylance": {"token_ttl": True}}, "cylance.token_ttl must be an integer >= 1, got True"),
    ({"cylance": {"content_url": "ftp://x"}}, "cylance.content_url is not an http(s) URL: 'ftp://x'"),
    ({"cylance": {"tenants": [{"tenant_id": TENANT}]}}, "cylance.tenants[0] lacks applications"),
    ({"cylance": {"tenants": [{"tenant_id": TENANT, "applications": [{"app_id": "a", "app_secret": "s", "privileges": "all"}]}]}},
     "cylance.tenants[0].applications[0].privileges must be a list, got str"),
    ({"cylance": {"resources": {TENANT: {"devices": [{"id": DEVICE, "name": "PC", "state": "Online", "outcome": "ok"}]}}}},
     f"cylance.resources.{TENANT}.devices[0].outcome must be one of succeeded, failed, got 'ok'"),
    ({"cylance": {"resources": {TENANT: {"devices": [{"id": DEVICE, "name": "PC", "state": "Online", "ack_after": -2}]}}}},
     f"cylance.resources.{TENANT}.devices[0].ack_after must be a number of seconds >= 0, got -2"),
    ({"cylance": {"resources": {TENANT: {"gadgets": []}}}},
     f"cylance.resources.{TENANT} has unknown keys: gadgets (known: packages, devices, zones, executions, fleet)"),
    ({"ccs": {"password_encoding": "rot13"}}, "ccs.password_encoding must be one of base64, plain, got 'rot13'"),
    ({"ccs": {"users": [{"username": "CORP\\x"}]}}, "ccs.users[0] lacks password"),
    ({"ccs": {"jobs": [{"id": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9", "name": "x", "type": "CollectionJob",
                        "created_by": "u", "created_days_ago": 1, "runs": [{"status": "Completed"}]}]}},
     "ccs.jobs[0].runs[0] lacks started_days_ago"),
    ({"oci": {"customers": [{"support_identifier": "1", "opted_in": "yes"}]}},
     "oci.customers[0].opted_in must be true or false, got 'yes'"),
    ({"oci": {"config_types": ["EBSO"]}}, "oci.config_types must be a mapping of service types to lists of names, got list"),
    ({"oci": {"activities": {"Trace & Debug": [{"name": "x", "details": [{"type": "Enable", "parameters": [{"id": 1}]}]}]}}},
     "oci.activities['Trace & Debug'][0].details[0].parameters[0] lacks parameterName"),
    ({"oci": {"config_types": {"EBSO": ["Trace", 7]}}}, "oci.config_types.EBSO[1] must be a string, got 7"),
    ({"cylance": {"token_tll": 5}},
     "cylance has unknown keys: token_tll (known: token_ttl, tenants, max_page_size, content_url, resources)"),
    ({"cylance": []}, "cylance must be a mapping, got list"),
    ({"okta": {}}, "the seed has unknown keys: okta (known: cylance, ccs, oci)"),
], ids=lambda value: value if isinstance(value, str) else None)
def test_messages_name_the_path_the_expectation_and_the_value(data, message):
    assert _refusal(data) == message


@pytest.mark.parametrize("data, message", [
    ({"cylance": {"resources": {"00000000-0000-4000-8000-000000000000": {}}}},
     "cylance.resources.00000000-0000-4000-8000-000000000000 is not a seeded tenant"),
    ({"ccs": {"jobs": [{"id": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9", "name": "x", "type": "Nope",
                        "created_by": "u", "created_days_ago": 1}]}},
     "ccs.jobs[0].type must be one of CollectionEvaluationJob, CollectionJob, EvaluationJob (or the job a system job), got 'Nope'"),
    ({"ccs": {"jobs": [{"id": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9", "name": "x", "type": "CollectionJob",
                        "created_by": "u", "created_days_ago": 1, "standards": ["2a3b4c5d-6e7f-4809-9a1b-000000000000"]}]}},
     "ccs.jobs[0].standards names a standard that is not in ccs.standards: 2a3b4c5d-6e7f-4809-9a1b-000000000000"),
])
def test_references_are_checked_after_the_shape(data, message):
    assert _refusal(data) == message


def test_the_defaults_match_the_schema_and_a_system_job_may_have_any_type():
    validate(SCHEMA, defaults())
    jobs = defaults()["ccs"]["jobs"]
    assert any(job.get("system") and job["type"] == "ReportingDatabaseSyncJob" for job in jobs)


def test_every_key_of_the_default_seed_is_described():
    """seed.yml and the schema describe the same keys: a key added to one is added to the other."""
    described = {path for path, _type, _required, _doc in schema.describe(SCHEMA)}

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                here = f"{path}.{key}" if path else str(key)
                keys = [name for name in described if name.startswith(f"{path}.<") and name.count(".") == here.count(".")]
                if here not in described and keys:
                    here = keys[0]
                yield here
                yield from walk(item, here)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item, f"{path}[]")

    undescribed = sorted(set(walk(defaults(), "")) - described)
    assert not undescribed


def test_describe_lists_types_and_required_fields():
    rows = {path: (kind, required) for path, kind, required, _doc in schema.describe(SCHEMA)}
    assert rows["cylance.token_ttl"] == ("integer >= 1", True)
    assert rows["cylance.resources.<tenant ID>.devices[].state"] == ("Online | Offline", True)
    assert rows["cylance.resources.<tenant ID>.devices[].ack_after"] == ("number of seconds >= 0", False)
    assert rows["oci.executions[].scheduled_in"] == ("whole number of seconds or null", False)
    assert rows["ccs.jobs[].runs"] == ("list of mapping", False)


def test_the_generic_validator_on_its_own():
    spec = Record({"name": Field(Str(), required=True), "size": Field(Nullable(Int(minimum=0))),
                   "tags": Field(Map(List(Enum("a", "b")))), "ratio": Field(Number())}, closed=True)
    validate(spec, {"name": "x", "size": None, "tags": {"k": ["a"]}, "ratio": 0.5})
    for value, message in [
        ({}, "item lacks name"),
        ({"name": "x", "size": -1}, "item.size must be an integer >= 0, got -1"),
        ({"name": "x", "tags": {"my key": ["c"]}}, "item.tags['my key'][0] must be one of a, b, got 'c'"),
        ({"name": "x", "ratio": "1"}, "item.ratio must be a number, got '1'"),
        ({"name": "x", "colour": 1}, "item has unknown keys: colour (known: name, size, tags, ratio)"),
    ]:
        with pytest.raises(SchemaError) as error:
            validate(spec, value, "item")
        assert str(error.value) == message


def test_the_user_guide_shows_the_schema_as_it_is():
    """docs/emulator.md holds the output of `secops-emulator --print-schema` between its markers."""
    with open(os.path.join(ROOT, "docs", "emulator.md"), encoding="utf-8") as handle:
        guide = handle.read()
    begin = guide.index("<!-- BEGIN seed schema")
    begin = guide.index("\n", begin) + 1
    end = guide.index("<!-- END seed schema -->")
    assert guide[begin:end] == schema_table(), "run `secops-emulator --print-schema` and paste it into docs/emulator.md"
