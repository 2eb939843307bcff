@profile-clients-twoway
Feature: The APS and XPM add-ons (CW-ADDON)
  "You must have activated the APS Add-on or XPM Add-on." "You need to have Firm Administrator access
  within Connectworks to make changes to firm Settings and Add-ons." Adding the add-on opens the
  practice system's window "to authorise access".

  @CW-ADDON
  Scenario Outline: Only a Firm Administrator may activate the <system> Add-on; nothing syncs before it
    Given <system> has the individual client "Mia Chen" with:
      | Field         | Value        |
      | Primary phone | 0411 222 333 |
    And Connectworks has the profile "Chen Holdings"
    When a user with the role "Staff" tries to activate the <system> Add-on
    Then I see a message that says "Firm Administrator"
    And <system> was never asked to authorise Connectworks
    When I import client profiles from <system>
    Then I see a message that says "not activated"
    And no profile was imported for "Mia Chen"
    When I click "Connect now" on the Add-on Connections tab of "Chen Holdings"
    Then I see a message that says "not activated"
    And "Chen Holdings" has no sync
    When I try to sync "Chen Holdings"
    Then the sync is refused
    When a Firm Administrator activates the <system> Add-on and authorises Connectworks
    And I import client profiles from <system>
    Then the profile "Mia Chen" was imported and is linked to the <system> client without any action from me
    And Connectworks shows "0411 222 333" as the Primary phone of "Mia Chen"

    Examples:
      | system |
      | APS    |
      | XPM    |

  @CW-ADDON
  Scenario: The XPM authorisation window is declined: the add-on stays inactive
    Given XPM has the individual client "Noah Park"
    When the Firm Administrator declines the authorisation window of XPM
    Then I see a message that says "did not authorise"
    When I import client profiles from XPM
    Then I see a message that says "not activated"
    And no profile was imported for "Noah Park"
