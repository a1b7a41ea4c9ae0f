# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""listing.py: fields validation and projection, dest checks, and the streaming writer on a real directory."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import os
import stat

import pytest

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.module_utils.listing import (
    LIST_OPTIONS, ListRequest, Spool, Through, file_mode, list_options, only_fields, selected_fields,
)
from ansible_collections.secops.executions.plugins.module_utils.paging import Page, Scheme, walk

DOCUMENTED = ("id", "name", "status", "size")


def params(**given):
    values = dict((name, option.get("default")) for name, option in LIST_OPTIONS.items())
    values.update(given)
    return values


def as_is(item, fields):
    return only_fields(item, fields)


def sha1(data):
    return hashlib.sha1(data).hexdigest()


def test_fields_put_the_id_first_once_and_keep_the_order_asked():
    assert selected_fields(["status", "id", "name", "status"], DOCUMENTED, "id") == ("id", "status", "name")
    assert selected_fields([], DOCUMENTED, "id") == ("id",)
    assert selected_fields(None, DOCUMENTED, "id") is None


def test_an_unknown_field_names_the_option_and_lists_the_fields():
    with pytest.raises(OptionError) as caught:
        selected_fields(["name", "colour"], DOCUMENTED, "id")
    message = caught.value.fail_kwargs()["msg"]
    assert "fields" in message and "'colour'" in message and "id, name, status, size" in message


def test_projection_keeps_only_the_fields_an_item_has_and_leaves_non_objects_alone():
    assert only_fields({"id": 1, "name": "a", "size": 3}, ("id", "status", "size")) == {"id": 1, "size": 3}
    assert only_fields({"id": 1}, None) == {"id": 1}
    assert only_fields("text", ("id",)) == "text"


@pytest.mark.parametrize("value, mode", [("0600", 0o600), ("644", 0o644), (0o640, 0o640), (" 0755 ", 0o755)])
def test_dest_mode_reads_octal(value, mode):
    assert file_mode(value) == mode


@pytest.mark.parametrize("value", ["rw-------", "0800", "-1", "17777", True])
def test_a_bad_dest_mode_names_the_option(value):
    with pytest.raises(OptionError) as caught:
        file_mode(value)
    assert "dest_mode" in caught.value.fail_kwargs()["msg"]


def test_dest_in_a_missing_directory_or_on_a_directory_fails_before_anything(tmp_path):
    with pytest.raises(OptionError, match="does not exist"):
        ListRequest(params(dest=str(tmp_path / "nowhere" / "out.jsonl")), DOCUMENTED)
    with pytest.raises(OptionError, match="is a directory"):
        ListRequest(params(dest=str(tmp_path)), DOCUMENTED)


def test_without_dest_the_shaped_items_are_returned():
    listing = ListRequest(params(fields=["name"]), DOCUMENTED)
    with listing.sink(as_is, check_mode=False) as sink:
        sink.extend([{"id": 1, "name": "a", "size": 9}, {"id": 2, "status": "x"}])
    assert listing.result("things", sink) == {"changed": False, "things": [{"id": 1, "name": "a"}, {"id": 2}]}


def write(tmp_path, items, check_mode=False, diff=False, **given):
    dest = str(tmp_path / "out")
    listing = ListRequest(params(dest=dest, **given), DOCUMENTED)
    with listing.sink(as_is, check_mode) as sink:
        for page in items:
            sink.extend(page)
    return listing.result("things", sink, diff), dest


def test_json_lines_are_written_with_mode_0600_and_a_checksum_of_the_content(tmp_path):
    result, dest = write(tmp_path, [[{"id": 1, "name": "é"}], [{"id": 2}]])
    content = open(dest, "rb").read()
    assert content == '{"id":1,"name":"é"}\n{"id":2}\n'.encode("utf-8")
    assert result == {"changed": True, "dest": dest, "count": 2, "checksum": sha1(content), "size": len(content)}
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600
    assert os.listdir(str(tmp_path)) == ["out"]


@pytest.mark.parametrize("pages", [[], [[{"id": 1}], [], [{"id": 2}, {"id": 3}]]])
def test_json_format_is_one_list(tmp_path, pages):
    result, dest = write(tmp_path, pages, dest_format="json")
    expected = [item for page in pages for item in page]
    assert json.load(open(dest)) == expected and result["count"] == len(expected)


def test_the_same_content_again_is_not_a_change_and_the_file_is_not_replaced(tmp_path):
    write(tmp_path, [[{"id": 1}]])
    before = os.stat(str(tmp_path / "out")).st_ino
    result, dest = write(tmp_path, [[{"id": 1}]])
    assert result["changed"] is False and os.stat(dest).st_ino == before
    assert os.listdir(str(tmp_path)) == ["out"]


def test_the_same_content_with_another_mode_changes_only_the_mode(tmp_path):
    write(tmp_path, [[{"id": 1}]])
    result, dest = write(tmp_path, [[{"id": 1}]], dest_mode="0640")
    assert result["changed"] is True and stat.S_IMODE(os.stat(dest).st_mode) == 0o640


def test_check_mode_reports_the_change_and_writes_nothing(tmp_path):
    write(tmp_path, [[{"id": 1}]])
    old = open(str(tmp_path / "out"), "rb").read()
    result, dest = write(tmp_path, [[{"id": 1}, {"id": 2}]], check_mode=True, diff=True)
    assert result["changed"] is True and result["count"] == 2
    assert result["checksum"] == sha1(b'{"id":1}\n{"id":2}\n')
    assert open(dest, "rb").read() == old and os.listdir(str(tmp_path)) == ["out"]
    assert result["diff"]["before"] == "checksum: {0}\nmode: 0600\n".format(sha1(old))
    assert result["diff"]["after"] == "checksum: {0}\nmode: 0600\n".format(result["checksum"])
    unchanged, dummy = write(tmp_path, [[{"id": 1}]], check_mode=True)
    assert unchanged["changed"] is False


def test_a_failed_walk_leaves_dest_as_it_was_and_no_temporary_file(tmp_path):
    write(tmp_path, [[{"id": 1}]])
    listing = ListRequest(params(dest=str(tmp_path / "out")), DOCUMENTED)
    with pytest.raises(RuntimeError):
        with listing.sink(as_is, check_mode=False) as sink:
            sink.extend([{"id": 7}])
            raise RuntimeError("the server went away")
    assert open(str(tmp_path / "out"), "rb").read() == b'{"id":1}\n' and os.listdir(str(tmp_path)) == ["out"]


class Answer(object):
    def __init__(self, body):
        self.json = body
        self.status = 200
        self.headers = {}


class ListedTwice(object):
    """A list whose total grows after the first page: the walk starts over, and so must the file."""

    def __init__(self):
        self.calls = 0

    def get(self, path, query=None):
        self.calls += 1
        total = 3 if self.calls == 1 else 4
        start = query["offset"]
        return Answer({"items": [{"id": n} for n in range(start, min(start + 2, total))], "total": total})


class Offsets(Scheme):
    def first(self):
        return 0

    def query(self, position):
        return {"offset": position}

    def items_of(self, body):
        return body["items"]

    def read(self, items, body, response):
        return Page(items, total=body["total"])

    def next_position(self, position, page):
        return position + len(page.items)


def test_a_walk_that_starts_over_starts_the_file_over(tmp_path):
    client = ListedTwice()
    dest = str(tmp_path / "out")
    listing = ListRequest(params(dest=dest), DOCUMENTED)
    with listing.sink(as_is, check_mode=False) as sink:
        assert walk(client, "/things", Offsets(2), sink=sink) is sink
    result = listing.result("things", sink)
    assert [json.loads(line)["id"] for line in open(dest)] == [0, 1, 2, 3]
    assert result["count"] == 4 and client.calls == 4


def test_a_spooled_walk_that_starts_over_is_read_back_once_in_batches():
    client = ListedTwice()
    with Spool() as spool:
        walk(client, "/things", Offsets(2), sink=Through(spool, lambda items: [dict(item, seen=True) for item in items]))
        batches = list(spool.batches(3))
        assert spool.count == 4 and list(spool.batches(3)) == batches
    assert [[item["id"] for item in batch] for batch in batches] == [[0, 1, 2], [3]]
    assert all(item["seen"] for batch in batches for item in batch)
    assert spool.handle.closed


def test_list_options_add_the_shared_options_to_a_module_own():
    spec = list_options(id=dict(type="str"))
    assert set(spec) == {"id", "fields", "dest", "dest_format", "dest_mode"}
    spec["fields"]["type"] = "changed"
    assert LIST_OPTIONS["fields"]["type"] == "list"


def test_a_field_another_option_adds_is_kept_only_in_a_projection():
    listing = ListRequest(params(fields=["name"]), DOCUMENTED)
    listing.keep("size")
    listing.keep("name")
    assert listing.fields == ("id", "name", "size")
    everything = ListRequest(params(), DOCUMENTED)
    everything.keep("size")
    assert everything.fields is None
