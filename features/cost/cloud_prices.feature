Feature: The cloud model's price sets the monthly bill
  Pages above the token threshold are sent to a paid cloud model, so the monthly bill
  depends on which cloud model is chosen and what it costs. A product owner compares
  models before switching, and enters a negotiated price where the public price list
  does not apply, to see whether the projection stays within the budget.

  Background:
    Given 20 career pages sized like this:
      | raw tokens from | raw tokens to | share |
      | 2,000           | 4,999         | 90    |
      | 16,000          | 24,000        | 10    |

  Rule: The projection prices the cloud pages with the chosen model

    Scenario Outline: Another cloud model changes the projection
      Given the cloud model is "<model>"
      When the monthly cost of these pages is projected for 10,000 jobs
      Then the report projects <projection> for 10,000 jobs a month
      And at least 90% of the pages are processed locally

      Examples:
        | model        | projection |
        | gpt-4o-mini  | $2.59      |
        | gpt-4.1-mini | $6.90      |
        | gpt-4o       | $43.12     |

  Rule: A price entered for the cloud model replaces the price list

    Scenario: A negotiated price brings the projection within the budget
      Given the cloud model costs $0.05 per million prompt tokens and $0.20 per million output tokens
      And a monthly budget of $2.50
      When the monthly cost of these pages is projected for 10,000 jobs
      Then the projected monthly cost is at most $1
      And no budget warning is shown

    Scenario: A price entered before the cloud model is chosen is that model's price
      Given the cloud model costs $0.05 per million prompt tokens and $0.20 per million output tokens
      And the cloud model is "gpt-4o"
      When the monthly cost of these pages is projected for 10,000 jobs
      Then the projected monthly cost is at most $1
