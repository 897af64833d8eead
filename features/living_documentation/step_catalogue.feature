Feature: The step catalogue lists every phrase a scenario can use
  A product owner writes a new scenario from phrases that are already automated,
  so it runs without new code. The step catalogue is the dictionary of those
  phrases: each step definition's phrase with its parameters highlighted, its
  explanation, and the scenarios that use it. Phrases no scenario uses are
  flagged, so the vocabulary stays small and alive.

  Background:
    Given the example project has the feature file "checkout/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying by card
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted
      ```

  Scenario: The catalogue lists every step definition with its parameters and usage
    When the example project's tests run with the living documentation
    Then the step catalogue lists every step definition of the example project
    And the step catalogue shows the phrase "a basket with {count:d} books" with the parameter "count"
    And the step catalogue shows the phrase "the customer pays by card" as used by "checkout/paying.feature"

  Scenario: Phrases no scenario uses are flagged as unused
    When the example project's tests run with the living documentation
    Then the step catalogue flags the phrase "the customer receives a loyalty voucher" as unused
    And the step catalogue does not flag the phrase "the payment is accepted" as unused
