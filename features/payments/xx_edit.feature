@profile-payments
Feature: Invoices changed in the accounting package between syncs are detected (XX-EDIT)
  The engine compares the invoice with what it was when the client paid and never overwrites a
  changed invoice blindly.

  @XX-EDIT
  Scenario Outline: An invoice edited in <system> is detected; restored, the next sync posts the payment once
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-500" for 600.00 to "Fern Co" dated 2026-11-05
    And the client paid 600.00 on invoice "INV-500" in the portal on 2026-11-18
    When the total of invoice "INV-500" is edited to 650.00 in <system>
    And ConnectBooster syncs payments
    Then the payment for invoice "INV-500" failed with reason "Invoice Edited"
    And invoice "INV-500" has exactly 0 payments in <system>
    When the total of invoice "INV-500" is edited to 600.00 in <system>
    And the next sync runs
    Then the payment landed once on invoice "INV-500" in <system>

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |

  @XX-EDIT
  Scenario Outline: An invoice voided in <system> is detected; nothing is posted to it; the user dismisses
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-510" for 310.00 to "Fern Co" dated 2026-11-05
    And the client paid 310.00 on invoice "INV-510" in the portal on 2026-11-18
    When invoice "INV-510" is voided in <system>
    And ConnectBooster syncs payments
    Then the payment for invoice "INV-510" failed with reason "Invoice Voided"
    And nothing was posted for the payment on invoice "INV-510"
    When I click Resolve Now on the payment for invoice "INV-510"
    And I choose Dismiss Syncing
    And I note what the remotes have received so far
    And the next sync runs
    Then <system> received no payment since then
    And the payment for invoice "INV-510" shows Dismissed
    And nothing was posted for the payment on invoice "INV-510"

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |

  @XX-EDIT
  Scenario Outline: An invoice deleted and recreated in <system> after a payment synced does not get it twice
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-520" for 90.00 to "Fern Co" dated 2026-11-05
    And an open invoice "INV-521" for 75.00 to "Fern Co" dated 2026-11-05
    And the client paid 90.00 on invoice "INV-520" in the portal on 2026-11-18
    And ConnectBooster syncs payments
    When the client paid 75.00 on invoice "INV-521" in the portal on 2026-11-19
    And invoice "INV-521" is deleted and recreated in <system>
    And the next sync runs
    Then the payment landed once on invoice "INV-520" in <system>
    And the payment for invoice "INV-521" failed with reason "Invoice Recreated"
    And no payment was posted to the deleted invoice "INV-521"
    And invoice "INV-521" has exactly 0 payments in <system>

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |
