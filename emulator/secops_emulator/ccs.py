"""Symantec CCS REST API: OAuth2 token endpoint (password and refresh grants), the bearer check
and the Jobs service (search, get, run history, create, update, execute/abort, delete).

Tokens are opaque random strings kept server-side, like a classic OAuth2 authorization server.
Jobs, runs, assets and standards live in the store; runs progress with the emulator clock.
"""
import base64
import binascii
import datetime
import fnmatch
import hmac
import re
import secrets
import uuid
from functools import partial

from .core import HttpError, empty_response, iso_utc, json_response
from .schema import Any, Bool, Enum, Field, Int, List, Number, Record, Str, Text

VENDOR = "ccs"
BASE = "/ccs/api/v1"


def _grant_error(status: int, error: str, description: str) -> HttpError:
    return HttpError(status, {"error": error, "error_description": description})


class CcsStore:
    """Users from the seed plus issued access and refresh tokens."""

    def __init__(self, clock):
        self.clock = clock
        self.config = {}
        self.users = {}
        self.access_tokens = {}
        self.refresh_tokens = {}

    def reset(self, config: dict) -> None:
        self.config = config
        # Windows account names are case-insensitive: key users by the folded name.
        self.users = {str(user["username"]).casefold(): user for user in config["users"]}
        self.access_tokens = {}  # token -> (username, expiry)
        self.refresh_tokens = {}  # token -> username; rotated on every refresh
        self.jobs = JobStore(self.clock, config)

    def revoke_tokens(self) -> None:
        """Invalidate access tokens only: a client can still refresh or log in again."""
        self.access_tokens.clear()

    def check_password(self, username: str, submitted: str):
        """The user record when ``submitted`` is that user's password in the configured encoding."""
        user = self.users.get(username.casefold())
        if user is None:
            return None
        if self.config["password_encoding"] == "base64":
            try:
                submitted = base64.b64decode(submitted, validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                return None
        return user if hmac.compare_digest(submitted.encode("utf-8"), str(user["password"]).encode("utf-8")) else None

    def issue(self, username: str) -> dict:
        ttl = self.config["token_ttl"]
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self.access_tokens[access] = (username, self.clock.now() + ttl)
        self.refresh_tokens[refresh] = username
        return {"access_token": access, "refresh_token": refresh, "token_type": "bearer", "expires_in": ttl}


def issue_token(store: CcsStore, request):
    """POST /ccs/api/v1/oauth/tokens with an OAuth2 form body.

    The body is parsed as a form whatever the Content-Type: the vendor samples label it
    application/json, and parse_qs keeps percent-encoded ``& + % =`` and ``\\`` intact.
    """
    form = {name: values[0] for name, values in request.form().items()}
    grant_type = form.get("grant_type")
    if grant_type == "password":
        user = store.check_password(form.get("username", ""), form.get("password", ""))
        if user is None:
            raise _grant_error(401, "invalid_grant", "The user name or password is incorrect.")
        return json_response(store.issue(user["username"]))
    if grant_type == "refresh_token":
        username = store.refresh_tokens.pop(form.get("refresh_token", ""), None)
        if username is None:
            raise _grant_error(401, "invalid_grant", "The refresh token is invalid or was already used.")
        return json_response(store.issue(username))
    if not grant_type:
        raise _grant_error(400, "invalid_request", "grant_type is required.")
    raise HttpError(400, {"error": "unsupported_grant_type"})


def require(store: CcsStore, request) -> str:
    """User name behind the request's bearer token; 401 if missing, unknown, expired or revoked."""
    token = request.bearer_token()
    entry = store.access_tokens.get(token) if token else None
    if entry is None:
        raise HttpError(401, {"message": "Authorization has been denied for this request."})
    username, expiry = entry
    if expiry <= store.clock.now():
        raise HttpError(401, {"message": "Authorization has been denied for this request (token expired)."})
    return username


# ---------------------------------------------------------------------------------------------
# Jobs service. Facts from the CCS 12.x REST API pages and Symantec's samples; shapes of answers
# are assumptions (the pages' response sections were not readable), see docs/emulator.md.

JOB_TYPES = ("CollectionEvaluationJob", "CollectionJob", "EvaluationJob")
COLLECTING_TYPES = ("CollectionEvaluationJob", "CollectionJob")
OPERATIONS = ("execute", "abort")
RUN_STATUSES = ("Running", "Completed", "Failed", "Aborted")
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
SECONDS_PER_DAY = 86400
_GUID = re.compile(r"^[{(]?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})[})]?$", re.I)
# JobDetails keys (.NET binds JSON members case-insensitively and ignores unknown ones).
DETAIL_KEYS = ("JobName", "JobDescription", "AssetsResolutionInfo", "Standards", "Schedule",
               "ShouldSendSuccessNotification", "ShouldSendFailureNotification", "SuccessNotification",
               "FailureNotification", "IsIncremental", "IncrementalPeriod", "CollectionOnlyTimeOutMins",
               "CollectionOnlyTimeOutHours")
NOTIFICATION_KEYS = ("FromEmailAddress", "ToEmailAddress", "Subject", "Body")
BOOL_DETAILS = ("ShouldSendSuccessNotification", "ShouldSendFailureNotification", "IsIncremental")
INT_DETAILS = ("IncrementalPeriod", "CollectionOnlyTimeOutMins", "CollectionOnlyTimeOutHours")


def _message(status: int, text: str) -> HttpError:
    return HttpError(status, {"message": text})


def parse_guid(value):
    """The canonical (lower-case, hyphenated) GUID, or None; .NET also accepts the N, B and P forms."""
    text = str(value or "").strip()
    match = _GUID.match(text)
    if not match or text.startswith(("{", "(")) != text.endswith(("}", ")")):
        return None
    return "-".join(match.groups()).lower()


def _canonical_keys(data: dict, known) -> dict:
    """Known members under their canonical names, matched case-insensitively; others dropped."""
    by_fold = {key.casefold(): key for key in known}
    return {by_fold[key.casefold()]: value for key, value in data.items() if key.casefold() in by_fold}


def _as_bool(value, name: str) -> bool:
    # The samples send "true"/"false" strings; .NET accepts them for Boolean members.
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise _message(400, f"{name} must be true or false.")


def _parse_time(text: str) -> float:
    moment = datetime.datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


class JobStore:
    """Assets, standards, jobs and their runs. A run's status is computed from the clock."""

    def __init__(self, clock, config: dict):
        self.clock = clock
        self.evaluation_seconds = config["evaluation_seconds"]
        self.assets = {parse_guid(asset["id"]): asset for asset in config["assets"]}
        self.standards = {parse_guid(standard["id"]): standard for standard in config["standards"]}
        self.jobs = {}  # job id -> job record (insertion order = creation order)
        self.runs = {}  # run id -> run record
        # Search Jobs walks every job; its result is kept for the next pages of the same search
        # (attributes, generation, valid until, matched jobs) while nothing it depends on changed.
        self.generation = 0  # bumped by every change of a job or run
        self._last_search = None
        loaded = clock.now()  # seeded times are relative to the (re)load
        for seeded in config["jobs"]:
            self._seed_job(seeded, loaded)

    def _seed_job(self, seeded: dict, loaded: float) -> None:
        created = loaded - seeded["created_days_ago"] * SECONDS_PER_DAY
        details = None
        if not seeded.get("system"):
            details = {
                "JobName": seeded["name"],
                "JobDescription": seeded.get("description", ""),
                "AssetsResolutionInfo": [{"Id": parse_guid(asset), "Type": self.assets[parse_guid(asset)]["type"]}
                                         for asset in seeded.get("assets", [])],
                "Standards": [parse_guid(standard) for standard in seeded.get("standards", [])],
            }
        job = self._new_job(parse_guid(seeded["id"]), seeded["name"], seeded["type"], seeded["created_by"],
                            details, created, system=bool(seeded.get("system")))
        for seeded_run in reversed(seeded.get("runs", [])):
            started = loaded - seeded_run["started_days_ago"] * SECONDS_PER_DAY
            run = self._start_run(job, started, by=seeded["created_by"])
            if seeded_run["status"] != "Running":
                run["outcome"] = seeded_run["status"]
                run["messages"] = self._messages(job, run["outcome"], run["ends"])
                if seeded_run["status"] == "Aborted":
                    run["aborted_at"] = run["ends"]

    def _new_job(self, job_id, name, job_type, creator, details, created, system=False) -> dict:
        job = {"id": job_id, "name": name, "type": job_type, "system": system, "created_by": creator,
               "created_at": created, "modified_at": created, "details": details, "run_ids": []}
        self.jobs[job_id] = job
        self.generation += 1
        return job

    # --- runs -----------------------------------------------------------------------------

    def _job_assets(self, job: dict) -> list:
        infos = (job["details"] or {}).get("AssetsResolutionInfo") or []
        return [self.assets[info["Id"]] for info in infos if info["Id"] in self.assets]

    def _duration(self, job: dict) -> float:
        collection = max([asset.get("collection_seconds", 0) for asset in self._job_assets(job)] or [0])
        if job["type"] == "CollectionJob":
            return collection
        if job["type"] == "CollectionEvaluationJob":
            return collection + self.evaluation_seconds
        return self.evaluation_seconds

    def _outcome(self, job: dict) -> str:
        if job["type"] in COLLECTING_TYPES and any(asset.get("reachable") is False for asset in self._job_assets(job)):
            return "Failed"
        return "Completed"

    def _messages(self, job: dict, outcome: str, at: float) -> list:
        if outcome != "Failed":
            return []
        unreachable = [asset for asset in self._job_assets(job) if asset.get("reachable") is False]
        texts = [f"Data collection failed for asset '{asset['name']}': the host did not respond." for asset in unreachable]
        return [{"Message": text, "Count": 1, "DateTime": iso_utc(at)} for text in texts or ["The job run failed."]]

    def _start_run(self, job: dict, started: float, by: str) -> dict:
        ends = started + self._duration(job)
        outcome = self._outcome(job)
        run = {"id": str(uuid.uuid4()), "job_id": job["id"], "started": started, "ends": ends, "outcome": outcome,
               "aborted_at": None, "messages": self._messages(job, outcome, ends), "by": by}
        self.runs[run["id"]] = run
        job["run_ids"].append(run["id"])
        self.generation += 1
        return run

    def run_status(self, run: dict) -> str:
        if run["aborted_at"] is not None:
            return "Aborted"
        return "Running" if self.clock.now() < run["ends"] else run["outcome"]

    def run_view(self, run: dict, messages: bool = False) -> dict:
        status = self.run_status(run)
        ended = run["aborted_at"] if status == "Aborted" else (run["ends"] if status != "Running" else None)
        view = {"JobRunID": run["id"], "JobID": run["job_id"], "JobName": self.jobs[run["job_id"]]["name"],
                "Status": status, "StartTime": iso_utc(run["started"]), "EndTime": iso_utc(ended) if ended else None}
        if messages:
            view["Messages"] = list(run["messages"]) if status != "Running" else []
        return view

    def job_runs(self, job: dict) -> list:
        """Runs of a job, newest first."""
        return [self.runs[run_id] for run_id in reversed(job["run_ids"])]

    def running(self, job: dict) -> list:
        return [run for run in self.job_runs(job) if self.run_status(run) == "Running"]

    def execute(self, job: dict, user: str) -> dict:
        if self.running(job):
            raise _message(409, f"The job '{job['name']}' is already running.")
        return self._start_run(job, self.clock.now(), by=user)

    def abort(self, run: dict, user: str) -> dict:
        if self.run_status(run) != "Running":
            raise _message(409, f"The job run '{run['id']}' is not running; its status is {self.run_status(run)}.")
        run["aborted_at"] = self.clock.now()
        self.generation += 1
        run["messages"] = [{"Message": f"The job run was aborted by {user}.", "Count": 1, "DateTime": iso_utc(run["aborted_at"])}]
        return run

    def purge_history(self, job: dict) -> None:
        """DeleteJob=False: the job stays; its historical (ended) runs are removed."""
        kept = [run_id for run_id in job["run_ids"] if self.run_status(self.runs[run_id]) == "Running"]
        for run_id in job["run_ids"]:
            if run_id not in kept:
                del self.runs[run_id]
        job["run_ids"] = kept
        self.generation += 1

    def delete(self, job: dict) -> None:
        for run_id in job["run_ids"]:
            del self.runs[run_id]
        del self.jobs[job["id"]]
        self.generation += 1

    # --- jobs -----------------------------------------------------------------------------

    def job_view(self, job: dict) -> dict:
        """Job properties, plus configuration details (JobDetails) for the three configurable types."""
        last = self.job_runs(job)[:1]
        view = {
            "JobID": job["id"], "JobName": job["name"], "JobType": job["type"],
            "JobCategory": "System" if job["system"] else "Custom",
            "JobDescription": (job["details"] or {}).get("JobDescription", ""),
            "CreatedBy": job["created_by"],
            "JobCreationTime": iso_utc(job["created_at"]), "JobModifiedTime": iso_utc(job["modified_at"]),
            "LastRunStatus": self.run_status(last[0]) if last else None,
            "LastRunDate": iso_utc(last[0]["started"]) if last else None,
        }
        if job["details"] is not None:
            view["JobDetails"] = dict(job["details"], JobName=job["name"])
        return view

    def find(self, job_id: str) -> dict:
        job = self.jobs.get(job_id)
        if job is None:
            raise _message(404, f"The job '{job_id}' does not exist.")
        return job

    def check_details(self, details: dict, creating: bool) -> dict:
        """JobDetails validated and canonicalised; 400 names the first problem."""
        if not isinstance(details, dict):
            raise _message(400, "JobDetails must be an object.")
        details = _canonical_keys(details, DETAIL_KEYS)
        if "JobName" in details or creating:
            if not isinstance(details.get("JobName"), str) or not details["JobName"].strip():
                raise _message(400, "JobName is required.")
        if "JobDescription" in details and not isinstance(details["JobDescription"], str):
            raise _message(400, "JobDescription must be a string.")
        if "AssetsResolutionInfo" in details or creating:
            details["AssetsResolutionInfo"] = self._check_assets(details.get("AssetsResolutionInfo"))
        if "Standards" in details:
            details["Standards"] = self._check_standards(details["Standards"])
        if "Schedule" in details:
            details["Schedule"] = self._check_schedule(details["Schedule"])
        for key in BOOL_DETAILS:
            if key in details:
                details[key] = _as_bool(details[key], key)
        for key in INT_DETAILS:
            if key in details and (not isinstance(details[key], int) or isinstance(details[key], bool) or details[key] < 0):
                raise _message(400, f"{key} must be a whole number >= 0.")
        for key in ("SuccessNotification", "FailureNotification"):
            if key in details:
                if not isinstance(details[key], dict):
                    raise _message(400, f"{key} must be an object.")
                details[key] = _canonical_keys(details[key], NOTIFICATION_KEYS)
                if any(not isinstance(value, str) for value in details[key].values()):
                    raise _message(400, f"{key} members must be strings.")
        return details

    def _check_assets(self, infos) -> list:
        if not isinstance(infos, list) or not infos:
            raise _message(400, "AssetsResolutionInfo is required: give at least one asset (Id and Type).")
        checked = []
        for info in infos:
            info = _canonical_keys(info, ("Id", "Type")) if isinstance(info, dict) else {}
            asset_id = parse_guid(info.get("Id"))
            if asset_id is None:
                raise _message(400, f"AssetsResolutionInfo: Id '{info.get('Id')}' is not a valid GUID.")
            asset = self.assets.get(asset_id)
            if asset is None:
                raise _message(400, f"AssetsResolutionInfo: the asset '{asset_id}' does not exist.")
            if str(info.get("Type") or "").casefold() != asset["type"].casefold():
                raise _message(400, f"AssetsResolutionInfo: the asset '{asset_id}' is of type {asset['type']}, not '{info.get('Type')}'.")
            checked.append({"Id": asset_id, "Type": asset["type"]})
        return checked

    def _check_standards(self, standards) -> list:
        if not isinstance(standards, list):
            raise _message(400, "Standards must be a list of standard GUIDs.")
        checked = []
        for value in standards:
            standard_id = parse_guid(value)
            if standard_id is None:
                raise _message(400, f"Standards: '{value}' is not a valid GUID.")
            if standard_id not in self.standards:
                raise _message(400, f"Standards: the standard '{standard_id}' does not exist.")
            checked.append(standard_id)
        return checked

    @staticmethod
    def _check_schedule(schedule) -> dict:
        if not isinstance(schedule, dict):
            raise _message(400, "Schedule must be an object.")
        for key in ("RunNow", "RunOnce", "RunPeriodically", "RunEveryNDays"):
            if key in schedule:
                schedule[key] = _as_bool(schedule[key], "Schedule." + key)
        if schedule.get("StartDate"):
            try:
                _parse_time(str(schedule["StartDate"]))
            except ValueError:
                raise _message(400, f"Schedule.StartDate '{schedule['StartDate']}' is not a date.") from None
        return schedule

    def create(self, body: dict, user: str) -> dict:
        body = _canonical_keys(body, ("JobType", "JobDetails"))
        job_type = next((name for name in JOB_TYPES if name.casefold() == str(body.get("JobType", "")).casefold()), None)
        if job_type is None:
            raise _message(400, f"JobType '{body.get('JobType')}' is not supported. Supported job types: {', '.join(JOB_TYPES)}.")
        details = self.check_details(body.get("JobDetails"), creating=True)
        name = details.pop("JobName")
        details.setdefault("JobDescription", "")
        details.setdefault("Standards", [])
        job = self._new_job(str(uuid.uuid4()), name, job_type, user, details, self.clock.now())
        if (details.get("Schedule") or {}).get("RunNow"):
            self.execute(job, user)
        return job

    def update(self, body: dict, user: str) -> dict:
        body = _canonical_keys(body, ("JobID", "JobType", "JobDetails"))
        job = self.find(self.guid_param(body.get("JobID")))
        if job["system"]:
            raise _message(403, "A system job cannot be modified.")
        if "JobType" in body and str(body["JobType"]).casefold() != job["type"].casefold():
            raise _message(400, "The JobType of an existing job cannot be changed.")
        if "JobDetails" not in body:
            raise _message(400, "JobDetails is required.")
        details = self.check_details(body["JobDetails"], creating=False)
        if "JobName" in details:
            job["name"] = details.pop("JobName")
        job["details"].update(details)
        job["modified_at"] = self.clock.now()
        self.generation += 1
        if (details.get("Schedule") or {}).get("RunNow"):
            self.execute(job, user)
        return job

    @staticmethod
    def guid_param(value, what: str = "JobID") -> str:
        job_id = parse_guid(value) if isinstance(value, str) else None
        if job_id is None:
            raise _message(400, f"{what} is invalid.")
        return job_id

    # --- search -----------------------------------------------------------------------------

    def by_name(self, name: str) -> list:
        """Search Job by Name: the exact name (case-sensitive)."""
        return [job for job in self.jobs.values() if job["name"] == name]

    def search(self, attributes: str) -> list:
        """Search Jobs: ``(attr op value, ...)``; ``,`` or ``&`` = AND, ``|`` = OR.

        The jobs matched by the previous search are reused while no job or run changed and no
        latest run has ended since (the one way time changes a job's properties), so reading
        the pages of one search costs one walk over the jobs, not one per page.
        """
        last = self._last_search
        if last and last[0] == attributes and last[1] == self.generation and self.clock.now() < last[2]:
            return last[3]
        groups = [[_Condition.parse(term) for term in _split(group, ",&")] for group in _split(_unwrap(attributes), "|")]
        matched = []
        valid_until = float("inf")
        for job in self.jobs.values():
            view = self.job_view(job)
            if any(all(condition.matches(view) for condition in group) for group in groups):
                matched.append(job)
            if view["LastRunStatus"] == "Running":
                valid_until = min(valid_until, self.runs[job["run_ids"][-1]]["ends"])
        matched.sort(key=lambda job: (job["name"].casefold(), job["id"]))
        self._last_search = (attributes, self.generation, valid_until, matched)
        return matched


# Filterable job properties [doc] and how their values compare.
FILTER_ATTRIBUTES = {"JobName": "text", "JobID": "guid", "JobCategory": "text", "JobType": "text",
                     "JobCreationTime": "time", "JobModifiedTime": "time", "LastRunStatus": "text", "LastRunDate": "time"}
# Operators are case-sensitive, like the documented ones of Search Assets.
_TERM = re.compile(r"^\s*([A-Za-z]+)\s*(<=|>=|!=|=|<|>|\s(?:Contains|NotContains)\s)\s*(.*?)\s*$", re.S)


def _unwrap(attributes: str) -> str:
    text = attributes.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    if not text.strip():
        raise _message(400, "Attributes is empty.")
    return text


def _split(text: str, separators: str) -> list:
    """Split on any of ``separators`` outside single or double quotes."""
    parts, current, quote = [], [], None
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in separators:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


class _Condition:
    def __init__(self, attribute: str, kind: str, operator: str, value):
        self.attribute, self.kind, self.operator, self.value = attribute, kind, operator, value

    @classmethod
    def parse(cls, term: str) -> "_Condition":
        match = _TERM.match(term)
        if not match:
            raise _message(400, f"Attributes: cannot read the condition '{term.strip()}'; expected '<attribute> <operator> <value>'.")
        name, operator, raw = match.group(1), match.group(2).strip(), match.group(3)
        attribute = next((known for known in FILTER_ATTRIBUTES if known.casefold() == name.casefold()), None)
        if attribute is None:
            raise _message(400, f"Attributes: '{name}' is not a job attribute. Supported: {', '.join(FILTER_ATTRIBUTES)}.")
        if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
            raw = raw[1:-1]
        kind = FILTER_ATTRIBUTES[attribute]
        value = raw
        if kind == "time":
            try:
                value = _parse_time(raw)
            except ValueError:
                raise _message(400, f"Attributes: '{raw}' is not a date for {attribute}.") from None
        elif operator in ("<", "<=", ">", ">=") and kind != "text":
            raise _message(400, f"Attributes: {attribute} cannot be compared with {operator}.")
        return cls(attribute, kind, operator, value)

    def matches(self, view: dict) -> bool:
        have = view.get(self.attribute)
        if have is None:
            return False  # like SQL NULL: a job that never ran matches no LastRunDate condition
        if self.kind == "time":
            have, want = _parse_time(have), self.value
        elif self.kind == "guid":
            have, want = have.lower(), (parse_guid(self.value) or self.value.lower())
        else:
            have, want = have.casefold(), self.value.casefold()
        if self.operator == "=":
            return fnmatch.fnmatchcase(have, want) if isinstance(want, str) and "*" in want else have == want
        if self.operator == "!=":
            return have != want
        if self.operator == "Contains":
            return want in have
        if self.operator == "NotContains":
            return want not in have
        return {"<": have < want, "<=": have <= want, ">": have > want, ">=": have >= want}[self.operator]


def _int_query(request, name: str, default: int, minimum: int) -> int:
    value = request.query_value(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise _message(400, f"{name} must be a whole number, got '{value}'.") from None
    if number < minimum:
        raise _message(400, f"{name} must be {minimum} or more, got {number}.")
    return number


def _json_object(request) -> dict:
    body = request.json()
    if not isinstance(body, dict):
        raise _message(400, "The request body must be a JSON object.")
    return body


def _authorized(handler, store: CcsStore, request):
    return handler(store.jobs, request, require(store, request))


def search_jobs(jobs: JobStore, request, _user):
    """GET /Jobs?jobname=<exact name> (a list) or ?Attributes=(...)&page=&pagesize= (a page)."""
    name = request.query_value("jobname")
    if name is not None:
        if not name:
            raise _message(400, "JobName is required.")
        return json_response([jobs.job_view(job) for job in jobs.by_name(name)])
    attributes = request.query_value("attributes")
    if attributes is None:
        raise _message(400, "Attributes is required (or jobname for a search by name).")
    page = _int_query(request, "page", 0, 0)
    size = min(_int_query(request, "pagesize", DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE)
    matched = jobs.search(attributes)
    items = [jobs.job_view(job) for job in matched[page * size:(page + 1) * size]]
    return json_response({"Jobs": items, "TotalCount": len(matched), "Page": page, "PageSize": size})


def get_job(jobs: JobStore, request, _user):
    """GET /jobs/{JobID}."""
    return json_response(jobs.job_view(jobs.find(jobs.guid_param(request.params["id"]))))


def job_runs(jobs: JobStore, request, _user):
    """GET /Jobs/{JobID}/jobruns?count=<n, default 1, 0 = all>&showmessages=<bool>."""
    job = jobs.find(jobs.guid_param(request.params["id"]))
    count = _int_query(request, "count", 1, 0)
    messages = _as_bool(request.query_value("showmessages") or "false", "showmessages")
    runs = jobs.job_runs(job)
    return json_response([jobs.run_view(run, messages) for run in (runs[:count] if count else runs)])


def create_job(jobs: JobStore, request, user):
    """POST /jobs {"JobType": ..., "JobDetails": {...}}."""
    return json_response(jobs.job_view(jobs.create(_json_object(request), user)))


def update_job(jobs: JobStore, request, user):
    """PATCH /jobs {"JobID": ..., "JobDetails": {...any subset...}}."""
    return json_response(jobs.job_view(jobs.update(_json_object(request), user)))


def job_operation(jobs: JobStore, request, user):
    """POST /jobs/{guid} {"Operation": "execute"} with a job ID, or "abort" with a job run ID."""
    body = _canonical_keys(_json_object(request), ("Operation",))
    operation = str(body.get("Operation", "")).strip().lower()
    if operation not in OPERATIONS:
        raise _message(400, f"Operation '{body.get('Operation', '')}' is not supported. Supported operations: execute, abort.")
    if operation == "execute":
        run = jobs.execute(jobs.find(jobs.guid_param(request.params["id"])), user)
    else:
        run_id = jobs.guid_param(request.params["id"], "JobRunID")
        run = jobs.runs.get(run_id)
        if run is None:
            raise _message(404, f"The job run '{run_id}' does not exist.")
        run = jobs.abort(run, user)
    return json_response(jobs.run_view(run, messages=True))


def delete_job(jobs: JobStore, request, user):
    """DELETE /Jobs?jobid=<GUID>&DeleteJob=True|False (default True): 204."""
    job = jobs.find(jobs.guid_param(request.query_value("jobid")))
    permanently = _as_bool(request.query_value("deletejob") or "true", "DeleteJob")
    if job["system"]:
        raise _message(403, "A system job cannot be deleted.")
    if job["created_by"].casefold() != user.casefold():
        raise _message(403, f"Only the CCS user who created a job can delete it; the job '{job['name']}' was created by {job['created_by']}.")
    if permanently:
        jobs.delete(job)
    else:
        jobs.purge_history(job)
    return empty_response(204)


JOB_ROUTES = (
    ("GET", "/jobs", search_jobs),
    ("GET", "/jobs/{id}", get_job),
    ("GET", "/jobs/{id}/jobruns", job_runs),
    ("POST", "/jobs", create_job),
    ("PATCH", "/jobs", update_job),
    ("POST", "/jobs/{id}", job_operation),
    ("DELETE", "/jobs", delete_job),
)


# Seed data: the shape of the ccs section (checked by schema.validate), then the references
# between its items (check_references, called by seed.py; a ValueError names the offending key).
GUID = Text(lambda text: parse_guid(text) is not None, "a GUID", coerce=True)
SEED_SCHEMA = Record({
    "token_ttl": Field(Int(minimum=1), required=True, doc="lifetime (s) of access tokens (expires_in)"),
    "password_encoding": Field(Enum("base64", "plain"), required=True, doc="how clients send the password"),
    "users": Field(List(Record({
        "username": Field(Any(), required=True, doc="DOMAIN\\user"),
        "password": Field(Any(), required=True, doc="clear text"),
    })), required=True),
    "evaluation_seconds": Field(Number(minimum=0, unit="seconds"), required=True,
                                doc="how long the evaluation part of a run takes"),
    "assets": Field(List(Record({
        "id": Field(GUID, required=True),
        "name": Field(Str(), required=True),
        "type": Field(Str(), required=True, doc="asset type, as Search Assets returns it"),
        "collection_seconds": Field(Number(minimum=0, unit="seconds"), doc="default 0"),
        "reachable": Field(Bool(), doc="false: collecting runs fail"),
    })), required=True),
    "standards": Field(List(Record({
        "id": Field(GUID, required=True),
        "name": Field(Str(), required=True),
    })), required=True),
    "jobs": Field(List(Record({
        "id": Field(GUID, required=True),
        "name": Field(Str(), required=True),
        "type": Field(Str(), required=True, doc=" | ".join(JOB_TYPES) + ", any name for a system job"),
        "created_by": Field(Str(), required=True, doc="the only user who may delete it"),
        "created_days_ago": Field(Number(minimum=0, unit="days"), required=True),
        "system": Field(Bool(), doc="a system job: no JobDetails, cannot be deleted"),
        "description": Field(Str()),
        "assets": Field(List(GUID), doc="asset GUIDs"),
        "standards": Field(List(GUID), doc="standard GUIDs"),
        "runs": Field(List(Record({
            "status": Field(Enum(*RUN_STATUSES), required=True),
            "started_days_ago": Field(Number(minimum=0, unit="days"), required=True),
        })), doc="newest first"),
    })), required=True),
}, closed=True)


def check_references(section: dict) -> None:
    """Refuse jobs of an unknown type or that name assets or standards the seed does not hold."""
    assets = {parse_guid(asset["id"]) for asset in section["assets"]}
    standards = {parse_guid(standard["id"]) for standard in section["standards"]}
    for index, job in enumerate(section["jobs"]):
        if not job.get("system") and job["type"] not in JOB_TYPES:
            raise ValueError(f"jobs[{index}].type must be one of {', '.join(JOB_TYPES)} (or the job a system job), "
                             f"got {job['type']!r}")
        for key, known, noun in (("assets", assets, "an asset"), ("standards", standards, "a standard")):
            unknown = [value for value in job.get(key, []) if parse_guid(str(value)) not in known]
            if unknown:
                raise ValueError(f"jobs[{index}].{key} names {noun} that is not in ccs.{key}: {unknown[0]}")


def register(router, state) -> None:
    store = CcsStore(state.clock)
    state.add_store(VENDOR, store)
    # CCS documents and samples mix /Jobs and /jobs: every CCS route matches case-insensitively.
    router.add("POST", BASE + "/oauth/tokens", partial(issue_token, store), vendor=VENDOR, ignore_case=True)
    for method, template, handler in JOB_ROUTES:
        router.add(method, BASE + template, partial(_authorized, handler, store), vendor=VENDOR, ignore_case=True)
