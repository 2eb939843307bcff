@profile-costs
Feature: Costs dated in a locked WIP period
  Rechargly help: "If the cost falls within a locked WIP period, XPM will reject the sync."

  Background:
    Given XPM has client "Acme Pty Ltd" with job "Monthly bookkeeping" in state "In Progress"
    And Practice Connect is connected to XPM
    And the organisation "Acme Holdings" is mapped to client "Acme Pty Ltd" job "Monthly bookkeeping"

  @PC-LOCK
  Scenario: A cost in a locked WIP period fails with Lock Dates, and lands once after unlocking
    Given the WIP period up to 2026-10-31 is locked in XPM
    And a recharged cost "October software" of 120.00 for "Acme Holdings" dated 2026-10-15
    And I send "October software" for tracking
    When Practice Connect syncs
    Then "October software" shows "Sync Error" with reason "Lock Dates" in the Error tab
    And the guidance for "October software" says "unlock the prior period in XPM"
    And the job "Monthly bookkeeping" in XPM has 0 costs "October software"
    When I unlock the prior period in XPM
    And I hover over "October software" in the Error tab and retry the sync
    Then "October software" is in the Synced tab
    And the Error tab is empty
    And the job "Monthly bookkeeping" in XPM has 1 cost "October software"
    When I turn the lock period back on in XPM up to 2026-10-31
    And a recharged cost "Late October fee" of 45.00 for "Acme Holdings" dated 2026-10-20
    And I send "Late October fee" for tracking
    And Practice Connect syncs
    Then "Late October fee" shows "Sync Error" with reason "Lock Dates" in the Error tab
    And the job "Monthly bookkeeping" in XPM has 1 cost "October software"
