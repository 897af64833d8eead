@security
Feature: Text from features and test output is shown, never executed
  The living documentation is opened by people who trust it: product owners,
  managers, auditors. Feature files, example values and error messages are
  written by many hands and can contain anything, including markup. All of it is
  shown as text; nothing from a feature file or a test can add a script, a style
  or a link to a remote site to the page.

  Scenario: A feature text containing a script tag is shown as text
    Given the example project has the feature file "checkout/hostile.feature":
      ```gherkin
      Feature: Paying <script>alert(1)</script> for an order
        Descriptions may contain <img src=x onerror=alert(1)> too.

        Scenario: Paying by card <b>now</b>
          Given a basket with 2 books
          When the customer pays by card
          Then the payment is accepted
      ```
    When the example project's tests run with the living documentation
    Then the page shows the text "Paying <script>alert(1)</script> for an order"
    And the page shows the text "Descriptions may contain <img src=x onerror=alert(1)> too."
    And the page contains no markup from the feature file
