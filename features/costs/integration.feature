@profile-costs
Feature: The Xero integration is not Active

  Background:
    Given XPM has client "Elm Advisory" with job "BAS" in state "In Progress"
    And Practice Connect is connected to XPM
    And the organisation "Elm Group" is mapped to client "Elm Advisory" job "BAS"

  @PC-INACTIVE @XX-TOKEN
  Scenario: Access revoked in XPM: syncs fail, Re-sync now restores Active, each cost lands once
    Given a recharged cost "Payroll fee" of 60.00 for "Elm Group" dated 2026-11-15
    And a recharged cost "Courier" of 15.00 for "Elm Group" dated 2026-11-16
    And I send "Payroll fee" for tracking
    And I send "Courier" for tracking
    And access to the practice is revoked in XPM
    When Practice Connect syncs
    Then "Payroll fee" shows "Sync Error" with reason "Integration Inactive" in the Error tab
    And "Courier" shows "Sync Error" with reason "Integration Inactive" in the Error tab
    And the integration status is "Inactive"
    When I select Re-sync now on the Integrations page
    Then the integration status is "Active"
    When I hover over "Payroll fee" in the Error tab and retry the sync
    And I hover over "Courier" in the Error tab and retry the sync
    Then the Error tab is empty
    And the job "BAS" in XPM has 1 cost "Payroll fee"
    And the job "BAS" in XPM has 1 cost "Courier"

  @XX-TOKEN
  Scenario: Expired access tokens are refreshed without the user noticing, twice: the rotated refresh token is kept
    XPM's refresh tokens rotate: the replaced one works for 30 minutes only, so the second refresh
    fails for an engine that keeps its first refresh token. Refreshing before or after expiry are
    both fine.
    Given a recharged cost "Software" of 25.00 for "Elm Group" dated 2026-11-17
    And I send "Software" for tracking
    When 40 minutes pass
    And Practice Connect syncs
    Then "Software" is in the Synced tab
    And the job "BAS" in XPM has 1 cost "Software"
    When 40 minutes pass
    And a recharged cost "Licences" of 35.00 for "Elm Group" dated 2026-11-18
    And I send "Licences" for tracking
    And Practice Connect syncs
    Then "Licences" is in the Synced tab
    And the integration status is "Active"
    And the job "BAS" in XPM has 1 cost "Licences"
    And the job "BAS" in XPM has 1 cost "Software"

  @PC-INACTIVE @XX-TOKEN
  Scenario: A refresh token unused for 61 days leads to the reconnect path, nothing lost
    Given a recharged cost "Archive" of 40.00 for "Elm Group" dated 2026-11-18
    And I send "Archive" for tracking
    When 61 days pass
    And Practice Connect syncs
    Then "Archive" shows "Sync Error" with reason "Integration Inactive" in the Error tab
    When I select Re-sync now on the Integrations page
    And I hover over "Archive" in the Error tab and retry the sync
    Then "Archive" is in the Synced tab
    And the job "BAS" in XPM has 1 cost "Archive"
