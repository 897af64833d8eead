Feature: Everything written in Gherkin appears in the living documentation
  Product owners structure features with the whole of Gherkin: a **Background**
  for the common situation, **Rules** for the business rules, **Scenario
  Outlines** whose *Examples* tables hold the cases, data tables and doc strings
  for precise data. The living documentation must show all of it, as written,
  with each Examples row's own result: pytest-bdd's Cucumber JSON loses Rules,
  tables, doc strings and Examples tags.

  Feature descriptions (like this one) are rendered as Markdown.

  Background:
    Given the example project has the feature file "pricing/taxes.feature":
      ```gherkin
      Feature: Taxes on an order
        Prices on the receipt *always* include the buyer's tax.

        Background:
          Given a basket with 2 books

        Rule: The buyer's country decides the tax
          Scenario Outline: Tax by country
            When the customer in <country> pays by card
            Then the receipt reads
              """
              Total: <total>
              """

            @smoke
            Examples: Europe
              | country | total |
              | France  | 24.00 |
              | Germany | 23.80 |

            @boundary
            Examples: Elsewhere
              | country | total |
              | Japan   | 99.00 |

        Rule: Shipping is priced by weight
          Scenario: Shipping a parcel
            Given the parcel holds
              | item  | weight |
              | book  | 0.4 kg |
              | table | 12 kg  |
            When the customer pays by card
            Then the payment is accepted
      ```

  Scenario: Rules, Background and Markdown descriptions appear
    When the example project's tests run with the living documentation
    Then the feature "Taxes on an order" shows the rule "The buyer's country decides the tax"
    And the feature "Taxes on an order" shows the rule "Shipping is priced by weight"
    And the feature "Taxes on an order" shows a background with the step "a basket with 2 books"
    And the feature "Taxes on an order" shows "always" emphasised in its description

  Scenario: An outline shows each Examples table with its tags and each row's result
    When the example project's tests run with the living documentation
    Then the outline "Tax by country" shows the examples "Europe" tagged "@smoke" with results:
      | country | total | result |
      | France  | 24.00 | passed |
      | Germany | 23.80 | passed |
    And the outline "Tax by country" shows the examples "Elsewhere" tagged "@boundary" with results:
      | country | total | result |
      | Japan   | 99.00 | failed |

  Scenario: Data tables and doc strings appear with their steps
    When the example project's tests run with the living documentation
    Then the step "the parcel holds" shows the data table:
      | item  | weight |
      | book  | 0.4 kg |
      | table | 12 kg  |
    And the step "the receipt reads" shows the doc string "Total: <total>"
