Feature: The living documentation can be written without running anything
  Product owners review new features before any code exists, and a laptop
  without the test infrastructure should still produce the document. The feature
  files alone give the whole document, with every scenario "not run"; given the
  step modules, it also carries the step catalogue. The page is one file that
  works offline: no web fonts, no scripts or styles from the network.

  Scenario: Features rendered without a run show every scenario as not run
    Given the example project has the feature file "checkout/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying by card
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted
      ```
    When the living documentation is written from the example project's features without running them
    Then the scenario "Paying by card" shows as "not run" with steps:
      | step                      | status  |
      | a basket with 2 books     | not run |
      | the customer pays by card | not run |
      | the payment is accepted   | not run |
    And the step catalogue shows the phrase "the customer pays by card" as used by "checkout/paying.feature"
    And the page loads nothing from the network
