# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""No secret, given or obtained, appears in the output of a play run at -vvvv."""

import base64
import json
import os

import yaml

DEFAULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "targets", "setup_emulator", "defaults", "main.yml")


def test_token_play_at_vvvv_shows_no_secret(run_target, tmp_path):
    run = run_target("token_secrets", verbosity=4)
    assert run.rc == 0, run.output
    with open(DEFAULTS) as handle:
        defaults = yaml.safe_load(handle)
    given = [defaults[k] for k in ("cylance_app_secret", "ccs_password", "oci_client_secret")]
    given.append(base64.b64encode(defaults["ccs_password"].encode()).decode())  # as sent on the wire
    with open(os.path.join(str(tmp_path), "tokens.json")) as handle:
        obtained = json.load(handle)["tokens"]
    assert len(obtained) == 4 and all(obtained)
    leaks = [secret[:6] + "..." for secret in given + obtained if secret in run.output]
    assert leaks == [], "secrets found in -vvvv output"
    # The token tasks ran and were censored, not skipped.
    assert run.output.count("the output has been hidden") >= 3
