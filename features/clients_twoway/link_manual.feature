@profile-clients-twoway
Feature: Linking other profiles by hand (CW-LINK-MANUAL)
  "By default, the search function will look for the name of the client as it is recorded in
  Connectworks. ... If the client does not appear, edit the search to the name as it is recorded in
  XPM, or remove the name from the search bar to scroll through your entire XPM client list."
  "After selecting Link ... the button will now display Disconnect instead."

  Background:
    Given APS has the company client "Harbour Bakery Pty Ltd"
    And XPM has the company client "Harbour Bakery Pty Ltd"

  @CW-LINK-MANUAL
  Scenario Outline: Found by the Connectworks name, linked, then Disconnect is offered (<system>)
    Given <system> has the company client "Tidewater Cafe"
    And the <system> Add-on is activated by a Firm Administrator
    And Connectworks has the profile "Harbour Bakery"
    And I note what "Harbour Bakery Pty Ltd" holds in <system>
    Then the Add-on Connections tab of "Harbour Bakery" offers "Connect now"
    And "Harbour Bakery" has no sync
    When I try to sync "Harbour Bakery"
    Then the sync is refused
    When I click "Connect now" on the Add-on Connections tab of "Harbour Bakery"
    Then the search shows "Harbour Bakery Pty Ltd"
    And the search does not show "Tidewater Cafe"
    When I click Link next to "Harbour Bakery Pty Ltd"
    Then "Harbour Bakery" is linked to the <system> client "Harbour Bakery Pty Ltd"
    And "Harbour Bakery Pty Ltd" is unchanged in <system>
    When I tick "Harbour Bakery" and open the Connections to add-ons section
    Then the Name shows in red
    And the sync button is shown

    Examples:
      | system |
      | APS    |
      | XPM    |

  @CW-LINK-MANUAL
  Scenario Outline: Not found by the Connectworks name: search by the <system> name, or browse the whole list
    Given <system> has the trust client "The Okafor Family Trust"
    And <system> has the company client "Bluegum Legal"
    And the <system> Add-on is activated by a Firm Administrator
    And Connectworks has the profile "Okafor Trust"
    And Connectworks has the profile "BGL Partners"
    When I click "Connect now" on the Add-on Connections tab of "Okafor Trust"
    Then the search does not show "The Okafor Family Trust"
    When I change the search to "Okafor Family"
    Then the search shows "The Okafor Family Trust"
    When I click Link next to "The Okafor Family Trust"
    Then "Okafor Trust" is linked to the <system> client "The Okafor Family Trust"
    When I click "Connect now" on the Add-on Connections tab of "BGL Partners"
    And I remove the name from the search bar
    Then the search lists every <system> client
    When I click Link next to "Bluegum Legal"
    Then "BGL Partners" is linked to the <system> client "Bluegum Legal"

    Examples:
      | system |
      | APS    |
      | XPM    |

  @CW-LINK-MANUAL
  Scenario Outline: Disconnect: the tab offers Connect now again and the profile has no sync (<system>)
    Given the <system> Add-on is activated by a Firm Administrator
    And Connectworks has the profile "Harbour Bakery Pty Ltd" with:
      | Field   | Value                  |
      | Website | https://harbour.test   |
    When I click "Connect now" on the Add-on Connections tab of "Harbour Bakery Pty Ltd"
    And I click Link next to "Harbour Bakery Pty Ltd"
    And I tick "Harbour Bakery Pty Ltd" and open the Connections to add-ons section
    Then the sync button is shown
    When I click Disconnect on the Add-on Connections tab of "Harbour Bakery Pty Ltd"
    Then the Add-on Connections tab of "Harbour Bakery Pty Ltd" offers "Connect now"
    And "Harbour Bakery Pty Ltd" has no sync
    When I try to sync "Harbour Bakery Pty Ltd"
    Then the sync is refused
    And <system> has "" as the Website of "Harbour Bakery Pty Ltd"

    Examples:
      | system |
      | APS    |
      | XPM    |
