@profile-costs
Feature: Costs whose destination job was deleted in XPM

  @PC-DELETED
  Scenario: No valid destination: Job Deleted, support recreates the job, the cost lands once there
    Given XPM has client "Dune Legal" with job "Trust deed" in state "In Progress"
    And XPM has client "Dune Legal" with job "Other work" in state "In Progress"
    And Practice Connect is connected to XPM
    And the organisation "Dune Holdings" is mapped to client "Dune Legal" job "Trust deed"
    And the job "Trust deed" is deleted in XPM
    And a recharged cost "Search fee" of 55.00 for "Dune Holdings" dated 2026-11-14
    And I send "Search fee" for tracking
    When Practice Connect syncs
    Then "Search fee" shows "Sync Error" with reason "Job Deleted" in the Error tab
    And the guidance for "Search fee" says "raise a ticket with support"
    And the job "Other work" in XPM has 0 costs "Search fee"
    When I hover over "Search fee" in the Error tab and retry the sync
    Then "Search fee" shows "Sync Error" with reason "Job Deleted" in the Error tab
    When support recreates the job "Trust deed" in XPM and maps "Dune Holdings" to client "Dune Legal" on it
    And I hover over "Search fee" in the Error tab and retry the sync
    Then "Search fee" is in the Synced tab
    And the job "Trust deed" in XPM has 1 cost "Search fee"
    And the job "Other work" in XPM has 0 costs "Search fee"
