@profile-payments
Feature: Lock dates reject payments with the remote's own error (XX-LOCKDATE)
  Xero's period lock date and QuickBooks' closing date refuse postings dated on or before them.

  @XX-LOCKDATE
  Scenario Outline: A payment dated in a locked period of <system> fails with <system>'s words; unlocked, it lands once
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-600" for 275.00 to "Grove Group" dated 2026-10-20
    And the client paid 275.00 on invoice "INV-600" in the portal on 2026-10-31
    And the period is locked up to 2026-10-31 in <system>
    And I note what the remotes have received so far
    When ConnectBooster syncs payments
    Then <system> answered at least one request with HTTP 400
    And the payment for invoice "INV-600" failed with reason "Locked Period"
    And its error is the remote's own text "<remote text>"
    And invoice "INV-600" has exactly 0 payments in <system>
    When the period lock is removed in <system>
    And the next sync runs
    Then the payment landed once on invoice "INV-600" in <system>

    Examples:
      | system     | remote text                                                                         |
      | Xero       | The document date cannot be before the period lock date, currently set at 31-Oct-2026 |
      | QuickBooks | account period has closed                                                           |

  @XX-LOCKDATE
  Scenario Outline: A payment dated after the <system> lock date is not affected
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-610" for 80.00 to "Grove Group" dated 2026-10-20
    And the period is locked up to 2026-10-31 in <system>
    And the client paid 80.00 on invoice "INV-610" in the portal on 2026-11-01
    When ConnectBooster syncs payments
    Then the payment landed once on invoice "INV-610" in <system>

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |
