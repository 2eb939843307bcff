@profile-clients-oneway
Feature: Connecting, reconnecting and disconnecting PM Hub and XPM
  PM Hub FAQ: "Reconnection does not automatically synchronise any data."

  Background:
    Given PM Hub has client "Harbour Dental" with email "admin@harbour.test"
    And PM Hub is connected to XPM
    And the PM Hub integration setting "default_manager" is "Jo Smith"
    And I press Sync for "Harbour Dental"

  @PH-EXPIRE
  Scenario: Access revoked in XPM: a clear reconnect message, then a reconnect that syncs nothing
    Given access to the practice is revoked in XPM
    And I change the email of "Harbour Dental" to "accounts@harbour.test" in PM Hub
    When I press Sync for "Harbour Dental"
    Then the sync fails with a message that says "Reconnect"
    And XPM has client "Harbour Dental" with email "admin@harbour.test"
    When I note the connection details
    And 5 minutes pass
    And I note what the remotes have received so far
    And I reconnect: connect to XPM, log in as an authorised administrator and grant the XPM organisation
    Then the connection status is "Connected"
    And "Connected Since" has moved on and the integration settings are unchanged
    And XPM received no writes since then
    And XPM has client "Harbour Dental" with email "admin@harbour.test"
    When I press Sync for "Harbour Dental"
    Then the sync succeeds
    And XPM has client "Harbour Dental" with email "accounts@harbour.test"

  @PH-EXPIRE @XX-TOKEN
  Scenario: Authorisation expired after 61 days unused: reconnect, then the manual sync succeeds
    Given 61 days pass
    And I change the email of "Harbour Dental" to "hello@harbour.test" in PM Hub
    When I press Sync for "Harbour Dental"
    Then the sync fails with a message that says "Reconnect"
    When I note the connection details
    And I reconnect: connect to XPM, log in as an authorised administrator and grant the XPM organisation
    Then the connection status is "Connected"
    And "Connected Since" has moved on and the integration settings are unchanged
    When I press Sync for "Harbour Dental"
    Then the sync succeeds
    And XPM has client "Harbour Dental" with email "hello@harbour.test"

  @PH-DISCONNECT
  Scenario: After disconnecting, sync is refused, XPM keeps its data and the activity log stays readable
    When I disconnect PM Hub from XPM and confirm
    Then the connection status is "Disconnected"
    When I change the email of "Harbour Dental" to "new@harbour.test" in PM Hub
    And I note what the remotes have received so far
    And I press Sync for "Harbour Dental"
    Then the sync fails with a message that says "disconnected"
    And XPM received no writes since then
    And XPM has client "Harbour Dental" with email "admin@harbour.test"
    And the activity log is readable and records "Disconnected from Xero Practice Manager"
    And the activity log is readable and records "Harbour Dental synced"
