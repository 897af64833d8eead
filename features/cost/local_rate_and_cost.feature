Feature: Local processing keeps the model bill small
  The scraper is worth running only if it is cheap: structured data and local
  models cost nothing per page, the cloud is paid by the token. The original
  specification promises that at least 98 % of pages are processed without a
  paid model and that 10,000 jobs a month cost at most $2.50. Its own size
  distribution puts only 95 % of raw pages under the threshold: pruning the
  pages' boilerplate is what closes the gap. The cost report shows the local
  processing rate, the spend and the projection to a month, and warns when
  the projection is over the budget.

  Background:
    Given 100 career pages sized like the original specification's mix:
      | raw tokens from | raw tokens to | share |
      | 600             | 1,999         | 45    |
      | 2,000           | 4,999         | 35    |
      | 5,000           | 7,999         | 15    |
      | 8,000           | 15,999        | 4     |
      | 16,000          | 24,000        | 1     |

  Rule: At least 98 % of pages are processed locally

    Scenario: Pruning lifts a realistic mix to a local processing rate of 98 % or more
      When the pages are routed
      Then at least 98% of the pages are processed locally
      And without pruning only 95% of them would have fitted the threshold

  Rule: 10,000 jobs a month cost at most $2.50

    Scenario: The monthly projection of a realistic mix stays within $2.50
      When the monthly cost of these pages is projected for 10,000 jobs
      Then the projected monthly cost is at most $2.50
      And no budget warning is shown

    Scenario: A projection over the budget shows a warning
      Given a monthly budget of $0.10
      When the monthly cost of these pages is projected for 10,000 jobs
      Then a budget warning is shown
