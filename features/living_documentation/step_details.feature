Feature: Each step shows what its phrase gave it and how long it took
  A step's phrase carries values ("a basket with 2 books"): the living
  documentation shows each value the step received by its parameter's name, so
  a reader sees what was really checked. Fixtures the step also received (a
  database, a browser page) are not part of the phrase and are never shown.
  Every step that ran, and every scenario, shows its duration, however short.

  Scenario: A step shows the values of its phrase's parameters, never its fixtures
    Given the example project has the feature file "checkout/vouchers.feature":
      ```gherkin
      Feature: Paying with vouchers
        Scenario: Paying with a spring voucher
          Given a basket with 2 books
          When the customer pays with the voucher code SPRING-10
          Then the payment is accepted
      ```
    When the example project's tests run with the living documentation
    Then the step "a basket with 2 books" shows the parameters:
      | parameter | value |
      | count     | 2     |
    And the step "the customer pays with the voucher code SPRING-10" shows the parameters:
      | parameter | value     |
      | code      | SPRING-10 |
    And the scenario "Paying with a spring voucher" shows how long it and each of its steps took
