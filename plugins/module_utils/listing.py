# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an info module does with a long list: ``fields`` (projection) and ``dest`` (export).

An info module adopts both with its options (``LIST_OPTIONS``, documented by the
``secops.executions.listing`` doc fragment) and three lines in its handler::

    listing = ListRequest(api.params, DOCUMENTED_FIELDS, id_field="id")   # checks, before any request
    with listing.sink(view, api.check_mode) as sink:                      # view(item, fields) -> result item
        walk(..., sink=sink)                                               # or sink.extend(items)
    return listing.result("executions", sink, api.diff)

A filter or addition applied per page goes between the walk and the sink with
``Through(sink, transform)``; a list that is only final once read whole goes through a ``Spool``.

Without ``dest`` the sink keeps the shaped items (the module returns them); with ``dest`` it
writes each page as it arrives to a temporary file beside ``dest`` and keeps nothing, so the
memory a list costs does not grow with its length. The file replaces ``dest`` (one rename)
only when its content or mode differs. In check mode nothing is written: the checksum of
what would be written is computed the same way and compared.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import os
import stat
import tempfile

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError

FORMATS = ("jsonl", "json")
DEFAULT_MODE = "0600"

# The options every list-returning info module takes (documented by doc_fragments/listing.py).
LIST_OPTIONS = dict(
    fields=dict(type="list", elements="str"),
    dest=dict(type="path"),
    dest_format=dict(type="str", choices=list(FORMATS), default="jsonl"),
    dest_mode=dict(type="raw", default=DEFAULT_MODE),
)

# Read the existing file in blocks this large when comparing checksums.
_BLOCK = 1 << 16


def list_options(**own):
    """A module's argument spec: its own options plus LIST_OPTIONS."""
    spec = dict((name, dict(option)) for name, option in LIST_OPTIONS.items())
    spec.update(own)
    return spec


def selected_fields(fields, documented, id_field):
    """The fields to keep, ID first and each once; None (keep all) when ``fields`` was not given."""
    if fields is None:
        return None
    unknown = [field for field in fields if field not in documented]
    if unknown:
        raise OptionError("fields", "unknown field(s) {0}; the fields are: {1}".format(
            ", ".join(repr(field) for field in unknown), ", ".join(documented)))
    selected = [id_field]
    for field in fields:
        if field not in selected:
            selected.append(field)
    return tuple(selected)


def only_fields(item, fields):
    """``item`` with only ``fields`` (those it has); ``item`` itself when ``fields`` is None or it is no object."""
    if fields is None or not isinstance(item, dict):
        return item
    return dict((field, item[field]) for field in fields if field in item)


def file_mode(value):
    """``dest_mode`` as permission bits: an octal string (V(0600)) or an int already read as octal."""
    if isinstance(value, int) and not isinstance(value, bool):
        mode = value
    else:
        try:
            mode = int(str(value).strip(), 8)
        except ValueError:
            mode = -1
    if not 0 <= mode <= 0o7777:
        raise OptionError("dest_mode", "'{0}' is not a file mode in octal, such as '0600'".format(value))
    return mode


def checked_dest(path):
    """``dest`` when a file can be written there: its directory exists and is writable, and it is not a directory."""
    if path is None:
        return None
    directory = os.path.dirname(path) or "."
    if os.path.isdir(path):
        raise OptionError("dest", "'{0}' is a directory; give the path of a file".format(path))
    if not os.path.isdir(directory):
        raise OptionError("dest", "the directory '{0}' does not exist on the host the module runs on".format(directory))
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OptionError("dest", "the directory '{0}' is not writable".format(directory))
    return path


def file_checksum(path):
    """SHA-1 of the file at ``path`` (what ansible.builtin.stat calls checksum), None when there is none."""
    if not os.path.isfile(path):
        return None
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode) if os.path.exists(path) else None


class ListRequest(object):
    """What a list task asks for besides its query: ``fields``, ``dest``, ``dest_format``, ``dest_mode``.

    Every value is checked here, before any request.
    """

    def __init__(self, params, documented, id_field="id"):
        self.fields = selected_fields(params.get("fields"), tuple(documented), id_field)
        self.dest = checked_dest(params.get("dest"))
        self.format = params.get("dest_format") or FORMATS[0]
        self.mode = file_mode(params.get("dest_mode", DEFAULT_MODE))

    def keep(self, field):
        """Keep ``field`` in a projection (a field another option asked the module to add, such as runs)."""
        if self.fields is not None and field not in self.fields:
            self.fields += (field,)

    def sink(self, view, check_mode):
        """Where the walk sends its items: kept for the result, or written to ``dest``."""
        def shape(item):
            return view(item, self.fields)
        if self.dest is None:
            return Kept(shape)
        return Written(shape, self.dest, self.format, self.mode, check_mode)

    def result(self, key, sink, diff=False):
        if isinstance(sink, Kept):
            return {"changed": False, key: sink.items}
        return sink.outcome(diff)


class Kept(object):
    """A sink that keeps the shaped items."""

    def __init__(self, shape):
        self.shape = shape
        self.items = []

    def __enter__(self):
        return self

    def __exit__(self, *failure):
        return False

    def restart(self):
        self.items = []

    def extend(self, items):
        self.items.extend(self.shape(item) for item in items)


class Through(object):
    """A sink seen through ``transform`` (a page's items -> the items to pass on).

    Filters and per-item additions (a client-side filter, the runs of each job) are applied
    to each page as it arrives, so a list written to ``dest`` stays streamed.
    """

    def __init__(self, sink, transform, on_restart=None):
        self.sink = sink
        self.transform = transform
        self.on_restart = on_restart

    def restart(self):
        # A walk that starts over: state the transform keeps (IDs already seen) starts over too.
        if self.on_restart is not None:
            self.on_restart()
        self.sink.restart()

    def extend(self, items):
        self.sink.extend(self.transform(list(items)))


class Spool(object):
    """A walk's items set aside, one JSON line each, in an anonymous temporary file (mode 0600,
    gone when closed), then read back in batches: for a list that must be read whole before any
    item is final (Oracle links steps to parents listed on later pages) without holding it in memory.
    """

    def __init__(self):
        self.handle = tempfile.TemporaryFile()
        self.count = 0

    def __enter__(self):
        return self

    def __exit__(self, *failure):
        self.handle.close()
        return False

    def restart(self):
        self.handle.seek(0)
        self.handle.truncate()
        self.count = 0

    def extend(self, items):
        for item in items:
            self.handle.write(json.dumps(item, separators=(",", ":")).encode("utf-8") + b"\n")
            self.count += 1

    def batches(self, size):
        """The items in the order they came, ``size`` at a time."""
        self.handle.flush()
        self.handle.seek(0)
        batch = []
        for line in self.handle:
            batch.append(json.loads(line.decode("utf-8")))
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch


class Written(object):
    """A sink that writes the shaped items to ``dest`` (JSON lines or one JSON list), page by page.

    Used as a context manager: the temporary file is removed when the walk fails, and on
    success it replaces ``dest`` only when the content or the mode differs.
    """

    def __init__(self, shape, dest, fmt, mode, check_mode):
        self.shape = shape
        self.dest = dest
        self.format = fmt
        self.mode = mode
        self.check_mode = check_mode
        self.temp = None
        self.handle = None
        self.outcome_value = None
        self.restart()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, trace):
        if kind is not None:
            self._discard()
            return False
        self.outcome_value = self._finish()
        return False

    def restart(self):
        """Start the file over (the walk starts over when the list changed under it)."""
        self.count = 0
        self.digest = hashlib.sha1()
        self.size = 0
        if not self.check_mode:
            self._discard()
            descriptor, self.temp = tempfile.mkstemp(dir=os.path.dirname(self.dest) or ".",
                                                     prefix=".{0}.".format(os.path.basename(self.dest)), suffix=".tmp")
            self.handle = os.fdopen(descriptor, "wb")
        self._put(b"[\n" if self.format == "json" else b"")

    def extend(self, items):
        lines = [json.dumps(self.shape(item), ensure_ascii=False, separators=(",", ":")) for item in items]
        if not lines:
            return
        if self.format == "json":
            text = (",\n" if self.count else "") + ",\n".join(lines)
        else:
            text = "\n".join(lines) + "\n"
        self.count += len(lines)
        self._put(text.encode("utf-8"))

    def _put(self, data):
        self.digest.update(data)
        self.size += len(data)
        if self.handle is not None:
            self.handle.write(data)

    def _finish(self):
        if self.format == "json":
            self._put(b"\n]\n" if self.count else b"]\n")
        checksum = self.digest.hexdigest()
        before = {"checksum": file_checksum(self.dest), "mode": mode_of(self.dest)}
        after = {"checksum": checksum, "mode": self.mode}
        changed = before != after
        if self.handle is not None:
            self.handle.close()
            self.handle = None
            if before["checksum"] == checksum:
                self._discard()
                if before["mode"] != self.mode:
                    os.chmod(self.dest, self.mode)
            else:
                os.chmod(self.temp, self.mode)
                os.rename(self.temp, self.dest)
                self.temp = None
        return changed, before, after

    def _discard(self):
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        if self.temp is not None:
            if os.path.exists(self.temp):
                os.remove(self.temp)
            self.temp = None

    def outcome(self, diff=False):
        """The module result: ``changed``, ``dest``, ``count``, ``checksum`` (SHA-1), ``size`` in bytes, and a diff in diff mode."""
        changed, before, after = self.outcome_value
        result = {"changed": changed, "dest": self.dest, "count": self.count, "checksum": after["checksum"], "size": self.size}
        if diff:
            result["diff"] = {"before_header": self.dest, "after_header": self.dest,
                              "before": _described(before), "after": _described(after)}
        return result


def _described(state):
    """One file's state as diff text (the content itself may be gigabytes)."""
    if state["checksum"] is None:
        return ""
    return "checksum: {0}\nmode: {1:04o}\n".format(state["checksum"], state["mode"])
