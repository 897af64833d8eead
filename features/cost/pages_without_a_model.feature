Feature: Pages read without a model cost nothing
  A page read exactly - from its structured data, or from a hiring platform's feed or
  page structure - needs no model and costs nothing. The cost report counts such pages
  as processed locally and says how many pages needed a model at all, so the share of
  work that reaches a model is a fact of every run.

  Scenario: A career site read from its platform's feed is processed locally without a model
    Given a finished scrape of the career page of "Tidewater Analytics"
    When the cost report of the run is shown
    Then the report shows a local processing rate of 100.0%
    And 0 of the 3 pages needed a model
