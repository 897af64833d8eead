Feature: Postings from job boards
  Many companies publish only on job boards. A job-board search ("python
  developer in Berlin") runs on each board the user picks, and every posting
  remembers which board it came from. A job that a board lists with a link to
  the company's own posting is the same job as on the career site: it is
  stored once.

  Rule: A search runs on every board asked for

    Scenario: A search on two boards stores the postings of both, with their board
      Given a job-board search for "python developer in Berlin" on LinkedIn and Indeed
      When the sources are scraped
      Then the source "python developer in Berlin" is reported as successful
      And the postings found on LinkedIn and Indeed are stored with the board they came from

    Scenario: A search without boards named runs on LinkedIn and Indeed
      Given a job-board search for "python developer in Berlin"
      When the sources are scraped
      Then the postings found on LinkedIn and Indeed are stored with the board they came from
      And 6 postings are stored

    Scenario: A search on one board leaves the other board alone
      Given a job-board search for "python developer in Berlin" on Indeed
      When the sources are scraped
      Then the postings found on Indeed are stored with the board they came from
      And nothing was fetched from "www.linkedin.com"

    @slow
    Scenario: Two searches in one background run keep to their own boards
      Given a job-board search for "python developer in Berlin" on Indeed
      And a job-board search for "django developer in Berlin" on LinkedIn
      And a background worker is running
      When a background run over these job-board searches is started
      Then the postings found on Indeed are stored with the board they came from
      And the postings found on LinkedIn are stored with the board they came from

    Scenario: Each board is asked for no more results than wanted
      Given a job-board search for "python developer in Berlin" on LinkedIn and Indeed
      And each job board is asked for at most 2 results
      When the sources are scraped
      Then 4 postings are stored

    Scenario Outline: A search on <board> for remote jobs only stores only remote postings
      Given a job-board search for "python developer in Berlin" on <board> for remote jobs only
      When the sources are scraped
      Then 1 posting is stored
      And every stored posting has work arrangement "remote"

      Examples:
        | board    |
        | Indeed   |
        | LinkedIn |

  Rule: A board that blocks us or is down is named with the reason, and the other board's postings are kept

    Scenario Outline: A blocked or failing board does not hide the other board's postings
      Given a job-board search for "python developer in Berlin" on LinkedIn and Indeed
      And the job board LinkedIn is <state>
      And a source that fails for a moment is not retried
      When the sources are scraped
      Then the postings found on Indeed are stored with the board they came from
      And the source "python developer in Berlin" is reported as successful because "<reason>"

      Examples:
        | state   | reason  |
        | blocked | blocked |
        | down    | 503     |

  Rule: A LinkedIn result is completed from its own job page, and kept as listed when that page cannot be read

    Scenario Outline: A LinkedIn posting has the <field> of its job page
      Given a job-board search for "python developer in Berlin" on LinkedIn
      When the sources are scraped
      Then the stored posting at "<address>" has <field> "<value>"

      Examples:
        | address                                       | field           | value    |
        | https://www.linkedin.com/jobs/view/4051234567 | minimum salary  | 60,000   |
        | https://www.linkedin.com/jobs/view/4051234569 | employment type | contract |

    Scenario: A LinkedIn result whose job page cannot be read is stored as the search listed it
      Given a job-board search for "python developer in Berlin" on LinkedIn
      And the job pages of the job board LinkedIn are blocked
      When the sources are scraped
      Then the postings found on LinkedIn are stored with the board they came from
      And the stored posting at "https://www.linkedin.com/jobs/view/4051234567" has minimum salary "nothing"

  Rule: The same job from a board and from the career site is one posting

    Scenario Outline: A result on <board> linking to the career page is stored once
      Given the career page of "ACME Robotics"
      And the job board <board> lists "Senior Robotics Software Engineer" of "ACME Robotics" with a link to its career page
      And a job-board search for "robotics software engineer" on <board>
      When the sources are scraped
      Then the posting "Senior Robotics Software Engineer" is stored once
      And 4 postings are stored

      Examples:
        | board    |
        | Indeed   |
        | LinkedIn |
