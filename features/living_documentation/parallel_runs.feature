@concurrency
Feature: Parallel runs give the same living documentation
  The acceptance suite is slow enough that the team runs it on several workers
  with pytest-xdist. The living documentation must not depend on that choice:
  results travel with pytest's serialised reports from the workers to the
  process that writes the document. pytest-bdd's own Cucumber JSON writes an
  empty report in that case.

  Scenario: A run on two workers documents the same outcomes as a serial run
    Given the example project has the feature file "checkout/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying by card
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted

        Scenario: Paying with an expired card
          Given a basket with 2 books
          When the customer pays with an expired card
          Then the payment is accepted

        Scenario Outline: Tax by country
          When the customer in <country> pays by card
          Then the payment is accepted

          Examples:
            | country |
            | France  |
            | Japan   |
      ```
    When the example project's tests run once serially and once on 2 parallel workers
    Then both runs give the same living documentation apart from timings
    And the scenario "Paying with an expired card" shows as "failed"

  Scenario: Each scenario names the worker that ran it, on a timeline of the workers
    Given the example project has the feature file "checkout/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying by card
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted

        Scenario: Paying with a noisy card reader
          Given a basket with 2 books
          When the customer pays with a noisy card reader
          Then the payment is accepted

        Scenario Outline: Tax by country
          When the customer in <country> pays by card
          Then the payment is accepted

          Examples:
            | country |
            | France  |
            | Japan   |
      ```
    When the example project's tests run on 2 parallel workers with the living documentation
    Then every scenario names the worker that ran it, one of "gw0" and "gw1"
    And the run's timeline shows one lane per worker with the scenarios it ran
