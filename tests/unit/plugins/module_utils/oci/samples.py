# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle answers in the documented shapes, shared by the model and the state tests."""

LIST_ITEM = {"id": "3-7JZXAMZ", "target": "DCMATI", "summary": "FRD", "scheduledStart": "2026-11-23T8:00:00-07:00",
             "scheduledEnd": "2026-11-23T17:00:00Z", "scheduledBy": "approver", "referenceExecutionId": None,
             "config": {"type": "Trace & Debug", "activity": {"name": "FRD Enable/Disable", "type": "Enable"}},
             "ticketingDetails": {"rfcNumber": "3-7JZXAMZ", "primaryContact": "dba@example.com", "status": "Open",
                                  "subStatus": "Ready For Execution", "customerStatus": "Acknowledged"}}
CANCEL_ANSWER = {"id": "3-7JZXAMZ", "rfcNumber": "3-7JZXAMZ", "status": "Open", "subStatus": "Ready For Scheduling/Approval",
                 "custStatus": "Review Update", "config": {"type": "Trace & Debug", "activity": {"name": "FRD Enable/Disable", "type": "Enable"}},
                 "downStreamExecutions": [{"id": "3-7JZXAMB", "rfcNumber": "3-7JZXAMB", "status": "Open",
                                           "subStatus": "Ready For Scheduling/Approval", "custStatus": "Review Update",
                                           "config": {"type": "Trace & Debug", "activity": {"name": "FRD Enable/Disable", "type": "Disable"}}}]}
