Feature: Cucumber's own report tools can read the run
  Teams already have dashboards fed by Cucumber: its HTML report, report
  services, their own scripts. They read Cucumber Messages, a stream of JSON
  messages with a published schema. Asked to, the living documentation also
  writes the run in that format, so its results go where the team already
  looks, however many workers ran it.

  Scenario: The run is written as Cucumber Messages that the official schema accepts
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

        Scenario: Printing a receipt
          Given a basket with 2 books
          When the customer prints the receipt
          Then the payment is accepted

        @real_model
        Scenario: Advising on the cheapest way to pay
          Given a basket with 2 books
          When the customer asks for payment advice
          Then the payment is accepted
      ```
    When the example project's tests run on 2 parallel workers, also writing Cucumber Messages
    Then every message the run wrote is valid against the Cucumber Messages schema
    And the Cucumber Messages report the test cases:
      | scenario                            | status    |
      | Paying by card                      | PASSED    |
      | Paying with an expired card         | FAILED    |
      | Paying with a gift voucher          | UNDEFINED |
      | Printing a receipt                  | PASSED    |
      | Advising on the cheapest way to pay | SKIPPED   |
    And the Cucumber Messages attach the screenshot "Printed receipt" to the step "the customer prints the receipt"
