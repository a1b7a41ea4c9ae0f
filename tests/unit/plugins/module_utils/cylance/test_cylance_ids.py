# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.secops.executions.plugins.module_utils.cylance import ids

OPTICS = "E378DACB9324453AB8C65A8406952195"
CONSOLE = "e378dacb-9324-453a-b8c6-5a8406952195"


@pytest.mark.parametrize("value", [
    OPTICS, CONSOLE, CONSOLE.upper(), OPTICS.lower(), "{" + CONSOLE + "}", " " + CONSOLE + "\n", "urn:uuid:" + CONSOLE,
    "URN:UUID:" + OPTICS,
])
def test_every_common_form_gives_the_same_compact_id(value):
    assert ids.compact(value) == OPTICS
    assert ids.dashed(value) == CONSOLE


@pytest.mark.parametrize("value", [
    None, 42, "", "FIN-WS-01", OPTICS[:-1], OPTICS + "0", "G378DACB9324453AB8C65A8406952195", CONSOLE + "-",
    "E378DACB-9324453AB8C6-5A8406952195", "e378dacb-9324-453ab8c6-5a8406952195",
    "https://content-na.cylance.com/" + OPTICS,
])
def test_anything_else_is_not_an_id(value):
    assert ids.compact(value) is None and ids.dashed(value) is None


@pytest.mark.parametrize("value", [
    "https://content-na.cylance.com/" + OPTICS,
    "https://content-euc1.cylance.com/packages/" + CONSOLE + "?sig=abc",
    "https://content-na.cylance.com/tenant/8A2F5B3C1D4E4F6A9B7C0D1E2F3A4B5C/" + OPTICS,
    OPTICS, CONSOLE,
])
def test_referenced_finds_the_last_id_in_a_download_url(value):
    assert ids.referenced(value) == OPTICS


@pytest.mark.parametrize("value", [None, "", "https://content-na.cylance.com/package", "https://x/" + OPTICS + "0"])
def test_referenced_without_an_id_is_none(value):
    assert ids.referenced(value) is None
