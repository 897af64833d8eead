Feature: The document says what the run ran on
  A run that fails on one machine and passes on another differs in something:
  the Python, a library's version, a setting of the suite. The living
  documentation records the run's context beside its results: the machine, the
  versions of pytest, pytest-bdd and the libraries the suite names in its
  configuration, the settings the suite chooses to report, and when the run
  started and finished.

  Scenario: The machine, the libraries and the suite's own settings appear
    Given the example project has the feature file "checkout/paying.feature":
      ```gherkin
      Feature: Paying for an order
        Scenario: Paying by card
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted
      ```
    When the example project's tests run with the living documentation
    Then the run's context names the machine's cores, Python version and platform
    And the run's context lists the installed versions of:
      | library        |
      | pytest         |
      | pytest-bdd     |
      | markdown-it-py |
    And the run's context shows the suite settings:
      | setting         | value   |
      | currency        | EUR     |
      | payment gateway | sandbox |
    And the run's context shows when the run started and finished
