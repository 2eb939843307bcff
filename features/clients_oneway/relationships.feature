@profile-clients-oneway
Feature: Client-to-client relationships sync only for valid, configured association types

  Background:
    Given PM Hub is connected to XPM
    And PM Hub has client "Maple Family Trust" with email "trust@maple.test"
    And PM Hub has client "Nora Maple" with email "nora@maple.test"
    And I press Sync for "Maple Family Trust"

  @PH-REL
  Scenario: A configured, valid association type syncs as an XPM relationship
    Given the PM Hub association type "Trustee of" is configured as the XPM relationship "Trustee"
    And "Nora Maple" is "Trustee of" of "Maple Family Trust" in PM Hub
    When I press Sync for "Nora Maple"
    Then the sync succeeds
    And XPM shows "Nora Maple" as "Trustee" related to "Maple Family Trust"

  @PH-REL
  Scenario: An unconfigured association is skipped with a reason, the client still syncs, and a re-sync adds it
    Given "Nora Maple" is "Settlor of" of "Maple Family Trust" in PM Hub
    When I press Sync for "Nora Maple"
    Then the sync succeeds
    And XPM has client "Nora Maple" with email "nora@maple.test"
    And XPM shows no relationship for "Nora Maple"
    And the relationship of "Nora Maple" is skipped with a reason mentioning "not configured"
    When I configure the PM Hub association type "Settlor of" as the XPM relationship "Settlor"
    And I press Sync for "Nora Maple"
    Then XPM shows "Nora Maple" as "Settlor" related to "Maple Family Trust"

  @PH-REL
  Scenario: An association type mapped to a relationship XPM does not have is skipped, the client still syncs
    Given the PM Hub association type "Grandparent of" is configured as the XPM relationship "Grandparent"
    And "Nora Maple" is "Grandparent of" of "Maple Family Trust" in PM Hub
    When I press Sync for "Nora Maple"
    Then the sync succeeds
    And XPM has client "Nora Maple" with email "nora@maple.test"
    And XPM shows no relationship for "Nora Maple"
    And the relationship of "Nora Maple" is skipped with a reason mentioning "XPM rejected"
    When I configure the PM Hub association type "Grandparent of" as the XPM relationship "Associate"
    And I press Sync for "Nora Maple"
    Then XPM shows "Nora Maple" as "Associate" related to "Maple Family Trust"
