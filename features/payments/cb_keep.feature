@profile-payments
Feature: A client's payment is never lost (CB-KEEP)
  "...to make sure your client is given credit for the payment they have made." A failed payment
  stays visible until it is resolved or dismissed.

  @CB-KEEP
  Scenario Outline: Mixed failures in <system>: each payment ends synced, dismissed or visibly failed
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-401" for 100.00 to "Dune Ltd" dated 2026-11-02
    And an open invoice "INV-402" for 200.00 to "Dune Ltd" dated 2026-11-02
    And an open invoice "INV-403" for 300.00 to "Dune Ltd" dated 2026-11-02
    And the client paid 100.00 on invoice "INV-401" in the portal on 2026-11-18
    And the client paid 200.00 on invoice "INV-402" in the portal on 2026-11-18
    And the client paid 300.00 on invoice "INV-403" in the portal on 2026-11-18
    And someone records a payment of 200.00 on invoice "INV-402" by hand in <system>
    And invoice "INV-403" is deleted and recreated in <system>
    When ConnectBooster syncs payments
    Then the payment landed once on invoice "INV-401" in <system>
    And the payment for invoice "INV-402" failed with reason "Already Paid"
    And the payment for invoice "INV-403" failed with reason "Invoice Recreated"
    When I try to hide the payment for invoice "INV-402"
    Then the payment for invoice "INV-402" is still in the portal list, failed
    When the next sync runs
    Then the payment for invoice "INV-402" failed with reason "Already Paid"
    And every payment is synced, dismissed or visibly failed
    When I click Resolve Now on the payment for invoice "INV-402"
    And I choose Dismiss Syncing
    And I hide the transaction
    Then every payment is synced, dismissed or visibly failed
    And invoice "INV-402" has exactly 1 payment in <system>
    And invoice "INV-401" has exactly 1 payment in <system>

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |

  @CB-KEEP @XX-TOKEN
  Scenario Outline: Payments taken while <system> is disconnected wait, then land once after reconnecting
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-410" for 250.00 to "Elm Trust" dated 2026-11-02
    When the app is disconnected in <system>
    And the client paid 250.00 on invoice "INV-410" in the portal on 2026-11-18
    And ConnectBooster syncs payments
    Then the payment for invoice "INV-410" is waiting with reason "Reconnect Required"
    And ConnectBooster asks me to reconnect <system>
    And invoice "INV-410" has exactly 0 payments in <system>
    When I reconnect ConnectBooster to <system>
    And the next sync runs
    Then the payment landed once on invoice "INV-410" in <system>

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |
