# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Optics packages (``/packages/v2``): list, get, and turn names into package IDs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib

from ansible_collections.secops.executions.plugins.module_utils.cylance import ids
from ansible_collections.secops.executions.plugins.module_utils.errors import ApiError, OptionError, ResponseFormatError
from ansible_collections.secops.executions.plugins.module_utils.listing import ListRequest, Through, only_fields
from ansible_collections.secops.executions.plugins.module_utils.cylance.api import pages
from ansible_collections.secops.executions.plugins.module_utils.values import mapping

PACKAGES_PATH = "/packages/v2"
STATUSES = ("started", "success", "failed", "timeout")
CATEGORIES = ("custom", "cylance")
# What the list can be sorted by (``sort``); without it the API lists the newest upload first.
SORT_FIELDS = ("packageId", "uploadedOn", "uploadedBy.id", "uploadedBy.login", "size", "status", "timeout", "packageDescriptor.name")
# Only a package whose upload succeeded can run.
USABLE = "success"
# What reading one package (its upload status) takes.
READ_PRIVILEGE = "opticspkgconfig:read"
# An error lists every candidate up to this many, else only the names that look alike.
MAX_LISTED = 10


def list_packages(client, status=None, category=None, sort=None, sink=None):
    """Every package of the tenant (all pages), optionally only those whose upload has ``status`` and of ``category``.

    The filters and the ``sort`` order are the API's own (query parameters), so only the matching packages are paged through.
    Returns the packages, or with a ``sink`` sends them to it page by page (and returns the sink).
    """
    wanted = dict((name, value) for name, value in (("status", status), ("category", category)) if value)
    query = dict(wanted, sort=sort) if sort else dict(wanted)

    def matching(packages):
        # The filters are also applied here, in case a server ignores them; anything but an object is no package.
        return [package for package in packages
                if isinstance(package, dict) and all(package.get(name) == value for name, value in wanted.items())]

    if sink is None:
        return matching(pages(client, PACKAGES_PATH, query=query, key_of=package_key))
    return pages(client, PACKAGES_PATH, query=query, key_of=package_key, sink=Through(sink, matching))


def sort_order(value):
    """``sort`` as the API takes it: a sortable field, ``-`` first for descending; None when not given."""
    if value is None:
        return None
    if value.lstrip("-") not in SORT_FIELDS:
        raise OptionError("sort", "cannot sort by '{0}'; the fields are {1}, each with '-' first for descending".format(
            value, ", ".join(SORT_FIELDS)))
    return value


def package_key(package):
    """A listed package's ID, compact (None when it has none), for telling repeats apart."""
    return id_of(package) if isinstance(package, dict) else None


def get_package(client, package_id):
    """The package with this ID (any form), or None when there is none."""
    path = "{0}/{1}".format(PACKAGES_PATH, ids.dashed(package_id))
    response = client.get(path, allow_status=(404,))
    if client.not_found(response):
        return None
    if not isinstance(response.json, dict):
        raise ResponseFormatError("GET", path, response.status, "an answer that is not a package object")
    return response.json


def name_of(package):
    return mapping(package.get("packageDescriptor")).get("name")


def id_of(package):
    """The package's ID, compact."""
    return ids.compact(package.get("packageId")) or ids.compact(mapping(package.get("packageDescriptor")).get("packageId"))


def describe(package):
    """One line that tells same-named packages apart."""
    descriptor = mapping(package.get("packageDescriptor"))
    return "{0} (version {1}, status {2}, uploaded {3})".format(
        ids.dashed(id_of(package)), descriptor.get("version", "?"), package.get("status", "?"), package.get("uploadedOn", "?"))


def unknown_name_problem(name, catalogue):
    names = sorted(set(n for n in (name_of(package) for package in catalogue) if n))
    problem = "no package is named '{0}' (names must match exactly)".format(name)
    if not names:
        return problem + "; the tenant has no packages"
    if len(names) > MAX_LISTED:
        by_case = [n for n in names if n.lower() == name.lower()]
        names = by_case + [n for n in difflib.get_close_matches(name, names, n=5, cutoff=0.5) if n not in by_case]
        if not names:
            return problem + "; list the packages with secops.executions.cylance_package_info"
        return problem + "; similar names: " + ", ".join("'{0}'".format(n) for n in names)
    return problem + "; packages: " + ", ".join("'{0}'".format(n) for n in names)


def unusable_problem(name, package):
    return ("the package '{0}' ({1}) cannot run: its upload status is '{2}', not '{3}'; upload it again or choose "
            "another package").format(name, ids.dashed(id_of(package)), package.get("status", "?"), USABLE)


def ambiguous_name_problem(name, matches):
    return "{0} packages are named '{1}': {2}; give the package ID instead".format(
        len(matches), name, ", ".join(describe(package) for package in matches))


def match_names(names, catalogue):
    """``({name: compact ID}, [problems])`` for exact package names against the listed packages."""
    resolved = {}
    problems = []
    for name in names:
        if name in resolved:
            continue
        matches = [package for package in catalogue if name_of(package) == name]
        if len(matches) == 1 and matches[0].get("status") != USABLE:
            problems.append(unusable_problem(name, matches[0]))
        elif len(matches) == 1:
            resolved[name] = id_of(matches[0])
        elif not matches:
            problems.append(unknown_name_problem(name, catalogue))
        else:
            problems.append(ambiguous_name_problem(name, matches))
    return resolved, problems


def resolve(client, references, option="packages"):
    """Package IDs (lower case, dashed) for references that are IDs in any form or exact names.

    IDs cost no request. Names cost one walk of the package list, however many there are;
    an unknown or ambiguous name, or one whose upload did not succeed, is an OptionError that
    lists the candidates or names the status.
    """
    names = [reference for reference in references if ids.compact(reference) is None]
    resolved = {}
    if names:
        resolved, problems = match_names(names, list_packages(client))
        if problems:
            raise OptionError(option, "; ".join(problems))
    return [ids.dashed(resolved.get(reference) or reference) for reference in references]


def check_usable_ids(client, references, warn, option="packages"):
    """Before a create, each package given by ID must exist and have uploaded successfully (names were checked
    when resolved): one GET per distinct ID. A token that may not read packages (403) cannot tell, so it warns."""
    problems = []
    for package_id in sorted(set(ids.dashed(reference) for reference in references if ids.compact(reference))):
        try:
            package = get_package(client, package_id)
        except ApiError as exc:
            if exc.status != 403:
                raise
            warn("The upload status of package {0} was not checked: reading packages was refused (HTTP 403: the token lacks "
                 "{1})".format(package_id, READ_PRIVILEGE))
            continue
        if package is None:
            problems.append("no package has the ID {0}; list them with secops.executions.cylance_package_info".format(package_id))
        elif isinstance(package, dict) and package.get("status") != USABLE:
            problems.append(unusable_problem(name_of(package) or package_id, package))
    if problems:
        raise OptionError(option, "; ".join(problems))


# The fields of a package the API documents (what ``fields`` of the info module accepts).
FIELDS = ("packageId", "status", "category", "downloadUrl", "packageDescriptor", "size", "timeout", "uploadedBy", "uploadedOn")


def package_info(api):
    """``packages``: the one with ``id``, or every package, narrowed by ``name`` (exact), ``status`` and ``category``."""
    params = api.params
    status, category = params.get("status"), params.get("category")
    sort = sort_order(params.get("sort"))
    listing = ListRequest(params, FIELDS, id_field="packageId")
    name = params.get("name")
    package_id = ids.compact(params["id"]) if params.get("id") else None
    if params.get("id") and package_id is None:
        raise OptionError("id", "'{0}' is not {1}".format(params["id"], ids.EXPECTED))

    def named(packages):
        return packages if name is None else [package for package in packages if name_of(package) == name]

    with listing.sink(only_fields, api.check_mode) as sink:
        if package_id:
            found = get_package(api.client, package_id)
            found = [found] if found and (not status or found.get("status") == status) and (
                not category or found.get("category") == category) else []
            sink.extend(named(found))
        else:
            list_packages(api.client, status=status, category=category, sort=sort, sink=Through(sink, named))
    return listing.result("packages", sink, api.diff)
