@dashboard @browser
Feature: Models and costs on the dashboard
  Whoever pays for the scraper wants to see, on one page, which local model
  is loaded, the threshold that keeps prompts local, how many pages were
  processed without the cloud and what the cloud cost, and to be warned
  before the month's projection reaches the budget rather than after.

  Rule: The page shows the model in use and the rules in force

    @slow @vllm
    Scenario: The loaded model, the threshold and the tiers are shown
      Given the local models are installed
      And the model for short pages is loaded
      And the token threshold is 6,000
      When the product owner opens the dashboard's models and costs page
      Then the dashboard shows the model for short pages as loaded, with its load time
      And the dashboard shows a token threshold of 6,000

  Rule: The figures are those of the recorded model calls

    Scenario: The local processing rate and the spend of the stored calls are shown
      Given a finished run whose pages were processed like this:
        | route      | pages | prompt tokens | output tokens |
        | structured | 15    | 0             | 0             |
        | local      | 4     | 3,000         | 400           |
        | cloud      | 1     | 12,000        | 600           |
      When the product owner opens the dashboard's models and costs page
      Then the dashboard shows a local processing rate of 95.0%
      And the dashboard shows 1 page sent to the cloud

  Rule: The budget warns at 80% and alarms above 100%

    Scenario Outline: The budget state follows the projection
      Given a finished run whose pages were processed like this:
        | route | pages | prompt tokens | output tokens |
        | cloud | 100   | 12,000        | 600           |
      And a monthly budget of <budget>
      When the product owner opens the dashboard's models and costs page
      Then the dashboard flags the budget as <state>

      Examples:
        | budget  | state         |
        | $100.00 | within budget |
        | $25.00  | near budget   |
        | $10.00  | over budget   |
