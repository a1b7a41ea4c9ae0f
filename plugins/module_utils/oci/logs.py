# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle execution logs: the log file names of oci_config_execution_info, and oci_config_execution_log
(initiate a log transfer, fetch one log file to a local path).

A log file comes Base64-encoded in a JSON answer; it is decoded and written atomically (a
temporary file in the destination's folder, then renamed over it), and not written at all when
the file there already has the same SHA-1 checksum.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import os
import tempfile

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.module_utils.listing import file_checksum
from ansible_collections.secops.executions.plugins.module_utils.options import check_path_values
from ansible_collections.secops.executions.plugins.module_utils.oci.api import ConfigExecutions

ABSENT = "absent"


def attach_log_names(executions, listing):
    """Each execution of ``listing`` gains ``log_files``: one request per execution."""
    for execution in listing:
        execution["log_files"] = executions.log_names(execution["instance_id"], execution["id"])
    return listing


def checksum(data):
    return hashlib.sha1(data).hexdigest()


def write_atomically(path, data):
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half of it.

    A new file gets mode 0600 (logs may hold sensitive data); an existing file keeps its mode.
    """
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777 if os.path.exists(path) else 0o600
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".secops-log-")
    try:
        with os.fdopen(handle, "wb") as target:
            target.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


class LogRequest(object):
    """What an oci_config_execution_log task asks for, checked before any request."""

    def __init__(self, params):
        for option in ("support_identifier", "service_type", "instance_id", "execution_id", "name", "dest",
                       "transfer", "os_process_identifier"):
            setattr(self, option, params.get(option))
        check_path_values(params, ("support_identifier", "service_type", "instance_id", "execution_id"))
        if not self.name and not self.transfer:
            raise OptionError("name", "required unless transfer=true: give the log file to fetch, or ask for a transfer")
        if self.name and not self.dest:
            raise OptionError("dest", "required with name: the local path to write the log file to")
        if self.name and ("/" in self.name or self.name in (".", "..")):
            raise OptionError("name", "'{0}' is not a log file name (no folders)".format(self.name))
        if self.dest:
            self.dest = os.path.expanduser(self.dest)
            if os.path.isdir(self.dest):
                self.dest = os.path.join(self.dest, self.name)
            if not os.path.isdir(os.path.dirname(os.path.abspath(self.dest))):
                raise OptionError("dest", "the folder of {0} does not exist".format(self.dest))


def fetch_log(api):
    """oci_config_execution_log: transfer when asked, then fetch ``name`` to ``dest`` unless it is there already."""
    request = LogRequest(api.params)
    executions = ConfigExecutions(api.client, request.support_identifier, request.service_type)
    result = {"changed": False, "execution_id": request.execution_id}
    if request.transfer:
        result["changed"] = True
        result["transfer_message"] = None
        if not api.check_mode:
            result["transfer_message"] = executions.transfer_logs(request.instance_id, request.execution_id,
                                                                  request.os_process_identifier)
    if request.name:
        changed, saved, diff = _save(api, executions, request)
        result.update(saved)
        result["changed"] = result["changed"] or changed
        if diff is not None and api.diff:
            result["diff"] = diff
    return result


def _save(api, executions, request):
    names = executions.log_names(request.instance_id, request.execution_id)
    if request.name not in names:
        if request.transfer and api.check_mode:
            # The transfer that would bring the file was not initiated: predict the fetch.
            api.warn("Check mode: log file {0} is not listed before the transfer, so its fetch is predicted".format(request.name))
            return True, {"dest": request.dest, "name": request.name, "checksum": None, "size": None}, None
        raise OptionError("name", "execution {0} has no log file '{1}'; its log files: {2}".format(
            request.execution_id, request.name, ", ".join(names) or "none"))
    data = executions.log_file(request.instance_id, request.execution_id, request.name)
    before, after = file_checksum(request.dest), checksum(data)
    saved = {"dest": request.dest, "name": request.name, "checksum": after, "size": len(data)}
    if before == after:
        return False, saved, None
    diff = {"before": {"path": request.dest, "checksum": before or ABSENT},
            "after": {"path": request.dest, "checksum": after}}
    if not api.check_mode:
        write_atomically(request.dest, data)
    return True, saved, diff
