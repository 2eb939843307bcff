@profile-payments
Feature: A credit applied after the payment run changed the amount due (CB-CREDIT)
  "You should un-apply the credit memo, reopening the full invoice balance and the payment should
  reconcile automatically on the next sync."

  @CB-CREDIT
  Scenario Outline: Credit applied in <system>: rejected; un-applied; the next sync posts it once
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-200" for 800.00 to "Birch Holdings" dated 2026-11-03
    And the client paid 800.00 on invoice "INV-200" in the portal on 2026-11-18
    And a credit of 150.00 is applied to invoice "INV-200" in <system>
    When ConnectBooster syncs payments
    Then the payment for invoice "INV-200" failed with reason "Amount Due Changed"
    And invoice "INV-200" has exactly 0 payments in <system>
    When the credit is un-applied from invoice "INV-200" in <system>
    And the next sync runs
    Then the payment landed once on invoice "INV-200" in <system>
    When the next sync runs
    Then invoice "INV-200" has exactly 1 payment in <system>
    And the payment for invoice "INV-200" shows Synced

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |
