@profile-costs
Feature: Retrying one charge, and what support needs

  Background:
    Given XPM has client "Fig Accounting" with job "Audit" in state "In Progress"
    And XPM has client "Fig Accounting" with job "Advice" in state "Completed"
    And Practice Connect is connected to XPM
    And the organisation "Fig Audit Co" is mapped to client "Fig Accounting" job "Audit"
    And the organisation "Fig Advice Co" is mapped to client "Fig Accounting" job "Advice"

  @PC-RETRY
  Scenario: Retry acts on the charge I hover; the others stay in Error until fixed and retried
    Given the WIP period up to 2026-10-31 is locked in XPM
    And a recharged cost "Locked cost" of 10.00 for "Fig Audit Co" dated 2026-10-05
    And a recharged cost "State cost" of 20.00 for "Fig Advice Co" dated 2026-11-05
    And I send "Locked cost" for tracking
    And I send "State cost" for tracking
    And Practice Connect syncs
    When I unlock the prior period in XPM
    And I hover over "Locked cost" in the Error tab and retry the sync
    Then "Locked cost" is in the Synced tab
    And "State cost" shows "Sync Error" with reason "Job State" in the Error tab
    And the job "Advice" in XPM has 0 costs "State cost"
    When I change the job "Advice" to "In Progress" in XPM
    And I hover over "State cost" in the Error tab and retry the sync
    Then the Error tab is empty
    And the job "Audit" in XPM has 1 cost "Locked cost"
    And the job "Advice" in XPM has 1 cost "State cost"

  @PC-RETRY
  Scenario: Retry sends only the charge I select, not the first row, not the others that could now land
    Given the WIP period up to 2026-10-31 is locked in XPM
    And a recharged cost "First locked" of 11.00 for "Fig Audit Co" dated 2026-10-03
    And a recharged cost "Second locked" of 12.00 for "Fig Audit Co" dated 2026-10-04
    And a recharged cost "Third locked" of 13.00 for "Fig Audit Co" dated 2026-10-06
    And a recharged cost "November fee" of 14.00 for "Fig Audit Co" dated 2026-11-06
    And I send "First locked" for tracking
    And I send "Second locked" for tracking
    And I send "Third locked" for tracking
    And I send "November fee" for tracking
    And Practice Connect syncs
    Then "November fee" is in the Synced tab
    And "First locked" shows "Sync Error" with reason "Lock Dates" in the Error tab
    When I unlock the prior period in XPM
    And I note what the remotes have received so far
    And I hover over "Second locked" in the Error tab and retry the sync
    Then "Second locked" is in the Synced tab
    And XPM was sent 1 cost since then
    And "First locked" shows "Sync Error" with reason "Lock Dates" in the Error tab
    And "Third locked" shows "Sync Error" with reason "Lock Dates" in the Error tab
    And the job "Audit" in XPM has 1 cost "Second locked"
    And the job "Audit" in XPM has 0 costs "First locked"
    And the job "Audit" in XPM has 0 costs "Third locked"
    When I note what the remotes have received so far
    And I hover over "Third locked" in the Error tab and retry the sync
    Then XPM was sent 1 cost since then
    And "First locked" shows "Sync Error" with reason "Lock Dates" in the Error tab
    When I hover over "First locked" in the Error tab and retry the sync
    Then the Error tab is empty
    And the job "Audit" in XPM has 1 cost "First locked"
    And the job "Audit" in XPM has 1 cost "Second locked"
    And the job "Audit" in XPM has 1 cost "Third locked"
    And the job "Audit" in XPM has 1 cost "November fee"

  @PC-SUPPORT
  Scenario: An error that persists exposes the client name and the remote's error for support
    Given the WIP period up to 2026-11-30 is locked in XPM
    And a recharged cost "Stuck cost" of 99.00 for "Fig Audit Co" dated 2026-11-10
    And I send "Stuck cost" for tracking
    When Practice Connect syncs
    And I hover over "Stuck cost" in the Error tab and retry the sync
    Then "Stuck cost" shows "Sync Error" with reason "Lock Dates" in the Error tab
    And the support details for "Stuck cost" name the client "Fig Accounting" and quote "locked WIP period"
