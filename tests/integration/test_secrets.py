# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""No secret, given or obtained, appears in the output of a play run at -vvvv."""

import base64
import json
import os
import subprocess
import sys

import yaml

COLLECTIONS = os.environ.get("ANSIBLE_COLLECTIONS_PATH") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "collections")
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


def test_ad_hoc_token_shows_its_expiry_and_scopes_but_not_the_token(emulator):
    """Ad hoc, nothing registers the token: only the credentials are masked, the rest is shown."""
    with open(DEFAULTS) as handle:
        defaults = yaml.safe_load(handle)
    bin_dir = os.path.dirname(sys.executable)
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_LOAD_CALLBACK_PLUGINS="0",
                       CCS_API_URL=emulator.url, CCS_USERNAME=defaults["ccs_username"], CCS_PASSWORD=defaults["ccs_password"])
    emulator.control.reset()
    process = subprocess.run([os.path.join(bin_dir, "ansible"), "localhost", "-c", "local", "-m", "secops.executions.ccs_token",
                              "-e", "ansible_python_interpreter=" + sys.executable],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment, check=False, timeout=300)
    output = process.stdout.decode("utf-8", "replace")
    assert process.returncode == 0, output
    assert '"expires_at": "' in output and '"expires_in": ' in output, output
    assert '"access_token": "********"' in output and '"refresh_token": "********"' in output, output
    issued = [entry for entry in emulator.control.requests() if entry["path"].endswith("/oauth/tokens")]
    assert issued, "no token was requested"
    assert "the output has been hidden" not in output
