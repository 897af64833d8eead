Feature: Screenshots and measurements appear under their scenario
  A passing step proves little to a reader who cannot see what happened. Step
  definitions can attach evidence to the scenario they run in: screenshots of
  the dashboard, text such as a response body, and measured numbers such as a
  latency or a cost. The living documentation shows them under the step that
  attached them; a tiny image is scaled up so that it can be seen.

  Scenario: A screenshot, a text and a metric appear under the scenario
    Given the example project has the feature file "checkout/receipt.feature":
      ```gherkin
      Feature: Receipts
        Scenario: Printing a receipt
          Given a basket with 2 books
          When the customer prints the receipt
          Then the payment is accepted
      ```
    When the example project's tests run with the living documentation
    Then the scenario "Printing a receipt" shows the screenshot "Printed receipt"
    And the scenario "Printing a receipt" shows the text "Receipt body" reading "Total: 24.00"
    And the scenario "Printing a receipt" shows the metric "print time" of 42 "ms"
    And the screenshot "Printed receipt" is shown large enough to see, though it is 8 pixels wide
