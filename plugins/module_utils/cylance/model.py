# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cylance package executions as data: the compared facts, the readable summary, device progress.

Pure functions, no HTTP.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from urllib.parse import urlsplit

from ansible_collections.secops.executions.plugins.module_utils.cylance import ids
from ansible_collections.secops.executions.plugins.module_utils.diff import changed_keys
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.module_utils.redaction import REDACTED, redact_url
from ansible_collections.secops.executions.plugins.module_utils.values import items, mapping

# The fields of an execution the API documents (what ``fields`` of the info module accepts).
FIELDS = ("id", "name", "createdAt", "createdBy", "destination", "deviceCount", "deviceStatuses", "keepResultsLocally",
          "packageExecutions", "target")
# The order keys appear in diffs and messages.
COMPARED = ("packages", "devices", "zones", "destination", "keep_results_locally")


# --- what an execution is, for comparing, diffs and results -------------------------------

def public(execution):
    """The execution as the API returned it, with any credentials in ``destination`` masked."""
    if not isinstance(execution, dict) or not execution:
        return execution
    shown = dict(execution)
    if shown.get("destination"):
        # Not a URL string: nothing tells where credentials could hide in it, so none of it is shown.
        shown["destination"] = redact_url(shown["destination"]) if isinstance(shown["destination"], str) else REDACTED
    return shown


def comparable(execution):
    """What makes two executions the same, in a form where ID spellings and credentials do not matter.

    Answers give packages as download URLs and may spell IDs differently from requests, so
    IDs are compared compact. Credentials in the destination are not compared: the API may
    mask them, and a new password does not make a different execution.
    """
    execution = mapping(execution)
    target = mapping(execution.get("target"))
    destination = execution.get("destination") or ""
    return {
        "packages": [(ids.referenced(item.get("package")), list(items(item.get("arguments"))))
                     for item in items(execution.get("packageExecutions")) if isinstance(item, dict)],
        "devices": sorted(set(ids.compact(item) or str(item) for item in items(target.get("devices")))),
        "zones": sorted(set(ids.compact(item) or str(item) for item in items(target.get("zones")))),
        "destination": redact_url(destination) if isinstance(destination, str) else REDACTED,
        "keep_results_locally": bool(execution.get("keepResultsLocally")),
    }


def differences(current, desired):
    """Compared keys whose values differ, in COMPARED order."""
    keys = set(changed_keys(comparable(current), comparable(desired)))
    return [key for key in COMPARED if key in keys]


def summary(execution):
    """A readable form for diffs and messages: package IDs dashed, target IDs as the API takes them, no credentials."""
    facts = comparable(execution)
    shown = {"name": mapping(execution).get("name"),
             "packages": [{"package": ids.dashed(package) or package, "arguments": arguments} for package, arguments in facts["packages"]]}
    for key in ("devices", "zones"):
        if facts[key]:
            shown[key] = facts[key]
    shown["destination"] = facts["destination"]
    shown["keep_results_locally"] = facts["keep_results_locally"]
    return shown


def describe_differences(current, desired, keys):
    have, want = summary(current), summary(desired)
    parts = []
    for key in keys:
        if key == "destination":
            parts.append("destination differs (not shown: it may hold credentials)")
        else:
            parts.append("{0}: has {1}, task wants {2}".format(key, _readable(have.get(key)), _readable(want.get(key))))
    return "; ".join(parts)


def _readable(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if not value:
        return "nothing"
    if isinstance(value, list):
        return ", ".join(_readable(item) for item in value)
    if isinstance(value, dict):  # one package of packageExecutions
        return "{0} with arguments {1}".format(value["package"], json.dumps(value["arguments"]))
    return str(value)


def device_counts(execution):
    """Progress over the devices online when the execution was requested."""
    execution = mapping(execution)
    statuses = mapping(execution.get("deviceStatuses"))

    def count(value):
        try:
            return max(0, int(value or 0))
        except (TypeError, ValueError, OverflowError):
            return 0
    total = count(execution.get("deviceCount"))
    succeeded, failed = count(statuses.get("succeeded")), count(statuses.get("failed"))
    return {"device_count": total, "acked": count(statuses.get("acked")), "succeeded": succeeded, "failed": failed,
            "unfinished": max(0, total - succeeded - failed)}


def finished(execution):
    return device_counts(execution)["unfinished"] == 0


# The vendor documents "an FTP, SFTP or SAMBA URL" and lists no schemes; an HTTPS (S3) destination is
# used in the wild. Other schemes are sent as given, with a warning: the API may know more than we do.
KNOWN_SCHEMES = ("ftp", "ftps", "sftp", "smb", "https")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
# A SAMBA share written the Windows way (\\server\share\dir) or the smbclient way (//server/share/dir).
_SHARE = re.compile(r"^(\\\\|//)[^\\/]+[\\/][^\\/]+")


def destination_warning(destination):
    """Check the shape of a result destination: a share path or ``scheme://host...``, else OptionError; a warning
    (or None) when the scheme is not one of KNOWN_SCHEMES. The value may hold a password, so no message repeats it."""
    if not destination or _SHARE.match(destination):
        return None
    if destination.startswith(("\\\\", "//")):
        raise OptionError("destination", "is a share path without a share; write it as \\\\server\\share or smb://server/share")
    scheme, separator, dummy = destination.partition("://")
    if not separator or not _SCHEME.match(scheme):
        raise OptionError("destination", "has no scheme; give a URL such as sftp://user@host/dir, ftp://host/dir or smb://server/share")
    try:
        host = urlsplit(destination).hostname
    except ValueError:
        host = None
    if not host:
        raise OptionError("destination", "has no host after {0}://; give a URL such as {0}://host/dir".format(scheme.lower()))
    if scheme.lower() not in KNOWN_SCHEMES:
        return ("destination: the scheme '{0}' is none of {1}. The vendor documents FTP, SFTP and SAMBA URLs without listing "
                "schemes, so the execution is sent as given; check it for a typo".format(scheme, ", ".join(KNOWN_SCHEMES)))
    return None
