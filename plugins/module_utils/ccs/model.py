# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How CCS jobs and runs look to the modules, and what decides a PATCH. No I/O here.

The API speaks PascalCase (``JobID``, ``JobDetails.AssetsResolutionInfo``...). The modules
return snake_case views named like their options, so options, results and diffs share one
vocabulary. Member names are read case-insensitively because the CCS samples mix cases and
its .NET JSON binding ignores case; the answer shapes are not documented.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.module_utils.times import epoch, read_time
from ansible_collections.secops.executions.plugins.module_utils.values import items, objects, text
from ansible_collections.secops.executions.plugins.module_utils.waiting import check_wait_params

JOB_TYPES = ("CollectionEvaluationJob", "CollectionJob", "EvaluationJob")
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# Option keys a job is configured by, in the order diffs show them.
JOB_OPTIONS = ("description", "assets", "standards", "schedule", "notifications")
# notifications.<side> -> (flag member, address member) of JobDetails.
NOTIFICATION_MEMBERS = {
    "on_success": ("ShouldSendSuccessNotification", "SuccessNotification"),
    "on_failure": ("ShouldSendFailureNotification", "FailureNotification"),
}
# notifications.<side>.<option> -> member of SuccessNotification / FailureNotification.
ADDRESS_MEMBERS = (("from_address", "FromEmailAddress"), ("to_address", "ToEmailAddress"), ("subject", "Subject"), ("body", "Body"))
# Run statuses, compared without case, spaces or underscores. Anything unknown that is not
# active counts as an unsuccessful end, so a new status word never hangs a wait.
ACTIVE_STATUSES = frozenset(("running", "queued", "pending", "starting", "inprogress", "aborting", "stopping"))
SUCCESS_STATUSES = frozenset(("completed", "succeeded", "success", "successful", "completedsuccessfully"))
_DOTNET_TIME = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")


LATEST_RUN = "latest"


def check_guid(option, value):
    """``value`` as a lower-case GUID, or OptionError before any request is sent.

    The braced form (``{...}``, as Windows and the Cylance modules write GUIDs) is accepted and sent without braces.
    """
    text = str(value or "").strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    if not GUID.match(text):
        raise OptionError(option, "'{0}' is not a GUID (expected 8-4-4-4-12 hexadecimal digits as CCS shows them, braces allowed)".format(value))
    return text.lower()


def member(record, name, default=None):
    """``record[name]`` matched without case; ``default`` when absent."""
    if not isinstance(record, dict):
        return default
    if name in record:
        return record[name]
    folded = name.lower()
    for key, value in record.items():
        if str(key).lower() == folded:
            return value
    return default


def as_bool(value):
    """True/False from JSON booleans or the "true"/"false" strings of the samples; None when unset."""
    if value is None or isinstance(value, bool):
        return value
    return str(value).strip().lower() == "true"


def _lower(value):
    value = text(value)
    return value.lower() if value is not None else None


def _details(job):
    details = member(job, "JobDetails")
    return details if isinstance(details, dict) else None


def job_view(job):
    """The module's view of a job from any answer that holds one."""
    details = _details(job)
    view = {
        "id": _lower(member(job, "JobID")),
        # Names and labels are text: a list or an object there (a server's bug) reads as missing.
        "name": text(member(job, "JobName", member(details, "JobName"))),
        "type": text(member(job, "JobType")),
        "category": text(member(job, "JobCategory")),
        "description": text(member(job, "JobDescription", member(details, "JobDescription"))),
        "created_by": text(member(job, "CreatedBy")),
        "created_at": member(job, "JobCreationTime"),
        "modified_at": member(job, "JobModifiedTime"),
        "last_run_status": member(job, "LastRunStatus"),
        "last_run_succeeded": None,
        "last_run_at": member(job, "LastRunDate"),
        # Jobs other than the three configurable types have no configuration details.
        "assets": None, "standards": None, "schedule": None, "notifications": None,
    }
    if view["last_run_status"] is not None:
        view["last_run_succeeded"] = is_success(view["last_run_status"])
    if details is not None:
        view["assets"] = [{"id": _lower(member(info, "Id")), "type": member(info, "Type")}
                          for info in objects(member(details, "AssetsResolutionInfo"))]
        view["standards"] = [_lower(standard) for standard in items(member(details, "Standards"))]
        view["schedule"] = member(details, "Schedule")
        view["notifications"] = dict((side, _notification_view(details, flag, addresses))
                                     for side, (flag, addresses) in NOTIFICATION_MEMBERS.items())
    return view


def _notification_view(details, flag, addresses):
    found = member(details, addresses) or {}
    view = {"enabled": bool(as_bool(member(details, flag)))}
    for option, name in ADDRESS_MEMBERS:
        view[option] = member(found, name)
    return view


def normal_status(status):
    return re.sub(r"[\s_]", "", str(status or "")).lower()


def is_active(status):
    return normal_status(status) in ACTIVE_STATUSES


def is_success(status):
    return normal_status(status) in SUCCESS_STATUSES


def run_view(run):
    """The module's view of one run (an item of ``jobruns`` or an operation's answer)."""
    status = member(run, "Status", member(run, "JobRunStatus"))
    view = {
        "id": _lower(member(run, "JobRunID")),
        "job_id": _lower(member(run, "JobID")),
        "status": status,
        "started_at": member(run, "StartTime"),
        "ended_at": member(run, "EndTime"),
        "active": is_active(status),
        "succeeded": is_success(status),
    }
    messages = member(run, "Messages")
    if isinstance(messages, list):
        view["messages"] = [{"message": member(item, "Message", item), "count": member(item, "Count"), "time": member(item, "DateTime")}
                            for item in messages]
    return view


# --- desired state --------------------------------------------------------------------------------

def desired_job(params):
    """The configuration the task asks for, in option terms; None for what it leaves alone."""
    assets = params.get("assets")
    standards = params.get("standards")
    return {
        "description": params.get("description"),
        "assets": None if assets is None else [{"id": asset["id"].lower(), "type": asset["type"]} for asset in assets],
        "standards": None if standards is None else [standard.lower() for standard in standards],
        "schedule": params.get("schedule"),
        "notifications": _desired_notifications(params.get("notifications")),
    }


def _desired_notifications(notifications):
    wanted = {}
    for side, settings in (notifications or {}).items():
        if settings is not None:
            wanted[side] = dict((key, value) for key, value in settings.items() if value is not None)
    return wanted or None


def _checked_name(params):
    if params.get("name") is not None and not params["name"].strip():
        raise OptionError("name", "must not be empty")
    return params.get("name")


def _checked_id(params):
    return check_guid("id", params["id"]) if params.get("id") is not None else None


class JobRequest(object):
    """What a ccs_job task asks for, checked and normalised before any request; the task's params stay as given."""

    def __init__(self, params):
        self.state = params.get("state") or "present"
        self.name = _checked_name(params)
        self.id = _checked_id(params)
        assets = params.get("assets")
        if assets == []:
            raise OptionError("assets", "must list at least one asset: CCS requires AssetsResolutionInfo")
        for index, asset in enumerate(assets or []):
            if not asset["type"].strip():
                raise OptionError("assets[{0}].type".format(index), "must not be empty; use the asset type Search Assets shows")
        checked = dict(params, assets=None if assets is None else [
            dict(asset, id=check_guid("assets[{0}].id".format(index), asset["id"])) for index, asset in enumerate(assets)])
        standards = params.get("standards")
        checked["standards"] = None if standards is None else [
            check_guid("standards[{0}]".format(index), standard) for index, standard in enumerate(standards)]
        self.job_type = params.get("job_type")
        self.desired = desired_job(checked)
        self.run = bool(params.get("run"))
        self.purge_history = bool(params.get("purge_history"))
        self.wait = bool(params.get("wait"))
        self.wait_timeout = params.get("wait_timeout")
        self.poll_interval = params.get("poll_interval")
        self.fail_on_run_failure = params.get("fail_on_run_failure", True)
        self.wait_for_run = _resumed_run(params)
        if self.state != "present":
            for option in ("run", "purge_history", "wait_for_run"):
                if getattr(self, option):
                    raise OptionError(option, "applies to state=present only, not state={0}".format(self.state))
        elif self.wait_for_run and self.run:
            raise OptionError("wait_for_run", "waits on a run the task does not start: remove run, or wait_for_run to start one")
        elif (self.run or self.wait_for_run) and self.wait:
            check_wait_params(params)

    def label(self, job=None):
        """How messages name the job: by its name when known, else by what the task gave."""
        if job and job.get("name"):
            return "the job '{0}'".format(job["name"])
        return "the job '{0}'".format(self.name) if self.name else "the job with ID {0}".format(self.id)


def _resumed_run(params):
    """``wait_for_run``: ``latest``, a run ID (a GUID), or None."""
    value = params.get("wait_for_run")
    if value is None or not str(value).strip():
        return None
    if str(value).strip().lower() == LATEST_RUN:
        return LATEST_RUN
    return check_guid("wait_for_run", value)


class JobQuery(object):
    """What a ccs_job_info task asks for, checked before any request."""

    def __init__(self, params):
        self.id = _checked_id(params)
        self.name = _checked_name(params)
        self.filter = None
        if params.get("filter") is not None:
            text = params["filter"].strip()
            if not text.strip("()").strip():
                raise OptionError("filter", "must hold at least one condition, for example '(JobType = CollectionJob)'")
            self.filter = text if text.startswith("(") else "({0})".format(text)
        for option, minimum in (("runs", 0), ("not_run_for_days", 0), ("page_size", 1)):
            if params.get(option) is not None and params[option] < minimum:
                raise OptionError(option, "must be {0} or more, got {1}".format(minimum, params[option]))
        self.runs = params.get("runs")
        self.messages = bool(params.get("messages"))
        self.not_run_for_days = params.get("not_run_for_days")
        self.page_size = params.get("page_size")


# --- comparison -----------------------------------------------------------------------------------

def parse_time(text):
    """Seconds since the epoch from ISO 8601 (any fraction, Z or offset, naive = UTC) or /Date(ms)/; None otherwise."""
    if not isinstance(text, str):
        return None
    dotnet = _DOTNET_TIME.match(text.strip())
    if dotnet:
        return int(dotnet.group(1)) / 1000.0
    moment = read_time(text, date_only=True)
    return epoch(moment) if moment else None


def _same_scalar(have, want):
    if isinstance(want, dict):
        return isinstance(have, dict) and all(_same_scalar(member(have, key), value) for key, value in want.items())
    if isinstance(want, list):
        return isinstance(have, list) and len(have) == len(want) and all(_same_scalar(h, w) for h, w in zip(have, want))
    have_time, want_time = parse_time(have), parse_time(want)
    if have_time is not None and want_time is not None:
        return have_time == want_time  # the server may re-format a date
    # "true" and True, "2" and 2 are the same value to the .NET binder.
    return str(have).lower() == str(want).lower() if have is not None else want in (None, "", False)


def options_equal(key, have, want):
    """Whether the job already has ``want`` for option ``key`` (only the sub-keys the task set count)."""
    if key == "description":
        return (have or "") == (want or "")
    if key == "assets":
        return sorted((a["id"], str(a["type"]).lower()) for a in have or []) == sorted((a["id"], a["type"].lower()) for a in want)
    if key == "standards":
        return sorted(have or []) == sorted(want)
    if key == "schedule":
        return _same_scalar(have or {}, want)
    if key == "notifications":
        have = have or {}
        return all(_notification_equal(have.get(side) or {}, settings) for side, settings in want.items())
    return have == want


def _notification_equal(have, want):
    for key, value in want.items():
        if key == "enabled":
            if bool(have.get("enabled")) != value:
                return False
        elif (have.get(key) or "") != value:
            return False
    return True


def project(view, desired, keys):
    """The job's current values of ``keys``, limited to the sub-keys the task set (for diffs)."""
    current = {}
    for key in keys:
        have, want = view.get(key), desired[key]
        if key == "schedule":
            have = dict((name, member(have, name)) for name in want)
        elif key == "notifications":
            have = dict((side, dict((name, ((have or {}).get(side) or {}).get(name)) for name in settings))
                        for side, settings in want.items())
        current[key] = have
    return current


def apply_options(view, desired, keys):
    """``view`` with ``keys`` of ``desired`` applied, as the job is after the PATCH (nested objects merged)."""
    result = dict(view)
    for key in keys:
        want = desired[key]
        if key == "schedule":
            result[key] = dict(view.get(key) or {}, **want)
        elif key == "notifications":
            current = view.get(key) or {}
            result[key] = dict(current, **dict((side, dict(current.get(side) or {}, **settings)) for side, settings in want.items()))
        else:
            result[key] = want
    return result


def with_last_run(view, run):
    """``view`` updated with ``run`` as its latest run (None: no run left in the history)."""
    result = dict(view, last_run_status=None, last_run_succeeded=None, last_run_at=None)
    if run is not None:
        result.update(last_run_status=run["status"], last_run_succeeded=run["succeeded"], last_run_at=run["started_at"])
    return result


# --- the body of a create or a PATCH -----------------------------------------------------------

def job_details(desired, keys, view=None):
    """JobDetails carrying ``keys`` of ``desired``.

    For a PATCH (``view`` given), nested objects (Schedule, notifications) are sent whole, the
    current members merged with the wanted ones: CCS does not document whether a PATCH merges them.
    """
    details = {}
    if "description" in keys:
        details["JobDescription"] = desired["description"]
    if "assets" in keys:
        details["AssetsResolutionInfo"] = [{"Id": asset["id"], "Type": asset["type"]} for asset in desired["assets"]]
    if "standards" in keys:
        details["Standards"] = list(desired["standards"])
    if "schedule" in keys:
        details["Schedule"] = dict((view or {}).get("schedule") or {}, **desired["schedule"])
    if "notifications" in keys:
        for side, settings in desired["notifications"].items():
            flag, addresses = NOTIFICATION_MEMBERS[side]
            if "enabled" in settings:
                details[flag] = "true" if settings["enabled"] else "false"  # strings, as the vendor samples send them
            current = ((view or {}).get("notifications") or {}).get(side) or {}
            if any(option in settings for option, dummy in ADDRESS_MEMBERS):
                details[addresses] = dict((name, settings.get(option, current.get(option)) or "") for option, name in ADDRESS_MEMBERS)
    return details


def idle_since(view):
    """When the job last started a run or, if it never ran, when it was created (epoch seconds or None)."""
    return parse_time(view.get("last_run_at")) if view.get("last_run_at") else parse_time(view.get("created_at"))
