@profile-payments
Feature: Tokens, rate limits and flaky networks never lose or double a payment (XX-TOKEN, XX-RATE, XX-FLAKY)

  @XX-TOKEN
  Scenario Outline: The <system> access token expires between syncs, twice, and is refreshed transparently each time
    Refresh tokens rotate (Xero keeps the replaced one for 30 minutes, Intuit not at all): an engine
    that keeps its first refresh token fails the second refresh. Refreshing before expiry or after
    the remote's 401 are both fine.
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-700" for 120.00 to "Heath Ltd" dated 2026-11-02
    And an open invoice "INV-701" for 130.00 to "Heath Ltd" dated 2026-11-02
    And the client paid 120.00 on invoice "INV-700" in the portal on 2026-11-18
    And 61 minutes pass
    When ConnectBooster syncs payments
    Then the payment landed once on invoice "INV-700" in <system>
    When 61 minutes pass
    And the client paid 130.00 on invoice "INV-701" in the portal on 2026-11-18
    And 61 minutes pass
    And the next sync runs
    Then the payment landed once on invoice "INV-701" in <system>
    And invoice "INV-700" has exactly 1 payment in <system>

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |

  @XX-RATE
  Scenario Outline: <system> rate-limits the sync: the engine backs off on its Retry-After and completes
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-710" for 10.00 to "Heath Ltd" dated 2026-11-02
    And an open invoice "INV-711" for 20.00 to "Heath Ltd" dated 2026-11-02
    And an open invoice "INV-712" for 30.00 to "Heath Ltd" dated 2026-11-02
    And the client paid 10.00 on invoice "INV-710" in the portal on 2026-11-18
    And the client paid 20.00 on invoice "INV-711" in the portal on 2026-11-18
    And the client paid 30.00 on invoice "INV-712" in the portal on 2026-11-18
    And <system> allows only 3 calls a minute
    And I note what the remotes have received so far
    When ConnectBooster syncs payments
    Then <system> answered at least one request with HTTP 429
    And <system> never answered HTTP 429 twice in a row
    And the payment landed once on invoice "INV-710" in <system>
    And the payment landed once on invoice "INV-711" in <system>
    And the payment landed once on invoice "INV-712" in <system>

    Examples:
      | system     |
      | Xero       |
      | QuickBooks |

  @XX-FLAKY
  Scenario Outline: <system> commits the payment but the answer is lost: reconciled, not posted twice
    An engine may reconcile at once or leave the payment visibly unconfirmed until the next sync.
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-720" for 55.00 to "Heath Ltd" dated 2026-11-02
    And the client paid 55.00 on invoice "INV-720" in the portal on 2026-11-18
    And the next <method> to <system> "<path>" is committed but its response is lost
    When ConnectBooster syncs payments
    Then the payment for invoice "INV-720" is either synced or visibly not yet, and <system> holds it at most once
    And invoice "INV-720" has exactly 1 payment in <system>
    When the next sync runs
    Then the payment landed once on invoice "INV-720" in <system>
    And invoice "INV-720" has exactly 1 payment in <system>

    Examples:
      | system     | method | path      |
      | Xero       | PUT    | /Payments |
      | QuickBooks | POST   | /payment  |

  @XX-FLAKY
  Scenario Outline: <system> drops the connection or answers 503 before committing: posted once, at once or on the next sync
    Given ConnectBooster is connected to <system>
    And an open invoice "INV-730" for 65.00 to "Heath Ltd" dated 2026-11-02
    And the client paid 65.00 on invoice "INV-730" in the portal on 2026-11-18
    And the next <method> to <system> "<path>" has its connection reset
    And the next 2 calls to <system> fail with HTTP 503
    When ConnectBooster syncs payments
    Then the payment for invoice "INV-730" is either synced or visibly not yet, and <system> holds it at most once
    When <system> is available again
    And the next sync runs
    Then the payment landed once on invoice "INV-730" in <system>

    Examples:
      | system     | method | path      |
      | Xero       | PUT    | /Payments |
      | QuickBooks | POST   | /payment  |
