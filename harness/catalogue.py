"""The catalogue IDs (../shared/catalogue.md is the spec; this is its index, checked against it by
tests/harness/test_catalogue.py) with the profile whose scenarios cover each."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "PC-LOCK": ("costs", "Cost in a locked WIP period: Error tab, Lock Dates; unlock, retry, re-lock"),
    "PC-STATE": ("costs", "Job state does not accept costs: Job State; set In Progress, retry"),
    "PC-UNMAPPED": ("costs", "Unmapped organisation: Unmapped tab, nothing pushed; map, track, sync"),
    "PC-DELETED": ("costs", "Job deleted in XPM: Job Deleted, support ticket; lands once on the recreated job"),
    "PC-INACTIVE": ("costs", "Integration not Active: syncs fail; Re-sync now, retry; nothing lost"),
    "PC-RETRY": ("costs", "Retry acts on the selected charge only"),
    "PC-SUPPORT": ("costs", "Persistent error: client name and remote error exposed for support"),
    "PH-EXPIRE": ("clients-oneway", "Authorisation expired/revoked: reconnect, settings kept, nothing synced by it"),
    "PH-DISCONNECT": ("clients-oneway", "Disconnect: sync refused, XPM data untouched, activity log readable"),
    "PH-MANUAL": ("clients-oneway", "No automatic sync: only the Sync button pushes, one client"),
    "PH-ONEWAY": ("clients-oneway", "Edits in XPM never change the PM Hub record"),
    "PH-REL": ("clients-oneway", "Relationships sync only for valid, configured association types"),
    "PH-DELETE": ("clients-oneway", "Deleting in PM Hub never removes or changes the XPM record"),
    "CW-ADDON": ("clients-twoway", "Add-on needs a Firm Administrator and the remote's authorisation"),
    "CW-LINK-AUTO": ("clients-twoway", "Imported profiles are linked automatically"),
    "CW-LINK-MANUAL": ("clients-twoway", "Other profiles linked by hand by searching the remote"),
    "CW-DIFF": ("clients-twoway", "Differing fields flagged; sync offered only while differences exist"),
    "CW-SYNC": ("clients-twoway", "Ticked fields land in their chosen direction only"),
    "CW-REFRESH": ("clients-twoway", "Remote values refresh by hand and on save; timestamp moves"),
    "CB-MANUAL": ("payments", "Already paid by hand: Resolve Now, Dismiss Syncing, Hide"),
    "CB-CREDIT": ("payments", "Credit applied after the run: un-apply, next sync reconciles once"),
    "CB-RECREATED": ("payments", "Invoice deleted and recreated: record by hand, dismiss; nothing doubled"),
    "CB-RATE": ("payments", "Failure-rate alert at 10 % or more, not below"),
    "CB-KEEP": ("payments", "A payment is never lost: synced, dismissed, or visibly failed"),
    "XX-TOKEN": ("*", "Access tokens expire and are refreshed; dead refresh token → reconnect path"),
    "XX-RATE": ("*", "429 with the remote's headers honoured: backs off, nothing dropped or doubled"),
    "XX-FLAKY": ("*", "Transient faults and lost responses never lose or duplicate a record"),
    "XX-EDIT": ("payments", "Invoices edited/voided/deleted/recreated between syncs are detected"),
    "XX-LOCKDATE": ("payments", "Accounting lock dates reject postings with the remote's own error"),
}

PROFILE_TAGS = {"costs": "profile-costs", "clients-oneway": "profile-clients-oneway",
                "clients-twoway": "profile-clients-twoway", "payments": "profile-payments"}
