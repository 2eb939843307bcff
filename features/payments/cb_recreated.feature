@profile-payments
Feature: The invoice was deleted and recreated: the payment's mapping is broken (CB-RECREATED)
  "You will need to manually recreate the received payment record in your accounting package, then
  use the Dismiss Syncing button."

  @CB-RECREATED @XX-EDIT
  Scenario Outline: Invoice recreated in <system>: nothing posted to the dead invoice, none doubled on the new one
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-300" for 420.00 to "Cedar Partners" dated 2026-11-04
    And the client paid 420.00 on invoice "INV-300" in the portal on 2026-11-18
    And invoice "INV-300" is deleted and recreated in <system>
    When ConnectBooster syncs payments
    Then the payment for invoice "INV-300" failed with reason "Invoice Recreated"
    And no payment was posted to the deleted invoice "INV-300"
    And invoice "INV-300" has exactly 0 payments in <system>
    When someone records a payment of 420.00 on invoice "INV-300" by hand in <system>
    And I click Resolve Now on the payment for invoice "INV-300"
    Then I see the reason "Invoice Recreated" and the choice "Dismiss Syncing"
    When I choose Dismiss Syncing
    And I note what the remotes have received so far
    And the next sync runs
    Then <system> received no payment since then
    And the payment for invoice "INV-300" shows Dismissed
    And no payment was posted to the deleted invoice "INV-300"
    And invoice "INV-300" has exactly 1 payment in <system>
    And nothing was posted for the payment on invoice "INV-300"

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |
