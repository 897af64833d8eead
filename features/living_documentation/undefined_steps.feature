Feature: An undefined step says which phrases would match it
  A product owner writes scenarios in the words of the step catalogue. When a
  step's wording drifts from every phrase (an article, a plural, another tense,
  a word more or less), pytest-bdd only says that no step definition matches
  it. The living documentation and the terminal report also name the three
  phrases nearest to it, with their parameters and a step that already uses
  each, so the wording can be fixed without a developer. A feature file can be
  checked the same way before it is committed (`jobscraper docs --check FEATURE`
  in this project).

  Scenario: An undefined step shows the nearest phrases on the page and in the terminal
    Given the example project has the feature file "checkout/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying by card
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted

        Scenario: Paying for a bigger basket
          Given a basket of 3 book
          When the customer pays by card
          Then the payment is accepted
      ```
    When the example project's tests run with the living documentation
    Then the step "a basket of 3 book" is undefined and suggests 3 phrases, the nearest "a basket with {count:d} books"
    And the suggestion "a basket with {count:d} books" names its parameter "count" as a "whole number" and the example "a basket with 2 books"
    And the terminal report suggests the same phrases for the step "a basket of 3 book"

  Scenario: A feature file is checked before it is committed
    Given the example project has the feature file "checkout/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying by card
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted
      ```
    And the example project has the feature file "drafts/gift_cards.feature":
      ```gherkin
      Feature: Paying with gift cards
        Scenario: Paying for a bigger basket
          Given a basket of 3 book
          When the customer pays by card
          Then the payment was accepted
      ```
    When the example project's feature file "drafts/gift_cards.feature" is checked
    Then the check fails, listing each undefined step with its nearest phrase:
      | line | step                     | nearest phrase                |
      | 3    | a basket of 3 book       | a basket with {count:d} books |
      | 5    | the payment was accepted | the payment is accepted       |
