Feature: Sites that fail, block or misbehave
  Career sites go down, hang, hide behind bot walls or publish odd content. A
  scrape covers many sources, so one bad site must never cost the postings of
  the others, and every problem is reported with its reason: a bot challenge is
  "blocked", not "zero jobs". The scraper is also a polite guest: it honours
  robots.txt and never runs more sources at once than configured.

  Rule: One failing site never stops the others

    Scenario: Unreachable, failing and slow sites are reported while the others are stored
      Given these career pages:
        | address                                        |
        | https://careers.acme-robotics.com/jobs         |
        | https://careers.does-not-exist.example/jobs    |
        | https://careers.failing-corp.com/jobs          |
        | https://careers.slow-loris.io/jobs             |
      And a site that does not answer within 1 second counts as unreachable
      And a source that fails for a moment is not retried
      When the sources are scraped
      Then the postings of "ACME Robotics" are stored
      And the sources are reported as:
        | source                                      | outcome    | reason                |
        | https://careers.acme-robotics.com/jobs      | successful |                       |
        | https://careers.does-not-exist.example/jobs | failed     | could not be reached  |
        | https://careers.failing-corp.com/jobs       | failed     | HTTP 500              |
        | https://careers.slow-loris.io/jobs          | failed     | timed out             |

    Scenario: One slow site among fast ones times out alone
      Given the career page of "ACME Robotics"
      And 2 company career sites, one of which answers in 2 seconds
      And a site that does not answer within 1 second counts as unreachable
      When the sources are scraped
      Then the career site of "Example Company 02" is reported as failed because "timed out"
      And 6 postings are stored

    Scenario: A bot challenge is reported as blocked, not as zero jobs
      Given the career page of "Shielded Corp"
      When the sources are scraped
      Then the career page of "Shielded Corp" is reported as blocked
      And 0 postings are stored

    @boundary
    Scenario: A page larger than the limit is refused unread
      Given pages larger than 5 MB are refused
      And the career page of "Huge Pages"
      When the sources are scraped
      Then the source "https://careers.huge-pages.com/jobs" is reported as failed because "over the limit"

  Rule: Sites are scraped politely

    @concurrency
    Scenario: Ten companies are scraped, never more than five at once
      Given 10 company career sites that each answer in 0.2 seconds
      And at most 5 sources are scraped at once
      When the sources are scraped
      Then every source is reported as successful
      And 20 postings are stored
      And no more than 5 requests to the company sites were in flight at once

    Scenario: A site whose robots.txt forbids its job pages is not scraped
      Given robots.txt is respected
      And the career page of "Private Robots"
      When the sources are scraped
      Then the career page of "Private Robots" is reported as rejected
      And only the robots.txt of "careers.private-robots.com" was fetched
      And no posting of "Private Robots" is stored

    Scenario: Only as many posting pages as allowed are read from each company
      Given 2 company career sites with 3 postings each
      And at most 2 posting pages are read per company
      When the sources are scraped
      Then 2 postings of "Example Company 01" are stored
      And 4 postings are stored

  Rule: Hostile content is stored as plain text

    @security
    Scenario: A job title containing a script tag is stored as text
      Given the career page of "Evil Markup"
      When the sources are scraped
      Then the stored posting at "https://careers.evil-markup.com/jobs/7-platform-engineer" has title "Platform Engineer <script>alert(1)</script>"
