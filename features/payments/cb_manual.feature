@profile-payments
Feature: A payment already applied by hand in the accounting package (CB-MANUAL)
  "Out of old habit, payments were already manually applied in your accounting package."
  The portal payment is rejected; the user resolves it, dismisses syncing and hides it.

  @CB-MANUAL
  Scenario Outline: Paid by hand in <system>: Resolve Now, Dismiss Syncing, Hide
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-100" for 500.00 to "Acme Pty Ltd" dated 2026-11-02
    And the client paid 500.00 on invoice "INV-100" in the portal on 2026-11-18
    And someone records a payment of 500.00 on invoice "INV-100" by hand in <system>
    When ConnectBooster syncs payments
    Then the payment for invoice "INV-100" failed with reason "Already Paid"
    And invoice "INV-100" has exactly 1 payment in <system>
    And nothing was posted for the payment on invoice "INV-100"
    When I click Resolve Now on the payment for invoice "INV-100"
    Then I see the reason "Already Paid" and the choice "Dismiss Syncing"
    When I choose Dismiss Syncing
    Then the payment for invoice "INV-100" shows Dismissed
    When I note what the remotes have received so far
    And the next sync runs
    Then <system> received no payment since then
    And the payment for invoice "INV-100" shows Dismissed
    When I search Entities for its transaction number
    And I hide the transaction
    Then the payment is not in the portal list
    And searching its transaction number still finds it
    And invoice "INV-100" has exactly 1 payment in <system>

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |
