@profile-clients-oneway
Feature: Manual, one-way client sync from PM Hub to XPM

  Background:
    Given PM Hub is connected to XPM

  @PH-MANUAL
  Scenario: Nothing reaches XPM until Sync is pressed, and Sync pushes that client only
    Given I note what the remotes have received so far
    When I add client "Ivy Florist" with email "ivy@florist.test" in PM Hub
    And I add client "Juniper Cafe" with email "hi@juniper.test" in PM Hub
    And 120 minutes pass
    Then XPM received no writes since then
    And XPM has no client "Ivy Florist"
    When I press Sync for "Ivy Florist"
    Then the sync succeeds
    And XPM has client "Ivy Florist" with email "ivy@florist.test"
    And XPM has no client "Juniper Cafe"

  @PH-ONEWAY
  Scenario: An edit made directly in XPM never changes the PM Hub record
    Given PM Hub has client "Kauri Builders" with email "office@kauri.test"
    And I press Sync for "Kauri Builders"
    When someone changes the email of "Kauri Builders" to "xpm-edit@kauri.test" directly in XPM
    And I press Sync for "Kauri Builders"
    Then the sync succeeds
    And PM Hub still shows email "office@kauri.test" for "Kauri Builders"
    And XPM has client "Kauri Builders" with email "office@kauri.test"

  @PH-DELETE
  Scenario: Deleting a client in PM Hub leaves the XPM record as it was
    Given PM Hub has client "Larch Motors" with email "sales@larch.test"
    And I press Sync for "Larch Motors"
    And I note what the remotes have received so far
    When I delete "Larch Motors" in PM Hub
    Then XPM received no writes since then
    And XPM has client "Larch Motors" with email "sales@larch.test"
