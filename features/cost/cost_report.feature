Feature: The cost report of a run
  Every model call is recorded with its route, tokens and cost, so the local
  processing rate and the monthly cost are facts about real runs, not
  estimates. A structured page counts as processed locally; a page is counted
  once, however many calls it took. Cloud calls are priced from a maintained
  price list (gpt-4o-mini: $0.15 per million prompt tokens, $0.60 per million
  output tokens), which a setting can override.

  Background:
    Given a finished run whose pages were processed like this:
      | route      | pages | prompt tokens | output tokens |
      | structured | 40    |               |               |
      | local      | 58    | 3,000         | 300           |
      | cloud      | 2     | 12,000        | 500           |

  Scenario: The report shows the local processing rate, the spend and the projection
    When the cost report of the run is shown
    Then the report shows a local processing rate of 98.0%
    And the report shows a cloud spend of $0.0042
    And the report projects $0.42 for 10,000 jobs a month

  Scenario Outline: The report projects the run's costs to another monthly volume
    When the cost report of the run is shown for <jobs> jobs a month
    Then the report projects <projection> for <jobs> jobs a month
    And the report shows a cloud spend of $0.0042

    Examples:
      | jobs   | projection |
      | 1,000  | $0.04      |
      | 50,000 | $2.10      |

  Scenario: The report shows how many pages needed a model at all
    When the cost report of the run is shown
    Then 60 of the 100 pages needed a model

  Scenario: The report warns when the projection is over the budget
    Given a monthly budget of $0.25
    When the cost report of the run is shown
    Then the report warns that the projection is over budget
