@profile-clients-twoway
Feature: Imported profiles are linked automatically (CW-LINK-AUTO)
  "This will happen automatically for all individual profiles (and trusts from XPM) that are
  imported into Connectworks. For all other profiles, they must be manually linked."

  @CW-LINK-AUTO
  Scenario Outline: Individuals imported from <system> are linked without any action, once
    Given <system> has the individual client "Olivia Grant" with:
      | Field            | Value                                     |
      | Email            | olivia@grant.test                         |
      | Physical address | 4 Pitt St, Sydney, NSW, 2000, Australia   |
    And <system> has the company client "Grant Constructions Pty Ltd"
    And the <system> Add-on is activated by a Firm Administrator
    When I import client profiles from <system>
    Then the profile "Olivia Grant" was imported and is linked to the <system> client without any action from me
    And Connectworks shows "4 Pitt St, Sydney, NSW, 2000, Australia" as the Physical address of "Olivia Grant"
    And no profile was imported for "Grant Constructions Pty Ltd"
    When I run the import from <system> a second time
    Then the second import brings in no second copy
    When I tick "Olivia Grant" and open the Connections to add-ons section
    Then exactly these fields show in red: none
    And the sync button is not shown

    Examples:
      | system |
      | APS    |
      | XPM    |

  @CW-LINK-AUTO
  Scenario: Trusts come in from XPM linked; from APS they are linked by hand
    Given XPM has the trust client "Grant Family Trust"
    And APS has the trust client "Grant Super Trust"
    And the XPM Add-on is activated by a Firm Administrator
    And the APS Add-on is activated by a Firm Administrator
    When I import client profiles from XPM
    Then the profile "Grant Family Trust" was imported and is linked to the XPM client without any action from me
    When I import client profiles from APS
    Then no profile was imported for "Grant Super Trust"
