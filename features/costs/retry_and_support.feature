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

  @PC-SUPPORT
  Scenario: An error that persists exposes the client name and the remote's error for support
    Given the WIP period up to 2026-11-30 is locked in XPM
    And a recharged cost "Stuck cost" of 99.00 for "Fig Audit Co" dated 2026-11-10
    And I send "Stuck cost" for tracking
    When Practice Connect syncs
    And I hover over "Stuck cost" in the Error tab and retry the sync
    Then "Stuck cost" shows "Sync Error" with reason "Lock Dates" in the Error tab
    And the support details for "Stuck cost" name the client "Fig Accounting" and quote "locked WIP period"
