Feature: A failed check is counted apart from a broken suite
  A red scenario means one of two things. Either the product did not do what the
  scenario says (an assertion failed: a product owner's concern), or the suite
  could not check it at all (an exception in a step, a fixture that is missing,
  a timeout: the test team's concern). The living documentation sorts every
  failure into one of the two, counts each in its header and filters by them;
  the status stays "failed" for both.

  Scenario: An assertion failure and a broken step are counted apart
    Given the example project has the feature file "pricing/taxes.feature":
      ```gherkin
      Feature: Taxes on an order
        Scenario: Paying tax in Japan
          When the customer in Japan pays by card
          Then the receipt reads
            """
            Total: 99.00
            """

        Scenario: Paying through the payment gateway
          Given a basket with 2 books
          When the customer pays through the payment gateway
          Then the payment is accepted
      ```
    When the example project's tests run with the living documentation
    Then the scenario "Paying tax in Japan" is failed and counted as "assertion failed"
    And the scenario "Paying through the payment gateway" is failed and counted as "broken"
    And the page counts 1 scenario with an assertion failed and 1 broken
