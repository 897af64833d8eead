Feature: The living documentation remembers the last runs
  A review starts from what changed. With a history folder the living
  documentation keeps each run's results, so every scenario shows its last
  runs' outcomes and durations and the trend of the numbers it records (a
  latency, a cost), and the scenarios that are new or whose steps changed since
  the previous run are marked, with the lines that changed. The page is still
  one offline file, in any pytest-bdd project, with or without parallel workers.

  Scenario: A scenario shows its last runs' outcomes, durations and the trend of its metric
    Given the example project has the feature file "checkout/card_reader.feature":
      ```gherkin
      Feature: Paying at the counter
        Scenario: Paying with a flaky card reader
          Given a basket with 2 books
          When the customer pays with a flaky card reader
          Then the payment is accepted
      ```
    When the example project's tests run 3 times, keeping the living documentation's history
    Then the scenario "Paying with a flaky card reader" shows its last runs, each with its duration:
      | run      | outcome | reader latency |
      | run 1    | passed  | 45             |
      | run 2    | failed  | 50             |
      | this run | passed  | 55             |
    And the scenario "Paying with a flaky card reader" draws the trend of its "reader latency" over 3 runs

  Scenario: Scenarios new or changed since the previous run are marked
    Given the example project's previous run documented the feature file "checkout/paying.feature":
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
      ```
    And the example project has the feature file "checkout/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying by card
          Given a basket with 3 books
          When the customer pays by card
          Then the payment is accepted

        Scenario: Paying with an expired card
          Given a basket with 2 books
          When the customer pays with an expired card
          Then the payment is accepted

        Scenario: Paying with a spring voucher
          Given a basket with 2 books
          When the customer pays with the voucher code SPRING-10
          Then the payment is accepted
      ```
    When the example project's tests run again on 2 parallel workers, keeping the history
    Then the scenario "Paying by card" is marked "changed", showing "a basket with 2 books" now reads "a basket with 3 books"
    And the scenario "Paying with a spring voucher" is marked "new"
    And the scenario "Paying with an expired card" is not marked, with 2 runs in its history
