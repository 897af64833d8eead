Feature: Features and tests that share a name are told apart
  Two teams may both write a feature called "Paying for an order", and one
  scenario may be run by two test modules. The living documentation never lets
  one hide the other: the sidebar adds each feature's path where names repeat,
  and a scenario names every test that ran it.

  Scenario: Two features with one name show their paths in the sidebar
    Given the example project has the feature file "checkout/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying by card
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted
      ```
    And the example project has the feature file "gifts/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying for a gift by card
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted
      ```
    When the example project's tests run with the living documentation
    Then the sidebar lists the features named "Paying for an order" with their paths:
      | path                             |
      | features/checkout/paying.feature |
      | features/gifts/paying.feature    |

  Scenario: A scenario run by two test modules names both tests
    Given the example project has the feature file "checkout/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying by card
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted
      ```
    And the example project binds its features from a second test module too
    When the example project's tests run with the living documentation
    Then the scenario "Paying by card" names the tests:
      | test                                       |
      | test_examples.py::test_paying_by_card      |
      | test_more_examples.py::test_paying_by_card |
