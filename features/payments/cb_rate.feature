@profile-payments
Feature: Failure-rate alert (CB-RATE)
  "If ... you do not have a large percentage (10%+) of your payments failing to sync ... Please let
  us know if payments are failing frequently, as it may indicate certain settings which are in
  need of attention!"

  @CB-RATE
  Scenario Outline: <failing> of <total> payments failing in <system>: alert <outcome>
    Given ConnectBooster is connected to <system>
    And <total> invoices were paid in full by clients in the portal
    And <failing> of them were already paid by hand in <system>
    When ConnectBooster syncs payments
    Then <failing> payments show Failed
    And the failure-rate alert is <outcome>
    And every other payment landed once in <system>

    Examples:
      | system     | total | failing | outcome    |
      | Xero       | 10    | 1       | raised     |
      | Xero       | 11    | 1       | not raised |
      | QuickBooks | 10    | 1       | raised     |
      | QuickBooks | 11    | 1       | not raised |
      | Xero       | 4     | 0       | not raised |
