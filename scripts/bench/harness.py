# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every part of the benchmark shares: the collection, the emulator, tokens, and running a module.

A module is run the way Ansible's module protocol runs it, without the controller around it: a
fresh Python imports it and runs it as ``__main__`` with an args file holding
``{"ANSIBLE_MODULE_ARGS": {...}}`` (probe.py does this and reports the module's import, logic and
output times and its peak memory). Its wall time is measured from the spawn to the exit, and its
requests are read from the emulator's request log.
"""

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from secops_emulator.fixture import start_emulator
from secops_emulator.seed import defaults, merge_seed

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODULES = "ansible_collections.secops.executions.plugins.modules."
PROBE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe.py")
# Environment variables the modules read as option fallbacks: the benchmark passes every option itself.
VENDOR_ENV_PREFIXES = ("CYLANCE_", "CCS_", "OCI_MCS_")


def collections_root():
    """The directory holding ansible_collections/secops/executions: from ANSIBLE_COLLECTIONS_PATH, or a link to this tree."""
    for entry in os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep):
        if entry and os.path.isdir(os.path.join(entry, "ansible_collections", "secops", "executions")):
            return os.path.abspath(entry)
    root = tempfile.mkdtemp(prefix="secops-bench-collections-")
    os.makedirs(os.path.join(root, "ansible_collections", "secops"))
    os.symlink(ROOT, os.path.join(root, "ansible_collections", "secops", "executions"))
    return root


def median(values):
    return statistics.median(values) if values else float("nan")


class Run(object):
    """One module run: its result, wall time (s), phases (probe.py), output size and the requests it made."""

    def __init__(self, result, seconds, phases, output_bytes, requests, returncode, stderr):
        self.result = result
        self.seconds = seconds
        self.phases = phases
        self.peak_mb = phases["peak_kb"] / 1024.0
        self.output_bytes = output_bytes
        self.requests = requests
        self.returncode = returncode
        self.stderr = stderr

    @property
    def failed(self):
        return self.returncode != 0 or bool(self.result.get("failed"))

    def calls(self):
        """The requests as ``METHOD path`` strings, in order."""
        return ["{0} {1}".format(entry["method"], entry["path"]) for entry in self.requests]


class Bench(object):
    """A running emulator plus the means to run modules against it."""

    def __init__(self):
        self.collections = collections_root()
        self.work = tempfile.mkdtemp(prefix="secops-bench-")
        self.handle = start_emulator(tls=False)
        self.url = self.handle.url
        self.control = self.handle.control
        self.seed = defaults()
        self.env = dict((key, value) for key, value in os.environ.items() if not key.startswith(VENDOR_ENV_PREFIXES))
        self.env.update(PYTHONPATH=self.collections, ANSIBLE_COLLECTIONS_PATH=self.collections, ANSIBLE_NOCOLOR="1",
                        PYTHONDONTWRITEBYTECODE="1")
        if self.collections not in sys.path:
            sys.path.insert(0, self.collections)
        self.tokens = {}

    def stop(self):
        self.handle.stop()

    # --- the emulator's state ------------------------------------------------------------------

    def load(self, overrides=None):
        """Reset the emulator to the defaults with ``overrides`` merged over them, then get fresh tokens.

        Seeding goes through the emulator object (the fixture's white-box handle) rather than
        ``POST /_emulator/seed`` only to spare encoding 100,000 items as one JSON body.
        """
        gc.unfreeze()
        self.handle.emulator.reset(merge_seed(overrides or {}))
        # The seed lives until the next load: freezing it keeps Python's collector from walking
        # 100,000 items on every collection the emulator's page rendering triggers.
        gc.collect()
        gc.freeze()
        self.refresh_tokens()

    def refresh_tokens(self):
        """One access token per vendor, obtained with the collection's own auth code (a reset forgets tokens)."""
        from ansible_collections.secops.executions.plugins.module_utils.client import HttpClient
        from ansible_collections.secops.executions.plugins.module_utils.ccs.connection import VENDOR as CCS
        from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR as CYLANCE
        from ansible_collections.secops.executions.plugins.module_utils.oci.connection import VENDOR as OCI
        for name, vendor in (("cylance", CYLANCE), ("ccs", CCS), ("oci", OCI)):
            params = self.credentials(name)
            auth = vendor.build_auth(params)
            self.tokens[name] = auth.renew(HttpClient(vendor.base_url(params), auth=auth)).access_token
        self.control.clear_requests()

    def credentials(self, vendor):
        """Connection options that make the module log in itself."""
        if vendor == "cylance":
            tenant = self.seed["cylance"]["tenants"][0]
            application = tenant["applications"][0]
            return {"api_url": self.url, "tenant_id": tenant["tenant_id"], "app_id": application["app_id"],
                    "app_secret": application["app_secret"]}
        if vendor == "ccs":
            user = self.seed["ccs"]["users"][0]
            return {"api_url": self.url, "username": user["username"], "password": user["password"]}
        client = self.seed["oci"]["clients"][0]
        return {"api_url": self.url, "identifier": self.seed["oci"]["identifier"], "token_url": self.url + "/oauth2/v1/token",
                "client_id": client["client_id"], "client_secret": client["client_secret"]}

    def reuse(self, vendor):
        """Connection options that reuse a token from the vendor's token module."""
        options = {"api_url": self.url, "access_token": self.tokens[vendor]}
        if vendor == "oci":
            options["identifier"] = self.seed["oci"]["identifier"]
        return options

    # --- running a module ----------------------------------------------------------------------

    def run_module(self, module, args, check_mode=False, virtual_time=False):
        """Run ``module`` with ``args`` once; the request log is cleared first and read afterwards."""
        args = dict(args)
        if check_mode:
            args["_ansible_check_mode"] = True
        args_file = os.path.join(self.work, "args.json")
        with open(args_file, "w") as handle:
            json.dump({"ANSIBLE_MODULE_ARGS": args}, handle)
        report = os.path.join(self.work, "probe.json")
        command = [sys.executable, PROBE, report, MODULES + module, args_file] + ([self.url] if virtual_time else [])
        out_path, err_path = os.path.join(self.work, "stdout"), os.path.join(self.work, "stderr")
        self.control.clear_requests()
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            started = time.perf_counter()
            returncode = subprocess.call(command, stdout=out, stderr=err, env=self.env, cwd=self.work)
            seconds = time.perf_counter() - started
        with open(out_path, "rb") as out:
            output = out.read()
        with open(err_path, "rb") as err:
            stderr = err.read().decode("utf-8", "replace")
        with open(report) as handle:
            phases = json.load(handle)
        try:
            result = json.loads(output[output.index(b"{"):]) if b"{" in output else {}
        except ValueError:
            result = {"failed": True, "msg": output[:500].decode("utf-8", "replace")}
        return Run(result, seconds, phases, len(output), self.control.requests(), returncode, stderr)
