Feature: Career sites on hiring platforms
  Most companies publish their jobs through a hiring platform (Greenhouse, Lever,
  Ashby, Workable and others) whose public feed and pages always have the same shape.
  Reading them exactly is free, instant and right, so a model is only asked about
  pages that nothing exact explains. A live career site on a known platform is read
  from the platform's feed instead of page by page; a saved page, or a site whose feed
  is down, from the platform's page structure. Pay-transparency laws put salaries into
  the prose of a posting: those are found too, with their currency and period.

  Rule: A career site on a known platform is read from its feed, without a model

    Scenario Outline: Every posting of a career site on <platform> comes from its feed
      Given the career page of "<company>"
      When the sources are scraped
      Then every posting of "<company>" is stored with its title, company, location and salary
      And the postings of "<company>" were read from the <platform> feed without a model

      Examples:
        | platform   | company             |
        | Greenhouse | Lumen Grid          |
        | Lever      | Tidewater Analytics |
        | Ashby      | Quarry Health       |
        | Workable   | Mossgreen Studio    |

    Scenario: A career site whose feed is down is read from its pages, still without a model
      Given the career page of "Lumen Grid"
      And the Greenhouse feed is unavailable
      When the sources are scraped
      Then every posting of "Lumen Grid" is stored with its title, company, location and salary
      And no model was asked about the postings of "Lumen Grid"

  Rule: A salary written only in a posting's text is stored with its currency and period

    Scenario Outline: The pay in the description of a <platform> posting is its salary
      Given the career page of "<company>"
      When the sources are scraped
      Then the posting "<title>" is stored with a salary of <from> to <to> per <period>
      And the salary of "<title>" was read from the posting's text

      Examples:
        | platform   | company             | title                   | from    | to       | period |
        | Greenhouse | Lumen Grid          | Grid Software Engineer  | €70,000 | €88,000  | year   |
        | Lever      | Tidewater Analytics | Analytics Engineer      | $120,000 | $140,000 | year  |
        | Ashby      | Quarry Health       | Care Coordinator        | $28     | $34      | hour   |
        | Workable   | Mossgreen Studio    | Senior Product Designer | £62,000 | £74,000  | year   |

  Rule: A saved page of a platform gives its fields, and a saved job list every job on it

    Scenario Outline: A saved <platform> posting page gives its fields and their sources
      Given the page of the posting "<title>" saved to a file
      When the saved page is extracted
      Then the extracted posting has the title, company, location and salary of "<title>"
      And each field of the extracted posting names where it came from

      Examples:
        | platform   | title                    |
        | Greenhouse | Energy Market Analyst    |
        | Lever      | Senior Data Scientist    |
        | Ashby      | Clinical Product Manager |
        | Workable   | Motion Designer          |

    Scenario Outline: A saved <platform> job list gives every job on it
      Given the job list of "<company>" saved to a file
      When the saved page is extracted
      Then the extracted jobs are the postings of "<company>" with their addresses

      Examples:
        | platform   | company             |
        | Greenhouse | Lumen Grid          |
        | Lever      | Tidewater Analytics |
        | Ashby      | Quarry Health       |
        | Workable   | Mossgreen Studio    |

  Rule: Only a page nothing exact explains goes to the model route

    Scenario: A saved page of an unknown site without structured data needs a model
      Given the page of the posting "Senior Python Engineer" saved to a file
      And no model is available for pages without structured data
      When the saved page is extracted
      Then the saved page is reported as needing a model
