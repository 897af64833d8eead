Feature: Every scenario and step shows what the last run proved
  A product owner reads the living documentation to learn what the product does
  **today**, not what was once planned. So every scenario, and every step in it,
  shows the outcome of the last run:

  - *passed*: the behaviour holds;
  - *failed*, with the error, so the team sees what broke and where;
  - *skipped*, with the reason, so nobody mistakes a skip for a pass;
  - *undefined*, when nobody has automated the phrase yet;
  - *not run*, when the run stopped before it or left it out.

  pytest-bdd's own Cucumber JSON report drops the steps that never ran; this
  document keeps every step of every scenario.

  Background:
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

        Scenario: Paying with a gift voucher
          Given a basket with 2 books
          When the customer pays with a gift voucher
          Then the payment is accepted

        @real_model
        Scenario: Advising on the cheapest way to pay
          Given a basket with 2 books
          When the customer asks for payment advice
          Then the payment is accepted
      ```

  Scenario: A passing and a failing scenario show their step statuses
    When the example project's tests run with the living documentation
    Then the scenario "Paying by card" shows as "passed" with steps:
      | step                           | status |
      | a basket with 2 books          | passed |
      | the customer pays by card      | passed |
      | the payment is accepted        | passed |
    And the scenario "Paying with an expired card" shows as "failed" with steps:
      | step                                | status  |
      | a basket with 2 books               | passed  |
      | the customer pays with an expired card | failed  |
      | the payment is accepted             | not run |
    And the step "the customer pays with an expired card" shows the message "The card has expired"

  Scenario: An undefined step shows as undefined and the rest as not run
    When the example project's tests run with the living documentation
    Then the scenario "Paying with a gift voucher" shows as "undefined" with steps:
      | step                               | status    |
      | a basket with 2 books              | passed    |
      | the customer pays with a gift voucher | undefined |
      | the payment is accepted            | not run   |

  Scenario: A skipped scenario shows the reason it was skipped
    When the example project's tests run with the living documentation
    Then the scenario "Advising on the cheapest way to pay" shows as "skipped"
    And the scenario "Advising on the cheapest way to pay" shows the reason "needs a real model's judgement"

  Scenario: Scenarios left out of a selection show as not run
    When only the example project's scenarios matching "card" run with the living documentation
    Then the scenario "Paying by card" shows as "passed"
    And the scenario "Paying with a gift voucher" shows as "not run"
    And the scenario "Advising on the cheapest way to pay" shows as "not run"
