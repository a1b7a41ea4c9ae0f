# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``on_timeout``: what a waiting module does when its Waiter times out, the same words in every console.

- ``fail`` (the default): the task fails with the typed timeout, the remote work keeps going;
- ``detach``: the task ends ok with a warning, and returns what it waited for (its ID) so that a
  later task resumes the wait;
- ``abort``: the remote work is stopped where the API can (the vendor passes how), then the task
  fails saying so. A vendor whose API cannot stop the work refuses ``abort`` before any request.

The Waiter (waiting.py) only says that time ran out; this file decides what follows.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, SecopsError

POLICIES = ("fail", "detach", "abort")


def timeout_spec():
    """The ``on_timeout`` option waiting modules add to their spec."""
    return dict(on_timeout=dict(type="str", default="fail", choices=list(POLICIES)))


def policy(params):
    return params.get("on_timeout") or "fail"


def refuse_abort(params, why):
    """For an API that cannot stop the work: ``abort`` is bad input, said before any request."""
    if policy(params) == "abort":
        raise OptionError("on_timeout", "abort is not possible: {0}; use fail or detach".format(why))


def settle(api, timeout, abort=None):
    """Apply the task's ``on_timeout`` to ``timeout`` (a WaitTimeoutError).

    Returns the timeout's details when the task detaches (the caller turns them into its ok
    result, with ``timed_out`` true); raises otherwise. ``abort()`` stops the remote work and
    returns (what it stopped, in words; the details to report of it).
    """
    chosen = policy(api.params)
    if chosen == "detach":
        api.warn("{0} (on_timeout=detach: the task ends ok; wait again later with the returned ID)".format(timeout.msg))
        return dict(timeout.details, timed_out=True)
    if chosen == "abort" and abort is not None:
        what, stopped = abort()
        details = dict(timeout.details, timed_out=True, aborted=True, changed=True)
        details.update(stopped)
        # "Timed out after N s", without the advice to wait again: the work is stopped now.
        raise SecopsError("{0}; on_timeout=abort stopped {1}".format(timeout.msg.split(":")[0], what), **details)
    raise timeout
