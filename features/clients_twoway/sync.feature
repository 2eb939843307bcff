@profile-clients-twoway
Feature: Ticked fields pushed in their chosen direction (CW-SYNC)
  "Select the tick boxes for the pieces of information which are correct and you wish to push from
  one system to the other. ... You can pick and choose which items to push in which direction, and
  apply changes in both directions simultaneously." "After synchronising the titles for the resolved
  differences will return to grey and the sync button will no longer appear."

  @CW-SYNC
  Scenario: APS example: fill blank Connectworks fields from APS, and the website from Connectworks to APS
    Given APS has the individual client "Ruby Walsh" with:
      | Field            | Value                                        |
      | Primary phone    | 0422 333 444                                 |
      | Physical address | 7 Ocean Rd, Manly, NSW, 2095, Australia      |
      | Postal address   | PO Box 77, Manly, NSW, 1655, Australia       |
    And the APS Add-on is activated by a Firm Administrator
    And Connectworks has the profile "Ruby Walsh" with:
      | Field   | Value                  |
      | Website | https://rubywalsh.test |
    When I click "Connect now" on the Add-on Connections tab of "Ruby Walsh"
    And I click Link next to "Ruby Walsh"
    And I tick "Ruby Walsh" and open the Connections to add-ons section
    Then exactly these fields show in red: Website, Primary phone, Physical address and Postal address
    When I tick Primary phone and push it to Connectworks
    And I tick Physical address and push it to Connectworks
    And I tick Postal address and push it to Connectworks
    And I tick Website and push it to APS
    And I click Sync
    Then Connectworks shows "0422 333 444" as the Primary phone of "Ruby Walsh"
    And Connectworks shows "7 Ocean Rd, Manly, NSW, 2095, Australia" as the Physical address of "Ruby Walsh"
    And Connectworks shows "PO Box 77, Manly, NSW, 1655, Australia" as the Postal address of "Ruby Walsh"
    And APS has "https://rubywalsh.test" as the Website of "Ruby Walsh"
    And APS has "0422 333 444" as the Primary phone of "Ruby Walsh"
    And exactly these fields show in red: none
    And the sync button is no longer shown

  @CW-SYNC
  Scenario Outline: <system>: both directions in one sync; unticked fields stay as they are
    Given <system> has the company client "Wattle Dental" with:
      | Field         | Value               |
      | Email         | admin@wattle.test   |
      | Primary phone | 03 8000 1111        |
      | Other phone   | 03 8000 9999        |
    And the <system> Add-on is activated by a Firm Administrator
    And Connectworks has the profile "Wattle Dental" with:
      | Field         | Value                  |
      | Email         | reception@wattle.test  |
      | Primary phone | 03 8000 2222           |
      | Other phone   | 03 8000 3333           |
      | Website       | https://wattle.test    |
    When I click "Connect now" on the Add-on Connections tab of "Wattle Dental"
    And I click Link next to "Wattle Dental"
    And I tick "Wattle Dental" and open the Connections to add-ons section
    Then exactly these fields show in red: Email, Primary phone, Other phone and Website
    When I tick Website and push it to <system>
    And I tick Other phone and push it to <system>
    And I tick Primary phone and push it to Connectworks
    And I click Sync
    Then <system> has "https://wattle.test" as the Website of "Wattle Dental"
    And <system> has "03 8000 3333" as the Other phone of "Wattle Dental"
    And <system> has "03 8000 1111" as the Primary phone of "Wattle Dental"
    And Connectworks shows "03 8000 1111" as the Primary phone of "Wattle Dental"
    And <system> has "admin@wattle.test" as the Email of "Wattle Dental"
    And Connectworks shows "reception@wattle.test" as the Email of "Wattle Dental"
    And exactly these fields show in red: Email
    And the sync button is shown
    When I tick Email and push it to Connectworks
    And I click Sync
    Then Connectworks shows "admin@wattle.test" as the Email of "Wattle Dental"
    And <system> has "admin@wattle.test" as the Email of "Wattle Dental"
    And exactly these fields show in red: none
    And the sync button is no longer shown

    Examples:
      | system |
      | APS    |
      | XPM    |

  @CW-SYNC @CW-DIFF
  Scenario Outline: <system> changed since the panel was read: the sync works on what <system> holds now
    Given <system> has the company client "Lyrebird Studio" with:
      | Field   | Value                  |
      | Website | https://old.lyrebird.test |
    And the <system> Add-on is activated by a Firm Administrator
    And Connectworks has the profile "Lyrebird Studio" with:
      | Field         | Value                      |
      | Website       | https://lyrebird.test      |
    When I click "Connect now" on the Add-on Connections tab of "Lyrebird Studio"
    And I click Link next to "Lyrebird Studio"
    And I tick "Lyrebird Studio" and open the Connections to add-ons section
    And someone changes the Primary phone of "Lyrebird Studio" to "07 3000 4444" in <system>
    And I tick Website and push it to <system>
    And I click Sync
    Then <system> has "https://lyrebird.test" as the Website of "Lyrebird Studio"
    And <system> has "07 3000 4444" as the Primary phone of "Lyrebird Studio"
    And Connectworks shows "" as the Primary phone of "Lyrebird Studio"
    And exactly these fields show in red: Primary phone
    And the sync button is shown

    Examples:
      | system |
      | APS    |
      | XPM    |

  @CW-SYNC @CW-DIFF
  Scenario Outline: <system> changed after the panel was read: a field pulled to Connectworks takes what <system> holds now, sync after sync
    Given <system> has the company client "Quoll Media" with:
      | Field         | Value            |
      | Email         | old@quoll.test   |
      | Primary phone | 02 1111 0000     |
    And the <system> Add-on is activated by a Firm Administrator
    And Connectworks has the profile "Quoll Media" with:
      | Field   | Value              |
      | Email   | office@quoll.test  |
    When I click "Connect now" on the Add-on Connections tab of "Quoll Media"
    And I click Link next to "Quoll Media"
    And I tick "Quoll Media" and open the Connections to add-ons section
    And someone changes the Email of "Quoll Media" to "new@quoll.test" in <system>
    And I tick Email and push it to Connectworks
    And I tick Primary phone and push it to Connectworks
    And I click Sync
    Then Connectworks shows "new@quoll.test" as the Email of "Quoll Media"
    And Connectworks shows "02 1111 0000" as the Primary phone of "Quoll Media"
    And <system> has "new@quoll.test" as the Email of "Quoll Media"
    And exactly these fields show in red: none
    When someone changes the Primary phone of "Quoll Media" to "02 2222 0000" in <system>
    And I click the refresh button for "Quoll Media"
    Then exactly these fields show in red: Primary phone
    When someone changes the Primary phone of "Quoll Media" to "02 3333 0000" in <system>
    And I tick Primary phone and push it to Connectworks
    And I click Sync
    Then Connectworks shows "02 3333 0000" as the Primary phone of "Quoll Media"
    And <system> has "02 3333 0000" as the Primary phone of "Quoll Media"
    And <system> has "new@quoll.test" as the Email of "Quoll Media"
    And exactly these fields show in red: none
    And the sync button is no longer shown

    Examples:
      | system |
      | APS    |
      | XPM    |
