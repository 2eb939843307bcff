@profile-costs
Feature: Costs of an organisation that is not mapped to a client

  @PC-UNMAPPED
  Scenario: An unmapped cost waits in the Unmapped tab, then lands once after mapping
    Given XPM has client "Cedar Partners" with job "Tax return" in state "In Progress"
    And Practice Connect is connected to XPM
    And I note what the remotes have received so far
    When a recharged cost "Cloud storage" of 30.00 for "Cedar Group" dated 2026-11-12
    And Practice Connect syncs
    Then "Cloud storage" is in the Unmapped tab
    And XPM received no writes since then
    And the job "Tax return" in XPM has 0 costs "Cloud storage"
    When I map the organisation "Cedar Group" to client "Cedar Partners" job "Tax return"
    Then "Cloud storage" is in the Pending Action tab
    When I send "Cloud storage" for tracking
    And Practice Connect syncs
    Then "Cloud storage" is in the Synced tab
    And the job "Tax return" in XPM has 1 cost "Cloud storage"
