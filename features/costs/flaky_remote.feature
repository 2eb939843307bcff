@profile-costs
Feature: XPM is slow, limited or flaky, and no cost is lost or doubled

  Background:
    Given XPM has client "Gum Tree Co" with job "Payroll" in state "In Progress"
    And Practice Connect is connected to XPM
    And the organisation "Gum Tree Group" is mapped to client "Gum Tree Co" job "Payroll"

  @XX-FLAKY
  Scenario: XPM commits the cost but the response is lost: the retry finds it, no second cost
    Given a recharged cost "Lost reply" of 33.00 for "Gum Tree Group" dated 2026-11-11
    And I send "Lost reply" for tracking
    And the next POST to XPM "job.api/cost" is committed but its response is lost
    When Practice Connect syncs
    Then "Lost reply" is either in the Synced tab or in the Error tab with the remote's error
    And the job "Payroll" in XPM has 1 cost "Lost reply"
    When I retry "Lost reply" from the Error tab if it is there
    Then "Lost reply" is in the Synced tab
    And the job "Payroll" in XPM has 1 cost "Lost reply"

  @XX-FLAKY
  Scenario Outline: XPM is unavailable for <calls> calls: the cost lands once, at once or on retry
    The catalogue asks only that nothing is lost or doubled: an engine may ride the outage out
    (synced once) or give up visibly (Error tab, nothing on the job) and land it once on retry.
    Given a recharged cost "Outage" of 12.00 for "Gum Tree Group" dated 2026-11-12
    And I send "Outage" for tracking
    And the next <calls> calls to XPM fail with HTTP 503
    When Practice Connect syncs
    Then "Outage" is either synced once on the job "Payroll", or in the Error tab with the remote's error and not on the job
    When XPM is available again
    And I retry "Outage" from the Error tab if it is there
    Then "Outage" is in the Synced tab
    And the job "Payroll" in XPM has 1 cost "Outage"
    When Practice Connect syncs
    Then the job "Payroll" in XPM has 1 cost "Outage"

    Examples:
      | calls |
      | 2     |
      | 10    |

  @XX-RATE
  Scenario: XPM rate-limits the sync: the engine waits as told and every cost lands once
    Given XPM allows only 2 calls a minute
    And a recharged cost "One" of 1.00 for "Gum Tree Group" dated 2026-11-13
    And a recharged cost "Two" of 2.00 for "Gum Tree Group" dated 2026-11-13
    And a recharged cost "Three" of 3.00 for "Gum Tree Group" dated 2026-11-13
    And I send "One" for tracking
    And I send "Two" for tracking
    And I send "Three" for tracking
    And I note what the remotes have received so far
    When Practice Connect syncs
    Then the Error tab is empty
    And XPM answered at least one request with HTTP 429
    And XPM never answered HTTP 429 twice in a row
    And the job "Payroll" in XPM has 1 cost "One"
    And the job "Payroll" in XPM has 1 cost "Two"
    And the job "Payroll" in XPM has 1 cost "Three"
