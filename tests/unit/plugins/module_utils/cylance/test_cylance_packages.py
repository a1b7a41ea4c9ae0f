# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import json

import pytest

from ansible_collections.secops.executions.plugins.module_utils.cylance import packages
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError

from ansible_collections.secops.executions.tests.unit.plugins.module_utils import fakes


def package(package_id, name, version=1, status="success"):
    return {"packageId": package_id, "status": status, "uploadedOn": "2026-11-01T00:00:00.000Z",
            "packageDescriptor": {"name": name, "version": version, "packageId": package_id}}


CATALOGUE = [
    package("61d8944e-d900-4724-87eb-d10078b90a41", "Browser History", 2),
    package("c9c4a897-2dcb-4fed-88d7-b0f960be0822", "Process Snapshot", 1),
    package("b4cc432a-5391-42b5-acba-00085a26affe", "Process Snapshot", 2),
]


def test_exact_names_resolve_to_ids():
    resolved, problems = packages.match_names(["Browser History", "Browser History"], CATALOGUE)
    assert resolved == {"Browser History": "61D8944ED900472487EBD10078B90A41"} and problems == []


def test_names_are_case_sensitive_and_suggest_the_right_spelling():
    resolved, problems = packages.match_names(["browser history"], CATALOGUE)
    assert resolved == {}
    assert problems == ["no package is named 'browser history' (names must match exactly); "
                        "packages: 'Browser History', 'Process Snapshot'"]


def test_a_shared_name_is_ambiguous_and_lists_both():
    resolved, problems = packages.match_names(["Process Snapshot"], CATALOGUE)
    assert resolved == {}
    assert problems == ["2 packages are named 'Process Snapshot': "
                        "c9c4a897-2dcb-4fed-88d7-b0f960be0822 (version 1, status success, uploaded 2026-11-01T00:00:00.000Z), "
                        "b4cc432a-5391-42b5-acba-00085a26affe (version 2, status success, uploaded 2026-11-01T00:00:00.000Z); "
                        "give the package ID instead"]


def test_a_big_catalogue_lists_only_similar_names():
    catalogue = [package("00000000-0000-4000-8000-0000000000{0:02d}".format(n), "Tool {0}".format(n)) for n in range(30)]
    dummy, problems = packages.match_names(["tool 7"], catalogue)
    assert problems[0].startswith("no package is named 'tool 7' (names must match exactly); similar names: 'Tool 7'")
    dummy, problems = packages.match_names(["zzzzzz"], catalogue)
    assert "cylance_package_info" in problems[0]


def test_an_empty_tenant_says_so():
    assert packages.match_names(["x"], [])[1] == ["no package is named 'x' (names must match exactly); the tenant has no packages"]


class Pages(object):
    """A fake client serving the catalogue as one page and counting the requests."""

    def __init__(self, items):
        self.items = items
        self.requests = 0

    def get(self, path, query=None, allow_status=()):
        self.requests += 1
        self.query = query

        class Answer(object):
            status = 200
            json = {"page_number": 1, "total_pages": 1, "page_items": self.items}
        return Answer()


def test_ids_cost_no_request_and_come_back_dashed():
    client = Pages(CATALOGUE)
    assert packages.resolve(client, ["61D8944ED900472487EBD10078B90A41", "{c9c4a897-2dcb-4fed-88d7-b0f960be0822}"]) == [
        "61d8944e-d900-4724-87eb-d10078b90a41", "c9c4a897-2dcb-4fed-88d7-b0f960be0822"]
    assert client.requests == 0


def test_names_cost_one_walk_for_all_of_them():
    client = Pages(CATALOGUE)
    assert packages.resolve(client, ["Browser History", "b4cc432a-5391-42b5-acba-00085a26affe", "Browser History"]) == [
        "61d8944e-d900-4724-87eb-d10078b90a41", "b4cc432a-5391-42b5-acba-00085a26affe", "61d8944e-d900-4724-87eb-d10078b90a41"]
    assert client.requests == 1


def test_every_problem_is_reported_at_once_under_the_option():
    with pytest.raises(OptionError) as error:
        packages.resolve(Pages(CATALOGUE), ["Nope", "Process Snapshot"])
    assert error.value.msg.startswith("packages: no package is named 'Nope'") and "2 packages are named" in error.value.msg


def test_status_filter_is_applied_even_if_the_server_ignores_it():
    catalogue = CATALOGUE + [package("1e1f1352-12eb-4e6d-909d-afbd820f37c5", "Memory Dump", status="failed")]
    assert [p["status"] for p in packages.list_packages(Pages(catalogue), status="failed")] == ["failed"]


def test_a_package_whose_upload_failed_is_refused_with_its_status():
    catalogue = CATALOGUE + [package("1e1f1352-12eb-4e6d-909d-afbd820f37c5", "Memory Dump", status="failed")]
    client = Pages(catalogue)
    with pytest.raises(OptionError) as error:
        packages.resolve(client, ["Browser History", "Memory Dump"])
    assert error.value.option == "packages"
    assert error.value.msg == ("packages: the package 'Memory Dump' (1e1f1352-12eb-4e6d-909d-afbd820f37c5) cannot run: its upload "
                               "status is 'failed', not 'success'; upload it again or choose another package")
    assert client.requests == 1


def test_status_category_and_sort_are_sent_and_the_filters_applied_again():
    catalogue = [dict(package("61d8944e-d900-4724-87eb-d10078b90a41", "Browser History"), category="cylance"),
                 dict(package("c9c4a897-2dcb-4fed-88d7-b0f960be0822", "Process Snapshot"), category="custom")]
    client = Pages(catalogue)
    listed = list(packages.list_packages(client, status="success", category="cylance", sort="-size"))
    assert [p["packageId"] for p in listed] == ["61d8944e-d900-4724-87eb-d10078b90a41"]
    assert client.query == {"status": "success", "category": "cylance", "sort": "-size", "page": 1, "page_size": 200}


def test_no_filter_sends_only_the_paging():
    client = Pages(CATALOGUE)
    assert len(list(packages.list_packages(client))) == 3 and client.query == {"page": 1, "page_size": 200}


@pytest.mark.parametrize("value", [None, "size", "-packageDescriptor.name", "uploadedBy.login"])
def test_sort_takes_the_sortable_fields_either_way(value):
    assert packages.sort_order(value) == value


def test_sort_by_anything_else_names_the_option_and_the_fields():
    with pytest.raises(OptionError) as error:
        packages.sort_order("-name")
    assert error.value.msg.startswith("sort: cannot sort by '-name'") and "packageDescriptor.name" in error.value.msg


def v2_page(number, total_pages, items):
    return 200, {"page_number": number, "total_pages": total_pages, "total_number_of_items": 3, "page_items": items}


def test_the_list_to_dest_is_written_page_by_page_with_the_name_applied_to_each(tmp_path, monkeypatch):
    dest = tmp_path / "packages.json"
    api = fakes.FakeApi("https://protectapi.cylance.com", [v2_page(1, 2, CATALOGUE[:2]), v2_page(2, 2, CATALOGUE[2:])],
                        id=None, name="Process Snapshot", status=None, category=None, sort=None, fields=["status"],
                        dest=str(dest), dest_format="json")
    writes = fakes.record_writes(monkeypatch, lambda: len(api.session.sent))
    result = packages.package_info(api)
    assert writes == [(1, 1), (2, 1)]
    assert result["count"] == 2 and "packages" not in result and result["changed"] is True
    assert json.loads(dest.read_text()) == [
        {"packageId": "c9c4a897-2dcb-4fed-88d7-b0f960be0822", "status": "success"},
        {"packageId": "b4cc432a-5391-42b5-acba-00085a26affe", "status": "success"}]


def test_the_list_without_dest_is_returned_whole():
    api = fakes.FakeApi("https://protectapi.cylance.com", [v2_page(1, 2, CATALOGUE[:2]), v2_page(2, 2, CATALOGUE[2:])],
                        id=None, name=None, status=None, category=None, sort=None)
    assert [package["packageId"] for package in packages.package_info(api)["packages"]] == [
        package["packageId"] for package in CATALOGUE]
