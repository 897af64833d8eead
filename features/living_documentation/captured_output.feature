Feature: What a scenario printed and logged is shown under it
  When a scenario fails, the first question of whoever keeps the suite green is
  what the code said while it ran. pytest already captures each scenario's
  standard output, its error output and its log records; the living
  documentation keeps them with the scenario, folded away while it passes and
  unfolded when it fails. Output longer than the page should carry is cut from
  the middle, and the page says so.

  Scenario: Printed lines, error lines and log records appear under their scenario
    Given the example project has the feature file "checkout/card_reader.feature":
      ```gherkin
      Feature: Paying at the counter
        Scenario: Paying with a noisy card reader
          Given a basket with 2 books
          When the customer pays with a noisy card reader
          Then the payment is accepted
      ```
    When the example project's tests run with the living documentation
    Then the scenario "Paying with a noisy card reader" shows its "stdout" reading "card reader: connected"
    And the scenario "Paying with a noisy card reader" shows its "stderr" reading "card reader: weak signal"
    And the scenario "Paying with a noisy card reader" shows its "log" reading "card reader retried 2 times"

  Scenario: A failed scenario shows its output unfolded, cut when it is long
    Given the example project has the feature file "checkout/card_reader.feature":
      ```gherkin
      Feature: Paying at the counter
        Scenario: Paying with a chatty card reader
          Given a basket with 2 books
          When the customer pays with a chatty card reader
          Then the payment is accepted
      ```
    When the example project's tests run with the living documentation
    Then the scenario "Paying with a chatty card reader" shows its captured output unfolded
    And the scenario "Paying with a chatty card reader" says its "stdout" was cut, keeping "still waiting (1999)"
