@profile-costs
Feature: Costs on a job whose state does not accept new costs

  Background:
    Given XPM has client "Birch & Co" with job "Annual accounts" in state "In Progress"
    And Practice Connect is connected to XPM
    And the organisation "Birch Trading" is mapped to client "Birch & Co" job "Annual accounts"

  @PC-STATE
  Scenario Outline: A job in state <state> rejects the cost until it is In Progress again
    Given the job "Annual accounts" is set to "<state>" in XPM
    And a recharged cost "Filing fee" of 80.00 for "Birch Trading" dated 2026-11-10
    And I send "Filing fee" for tracking
    When Practice Connect syncs
    Then "Filing fee" shows "Sync Error" with reason "Job State" in the Error tab
    And the job "Annual accounts" in XPM has 0 costs "Filing fee"
    When I change the job "Annual accounts" to "In Progress" in XPM
    And I hover over "Filing fee" in the Error tab and retry the sync
    Then "Filing fee" is in the Synced tab
    And the job "Annual accounts" in XPM has 1 cost "Filing fee"
    When I change the job "Annual accounts" to "<state>" in XPM
    Then the job "Annual accounts" in XPM has 1 cost "Filing fee"

    Examples:
      | state     |
      | Completed |
      | Closed    |
