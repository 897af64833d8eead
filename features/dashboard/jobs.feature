@dashboard @browser
Feature: Finding jobs on the dashboard
  The stored postings are the product: a user narrows them down by words,
  company, place, salary and how they were found, and the count shown must
  be the count in the database, however many postings are stored. Each
  posting shows where it came from - structured data, a job board, a local
  model tier or the cloud - with the tokens and the cost of the model call
  that produced it, which no other job tool shows. Whatever a career page
  puts in a title is shown as text, never run.

  Background:
    Given the store holds these postings:
      | title                    | company        | location | remote  | minimum salary | maximum salary | salary currency | salary interval | site      |
      | Senior Python Engineer   | ACME Robotics  | Berlin   | hybrid  | 70000          | 85000          | EUR             | year            | acme      |
      | Python Data Engineer     | Northwind Data | London   | remote  | 60000          | 65000          | GBP             | year            | linkedin  |
      | Robotics Software Intern | ACME Robotics  | Berlin   | on-site | 20             | 25             | EUR             | hour            | acme      |
      | Site Reliability Engineer | Globex AI     | Paris    | remote  | 90000          | 110000         | EUR             | year            | indeed    |

  Rule: Search and filters narrow the list, and the count agrees with the database

    Scenario Outline: Filters narrow the jobs list
      When the product owner filters the jobs on the dashboard by <filter> "<value>"
      Then the jobs list shows <count> postings
      And the jobs count shown agrees with the database

      Examples:
        | filter                | value         | count |
        | search                | python        | 2     |
        | company               | ACME Robotics | 2     |
        | location              | berlin        | 2     |
        | work arrangement      | remote        | 2     |
        | minimum annual salary | 80,000        | 2     |
        | minimum annual salary | 80k           | 2     |
        | board or site         | linkedin      | 1     |

    Scenario: Filters combine
      When the product owner filters the jobs on the dashboard by:
        | filter           | value  |
        | search           | engineer |
        | work arrangement | remote |
      Then the jobs list shows "Python Data Engineer" and "Site Reliability Engineer"
      And the jobs count shown agrees with the database

  Rule: A posting shows where it came from

    Scenario: A posting extracted by the local model shows its tier, tokens and cost
      Given a posting "Embedded Systems Engineer" of "ACME Robotics" extracted by the local model from a 1,500-token prompt with 320 output tokens
      When the product owner opens the posting "Embedded Systems Engineer" on the dashboard
      Then the posting's origin shows:
        | field         | value       |
        | route         | local model |
        | prompt tokens | 1500        |
        | output tokens | 320         |
        | cost          | $0.000000   |

  Rule: Text from career pages is shown as text

    @security
    Scenario: A title with a script in it is shown, not run
      Given a posting "<script>window.__pwned = true</script>Platform Engineer" at "https://careers.evil-markup.com/jobs/7"
      When the product owner opens the dashboard's jobs page
      Then the jobs list includes "<script>window.__pwned = true</script>Platform Engineer"
      And no script from a posting ran in the dashboard
