@profile-clients-twoway
Feature: Differences flagged in red (CW-DIFF)
  "Any fields which hold different information in Connectworks & APS/XPM will display in red."
  "Where there are differences between systems, a sync button will display."

  @CW-DIFF
  Scenario Outline: Exactly the differing fields show in red, against what <system> holds now
    Given <system> has the company client "Kestrel Accounting" with:
      | Field            | Value                                      |
      | Email            | office@kestrel.test                        |
      | Primary phone    | 02 9000 1000                               |
      | Physical address | 1 Bridge St, Sydney, NSW, 2000, Australia  |
      | Postal address   | PO Box 1, Sydney, NSW, 2001, Australia     |
    And the <system> Add-on is activated by a Firm Administrator
    And Connectworks has the profile "Kestrel Accounting" with:
      | Field            | Value                                      |
      | Email            | office@kestrel.test                        |
      | Primary phone    | 02 9000 2000                               |
      | Website          | https://kestrel.test                       |
      | Physical address | 9 Bridge St, Sydney, NSW, 2000, Australia  |
    When I click "Connect now" on the Add-on Connections tab of "Kestrel Accounting"
    And I click Link next to "Kestrel Accounting"
    And I tick "Kestrel Accounting" and open the Connections to add-ons section
    Then exactly these fields show in red: Website, Primary phone, Physical address and Postal address
    And the Email shows in grey
    And the Name shows in grey
    And the panel shows <system> Primary phone "02 9000 1000"
    And the panel shows Connectworks Primary phone "02 9000 2000"
    And the sync button is shown
    When someone changes the Primary phone of "Kestrel Accounting" to "02 9000 2000" in <system>
    And someone changes the Email of "Kestrel Accounting" to "hello@kestrel.test" in <system>
    And I click the refresh button for "Kestrel Accounting"
    Then exactly these fields show in red: Email, Website, Physical address and Postal address
    And the Primary phone shows in grey
    When someone changes the Email of "Kestrel Accounting" to "office@kestrel.test" in <system>
    And someone changes the Website of "Kestrel Accounting" to "https://kestrel.test" in <system>
    And someone changes the Physical address of "Kestrel Accounting" to "9 Bridge St, Sydney, NSW, 2000, Australia" in <system>
    And someone changes the Postal address of "Kestrel Accounting" to "" in <system>
    And I click the refresh button for "Kestrel Accounting"
    Then exactly these fields show in red: none
    And the sync button is not shown

    Examples:
      | system |
      | APS    |
      | XPM    |
