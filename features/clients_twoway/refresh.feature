@profile-clients-twoway
Feature: Refreshing the remote values (CW-REFRESH)
  "The information can be refreshed manually by clicking the refresh button on the bottom right. It
  will also refresh automatically whenever the client's Connectworks profile is updated and saved
  using the Edit form. The panel will also display the date the details were last refreshed."

  Background:
    Given APS has the individual client "Sofia Rossi" with:
      | Field         | Value            |
      | Email         | sofia@rossi.test |
      | Primary phone | 0433 100 200     |
    And XPM has the individual client "Sofia Rossi" with:
      | Field         | Value            |
      | Email         | sofia@rossi.test |
      | Primary phone | 0433 100 200     |

  @CW-REFRESH
  Scenario Outline: A change made in <system> shows after the refresh button, and the time moves
    Given the <system> Add-on is activated by a Firm Administrator
    And the client profiles of <system> have been imported
    And I tick "Sofia Rossi" and open the Connections to add-ons section
    Then the panel shows it was last refreshed at 2026-11-20T09:00:00Z
    And the sync button is not shown
    When 10 minutes pass
    And someone changes the Primary phone of "Sofia Rossi" to "0433 999 000" in <system>
    And I click the refresh button for "Sofia Rossi"
    Then the panel shows <system> Primary phone "0433 999 000"
    And the Primary phone shows in red
    And the panel shows it was last refreshed at 2026-11-20T09:10:00Z
    And the last-refreshed time has moved on
    And the sync button is shown

    Examples:
      | system |
      | APS    |
      | XPM    |

  @CW-REFRESH
  Scenario Outline: Saving the Edit form refreshes the <system> values by itself
    Given the <system> Add-on is activated by a Firm Administrator
    And the client profiles of <system> have been imported
    And I tick "Sofia Rossi" and open the Connections to add-ons section
    When 25 minutes pass
    And someone changes the Email of "Sofia Rossi" to "accounts@rossi.test" in <system>
    And I change the Website of "Sofia Rossi" to "https://rossi.test" on the Edit form and save
    Then the panel shows <system> Email "accounts@rossi.test"
    And the panel shows Connectworks Website "https://rossi.test"
    And exactly these fields show in red: Email and Website
    And the panel shows it was last refreshed at 2026-11-20T09:25:00Z
    And the last-refreshed time has moved on
    And <system> has "" as the Website of "Sofia Rossi"

    Examples:
      | system |
      | APS    |
      | XPM    |
